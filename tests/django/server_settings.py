"""Settings for the real-server tests: tests/django/settings.py, ARCJET from the environment."""

import os

from arcjet_core import fixed_window, shield
from tests.django.settings import *  # noqa: F403

ARCJET = {
    "KEY": os.environ["TEST_ARCJET_KEY"],
    "RULES": [shield(), fixed_window(max=int(os.environ.get("TEST_LIMIT", "10")), window=60)],
    "STORAGE": os.environ.get("ARCJET_STORAGE") or None,
    "BODY_LIMIT": 4 * 1024 * 1024,
    "ENVIRONMENT": "development",
}
