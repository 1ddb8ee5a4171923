from __future__ import annotations

import json

import pytest

from arcjet_core.analyze import Ruleset
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.rules import detect_bot

from .helpers import BOTS_JSON, CHROME, DATA, GOOGLEBOT, ctx, ruleset_of

BOTS = json.loads(BOTS_JSON.read_text(encoding="utf-8"))
BLOCK_ALL = ruleset_of([detect_bot(allow=[])])


def api_id(raw: str) -> str:
    return raw.upper().replace("-", "_")


def bot_reason(rs: Ruleset, ua: str | None, ip: str = "203.0.113.7") -> tuple[str, dict[str, object]]:
    out = rs.analyze(ctx(ua, ip), email=None)
    outcome = out.outcomes[0]
    return outcome.conclusion, outcome.reason


def detected(reason: dict[str, object]) -> list[str]:
    return [*reason["allowed"], *reason["denied"]]  # type: ignore[misc]


ACCEPTED = [(b["id"], ua) for b in BOTS for ua in b["instances"]["accepted"]]
REJECTED = [(b["id"], ua) for b in BOTS for ua in b["instances"].get("rejected", [])]


def test_catalogue_shape() -> None:
    assert len(BOTS) == 633
    assert len(ACCEPTED) > 1100


@pytest.mark.parametrize(("bot_id", "ua"), ACCEPTED, ids=[f"{b}-{i}" for i, (b, _) in enumerate(ACCEPTED)])
def test_every_accepted_instance_is_detected_as_its_entry(bot_id: str, ua: str) -> None:
    conclusion, reason = bot_reason(BLOCK_ALL, ua)
    assert api_id(bot_id) in detected(reason)
    assert conclusion == "DENY"


@pytest.mark.parametrize(("bot_id", "ua"), REJECTED)
def test_rejected_instances_are_not_that_entry(bot_id: str, ua: str) -> None:
    _, reason = bot_reason(BLOCK_ALL, ua)
    assert api_id(bot_id) not in detected(reason)


def test_real_browsers_are_not_bots() -> None:
    uas = (DATA / "browser_user_agents.txt").read_text(encoding="utf-8").splitlines()
    assert len(uas) >= 500
    flagged = [(ua, bot_reason(BLOCK_ALL, ua)[1]) for ua in uas]
    flagged = [(ua, r) for ua, r in flagged if detected(r)]
    assert flagged == []


def test_browser_allows() -> None:
    assert bot_reason(BLOCK_ALL, CHROME) == (
        "ALLOW", {"type": "BOT", "allowed": [], "denied": [], "verified": False, "spoofed": False})


@pytest.mark.parametrize("ua", [
    "MyFancyCrawler/1.0", "python-httpx/0.27.0", "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0",
    "Go-http-client/2.0", "okhttp/4.12.0", "some-spider", "node-fetch/1.0", "Scrapy/2.11 (+https://scrapy.org)",
])
def test_generic_automated_clients_are_unknown_bot(ua: str) -> None:
    conclusion, reason = bot_reason(BLOCK_ALL, ua)
    assert conclusion == "DENY"
    assert detected(reason) and all(isinstance(x, str) for x in detected(reason))
    if not any(x != "UNKNOWN_BOT" for x in detected(reason)):
        assert reason["denied"] == ["UNKNOWN_BOT"]


def test_unknown_bot_only_when_nothing_named_matched() -> None:
    _, reason = bot_reason(BLOCK_ALL, "curl/8.4.0")
    assert reason["denied"] == ["CURL"]
    _, reason = bot_reason(BLOCK_ALL, "MyFancyCrawler/1.0")
    assert reason["denied"] == ["UNKNOWN_BOT"]


def test_cubot_phones_are_browsers_but_a_scraping_cubot_is_not() -> None:
    phone = "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
    assert detected(bot_reason(BLOCK_ALL, phone)[1]) == []
    assert detected(bot_reason(BLOCK_ALL, phone + " my-scraper/1.0")[1]) == ["UNKNOWN_BOT"]


@pytest.mark.parametrize("ua", [None, ""])
def test_missing_user_agent_is_an_error_like_the_reference(ua: str | None) -> None:
    conclusion, reason = bot_reason(BLOCK_ALL, ua)
    assert conclusion == "ERROR"
    assert reason == {"type": "ERROR", "message": "bot detection requires user-agent header"}


def test_allow_by_id_and_category() -> None:
    by_id = ruleset_of([detect_bot(allow=["CURL"])])
    assert bot_reason(by_id, "curl/8.4.0")[0] == "ALLOW"
    assert bot_reason(by_id, "Wget/1.21")[0] == "DENY"
    by_cat = ruleset_of([detect_bot(allow=["CATEGORY:TOOL"])])
    conclusion, reason = bot_reason(by_cat, "curl/8.4.0")
    assert (conclusion, reason["allowed"], reason["denied"]) == ("ALLOW", ["CURL"], [])
    assert bot_reason(by_cat, "python-requests/2.31.0")[0] == "DENY"  # programmatic, not a tool


