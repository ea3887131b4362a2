import datetime as dt
import uuid

from macpu.chronology.rules.same_fact import CLOSE_IN_TIME, Told, same_facts, why_the_same

POLICE, SCHOOL, COUNCIL = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
NAMES = {POLICE: "Northbridge Police", SCHOOL: "Oakfield Primary", COUNCIL: "Northbridge Council"}
EVENING = dt.datetime(2026, 2, 1, 22, 15, tzinfo=dt.UTC)


def told(
    organisation: uuid.UUID,
    type: str = "police_incident",
    at: dt.datetime | None = EVENING,
    on: dt.date = dt.date(2026, 2, 1),
    recorded: dt.datetime = EVENING,
    ref: uuid.UUID | None = None,
    agreed: tuple[object, ...] = (True,),
) -> Told:
    return Told(uuid.uuid4(), organisation, NAMES[organisation], type, "Police incident", on, at, recorded, ref, agreed)


def test_a_record_naming_another_organisations_record_of_the_same_kind_is_the_same_occurrence() -> None:
    police = told(POLICE)
    school = told(SCHOOL, at=None, on=dt.date(2026, 2, 2), ref=police.id)  # told the next morning
    assert (
        why_the_same(police, school)
        == "Oakfield Primary's record names Northbridge Police's record of it as its source."
    )
    assert why_the_same(school, police) == why_the_same(police, school)


def test_the_same_kind_of_occurrence_on_the_same_day_close_in_time_is_the_same_occurrence() -> None:
    police = told(POLICE)
    school = told(SCHOOL, at=EVENING + dt.timedelta(minutes=40))
    assert why_the_same(police, school) == (
        "Northbridge Police and Oakfield Primary both record “Police incident” on 1 February 2026, 40 minutes apart."
    )
    dated_only = told(SCHOOL, at=None)
    assert why_the_same(police, dated_only) == (
        "Northbridge Police and Oakfield Primary both record “Police incident” on the same day, 1 February 2026."
    )


def test_records_that_differ_in_time_day_details_kind_or_come_from_one_organisation_are_not_joined() -> None:
    police = told(POLICE)
    assert why_the_same(police, told(SCHOOL, at=EVENING + CLOSE_IN_TIME + dt.timedelta(minutes=1))) is None
    assert why_the_same(police, told(SCHOOL, at=None, on=dt.date(2026, 2, 2))) is None
    assert why_the_same(police, told(SCHOOL, agreed=(False,))) is None  # one says domestic abuse, one not
    assert why_the_same(police, told(POLICE, at=EVENING + dt.timedelta(minutes=5))) is None
    assert why_the_same(police, told(SCHOOL, type="unscheduled_care")) is None


def test_two_agencies_concerns_on_one_day_stay_two_entries_unless_one_names_the_other() -> None:
    school = told(SCHOOL, type="concern", agreed=())
    gp = told(COUNCIL, type="concern", agreed=())
    assert why_the_same(school, gp) is None
    assert why_the_same(school, told(COUNCIL, type="concern", agreed=(), ref=school.id)) is not None


def test_an_occurrence_is_led_by_its_earliest_recorded_record_and_gathers_every_organisations_record() -> None:
    school = told(SCHOOL, recorded=EVENING + dt.timedelta(hours=10))
    police = told(POLICE, recorded=EVENING)
    council = told(COUNCIL, recorded=EVENING + dt.timedelta(days=1))
    unrelated = told(SCHOOL, type="concern", agreed=())
    [fact] = same_facts([school, unrelated, council, police])
    assert [t.id for t in fact.told] == [police.id, school.id, council.id]
    assert fact.first == police
    assert len(fact.reasons) == 2


def test_a_split_pair_is_never_joined_again_though_others_still_are() -> None:
    police = told(POLICE)
    school = told(SCHOOL, recorded=EVENING + dt.timedelta(hours=1))
    council = told(COUNCIL, recorded=EVENING + dt.timedelta(hours=2))
    facts = same_facts([police, school, council], split={frozenset((police.id, school.id))})
    assert [[t.id for t in f.told] for f in facts] == [[police.id, council.id]]
    assert same_facts([police, school], split={frozenset((school.id, police.id))}) == []
