"""One harness per framework; every contract case runs against each."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import django
import pytest
from django.conf import settings

from tests.adapters.harness import Harness, Setup
from tests.django import settings as django_test_settings

# The same settings tests/django uses, whichever folder is collected first.
if not settings.configured:
    settings.configure(**{name: getattr(django_test_settings, name) for name in dir(django_test_settings)
                          if name.isupper()})
    django.setup()

# Imported once settings exist: the Django harness builds Django responses.
from tests.adapters.django_app import DjangoHarness
from tests.adapters.flask_app import FlaskHarness
from tests.adapters.starlette_app import FastAPIHarness, StarletteHarness

HARNESSES: dict[str, Callable[[], Harness]] = {
    "starlette": StarletteHarness,
    "fastapi": FastAPIHarness,
    "flask": FlaskHarness,
    "django": lambda: DjangoHarness(is_async=False),
    "django-async": lambda: DjangoHarness(is_async=True),
}


FEATURES = {name: make().features for name, make in HARNESSES.items()}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs(*features): run only against harnesses with these features")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # A case an adapter cannot express is not generated for it (rather than
    # skipped): a skip would hide a case that stopped running.
    if "harness" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("needs")
        wanted = set(marker.args) if marker is not None else set()
        metafunc.parametrize("harness_name", [name for name, features in FEATURES.items() if wanted <= features])


@pytest.fixture
async def harness(harness_name: str) -> AsyncIterator[Harness]:
    made = HARNESSES[harness_name]()
    yield made
    await made.close()


@pytest.fixture
def setup() -> Callable[..., Setup]:
    def make(**values: object) -> Setup:
        return Setup(key=f"contract-{uuid.uuid4().hex[:10]}", **values)  # type: ignore[arg-type]

    return make
