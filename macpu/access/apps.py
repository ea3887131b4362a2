from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "macpu.access"
    label = "access"
    verbose_name = "Access"

    def ready(self) -> None:
        from macpu.access import checks  # noqa: F401  # registers the route-declaration check
