# ruff: noqa: RUF001
"""An in-app support chat widget and help centre (a Starlette API behind the
widget, a Django agent console, hosted help centres on customers' domains):
visitors' chat messages as people really type them (typos, emoji, pasted
error messages, stack traces, URLs, order numbers), attachments, article
searches, ratings, agents' replies with canned responses and macros, bot
handoffs, CRM and chat-ops integrations."""

from __future__ import annotations

import random

from .common import (
    DESKTOP,
    MOBILE,
    UPNUM,
    Request,
    app,
    arrival,
    beacon,
    browser_boundary,
    chance,
    chars,
    csrf,
    digits,
    epoch,
    fields,
    formb,
    hexs,
    iso,
    iso_py,
    jar,
    jpeg,
    jsb,
    multipart,
    nav,
    pdf,
    person,
    pick,
    png,
    pyb,
    qs,
    qs_pct,
    run,
    sig_hex,
    slugify,
    some,
    token,
    uuid4,
    xhr,
)

SRC = "support_widget"
WIDGET = "widget-api.helpnest.example.com"
CONSOLE = "app.helpnest.example.com"
HOOKS = "hooks.helpnest.example.com"
CUSTOMERS = [("https://www.harbourgoods.example.com", "help.harbourgoods.example.com"),
             ("https://app.quarrycloud.example.net", "support.quarrycloud.example.net"),
             ("https://kestrelbikes.example.co.uk", "help.kestrelbikes.example.co.uk"),
             ("https://www.fernwoodcoffee.example.net", "help.fernwoodcoffee.example.net"),
             ("https://dashboard.ledgerly.example.com", "docs.ledgerly.example.com")]
PAGES = ["/", "/checkout", "/account/orders", "/settings/billing", "/products/stoneware-mug", "/app/projects/418/settings",
         "/cart", "/login", "/pricing", "/integrations/shopify", "/reports?range=30d"]


def _order(rng: random.Random) -> str:
    return pick(rng, [f"#{rng.randint(1000, 99999)}", f"HG-{digits(rng, 6)}", f"order {rng.randint(10000, 99999)}",
                      f"INV-2026-{digits(rng, 4)}", f"KB{digits(rng, 8)}"])


TRACEBACK = (
    "Traceback (most recent call last):\n"
    "  File \"/app/venv/lib/python3.12/site-packages/quarry/client.py\", line 214, in request\n"
    "    resp.raise_for_status()\n"
    "  File \"/app/venv/lib/python3.12/site-packages/httpx/_models.py\", line 829, in raise_for_status\n"
    "    raise HTTPStatusError(message, request=request, response=self)\n"
    "httpx.HTTPStatusError: Client error '429 Too Many Requests' for url 'https://api.quarrycloud.example.net/v2/exports?page=7'\n"
    "For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429")
JS_ERR = ("Uncaught TypeError: Cannot read properties of undefined (reading 'map')\n"
          "    at CartDrawer (cart-drawer.4f9c2a.js:142:27)\n    at renderWithHooks (react-dom.production.min.js:160:137)\n"
          "    at updateFunctionComponent (react-dom.production.min.js:193:59)")
JAVA_ERR = ("java.lang.IllegalStateException: Webhook signature mismatch\n\tat com.ledgerly.sync.WebhookVerifier.verify(WebhookVerifier.java:58)\n"
            "\tat com.ledgerly.sync.InboundController.handle(InboundController.java:112)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)")
PG_ERR = ("ERROR:  duplicate key value violates unique constraint \"users_email_key\"\n"
          "DETAIL:  Key (email)=(dara.oneill@example.ie) already exists.")
PHP_ERR = ("Warning: Undefined array key \"shipping_method\" in /var/www/html/wp-content/plugins/helpnest-connector/includes/class-sync.php on line 87\n"
           "Fatal error: Uncaught TypeError: count(): Argument #1 ($value) must be of type Countable|array, null given")
CSP_ERR = ("Refused to frame 'https://widget.helpnest.example.com/' because an ancestor violates the following Content Security Policy "
           "directive: \"frame-ancestors 'self'\".")
