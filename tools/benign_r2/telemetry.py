# ruff: noqa: RUF001 - real text uses these characters: en dashes, multiplication signs, full-width punctuation
"""telemetry: what browsers and apps report in the background:
navigator.sendBeacon analytics (text/plain JSON), measurement-protocol style
hits with long query strings, CSP violation reports (application/csp-report),
Reporting API batches (application/reports+json: csp-violation, deprecation,
network-error, permissions-policy), Sentry-style error envelopes with stack
traces and breadcrumbs from browser and Python SDKs, web-vitals and
navigation timing, and feature-usage pings from desktop apps.
"""

from __future__ import annotations

import random

from .common import (
    BROWSERS,
    Browser,
    Request,
    browser_request,
    chars,
    compact,
    doc_ip,
    epoch,
    hexs,
    iso,
    pick,
    pyjson,
    url_query,
    uuid4,
)

SITES = ["shop.example.com", "app.example.net", "www.example.org", "news.example.de", "blog.example.fr",
         "docs.example.com", "booking.example.es", "portal.example.jp"]
PAGES = ["/", "/pricing", "/checkout", "/cart", "/product/oak-coffee-table-120", "/search?q=running+shoes&sort=-price",
         "/account/orders", "/blog/2026/12/how-we-cut-our-build-times", "/de/produkte/kaffeevollautomat",
         "/docs/getting-started#install", "/login?next=%2Fdashboard", "/c/shoes?filter[brand][]=asics&page=2",
         "/app/projects/8812/board", "/help/articles/cancel-or-change-an-order", "/fr/panier", "/ja/ranking"]
TITLES = ["Checkout | Example Shop", "Pricing – Example", "Dashboard", "How we cut our build times by 60% · Example Blog",
          "Oak coffee table (120 × 80) – Example Home", "Warenkorb | Example", "Mon panier – Example", "Sign in",
          "Getting started - Example Docs", "ランキング | Example", "Cancel or change an order : Help Center"]
ERRORS = [
    ("TypeError", "Cannot read properties of undefined (reading 'map')"),
    ("ReferenceError", "gtag is not defined"),
    ("SyntaxError", "Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON"),
    ("TypeError", "Failed to fetch"),
    ("ChunkLoadError", "Loading chunk 742 failed.\n(error: https://{site}/_next/static/chunks/742.{hash}.js)"),
    ("Error", "ResizeObserver loop completed with undelivered notifications."),
    ("TypeError", "null is not an object (evaluating 'document.querySelector(\"#cart-count\").textContent')"),
    ("AbortError", "The user aborted a request."),
    ("NotAllowedError", "play() failed because the user didn't interact with the document first."),
    ("QuotaExceededError", "Failed to execute 'setItem' on 'Storage': Setting the value of 'cart' exceeded the quota."),
    ("AxiosError", "Request failed with status code 401"),
    ("TypeError", "undefined is not a function (near '...items.forEach...')"),
    ("Error", "Minified React error #418; visit https://react.dev/errors/418?args[]=HTML&args[]= for the full message"),
    ("TypeError", "NetworkError when attempting to fetch resource."),
    ("Error", "Invariant failed: order.total must be >= 0 (got -0.01)"),
]
FUNCTIONS = ["OrderList", "renderRows", "useCart", "Array.map", "fetchJSON", "handleSubmit", "onClick", "Checkout.update",
             "selectShippingOption", "applyCoupon", "HTMLDocument.<anonymous>", "?", "async Promise.all (index 2)",
             "commitRoot", "runWithFiberInDEV", "drop", "scheduleUpdate", "Object.exec"]
CLICK_TARGETS = ["button#checkout-submit.btn.btn-primary", "a.nav-link[href=\"/pricing\"]", "div.product-card > button.add-to-cart",
                 "input#coupon[name=\"coupon\"]", "select#shipping-method", "li.menu-item:nth-child(3) > a",
                 "button[data-action=\"delete-row\"]", "span.close-icon"]
