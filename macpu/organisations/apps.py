from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "macpu.organisations"
    label = "organisations"
    verbose_name = "Organisations"