NGINX = "502 Bad Gateway\nnginx/1.27.2"
CURL = ("curl -X POST https://api.quarrycloud.example.net/v2/jobs \\\n  -H \"Authorization: Bearer $QC_TOKEN\" \\\n"
        "  -H \"Content-Type: application/json\" \\\n  -d '{\"name\": \"nightly-export\", \"schedule\": \"0 2 * * *\"}'\n\n"
        "{\"error\":{\"code\":\"invalid_schedule\",\"message\":\"schedule must be a valid cron expression\"}}")
WIN = "The file C:\\Users\\Dara\\AppData\\Local\\HelpNest\\logs\\app.log is locked by another process (0x80070020)"
JSON_ERR = '{"status":400,"title":"Bad Request","detail":"field \'vat_id\' must match ^[A-Z]{2}[0-9A-Z]{8,12}$","instance":"/v1/customers/cus_81723"}'


def visitor_text(rng: random.Random) -> str:
    o = _order(rng)
    base = pick(rng, [
        "hi", "hello?", "Hi there 👋", "is anyone there", "helo i need help with my order",
        f"Where is my order {o}?? it said 2-3 days and its been a week 😤",
        f"Hi, I ordered the wrong size ({o}) can i swap for a L?",
        "how do i cancel my subscription", "cant log in, keeps saying invalid password but i just reset it!!",
        "The discount code WINTER15 isnt working at checkout", "do you ship to northern ireland / ROI?",
        "Hi! Is the sage mug dishwasher safe? 🙂", "my card was charged twice for the same order 😕",
        f"I was charged €{rng.randint(10, 300)}.{rng.randint(0, 99):02d} but the invoice says €{rng.randint(10, 300)}.00 – which is right?",
        "Can you resend the invoice to accounts@example.org please", "need a VAT invoice with our company name: Larkspur Ltd, VAT IE1234567T",
        "the app crashes when i open settings on android 15", "export to CSV gives me an empty file", "getting this error when I try to connect shopify:",
        "our webhooks stopped firing since yesterday ~3pm UTC", "API returns 401 even with a fresh token, see below",
        "Bonjour, est-ce que vous livrez en Belgique ?", "Hallo, meine Bestellung ist beschädigt angekommen 😢",
        "Xin chào, tôi muốn đổi địa chỉ giao hàng", "hola, puedo pagar con PayPal?", "Dia dhuit! An bhfuil sibh oscailte Lá Nollag?",
        "ok thanks", "thank u sooo much!!! 🙏🙏", "👍", "??", "still waiting...", "never mind, found it",
        "here's a screenshot", "link: https://www.harbourgoods.example.com/products/stoneware-mug?variant=4412", f"order no. is {o}",
        "my email is " + person(rng).email, "tried clearing cache + cookies, incognito too, same thing", "It's urgent, we have a demo in 1h",
        "Can I talk to a human pls", "agent", "what are ur opening hours over xmas", "the 'Save' button is greyed out on /settings/billing",
        "I think your last update broke dark mode 🌚 text is black on black", "Is there a way to bulk-delete contacts? I have 12,000 dupes",
    ])
    if chance(rng, 0.18):
        err = pick(rng, [TRACEBACK, JS_ERR, JAVA_ERR, PG_ERR, PHP_ERR, CSP_ERR, NGINX, CURL, WIN, JSON_ERR])
        if chance(rng, 0.35):
            base += "\n```\n" + err + "\n```"
        else:
            base += pick(rng, ["\n\n", "\n", " "]) + err
    return base


def _visitor(rng: random.Random) -> tuple[str, str]:
    return f"v_{token(rng, 22)}", f"c_{token(rng, 16)}"


def _wapi(rng: random.Random, kind: str, method: str, path: str, obj: object | None, query: str = "",
          ref: str | None = None) -> Request:
    b = pick(rng, MOBILE + DESKTOP + DESKTOP)
    ref = ref or pick(rng, CUSTOMERS)[0] + pick(rng, PAGES)
    extra = [("x-helpnest-app", f"app_{token(rng, 12).lower()}"), ("x-helpnest-session", token(rng, 32))]
    return xhr(rng, SRC, kind, method, WIDGET, path, query, body=jsb(obj) if obj is not None else None,
               ctype="application/json" if obj is not None else None, referer=ref, site="cross-site", b=b, extra=extra)


