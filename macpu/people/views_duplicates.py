"""The duplicates pages (issue 8, point 2): the review queue, and each pair side by side with the decision that is
next for it (link or distinct; a second person's approval; undo). Views translate HTTP only."""

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.core.errors import InvalidInput, NotFound
from macpu.people.forms_duplicates import DecisionForm, ResolveForm, UndoForm
from macpu.people.models import MergeStatus, MergeStepKind, PersonKind
from macpu.people.selectors.duplicates import QueueState, Review, duplicate_review, duplicates_queue
from macpu.people.services.duplicates import distinct_mark, link_decide, link_propose, undo_decide, undo_propose

QUEUE_PAGE = 50
STATES = {
    QueueState.TO_REVIEW: "To review",
    QueueState.AWAITING_APPROVAL: "Waiting for a second person",
    QueueState.LINKED: "Linked",
    QueueState.DISTINCT: "Different people",
}


class DuplicatesView(ProtectedView):
    """The queue: probable duplicates, oldest first, filtered by state and kind of person."""

    permission = Permission.DUPLICATES_RESOLVE

    def get(self, request: ActorRequest) -> HttpResponse:
        state = request.GET.get("state", "") or QueueState.TO_REVIEW.value
        kind = request.GET.get("kind", "")
        if state not in QueueState.__members__.values() or kind not in {"", *PersonKind.values}:
            state, kind = QueueState.TO_REVIEW.value, ""
        page = duplicates_queue(actor=request.actor, state=QueueState(state), kind=kind, limit=QUEUE_PAGE)
        context = {
            "pairs": page.pairs,
            "count": page.count,
            "page": QUEUE_PAGE,
            "state": state,
            "kind": kind,
            "states": [(s.value, label) for s, label in STATES.items()],
            "kinds": [("", "Anyone"), *PersonKind.choices],
        }
        return render(request, "people/duplicates/queue.html", context)


def _survivors(review: Review) -> list[tuple[str, str]]:
    sides = sorted((review.left.person, review.right.person), key=lambda p: (p.created_at, str(p.id)))
    return [
        (str(p.id), f"{p.full_name}, created {p.created_at:%-d %B %Y}" + (" (the older)" if i == 0 else ""))
        for i, p in enumerate(sides)
    ]


def _step_form(review: Review, actor_user_id: uuid.UUID | None, data: Any = None) -> tuple[str, forms.Form | None]:
    """The decision that is next for the pair, and its form (None when the actor has nothing to decide)."""
    merge = review.merge
    if merge is None or merge.status in {MergeStatus.REJECTED, MergeStatus.UNDONE}:
        if review.duplicate.status != "open":
            return "resolved", None
        return "resolve", ResolveForm(data, survivors=_survivors(review))
    asked = MergeStepKind.PROPOSED if merge.status == MergeStatus.PROPOSED else MergeStepKind.UNDO_PROPOSED
    if merge.status == MergeStatus.IN_FORCE:
        return "undo", UndoForm(data)
    proposer = next((s.by_user_id for s in reversed(review.steps) if s.kind == asked), None)
    if proposer == actor_user_id:
        return "waiting", None
    return ("decide" if merge.status == MergeStatus.PROPOSED else "undo_decide"), DecisionForm(data)


def _act(request: ActorRequest, step: str, review: Review, data: dict[str, Any]) -> str:
    """Carry out the step; the confirmation to show."""
    actor, merge = request.actor, review.merge
    if step == "resolve" and data["decision"] == "distinct":
        distinct_mark(actor=actor, duplicate_id=review.duplicate.id, reason=data["reason"])
        return "Marked as different people: this pair will not be raised again"
    if step == "resolve":
        survivor = uuid.UUID(data["survivor"])
        link_propose(actor=actor, duplicate_id=review.duplicate.id, reason=data["reason"], survivor_id=survivor)
        return "Link proposed: a second data quality officer or MACPU member must approve it"
    if merge is None:  # the other steps are about a merge
        raise Http404
    if step == "undo":
        undo_propose(actor=actor, merge_id=merge.id, reason=data["reason"])
        return "Undo proposed: a second person must approve it"
    approve = data["decision"] == "approve"
    decide: Callable[..., object] = link_decide if step == "decide" else undo_decide
    decide(actor=actor, merge_id=merge.id, approve=approve, reason=data["reason"])
    outcomes = {
        ("decide", True): "Approved: the records are linked",
        ("decide", False): "Rejected: the records stay apart",
        ("undo_decide", True): "Approved: the link is undone and the records are apart again",
        ("undo_decide", False): "Rejected: the link stays",
    }
    return outcomes[(step, approve)]


class DuplicateView(ProtectedView):
    """A pair side by side, the explanation of its score, warnings, and the decision that is next."""

    permission = Permission.DUPLICATES_RESOLVE

    def get(self, request: ActorRequest, duplicate_id: uuid.UUID) -> HttpResponse:
        review = _review_or_404(request, duplicate_id)
        step, form = _step_form(review, request.actor.user_id)
        return _page(request, review, step, form)

    def post(self, request: ActorRequest, duplicate_id: uuid.UUID) -> HttpResponse:
        review = _review_or_404(request, duplicate_id)
        step, form = _step_form(review, request.actor.user_id, request.POST)
        if form is None or request.POST.get("step") != step:
            messages.info(request, "The pair changed while you were looking: see where it is now")
            return redirect("people:duplicates-pair", duplicate_id)
        if form.is_valid():
            try:
                confirmation = _act(request, step, review, form.cleaned_data)
            except InvalidInput as error:
                for field, problems in error.errors.items():
                    form.add_error(field if field in form.fields else None, " ".join(problems))
            else:
                messages.success(request, confirmation)
                return redirect("people:duplicates-pair", duplicate_id)
        return _page(request, review, step, form, status=400)


def _review_or_404(request: ActorRequest, duplicate_id: uuid.UUID) -> Review:
    try:
        return duplicate_review(actor=request.actor, duplicate_id=duplicate_id)
    except NotFound as error:
        raise Http404 from error


def _page(request: ActorRequest, review: Review, step: str, form: forms.Form | None, status: int = 200) -> HttpResponse:
    context = {"review": review, "step": step, "form": form, "left": review.left, "right": review.right}
    return render(request, "people/duplicates/pair.html", context, status=status)
