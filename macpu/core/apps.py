from typing import Any

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def _make_cache_table(using: str = "default", **kwargs: Any) -> None:
    """A database cache's table is made with the schema, so a deployer never has a step to forget."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "macpu.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        post_migrate.connect(_make_cache_table, sender=self, dispatch_uid="macpu-core-cache-table")
