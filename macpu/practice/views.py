"""The practice profile pages (list, profile with its history, edit, compare) and the glossary pages."""

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core.errors import InvalidInput, NotFound, StaleEdit
from macpu.organisations.models import Organisation, Team
from macpu.organisations.rules.vocabulary import SECTOR_LABELS
from macpu.practice.forms import CompareForm, ProfileForm, TermForm, profile_initial, term_initial
from macpu.practice.models import GlossaryTerm
from macpu.practice.rules.profile import COMMITMENT_LABELS, CONSENT_LABELS
from macpu.practice.selectors import (
    glossary_term_get,
    glossary_terms,
    may_maintain,
    organisation_by_key,
    organisations_for_comparison,
    profile_version,
    profile_versions,
    profile_view,
    profiles_compare_current,
    profiles_list,
    team_of,
)
from macpu.practice.services import (
    glossary_term_add,
    glossary_term_change,
    glossary_term_remove,
    profile_publish,
    require_profile_maintainer,
)


def _found(organisation: str, team_id: uuid.UUID | None = None) -> tuple[Organisation, Team | None]:
    try:
        found = organisation_by_key(organisation)
        return found, None if team_id is None else team_of(organisation=found, team_id=team_id)
    except NotFound as error:
        raise Http404 from error


def _add_errors(form: forms.Form, error: InvalidInput, field_for: Any = None) -> None:
    for key, problems in error.errors.items():
        field = field_for(key) if field_for else (key if key in form.fields else None)
        for problem in problems:
            form.add_error(field, problem)


class ProfilesView(ProtectedView):
    """Every organisation, its sector, whether it has a profile and when it was last updated."""

    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        return render(request, "practice/profiles.html", {"listings": profiles_list()})


def _profile_context(request: ActorRequest, organisation: Organisation, team: Team | None) -> dict[str, Any]:
    view = profile_view(organisation=organisation, team=team)
    shown = view.current
    asked = request.GET.get("version", "")
    if asked:
        try:
            shown = profile_version(organisation=organisation, team=team, number=int(asked))
        except (ValueError, NotFound) as error:
            raise Http404("No such version of this profile") from error
    teams_without = [t for t in organisation.teams.all() if t not in view.teams_with_profiles] if team is None else []
    return {
        "organisation": organisation,
        "team": team,
        "view": view,
        "shown": shown,
        "content": shown.content() if shown else None,
        "versions": profile_versions(organisation=organisation, team=team),
        "may_edit": may_maintain(actor=request.actor, organisation=organisation),
        "teams_without_profiles": teams_without,
        "consent_labels": {c.value: label for c, label in CONSENT_LABELS.items()},
        "commitment_labels": COMMITMENT_LABELS,
    }


class ProfileView(ProtectedView):
    """An organisation's profile (or an earlier version, `?version=N`), with every version it has published."""

    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    def get(self, request: ActorRequest, organisation: str, team_id: uuid.UUID | None = None) -> HttpResponse:
        found, team = _found(organisation, team_id)
        return render(request, "practice/profile.html", _profile_context(request, found, team))


def _profile_url(organisation: Organisation, team: Team | None) -> str:
    if team is None:
        return reverse("practice:profiles-detail", args=[organisation.code])
    return reverse("practice:profiles-team", args=[organisation.code, team.id])


class ProfileEditView(ProtectedView):
    """The organisation's safeguarding lead writes the next version of its profile (or a team's) and publishes it."""

    permission = Permission.PRACTICE_PROFILE_MAINTAIN

    def _page(
        self, request: ActorRequest, organisation: Organisation, team: Team | None, form: ProfileForm, status: int = 200
    ) -> HttpResponse:
        context = {"organisation": organisation, "team": team, "form": form, "back": _profile_url(organisation, team)}
        return render(request, "practice/profile_form.html", context, status=status)

    def get(self, request: ActorRequest, organisation: str, team_id: uuid.UUID | None = None) -> HttpResponse:
        found, team = _found(organisation, team_id)
        require_profile_maintainer(request.actor, found)
        view = profile_view(organisation=found, team=team)
        start = view.content or (None if team is None else profile_view(organisation=found).content)
        return self._page(request, found, team, ProfileForm(initial=profile_initial(start, view.version)))

    def post(self, request: ActorRequest, organisation: str, team_id: uuid.UUID | None = None) -> HttpResponse:
        found, team = _found(organisation, team_id)
        require_profile_maintainer(request.actor, found)
        form = ProfileForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                version = profile_publish(
                    actor=request.actor,
                    organisation=found,
                    team=team,
                    expected_version=form.cleaned_data["version"],
                    content=form.content(),
                    effective_from=form.cleaned_data["effective_from"],
                    change_note=form.cleaned_data["change_note"],
                )
            except InvalidInput as error:
                _add_errors(form, error, form.field_for)
            except StaleEdit as stale:
                form.add_error(None, str(stale))
                status = 409
            else:
                messages.success(request, f"Version {version.number} published")
                return redirect(_profile_url(found, team))
        return self._page(request, found, team, form, status=status)


