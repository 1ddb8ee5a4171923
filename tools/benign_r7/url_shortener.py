# ruff: noqa: RUF001 - real text uses typographic characters
"""A link-management SaaS: the dashboard (a Vue SPA over a Flask API),
short-link creation for long destination URLs, custom slugs, QR options, bulk
CSV imports, click analytics, link-in-bio pages, the redirect edge itself,
click webhooks to customers, and API clients in several languages.
"""

from __future__ import annotations

import random
from urllib.parse import quote

from .common import (
    BROWSERS,
    Part,
    Request,
    boundary,
    browser,
    chars,
    client,
    cookie_jar,
    csrf,
    day,
    doc_ip,
    epoch,
    fake_png,
    form,
    hexs,
    hmac_hex,
    js_json,
    multipart,
    pick,
    py_json,
    query,
    run,
    some,
    stamp,
    text_parts,
    uri_query,
    uuid4,
)

SRC = "url_shortener"
APP = "app.snipl.example.com"
API = "api.snipl.example.com"
EDGE = ["snipl.example.com", "go.acmeoutdoors.example.com", "l.harbourgazette.example.com", "link.bakehouse.example.org"]
BIO = "bio.snipl.example.com"
SLUG = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _dest(rng: random.Random) -> str:
    k = rng.randrange(12)
    camp = pick(rng, ["black_friday_2026", "winter-sale", "newsletter_49", "launch_q1", "xmas-gift-guide", "retarget"])
    utm = f"utm_source={pick(rng, ['newsletter', 'instagram', 'facebook', 'linkedin', 'tiktok', 'qr'])}&utm_medium={pick(rng, ['email', 'social', 'print', 'cpc', 'bio'])}&utm_campaign={camp}"
    if k == 0:
        return f"https://shop.acmeoutdoors.example.com/collections/jackets/products/ridgeline-down-parka-men-s?variant={rng.randrange(10**13, 10**14)}&{utm}&utm_content=hero_cta"
    if k == 1:
        return f"https://www.harbourgazette.example.com/news/2026/12/0{rng.randint(1, 6)}/council-approves-quayside-footbridge-{rng.randrange(10**6, 10**7)}?{utm}#comments"
    if k == 2:
        inner = f"https://portal.example.net/dashboard?tab=billing&invoice=INV-{rng.randrange(10**5)}"
        return f"https://login.example.net/sso/start?client_id=web&redirect_uri={quote(inner, safe='')}&state={hexs(rng, 16)}"
    if k == 3:
        return f"https://events.example.org/de/veranstaltungen/weihnachtsmarkt-{rng.randint(2026, 2026)}/tickets?datum=2026-12-1{rng.randint(0, 9)}&{utm}"
    if k == 4:
        return f"https://ja.example.jp/記事/{rng.randrange(1000, 9999)}/冬のセール?ref=snipl"
    if k == 5:
        return f"https://docs.example.com/guides/getting-started#step-{rng.randint(1, 6)}-install-the-cli"
    if k == 6:
        return f"https://forms.example.com/f/{chars(rng, 'abcdefghijklmnopqrstuvwxyz0123456789', 10)}?prefill_email=&source=poster&{utm}"
    if k == 7:
        track = f"https://click.mailer.example.net/ls/click?upn={chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 60)}"
        return f"https://www.example.com/redirect?url={quote(track, safe='')}&sig={hexs(rng, 20)}"
    if k == 8:
        return f"https://maps.example.com/maps/place/Salt+%26+Ember,+Harbour+St,+Fairhaven/@50.7{rng.randrange(1000)},-1.2{rng.randrange(1000)},17z"
    if k == 9:
        return f"https://video.example.net/watch?v={chars(rng, SLUG, 11)}&t={rng.randint(1, 900)}s&list=PL{chars(rng, SLUG, 16)}"
    if k == 10:
        return f"https://www.example.org/café-menü/spécialités?lang=fr&{utm}"
    return f"https://app.example.com/invite?code={chars(rng, SLUG, 8)}&ref={chars(rng, SLUG, 6)}&next=%2Fonboarding%3Fstep%3D2%26plan%3Dpro"


def _dash(rng: random.Random) -> str:
    return cookie_jar(rng, "flask", ga=0.4, extra=[("workspace", f"ws_{chars(rng, SLUG, 10)}")])


def _api_key(rng: random.Random) -> str:
    return "Bearer sk_live_" + chars(rng, SLUG, 32)


