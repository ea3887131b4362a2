from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "macpu.gaps"
    label = "gaps"
    verbose_name = "Gap detection"

    def ready(self) -> None:
        from macpu.events.signals import children_changed  # apps are ready only now
        from macpu.gaps.tasks import evaluate_later

        children_changed.connect(evaluate_later, dispatch_uid="gaps.evaluate_later")