def widget_boot(rng: random.Random) -> Request:
    page, _ = pick(rng, CUSTOMERS)
    url = page + pick(rng, PAGES)
    pairs = [("app_id", token(rng, 12).lower()), ("v", "3.14.2"), ("url", url), ("locale", pick(rng, ["en", "en-GB", "fr", "de", "vi", "es", "ga"]))]
    if chance(rng, 0.4):
        pairs.append(("referrer", pick(rng, ["https://www.search.example.com/", "https://social.example.com/", ""])))
    return _wapi(rng, "widget_boot", "GET", "/v3/boot", None, qs_pct(pairs), ref=url)


def widget_config(rng: random.Random) -> Request:
    return _wapi(rng, "widget_config", "GET", f"/v3/apps/{token(rng, 12).lower()}/config", None, qs([("locale", pick(rng, ["en", "fr", "de"]))]))


def conversation_start(rng: random.Random) -> Request:
    vid, _ = _visitor(rng)
    obj: dict[str, object] = {"visitor_id": vid, "message": {"type": "text", "body": visitor_text(rng)}, "channel": "web",
                              "page": {"url": pick(rng, CUSTOMERS)[0] + pick(rng, PAGES), "title": pick(rng, ["Checkout", "My orders", "Billing settings", "Stoneware Mug – Harbour Goods"])},
                              "pre_chat": {"name": person(rng).given, "topic": pick(rng, ["orders", "billing", "technical", "other"])} if chance(rng, 0.4) else None}
    return _wapi(rng, "conversation_start", "POST", "/v3/conversations", obj)


def visitor_message(rng: random.Random) -> Request:
    vid, cid = _visitor(rng)
    obj: dict[str, object] = {"visitor_id": vid, "client_msg_id": uuid4(rng), "type": "text", "body": visitor_text(rng), "sent_at": iso(rng)}
    return _wapi(rng, "visitor_message", "POST", f"/v3/conversations/{cid}/messages", obj)


def typing(rng: random.Random) -> Request:
    vid, cid = _visitor(rng)
    return _wapi(rng, "typing", "POST", f"/v3/conversations/{cid}/typing", {"visitor_id": vid, "typing": chance(rng, 0.8),
                                                                              "preview": pick(rng, ["", "i tried th", "where is my ord", "cant log"])})


def attachment(rng: random.Random) -> Request:
    page, _ = pick(rng, CUSTOMERS)
    b = pick(rng, MOBILE + DESKTOP)
    bd = browser_boundary(rng, b)
    vid, cid = _visitor(rng)
    kind = pick(rng, ["png", "png", "jpg", "txt", "pdf"])
    parts = fields([("visitor_id", vid), ("conversation_id", cid)])
    if kind == "png":
        parts.append(("file", png(rng, rng.randint(500, 1500)), pick(rng, ["Screenshot 2026-12-02 at 14.03.51.png", "Screenshot_20261130-221407.png", "image.png"]), "image/png"))
    elif kind == "jpg":
        parts.append(("file", jpeg(rng, rng.randint(800, 1800)), pick(rng, ["IMG_2231.jpg", "damaged box.jpg", "photo.jpeg"]), "image/jpeg"))
    elif kind == "txt":
        log = "\n".join(f"2026-12-0{rng.randint(1, 6)} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} "
                        f"{pick(rng, ['INFO', 'WARN', 'ERROR'])} {pick(rng, ['sync started', 'retrying in 30s (attempt 3/5)', 'token refreshed', 'HTTP 429 from /v2/exports', 'job finished in 4.2s'])}"
                        for _ in range(rng.randint(4, 14)))
        parts.append(("file", (log + "\n").encode(), pick(rng, ["app.log", "console-export.txt", "debug.log"]), "text/plain"))
    else:
        parts.append(("file", pdf(rng, "Invoice"), pick(rng, ["invoice.pdf", "receipt_nov.pdf"]), "application/pdf"))
    return xhr(rng, SRC, "attachment", "POST", WIDGET, f"/v3/conversations/{cid}/attachments", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", referer=page + pick(rng, PAGES), site="cross-site", b=b,
               extra=[("x-helpnest-session", token(rng, 32))])


