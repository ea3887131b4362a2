"""A child's pathway page and the forms that record each step, with a check-your-answers page where it matters."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from macpu.access.http import ActorRequest, ProtectedView
from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.core import clock
from macpu.core.errors import InvalidInput, NotFound, NotPermitted
from macpu.pathway.rules.case import Case, case_of
from macpu.pathway.rules.transitions import STEP_MEETING, Step, may_record, refusals
from macpu.pathway.selectors.case import child_pathway, open_action_choices, org_names, organisation_choices
from macpu.pathway.selectors.records import step_records
from macpu.pathway.services import pathway_step_check, pathway_step_record
from macpu.pathway.step_forms import CHECKED_STEPS, FORMS, StepForm
from macpu.people.models import Person
from macpu.people.views import child_or_404


def _step(value: str) -> Step:
    try:
        return Step(value.replace("-", "_"))
    except ValueError:
        raise Http404("No such step") from None


def step_slug(step: Step) -> str:
    return step.value.replace("_", "-")


class PathwayView(ProtectedView):
    """Where the child's case stands: what is due and by when, what happened, and the steps that can come next."""

    permission = Permission.CHILD_VIEW

    def get(self, request: ActorRequest, child_id: uuid.UUID) -> HttpResponse:
        try:
            pathway = child_pathway(actor=request.actor, child_id=child_id)
        except NotFound as error:
            raise Http404 from error
        actor = request.actor
        may = role_grants(actor.role, Permission.CHILD_RECORD)
        today = clock.today()
        allowed = [
            step
            for step in FORMS
            if may
            and may_record(step, actor.organisation_sector)
            and not refusals(step, pathway.case, today, plan_type=_open_plan_type(pathway.case, step))
        ]
        meeting_due = {
            STEP_MEETING[due.step.kind] for due in pathway.due if due.step.owner_org == actor.organisation_code
        }
        links = [(step_slug(step), FORMS[step].title) for step in allowed]
        context = {
            "child": pathway.child,
            "pathway": pathway,
            "due_steps": [link for link, step in zip(links, allowed, strict=True) if step in meeting_due],
            "other_steps": [link for link, step in zip(links, allowed, strict=True) if step not in meeting_due],
        }
        return render(request, "pathway/child_pathway.html", context)


def _open_plan_type(case: Case, step: Step) -> str:
    """The plan type to ask the table about when offering a step: for 'a plan ended', a plan that is open; for
    'a plan started', one the form offers (child in need, looked after) that is not open."""
    if step is Step.PLAN_ENDED:
        open_plans = case.plans.open_plans()
        return open_plans[0].plan_type if open_plans else "child_in_need"
    if step is Step.PLAN_STARTED:
        return next((t for t in ("child_in_need", "looked_after") if case.plans.open_of(t) is None), "child_in_need")
    return ""


def _form(step: Step, child: Person, data: QueryDict | None = None) -> StepForm:
    records = step_records(child.id)
    case = case_of(records)
    return FORMS[step](
        data,
        org_choices=organisation_choices(child.id),
        action_choices=open_action_choices(case, org_names(records)),
    )


def _session_key(child: Person, step: Step) -> str:
    return f"pathway-step:{child.id}:{step.value}"


def _form_page(request: ActorRequest, child: Person, step: Step, form: StepForm, status: int = 200) -> HttpResponse:
    case = case_of(step_records(child.id))
    waiting = [] if form.is_bound else refusals(step, case, clock.today(), plan_type=_open_plan_type(case, step))
    context = {"child": child, "form": form, "step": step, "waiting": waiting, "checked": step in CHECKED_STEPS}
    return render(request, "pathway/step_form.html", context, status=status)


def _form_field(form: StepForm, field: str, problem: str) -> str | None:
    """The form field a refusal is about, so that the error summary links to it; None for the step as a whole."""
    if field == "step":  # the sequence table's refusals: only its date check is about one answer
        return "occurred_on" if problem.startswith("The date ") else None
    name = "occurred_on" if field == "occurred_at" else field.removeprefix("details.")
    return name if name in form.fields else None


