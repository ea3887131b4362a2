from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "macpu.events"
    label = "events"
    verbose_name = "Agency events"
