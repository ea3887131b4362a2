from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Northbridge demo: synthetic data and the `macpu demo` command. It has no models."""

    name = "macpu.demo"
    label = "demo"
    verbose_name = "Demo"
