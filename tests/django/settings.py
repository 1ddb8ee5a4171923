"""Django settings for the adapter tests (configured by tests/django/conftest.py)."""

from arcjet_core import fixed_window

SECRET_KEY = "arcjet-local-tests"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "tests.django.urls"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "rest_framework", "arcjet_django"]
MIDDLEWARE = ["arcjet_django.middleware.ArcjetMiddleware"]
DATABASES: dict[str, object] = {}
USE_TZ = True
# The body-replay tests send 3 MB; Django's own 2.5 MB guard is not what they test.
DATA_UPLOAD_MAX_MEMORY_SIZE = None
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
ARCJET = {
    "KEY": "django-tests",
    "RULES": [fixed_window(max=1000, window=60)],
    "ENVIRONMENT": "development",
}
