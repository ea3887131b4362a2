from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "macpu.partnership"
    label = "partnership"
    verbose_name = "Partnership insight: participation and the partnership dashboard"
