"""Settings of the Django example: arcjet-local configured in one ARCJET dict."""

from __future__ import annotations

import os

from arcjet import detect_bot, shield, sliding_window

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "example_projects.django_project.mysite.urls"
WSGI_APPLICATION = "example_projects.django_project.mysite.wsgi.application"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "arcjet_django",  # system checks: `manage.py check` validates ARCJET
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "arcjet_django.middleware.ArcjetMiddleware",
    "django.middleware.common.CommonMiddleware",
]
DATABASES: dict[str, object] = {}
USE_TZ = True
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}

ARCJET = {
    "KEY": os.environ.get("ARCJET_KEY", "django-example"),
    "RULES": [
        shield(),
        detect_bot(allow=["CATEGORY:SEARCH_ENGINE", "CURL"]),  # curl allowed so you can try it
        sliding_window(max=60, interval=60),
    ],
    "STORAGE": os.environ.get("ARCJET_STORAGE") or None,  # None: memory; "redis://..." shares limits
    "EXCLUDE": ["/healthz"],
    # Behind a reverse proxy, list it so X-Forwarded-For is trusted:
    # "PROXIES": ["10.0.0.0/8"],
}
