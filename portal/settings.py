"""Settings for the Green Belt and Road Environmental Portal.

One module, driven by environment variables only (see README, "Configuration"). With nothing
set it runs on the embedded default: SQLite, tasks run eagerly in-process, local-memory cache
and media on disk. Production (DEBUG off) refuses to start without a real SECRET_KEY and
ALLOWED_HOSTS.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite file, media and mail of the embedded default

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "dev-only-insecure-key-never-used-in-production-0123456789abcdef"  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "axes",
    "reversion",
    "csp",
    "portal",
    "knowledge",
    "assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so it turns a lockout flagged by the axes backend into a 429 on every login path.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.shell",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Persistent connections: reconnecting per request costs ~2.6x throughput.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: wait for a writer instead of failing at once, WAL so readers do not block.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

# --- Cache, Celery ----------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    # Fail-soft: Redis down is a cache miss (portal/cache.py), and a dead host costs one second.
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = "default"
# Every task names its queue on its decorator ("default", "mail", "render"); a test checks it.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish to an unreachable broker fails within seconds; portal/outbox.py keeps the task.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A message a worker took but never acknowledged (the worker was killed: tasks are acks_late) is
# handed out again after the visibility timeout. It must exceed the longest countdown a task is
# retried with (webhook back-off reaches an hour), or a waiting retry would be delivered twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
# A render still "rendering" after this long lost its worker; beat queues it again.
ARTEFACT_RENDER_TIMEOUT = env_int("ARTEFACT_RENDER_TIMEOUT", 600)
ARTEFACT_RENDER_QUEUE = env_str("ARTEFACT_RENDER_QUEUE", "render")
# Every periodic job, in one place (Celery beat); each task names its queue and is idempotent.
CELERY_BEAT_SCHEDULE = {
    # Follow-up tasks that could not be queued when their action committed (portal/outbox.py).
    "outbox-sweep": {"task": "portal.tasks.outbox_sweep_task", "schedule": 60.0},
    "review-due-dates": {"task": "assessments.tasks.review_due_dates_task", "schedule": 3600.0},
    # Comment windows open and close at their instants (writes check the instant themselves).
    "comment-windows": {"task": "assessments.tasks.comment_windows_task", "schedule": 60.0},
    # Alert subscribers' daily digest (new disclosures and windows opening they follow).
    "alert-digests": {"task": "assessments.tasks.alert_digests_task", "schedule": crontab(hour=6, minute=0)},
    "blacklist-lift-ended": {"task": "assessments.tasks.blacklist_lift_ended_task", "schedule": 60 * 60},
    # Report rows for new periods, reminders before the due date, overdue marking (idempotent).
    "performance-report-schedule": {"task": "assessments.tasks.report_schedule_task", "schedule": 60 * 60},
    "rating-recompute-nightly": {
        "task": "assessments.tasks.rating_recompute_all_task",
        "schedule": crontab(hour=2, minute=30),
    },
    "artefact-requeue-stuck": {
        "task": "portal.tasks.artefact_requeue_stuck_task",
        "schedule": max(60, ARTEFACT_RENDER_TIMEOUT // 2),
    },
}

# --- Auth and accounts (django-allauth) -------------------------------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.EnterpriseSignupForm"
ACCOUNT_ADAPTER = "portal.adapters.PortalAccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Brute-force protection: django-axes (below) locks an account and a client address on every
# login path (web, API token, admin); allauth's own cache-backed login_failed limit is off so
# that one counter decides, and a Redis outage cannot turn a login into a 500.
ACCOUNT_RATE_LIMITS = {
    "login_failed": False,
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Green BRI Portal] "

# The real client address: REMOTE_ADDR, unless TRUSTED_PROXY_COUNT reverse proxies in front of
# the portal append to X-Forwarded-For (then the address the outermost trusted proxy saw).
# A client-supplied X-Forwarded-For is never believed otherwise (portal/lockout.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
AXES_CLIENT_IP_CALLABLE = "portal.lockout.client_ip"
AXES_USERNAME_CALLABLE = "portal.lockout.login_username"
# Lock an account after N failures from anywhere, and an address after N failures on any
# accounts; both for LOGIN_LOCKOUT_MINUTES. Failures are rows in the database (AccessAttempt),
# so the lockout holds with Redis down and across every web node.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.lockout.lockout_response"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
_s3_bucket = env_str("S3_BUCKET", "")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": _s3_bucket,
                "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
                "region_name": env_str("S3_REGION") or None,
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": True,
            },
        }
        if _s3_bucket
        else {"BACKEND": "portal.storage.AtomicFileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or not env_bool("STATIC_MANIFEST", default=True)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Email ------------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "console://" if DEBUG else "smtp://localhost:25")
_email = dj_email_url.parse(EMAIL_URL)
if EMAIL_URL.startswith("file:///"):
    # dj-email-url drops the leading slash of an absolute path; file:///var/mail is /var/mail.
    _email["EMAIL_FILE_PATH"] = "/" + _email["EMAIL_FILE_PATH"].lstrip("/")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH") or str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Green BRI Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Throttles key on REMOTE_ADDR unless proxies are configured: X-Forwarded-For is not trusted.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "portal.api.exceptions.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "portal.api.parsers.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_ANON_RATE", "600/hour"),
        "user": env_str("API_USER_RATE", "6000/hour"),
        "token": env_str("API_TOKEN_RATE", "10/minute"),
    },
}
# API tokens (django-rest-knox): only a SHA-512 digest is stored, each token expires, a client
# rotates it at /api/v1/auth/token/rotate/ and revokes it at /api/v1/auth/token/revoke/.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env_int("API_TOKEN_TTL_HOURS", 24 * 30)),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_LIMIT_PER_USER": 20,
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Green Belt and Road Environmental Portal API",
    "DESCRIPTION": "Knowledge base, project assessment and disclosure data.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Request and response bodies as separate components, so an upload is documented as a
    # binary file (not a URI) and read-only fields are not offered as input.
    "COMPONENT_SPLIT_REQUEST": True,
    # The error answers (400/401/403/404/409/429/503) are documented in one place.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.schema.document_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "InstrumentTypeEnum": "knowledge.choices.InstrumentType",
        "RelationTypeEnum": "knowledge.choices.RelationType",
        # One name for the portal's language choice (user preference, artefact language).
        "LanguageEnum": "portal.settings.LANGUAGES",
        "LimitCapacityBasisEnum": "knowledge.choices.CapacityBasis",
        "ProjectCapacityUnitEnum": "assessments.choices.CapacityUnit",
        "RequestStatusEnum": "assessments.choices.RequestStatus",
        "ProjectStatusEnum": "assessments.choices.ProjectStatus",
        "ReportStatusEnum": "assessments.choices.ReportStatus",
    },
}

# --- Security ---------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
PERMISSIONS_POLICY_DENY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]
# Content Security Policy (django-csp): nothing from outside the portal, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Cache of anonymous public pages and API responses (portal/public_cache.py), invalidated by the
# publishing services; the timeout only bounds memory. Off under pytest unless a test turns it on.
PUBLIC_CACHE = env_bool("PUBLIC_CACHE", default=True)
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 24 * 3600)

# Public search: anonymous requests per client address (cache-backed; empty turns it off), and
# the PostgreSQL statement timeout of public search requests.
SEARCH_ANON_RATE = env_str("SEARCH_ANON_RATE", "30/minute")
# Public comments (issue 14): at most this many from one address and from one email address
# per period, counted in the database so every gunicorn node agrees; a person writing a real
# comment sends one or two, a flood is cut off after these.
COMMENT_RATE_PER_ADDRESS = env_str("COMMENT_RATE_PER_ADDRESS", "5/hour")
COMMENT_RATE_PER_EMAIL = env_str("COMMENT_RATE_PER_EMAIL", "3/hour")
PUBLIC_STATEMENT_TIMEOUT_MS = env_int("PUBLIC_STATEMENT_TIMEOUT_MS", 3000)
# Alert subscriptions per client address (the service also caps them per email address).
ALERT_SUBSCRIBE_RATE = env_str("ALERT_SUBSCRIBE_RATE", "10/hour")

# Upload and rendering limits shared by the assessment and knowledge apps.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 25 * 1024 * 1024)
# Days an enterprise has to answer a blacklist notice (a regulator may give more per case).
BLACKLIST_RESPONSE_DAYS = env_int("BLACKLIST_RESPONSE_DAYS", 15)
# Webhook endpoints must be https unless this is on (development, tests with a local server).
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", default=DEBUG)
