"""A social worker records a child's statutory pathway in the browser, from a school's referral to the first review
conference, and the pathway page shows what is due next after each step."""

import datetime as dt
import re

import pytest
from django.db import transaction
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from macpu.access.models import User
from macpu.core.actor import Actor
from macpu.events.models import Event
from macpu.events.tests.builders import feed_event, record
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_journeys import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _fill_date(scope: Page | Locator, legend: str, day: dt.date) -> None:
    group = scope.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _choose(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question, exact=True).get_by_label(answer, exact=True).check()


def _record_next(page: Page, title: str) -> None:
    """Follow the link to the step: among those due from the user's organisation, or under 'Other steps'."""
    due = page.locator("#next-steps").get_by_role("link", name=title, exact=True)
    if due.count():
        due.click()
    else:
        other = page.locator("#other-steps").get_by_role("link", name=title, exact=True)
        if not other.is_visible():
            page.locator("details.govuk-details summary").click()
        other.click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def _due(page: Page) -> Locator:
    return page.locator("#due")


def _recorded(page: Page, banner: str) -> None:
    expect(page.get_by_role("heading", name="Child protection pathway", level=1)).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text=banner)).to_be_visible()


@pytest.fixture
def known_to_school_and_gp(
    operator: Actor, child_of_council: Person, school: Organisation, gp_practice: Organisation
) -> Person:
    """The child's school and GP have each recorded something about her, as their systems send it to macpu."""
    subject = {
        "given_name": child_of_council.given_name,
        "family_name": child_of_council.family_name,
        "date_of_birth": child_of_council.date_of_birth.isoformat(),
        "nhs_number": child_of_council.identifiers.get().value,
        "nhs_number_verified": True,
    }
    with transaction.atomic():
        record(operator, feed_event("CPOMS-41", school.code, subject=subject, occurred_at="2026-07-03"))
        record(
            operator,
            feed_event(
                "GP-12",
                gp_practice.code,
                type="health_appointment",
                subject=subject,
                occurred_at="2026-06-15",
                details={"service": "gp", "outcome": "attended"},
            ),
        )
    return child_of_council