def _refused(form: StepForm, error: InvalidInput | NotPermitted, *, on_fields: bool) -> None:
    """Add why the step was refused to the form: to the fields the reasons are about when `on_fields` (the form
    page shows them), else to the form as a whole (the check page, whose answers must stay clean)."""
    if isinstance(error, NotPermitted):
        form.add_error(None, str(error))
        return
    for field, problems in error.errors.items():
        for problem in problems:
            form.add_error(_form_field(form, field, problem) if on_fields else None, problem)


def _checked(request: ActorRequest, child: Person, step: Step, form: StepForm) -> bool:
    """Whether the sequence allows the step, as recording it would find; if not, the reasons are on the form."""
    fields = form.step_fields()
    try:
        pathway_step_check(
            actor=request.actor, child_id=child.id, step=step, occurred_at=fields.occurred_at, details=fields.details
        )
    except (InvalidInput, NotPermitted) as error:
        _refused(form, error, on_fields=True)
        return False
    return True


def _record(
    request: ActorRequest, child: Person, step: Step, form: StepForm, *, on_fields: bool = False
) -> HttpResponse | None:
    """Record the step; None when it was refused, with the reasons added to the form (see `_refused`)."""
    fields = form.step_fields()
    try:
        pathway_step_record(
            actor=request.actor,
            child_id=child.id,
            step=step,
            occurred_at=fields.occurred_at,
            details=fields.details,
            summary=fields.summary,
            action=fields.action,
        )
    except (InvalidInput, NotPermitted) as error:
        _refused(form, error, on_fields=on_fields)
        return None
    messages.success(request, form.done)
    return redirect("pathway:child", child_id=child.id)


class StepRecordView(ProtectedView):
    permission = Permission.CHILD_RECORD

    def get(self, request: ActorRequest, child_id: uuid.UUID, step: str) -> HttpResponse:
        child, known = child_or_404(request, child_id), _step(step)
        saved = request.session.get(_session_key(child, known)) if request.GET.get("change") else None
        form = _form(known, child, _query(saved)) if saved else _form(known, child)
        return _form_page(request, child, known, form)

    def post(self, request: ActorRequest, child_id: uuid.UUID, step: str) -> HttpResponse:
        child, known = child_or_404(request, child_id), _step(step)
        form = _form(known, child, request.POST)
        if form.is_valid():
            if known in CHECKED_STEPS and _checked(request, child, known, form):
                request.session[_session_key(child, known)] = {
                    key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"
                }
                return redirect("pathway:step-check", child_id=child.id, step=step_slug(known))
            if known not in CHECKED_STEPS:
                recorded = _record(request, child, known, form, on_fields=True)
                if recorded is not None:
                    return recorded
        return _form_page(request, child, known, form, status=400)


def _query(saved: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in saved.items():
        data.setlist(key, values)
    return data


class StepCheckView(ProtectedView):
    """Check your answers before a strategy discussion, conference or closure is recorded for every agency to see."""

    permission = Permission.CHILD_RECORD

    def _saved_form(self, request: ActorRequest, child: Person, step: Step) -> StepForm | None:
        saved = request.session.get(_session_key(child, step))
        if step not in CHECKED_STEPS or not saved:
            return None
        form = _form(step, child, _query(saved))
        return form if form.is_valid() else None

    def get(self, request: ActorRequest, child_id: uuid.UUID, step: str) -> HttpResponse:
        child, known = child_or_404(request, child_id), _step(step)
        form = self._saved_form(request, child, known)
        if form is None:
            return redirect("pathway:step", child_id=child.id, step=step_slug(known))
        return self._page(request, child, known, form)

    def post(self, request: ActorRequest, child_id: uuid.UUID, step: str) -> HttpResponse:
        child, known = child_or_404(request, child_id), _step(step)
        form = self._saved_form(request, child, known)
        if form is None:
            return redirect("pathway:step", child_id=child.id, step=step_slug(known))
        recorded = _record(request, child, known, form)
        if recorded is None:
            return self._page(request, child, known, form, status=400)
        request.session.pop(_session_key(child, known), None)
        return recorded

    def _page(
        self, request: ActorRequest, child: Person, step: Step, form: StepForm, status: int = 200
    ) -> HttpResponse:
        change = reverse("pathway:step", kwargs={"child_id": child.id, "step": step_slug(step)}) + "?change=1"
        context = {"child": child, "form": form, "step": step, "rows": form.step_fields().shown, "change_url": change}
        return render(request, "pathway/step_check.html", context, status=status)