def _custom_slug(rng: random.Random) -> str:
    return pick(rng, ["winter-sale", "bf26", "menu", "Quayside-Bridge", "app", "join", "careers", "xmas-gifts", "podcast-ep49", "rsvp",
                      "survey2026", "parka", "bio", "café", "deal_of_the_day", "FreeShipping", "2027-calendar"])


def create_web(rng: random.Random) -> Request:
    obj: dict[str, object] = {"long_url": _dest(rng), "domain": pick(rng, EDGE), "title": pick(rng, ["", "Winter sale hero", "Footbridge story", "Menu QR", "Newsletter #49"]),
                              "tags": some(rng, ["campaign", "print", "social", "qr", "internal", "podcast"], 0, 3)}
    if rng.random() < 0.5:
        obj["slug"] = _custom_slug(rng)
    if rng.random() < 0.2:
        obj["expires_at"] = f"{day(rng)}T23:59:59Z"
    if rng.random() < 0.15:
        obj["password"] = chars(rng, SLUG, 10)
    return browser(rng, SRC, "create_link", "POST", APP, "/api/links", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_dash(rng), extra=csrf(rng, "flask"), referer=f"https://{APP}/links/new")


def create_api(rng: random.Random) -> Request:
    obj = {"long_url": _dest(rng), "domain": pick(rng, EDGE), "group_guid": "Bk" + chars(rng, SLUG, 9)}
    lib = pick(rng, ["requests", "node", "go", "java", "curl", "axios"])
    body = (py_json(obj) if lib == "requests" else js_json(obj)).encode()
    return client(rng, SRC, "api_shorten", "POST", API, "/v4/shorten", body=body, ctype="application/json", lib=lib, auth=_api_key(rng),
                  extra=[("idempotency-key", uuid4(rng))] if rng.random() < 0.4 else None)


def slug_check(rng: random.Random) -> Request:
    return browser(rng, SRC, "slug_available", "GET", APP, "/api/slugs/check", uri_query([("domain", pick(rng, EDGE)), ("slug", _custom_slug(rng))]),
                   cookie=_dash(rng))


def link_edit(rng: random.Random) -> Request:
    obj = {"long_url": _dest(rng), "title": pick(rng, ["Winter sale – v2", "Menu (Dec)", "Parka PDP"]), "archived": rng.random() < 0.1,
           "utm": {"source": pick(rng, ["qr", "print"]), "medium": "offline", "campaign": pick(rng, ["flyer_dec", "table_tent"])},
           "deeplinks": [{"os": "ios", "app_uri": "acmeoutdoors://product/ridgeline-parka", "fallback": "store"}] if rng.random() < 0.3 else []}
    return browser(rng, SRC, "edit_link", "PATCH", APP, f"/api/links/{pick(rng, EDGE)}/{chars(rng, SLUG, 7)}", body=js_json(obj).encode(),
                   ctype="application/json", cookie=_dash(rng), extra=csrf(rng, "flask"))


def qr_options(rng: random.Random) -> Request:
    obj = {"link": f"{pick(rng, EDGE)}/{chars(rng, SLUG, 7)}", "format": pick(rng, ["png", "svg", "pdf"]), "size": pick(rng, [256, 512, 1024, 2048]),
           "errorCorrection": pick(rng, ["L", "M", "Q", "H"]), "margin": rng.randint(0, 4),
           "colors": {"foreground": pick(rng, ["#000000", "#1B3A4B", "#C0392B"]), "background": pick(rng, ["#FFFFFF", "#F5F0E6", "transparent"])},
           "dots": pick(rng, ["square", "rounded", "dots", "classy"]), "logo": pick(rng, [None, f"logos/{uuid4(rng)}.png"]), "frame": {"text": pick(rng, ["SCAN ME", "Menu 👉", "Scan for 10% off"]), "style": "banner"}}
    return browser(rng, SRC, "qr_generate", "POST", APP, "/api/qr", body=js_json(obj).encode(), ctype="application/json", cookie=_dash(rng),
                   extra=csrf(rng, "flask"), accept="image/png,image/svg+xml,*/*")


def qr_logo(rng: random.Random) -> Request:
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    body = multipart([("logo", fake_png(rng, 300, 300, rng.randint(300, 900)), pick(rng, ["logo.png", "Acme_mark_black.png", "ember-icon@2x.png"]), "image/png")], bnd)
    return browser(rng, SRC, "qr_logo_upload", "POST", APP, "/api/qr/logos", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   cookie=_dash(rng), extra=csrf(rng, "flask"), b=b)


