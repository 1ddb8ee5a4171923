"""Configure Django for this folder only: the other suites never see these settings."""

from __future__ import annotations

import django
from django.conf import settings

from tests.django import settings as test_settings

if not settings.configured:
    settings.configure(**{name: getattr(test_settings, name) for name in dir(test_settings) if name.isupper()})
    django.setup()