def _organisation_choices() -> list[tuple[str, str]]:
    return [(listing.organisation.code, listing.organisation.name) for listing in profiles_list()]


class CompareView(ProtectedView):
    """Choose two or more organisations; see their current profiles side by side, differences marked."""

    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        choices = _organisation_choices()
        asked = "org" in request.GET
        form = CompareForm(request.GET if asked else None, organisations=choices)
        comparison = None
        if asked and form.is_valid():
            organisations = organisations_for_comparison(keys=form.cleaned_data["org"])
            comparison = profiles_compare_current(organisations=organisations)
        status = 400 if asked and form.errors else 200
        return render(request, "practice/compare.html", {"form": form, "comparison": comparison}, status=status)


class GlossaryView(ProtectedView):
    """The shared glossary, A to Z, each term an anchor; `?q=` narrows it to the terms that mention the words."""

    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        query = request.GET.get("q", "").strip()[:100]
        terms = glossary_terms(query=query)
        letters = sorted({term.term[0].upper() for term in terms})
        context = {
            "terms": terms,
            "query": query,
            "letters": letters,
            "may_change": role_grants(request.actor.role, Permission.GLOSSARY_MANAGE),
            "sector_labels": {sector.value: label for sector, label in SECTOR_LABELS.items()},
        }
        return render(request, "practice/glossary.html", context)


def _term(term_id: uuid.UUID) -> GlossaryTerm:
    try:
        return glossary_term_get(term_id=term_id)
    except NotFound as error:
        raise Http404 from error


def _term_page(request: ActorRequest, form: TermForm, term: GlossaryTerm | None, status: int = 200) -> HttpResponse:
    return render(request, "practice/term_form.html", {"form": form, "term": term}, status=status)


class TermAddView(ProtectedView):
    permission = Permission.GLOSSARY_MANAGE

    def get(self, request: ActorRequest) -> HttpResponse:
        return _term_page(request, TermForm(initial={"is_abbreviation": "yes"}), None)

    def post(self, request: ActorRequest) -> HttpResponse:
        form = TermForm(request.POST)
        if form.is_valid():
            try:
                term = glossary_term_add(actor=request.actor, given=form.term_input())
            except InvalidInput as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"{term.term} added to the glossary")
                return redirect(f"{reverse('practice:glossary')}#term-{term.slug}")
        return _term_page(request, form, None, status=400)


class TermEditView(ProtectedView):
    permission = Permission.GLOSSARY_MANAGE

    def get(self, request: ActorRequest, term_id: uuid.UUID) -> HttpResponse:
        term = _term(term_id)
        return _term_page(request, TermForm(initial=term_initial(term), editing=term), term)

    def post(self, request: ActorRequest, term_id: uuid.UUID) -> HttpResponse:
        term = _term(term_id)
        form = TermForm(request.POST, editing=term)
        status = 400
        if form.is_valid():
            try:
                glossary_term_change(
                    actor=request.actor,
                    term=term,
                    expected_version=form.cleaned_data["version"] or 0,
                    given=form.term_input(),
                )
            except InvalidInput as error:
                _add_errors(form, error)
            except StaleEdit as stale:
                form.add_error(None, str(stale))
                status = 409
            else:
                messages.success(request, f"{term.term} changed")
                return redirect(f"{reverse('practice:glossary')}#term-{term.slug}")
        return _term_page(request, form, term, status=status)


class TermRemoveView(ProtectedView):
    permission = Permission.GLOSSARY_MANAGE

    def post(self, request: ActorRequest, term_id: uuid.UUID) -> HttpResponse:
        term = _term(term_id)
        try:
            glossary_term_remove(actor=request.actor, term=term)
        except InvalidInput as error:
            messages.error(request, " ".join(error.errors["term"]))
            return redirect(f"{reverse('practice:glossary-edit', args=[term.id])}")
        messages.success(request, f"{term.term} removed from the glossary")
        return redirect("practice:glossary")