def bulk_csv(rng: random.Random) -> Request:
    rows = ["long_url,slug,title,tags"]
    for _ in range(rng.randint(3, 10)):
        dest = _dest(rng)
        title = pick(rng, ["Store – Fairhaven", "Parka, men's", "\"Menu\" (Dec)", "Newsletter 49", "Careers page"])
        rows.append(",".join([f'"{dest}"' if "," in dest else dest, pick(rng, ["", _custom_slug(rng) + str(rng.randint(1, 99))]),
                              f'"{title.replace(chr(34), chr(34) * 2)}"' if ("," in title or '"' in title) else title, pick(rng, ["print", "\"social,paid\"", ""])]))
    csv = ("\r\n".join(rows) + "\r\n").encode()
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    parts: list[Part] = [("file", csv, pick(rng, ["links.csv", "Q1 campaign links - Sheet1.csv", "import (2).csv"]), "text/csv")]
    parts += text_parts([("domain", pick(rng, EDGE)), ("on_conflict", pick(rng, ["skip", "suffix", "overwrite"]))])
    body = multipart(parts, bnd)
    return browser(rng, SRC, "bulk_import", "POST", APP, "/api/links/import", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   cookie=_dash(rng), extra=csrf(rng, "flask"), b=b)


def bulk_api(rng: random.Random) -> Request:
    body = py_json({"links": [{"long_url": _dest(rng), "custom_back_half": pick(rng, [None, _custom_slug(rng) + str(i)])} for i in range(rng.randint(2, 6))],
                    "domain": pick(rng, EDGE)}).encode()
    return client(rng, SRC, "bulk_api", "POST", API, "/v4/bulk/shorten", body=body, ctype="application/json", lib=pick(rng, ["requests", "httpx"]),
                  auth=_api_key(rng))


def analytics(rng: random.Random) -> Request:
    qs = query([("from", day(rng, past=True)), ("to", day(rng, past=True)), ("unit", pick(rng, ["hour", "day", "week"])),
                ("group_by", pick(rng, ["country", "referrer", "device", "browser", "city", "utm_source"])), ("tz", pick(rng, ["Europe/London", "America/New_York", "Asia/Tokyo"]))])
    if rng.random() < 0.6:
        return browser(rng, SRC, "click_analytics", "GET", APP, f"/api/links/{pick(rng, EDGE)}/{chars(rng, SLUG, 7)}/clicks", qs, cookie=_dash(rng))
    return client(rng, SRC, "analytics_api", "GET", API, f"/v4/links/{pick(rng, EDGE)}/{chars(rng, SLUG, 7)}/clicks/summary", qs,
                  lib=pick(rng, ["requests", "node", "go"]), auth=_api_key(rng), accept="application/json")


def analytics_filter(rng: random.Random) -> Request:
    obj = {"filters": [{"field": pick(rng, ["country", "referrer_domain", "device_type", "tag"]), "op": pick(rng, ["in", "not_in", "contains"]),
                        "value": pick(rng, [["GB", "IE"], ["instagram.example.com"], ["mobile"], ["print"]])} for _ in range(rng.randint(1, 3))],
           "metrics": ["clicks", "unique_clicks", "qr_scans"], "range": {"preset": pick(rng, ["last_7_days", "last_30_days", "this_month"])},
           "compare": pick(rng, [None, "previous_period"])}
    return browser(rng, SRC, "analytics_query", "POST", APP, "/api/analytics/query", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_dash(rng), extra=csrf(rng, "flask"))


def export_csv(rng: random.Random) -> Request:
    return browser(rng, SRC, "export_clicks", "GET", APP, "/exports/clicks.csv", query([("link", chars(rng, SLUG, 7)), ("from", day(rng, past=True))]),
                   page=True, cookie=_dash(rng), accept="text/csv,*/*;q=0.8")


def dashboard(rng: random.Random) -> Request:
    path = pick(rng, ["/", "/links", "/links/new", "/qr-codes", "/analytics", "/settings/domains", "/bio", "/settings/webhooks"])
    qs = pick(rng, ["", "", "q=winter&tag=campaign&sort=clicks_desc", "page=3", "archived=true", f"search={quote('café')}"])
    return browser(rng, SRC, "dashboard_page", "GET", APP, path, qs, page=True, cookie=_dash(rng))


def link_list(rng: random.Random) -> Request:
    return browser(rng, SRC, "link_list_api", "GET", APP, "/api/links",
                   query([("q", pick(rng, ["", "winter", "menu", "https://shop.acmeoutdoors", "utm_campaign=winter-sale"])), ("tags", pick(rng, ["", "print", "qr"])),
                          ("created_after", day(rng, past=True)), ("size", "50")]), cookie=_dash(rng))


