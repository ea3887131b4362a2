"""Who has seen a child's record (for the child's leads and auditors) and what a user has looked at (for auditors).
HTTP only: the selectors decide who may ask, read the trail and audit the asking."""

import json
import uuid

from allauth.account.decorators import reauthentication_required
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.models import BreakGlassReason, BreakGlassReview
from macpu.access.permissions import Permission
from macpu.access.services import break_glass_open, break_glass_review
from macpu.access.throttling import EXPORT, SEARCH
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.core.paging import page_number
from macpu.oversight.selectors.access_log import (
    child_access_log,
    child_for_audit,
    user_access_log,
    user_named,
)
from macpu.oversight.selectors.emergency_access import emergency_uses, is_a_child
from macpu.oversight.selectors.subject_access import person_for_subject_access, subject_access_record


class ChildAccessLogView(ProtectedView):
    """Who has seen this child's record: for the child's lead practitioner and the involved safeguarding leads."""

    permission = Permission.CHILD_VIEW
    auditing = False

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        try:
            child, log = child_access_log(
                actor=request.actor, child_id=child_id, page=page_number(request.GET.get("page"))
            )
        except NotFound as error:
            raise Http404 from error
        context = {"child": child, "auditing": self.auditing, "log": log}
        return render(request, "oversight/child_access_log.html", context)


class AuditChildAccessLogView(ChildAccessLogView):
    """The same log, for an auditor, about any child."""

    permission = Permission.AUDIT_VIEW
    auditing = True


class AuditUserAccessLogView(ProtectedView):
    """What a user has looked at: every child's record they saw or exported."""

    permission = Permission.AUDIT_VIEW

    def get(self, request: ActorRequest, user_id: uuid.UUID) -> HttpResponse:
        try:
            user, log = user_access_log(actor=request.actor, user_id=user_id, page=page_number(request.GET.get("page")))
        except NotFound as error:
            raise Http404 from error
        return render(request, "oversight/user_access_log.html", {"person": user, "log": log})


class ChildReferenceForm(forms.Form):
    reference = forms.CharField(
        label="NHS number or macpu id",
        max_length=64,
        error_messages={"required": "Enter the NHS number or the macpu id"},
    )


class UsernameForm(forms.Form):
    username = forms.CharField(
        label="Username", max_length=150, error_messages={"required": "Enter the username of the person"}
    )


class AuditHomeView(ProtectedView):
    """An auditor's two questions. The child or the person is named in a form sent by POST, never in a URL."""

    permission = Permission.AUDIT_VIEW
    throttle_scope = SEARCH  # it turns an NHS number into a child

    def get(self, request: ActorRequest) -> HttpResponse:
        return self._show(request, ChildReferenceForm(), UsernameForm())

    def post(self, request: ActorRequest) -> HttpResponse:
        if "reference" in request.POST:
            child_form = ChildReferenceForm(request.POST)
            if child_form.is_valid():
                try:
                    child_id = child_for_audit(actor=request.actor, reference=child_form.cleaned_data["reference"])
                except InvalidInput as error:
                    child_form.add_error("reference", " ".join(error.errors["reference"]))
                except NotFound as error:
                    child_form.add_error("reference", str(error) or "No child has that reference")
                else:
                    return redirect("oversight:audit-child", child_id=child_id)
            return self._show(request, child_form, UsernameForm(), status=400)
        user_form = UsernameForm(request.POST)
        if user_form.is_valid():
            user = user_named(user_form.cleaned_data["username"])
            if user is not None:
                return redirect("oversight:audit-user", user_id=user.id)
            user_form.add_error("username", "No one has that username")
        return self._show(request, ChildReferenceForm(), user_form, status=400)

    def _show(
        self, request: ActorRequest, child_form: ChildReferenceForm, user_form: UsernameForm, status: int = 200
    ) -> HttpResponse:
        context = {"child_form": child_form, "user_form": user_form}
        return render(request, "oversight/audit_home.html", context, status=status)