PY_ERRORS = [
    ("IntegrityError", "duplicate key value violates unique constraint \"orders_pkey\"\nDETAIL:  Key (id)=({n}) already exists."),
    ("OperationalError", "could not connect to server: Connection refused\n\tIs the server running on host \"db.internal.example.com\" (192.0.2.10) and accepting\n\tTCP/IP connections on port 5432?"),
    ("KeyError", "'shipping_address'"),
    ("ValidationError", "{{'email': ['Enter a valid email address.']}}"),
    ("TimeoutError", "Job 'nightly-export' exceeded 300s"),
    ("ZeroDivisionError", "division by zero"),
]
SQL_CRUMBS = [
    'SELECT "orders"."id", "orders"."status", "orders"."total" FROM "orders" WHERE "orders"."customer_id" = %s ORDER BY "orders"."created_at" DESC LIMIT 21',
    'UPDATE "orders" SET "status" = %s, "updated_at" = %s WHERE "orders"."id" = %s',
    'INSERT INTO "order_items" ("order_id", "sku", "quantity", "unit_price") VALUES (%s, %s, %s, %s) RETURNING "order_items"."id"',
    'SELECT COUNT(*) AS "__count" FROM "customers" WHERE ("customers"."email" = %s AND NOT "customers"."deleted")',
    'DELETE FROM "sessions" WHERE "sessions"."expire_date" < %s',
    'SELECT 1 AS "a" FROM "auth_user" WHERE "auth_user"."username" = %s LIMIT 1',
]
DESKTOP_APPS = [
    "ExampleNotes/3.2.1 (Windows NT 10.0.22631; x64) Electron/31.4.0",
    "ExampleSync/2026.11.2 (Macintosh; macOS 15.1.1; arm64)",
    "ExampleDesigner/8.0.4 (X11; Ubuntu 24.04; x86_64)",
    "ExampleMail/1.44.0 (Windows 11; x64; de-DE)",
    "ExampleCAD/2026 SP1 (Windows NT 10.0; Win64; x64) .NET/8.0.11",
]
FEATURES = ["export.pdf", "export.csv", "editor.find_replace", "sync.manual", "table.insert", "table.delete_column",
            "template.apply", "script.run", "share.link", "import.docx", "view.dark_mode", "search.regex",
            "shortcut.ctrl_shift_p", "plugin.install", "print.preview", "sql_console.execute"]


def beacon(rng: random.Random, site: str, path: str, body: str, *, host: str | None = None, browser: Browser | None = None,
           query_string: str = "", kind: str = "beacon", ctype: str = "text/plain;charset=UTF-8", dest: str = "empty",
           cookies: bool = False) -> Request:
    h = host or site
    cross = h != site
    return browser_request(rng, "telemetry", kind, "POST", h, path, query_string, body=body.encode(), content_type=ctype,
                           mode="no-cors" if ctype.startswith("text/plain") or dest == "report" else "cors",
                           fetch_site="cross-site" if cross else "same-origin", origin=f"https://{site}",
                           referer=f"https://{site}{pick(rng, PAGES)}" if dest != "report" else None,
                           cookie=f"_ga=GA1.1.{rng.randrange(10**9, 2 * 10**9)}.{epoch(rng)}" if cookies else None,
                           lang=pick(rng, ["en", "de", "fr", "ja", "es"]), browser=browser, dest=dest)