def test_a_social_worker_records_the_pathway_from_referral_to_the_first_review_conference(
    page: Page, live_server: LiveServer, known_to_school_and_gp: Person, police_force: Organisation, sw_amara: User
) -> None:
    child = known_to_school_and_gp
    sign_in(page, live_server, "sw.amara")
    page.goto(f"{live_server.url}/children/{child.id}/")
    page.get_by_role("link", name=f"See the pathway of {child.full_name}").click()
    expect(page.get_by_text("No step of the pathway has been recorded.")).to_be_visible()
    expect(page.get_by_text("Nothing is due.")).to_be_visible()
    assert_accessible(page)

    # The referral: a missing answer is named in the error summary, which links to the field.
    _record_next(page, "Record a referral")
    assert_accessible(page)
    page.get_by_role("button", name="Record").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    who = summary.get_by_role("link", name="Select who made the referral")
    expect(who).to_have_attribute("href", "#id_referrer_type_0")
    expect(summary.get_by_role("link", name="Enter the date", exact=True)).to_have_attribute(
        "href", "#id_occurred_on_0"
    )
    expect(summary.get_by_role("link", name="Enter what the referrer said")).to_have_attribute("href", "#id_summary")
    assert_accessible(page)
    who.click()
    expect(page.locator("#id_referrer_type_0")).to_be_focused()
    _fill_date(page, "When was the referral received?", dt.date(2026, 7, 6))
    expect(page.get_by_label("Time (24-hour clock)")).to_have_class(re.compile(r"\bgovuk-input--width-5\b"))
    page.get_by_label("Time (24-hour clock)").fill("10:05")
    _choose(page, "Who made the referral?", "A professional")
    page.get_by_label("Referrer's organisation").select_option(label="Hillside Primary School")
    page.get_by_label("Referrer's name").fill("Dev Patel")
    page.get_by_label("Referrer's role").fill("Designated safeguarding lead")
    page.get_by_role("group", name="What is the concern about?").get_by_label("Neglect").check()
    _choose(page, "Was there an injury?", "No")
    page.get_by_label("What the referrer said").fill("Came to school hungry and unwashed all week.")
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Referral recorded")
    expect(_due(page)).to_contain_text("Decide on the referral received 6 July 2026")
    expect(page.get_by_text("Open since 6 July 2026")).to_be_visible()

    # The decision: a date before the referral is refused, with the reason, and nothing is recorded.
    _record_next(page, "Record the decision on the referral")
    _fill_date(page, "When was the decision made?", dt.date(2026, 7, 5))
    _choose(page, "What was decided?", "Hold a strategy discussion (reasonable cause to suspect significant harm)")
    _choose(page, "Is the child at immediate risk?", "No")
    _choose(page, "Has a manager reviewed the decision?", "Yes")
    _choose(page, "Is the referral thought to be malicious?", "No")
    page.get_by_label("Why this decision").fill("Persistent neglect reported by the school.")
    page.get_by_role("button", name="Record").click()
    refused = "The date must be on or after 6 July 2026, when the referral was received."
    link = page.locator(".govuk-error-summary").get_by_role("link", name=refused)
    expect(link).to_have_attribute("href", "#id_occurred_on_0")
    expect(page.get_by_role("group", name="When was the decision made?")).to_contain_text(f"Error: {refused}")
    assert_accessible(page)
    assert not Event.objects.filter(type="referral_decision").exists()
    _fill_date(page, "When was the decision made?", dt.date(2026, 7, 6))
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Decision on the referral recorded")
    expect(_due(page)).to_contain_text("Hold the strategy discussion decided on 6 July 2026")
    expect(_due(page)).to_contain_text("Tell the referrer the outcome of the referral received 6 July 2026")

    _record_next(page, "Record that the referrer was told the outcome")
    _fill_date(page, "When was the referrer told?", dt.date(2026, 7, 7))
    page.get_by_label("What they were told, and how").fill("Phoned the DSL: a strategy discussion will be held.")
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Feedback to the referrer recorded")
    expect(_due(page)).not_to_contain_text("Tell the referrer")
    expect(_due(page)).to_contain_text("Hold the strategy discussion decided on 6 July 2026")

    # The strategy discussion: social care, the police and health take part; one action for the police.
    _record_next(page, "Record a strategy discussion")
    _fill_date(page, "When was the strategy discussion held?", dt.date(2026, 7, 7))
    page.get_by_label("Time (24-hour clock)").fill("14:30")
    page.get_by_label("Chair's name").fill("Amara Okafor")
    page.get_by_label("Chair's role").fill("Social worker")
    for question in ("Which organisations were invited?", "Which organisations took part?"):
        group = page.get_by_role("group", name=question)
        for name in ("Northbridge Children's Services", "Northbridge Police", "Riverside Medical Practice"):
            group.get_by_label(name, exact=True).check()
    # Each organisation that took part reveals the role of who came.
    page.get_by_label("Role of who took part for Northbridge Police").fill("Detective constable")
    _choose(page, "Was a section 47 enquiry decided?", "Yes: start a section 47 enquiry")
    page.get_by_label("Reasons for the decision").fill("Reasonable cause to suspect significant harm from neglect.")
    _choose(page, "Is it a joint enquiry with the police?", "No")
    page.get_by_label("Action 1", exact=True).fill("Police checks on the mother's partner")
    page.get_by_label("Organisation responsible for action 1").select_option(label="Northbridge Police")
    _fill_date(page, "Action 1 due by", dt.date(2026, 7, 10))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers before recording")).to_be_visible()
    answers = page.locator(".govuk-summary-list")
    expect(answers).to_contain_text("7 July 2026")
    expect(answers).to_contain_text("Northbridge Children's Services, Northbridge Police, Riverside Medical Practice")
    expect(answers).to_contain_text("Police checks on the mother's partner")
    assert_accessible(page)
    assert not Event.objects.filter(type="strategy_discussion").exists()  # nothing until it is confirmed
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Strategy discussion recorded")
    due = _due(page)
    expect(due).to_contain_text("Send the record of the strategy discussion of 7 July 2026 to every agency involved")
    expect(due).to_contain_text("Hold the initial child protection conference (section 47 enquiry from 7 July 2026)")
    police_checks = due.get_by_role("row", name=re.compile("Police checks on the mother's partner"))
    expect(police_checks).to_contain_text("10 July 2026")
    expect(police_checks).to_contain_text("Overdue")
    expect(police_checks).to_contain_text("Northbridge Police")
    expect(due).not_to_contain_text("Hold the strategy discussion")
    expect(page.get_by_text("No lead child protection practitioner is allocated")).to_be_visible()

    _record_next(page, "Record that the strategy discussion's record was sent")
    _fill_date(page, "When was the record sent?", dt.date(2026, 7, 8))
    group = page.get_by_role("group", name="Which organisations was it sent to?")
    for name in ("Northbridge Police", "Riverside Medical Practice", "Hillside Primary School"):
        group.get_by_label(name).check()
    _choose(page, "Lawful basis for sharing", "The duty to share information (Children Act 2004 s.16LA)")
    page.get_by_role("button", name="Record").click()
    _recorded(page, "The strategy discussion's record is marked as sent")
    expect(_due(page)).not_to_contain_text("Send the record")

    _record_next(page, "Record the outcome of the section 47 enquiry")
    _fill_date(page, "When did the enquiry conclude?", dt.date(2026, 7, 17))
    _choose(page, "What was the outcome?", "Concerns substantiated: an initial child protection conference is needed")
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Outcome of the section 47 enquiry recorded")
    expect(_due(page)).to_contain_text("Hold the initial child protection conference")

    # The initial conference makes a plan: checked before it is recorded.
    _record_next(page, "Record the initial child protection conference")
    _fill_date(page, "When was the conference held?", dt.date(2026, 7, 24))
    page.get_by_label("Conference chair's name").fill("Jo Bright")
    _choose(page, "Does the child need a child protection plan?", "Yes")
    _choose(page, "Category of the plan", "Neglect")
    page.get_by_label("Decisions and recommendations").fill("A child protection plan under neglect.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers before recording")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Neglect")
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Initial child protection conference recorded")
    due = _due(page)
    expect(due.get_by_role("row", name=re.compile("Hold the first core group"))).to_contain_text("7 August 2026")
    expect(due.get_by_role("row", name=re.compile("Hold the first review conference"))).to_contain_text(
        "24 October 2026"
    )
    expect(due).to_contain_text("Visit and see the child")
    expect(due).not_to_contain_text("Hold the initial child protection conference")
    expect(page.get_by_text("Child protection plan: 24 July 2026 to now")).to_be_visible()
    expect(page.get_by_text("No lead child protection practitioner is allocated")).to_be_visible()
    assert_accessible(page)

    _record_next(page, "Record an allocation")
    _fill_date(page, "From when?", dt.date(2026, 7, 24))
    _choose(page, "Which role?", "Lead child protection practitioner")
    page.get_by_label("Practitioner's name").fill("Amara Okafor")
    _choose(page, "Is the practitioner starting or stopping?", "Allocated")
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Allocation recorded")
    expect(
        page.get_by_text("Amara Okafor, lead child protection practitioner, Northbridge Children's Services")
    ).to_be_visible()
    expect(page.get_by_text("No lead child protection practitioner is allocated")).to_have_count(0)

    _record_next(page, "Record a core group meeting")
    _fill_date(page, "When did the core group meet?", dt.date(2026, 8, 3))
    group = page.get_by_role("group", name="Which organisations took part?")
    for name in ("Northbridge Children's Services", "Hillside Primary School", "Riverside Medical Practice"):
        group.get_by_label(name, exact=True).check()
    page.get_by_label("Progress against the plan").fill("Breakfast club started; attendance improving.")
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Core group meeting recorded")
    expect(_due(page)).not_to_contain_text("Hold the first core group")
    expect(_due(page)).to_contain_text("Hold the first review conference")

    _record_next(page, "Record a visit")
    _fill_date(page, "When was the visit?", dt.date(2026, 8, 5))
    _choose(page, "Was the child seen?", "Seen, and seen alone")
    page.get_by_label("The child's views, in their words").fill("I like breakfast club. Mum is sad a lot.")
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Visit recorded")
    expect(_due(page).get_by_role("row", name=re.compile("Visit and see the child"))).to_contain_text("26 August 2026")

    # The first review conference: the plan continues, and the next review is due six months on.
    _record_next(page, "Record a review child protection conference")
    _fill_date(page, "When was the conference held?", dt.date(2026, 10, 20))
    page.get_by_label("Conference chair's name").fill("Jo Bright")
    _choose(page, "Does the child need a child protection plan?", "Yes")
    _choose(page, "Category of the plan", "Neglect")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers before recording")).to_be_visible()
    page.get_by_role("button", name="Record").click()
    _recorded(page, "Review child protection conference recorded")
    due = _due(page)
    expect(due).not_to_contain_text("Hold the first review conference")
    expect(due.get_by_role("row", name=re.compile("Hold review conference 2"))).to_contain_text("20 April 2027")
    expect(page.get_by_text("Child protection plan: 24 July 2026 to now")).to_be_visible()
    history = page.get_by_role("table", name="Every step of the pathway, newest first")
    expect(history.get_by_role("row")).to_have_count(13)  # the header and 12 steps, the plan starting with the ICPC
    assert_accessible(page)
    assert Event.objects.filter(child=child, type="conference").count() == 2
    assert Event.objects.get(child=child, type="plan_started").details == {
        "plan_type": "child_protection",
        "category": "neglect",
    }

    # The social worker's tasks, and the school following the referral it made.
    page.get_by_role("link", name="Tasks", exact=True).click()
    expect(page.locator("#tasks")).to_contain_text("Hold review conference 2")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Due from Northbridge")).click()
    expect(page.locator("#tasks")).to_contain_text(child.full_name)
    assert_accessible(page)
    page.get_by_role("link", name="Referrals made", exact=True).click()
    expect(page.get_by_text("has made no referral that macpu knows of")).to_be_visible()
    assert_accessible(page)
