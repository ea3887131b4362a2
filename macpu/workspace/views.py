"""The web shell: signing in and out, choosing a role, and the home page."""

import uuid
from typing import Any, ClassVar

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render

from macpu.access.http import PUBLIC, ActorRequest, ProtectedView, PublicView
from macpu.access.middleware import MEMBERSHIP_SESSION_KEY, actor_of
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.access.rules.policy import is_case_role
from macpu.access.selectors import memberships_active
from macpu.chronology.rules.filters import ChronologyFilter
from macpu.chronology.selectors import chronology_page
from macpu.core.actor import Actor, ActorKind
from macpu.core.errors import NotFound
from macpu.gaps.selectors.findings import child_findings
from macpu.notifications.selectors import notifications_unread
from macpu.people.selectors.children import child_profile_get, children_in_my_network
from macpu.workspace.services import role_selected, signed_in, signed_out


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is no longer active.",
    }


class SignInView(auth_views.LoginView):
    macpu_access: ClassVar[str] = PUBLIC
    template_name = "workspace/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        signed_in(
            actor=actor_of(self.request) or Actor(kind=ActorKind.USER, label=user.get_username(), user_id=user.pk)
        )
        if memberships_active(user_id=user.pk).count() > 1 and not self.request.POST.get("next"):
            return redirect("workspace:role-select")
        return response


class SignOutView(auth_views.LogoutView):
    macpu_access: ClassVar[str] = PUBLIC
    http_method_names: ClassVar[list[str]] = ["post", "options"]  # type: ignore[misc]  # narrows Django's list

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor: Actor | None = getattr(request, "actor", None)
        if actor is not None:
            signed_out(actor=actor)
        return super().post(request, *args, **kwargs)


class HomeView(ProtectedView):
    permission = Permission.WORKSPACE_USE

    def get(self, request: ActorRequest) -> HttpResponse:
        context = {
            "works_on_cases": is_case_role(request.actor.role),
            "children": children_in_my_network(actor=request.actor),
            "notifications": notifications_unread(recipient_id=request.actor.user_id) if request.actor.user_id else [],
        }
        return render(request, "workspace/home.html", context)


LATEST_ENTRIES = 10


class ChildRecordView(ProtectedView):
    """The child's shared record: identity, family and household, organisations, network and the chronology."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        try:
            profile = child_profile_get(actor=request.actor, child_id=child_id)
        except NotFound as error:
            raise Http404 from error
        latest = chronology_page(
            actor=request.actor, child_id=profile.child.id, filters=ChronologyFilter(), page_size=LATEST_ENTRIES
        )
        context = {
            "profile": profile,
            "child": profile.child,
            "findings": child_findings(actor=request.actor, child_id=profile.child.id, open_only=True),
            "latest": latest,
            "can_record": role_grants(request.actor.role, Permission.CHILD_RECORD),
        }
        return render(request, "workspace/child_detail.html", context)


class RoleSelectView(ProtectedView):
    """Choose which of your roles to act in: every decision and audit entry names it."""

    permission = Permission.WORKSPACE_USE

    def get(self, request: ActorRequest) -> HttpResponse:
        memberships = memberships_active(user_id=request.actor.user_id) if request.actor.user_id else []
        return render(request, "workspace/role_select.html", {"memberships": memberships})

    def post(self, request: ActorRequest) -> HttpResponse:
        chosen = request.POST.get("membership", "")
        memberships = (
            {str(m.id): m for m in memberships_active(user_id=request.actor.user_id)} if request.actor.user_id else {}
        )
        if chosen not in memberships:
            error = "Select the role you are working in"
            return render(
                request, "workspace/role_select.html", {"memberships": memberships.values(), "error": error}, status=400
            )
        request.session[MEMBERSHIP_SESSION_KEY] = str(uuid.UUID(chosen))
        actor = actor_of(request)
        if actor is not None:
            role_selected(actor=actor, membership=memberships[chosen])
        return redirect("workspace:home")


class HealthView(PublicView):
    """For load balancers: the database answers."""

    def get(self, request: HttpRequest) -> HttpResponse:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return HttpResponse("ok", content_type="text/plain")


def root_redirect(request: HttpRequest) -> HttpResponseRedirect:
    return redirect("workspace:home")


root_redirect.macpu_access = PUBLIC  # type: ignore[attr-defined]  # the access declaration of a function view
