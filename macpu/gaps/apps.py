from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "macpu.gaps"
    label = "gaps"
    verbose_name = "Gap detection"

    def ready(self) -> None:
        from macpu.chronology.marks import mark_provider_register  # apps are ready only now
        from macpu.events.signals import children_changed
        from macpu.gaps.selectors.findings import evidence_marks
        from macpu.gaps.tasks import evaluate_later
        from macpu.people.signals import children_relinked

        children_changed.connect(evaluate_later, dispatch_uid="gaps.evaluate_later")
        children_relinked.connect(evaluate_later, dispatch_uid="gaps.evaluate_after_relinking")
        mark_provider_register("gaps.evidence", evidence_marks)
