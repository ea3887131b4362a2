from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "macpu.exports"
    label = "exports"
    verbose_name = "Exports"
