from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "macpu.chronology"
    label = "chronology"
    verbose_name = "The merged multi-agency chronology"
