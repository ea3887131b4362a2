"""The organisation directory, and the contact numbers administrators keep up to date."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.core.errors import NotFound, StaleEdit
from macpu.organisations.forms import ContactsForm
from macpu.organisations.models import Organisation
from macpu.organisations.selectors import organisation_get, organisations_list
from macpu.organisations.services import organisation_contacts_update


def _organisation(organisation_id: uuid.UUID) -> Organisation:
    try:
        return organisation_get(organisation_id=organisation_id)
    except NotFound as error:
        raise Http404 from error


class OrganisationListView(ProtectedView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        return render(request, "organisations/organisation_list.html", {"organisations": organisations_list()})


class OrganisationDetailView(ProtectedView):
    permission = Permission.ORGANISATION_DIRECTORY_VIEW

    def get(self, request: ActorRequest, organisation_id: uuid.UUID) -> HttpResponse:
        return render(
            request, "organisations/organisation_detail.html", {"organisation": _organisation(organisation_id)}
        )


class OrganisationContactsView(ProtectedView):
    permission = Permission.ORGANISATION_MANAGE

    def get(self, request: ActorRequest, organisation_id: uuid.UUID) -> HttpResponse:
        organisation = _organisation(organisation_id)
        form = ContactsForm(
            initial={
                "office_hours_phone": organisation.office_hours_phone,
                "out_of_hours_phone": organisation.out_of_hours_phone,
                "version": organisation.version,
            }
        )
        return render(request, "organisations/contacts_form.html", {"organisation": organisation, "form": form})

    def post(self, request: ActorRequest, organisation_id: uuid.UUID) -> HttpResponse:
        organisation = _organisation(organisation_id)
        form = ContactsForm(request.POST)
        if form.is_valid():
            try:
                organisation_contacts_update(
                    actor=request.actor,
                    organisation=organisation,
                    expected_version=form.cleaned_data["version"],
                    office_hours_phone=form.cleaned_data["office_hours_phone"],
                    out_of_hours_phone=form.cleaned_data["out_of_hours_phone"],
                )
            except StaleEdit as stale:
                form.add_error(None, str(stale))
            else:
                messages.success(request, "Contact numbers saved")
                return redirect("organisations:organisation-detail", organisation_id=organisation.id)
        return render(
            request,
            "organisations/contacts_form.html",
            {"organisation": organisation, "form": form},
            status=409 if form.non_field_errors() else 400,
        )
