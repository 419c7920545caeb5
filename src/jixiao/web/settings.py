"""Django settings: SQLite by default, PostgreSQL through DATABASE_URL."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("JIXIAO_SECRET_KEY", "jixiao-dev-only-not-secret")
DEBUG = os.environ.get("JIXIAO_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("JIXIAO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "jixiao.web.apps.WebConfig",
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
    "django_htmx.middleware.HtmxMiddleware",
    "jixiao.web.errors.DomainErrorMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}",
        conn_max_age=60,
    ),
}

AUTHENTICATION_BACKENDS = ["jixiao.web.auth.ProfileBackend"]  # the user and its profile in one query

# Dashboards are cached (web/stats.py): in memory for one process; with several server processes
# (`jixiao serve --workers N`) in Redis when JIXIAO_CACHE_URL is set (redis://host:port/db), else in
# files under JIXIAO_CACHE_DIR, so that all of them see each change. With Redis, sessions are read
# from the cache too (`cached_db`: written through to the database, one Redis GET per request).
if os.environ.get("JIXIAO_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["JIXIAO_CACHE_URL"],
            "KEY_PREFIX": "jixiao-web",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif os.environ.get("JIXIAO_CACHE_DIR"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["JIXIAO_CACHE_DIR"],
        }
    }

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
# Set JIXIAO_STATIC_ROOT and run `collectstatic` for a deployment behind a web server; otherwise
# WhiteNoise serves the files straight from the app (WHITENOISE_USE_FINDERS).
STATIC_ROOT = os.environ.get("JIXIAO_STATIC_ROOT") or None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Serve static files from the app directories without `collectstatic` (demo and small deployments).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Uploads are untrusted: cap their size and number (each file is also checked in `imports.py`).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 200
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
JIXIAO_MAX_UPLOAD_BYTES = int(os.environ.get("JIXIAO_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "jixiao.web.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "jixiao 绩效自评 API",
    "DESCRIPTION": "项目、导入、审核、评分接口；令牌认证（Authorization: Token <key>）。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Behind HTTPS (JIXIAO_HTTPS=1): cookies only over TLS, and trust the proxy's scheme header.
if os.environ.get("JIXIAO_HTTPS", "0") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host != "testserver"]
