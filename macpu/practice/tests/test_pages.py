"""The practice profile and glossary pages, and glossary terms shown in place (escaped, linked, explained)."""

import datetime as dt
from typing import Any

import pytest
from django.template import Context, Template

from macpu.access.models import User
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.people.models import Person
from macpu.practice.models import GlossaryTerm, PracticeProfileVersion
from macpu.practice.selectors import glossary_matcher
from macpu.practice.templatetags.glossary import glossary_html
from macpu.practice.tests.conftest import SCHOOL_PROFILE, publish, slower
from tests.builders import actor_of, signed_in_client

pytestmark = pytest.mark.django_db


def _form(**changes: str) -> dict[str, str]:
    today = dt.date(2026, 11, 27)
    data = {
        "version": "0",
        "safeguarding_role": "Keeps pupils safe",
        "referral_route": "Call the DSL",
        "threshold_document_title": "",
        "threshold_document_url": "",
        "escalation_route": "DSL, then the headteacher",
        "lead_1_name": "Dev Patel",
        "lead_1_role": "DSL",
        "lead_1_office_hours": "01632 960300",
        "consent_practice": "before_referral",
        "consent_explanation": "Before a referral, unless it would put the child at risk",
        "strategy_discussion_attendees": "The DSL",
        "records_held": "Safeguarding records",
        "terms": "DSL",
        "effective_from_day": str(today.day),
        "effective_from_month": str(today.month),
        "effective_from_year": str(today.year),
    }
    for commitment in (
        "acknowledge_referral",
        "report_initial_conference",
        "report_review_conference",
        "answer_information_request",
    ):
        data[f"{commitment}_value"] = "2"
        data[f"{commitment}_unit"] = "working_days"
    return data | changes


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to("2026-11-27 10:00:00+00:00", tick=False)


def test_the_list_shows_each_organisation_and_whether_it_has_a_profile(
    gp_ben: User, dsl_dev: User, school: Organisation, glossary: int
) -> None:
    publish(actor_of(dsl_dev), school)
    page = signed_in_client(gp_ben).get("/practice-profiles/").content.decode()
    assert "Hillside Primary School" in page
    assert "Version 1" in page
    assert "Not published" in page


