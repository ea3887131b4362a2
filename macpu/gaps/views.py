"""A child's findings, and acting on one. HTTP only: the selectors read, the services write."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core.errors import InvalidInput, NotFound
from macpu.gaps.forms import FindingActForm
from macpu.gaps.models import FindingStatus
from macpu.gaps.selectors.dashboard import gaps_dashboard
from macpu.gaps.selectors.findings import child_findings
from macpu.gaps.services import finding_act
from macpu.notifications.services import notifications_done
from macpu.people.views import child_or_404


class ChildFindingsView(ProtectedView):
    """Possible gaps between agencies for this child: each finding, its evidence, and what people did about it."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        response = self._page(request, child_id, None)
        if request.actor.user_id is not None:  # the notices that brought them here are read
            notifications_done(recipient_id=request.actor.user_id, link=request.path)
        return response

    def post(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        if not role_grants(request.actor.role, Permission.CHILD_RECORD):
            raise Http404
        form = FindingActForm(request.POST)
        finding_id = request.POST.get("finding", "")
        if form.is_valid():
            try:
                finding_act(
                    actor=request.actor,
                    finding_id=uuid.UUID(finding_id),
                    status=FindingStatus(form.cleaned_data["status"]),
                    reason=form.cleaned_data["reason"],
                )
            except (ValueError, NotFound) as error:
                raise Http404 from error
            except InvalidInput as error:
                for field, problems in error.errors.items():
                    form.add_error(field if field in form.fields else None, " ".join(problems))
            else:
                messages.success(request, "Your response to the finding is recorded")
                return redirect("gaps:child-findings", child_id=child_id)
        return self._page(request, child_id, (finding_id, form), status=400)

    def _page(
        self, request: ActorRequest, child_id: uuid.UUID, failed: tuple[str, FindingActForm] | None, status: int = 200
    ) -> HttpResponse:
        child = child_or_404(request, child_id)
        findings = child_findings(actor=request.actor, child_id=child.id)
        context = {
            "child": child,
            "findings": findings,
            "open_count": sum(f.finding.status == FindingStatus.OPEN for f in findings),
            "may_act": role_grants(request.actor.role, Permission.CHILD_RECORD),
            "failed_id": failed[0] if failed else "",
            "form": failed[1] if failed else FindingActForm(),
        }
        return render(request, "gaps/child_findings.html", context, status=status)


class DashboardView(ProtectedView):
    """The MACPU's view of the gaps across the area: counts by rule, organisation and age, and the weekly trend."""

    permission = Permission.GAP_DASHBOARD_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        board = gaps_dashboard()
        peak = max(board.weekly_peak, 1)
        bars = [
            {
                "x": 40 + n * 45,
                "y": 190 - (height := round(160 * count / peak)),
                "height": height,
                "count": count,
                "end": end,
            }
            for n, (end, count) in enumerate(board.weekly)
        ]
        return render(request, "gaps/dashboard.html", {"board": board, "bars": bars})