def test_deny_by_id_and_category() -> None:
    deny_ai = ruleset_of([detect_bot(deny=["CATEGORY:AI"])])
    gptbot = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1; +https://openai.com/gptbot)"
    conclusion, reason = bot_reason(deny_ai, gptbot)
    assert conclusion == "DENY" and "OPENAI_CRAWLER" in detected(reason)
    assert bot_reason(deny_ai, "curl/8.4.0") == (
        "ALLOW", {"type": "BOT", "allowed": ["CURL"], "denied": [], "verified": False, "spoofed": False})
    assert bot_reason(deny_ai, CHROME)[0] == "ALLOW"
    deny_curl = ruleset_of([detect_bot(deny=["CURL"])])
    assert bot_reason(deny_curl, "curl/8.4.0")[0] == "DENY"
    assert bot_reason(deny_curl, "Wget/1.21")[0] == "ALLOW"


def test_unknown_bot_is_in_category_unknown() -> None:
    rs = ruleset_of([detect_bot(deny=["CATEGORY:UNKNOWN"])])
    assert bot_reason(rs, "MyFancyCrawler/1.0")[1]["denied"] == ["UNKNOWN_BOT"]


def test_every_category_in_the_data_is_accepted() -> None:
    cats = sorted({"CATEGORY:" + api_id(c) for b in BOTS for c in b["categories"]})
    assert len(cats) >= 20
    ruleset_of([detect_bot(deny=cats)])


def test_unknown_identifier_fails_at_construction() -> None:
    from arcjet_core.rules import BotDetection

    with pytest.raises(ArcjetMisconfiguration, match="NOT_A_BOT"):
        ruleset_of([BotDetection(allow=("NOT_A_BOT",))])


def test_forbidden_patterns_are_honoured() -> None:
    # facebook-crawler's pattern list forbids Twitterbot: a UA with both is not it.
    ua = "facebookexternalhit/1.1 Twitterbot/1.0"
    assert "FACEBOOK_CRAWLER" not in detected(bot_reason(BLOCK_ALL, ua)[1])


def test_genuine_googlebot_is_verified() -> None:
    allow_google = ruleset_of([detect_bot(allow=["CATEGORY:GOOGLE"])])
    conclusion, reason = bot_reason(allow_google, GOOGLEBOT, ip="66.249.66.1")
    assert conclusion == "ALLOW"
    assert reason["verified"] is True and reason["spoofed"] is False
    assert reason["allowed"] == ["GOOGLE_CRAWLER"]
    assert bot_reason(allow_google, GOOGLEBOT, ip="2001:4860:4801:10::1")[1]["verified"] is True


def test_spoofed_googlebot_is_denied_even_when_google_is_allowed() -> None:
    allow_google = ruleset_of([detect_bot(allow=["CATEGORY:GOOGLE", "GOOGLE_CRAWLER"])])
    conclusion, reason = bot_reason(allow_google, GOOGLEBOT, ip="198.51.100.20")
    assert conclusion == "DENY"
    assert reason["spoofed"] is True and reason["verified"] is False
    assert reason["denied"] == ["GOOGLE_CRAWLER"] and reason["allowed"] == []


def test_bingbot_and_applebot_ranges() -> None:
    allow_all_search = ruleset_of([detect_bot(allow=["CATEGORY:SEARCH_ENGINE"])])
    bing = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
    assert bot_reason(allow_all_search, bing, ip="157.55.39.1") [1]["verified"] is True
    assert bot_reason(allow_all_search, bing, ip="8.8.8.8")[0] == "DENY"
    apple = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)"
    assert bot_reason(allow_all_search, apple, ip="17.58.101.5")[1]["verified"] is True
    assert bot_reason(allow_all_search, apple, ip="203.0.113.9")[1]["spoofed"] is True


def test_inline_ip_lists_from_the_catalogue_verify() -> None:
    entry = next(b for b in BOTS if b["id"] == "algolia-crawler")
    rs = ruleset_of([detect_bot(allow=[api_id(entry["id"])])])
    ua = entry["instances"]["accepted"][0]
    assert bot_reason(rs, ua, ip="34.66.202.43") [1]["verified"] is True
    assert bot_reason(rs, ua, ip="34.66.202.44")[0] == "DENY"


def test_bots_without_ranges_are_neither_verified_nor_spoofed() -> None:
    _, reason = bot_reason(BLOCK_ALL, "curl/8.4.0", ip="198.51.100.20")
    assert (reason["verified"], reason["spoofed"]) == (False, False)


def test_googlebot_without_client_ip_gets_no_verdict() -> None:
    allow_google = ruleset_of([detect_bot(allow=["CATEGORY:GOOGLE"])])
    conclusion, reason = bot_reason(allow_google, GOOGLEBOT, ip="")
    assert conclusion == "ALLOW" and (reason["verified"], reason["spoofed"]) == (False, False)
