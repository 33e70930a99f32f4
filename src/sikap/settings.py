"""SIKAP settings: one module, read from the environment (see .env.example)."""

from __future__ import annotations

from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from sikap.env import (
    EnvError,
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_optional,
    env_str,
    parse_database_url,
)

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("SIKAP_VAR_DIR", str(BASE_DIR / "var")))

SIKAP_ENV = env_str("SIKAP_ENV", "development")
if SIKAP_ENV not in {"development", "test", "production"}:
    raise EnvError(f"SIKAP_ENV={SIKAP_ENV!r} must be development, test or production")
PRODUCTION = SIKAP_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    if len(SECRET_KEY) < 50:
        raise EnvError("SECRET_KEY must be at least 50 characters in production")
else:
    SECRET_KEY = env_str("SECRET_KEY", "sikap-development-key-not-for-production-use-0123456789")

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise EnvError("ALLOWED_HOSTS must be set in production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Proxies whose X-Forwarded-For is believed (sikap.core.clientip); empty: none.
SIKAP_TRUSTED_PROXIES = env_networks("SIKAP_TRUSTED_PROXIES")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "sikap.core",
    "sikap.accounts",
    "sikap.org",
    "sikap.evidence",
    "sikap.scoring",
    "sikap.culture",
    "sikap.publicservice",
    "sikap.performance",
    "sikap.integrity",
    "sikap.home",
]

