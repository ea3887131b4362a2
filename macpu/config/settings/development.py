"""Development and the demo: an embedded SQLite database, served on 127.0.0.1."""

from macpu.config.settings.base import *  # noqa: F403
from macpu.config.settings.base import env

MACPU_ENV = "development"
DEBUG = env.bool("DEBUG", default=False)
# A fixed key is acceptable only here: development data is synthetic and local.
SECRET_KEY = env.str("SECRET_KEY", default="macpu-development-only-key-not-for-production-use")
# Serve static files straight from the app folders: no collectstatic step outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
