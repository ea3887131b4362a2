"""Production: PostgreSQL, HTTPS only, secrets from the environment."""

from macpu.config.settings.base import *  # noqa: F403
from macpu.config.settings.base import env

MACPU_ENV = "production"
SECRET_KEY = env.str("SECRET_KEY")
DATABASES = {"default": env.db("DATABASE_URL")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Local accounts whose role can see children's records must use two-factor authentication; `check --deploy`
# warns (macpu.W001) if a deployer turns this off.
MACPU_MFA_REQUIRED = env.bool("MACPU_MFA_REQUIRED", default=True)
# The throttles' counts must be shared by every worker process: the database cache by default (its table is made by
# `macpu migrate`), or a deployer's own cache from CACHE_URL.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://macpu_cache")}