def analytics_event(rng: random.Random) -> Request:
    site = pick(rng, SITES)
    page = pick(rng, PAGES)
    style = pick(rng, ["custom", "custom", "plausible", "ga"])
    if style == "plausible":
        body = compact({"n": pick(rng, ["pageview", "pageview", "Signup", "Outbound Link: Click", "File Download"]),
                        "u": f"https://{site}{page}", "d": site.split(".", 1)[1] if rng.random() < 0.3 else site,
                        "r": pick(rng, [None, "https://www.example.com/", "https://news.example.net/item?id=4213"]),
                        "w": pick(rng, [390, 1280, 1440, 1920]),
                        "p": compact({"plan": pick(rng, ["free", "pro"]), "lang": "de"}) if rng.random() < 0.3 else None})
        return beacon(rng, site, "/api/event", body, host=pick(rng, ["stats.example.com", site]))
    if style == "ga":
        b: Browser = pick(rng, BROWSERS)
        params = [("v", "2"), ("tid", "G-" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)), ("gtm", "45je4c" + hexs(rng, 2) + "v9"),
                  ("_p", str(rng.randrange(10**12, 10**13))), ("gcs", "G111"), ("npa", "0"), ("dma", "0"),
                  ("cid", f"{rng.randrange(10**9, 2 * 10**9)}.{epoch(rng)}"), ("ul", pick(rng, ["en-us", "de-de", "fr-fr", "ja"])),
                  ("sr", pick(rng, ["1920x1080", "1440x900", "390x844", "2560x1440"])), ("_s", str(rng.randrange(1, 12))),
                  ("sid", str(epoch(rng))), ("sct", str(rng.randrange(1, 30))), ("seg", "1"),
                  ("dl", f"https://{site}{page}"), ("dr", pick(rng, ["", "https://www.example.com/"])), ("dt", pick(rng, TITLES)),
                  ("en", pick(rng, ["page_view", "scroll", "view_item", "add_to_cart", "begin_checkout", "select_item"]))]
        if rng.random() < 0.4:
            params += [("ep.search_term", pick(rng, ["\"oak table\"", "drop-leaf", "usb-c OR thunderbolt"])), ("epn.value", str(rng.randrange(5, 500)))]
        params.append(("tfd", str(rng.randrange(100, 90_000))))
        body = ""
        if rng.random() < 0.4:
            body = "\r\n".join(f"en={e}&_et={rng.randrange(1, 9000)}" for e in rng.sample(["user_engagement", "scroll", "click", "view_item_list"], 2))
        return beacon(rng, site, "/g/collect", body, host="analytics.example.com", query_string=url_query(params), browser=b)
    events = []
    for _ in range(rng.randrange(1, 6)):
        name = pick(rng, ["page_view", "click", "add_to_cart", "search", "signup_started", "video_progress", "form_abandon", "scroll_depth"])
        props: dict[str, object] = {"path": page, "title": pick(rng, TITLES)}
        if name == "click":
            props["target"] = pick(rng, CLICK_TARGETS)
        if name == "search":
            props["query"] = pick(rng, ["select fitted sheet", "drop leaf table", "\"union jack\" mug", "sleep mask", "O'Neill"])
        if name == "form_abandon":
            props["fields_filled"] = rng.sample(["email", "name", "address", "phone", "message"], 2)
        if name == "scroll_depth":
            props["percent"] = pick(rng, [25, 50, 75, 90, 100])
        events.append({"name": name, "ts": epoch(rng) * 1000 + rng.randrange(1000), "props": props})
    body = compact({"anon_id": uuid4(rng), "session_id": hexs(rng, 16), "events": events,
                    "context": {"locale": pick(rng, ["en-US", "de-DE", "fr-FR", "ja-JP"]), "tz": pick(rng, ["Europe/Berlin", "America/New_York", "Asia/Tokyo"]),
                                "screen": pick(rng, ["1920x1080", "390x844", "1440x900"]), "referrer": pick(rng, ["", "https://www.example.com/"])}})
    return beacon(rng, site, pick(rng, ["/api/events", "/collect", "/t", "/_/analytics"]), body,
                  host=pick(rng, [site, "events.example.net"]), cookies=rng.random() < 0.3)


def policy(rng: random.Random, site: str) -> str:
    nonce = chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 22) + "=="
    return pick(rng, [
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}' https://cdn.example.com; img-src 'self' data: https:; "
        f"style-src 'self' 'unsafe-inline'; report-uri /csp-report",
        "default-src 'none'; script-src 'self' 'strict-dynamic' 'nonce-" + nonce + "'; connect-src 'self' https://api.example.com; "
        "frame-ancestors 'none'; base-uri 'self'; report-uri https://csp.example.net/r/" + hexs(rng, 12),
        f"upgrade-insecure-requests; default-src https: 'unsafe-inline'; object-src 'none'; report-uri https://{site}/csp",
    ])


