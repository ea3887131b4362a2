from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "macpu.people"
    label = "people"
    verbose_name = "People"
