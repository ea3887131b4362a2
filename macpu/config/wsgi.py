"""WSGI entry point for gunicorn: `gunicorn macpu.config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from macpu.cli import settings_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())
application = get_wsgi_application()