def csp_report(rng: random.Random) -> Request:
    site = pick(rng, SITES)
    page = f"https://{site}{pick(rng, PAGES)}"
    directive = pick(rng, ["script-src-elem", "script-src-elem", "style-src-attr", "img-src", "connect-src", "frame-src", "font-src", "script-src"])
    blocked = pick(rng, ["inline", "eval", "data", "https://ads.example.net/tag.js", "https://fonts.example.org",
                         "chrome-extension", "moz-extension", "https://widget.example.com/embed?id=" + hexs(rng, 8), "wss://live.example.com"])
    sample = ""
    if blocked == "inline" and rng.random() < 0.7:
        sample = pick(rng, ["window.dataLayer = window.dataLayer || [", "document.getElementById('promo').style",
                            "color: #c00; font-weight: bold", "(function(w,d,s,l,i){w[l]=w[l]||[];w[l", "alert-banner { display: none }",
                            "if (localStorage.getItem('theme') === 'd"])
    report: dict[str, object] = {"document-uri": page, "referrer": pick(rng, ["", f"https://{site}/"]),
                                 "violated-directive": directive, "effective-directive": directive,
                                 "original-policy": policy(rng, site), "disposition": pick(rng, ["enforce", "report"]),
                                 "blocked-uri": blocked, "status-code": 200, "script-sample": sample}
    if rng.random() < 0.7:
        report.update({"line-number": rng.randrange(1, 900), "column-number": rng.randrange(1, 200), "source-file": page.split("?")[0]})
    body = compact({"csp-report": report})
    return beacon(rng, site, pick(rng, ["/csp-report", "/csp", "/_/csp-violations"]), body,
                  host=pick(rng, [site, "csp.example.net"]), kind="csp", ctype="application/csp-report", dest="report")


def reports_batch(rng: random.Random) -> Request:
    site = pick(rng, SITES)
    b: Browser = pick(rng, [x for x in BROWSERS if x.family == "chrome"])
    reports = []
    for _ in range(rng.randrange(1, 4)):
        kind = pick(rng, ["csp-violation", "deprecation", "network-error", "permissions-policy-violation", "intervention"])
        url = f"https://{site}{pick(rng, PAGES)}"
        body: dict[str, object]
        if kind == "csp-violation":
            body = {"blockedURL": pick(rng, ["inline", "eval", "https://ads.example.net/px.gif"]), "columnNumber": rng.randrange(1, 90),
                    "disposition": "report", "documentURL": url, "effectiveDirective": pick(rng, ["script-src-elem", "img-src"]),
                    "lineNumber": rng.randrange(1, 400), "originalPolicy": policy(rng, site), "referrer": "",
                    "sample": pick(rng, ["", "console.log('loaded')"]), "sourceFile": url.split("?")[0], "statusCode": 200}
        elif kind == "deprecation":
            body = {"id": pick(rng, ["UnloadHandler", "ThirdPartyCookies", "NavigatorUserAgent"]),
                    "message": pick(rng, ["Unload event listeners are deprecated and will be removed.",
                                          "Third-party cookie will be blocked in future Chrome versions as part of Privacy Sandbox."]),
                    "sourceFile": f"https://{site}/assets/vendor.{hexs(rng, 8)}.js", "lineNumber": 1, "columnNumber": rng.randrange(100, 90_000)}
        elif kind == "network-error":
            body = {"elapsed_time": rng.randrange(5, 30_000), "method": pick(rng, ["GET", "POST"]), "phase": pick(rng, ["dns", "connection", "application"]),
                    "protocol": pick(rng, ["h2", "h3", "http/1.1"]), "referrer": "", "sampling_fraction": 1.0,
                    "server_ip": doc_ip(rng), "status_code": pick(rng, [0, 502, 503]),
                    "type": pick(rng, ["tcp.reset", "dns.name_not_resolved", "http.error", "tcp.timed_out"])}
        elif kind == "permissions-policy-violation":
            body = {"featureId": pick(rng, ["geolocation", "camera", "unload", "interest-cohort"]), "disposition": "enforce",
                    "sourceFile": f"https://{site}/static/js/main.{hexs(rng, 8)}.js", "lineNumber": rng.randrange(1, 30), "columnNumber": rng.randrange(1, 9000)}
        else:
            body = {"id": "HeavyAdIntervention", "message": "Ad was removed because its network usage exceeded the limit.",
                    "sourceFile": None, "lineNumber": None, "columnNumber": None}
        reports.append({"age": rng.randrange(0, 60_000), "body": body, "type": kind, "url": url, "user_agent": b.ua})
    return beacon(rng, site, pick(rng, ["/reports", "/_reporting", "/r/default"]), compact(reports),
                  host=pick(rng, [site, "reports.example.net"]), kind="reports", ctype="application/reports+json",
                  dest="report", browser=b)


