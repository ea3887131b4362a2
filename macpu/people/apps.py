from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "macpu.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from macpu.people import checks  # noqa: F401  # registers the consistent identifier's check
