"""Settings shared by every environment; each value that differs comes from the environment."""

from pathlib import Path

import environ
from csp.constants import NONCE

from macpu.core.logging import configure as configure_structlog
from macpu.core.logging import formatter as log_formatter

PACKAGE_DIR = Path(__file__).resolve().parents[2]
env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
MACPU_ENV = "base"

INSTALLED_APPS = [
    # macpu's apps come first so that audit's `flush` guard wins over Django's.
    "macpu.core",
    "macpu.audit",
    "macpu.notifications",
    "macpu.access",
    "macpu.exports",
    "macpu.organisations",
    "macpu.workingdays",
    "macpu.people",
    "macpu.events",
    "macpu.chronology",
    "macpu.pathway",
    "macpu.gaps",
    "macpu.macpt",
    "macpu.workspace",
    "macpu.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "axes",
    "rules",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "macpu.audit.middleware.RequestContextMiddleware",
    "macpu.access.middleware.RequireDeclaredAccess",
    "macpu.access.middleware.NoStoreForSignedIn",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "macpu.config.urls"
WSGI_APPLICATION = "macpu.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "macpu.access.context_processors.actor",
                "macpu.workspace.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{Path.cwd() / 'macpu.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _tune_sqlite(databases: dict[str, dict[str, object]]) -> None:
    """Serialise SQLite writers at BEGIN so the audit chain never forks, and wait for locks."""
    for database in databases.values():
        if str(database["ENGINE"]).endswith("sqlite3"):
            options = database.setdefault("OPTIONS", {})
            assert isinstance(options, dict)  # noqa: S101  # narrows the type for mypy
            options.setdefault("transaction_mode", "IMMEDIATE")
            options.setdefault("timeout", 20)
            options.setdefault(
                "init_command",
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            )


def _tune_postgresql(databases: dict[str, dict[str, object]]) -> None:
    """Send parameters apart from the SQL: psycopg quoting every value of a feed batch's inserts in Python
    was a fifth of an import's time."""
    for database in databases.values():
        if str(database["ENGINE"]).endswith("postgresql"):
            options = database.setdefault("OPTIONS", {})
            assert isinstance(options, dict)  # noqa: S101  # narrows the type for mypy
            options.setdefault("server_side_binding", True)


_tune_sqlite(DATABASES)
_tune_postgresql(DATABASES)

AUTH_USER_MODEL = "access.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workspace:sign-in"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "workspace:sign-in"

# Sessions: 30 minutes of inactivity, never beyond the browser session.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# django-axes: lock an account after 5 failed sign-ins in 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "workspace/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(Path.cwd() / ".staticfiles"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "camera": [],
    "geolocation": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["macpu.access.deny.DenyAll"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "macpu.core.http.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "macpu API",
    "DESCRIPTION": "The REST API of macpu, for Multi-Agency Child Protection Units.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # 3.1: its schemas are JSON Schema 2020-12, the dialect of the feed format the events API embeds.
    "OAS_VERSION": "3.1.0",
}

# Background work (long exports) waits in the database and is run by `macpu db_worker` (ADR 0010).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A chronology PDF of at most this many entries is made in the request (about 3 seconds); a longer one in the
# background, with its progress shown.
MACPU_PDF_INLINE_MAX_ENTRIES = 300

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": log_formatter()},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint tells each step and page of a PDF here; macpu.chronology.pdf listens for progress.
        "weasyprint.progress": {"level": "INFO", "propagate": False},
    },
}
configure_structlog()