def frames(rng: random.Random, site: str) -> list[dict[str, object]]:
    bundle = f"https://{site}/assets/{pick(rng, ['index', 'vendor', 'checkout', 'main'])}-{hexs(rng, 8)}.js"
    out: list[dict[str, object]] = []
    for _ in range(rng.randrange(2, 9)):
        out.append({"filename": pick(rng, [bundle, bundle, "webpack-internal:///./src/components/OrderList.tsx", "<anonymous>",
                                           f"https://{site}/_next/static/chunks/pages/_app-{hexs(rng, 16)}.js"]),
                    "function": pick(rng, FUNCTIONS), "in_app": rng.random() < 0.7, "lineno": rng.randrange(1, 3),
                    "colno": rng.randrange(100, 400_000)})
    return out


def sentry_browser(rng: random.Random) -> Request:
    site = pick(rng, SITES)
    b: Browser = pick(rng, BROWSERS)
    etype, value = pick(rng, ERRORS)
    value = value.format(site=site, hash=hexs(rng, 8))
    eid = hexs(rng, 32)
    sdk = pick(rng, ["sentry.javascript.react/8.41.0", "sentry.javascript.browser/8.38.0", "sentry.javascript.vue/7.120.0",
                     "sentry.javascript.nextjs/8.42.0"])
    ts = epoch(rng)
    crumbs: list[dict[str, object]] = []
    for _ in range(rng.randrange(0, 6)):
        c = pick(rng, ["click", "fetch", "console", "navigation"])
        if c == "click":
            crumbs.append({"timestamp": ts - rng.randrange(1, 90) + 0.5, "category": "ui.click", "message": pick(rng, CLICK_TARGETS)})
        elif c == "fetch":
            crumbs.append({"timestamp": ts - rng.randrange(1, 90) + 0.25, "category": "fetch", "type": "http",
                           "data": {"method": pick(rng, ["GET", "POST", "DELETE"]),
                                    "url": pick(rng, ["/api/orders?status=open&page=2", "/api/cart/items/8812", "/api/session", "https://api.example.com/v2/search?q=oak%20table"]),
                                    "status_code": pick(rng, [200, 204, 401, 404, 500, 502])}})
        elif c == "console":
            crumbs.append({"timestamp": ts - rng.randrange(1, 90) + 0.75, "category": "console", "level": pick(rng, ["warning", "log", "error"]),
                           "message": pick(rng, ["Warning: Each child in a list should have a unique \"key\" prop.",
                                                 "[cart] update failed, retrying in 2s", "DevTools failed to load source map",
                                                 "select: no option matches value 'DE-BY'", "[Violation] 'setTimeout' handler took 182ms"])})
        else:
            crumbs.append({"timestamp": ts - rng.randrange(1, 90), "category": "navigation",
                           "data": {"from": pick(rng, PAGES), "to": pick(rng, PAGES)}})
    event = {"exception": {"values": [{"type": etype, "value": value, "stacktrace": {"frames": frames(rng, site)},
                                       "mechanism": {"type": pick(rng, ["onerror", "onunhandledrejection", "generic"]), "handled": rng.random() < 0.3}}]},
             "level": "error", "event_id": eid, "platform": "javascript", "timestamp": ts + 0.123,
             "environment": pick(rng, ["production", "staging"]), "release": f"web@2026.12.0{rng.randrange(1, 7)}-{hexs(rng, 7)}",
             "request": {"url": f"https://{site}{pick(rng, PAGES)}", "headers": {"User-Agent": b.ua, "Referer": f"https://{site}/"}},
             "tags": {"locale": pick(rng, ["en-US", "de-DE", "tr-TR"]), "feature": pick(rng, ["checkout", "search", "board"])},
             "breadcrumbs": crumbs, "user": {"ip_address": "{{auto}}", "id": str(rng.randrange(10**5, 10**7))},
             "sdk": {"name": sdk.split("/")[0], "version": sdk.split("/")[1]}}
    header = {"event_id": eid, "sent_at": iso(ts, millis=rng.randrange(1000)), "sdk": {"name": sdk.split("/")[0], "version": sdk.split("/")[1]},
              "trace": {"environment": event["environment"], "public_key": hexs(rng, 32), "trace_id": hexs(rng, 32), "sample_rate": "0.1"}}
    payload = compact(event)
    body = compact(header) + "\n" + compact({"type": "event"}) + "\n" + payload + "\n"
    project = rng.randrange(10**6, 10**7)
    q = url_query([("sentry_key", hexs(rng, 32)), ("sentry_version", "7"), ("sentry_client", sdk)])
    return beacon(rng, site, f"/api/{project}/envelope/", body, host=f"o{rng.randrange(10**5, 10**6)}.ingest.example.com",
                  query_string=q, kind="envelope", browser=b)


