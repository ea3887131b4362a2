"""The `macpu` console script: the project's manage.py.

Every Django management command works through it (`macpu migrate`), beside
macpu's own subcommands (`macpu demo`, `macpu orgs import`, `macpu audit verify`).
"""

import os
import sys


def settings_module() -> str:
    """The settings module that MACPU_ENV selects (development by default)."""
    environment = os.environ.get("MACPU_ENV", "development")
    if environment not in {"development", "test", "production"}:
        sys.exit(f"MACPU_ENV must be development, test or production, not {environment!r}")
    return f"macpu.config.settings.{environment}"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
