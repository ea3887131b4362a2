"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL says so."""

from macpu.config.settings.base import *  # noqa: F403
from macpu.config.settings.base import PASSWORD_HASHERS, env

MACPU_ENV = "test"
SECRET_KEY = "macpu-test-only-key-not-for-production-use"  # noqa: S105  # test settings only
# Argon2 stays first in production; tests hash faster with MD5.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///:memory:")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the app folders: no collectstatic step outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tasks run as soon as they are enqueued (after their transaction commits); one test runs the database queue's worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests that test two-factor authentication switch it on themselves.
MACPU_MFA_REQUIRED = False
# No identity providers from the environment: the single sign-on tests configure a fake one.
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}
# Tests make many requests as one person; the throttling tests set their own rates.
MACPU_THROTTLE_RATES = {"search": "100000/minute", "export": "100000/minute"}
# allauth allows 30 sign-ins a minute from one address; one test worker signs in far more often than that.
ACCOUNT_RATE_LIMITS = {"login_failed": False, "login": False}