def sentry_python(rng: random.Random) -> Request:
    etype, value = pick(rng, PY_ERRORS)
    value = value.format(n=rng.randrange(1000, 99_999))
    eid = hexs(rng, 32)
    ts = epoch(rng)
    crumbs = [{"timestamp": iso(ts - rng.randrange(1, 30), millis=rng.randrange(1000)), "category": "query", "type": "default",
               "message": pick(rng, SQL_CRUMBS), "data": {}} for _ in range(rng.randrange(1, 5))]
    event = {"event_id": eid, "timestamp": iso(ts, millis=rng.randrange(1000)), "platform": "python", "level": "error",
             "logger": pick(rng, ["django.request", "celery.app.trace", "orders.tasks"]), "server_name": pick(rng, ["web-7f9c6d-x2k4p", "worker-3"]),
             "release": hexs(rng, 40), "environment": "production",
             "exception": {"values": [{"type": etype, "value": value, "module": pick(rng, ["django.db.utils", "psycopg2.errors", None]),
                                       "mechanism": {"type": pick(rng, ["django", "celery", "logging"]), "handled": False},
                                       "stacktrace": {"frames": [{"filename": f, "abs_path": f"/app/{f}", "function": fn, "module": f.replace("/", ".")[:-3],
                                                                  "lineno": rng.randrange(10, 400), "in_app": True,
                                                                  "context_line": cl, "pre_context": [], "post_context": []}
                                                                 for f, fn, cl in rng.sample([
                                                                     ("orders/views.py", "update_order", "    order.save(update_fields=['status'])"),
                                                                     ("orders/tasks.py", "nightly_export", "    rows = Order.objects.filter(status='open').select_related('customer')"),
                                                                     ("billing/service.py", "apply_discount", "    return total / (1 - pct / 100)"),
                                                                     ("accounts/forms.py", "clean_email", "    raise ValidationError(msg)"),
                                                                     ("core/db.py", "execute", "    return self.cursor.execute(sql, params)")], 2)]}}]},
             "breadcrumbs": {"values": crumbs}, "contexts": {"runtime": {"name": "CPython", "version": "3.12.7"}},
             "sdk": {"name": "sentry.python.django", "version": "2.19.2"}}
    header = {"event_id": eid, "sent_at": iso(ts + 1, millis=rng.randrange(1000))}
    body = (pyjson(header) + "\n" + pyjson({"type": "event", "content_type": "application/json"}) + "\n" + pyjson(event) + "\n").encode()
    host = f"o{rng.randrange(10**5, 10**6)}.ingest.example.com"
    key = hexs(rng, 32)
    headers = [("host", host), ("user-agent", "sentry.python/2.19.2"), ("accept-encoding", "identity"), ("accept", "*/*"),
               ("content-type", "application/x-sentry-envelope"),
               ("x-sentry-auth", f"Sentry sentry_key={key}, sentry_version=7, sentry_client=sentry.python/2.19.2"),
               ("content-length", str(len(body)))]
    return Request("telemetry", "envelope", "POST", f"/api/{rng.randrange(10**6, 10**7)}/envelope/", "", headers, body)