SEARCHES = ["reset password", "refund", "how to cancel", "shipping times ireland", "export csv", "api rate limit", "webhook retries",
            "change email address", "vat invoice", "2fa lost phone", "delete account", "dark mode", "sso saml okta", "return label",
            "warranty", "size guide", "gift card balance", "¿cómo cambio mi contraseña?", "rückerstattung", "mot de passe oublié",
            "error 429", "\"invalid signature\"", "csv import utf-8 accents", "can't login"]


def article_search(rng: random.Random) -> Request:
    _, hc = pick(rng, CUSTOMERS)
    q = pick(rng, SEARCHES)
    if chance(rng, 0.5):
        return nav(rng, SRC, "article_search", hc, "/hc/search", qs([("q", q), ("locale", pick(rng, ["en-gb", "en-us", "fr", "de", "es"]))]),
                   referer=f"https://{hc}/hc/", cookie=jar(rng, "other", analytics=0.3))
    return _wapi(rng, "article_search", "GET", "/v3/help/search", None, qs_pct([("q", q), ("limit", "5")]))


def article_view(rng: random.Random) -> Request:
    _, hc = pick(rng, CUSTOMERS)
    title = pick(rng, ["How do I reset my password?", "Shipping times & costs", "Cancelling your subscription", "Setting up SAML SSO",
                       "Webhook retries and signatures", "Importing contacts from CSV", "Returns & exchanges", "API rate limits"])
    ref, site = arrival(rng, [f"https://{hc}/hc/search?q=refund", f"https://{hc}/hc/en-gb"], ["https://www.search.example.com/"])
    return nav(rng, SRC, "article_view", hc, f"/hc/en-gb/articles/{rng.randint(10**9, 10**10)}-{slugify(title)}", referer=ref,
               cookie=jar(rng, "other", analytics=0.3), site=site)


def article_feedback(rng: random.Random) -> Request:
    _, hc = pick(rng, CUSTOMERS)
    aid = rng.randint(10**9, 10**10)
    obj: dict[str, object] = {"helpful": chance(rng, 0.6), "comment": pick(rng, ["", "Screenshots are outdated – the menu moved", "didn't answer my question",
                                                                                "Perfect, thanks!", "Step 3 link is broken"])}
    return xhr(rng, SRC, "article_feedback", "POST", hc, f"/hc/api/articles/{aid}/votes", body=jsb(obj), ctype="application/json",
               referer=f"https://{hc}/hc/en-gb/articles/{aid}", cookie=jar(rng, "other"), extra=[("x-csrf-token", token(rng, 43))])


def csat(rng: random.Random) -> Request:
    vid, cid = _visitor(rng)
    obj: dict[str, object] = {"visitor_id": vid, "rating": rng.randint(1, 5), "scale": 5,
                              "comment": pick(rng, ["", "Aoife was brilliant 🌟", "took 40 mins to get a reply", "Quick & sorted, thanks!",
                                                    "bot was useless but the human was great", "👍"])}
    return _wapi(rng, "csat", "POST", f"/v3/conversations/{cid}/rating", obj)


def _console(rng: random.Random, kind: str, method: str, path: str, obj: object, referer: str) -> Request:
    return xhr(rng, SRC, kind, method, CONSOLE, path, body=jsb(obj), ctype="application/json",
               cookie=jar(rng, "django", analytics=0.0), extra=csrf(rng, "django"), referer=f"https://{CONSOLE}{referer}", b=pick(rng, DESKTOP))


AGENT_REPLIES = [
    "Hi {{visitor.first_name}}, thanks for getting in touch! Let me look into that for you 🔍",
    "Sorry about that! I've issued a refund for the duplicate charge – it can take 5–10 working days to show on your statement.",
    "Could you send me your order number? It starts with HG- and is in your confirmation email.",
    "That error (`429 Too Many Requests`) means you've hit the rate limit: 600 requests/min per token. Adding a backoff should fix it – see https://docs.ledgerly.example.com/api/rate-limits",
    "I've passed this on to our engineering team (ref ENG-{n}). I'll update you here as soon as I hear back.",
    "Go raibh maith agat! Is there anything else I can help with today?",
    "You can change your email under **Settings → Profile → Email**. You'll get a confirmation link at the new address.",
    "Our Christmas hours: 23–24 Dec 9:00–13:00, closed 25–26 Dec, back 27 Dec 🎄",
    "Your new tracking link: https://track.example.net/HG{n}",
]


