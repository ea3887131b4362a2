from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "macpu.sharing"
    label = "sharing"
    verbose_name = "Information sharing ledger"