def vitals(rng: random.Random) -> Request:
    site = pick(rng, SITES)
    metric = pick(rng, ["LCP", "CLS", "INP", "FCP", "TTFB"])
    value = {"LCP": rng.uniform(600, 6000), "CLS": rng.uniform(0, 0.4), "INP": rng.uniform(16, 900), "FCP": rng.uniform(300, 3500),
             "TTFB": rng.uniform(40, 1800)}[metric]
    v = round(value, 4 if metric == "CLS" else 1)
    attribution: dict[str, object] = {}
    if metric == "LCP":
        attribution = {"element": pick(rng, ["#main > section.hero > img.hero__image", "h1.product-title", "div.article-body > p:nth-child(1)"]),
                       "url": f"https://cdn.example.com/img/{hexs(rng, 10)}.avif", "timeToFirstByte": round(rng.uniform(40, 900), 1),
                       "resourceLoadDelay": round(rng.uniform(0, 400), 1)}
    elif metric == "CLS":
        attribution = {"largestShiftTarget": pick(rng, ["div.cookie-banner > p", "#promo-bar", "img.product-image", "html>body>main>div:nth-of-type(2)"]),
                       "loadState": pick(rng, ["dom-interactive", "complete"])}
    elif metric == "INP":
        attribution = {"interactionTarget": pick(rng, CLICK_TARGETS), "interactionType": pick(rng, ["pointer", "keyboard"]),
                       "inputDelay": round(rng.uniform(0, 80), 1), "processingDuration": round(rng.uniform(5, 400), 1)}
    obj = {"name": metric, "value": v, "rating": pick(rng, ["good", "needs-improvement", "poor"]), "delta": v,
           "id": f"v4-{epoch(rng)}{rng.randrange(100, 999)}-{rng.randrange(10**12, 10**13)}",
           "navigationType": pick(rng, ["navigate", "reload", "back-forward", "prerender"]),
           "page": pick(rng, PAGES).split("?")[0], "attribution": attribution, "connection": pick(rng, ["4g", "3g", "wifi", None])}
    ttfb = round(rng.uniform(40, 900), 1)
    batch = [obj] if rng.random() < 0.6 else [obj, {**obj, "name": "TTFB", "value": ttfb, "delta": ttfb, "attribution": {}}]
    return beacon(rng, site, pick(rng, ["/api/vitals", "/_vitals", "/rum"]), compact(batch if len(batch) > 1 else obj),
                  kind="vitals", ctype=pick(rng, ["text/plain;charset=UTF-8", "application/json"]))


