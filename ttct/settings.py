"""TTCT settings, read from the environment with safe defaults.

DATABASE_URL unset -> SQLite file in the project folder (zero setup).
DEBUG is off unless set; with DEBUG off the process refuses to start without SECRET_KEY.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("TTCT_ALLOW_INSECURE_KEY"):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Scheme and host printed in the QR codes of certificates: the public address, not the one an officer browses.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")

# Project apps come first so their templates and Vietnamese catalogues take precedence over
# Django's own (e.g. "active" is "đang hoạt động" here, not the admin's "Kích hoạt").
INSTALLED_APPS = [
    "core",
    "accounts",
    "org",
    "people",
    "curriculum",
    "training",
    "certificates",
    "facilities",
    "lecturers",
    "finance",
    "standards",
    "reports",
    "api",
    "demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # its templates and static files: /api/docs serves Swagger UI from the application
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RequestIdMiddleware",
    "core.middleware.RequestBodyLimit",
    "core.middleware.ContentSecurityPolicy",
    "core.middleware.RefuseNulCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.access.AuthenticationMiddleware",  # Django's, with the user remembered per access token
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "ttct.urls"
SESSION_ENGINE = "accounts.sessions"  # Django's database sessions, read with SQL compiled once
# ModelBackend with the user read by SQL compiled once; ModelBackend itself for sessions saved under its name.
AUTHENTICATION_BACKENDS = ["accounts.backends.UserBackend", "django.contrib.auth.backends.ModelBackend"]
WSGI_APPLICATION = "ttct.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ttct" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ttct.navigation.navigation",
            ],
            # The page frame kept per language (base.html: {% load chrome %}).
            "libraries": {"chrome": "ttct.chrome"},
        },
    }
]

# Django's form renderer with its common widgets written in Python (core.forms_html): the same markup.
FORM_RENDERER = "core.forms_html.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the development server read while a background task writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # PostgreSQL's default cost of a random page read (4) is a spinning disk's. On a server whose data is
    # cached or on SSD, 1.1 lets the planner take the registry's covering index for a centre's persons
    # where it took a scan of the whole table (a province's person list at 22,099 persons: 12,7 → 6,3 ms).
    # Empty to leave the server's own setting (a pooler that refuses startup options).
    if page_cost := os.environ.get("DB_RANDOM_PAGE_COST", "1.1"):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={float(page_cost)}"
    if os.environ.get("DB_PREPARED_STATEMENTS", "1") != "0":
        # Lets core.prepared keep its compiled reads prepared on each connection; the ORM's own cursors bind
        # on the client and never prepare, whatever this says (psycopg still counts their texts, in a map it
        # caps at 100 per connection: a lookup per query, about a microsecond). 0 for a pooler in transaction
        # mode, where a statement prepared on one server connection is missing on the next.
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 1

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The registry's covering index carries columns for PostgreSQL's index-only scans; SQLite keeps the index
# without them, which is all its small databases need, and the warning would open every command's output.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "accounts.hashers.SmallServerArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed-login throttle: this many failures per username or per address within the window
# lock further attempts for the rest of the window.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", "900"))

# Per account and address: more failures than LOGIN_ACCOUNT_FAILURE_LIMIT on one account (from any
# address) or LOGIN_ADDRESS_FAILURE_LIMIT from one address (on any account) refuse addresses the
# account never logged in from; an address the user logged in from before still gets in.
LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))

# Uploads. Django keeps at most these many bytes of a request in memory (larger files go to a
# temporary file); core.middleware.RequestBodyLimit refuses any body over MAX_REQUEST_BODY_BYTES from
# its Content-Length, before anything reads it. An imported list holds at most IMPORT_MAX_ROWS rows
# and unpacks to at most IMPORT_MAX_UNCOMPRESSED_BYTES (core/upload_guard.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
MAX_REQUEST_BODY_BYTES = int(os.environ.get("MAX_REQUEST_BODY_BYTES", str(12 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "5000"))
IMPORT_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("IMPORT_MAX_UNCOMPRESSED_BYTES", str(64 * 1024 * 1024)))
IMPORT_STORAGE_QUOTA_BYTES = int(os.environ.get("IMPORT_STORAGE_QUOTA_BYTES", str(500 * 1024 * 1024)))

# "shared": what every worker must count together (login and lookup throttles): the database's
# ttct_cache table (python manage.py createcachetable), or Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CACHES["shared"] = CACHES["default"]
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ttct_cache"},
    }


LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "ttct" / "locale"]
FORMAT_MODULE_PATH = ["ttct.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Security headers. Each HTTPS setting is its own: a site whose proxy ends TLS and redirects
# (SECURE_SSL_REDIRECT=0) keeps Secure cookies and HSTS; only a development run (DEBUG) is plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
# Throttles key on the client address; behind the proxy it comes from X-Forwarded-For.
TRUST_FORWARDED_FOR = env_bool("BEHIND_PROXY")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Folders with extra fonts for documents (e.g. a licensed Times New Roman); Liberation Serif from
# Debian's fonts-liberation2 is used otherwise.
TTCT_FONT_DIRS = env_list("TTCT_FONT_DIRS") or None  # None: the Debian folder (core.documents.engine)

# Page size for list pages and API listings.
PAGE_SIZE = 25
# List pages count at most this many rows; past it they say "more than 10.000 results" (core.listing).
LIST_COUNT_LIMIT = 10_000
