"""The tokens organisations' systems send events with: issued, rotated and revoked by the organisation's
administrators, each token shown once, and every use of it listed."""

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.models import ApiClient
from macpu.access.permissions import Permission
from macpu.access.roles import Role
from macpu.access.selectors import api_client_get, api_clients_manageable
from macpu.access.services import api_client_issue, api_client_revoke, api_client_rotate
from macpu.audit.selectors import audit_entries
from macpu.core.actor import Actor
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.core.paging import page_number
from macpu.organisations.forms import ApiTokenIssueForm
from macpu.organisations.selectors import organisation_get, organisations_list


def _organisation_choices(actor: Actor) -> list[tuple[str, str]]:
    if actor.role == Role.SYSTEM_ADMINISTRATOR:
        return [(str(o.id), o.name) for o in organisations_list()]
    return [(str(actor.organisation_id), actor.organisation_name)]


def _client(actor: Actor, client_id: uuid.UUID) -> ApiClient:
    try:
        return api_client_get(actor=actor, client_id=client_id)
    except NotFound as error:
        raise Http404 from error


def _list_page(request: ActorRequest, form: ApiTokenIssueForm, status: int = 200) -> HttpResponse:
    clients = list(api_clients_manageable(actor=request.actor))
    context = {
        "live": [c for c in clients if c.is_live],
        "revoked": [c for c in clients if not c.is_live],
        "form": form,
    }
    return render(request, "organisations/api_tokens.html", context, status=status)


def _token_shown_once(request: ActorRequest, client: ApiClient, token: str, *, rotated: bool) -> HttpResponse:
    context: dict[str, Any] = {"client": client, "token": token, "rotated": rotated}
    return render(request, "organisations/api_token_shown.html", context)


class ApiTokenListView(ProtectedView):
    permission = Permission.API_CLIENTS_MANAGE

    def get(self, request: ActorRequest) -> HttpResponse:
        return _list_page(request, ApiTokenIssueForm(organisations=_organisation_choices(request.actor)))

    def post(self, request: ActorRequest) -> HttpResponse:
        form = ApiTokenIssueForm(request.POST, organisations=_organisation_choices(request.actor))
        if form.is_valid():
            try:
                client, token = api_client_issue(
                    actor=request.actor,
                    organisation_id=organisation_get(organisation_id=uuid.UUID(form.cleaned_data["organisation"])).id,
                    name=form.cleaned_data["name"],
                )
            except InvalidInput as invalid:
                for field, problems in invalid.errors.items():
                    form.add_error(field if field in form.fields else None, problems)
            except (NotFound, NotPermitted) as refused:
                form.add_error("organisation", str(refused))
            else:
                return _token_shown_once(request, client, token, rotated=False)
        return _list_page(request, form, status=400)


class ApiTokenDetailView(ProtectedView):
    permission = Permission.API_CLIENTS_MANAGE

    def get(self, request: ActorRequest, client_id: uuid.UUID) -> HttpResponse:
        client = _client(request.actor, client_id)
        history = audit_entries(target=("api_client", client.id), page=page_number(request.GET.get("page")))
        return render(request, "organisations/api_token_detail.html", {"client": client, "history": history})


class ApiTokenRotateView(ProtectedView):
    permission = Permission.API_CLIENTS_MANAGE

    def get(self, request: ActorRequest, client_id: uuid.UUID) -> HttpResponse:
        context = {"client": _client(request.actor, client_id), "action": "rotate"}
        return render(request, "organisations/api_token_confirm.html", context)

    def post(self, request: ActorRequest, client_id: uuid.UUID) -> HttpResponse:
        client = _client(request.actor, client_id)
        try:
            client, token = api_client_rotate(actor=request.actor, client=client)
        except InvalidInput as invalid:
            context = {"client": client, "action": "rotate", "problem": " ".join(invalid.errors["token"])}
            return render(request, "organisations/api_token_confirm.html", context, status=409)
        return _token_shown_once(request, client, token, rotated=True)


class ApiTokenRevokeView(ProtectedView):
    permission = Permission.API_CLIENTS_MANAGE

    def get(self, request: ActorRequest, client_id: uuid.UUID) -> HttpResponse:
        context = {"client": _client(request.actor, client_id), "action": "revoke"}
        return render(request, "organisations/api_token_confirm.html", context)

    def post(self, request: ActorRequest, client_id: uuid.UUID) -> HttpResponse:
        client = api_client_revoke(actor=request.actor, client=_client(request.actor, client_id))
        messages.success(request, f"The token for {client.name} is revoked: it no longer works")
        return redirect("organisations:api-tokens")