def redirect_hit(rng: random.Random) -> Request:
    host = pick(rng, EDGE)
    slug = pick(rng, [chars(rng, SLUG, 7), _custom_slug(rng)])
    path = "/" + quote(slug)
    b = pick(rng, BROWSERS)
    site = pick(rng, ["none", "cross-site", "cross-site"])
    ref = pick(rng, ["https://social.example.net/", "https://mail.example.com/", "https://www.example.org/blog/", None])
    qs = pick(rng, ["", "", "", "r=qr", "fbclid=IwAR" + chars(rng, SLUG, 40)])
    return browser(rng, SRC, "redirect", "GET", host, path, qs, page=True, b=b, site=site, referer=ref)


def redirect_bot(rng: random.Random) -> Request:
    return client(rng, SRC, "redirect_preview_bot", "GET", pick(rng, EDGE), "/" + chars(rng, SLUG, 7), "", lib=pick(rng, ["go", "java", "node"]),
                  ua=pick(rng, ["ChatApp-LinkPreview/1.0 (+https://chat.example.com/bots)", "Mozilla/5.0 (compatible; SocialCardBot/2.0; +https://social.example.net/bot)",
                                "MailScanner-SafeLinks/3.2"]), accept="text/html,application/xhtml+xml")


def password_unlock(rng: random.Random) -> Request:
    host = pick(rng, EDGE)
    slug = chars(rng, SLUG, 7)
    return browser(rng, SRC, "protected_link_unlock", "POST", host, f"/{slug}/unlock", body=form([("password", chars(rng, SLUG, 10)), ("token", hexs(rng, 32))]).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, referer=f"https://{host}/{slug}")


def bio_page(rng: random.Random) -> Request:
    return browser(rng, SRC, "bio_page", "GET", BIO, f"/{pick(rng, ['bakehouse', 'kofi.runs', 'harbourgazette', 'acme-outdoors', 'sakura_draws', 'thequietorchard'])}",
                   pick(rng, ["", "", "utm_source=instagram&utm_medium=social&utm_content=link_in_bio"]), page=True,
                   site=pick(rng, ["cross-site", "none"]), referer="https://pics.example.com/")


def bio_edit(rng: random.Random) -> Request:
    obj = {"handle": pick(rng, ["bakehouse", "kofi.runs", "sakura_draws"]), "title": pick(rng, ["The Bakehouse 🥖", "Kofi | runner & coach", "Sakura ✿ illustration"]),
           "bio": pick(rng, ["Sourdough, since 1986. Open Tue–Sun 8–3.", "Marathon coach. Plans + 1:1 below ⬇️", "Commissions open! Prints & stickers → shop"]),
           "theme": {"background": pick(rng, ["#FFF8F0", "linear-gradient(135deg,#ff9a9e 0%,#fad0c4 100%)", "#111"]), "buttonStyle": pick(rng, ["pill", "outline", "shadow"]),
                     "font": pick(rng, ["Inter", "Playfair Display", "Space Mono"])},
           "blocks": [{"type": "link", "label": pick(rng, ["Order online", "Training plans", "Shop", "Newsletter", "Podcast ep. 49 🎙"]), "url": _dest(rng)} for _ in range(rng.randint(2, 6))]
           + [{"type": "embed", "provider": "video", "url": f"https://video.example.net/watch?v={chars(rng, SLUG, 11)}"}] * (rng.random() < 0.3)}
    return browser(rng, SRC, "bio_edit", "PUT", APP, "/api/bio", body=js_json(obj).encode(), ctype="application/json", cookie=_dash(rng), extra=csrf(rng, "flask"))


def bio_click(rng: random.Random) -> Request:
    body = js_json({"page": pick(rng, ["bakehouse", "kofi.runs"]), "block": rng.randint(0, 6), "ts": epoch(rng) * 1000}).encode()
    return browser(rng, SRC, "bio_click_beacon", "POST", BIO, "/e", body=body, ctype="text/plain;charset=UTF-8", accept="*/*")


