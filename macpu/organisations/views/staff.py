"""Joiners, movers and leavers: an organisation's administrators give and end its people's roles (dated
memberships) and sign a person out everywhere; system administrators also close accounts."""

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.models import Membership, User
from macpu.access.permissions import Permission
from macpu.access.roles import Role
from macpu.access.rules.policy import roles_grantable_by
from macpu.access.selectors import (
    organisation_ids_administered,
    sessions_of,
    staff_member_get,
    staff_membership_get,
    staff_memberships,
)
from macpu.access.services import Joiner, staff_close_account, staff_join, staff_leave, staff_sign_out_everywhere
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound
from macpu.organisations.forms import JoinerForm, LeaverForm
from macpu.organisations.models import Organisation
from macpu.organisations.selectors import organisations_list


def _administered(actor: Actor) -> list[Organisation]:
    ids = organisation_ids_administered(actor=actor, permission=Permission.STAFF_MANAGE)
    organisations = organisations_list()
    return list(organisations if ids is None else organisations.filter(id__in=ids))


def _organisation(actor: Actor, raw: str | None) -> Organisation:
    """The organisation asked for (`?organisation=`), or the actor's own; one they do not administer is missing."""
    administered = _administered(actor)
    wanted = raw or str(actor.organisation_id)
    found = next((o for o in administered if str(o.id) == wanted), None)
    if found is None:
        raise Http404
    return found


def _roles(actor: Actor) -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role if role in roles_grantable_by(actor.role)]


def _add_errors(form: Any, invalid: InvalidInput) -> None:
    for field, problems in invalid.errors.items():
        form.add_error(field if field in form.fields else None, problems)


def _page(request: ActorRequest, organisation: Organisation) -> dict[str, Any]:
    memberships = list(staff_memberships(actor=request.actor, organisation_id=organisation.id))
    return {
        "organisation": organisation,
        "organisations": _administered(request.actor),
        "current": [m for m in memberships if m.ended_at is None],
        "former": [m for m in memberships if m.ended_at is not None],
    }


class StaffListView(ProtectedView):
    permission = Permission.STAFF_MANAGE

    def get(self, request: ActorRequest) -> HttpResponse:
        organisation = _organisation(request.actor, request.GET.get("organisation"))
        return render(request, "organisations/staff_list.html", _page(request, organisation))


class StaffJoinView(ProtectedView):
    permission = Permission.STAFF_MANAGE

    def get(self, request: ActorRequest, organisation_id: uuid.UUID) -> HttpResponse:
        organisation = _organisation(request.actor, str(organisation_id))
        form = JoinerForm(roles=_roles(request.actor))
        return render(request, "organisations/staff_join.html", {"organisation": organisation, "form": form})

    def post(self, request: ActorRequest, organisation_id: uuid.UUID) -> HttpResponse:
        organisation = _organisation(request.actor, str(organisation_id))
        form = JoinerForm(request.POST, roles=_roles(request.actor))
        if form.is_valid():
            data = form.cleaned_data
            try:
                membership = staff_join(
                    actor=request.actor,
                    organisation_id=organisation.id,
                    joiner=Joiner.of(data),
                )
            except InvalidInput as invalid:
                _add_errors(form, invalid)
            else:
                who = membership.user.get_full_name() or membership.user.get_username()
                messages.success(request, f"{who} is now {Role(membership.role).label.lower()} here")
                return redirect(f"/staff/?organisation={organisation.id}")
        context = {"organisation": organisation, "form": form}
        return render(request, "organisations/staff_join.html", context, status=400)


def _membership(actor: Actor, membership_id: uuid.UUID) -> Membership:
    try:
        return staff_membership_get(actor=actor, membership_id=membership_id)
    except NotFound as error:
        raise Http404 from error


class StaffLeaveView(ProtectedView):
    permission = Permission.STAFF_MANAGE

    def get(self, request: ActorRequest, membership_id: uuid.UUID) -> HttpResponse:
        membership = _membership(request.actor, membership_id)
        context = {"membership": membership, "form": LeaverForm()}
        return render(request, "organisations/staff_leave.html", context)

    def post(self, request: ActorRequest, membership_id: uuid.UUID) -> HttpResponse:
        membership = _membership(request.actor, membership_id)
        form = LeaverForm(request.POST)
        if form.is_valid():
            try:
                membership = staff_leave(
                    actor=request.actor, membership_id=membership.id, ends_on=form.cleaned_data["ends_on"]
                )
            except InvalidInput as invalid:
                form.add_error("ends_on", invalid.errors.get("ends_on", [str(invalid)]))
            else:
                who = membership.user.get_full_name() or membership.user.get_username()
                messages.success(request, f"{who}'s role ends on {membership.ends_on:%-d %B %Y}")
                return redirect(f"/staff/?organisation={membership.organisation_id}")
        context = {"membership": membership, "form": form}
        return render(request, "organisations/staff_leave.html", context, status=400)


def _member(actor: Actor, user_id: uuid.UUID) -> User:
    try:
        return staff_member_get(actor=actor, user_id=user_id)
    except NotFound as error:
        raise Http404 from error


class StaffMemberView(ProtectedView):
    """One person: their roles in the organisations the actor administers, their sessions, and the ways to end
    them."""

    permission = Permission.STAFF_MANAGE

    def get(self, request: ActorRequest, user_id: uuid.UUID) -> HttpResponse:
        person = _member(request.actor, user_id)
        administered = organisation_ids_administered(actor=request.actor, permission=Permission.STAFF_MANAGE)
        memberships = list(person.memberships.select_related("organisation").order_by("-starts_on"))
        context = {
            "person": person,
            "memberships": [m for m in memberships if administered is None or m.organisation_id in administered],
            "sessions": len(sessions_of(user_id=person.id)),
            "may_close": request.actor.role == Role.SYSTEM_ADMINISTRATOR,
        }
        return render(request, "organisations/staff_member.html", context)


class StaffSignOutView(ProtectedView):
    permission = Permission.STAFF_MANAGE

    def post(self, request: ActorRequest, user_id: uuid.UUID) -> HttpResponse:
        person = _member(request.actor, user_id)
        try:
            ended = staff_sign_out_everywhere(actor=request.actor, user_id=person.id)
        except InvalidInput as invalid:
            messages.warning(request, " ".join(invalid.errors["user_id"]))
        else:
            messages.success(request, f"{ended} session{'s' if ended != 1 else ''} of {person.get_username()} ended")
        return redirect("organisations:staff-member", user_id=person.id)


class StaffCloseAccountView(ProtectedView):
    permission = Permission.STAFF_MANAGE

    def post(self, request: ActorRequest, user_id: uuid.UUID) -> HttpResponse:
        person = _member(request.actor, user_id)
        try:
            staff_close_account(actor=request.actor, user_id=person.id)  # refused (403, audited) unless a sysadmin
        except InvalidInput as invalid:
            messages.warning(request, " ".join(invalid.errors["user_id"]))
        else:
            messages.success(request, f"{person.get_username()}'s account is closed: they can no longer sign in")
        return redirect("organisations:staff-member", user_id=person.id)
