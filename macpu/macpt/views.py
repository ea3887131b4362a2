"""The MACPU team pages: everyone signed in reads the area's teams; team managers and administrators change them."""

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core.errors import InvalidInput, NotFound
from macpu.macpt.forms import LeavingForm, MemberForm, TeamForm
from macpu.macpt.models import MacpTeam, MacpTeamMember
from macpu.macpt.selectors import area_for, member_get, team_get, teams_overview
from macpu.macpt.services import macp_member_add, macp_member_leave, macp_team_create
from macpu.organisations.models import Area


def _area(request: ActorRequest) -> Area:
    area = area_for(request.actor)
    if area is None:
        raise Http404("macpu has no area whose teams could be changed")
    return area


def _team(request: ActorRequest, team_id: uuid.UUID) -> MacpTeam:
    try:
        return team_get(actor=request.actor, team_id=team_id)
    except NotFound as error:
        raise Http404 from error


def _add_errors(form: forms.Form, error: InvalidInput) -> None:
    for field, problems in error.errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


def _form_page(request: ActorRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    return render(request, f"macpt/{template}", context, status=status)


class TeamsView(ProtectedView):
    """The area's teams, each with its members and a warning for each statutory place no member fills."""

    permission = Permission.WORKSPACE_USE

    def get(self, request: ActorRequest) -> HttpResponse:
        area = area_for(request.actor)
        context = {
            "area": area,
            "teams": teams_overview(area=area) if area else [],
            "may_change": area is not None and role_grants(request.actor.role, Permission.MACPT_MANAGE),
        }
        return render(request, "macpt/teams.html", context)


class TeamAddView(ProtectedView):
    permission = Permission.MACPT_MANAGE

    def get(self, request: ActorRequest) -> HttpResponse:
        return _form_page(request, "team_form.html", area=_area(request), form=TeamForm())

    def post(self, request: ActorRequest) -> HttpResponse:
        area, form = _area(request), TeamForm(request.POST)
        if form.is_valid():
            try:
                team = macp_team_create(actor=request.actor, area=area, **form.cleaned_data)
            except InvalidInput as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"{team.name} added")
                return redirect("macpt:teams")
        return _form_page(request, "team_form.html", status=400, area=area, form=form)


class MemberAddView(ProtectedView):
    permission = Permission.MACPT_MANAGE

    def get(self, request: ActorRequest, team_id: uuid.UUID) -> HttpResponse:
        return _form_page(request, "member_form.html", team=_team(request, team_id), form=MemberForm())

    def post(self, request: ActorRequest, team_id: uuid.UUID) -> HttpResponse:
        team, form = _team(request, team_id), MemberForm(request.POST)
        if form.is_valid():
            data = {**form.cleaned_data, "organisation_id": uuid.UUID(form.cleaned_data["organisation_id"])}
            try:
                member = macp_member_add(actor=request.actor, team=team, **data)
            except InvalidInput as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"{member.name} added to {team.name}")
                return redirect("macpt:teams")
        return _form_page(request, "member_form.html", status=400, team=team, form=form)


def _member(request: ActorRequest, team_id: uuid.UUID, member_id: uuid.UUID) -> MacpTeamMember:
    try:
        return member_get(team=_team(request, team_id), member_id=member_id)
    except NotFound as error:
        raise Http404 from error


class MemberLeftView(ProtectedView):
    permission = Permission.MACPT_MANAGE

    def get(self, request: ActorRequest, team_id: uuid.UUID, member_id: uuid.UUID) -> HttpResponse:
        member = _member(request, team_id, member_id)
        return _form_page(request, "leaving_form.html", member=member, form=LeavingForm())

    def post(self, request: ActorRequest, team_id: uuid.UUID, member_id: uuid.UUID) -> HttpResponse:
        member, form = _member(request, team_id, member_id), LeavingForm(request.POST)
        if form.is_valid():
            try:
                macp_member_leave(actor=request.actor, member=member, **form.cleaned_data)
            except InvalidInput as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"{member.name} has left {member.team.name}")
                return redirect("macpt:teams")
        return _form_page(request, "leaving_form.html", status=400, member=member, form=form)