def agent_reply(rng: random.Random) -> Request:
    cid = f"c_{token(rng, 16)}"
    body = pick(rng, AGENT_REPLIES).replace("{n}", digits(rng, 5))
    obj: dict[str, object] = {"body": body, "format": "markdown", "canned_response_id": pick(rng, [None, rng.randint(1, 400)]),
                              "attachments": [], "send_as": pick(rng, ["agent", "team"])}
    return _console(rng, "agent_reply", "POST", f"/api/conversations/{cid}/replies", obj, f"/inbox/conversations/{cid}")


def macro_apply(rng: random.Random) -> Request:
    cid = f"c_{token(rng, 16)}"
    obj: dict[str, object] = {"macro_id": rng.randint(1, 300), "preview": chance(rng, 0.5),
                              "actions": pick(rng, [["reply", "tag:refund", "status:pending"], ["assign:billing", "priority:high"], ["reply", "close"]])}
    return _console(rng, "macro_apply", "POST", f"/api/conversations/{cid}/macros", obj, f"/inbox/conversations/{cid}")


def canned_save(rng: random.Random) -> Request:
    rid = rng.randint(1, 400)
    obj: dict[str, object] = {"shortcut": pick(rng, ["/refund", "/hours", "/tracking", "/ratelimit", "/gdpr", "/thanks"]),
                              "title": pick(rng, ["Refund issued", "Holiday hours", "Tracking link", "API rate limits", "Data export request"]),
                              "body": pick(rng, ["Hi {{visitor.first_name | default: \"there\"}},\n\nI've refunded **{{order.total}}** to your {{order.payment_method}}.\n\nThanks,\n{{agent.first_name}}",
                                                 "Our hours over the holidays:\n- 23–24 Dec: 9:00–13:00\n- 25–26 Dec: closed\n- From 27 Dec: as normal",
                                                 "You can track your parcel here: {{order.tracking_url}}\nIf it hasn't moved in 48h let me know!",
                                                 "The limit is 600 req/min per token. Responses include `X-RateLimit-Remaining` and `Retry-After` headers."]),
                              "locale": pick(rng, ["en", "fr", "de"]), "shared": True}
    return _console(rng, "canned_response_save", "PUT", f"/api/canned-responses/{rid}", obj, "/settings/canned-responses")


def bot_handoff(rng: random.Random) -> Request:
    cid = f"c_{token(rng, 16)}"
    transcript = [{"from": "visitor", "text": visitor_text(rng)}, {"from": "bot", "text": pick(rng, ["I can help with orders, returns and billing. What do you need?",
                                                                                                    "Here's an article that might help: Returns & exchanges"])},
                  {"from": "visitor", "text": pick(rng, ["human please", "that didnt help", "agent", "talk to someone"])}]
    obj: dict[str, object] = {"conversation_id": cid, "reason": pick(rng, ["visitor_requested", "low_confidence", "intent:billing_dispute"]),
                              "intent": {"name": pick(rng, ["order_status", "refund_request", "login_issue", "other"]), "confidence": round(rng.uniform(0.2, 0.95), 3)},
                              "transcript": transcript, "team": pick(rng, ["tier1", "billing", "technical"])}
    return app(rng, SRC, "bot_handoff", "POST", HOOKS, "/internal/bot/handoff", lib=pick(rng, ["httpx", "aiohttp"]), body=pyb(obj),
               ctype="application/json", auth="Bearer " + token(rng, 40), extra=[("x-request-id", uuid4(rng))])