def test_the_lead_publishes_from_the_form_and_errors_name_each_field(
    dsl_dev: User, school: Organisation, glossary: int
) -> None:
    client = signed_in_client(dsl_dev)
    assert client.get(f"/practice-profiles/{school.code}/edit/").status_code == 200
    refused = client.post(
        f"/practice-profiles/{school.code}/edit/",
        _form(lead_1_name="", referral_route="", acknowledge_referral_value="x"),
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_referral_route">Enter how to refer a child to the organisation' in page
    assert 'href="#id_lead_1_name">Enter safeguarding lead 1&#x27;s name' in page
    assert 'href="#id_acknowledge_referral_value">The timescale must be a whole number from 0 to 365' in page
    assert not PracticeProfileVersion.objects.exists()
    published = client.post(f"/practice-profiles/{school.code}/edit/", _form())
    assert published.status_code == 302
    shown = client.get(published["Location"]).content.decode()
    assert "Version 1 published" in shown
    assert "Within 2 working days" in shown


def test_a_stale_form_is_refused_with_409(dsl_dev: User, school: Organisation, glossary: int) -> None:
    publish(actor_of(dsl_dev), school)
    response = signed_in_client(dsl_dev).post(f"/practice-profiles/{school.code}/edit/", _form(version="0"))
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()


def test_another_organisations_lead_may_not_open_the_form(dsl_dev: User, council: Organisation) -> None:
    assert signed_in_client(dsl_dev).get(f"/practice-profiles/{council.code}/edit/").status_code == 403


def test_an_earlier_version_stays_readable_from_the_history(
    dsl_dev: User, gp_ben: User, school: Organisation, glossary: int
) -> None:
    publish(actor_of(dsl_dev), school)
    publish(actor_of(dsl_dev), school, slower(SCHOOL_PROFILE), expected_version=1, change_note="Slower")
    client = signed_in_client(gp_ben)
    current = client.get(f"/practice-profiles/{school.code}/").content.decode()
    assert "Version 2, in effect from" in current
    assert "?version=1" in current
    assert "Slower" in current
    earlier = client.get(f"/practice-profiles/{school.code}/?version=1").content.decode()
    assert "This is version 1, an earlier version" in earlier
    assert "Within 1 working day" in earlier
    assert client.get(f"/practice-profiles/{school.code}/?version=9").status_code == 404
    assert client.get("/practice-profiles/NOPE/").status_code == 404


def test_compare_marks_differing_rows_and_asks_for_two(
    dsl_dev: User, admin_sam: User, gp_ben: User, school: Organisation, council: Organisation, glossary: int
) -> None:
    publish(actor_of(dsl_dev), school)
    publish(actor_of(admin_sam), council, slower(SCHOOL_PROFILE))
    client = signed_in_client(gp_ben)
    assert client.get("/practice-profiles/compare/").status_code == 200
    page = client.get(f"/practice-profiles/compare/?org={school.code}&org={council.code}").content.decode()
    assert page.count("app-compare__row--differs") == 4
    one = client.get(f"/practice-profiles/compare/?org={school.code}")
    assert one.status_code == 400
    assert "Choose at least two organisations to compare" in one.content.decode()


def test_the_glossary_page_lists_terms_as_anchors_and_searches(gp_ben: User, glossary: int) -> None:
    client = signed_in_client(gp_ben)
    page = client.get("/glossary/").content.decode()
    assert 'id="term-dna"' in page
    assert 'id="letter-D"' in page
    assert "Add a term" not in page
    found = client.get("/glossary/?q=exploitation").content.decode()
    assert 'id="term-cse"' in found
    assert 'id="term-cce"' in found
    assert 'id="term-dna"' not in found


def test_a_glossary_manager_adds_and_changes_terms_from_the_pages(analyst_ali: User, glossary: int) -> None:
    client = signed_in_client(analyst_ali)
    refused = client.post("/glossary/new/", {"term": "", "expansion": "", "meaning": ""})
    assert refused.status_code == 400
    assert "Enter the term" in refused.content.decode()
    added = client.post(
        "/glossary/new/",
        {
            "term": "PEP",
            "is_abbreviation": "yes",
            "expansion": "personal education plan",
            "meaning": "A plan",
            "sectors": ["education"],
        },
    )
    assert added.status_code == 302
    assert added["Location"].endswith("#term-pep")
    term = GlossaryTerm.objects.get(term="PEP")
    changed = client.post(
        f"/glossary/{term.id}/edit/",
        {
            "term": "PEP",
            "is_abbreviation": "yes",
            "expansion": "changed",
            "meaning": "A plan",
            "sectors": ["education"],
            "version": "1",
        },
    )
    assert changed.status_code == 302
    assert client.post(f"/glossary/{term.id}/remove/").status_code == 302
    assert not GlossaryTerm.objects.filter(term="PEP").exists()


def test_terms_are_shown_in_place_linked_to_their_entry_and_nothing_from_the_text_is_unescaped(glossary: int) -> None:
    html = glossary_html('Child DNA <script>alert("x")</script> & was not brought', glossary_matcher())
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html
    assert (
        '<a class="govuk-link app-glossary-term" href="/glossary/#term-dna">DNA<span class="govuk-visually-hidden"> '
        "(glossary: did not attend (a health appointment))</span></a>"
    ) in html
    assert 'href="/glossary/#term-was-not-brought">was not brought<' in html


def test_the_tag_escapes_text_marked_safe_elsewhere(glossary: int) -> None:
    from django.utils.safestring import mark_safe

    rendered = Template("{% load glossary %}{% glossary text %}").render(Context({"text": mark_safe("<b>CIN</b>")}))
    assert "<b>" not in rendered
    assert "&lt;b&gt;" in rendered
    assert "#term-cin" in rendered


def test_a_chronology_entry_shows_a_glossary_term_in_place(
    operator: Actor, sw_amara: User, child_of_council: Person, council: Organisation, glossary: int
) -> None:
    from macpu.events.tests.builders import feed_event, record

    nhs_number = child_of_council.identifiers.filter(scheme="nhs_number").get().value
    subject = {"nhs_number": nhs_number, "nhs_number_verified": True}
    payload = feed_event(
        "CSC-GL-1", council.code, subject=subject, summary="Child DNA at the clinic; CIN plan reviewed"
    )
    assert record(operator, payload).event is not None
    page = signed_in_client(sw_amara).get(f"/children/{child_of_council.id}/chronology/").content.decode()
    assert 'href="/glossary/#term-dna">DNA<span class="govuk-visually-hidden"> (glossary: did not attend' in page
    assert 'href="/glossary/#term-cin">CIN<' in page
