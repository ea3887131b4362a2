from django.apps import AppConfig


class MacptConfig(AppConfig):
    name = "macpu.macpt"
    label = "macpt"
    verbose_name = "Multi-agency child protection teams"
