"""Settings shared by every environment; each value that differs comes from the environment."""

from pathlib import Path

import environ
from csp.constants import NONCE

from macpu.access.rules.identity_providers import allauth_apps
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
    "macpu.practice",
    "macpu.workingdays",
    "macpu.people",
    "macpu.linkage",
    "macpu.events",
    "macpu.chronology",
    "macpu.pathway",
    "macpu.sharing",
    "macpu.gaps",
    "macpu.disagreements",
    "macpu.macpt",
    "macpu.retention",
    "macpu.oversight",
    "macpu.partnership",
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
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "allauth.usersessions",
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
    "allauth.account.middleware.AccountMiddleware",
    "macpu.audit.middleware.RequestContextMiddleware",
    "macpu.access.middleware.SessionLimits",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "macpu.access.middleware.RequireDeclaredAccess",
    "macpu.access.middleware.RequireMfaEnrolment",
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
            # Just-in-time compilation costs tens of milliseconds to plan an interactive search's query over a
            # large table, and gains nothing on macpu's short indexed reads (ADR 0019).
            options.setdefault("options", "-c jit=off")


_tune_sqlite(DATABASES)
_tune_postgresql(DATABASES)

AUTH_USER_MODEL = "access.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # django-allauth's backend is Django's ModelBackend that also knows allauth's login field.
    "allauth.account.auth_backends.AuthenticationBackend",
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

# Sign-in (docs/sign-in.md, ADR 0016): django-allauth. Accounts are made by administrators, never by signing up;
# people sign in with a username and password (local accounts) or with their organisation's identity provider.
ACCOUNT_ADAPTER = "macpu.workspace.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "macpu.workspace.adapters.SocialAccountAdapter"
MFA_ADAPTER = "macpu.workspace.adapters.MfaAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# django-axes locks accounts after repeated failures (below); allauth's own failed-login limit would answer first.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
# Changing two-factor settings asks for the password again unless it was given in the last 5 minutes.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Single sign-on by OpenID Connect, several identity providers at once (MACPU_OIDC_PROVIDERS, see
# macpu/access/rules/identity_providers.py). A person is matched to an existing user by verified email; nobody is
# created by signing in. PKCE is always on; the id_token's signature is always checked.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": allauth_apps(env.str("MACPU_OIDC_PROVIDERS", default="")),
    },
}
# Two-factor authentication for local accounts: an authenticator app (TOTP), with recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "macpu"
# Every local account whose role can see a child's record must use it (docs/sign-in.md). On in production.
MACPU_MFA_REQUIRED = env.bool("MACPU_MFA_REQUIRED", default=False)
# Each session's sign-ins and last activity, so people can see and end their sessions.
USERSESSIONS_TRACK_ACTIVITY = True

# Sessions: 30 minutes of inactivity, never beyond the browser session, and never more than
# MACPU_SESSION_MAX_HOURS after signing in, whatever the activity (macpu.access.middleware.SessionLimits).
MACPU_SESSION_MAX_HOURS = env.int("MACPU_SESSION_MAX_HOURS", default=10)
# Emergency access (break-glass) to one child's record lasts this long (macpu.access.services.break_glass_open).
MACPU_BREAK_GLASS_HOURS = env.float("MACPU_BREAK_GLASS_HOURS", default=4)
# The scheme macpu treats as a child's consistent identifier (s.16LC Children Act 2004, R8) until regulations name
# it: a value of people.models.IdentifierScheme (docs/identifiers-reconciled.md; checked at start-up).
MACPU_CONSISTENT_IDENTIFIER = env.str("MACPU_CONSISTENT_IDENTIFIER", default="nhs_number")
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
# allauth's sign-in form names the username field "login"; the lockout is audited and shown by macpu.
AXES_USERNAME_CALLABLE = "macpu.access.lockout.attempted_username"
AXES_LOCKOUT_CALLABLE = "macpu.workspace.views.locked_out"
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
    "DEFAULT_SCHEMA_CLASS": "macpu.core.http.AutoSchema",
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
    # A professional disagreement's status (raised, escalated, resolved) beside the other APIs' own `status` fields.
    "ENUM_NAME_OVERRIDES": {
        "DisagreementStatusEnum": ["raised", "escalated", "resolved"],
        # Organisations' sectors (organisations.rules.vocabulary.Sector), wherever a field offers them.
        "SectorEnum": [
            "social_care",
            "police",
            "health",
            "education",
            "justice",
            "housing",
            "voluntary",
            "multi_agency",
        ],
        # The units of a practice profile's timescales (practice.rules.profile.TimeUnit).
        "PracticeTimescaleUnitEnum": ["hours", "working_days", "calendar_days"],
        # The units of the pathway's timescales (pathway.rules.timescales.Unit), named as before the practice one came.
        "UnitEnum": ["working_days", "calendar_months", "weeks"],
    },
}

# Anti-automation (access/throttling.py): how often one person or system may search for children or export records.
MACPU_THROTTLE_RATES = {
    "search": env.str("MACPU_THROTTLE_SEARCH", default="60/minute"),
    "export": env.str("MACPU_THROTTLE_EXPORT", default="30/hour"),
}
# The throttles' counts: one process's memory here; production shares them between processes (production.py).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

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
