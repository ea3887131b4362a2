from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "macpu.core"
    label = "core"
    verbose_name = "Core"
