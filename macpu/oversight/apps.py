from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "macpu.oversight"
    label = "oversight"
    verbose_name = "Who has seen a child's record"