def webhook_out(rng: random.Random) -> Request:
    body = js_json({"type": "link.clicked", "id": "evt_" + chars(rng, SLUG, 20), "created": stamp(rng),
                    "data": {"link": f"https://{pick(rng, EDGE)}/{chars(rng, SLUG, 7)}", "long_url": _dest(rng), "country": pick(rng, ["GB", "IE", "US", "DE", "JP"]),
                             "city": pick(rng, ["Fairhaven", "Riverton", None]), "referrer": pick(rng, ["direct", "qr", "https://social.example.net/"]),
                             "device": pick(rng, ["mobile", "desktop", "tablet"]), "ip_hash": hexs(rng, 16)}}).encode()
    return client(rng, SRC, "click_webhook", "POST", pick(rng, ["hooks.acmeoutdoors.example.com", "n8n.bakehouse.example.org", "crm.example.net"]),
                  pick(rng, ["/webhooks/snipl", "/webhook/7f3c2a", "/api/integrations/snipl/events"]), body=body, ctype="application/json",
                  lib="go", ua="Snipl-Webhooks/1.0", extra=[("x-snipl-signature", "sha256=" + hmac_hex(rng, body)), ("x-snipl-delivery", uuid4(rng))])


def webhook_config(rng: random.Random) -> Request:
    obj = {"url": pick(rng, ["https://hooks.acmeoutdoors.example.com/webhooks/snipl", "https://n8n.bakehouse.example.org/webhook/7f3c2a?token=" + hexs(rng, 12)]),
           "events": some(rng, ["link.clicked", "link.created", "qr.scanned", "bio.viewed"], 1, 3), "active": True, "secret": None}
    return browser(rng, SRC, "webhook_config", "POST", APP, "/api/webhooks", body=js_json(obj).encode(), ctype="application/json", cookie=_dash(rng), extra=csrf(rng, "flask"))


def domain_add(rng: random.Random) -> Request:
    obj = {"hostname": pick(rng, ["go.acmeoutdoors.example.com", "l.harbourgazette.example.com", "link.bakehouse.example.org"]), "default": rng.random() < 0.5,
           "root_redirect": pick(rng, ["https://www.acmeoutdoors.example.com/", None]), "not_found_redirect": None}
    return browser(rng, SRC, "custom_domain", "POST", APP, "/api/domains", body=js_json(obj).encode(), ctype="application/json", cookie=_dash(rng), extra=csrf(rng, "flask"))


def expand(rng: random.Random) -> Request:
    return client(rng, SRC, "expand_api", "GET", API, "/v4/expand", uri_query([("short_url", f"https://{pick(rng, EDGE)}/{chars(rng, SLUG, 7)}")]),
                  lib=pick(rng, ["requests", "curl", "node"]), auth=_api_key(rng))


def zap_integration(rng: random.Random) -> Request:
    body = js_json({"long_url": _dest(rng), "title": pick(rng, ["New blog post: Winter opening hours", "Episode 49 – Salt & sourdough", "Job: Sous chef (Harbour St)"]),
                    "tags": ["auto", "rss"]}).encode()
    return client(rng, SRC, "automation_create", "POST", API, "/v4/bitlinks", body=body, ctype="application/json", lib="node",
                  ua="AutomateIt/1.0 (+https://automate.example.com)", auth=_api_key(rng))


def audit_ip(rng: random.Random) -> Request:
    return browser(rng, SRC, "audit_log", "GET", APP, "/api/audit", query([("actor", pick(rng, ["", "me"])), ("ip", pick(rng, ["", doc_ip(rng)])), ("action", pick(rng, ["", "link.delete", "api_key.create"]))]),
                   cookie=_dash(rng))


def link_delete(rng: random.Random) -> Request:
    return browser(rng, SRC, "delete_link", "DELETE", APP, f"/api/links/{pick(rng, EDGE)}/{chars(rng, SLUG, 7)}", "", cookie=_dash(rng), extra=csrf(rng, "flask"))


def api_key(rng: random.Random) -> Request:
    obj = {"name": pick(rng, ["Zap integration", "CI – release notes", "Newsletter script", "Kofi's laptop"]), "scopes": some(rng, ["links:write", "links:read", "analytics:read", "qr:write"], 1, 3),
           "expiresInDays": pick(rng, [30, 90, 365, None])}
    return browser(rng, SRC, "api_key_create", "POST", APP, "/api/settings/api-keys", body=js_json(obj).encode(), ctype="application/json", cookie=_dash(rng), extra=csrf(rng, "flask"))


def url_shortener(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (10, create_web), (12, create_api), (4, slug_check), (4, link_edit), (5, qr_options), (2, qr_logo), (3, bulk_csv), (2, bulk_api),
        (9, analytics), (3, analytics_filter), (1, export_csv), (8, dashboard), (5, link_list), (22, redirect_hit), (4, redirect_bot),
        (2, password_unlock), (6, bio_page), (2, bio_edit), (4, bio_click), (5, webhook_out), (2, webhook_config), (2, domain_add),
        (3, expand), (2, zap_integration), (2, audit_ip), (2, link_delete), (1, api_key),
    ])