def crm_webhook(rng: random.Random) -> Request:
    p = person(rng)
    obj: dict[str, object] = {"event": pick(rng, ["contact.updated", "contact.created", "deal.stage_changed", "company.merged"]), "id": uuid4(rng),
                              "occurred_at": iso_py(rng), "portal": rng.randint(10**6, 10**7),
                              "object": {"email": p.email, "firstname": p.given, "lastname": p.family, "company": pick(rng, ["Larkspur Ltd", "Café Lúnasa", "Quarry Analytics GmbH"]),
                                         "plan": pick(rng, ["free", "team", "business"]), "mrr": rng.randint(0, 4000), "owner": person(rng).email,
                                         "lifecycle_stage": pick(rng, ["lead", "customer", "evangelist"])}}
    return app(rng, SRC, "crm_webhook", "POST", HOOKS, "/integrations/crm/events", lib=pick(rng, ["java", "apache"]), ua=pick(rng, ["CRM-Webhooks/2.3", None]),
               body=jsb([obj]), ctype="application/json", extra=[("x-crm-signature-v3", sig_hex(rng)), ("x-crm-request-timestamp", str(epoch(rng) * 1000))])


def widget_settings(rng: random.Random) -> Request:
    obj: dict[str, object] = {
        "appearance": {"primary": pick(rng, ["#1F4E5F", "#E4572E", "#5B7F6B"]), "position": pick(rng, ["right", "left"]), "launcher_icon": pick(rng, ["chat", "question", "custom"])},
        "greeting": {"en": pick(rng, ["Hi 👋 How can we help?", "Questions? We usually reply in a few minutes."]),
                     "fr": "Bonjour 👋 Comment pouvons-nous vous aider ?", "de": "Hallo 👋 Wie können wir helfen?", "ga": "Dia dhuit! Conas is féidir linn cabhrú?"},
        "office_hours": {"tz": "Europe/Dublin", "mon_fri": ["09:00", "17:30"], "sat": pick(rng, [None, ["10:00", "14:00"]])},
        "pre_chat_form": [{"field": "name", "required": False}, {"field": "email", "required": True},
                          {"field": "topic", "type": "select", "options": ["Orders", "Billing", "Technical", "Something else"]}],
        "away_message": "We're offline right now – leave a message and we'll email you back.",
        "allowed_domains": ["*.harbourgoods.example.com", "harbourgoods.example.com"], "bot_enabled": chance(rng, 0.6)}
    return _console(rng, "widget_settings", "PUT", f"/api/apps/{token(rng, 12).lower()}/widget", obj, "/settings/widget")


def identify(rng: random.Random) -> Request:
    p = person(rng)
    vid, _ = _visitor(rng)
    obj: dict[str, object] = {"visitor_id": vid, "user_id": str(rng.randint(1, 10**6)), "email": p.email, "name": p.name,
                              "user_hash": sig_hex(rng), "attributes": {"plan": pick(rng, ["free", "team", "business"]), "signed_up_at": epoch(rng),
                                                                        "company": pick(rng, ["Larkspur Ltd", "", "Harbour & Sons"])}}
    return _wapi(rng, "identify", "POST", "/v3/identify", obj)


def page_view(rng: random.Random) -> Request:
    page, _ = pick(rng, CUSTOMERS)
    url = page + pick(rng, PAGES)
    obj: dict[str, object] = {"v": f"v_{token(rng, 22)}", "events": [{"t": "page", "url": url, "title": pick(rng, ["Checkout", "Pricing", "Home"]), "ts": epoch(rng) * 1000}]}
    return beacon(rng, SRC, "page_view", WIDGET, "/v3/events", jsb(obj), "text/plain;charset=UTF-8", referer=url, site="cross-site")


def internal_note(rng: random.Random) -> Request:
    cid = f"c_{token(rng, 16)}"
    obj: dict[str, object] = {"body": pick(rng, ["@tomasz can you check the Stripe logs for this one? Customer says charged twice.",
                                                 "VIP – owner of the café on Quay St. Be nice 😄", "Same bug as ENG-4471 (dark mode). Linked.",
                                                 "Refunded €18.50 goodwill. Don't refund again if they come back.",
                                                 "Customer pasted a Postgres unique-constraint error from THEIR app – not our bug, replied with docs link."]),
                              "internal": True, "mentions": some(rng, ["u_tomasz", "u_aoife", "u_kenji"], 0, 1)}
    return _console(rng, "internal_note", "POST", f"/api/conversations/{cid}/notes", obj, f"/inbox/conversations/{cid}")


