from django.apps import AppConfig


class PathwayConfig(AppConfig):
    name = "macpu.pathway"
    label = "pathway"
    verbose_name = "Statutory pathway"