MIDDLEWARE = [
    "sikap.core.middleware.ForwardedProtoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "sikap.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sikap.core.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sikap.org.tenancy.PemdaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sikap.core.middleware.RejectNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "sikap.urls"
WSGI_APPLICATION = "sikap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sikap.core.context_processors.sikap",
                "sikap.org.context_processors.pemda",
            ],
        },
    }
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sikap.sqlite3'}"),
        base_dir=BASE_DIR,
    ).as_django()
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a task writes; a busy timeout avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["sikap.accounts.backends.NipOrEmailBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "accounts:login"
# Login throttling (sikap.accounts.throttle): failures allowed before each further check waits
# 1, 2, 4, … seconds, up to the cap. Per account, and (higher, for offices behind one NAT) per
# address.
SIKAP_LOGIN_MAX_FAILURES = env_int("SIKAP_LOGIN_MAX_FAILURES", 5, minimum=1)
SIKAP_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int(
    "SIKAP_LOGIN_MAX_FAILURES_PER_ADDRESS", 20, minimum=1
)
SIKAP_LOGIN_MAX_DELAY_SECONDS = env_int("SIKAP_LOGIN_MAX_DELAY_SECONDS", 300, minimum=1)
# A reset link is good for one hour and one use (it dies with the password it replaces).
PASSWORD_RESET_TIMEOUT = 3600

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("SIKAP_TIME_ZONE", "Asia/Makassar")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STATICFILES_DIRS = [entry for entry in STATICFILES_DIRS if entry[1].is_dir()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Imports (docs/deployment.md): the uploaded file, what an XLSX holds once unzipped (declared
# member sizes, checked before reading), the rows of any file, and the seconds a task may run.
SIKAP_IMPORT_MAX_BYTES = env_int("SIKAP_IMPORT_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)
SIKAP_IMPORT_MAX_UNZIPPED_BYTES = env_int(
    "SIKAP_IMPORT_MAX_UNZIPPED_BYTES", 100 * 1024 * 1024, minimum=1024
)
SIKAP_IMPORT_MAX_ROWS = env_int("SIKAP_IMPORT_MAX_ROWS", 100_000, minimum=10)
SIKAP_IMPORT_TIME_LIMIT = env_int("SIKAP_IMPORT_TIME_LIMIT", 600, minimum=10)
# Evidence library (Zona Integritas, SAKIP): files outside MEDIA_ROOT, served by a scoped view.
SIKAP_EVIDENCE_ROOT = Path(env_str("SIKAP_EVIDENCE_ROOT", str(VAR_DIR / "evidence")))
SIKAP_EVIDENCE_MAX_BYTES = env_int("SIKAP_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)

# Anonymity: results for groups smaller than k are suppressed; never below 3.
SIKAP_MIN_GROUP_SIZE = env_int("SIKAP_MIN_GROUP_SIZE", 5, minimum=3)
# The key that seals answer sheets in the culture ballot box (32 bytes, base64). Empty: derived
# from SECRET_KEY. Either way it lives outside the database; keep it until the box is mixed.
SIKAP_BALLOT_KEY = env_str("SIKAP_BALLOT_KEY", "")
SIKAP_MIN_COMMENT_GROUP_SIZE = max(
    env_int("SIKAP_MIN_COMMENT_GROUP_SIZE", 10, minimum=3), SIKAP_MIN_GROUP_SIZE
)

# Tasks: without a broker, Celery runs tasks eagerly in-process (embedded mode).
CELERY_BROKER_URL = env_optional("CELERY_BROKER_URL") or env_optional("REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# `celery -A sikap beat` runs these; installs without a broker use cron with the same commands
# (docs/deployment.md).
CELERY_BEAT_SCHEDULE = {
    # 18:30 UTC is 01:30 WIB, 02:30 WITA, 03:30 WIT: after every Indonesian day has ended.
    "culture-recompute-due": {
        "task": "sikap.culture.recompute_due",
        "schedule": crontab(minute=30, hour=18),
    },
    # The culture ballot box is mixed every hour, so sealed sheets wait there briefly.
    "culture-mix-due": {"task": "sikap.culture.mix_due", "schedule": crontab(minute=5)},
    # Imports whose process was killed stay "running" until this closes them.
    "org-imports-fail-stale": {
        "task": "sikap.org.imports_fail_stale",
        "schedule": crontab(minute="*/15"),
    },
}

# Flood and login counters live in the cache; a per-process cache would give every gunicorn
# worker its own allowance, so production refuses to start without the shared one.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
_redis_url = env_optional("REDIS_URL")
if PRODUCTION and not _redis_url:
    raise EnvError(
        "REDIS_URL must be set in production: rate limits and login throttling need a cache "
        "shared by every worker"
    )
if _redis_url:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _redis_url,
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sikap.core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"public_form": "30/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SIKAP API",
    "DESCRIPTION": "Sistem Informasi Kinerja, Akhlak dan Pelayanan — scoped read API.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Security headers. The CSP forbids inline scripts and styles; every asset is served by SIKAP.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SIKAP_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_requests": {"()": "sikap.core.logfilters.RedactRequestRecords"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Refusals (400, 403, 404, CSRF) are logged without traceback and without the path's token.
    # A logger's filter sees only records made on it, so each of Django's is named.
    "loggers": {
        name: {"filters": ["redact_requests"]}
        for name in [
            "django.request",
            "django.security.csrf",
            "django.security.DisallowedHost",
            "django.security.DisallowedRedirect",
            "django.security.RequestDataTooBig",
            "django.security.SuspiciousFileOperation",
            "django.security.SuspiciousMultipartForm",
            "django.security.SuspiciousOperation",
            "django.security.SuspiciousSession",
            "django.security.TooManyFieldsSent",
            "django.security.TooManyFilesSent",
        ]
    },
    "root": {
        "handlers": ["console"],
        "level": env_str("LOG_LEVEL", "WARNING" if not DEBUG else "INFO"),
    },
}

CSRF_FAILURE_VIEW = "sikap.core.views.csrf_failure"

# Scheme, host and port that public links (survey, SKM form, QR codes) start with. Empty: the
# address each request came to; links built without a request (invitation emails sent by a
# worker) take the address of the page that asked for them. The old name is still read.
SIKAP_BASE_URL = env_str("SIKAP_BASE_URL", env_str("SIKAP_PUBLIC_BASE_URL", "")).rstrip("/")
# Survey invitations and password resets carry personal links: in production they go out by
# SMTP only, never to a console or a file, where a link would sit in a log (docs/anonymity.md).
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
if PRODUCTION and EMAIL_BACKEND.endswith(("console.EmailBackend", "filebased.EmailBackend")):
    raise EnvError(
        f"EMAIL_BACKEND={EMAIL_BACKEND} would write survey and password-reset links to the "
        "server's log or disk; "
        "use SMTP in production"
    )
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sikap@localhost")