def conv_update(rng: random.Random) -> Request:
    cid = f"c_{token(rng, 16)}"
    obj: dict[str, object] = pick(rng, [{"status": "closed"}, {"status": "snoozed", "snooze_until": iso(rng)}, {"assignee": rng.randint(1, 80)},
                                        {"priority": "high"}, {"team": pick(rng, ["billing", "technical", "tier1"])}])
    return _console(rng, "conversation_update", "PATCH", f"/api/conversations/{cid}", obj, f"/inbox/conversations/{cid}")


def article_edit(rng: random.Random) -> Request:
    aid = rng.randint(10**9, 10**10)
    body = pick(rng, [
        "<h2>Verifying webhook signatures</h2><p>Each request includes an <code>X-Ledgerly-Signature</code> header. Compute an HMAC-SHA256 of the raw body with your secret:</p>"
        "<pre><code class=\"language-python\">import hmac, hashlib\n\ndef verify(body: bytes, header: str, secret: str) -&gt; bool:\n"
        "    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()\n    return hmac.compare_digest(expected, header)\n</code></pre>"
        "<p>If verification fails, respond with <strong>401</strong>.</p>",
        "<h2>Rate limits</h2><table><thead><tr><th>Plan</th><th>Requests/min</th></tr></thead><tbody><tr><td>Team</td><td>600</td></tr>"
        "<tr><td>Business</td><td>3,000</td></tr></tbody></table><p>When you exceed the limit you'll get <code>429</code> with a <code>Retry-After</code> header.</p>",
        "<p>To reset your password:</p><ol><li>Go to <a href=\"/login\">Log in</a></li><li>Click <em>Forgot password?</em></li>"
        "<li>Check your inbox (and spam folder!)</li></ol><p><img src=\"https://cdn.helpnest.example.com/hc/reset-step2.png\" alt=\"Forgot password link\"></p>",
        "<h2>Importing contacts</h2><p>Your CSV must be UTF-8. Names like <em>Nguyễn</em> or <em>Ní Bhriain</em> will look garbled if saved as Windows-1252.</p>"
        "<pre><code>email,first_name,last_name\nzoe@example.com,Zoë-Marie,O'Neill\n</code></pre>",
        "<p>Use the cURL example below to create an export job:</p><pre><code class=\"language-bash\">curl -X POST https://api.quarrycloud.example.net/v2/jobs \\\n"
        "  -H \"Authorization: Bearer $QC_TOKEN\" \\\n  -d '{\"name\": \"nightly\", \"schedule\": \"0 2 * * *\"}'</code></pre>",
    ])
    obj: dict[str, object] = {"title": pick(rng, ["Verifying webhook signatures", "API rate limits", "Resetting your password", "Importing contacts from CSV", "Creating export jobs"]),
                              "body": body, "locale": "en-gb", "draft": chance(rng, 0.5), "section_id": rng.randint(1, 60), "label_names": some(rng, ["api", "billing", "account", "webhooks"], 0, 2)}
    return _console(rng, "article_edit", "PUT", f"/api/help-center/articles/{aid}", obj, f"/help-center/articles/{aid}/edit")


def poll(rng: random.Random) -> Request:
    _, cid = _visitor(rng)
    return _wapi(rng, "poll", "GET", f"/v3/conversations/{cid}/updates", None, qs([("since", str(epoch(rng) * 1000)), ("wait", "25")]))


def offline_form(rng: random.Random) -> Request:
    p = person(rng)
    obj: dict[str, object] = {"name": p.name, "email": p.email, "message": visitor_text(rng), "page_url": pick(rng, CUSTOMERS)[0] + pick(rng, PAGES),
                              "consent": True}
    return _wapi(rng, "offline_message", "POST", "/v3/offline-messages", obj)


def tag(rng: random.Random) -> Request:
    cid = f"c_{token(rng, 16)}"
    return _console(rng, "tag_conversation", "POST", f"/api/conversations/{cid}/tags",
                    {"tags": some(rng, ["refund", "bug", "shipping", "vip", "feature-request", "api", "churn-risk"], 1, 3)}, f"/inbox/conversations/{cid}")


