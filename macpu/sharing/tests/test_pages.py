"""The sharing history page and the form 'Record information shared, or a decision not to share'."""

import pytest

from macpu.access.models import User
from macpu.events.models import Event
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.builders import signed_in_client

pytestmark = pytest.mark.django_db

A_SHARE = {
    "decision": "shared",
    "occurred_on_day": "5",
    "occurred_on_month": "3",
    "occurred_on_year": "2026",
    "shared_with": ["123456"],
    "what": "The outcome of the strategy discussion",
    "reason": "So the school can watch for signs of harm",
    "lawful_basis": "public_task",
    "special_category": "yes",
    "article_9_condition": "substantial_public_interest",
    "dpa_condition": "sch1_para18_safeguarding_children",
    "consent": "not_sought",
    "consent_reason": "Asking would put her at risk",
    "decided_by": "Amara Okafor",
    "decided_by_role": "Social worker",
}


@pytest.fixture
def url(child_of_council: Person, school: Organisation) -> str:
    return f"/children/{child_of_council.id}/sharing/"


def test_the_child_s_record_links_to_the_sharing_history(sw_amara: User, child_of_council: Person) -> None:
    page = signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/").content.decode()
    assert f'href="/children/{child_of_council.id}/sharing/"' in page


def test_the_form_says_consent_never_blocks_sharing_and_defaults_who_decided(sw_amara: User, url: str) -> None:
    page = signed_in_client(sw_amara).get(f"{url}record/").content.decode()
    assert "Lack of consent never stops you sharing information to protect a child" in page
    assert 'value="Amara Okafor"' in page
    assert "Article 6(1)(e) public task" in page
    assert "Schedule 1 paragraph 18: safeguarding of children and individuals at risk" in page
    assert "Hillside Primary School" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"decision": ""}, "Select whether it was shared"),
        ({"shared_with": []}, "Select the organisations it was shared with, or not shared with"),
        ({"lawful_basis": ""}, "Select the lawful basis for sharing"),
        ({"consent_reason": ""}, "Say why consent was not sought, or what was refused"),
        ({"decided_by": ""}, "Enter the name of the person who decided"),
        ({"occurred_on_year": "2099"}, "The date must be today or in the past"),
        ({"dpa_condition": "sch8_para4_safeguarding_children"}, "Schedule 8 is only for law enforcement processing"),
    ],
)
def test_bad_answers_are_named_in_the_error_summary_and_nothing_is_saved(
    sw_amara: User, url: str, changes: dict[str, object], message: str
) -> None:
    response = signed_in_client(sw_amara).post(f"{url}record/", {**A_SHARE, **changes})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not Event.objects.filter(type="information_shared").exists()


def test_a_share_and_a_decision_not_to_share_are_recorded_and_shown(sw_amara: User, url: str) -> None:
    client = signed_in_client(sw_amara)
    done = client.post(f"{url}record/", A_SHARE, follow=True)
    assert done.redirect_chain[-1][0] == url
    assert "Information shared: recorded in" in done.content.decode()
    withheld = {
        **A_SHARE,
        "decision": "not_shared",
        "what": "Her brother's health records",
        "reason": "Not relevant",
        "consent": "refused",
        "consent_reason": "Mother refused",
    }
    client.post(f"{url}record/", withheld)
    page = client.get(url).content.decode()
    assert page.index("Services decided not to share") < page.index("Services shared information")
    assert "Refused: Mother refused" in page
    assert "Data Protection Act 2018 Schedule 1 paragraph 18" in page
    [kept] = Event.objects.filter(details__decision="not_shared")
    assert "lawful_basis" not in kept.details
    assert "dpa_condition" not in kept.details
