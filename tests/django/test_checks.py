"""System checks for settings.ARCJET, as `manage.py check` runs them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.checks import Error, Warning, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory

from arcjet_core import arcjet_sync, fixed_window
from arcjet_django import conf
from arcjet_django.checks import check_body_limit, check_client_ip, check_middleware, check_settings


def ids(messages: list[Any]) -> list[str]:
    return sorted(m.id for m in messages)


def test_valid_settings_pass(settings) -> None:
    settings.ARCJET = {"KEY": "site", "RULES": [fixed_window(max=5, window=60)], "PROXIES": ["10.0.0.0/8"],
                       "STORAGE": "redis://localhost:6379/0", "EXCLUDE": ["/health", "/static/*"], "FAIL_OPEN": True}
    assert check_settings() == []
    assert check_middleware() == []


@pytest.mark.parametrize(
    ("arcjet", "expected"),
    [
        (None, "arcjet.E001"),
        (["not", "a", "dict"], "arcjet.E001"),
        ({"RULES": []}, "arcjet.E002"),
        ({"KEY": ""}, "arcjet.E002"),
        ({"KEY": "k", "RULES": ["shield"]}, "arcjet.E003"),
        ({"KEY": "k", "PROXIES": ["300.1.1.1"]}, "arcjet.E004"),
        ({"KEY": "k", "PROXIES": "10.0.0.1"}, "arcjet.E004"),
        ({"KEY": "k", "PROXY_HEADERS": ["x-forwarded-host"]}, "arcjet.E015"),
        ({"KEY": "k", "PROXY_HEADERS": "x-real-ip"}, "arcjet.E015"),
        ({"KEY": "k", "STORAGE": "mongodb://localhost"}, "arcjet.E005"),
        ({"KEY": "k", "EXCLUDE": "health"}, "arcjet.E006"),
        ({"KEY": "k", "EXCLUDE": ["health"]}, "arcjet.E006"),
        ({"KEY": "k", "FAIL_OPEN": "yes"}, "arcjet.E007"),
        ({"KEY": "k", "BODY_LIMIT": -1}, "arcjet.E008"),
        ({"KEY": "k", "BODY_TIMEOUT": 0}, "arcjet.E013"),
        ({"KEY": "k", "IPV6_PREFIX": 0}, "arcjet.E014"),
        ({"KEY": "k", "IPV6_PREFIX": 64.0}, "arcjet.E014"),
        ({"KEY": "k", "ENVIRONMENT": 1}, "arcjet.E009"),
        ({"KEY": "k", "CHARACTERISTICS": "ip.src"}, "arcjet.E010"),
        ({"KEY": "k", "PLATFORM": "heroku-ish"}, "arcjet.E011"),
        ({"KEY": "k", "ON_DENY": "no.such.module.deny"}, "arcjet.E012"),
    ],
)
def test_each_bad_setting_has_its_error(settings, arcjet: Any, expected: str) -> None:
    settings.ARCJET = arcjet
    messages = check_settings()
    assert ids(messages) == [expected]
    assert all(isinstance(m, Error) and m.hint for m in messages)


def test_unknown_keys_warn(settings) -> None:
    settings.ARCJET = {"KEY": "k", "PROXYS": ["10.0.0.1"]}
    [message] = check_settings()
    assert isinstance(message, Warning)
    assert message.id == "arcjet.W001"
    assert "PROXYS" in message.msg


def test_rules_without_middleware_warn(settings) -> None:
    settings.ARCJET = {"KEY": "k", "RULES": [fixed_window(max=5, window=60)]}
    settings.MIDDLEWARE = []
    assert ids(check_middleware()) == ["arcjet.W002"]


def test_checks_are_registered_with_django(settings) -> None:
    settings.ARCJET = {"KEY": "k", "FAIL_OPEN": "sometimes"}
    assert "arcjet.E007" in ids(run_checks())


def test_manage_py_check_fails_on_bad_settings(settings) -> None:
    settings.ARCJET = {"KEY": "k", "PROXIES": ["nope"]}
    with pytest.raises(SystemCheckError, match=r"arcjet\.E004"):
        call_command("check")


# ------------------------------------------------------------ client IP (arcjet.W003)


@pytest.mark.parametrize("sign", [{"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")},
                                  {"USE_X_FORWARDED_HOST": True}, {"USE_X_FORWARDED_PORT": True}])
def test_a_proxied_deployment_without_arcjet_proxies_warns(settings, monkeypatch, sign: dict[str, Any]) -> None:
    monkeypatch.delenv("ARCJET_ENV", raising=False)
    for name, value in sign.items():
        setattr(settings, name, value)
    settings.ARCJET = {"KEY": "k", "RULES": [fixed_window(max=5, window=60)]}
    [message] = check_client_ip()
    assert isinstance(message, Warning) and message.id == "arcjet.W003"
    assert next(iter(sign)) in message.msg and "PROXIES" in message.hint
    assert "arcjet.W003" in ids(run_checks())  # registered with Django


@pytest.mark.parametrize("arcjet", [
    {"KEY": "k", "PROXIES": ["10.0.0.0/8"]},
    {"KEY": "k", "PLATFORM": "fly"},
    {"KEY": "k", "ENVIRONMENT": "development"},
])
def test_a_proxied_deployment_that_declares_its_proxies_passes(settings, monkeypatch, arcjet: dict[str, Any]) -> None:
    monkeypatch.delenv("ARCJET_ENV", raising=False)
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ARCJET = arcjet
    assert check_client_ip() == []


def test_no_proxy_settings_no_warning(settings, monkeypatch) -> None:
    monkeypatch.delenv("ARCJET_ENV", raising=False)
    settings.ARCJET = {"KEY": "k"}
    assert check_client_ip() == []


def test_proxy_headers_reach_the_client(settings) -> None:
    settings.ARCJET = {"KEY": "k", "PROXY_HEADERS": ["X-Real-IP"], "RULES": [fixed_window(max=5, window=60)]}
    assert check_settings() == []
    loaded = conf.load()
    assert loaded.client_args["proxy_headers"] == ["X-Real-IP"]
    # A local proxy sending X-Real-IP only: each client it names has its own limit.
    client = arcjet_sync(**loaded.client_args)
    factory = RequestFactory()
    for ip in ("8.8.8.8", "9.9.9.9"):
        decisions = [client.protect(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=ip)) for _ in range(6)]
        assert {d.ip_address for d in decisions} == {ip}
        assert [d.conclusion.value for d in decisions] == ["ALLOW"] * 5 + ["DENY"]


def test_ipv6_prefix_reaches_the_client(settings) -> None:
    settings.ARCJET = {"KEY": "k", "IPV6_PREFIX": 48, "RULES": [fixed_window(max=1, window=60)]}
    assert check_settings() == []
    client = arcjet_sync(**conf.load().client_args)
    factory = RequestFactory()
    # Two addresses in different /64s of one /48 share the limit.
    first = client.protect(factory.get("/", REMOTE_ADDR="2001:4860:1:1::1"))
    second = client.protect(factory.get("/", REMOTE_ADDR="2001:4860:1:2::1"))
    assert (first.conclusion.value, second.conclusion.value) == ("ALLOW", "DENY")


# ------------------------------------------------------ body limit (arcjet.W004)


@pytest.mark.parametrize(("body_limit", "django_limit", "warned"), [
    (None, 2_621_440, False),  # the defaults: 1 MiB within Django's 2.5 MB
    (4 * 1024 * 1024, 2_621_440, True),
    (4 * 1024 * 1024, None, False),  # Django loads any body
    (1000, 1000, False),
])
def test_body_limit_past_data_upload_max_memory_size_warns(settings, body_limit: int | None,
                                                           django_limit: int | None, warned: bool) -> None:
    settings.ARCJET = {"KEY": "k", **({"BODY_LIMIT": body_limit} if body_limit is not None else {})}
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = django_limit
    messages = check_body_limit()
    assert ids(messages) == (["arcjet.W004"] if warned else [])
    assert all(isinstance(m, Warning) and m.hint for m in messages)