def agent_search(rng: random.Random) -> Request:
    q = pick(rng, [_order(rng), person(rng).email, "\"charged twice\"", "429", "dark mode", "tag:refund status:open", "assignee:me"])
    return xhr(rng, SRC, "agent_search", "GET", CONSOLE, "/api/search/conversations", qs([("q", q), ("sort", pick(rng, ["relevance", "-updated"]))]),
               cookie=jar(rng, "django", analytics=0.0), referer=f"https://{CONSOLE}/inbox", b=pick(rng, DESKTOP))


def agent_inbox(rng: random.Random) -> Request:
    pairs = [("view", pick(rng, ["mine", "unassigned", "all", "snoozed", "mentions"]))]
    if chance(rng, 0.3):
        pairs.append(("team", pick(rng, ["billing", "technical", "tier1"])))
    return nav(rng, SRC, "agent_inbox", CONSOLE, "/inbox", qs(pairs), cookie=jar(rng, "django", analytics=0.0), referer=f"https://{CONSOLE}/inbox",
               b=pick(rng, DESKTOP))


def gdpr_export(rng: random.Random) -> Request:
    p = person(rng)
    return _console(rng, "gdpr_request", "POST", "/api/privacy/requests", {"type": pick(rng, ["export", "erase"]), "email": p.email,
                                                                             "verified_by": pick(rng, ["email_link", "account_login"]),
                                                                             "note": pick(rng, ["", "Requested via chat c_ab12", "Art. 17 request by letter"])},
                    "/settings/privacy")


def slack_command(rng: random.Random) -> Request:
    pairs = [("token", token(rng, 24)), ("team_id", "T" + chars(rng, UPNUM, 8)), ("team_domain", pick(rng, ["harbourgoods", "quarrycloud"])),
             ("channel_id", "C" + chars(rng, UPNUM, 10)), ("channel_name", pick(rng, ["support", "cs-escalations", "directmessage"])),
             ("user_id", "U" + chars(rng, UPNUM, 10)), ("user_name", pick(rng, ["aoife", "tomasz.w", "kenji"])), ("command", "/helpnest"),
             ("text", pick(rng, ["assign c_8Hf2 to @kenji", "stats today", "search \"charged twice\"", "status", "close c_91kd --note \"resolved by phone\""])),
             ("api_app_id", "A" + chars(rng, UPNUM, 10)), ("is_enterprise_install", "false"),
             ("response_url", f"https://hooks.chat.example.com/commands/T{chars(rng, UPNUM, 8)}/{digits(rng, 13)}/{token(rng, 24)}"),
             ("trigger_id", f"{digits(rng, 13)}.{digits(rng, 12)}.{hexs(rng, 32)}")]
    return app(rng, SRC, "chatops_command", "POST", HOOKS, "/integrations/chat/commands", lib="java", ua="Slackbot 1.0 (+https://api.slack.com/robots)",
               body=formb(pairs), ctype="application/x-www-form-urlencoded", accept="application/json,*/*",
               extra=[("x-slack-signature", "v0=" + sig_hex(rng)), ("x-slack-request-timestamp", str(epoch(rng)))])


def transcript(rng: random.Random) -> Request:
    vid, cid = _visitor(rng)
    return _wapi(rng, "transcript_email", "POST", f"/v3/conversations/{cid}/transcript", {"visitor_id": vid, "email": person(rng).email})


def support_widget(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (14, widget_boot), (5, widget_config), (8, conversation_start), (30, visitor_message), (8, typing), (5, attachment),
        (10, article_search), (8, article_view), (3, article_feedback), (4, csat), (12, agent_reply), (3, macro_apply), (2, canned_save),
        (3, bot_handoff), (4, crm_webhook), (1, widget_settings), (4, identify), (8, page_view), (3, internal_note), (4, conv_update),
        (2, article_edit), (8, poll), (3, offline_form), (2, tag), (3, agent_search), (4, agent_inbox), (1, gdpr_export), (2, slack_command),
        (1, transcript),
    ])

