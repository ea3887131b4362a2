"""The task list: what is due from me, or from my organisation, across every child."""

from django.http import HttpResponse
from django.shortcuts import render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.pathway.selectors.referrals import referrals_made
from macpu.pathway.selectors.tasks import TaskScope, tasks_due_from


class TasksView(ProtectedView):
    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        scope = TaskScope.named(request.GET.get("scope"))
        tasks = tasks_due_from(actor=request.actor, scope=scope)
        overdue = sum(task.due.deadline.state == "overdue" for task in tasks)
        context = {"tasks": tasks, "scope": scope.value, "overdue": overdue}
        return render(request, "pathway/tasks.html", context)


class ReferralsMadeView(ProtectedView):
    """For a referring organisation: each referral it made, whether it has been decided, and the outcome (R13)."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest) -> HttpResponse:
        return render(request, "pathway/referrals_made.html", {"referrals": referrals_made(actor=request.actor)})
