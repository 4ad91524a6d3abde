"""Settings for Newsroom.

Everything comes from the environment with a default that works on a fresh
machine: SQLite in ./var, tasks in-process, media in ./var/media.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DEBUG", False)

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
RUNNING_TESTS = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
if SECRET_KEY == DEV_SECRET_KEY and not DEBUG and not RUNNING_TESTS:
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key. Set SECRET_KEY in the environment "
        "(or DEBUG=1 for local development)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_ckeditor_5",
    "axes",
    "bulletins",
    "bulletins.assessment",
    "bulletins.search",
    "bulletins.notifications",
    "bulletins.presence",
    "bulletins.accounts",
    "bulletins.drafts",
    "bulletins.changes",
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
    "bulletins.views.errors.ChineseBadRequestMiddleware",  # before any view reads the form
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "bulletins.accounts.middleware.IdleSessionTimeoutMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bulletins.context_processors.roles",
                "bulletins.notifications.context_processors.bell",
                "bulletins.presence.context_processors.presence",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default holds an office: readers never block the writer
    # (WAL), and every transaction takes the write lock when it begins
    # (IMMEDIATE), so a concurrent writer waits up to the busy timeout instead
    # of failing at once with "database is locked" when a read turns into a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    })
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [  # Django's own; their messages and hints come in Chinese (zh-hans)
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: login lockout (django-axes) after repeated wrong passwords for one
# user name, lifted by the cool-off time or by an administrator (管理后台 →
# 登录失败与锁定 → 解除锁定), or by resetting the password by e-mail.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_LOCKOUT_HOURS", "1"))  # hours; 0 = until an administrator unlocks
AXES_COOLOFF_TIME = AXES_COOLOFF_TIME or None
# By user name alone: a unit's staff share one address behind the office's NAT,
# so counting failures by address would lock out the whole unit (hence axes.W006 off).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLE_ADMIN = False  # bulletins.accounts registers the lockouts in Chinese
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# An idle session ends after SESSION_IDLE_HOURS without a request (sliding);
# changing one's password signs out every other session (Django's session hash).
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_IDLE_HOURS", "8")) * 3600)

if RUNNING_TESTS:
    # Test users are made by the hundred; a slow hash only costs CI minutes there.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or RUNNING_TESTS
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"  # the issue page shows its PDF preview in a frame
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG and env_bool("HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp 4). CKEditor 5 sets inline styles, hence
# 'unsafe-inline' for styles only; scripts come from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Celery: with no broker configured, tasks run in-process (eagerly).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-render leaves the message for another
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Render limits: every render stops after NEWSROOM_RENDER_TIME_LIMIT seconds or
# once the process grew by NEWSROOM_RENDER_MEMORY_LIMIT_MB, in-process and in a
# worker alike; in a worker the task's soft and hard time limits stand behind
# it, and the broker redelivers an unacknowledged message only after the hard
# limit (visibility timeout above it). A running render beats every few
# seconds; Celery beat re-queues a job whose beats stopped (a killed worker).
NEWSROOM_RENDER_TIME_LIMIT = int(os.environ.get("NEWSROOM_RENDER_TIME_LIMIT", "30"))
NEWSROOM_RENDER_MEMORY_LIMIT_MB = int(os.environ.get("NEWSROOM_RENDER_MEMORY_LIMIT_MB", "1024"))
NEWSROOM_RENDER_HEARTBEAT_SECONDS = 5
NEWSROOM_RENDER_STALE_SECONDS = 20
NEWSROOM_RENDER_SWEEP_SECONDS = 10
CELERY_TASK_SOFT_TIME_LIMIT = NEWSROOM_RENDER_TIME_LIMIT + 10
CELERY_TASK_TIME_LIMIT = NEWSROOM_RENDER_TIME_LIMIT + 20
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 10}
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 1_500_000  # KB: a worker child that grew this big is replaced after its task
CELERY_TIMEZONE = TIME_ZONE

# E-mail: the console backend unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "信息编辑系统 <newsroom@localhost>"
# Links in e-mails point here.
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")
# Units are reminded this many hours before an issue's 截稿时间.
NEWSROOM_DEADLINE_REMINDER_HOURS = float(os.environ.get("NEWSROOM_DEADLINE_REMINDER_HOURS", "24"))
# An open edit page pings this often (seconds) to show who else is editing.
NEWSROOM_PRESENCE_PING_SECONDS = float(os.environ.get("NEWSROOM_PRESENCE_PING_SECONDS", "15"))
# The beat process (celery -A newsroom beat): the daily digest, deadline checks,
# and a sweep for e-mails whose task was lost.
CELERY_BEAT_SCHEDULE = {
    "daily-digest": {
        "task": "notifications.send_daily_digests",
        "schedule": crontab(hour=int(os.environ.get("NEWSROOM_DIGEST_HOUR", "8")), minute=0),
    },
    "deadline-checks": {"task": "notifications.check_deadlines", "schedule": 300.0},
    "sweep-unsent-emails": {"task": "notifications.sweep_unsent_emails", "schedule": 600.0},
    # A render whose worker died (no heartbeat for NEWSROOM_RENDER_STALE_SECONDS) is re-queued.
    "sweep-render-jobs": {"task": "bulletins.sweep_render_jobs", "schedule": float(NEWSROOM_RENDER_SWEEP_SECONDS)},
}

# Typesetting: extra font files an office installs (licensed faces such as
# 方正小标宋简体, 仿宋_GB2312) are looked up here first.
NEWSROOM_FONT_DIRS = [Path(p) for p in env_list("NEWSROOM_FONT_DIRS")] or [VAR_DIR / "fonts"]

# The item form autosaves a draft copy of the text this often (seconds).
NEWSROOM_AUTOSAVE_SECONDS = int(os.environ.get("AUTOSAVE_SECONDS", "15"))

# Uploads
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
NEWSROOM_MAX_IMAGE_BYTES = 10 * 1024 * 1024
NEWSROOM_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

# CKEditor 5: a toolbar fit for the genre; no HTML embed, no source editing.
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "authenticated"
CKEDITOR_5_ALLOW_ALL_FILE_TYPES = False
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "zh-cn",
        "toolbar": {
            "items": [
                "heading", "|", "bold", "italic", "|",
                "bulletedList", "numberedList", "|",
                "insertTable", "|", "undo", "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "正文", "class": "ck-heading_paragraph"},
                {"model": "heading3", "view": "h3", "title": "小标题", "class": "ck-heading_heading3"},
            ]
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "image": {"toolbar": ["imageTextAlternative"]},  # pasted images; photos go in the photo rows
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every render step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # django-axes narrates every login at INFO
    },
}