def timing(rng: random.Random) -> Request:
    site = pick(rng, SITES)
    start = rng.uniform(0, 5)
    dns = rng.uniform(0, 80)
    tcp = rng.uniform(5, 120)
    ttfb = dns + tcp + rng.uniform(30, 900)
    obj = {"type": "navigation", "url": f"https://{site}{pick(rng, PAGES)}", "startTime": round(start, 1),
           "dns": round(dns, 1), "tcp": round(tcp, 1), "tls": round(rng.uniform(5, 90), 1), "ttfb": round(ttfb, 1),
           "domInteractive": round(ttfb + rng.uniform(100, 2500), 1), "domComplete": round(ttfb + rng.uniform(800, 6000), 1),
           "transferSize": rng.randrange(3000, 300_000), "nextHopProtocol": pick(rng, ["h2", "h3", "http/1.1"]),
           "resources": [{"name": f"https://cdn.example.com/{pick(rng, ['app', 'vendor', 'styles'])}.{hexs(rng, 8)}.{pick(rng, ['js', 'css'])}",
                          "initiatorType": pick(rng, ["script", "link", "fetch"]), "duration": round(rng.uniform(5, 900), 1),
                          "transferSize": rng.randrange(0, 500_000)} for _ in range(rng.randrange(0, 5))],
           "memory": {"usedJSHeapSize": rng.randrange(10**7, 2 * 10**8)} if rng.random() < 0.4 else None}
    return beacon(rng, site, pick(rng, ["/rum/timing", "/api/perf", "/beacon"]), compact(obj), kind="timing",
                  host=pick(rng, [site, "rum.example.net"]))


def desktop_ping(rng: random.Random) -> Request:
    ua = pick(rng, DESKTOP_APPS)
    host = pick(rng, ["telemetry.example.com", "usage.example.net", "api.example.org"])
    events = []
    for _ in range(rng.randrange(1, 8)):
        feat = pick(rng, FEATURES)
        props: dict[str, object] = {"duration_ms": rng.randrange(3, 40_000)}
        if feat.startswith("export"):
            props["pages"] = rng.randrange(1, 80)
        if feat == "search.regex":
            props["pattern_length"] = rng.randrange(2, 60)
        if feat == "sql_console.execute":
            props["statement_kind"] = pick(rng, ["select", "update", "insert", "delete", "create table"])
            props["rows"] = rng.randrange(0, 5000)
        if feat == "script.run":
            props["language"] = pick(rng, ["python", "javascript", "powershell", "bash"])
        events.append({"event": "feature_used", "feature": feat, "ts": iso(epoch(rng), millis=rng.randrange(1000)), "props": props})
    if rng.random() < 0.2:
        events.append({"event": "app_start", "ts": iso(epoch(rng)), "props": {"cold": rng.random() < 0.5, "startup_ms": rng.randrange(300, 9000)}})
    obj = {"install_id": uuid4(rng), "session_id": uuid4(rng), "app_version": ua.split("/")[1].split(" ")[0],
           "os": ua.split("(", 1)[1].split(";")[0], "locale": pick(rng, ["en-US", "de-DE", "fr-FR", "ja-JP", "pl-PL", "tr-TR"]),
           "channel": pick(rng, ["stable", "beta"]), "events": events}
    body = compact(obj).encode() if rng.random() < 0.5 else pyjson(obj).encode()
    headers = [("host", host), ("user-agent", ua), ("content-type", "application/json"), ("accept", "application/json"),
               ("x-install-id", str(obj["install_id"])), ("content-length", str(len(body)))]
    if rng.random() < 0.5:
        headers.insert(3, ("authorization", f"Bearer {chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 32)}"))
    if rng.random() < 0.5:
        headers.append(("connection", "keep-alive"))
    return Request("telemetry", "json", "POST", pick(rng, ["/v1/usage", "/v2/events/batch", "/telemetry"]), "", headers, body)


def telemetry(rng: random.Random, n: int) -> list[Request]:
    makers = [analytics_event] * 4 + [csp_report] * 3 + [reports_batch] * 2 + [sentry_browser] * 3 + [sentry_python, vitals, vitals, timing, desktop_ping, desktop_ping]
    return [pick(rng, makers)(rng) for _ in range(n)]