class SubjectAccessView(ProtectedView):
    """An information governance officer prepares a person's record for a subject access request: a preview to
    review, then the download. The person is named in a POST, never in a URL."""

    permission = Permission.SUBJECT_ACCESS_EXPORT
    throttle_scope = EXPORT

    def get(self, request: ActorRequest) -> HttpResponse:
        return render(request, "oversight/subject_access.html", {"form": ChildReferenceForm()})

    def post(self, request: ActorRequest) -> HttpResponse:
        if "person" in request.POST:
            try:
                record = subject_access_record(actor=request.actor, person_id=uuid.UUID(request.POST["person"]))
            except (ValueError, NotFound) as error:
                raise Http404 from error
            response = HttpResponse(
                json.dumps(record.as_dict(), ensure_ascii=False, indent=1), content_type="application/json"
            )
            response["Content-Disposition"] = f'attachment; filename="subject-access-{record.prepared_at[:10]}.json"'
            return response
        form = ChildReferenceForm(request.POST)
        if form.is_valid():
            try:
                person_id = person_for_subject_access(actor=request.actor, reference=form.cleaned_data["reference"])
                record = subject_access_record(actor=request.actor, person_id=person_id)
            except InvalidInput as error:
                form.add_error("reference", " ".join(error.errors["reference"]))
            except NotFound as error:
                form.add_error("reference", str(error) or "No one has that reference")
            else:
                return render(request, "oversight/subject_access.html", {"form": form, "record": record})
        return render(request, "oversight/subject_access.html", {"form": form}, status=400)


class EmergencyAccessForm(forms.Form):
    reason_category = forms.ChoiceField(
        label="What is the emergency?",
        choices=BreakGlassReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of emergency"},
    )
    reason = forms.CharField(
        label="Say what is happening and why you cannot wait",
        help_text="The child's lead practitioner, the safeguarding leads involved and an information governance "
        "officer will read this",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the emergency is, in a sentence others will read"},
    )


@method_decorator(reauthentication_required, name="post")
class EmergencyAccessView(ProtectedView):
    """Break-glass: someone whose organisation is not involved opens one child's record in an emergency, after
    signing in again and saying why, for a few hours; the child's leads are told at once."""

    permission = Permission.CHILD_SEARCH

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        return self._show(request, EmergencyAccessForm())

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        form = EmergencyAccessForm(request.POST)
        if not is_a_child(child_id):
            raise Http404
        if form.is_valid():
            try:
                grant = break_glass_open(
                    actor=request.actor,
                    child_id=child_id,
                    reason_category=form.cleaned_data["reason_category"],
                    reason=form.cleaned_data["reason"],
                    hours=settings.MACPU_BREAK_GLASS_HOURS,
                )
            except NotPermitted as error:
                raise PermissionDenied(str(error)) from error
            except InvalidInput as error:
                for field, problems in error.errors.items():
                    form.add_error(field if field in form.fields else None, " ".join(problems))
            else:
                until = timezone.localtime(grant.expires_at)
                messages.success(
                    request,
                    f"You have emergency access to this record until {until:%H:%M} on {until:%-d %B}. The child's "
                    "lead practitioner and the safeguarding leads involved have been told.",
                )
                return redirect("workspace:child-detail", child_id=child_id)
        return self._show(request, form, status=400)

    def _show(self, request: ActorRequest, form: EmergencyAccessForm, status: int = 200) -> HttpResponse:
        # The form says nothing of the child, so it looks the same for any id: a hidden child and a missing one
        # answer alike until the request is made (after signing in again).
        context = {"form": form, "hours": settings.MACPU_BREAK_GLASS_HOURS}
        return render(request, "oversight/emergency_access.html", context, status=status)


class EmergencyReviewForm(forms.Form):
    outcome = forms.ChoiceField(choices=BreakGlassReview.choices, error_messages={"required": "Choose an outcome"})
    note = forms.CharField(max_length=2000, error_messages={"required": "Say what you checked"})


class EmergencyReviewsView(ProtectedView):
    """Every use of emergency access, for an information governance officer to review."""

    permission = Permission.BREAK_GLASS_REVIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        return self._show(request, None)

    def post(self, request: ActorRequest) -> HttpResponse:
        form = EmergencyReviewForm(request.POST)
        if form.is_valid():
            try:
                break_glass_review(
                    actor=request.actor,
                    grant_id=uuid.UUID(request.POST.get("grant", "")),
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                )
            except (ValueError, NotFound) as error:
                raise Http404 from error
            except NotPermitted as error:
                raise PermissionDenied(str(error)) from error
            else:
                messages.success(request, "The review is recorded")
                return redirect("oversight:emergency-reviews")
        return self._show(request, form, status=400)

    def _show(self, request: ActorRequest, form: EmergencyReviewForm | None, status: int = 200) -> HttpResponse:
        context = {
            "waiting": emergency_uses(actor=request.actor, reviewed=False),
            "reviewed": emergency_uses(actor=request.actor, reviewed=True, limit=20),
            "form": form,
            "outcomes": BreakGlassReview.choices,
        }
        return render(request, "oversight/emergency_reviews.html", context, status=status)
