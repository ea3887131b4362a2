from django.apps import AppConfig


class DisagreementsConfig(AppConfig):
    name = "macpu.disagreements"
    label = "disagreements"
    verbose_name = "Professional disagreements and escalation"
