# ruff: noqa: RUF001 - real text uses these characters: en dashes, multiplication signs, full-width punctuation
"""admin_settings: the settings pages of a SaaS admin console, saved as
server-rendered forms (Rails/Django/Laravel style field names) or as JSON
PATCHes from the single-page admin: routing rules written as regexes, cron
schedules, Unix and Windows paths, webhook URLs with query strings, email and
chat templates with {{placeholders}} and {% if %} tags, CSV column mappings,
time zones, feature flags, allowed origins and IP allowlists.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .common import (
    Request,
    browser_request,
    chars,
    compact,
    form,
    hexs,
    pick,
    site_cookies,
    uuid4,
)

HOSTS = ["admin.example.com", "app.example.net", "console.example.org", "manage.example.io",
         "backoffice.example.de", "dashboard.example.com"]

REGEXES = [
    r"^/api/v[12]/(orders|invoices)/\d+$",
    r"(?i)^support@(example\.com|example\.org)$",
    r"^(?:https?://)?(?:www\.)?example\.(?:com|net)/.*$",
    r"\b(refund|chargeback|dispute)\b",
    r"^[A-Z]{2}-\d{4,6}$",
    r".*\.(jpe?g|png|gif|webp)$",
    r"^/legacy/(.*)$",
    r"^(?P<region>eu|us|ap)-(?P<env>prod|stage)-\d{2}$",
    r"(?i)\b(urgent|asap|dringend|urgente)\b",
    r"^\+?[0-9 ()-]{7,20}$",
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
    r"^/blog/(\d{4})/(\d{2})/([\w-]+)/?$",
    r"order[-_ ]?(?:no|number|#)?[:\s]*([A-Z0-9-]{6,})",
    r"^(?!.*\b(test|staging)\b).*$",
    r"\.example\.(de|at|ch)$",
    r"^SKU-[A-Z]{3}-\d{3}$",
    r"^/(de|fr|it)(/.*)?$",
    r"(?:\r?\n){2,}",
    r"^/products/([a-z0-9-]+)\?(?:.*&)?variant=(\d+)",
    r"^Subject: \[(?:JIRA|Ticket)\] (.+)$",
]
REWRITES = ["/new/$1", "/$3", "https://www.example.com/$1", "/archive/$1/$2/$3", "/shop/p/$1?v=$2", "queue:billing",
            "team:escalations", "tag:vip"]
CRONS = ["*/15 * * * *", "0 2 * * 1-5", "30 3 1 * *", "0 0 * * 0", "@daily", "0 */6 * * *", "15 9 * * MON-FRI",
         "0 22 L * ?", "5 4 * * sun", "0 8-18/2 * * 1-5", "@hourly", "0 0 1 1 *", "*/5 9-17 * * *", "45 23 * * 6",
         "0 12 * * 1#1", "0 0/30 8-20 ? * MON-SAT"]
PATHS = ["/var/log/app/*.log", "/srv/exports/%Y/%m/orders-%d.csv", r"C:\ProgramData\Example\Agent\config.yaml",
         r"\\fileserver01\share\exports\daily", "~/Library/Application Support/Example/", r"D:\Backups\db\nightly_{date}.bak",
         "../templates/emails/", "/etc/example/conf.d/99-local.conf", "/home/deploy/apps/shop/current/public/uploads",
         r"C:\Program Files (x86)\Example Sync\logs", "/mnt/data/reports/Q4 2026/", "s3://example-exports/eu-west-1/orders/",
         r"%APPDATA%\Example\cache", "/opt/example/bin/run-report --since=yesterday", "/tmp/import-*.csv",
         r"\\?\C:\very\long\path\to\archive", "/usr/local/share/example/fonts/NotoSans-Regular.ttf"]
TIMEZONES = ["Europe/Berlin", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham",
             "Etc/GMT+5", "Europe/Istanbul", "Asia/Tokyo", "America/New_York", "Australia/Lord_Howe", "UTC",
             "Europe/Warsaw", "America/Los_Angeles", "Africa/Lagos", "Asia/Kathmandu", "Europe/Dublin"]
ORIGINS = ["https://app.example.com", "https://*.example.org", "http://localhost:3000", "https://staging.example.net",
           "https://example.de", "http://127.0.0.1:5173", "https://preview-*.example.dev", "https://www.example.co.uk",
           "capacitor://localhost", "https://admin.example.com:8443"]
CIDRS = ["192.0.2.0/24", "198.51.100.17/32", "203.0.113.0/25", "2001:db8::/32", "2001:db8:4006:812::/64",
         "198.51.100.128/26", "10.0.0.0/8"]

EMAIL_TEMPLATES = [
    "Hi {{ customer.first_name | default: 'there' }},\n\n{% if order.items.size > 1 %}Your {{ order.items.size }} items are on their way!"
    "{% else %}Your item is on its way!{% endif %}\n\nTrack it here: {{ order.tracking_url }}\n\n{% for item in order.items %}"
    "- {{ item.name }} x {{ item.quantity }}\n{% endfor %}\nThanks for shopping with {{ shop.name }}!",
    "<p>Hello {{name}},</p>\n<p>Your invoice <strong>#{{invoice.number}}</strong> for {{invoice.total | money}} is ready.</p>\n"
    "<p><a href=\"{{invoice.url}}\">Download PDF</a></p>\n{% if invoice.overdue %}<p style=\"color:#b00\">This invoice is overdue "
    "since {{invoice.due_date | date: '%d %b %Y'}}.</p>{% endif %}",
    "Hallo {{ customer.name }},\n\nvielen Dank für deine Bestellung {{ order.number }} vom {{ order.date | date: \"%d.%m.%Y\" }}.\n"
    "{% if order.payment_method == 'invoice' %}Bitte überweise den Betrag innerhalb von 14 Tagen.{% endif %}\n\nDein Team von {{ shop.name }}",
    "Bonjour {{ client.prenom }},\n\n{% unless client.newsletter %}Vous n'êtes pas encore inscrit(e) à notre newsletter.{% endunless %}\n"
    "Votre code : {{ coupon.code }} (-{{ coupon.percent }} %)",
    "{{#if user.trial}}Your trial ends on {{formatDate user.trial_ends 'MMMM D'}}.{{else}}Thanks for being a customer since "
    "{{user.created_year}}!{{/if}}\n\nReply to this email or write to {{support_email}}.",
    "Hi {{first_name}}, someone (hopefully you) asked to reset the password for {{email}}. The link expires in "
    "{{ttl_minutes}} minutes: {{reset_url}}\n\nIf it wasn't you, ignore this message.",
    "Subject: [{{ticket.id}}] {{ticket.subject}}\n\n{{ticket.latest_comment}}\n\n-- \nReply above this line.\n{% if ticket.cc %}CC: {{ ticket.cc | join: ', ' }}{% endif %}",
]
CHAT_TEMPLATES = [
    ":rotating_light: *{{alert.name}}* fired on `{{alert.host}}` ({{alert.value}} > {{alert.threshold}})",
    "New order {{order.number}} from {{customer.name}} - {{order.total}} ({{order.items | size}} items)",
    "{% if deploy.status == 'failed' %}:x:{% else %}:white_check_mark:{% endif %} Deploy of {{deploy.ref}} to {{deploy.env}} by @{{deploy.user}}",
    "Ticket #{{ticket.id}} escalated to {{team}}: \"{{ticket.subject}}\"",
]
SEGMENTS = [
    "country in (\"DE\", \"AT\", \"CH\") and orders_count > 3",
    "plan = 'pro' AND signup_date >= '2026-01-01'",
    "last_seen < now() - 30d OR email_bounced = true",
    "tags contains 'vip' and not tags contains 'churned'",
    "lifetime_value >= 500 && locale == \"fr\"",
    "(source = 'newsletter' OR utm_campaign LIKE 'black-friday%') AND unsubscribed IS NULL",
]
HEAD_SNIPPETS = [
    '<meta name="google-site-verification" content="{tok}" />',
    '<link rel="preconnect" href="https://cdn.example.com" crossorigin>',
    '<script async src="https://widget.example.net/loader.js" data-site-id="{tok}"></script>',
    '<meta name="facebook-domain-verification" content="{tok}" />\n<link rel="icon" href="/favicon-32.png" sizes="32x32">',
]
CSV_SOURCE_COLUMNS = ["Order ID", "Customer E-mail", "Total (EUR)", "Date (DD.MM.YYYY)", "SKU", "Qty", "Unit price",
                      "Shipping address; line 1", "Notes", "Kundennummer", "Référence", "Status", "Tax %", "Coupon"]
CSV_TARGET_FIELDS = ["order_id", "email", "total_cents", "created_at", "sku", "quantity", "unit_price", "address_line1",
                     "notes", "customer_ref", "reference", "status", "tax_rate", "coupon_code", "ignore"]
FLAGS = ["new_checkout", "beta.dark_mode", "reports.v2", "search.fuzzy", "billing.usage_based", "editor.collab",
         "export.xlsx", "sso.enforce", "api.rate_limit_v3", "inbox.ai_summaries", "orders.bulk_delete", "legacy_union_pay"]
HOOK_HOSTS = ["hooks.example.com", "api.example.net", "ci.example.org", "automation.example.de", "example.com"]
HOOK_PATHS = ["/services/T0000/B0000/{tok}", "/webhooks/orders", "/hook/{tok}", "/api/v1/incoming/{uuid}",
              "/triggers/{tok}/fire", "/zap/hooks/catch/{n}/{tok}/"]


def webhook_url(rng: random.Random) -> str:
    host = pick(rng, HOOK_HOSTS)
    path = pick(rng, HOOK_PATHS).format(tok=chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24),
                                        uuid=uuid4(rng), n=rng.randrange(10**6, 10**7))
    q = rng.choice(["", "?token=" + hexs(rng, 32), "?channel=%23ops&notify=true", "?v=2&format=json&events=order.created,order.updated",
                    "?source=admin&env=prod", "?api-version=2024-06-01&sig=" + chars(rng, "ABCDEFabcdef0123456789%", 30)])
    return f"https://{host}{path}{q}"


def rules(rng: random.Random) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i in range(rng.randrange(1, 5)):
        out.append({"id": i + 1 if rng.random() < 0.5 else uuid4(rng), "match": pick(rng, ["path", "subject", "from", "host", "body"]),
                    "pattern": pick(rng, REGEXES), "action": pick(rng, ["route", "rewrite", "tag", "assign"]),
                    "target": pick(rng, REWRITES), "enabled": rng.random() < 0.85, "case_sensitive": rng.random() < 0.3})
    return out


def csv_mapping(rng: random.Random) -> dict[str, object]:
    cols = rng.sample(CSV_SOURCE_COLUMNS, rng.randrange(4, 9))
    return {"delimiter": pick(rng, [";", ",", "\t", "|"]), "quote_char": pick(rng, ['"', "'"]),
            "encoding": pick(rng, ["utf-8", "windows-1252", "iso-8859-1", "utf-8-sig"]), "skip_rows": rng.randrange(0, 3),
            "decimal_separator": pick(rng, [",", "."]), "date_format": pick(rng, ["%d.%m.%Y", "%Y-%m-%d", "%m/%d/%Y %H:%M"]),
            "columns": {c: pick(rng, CSV_TARGET_FIELDS) for c in cols}}


def flags(rng: random.Random) -> dict[str, object]:
    out: dict[str, object] = {}
    for f in rng.sample(FLAGS, rng.randrange(1, 5)):
        if rng.random() < 0.5:
            out[f] = rng.random() < 0.6
        else:
            out[f] = {"enabled": rng.random() < 0.7, "rollout": pick(rng, [0, 5, 10, 25, 50, 100]),
                      "segments": rng.sample(["staff", "beta-testers", "eu-customers", "plan:enterprise", "internal"], rng.randrange(0, 3))}
    return out


# section -> builder returning (form pairs, json object)
Section = Callable[[random.Random], tuple[list[tuple[str, str]], dict[str, object]]]


def s_routing(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    rs = rules(rng)
    pairs: list[tuple[str, str]] = []
    for i, r in enumerate(rs):
        for k in ("match", "pattern", "action", "target"):
            pairs.append((f"rules[{i}][{k}]", str(r[k])))
        if r["enabled"]:
            pairs.append((f"rules[{i}][enabled]", "1"))
    return pairs, {"routing_rules": rs, "fallback_queue": pick(rng, ["general", "tier-1", "unassigned"])}


def s_schedule(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    tz = pick(rng, TIMEZONES)
    jobs = [{"name": pick(rng, ["nightly export", "sync inventory", "send digest", "purge old drafts", "rebuild search index",
                                "weekly report (Mon)"]),
             "cron": pick(rng, CRONS), "timezone": tz, "output_path": pick(rng, PATHS), "enabled": rng.random() < 0.9}
            for _ in range(rng.randrange(1, 4))]
    pairs = [("schedule[timezone]", tz)]
    for i, j in enumerate(jobs):
        pairs += [(f"schedule[jobs][{i}][name]", str(j["name"])), (f"schedule[jobs][{i}][cron]", str(j["cron"])),
                  (f"schedule[jobs][{i}][output_path]", str(j["output_path"]))]
    return pairs, {"timezone": tz, "jobs": jobs}


def s_webhooks(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    url = webhook_url(rng)
    events = rng.sample(["order.created", "order.updated", "order.deleted", "customer.created", "invoice.paid",
                         "subscription.cancelled", "ticket.escalated"], rng.randrange(1, 5))
    secret = "whsec_" + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32)
    pairs = [("webhook[url]", url), ("webhook[secret]", secret)] + [("webhook[events][]", e) for e in events]
    pairs.append(("webhook[content_type]", pick(rng, ["application/json", "application/x-www-form-urlencoded"])))
    body: dict[str, object] = {"url": url, "events": events, "secret": secret, "active": True,
                               "headers": {"X-Source": "admin", "Authorization": "Bearer " + chars(rng, "abcdef0123456789", 40)}
                               if rng.random() < 0.4 else {}}
    return pairs, body


def s_email(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    tpl = pick(rng, EMAIL_TEMPLATES)
    subject = pick(rng, ["Your order {{ order.number }} has shipped", "Invoice #{{invoice.number}} from {{shop.name}}",
                         "{% if user.trial %}Your trial ends soon{% else %}Thanks, {{ user.first_name }}!{% endif %}",
                         "Reset your password", "Ihre Bestellung {{ order.number }}", "[{{ticket.id}}] {{ticket.subject}}"])
    sender = pick(rng, ["Example Support <support@example.com>", "\"Müller & Söhne\" <noreply@example.de>",
                        "billing@example.org", "L'équipe Example <bonjour@example.fr>"])
    pairs = [("template[name]", pick(rng, ["order_shipped", "invoice_ready", "welcome", "password_reset", "ticket_reply"])),
             ("template[subject]", subject), ("template[from]", sender), ("template[body]", tpl.replace("\n", "\r\n")),
             ("template[locale]", pick(rng, ["en", "de", "fr"]))]
    return pairs, {"subject": subject, "from": sender, "body": tpl, "format": "html" if tpl.startswith("<") else "text"}


def s_chat(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    tpl = pick(rng, CHAT_TEMPLATES)
    url = webhook_url(rng)
    return ([("integration[slack][webhook_url]", url), ("integration[slack][message]", tpl),
             ("integration[slack][channel]", pick(rng, ["#ops", "#orders", "#support-escalations", "#deploys"]))],
            {"slack": {"webhook_url": url, "message_template": tpl, "channel": pick(rng, ["#ops", "#orders"])}})


def s_import(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    m = csv_mapping(rng)
    cols = m["columns"]
    assert isinstance(cols, dict)
    pairs = [("import[delimiter]", str(m["delimiter"])), ("import[encoding]", str(m["encoding"])),
             ("import[date_format]", str(m["date_format"]))]
    pairs += [(f"import[columns][{k}]", str(v)) for k, v in cols.items()]
    return pairs, {"csv_import": m}


def s_general(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    tz = pick(rng, TIMEZONES)
    company = pick(rng, ["Müller & Söhne GmbH", "O'Reilly's Bikes Ltd.", "L'Atelier d'Émile", "Café \"Zum Löwen\"",
                        "Kowalski i Syn sp. z o.o.", "Example Inc.", "Yıldız Tekstil A.Ş.", "株式会社エグザンプル"])
    pairs = [("account[company_name]", company), ("account[timezone]", tz),
             ("account[date_format]", pick(rng, ["DD.MM.YYYY", "MM/DD/YYYY", "YYYY-MM-DD"])),
             ("account[currency]", pick(rng, ["EUR", "USD", "GBP", "PLN", "TRY", "JPY"])),
             ("account[week_start]", pick(rng, ["monday", "sunday"]))]
    if rng.random() < 0.3:
        snippet = pick(rng, HEAD_SNIPPETS).format(tok=chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789_-", 43))
        pairs.append(("account[custom_head_html]", snippet))
    return pairs, {"company_name": company, "timezone": tz, "locale": pick(rng, ["en-GB", "de-DE", "fr-FR", "ja-JP"])}


def s_security(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    origins = rng.sample(ORIGINS, rng.randrange(1, 5))
    cidrs = rng.sample(CIDRS, rng.randrange(1, 4))
    pairs = [("security[allowed_origins]", "\r\n".join(origins)), ("security[ip_allowlist]", ", ".join(cidrs)),
             ("security[session_timeout_minutes]", str(pick(rng, [15, 30, 60, 480]))),
             ("security[require_2fa]", pick(rng, ["1", "0"]))]
    return pairs, {"cors": {"allowed_origins": origins, "allow_credentials": rng.random() < 0.5,
                            "allowed_headers": ["Content-Type", "Authorization", "X-Request-Id"]},
                   "ip_allowlist": cidrs, "password_policy": {"min_length": pick(rng, [10, 12, 14]),
                                                              "pattern": pick(rng, [r"^(?=.*[A-Z])(?=.*\d).{12,}$", r".{10,}"])}}


def s_flags(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    fl = flags(rng)
    pairs = [(f"features[{k}]", "1" if v is True or (isinstance(v, dict) and v.get("enabled")) else "0") for k, v in fl.items()]
    return pairs, {"feature_flags": fl}


def s_segments(rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, object]]:
    expr = pick(rng, SEGMENTS)
    name = pick(rng, ["DACH repeat buyers", "Pro since 2026", "Dormant 30d", "VIPs (not churned)", "French high LTV",
                      "Black Friday leads"])
    return [("segment[name]", name), ("segment[filter]", expr)], {"name": name, "filter": expr, "refresh": pick(rng, CRONS)}


SECTIONS: dict[str, Section] = {
    "routing": s_routing, "schedules": s_schedule, "webhooks": s_webhooks, "email-templates": s_email,
    "integrations": s_chat, "import": s_import, "general": s_general, "security": s_security, "features": s_flags,
    "segments": s_segments,
}


def admin_settings(rng: random.Random, n: int) -> list[Request]:
    out: list[Request] = []
    names = list(SECTIONS)
    for _ in range(n):
        section = pick(rng, names)
        pairs, obj = SECTIONS[section](rng)
        host = pick(rng, HOSTS)
        lang = pick(rng, ["en", "en", "en", "de", "fr", "es", "pl"])
        if rng.random() < 0.45:
            fw = pick(rng, ["rails", "django", "laravel"])
            if fw == "rails":
                pairs = [("_method", "patch"), ("authenticity_token", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 86) + "=="), *pairs, ("commit", "Save changes")]
            elif fw == "django":
                pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 64)), *pairs]
            else:
                pairs = [("_token", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40)), ("_method", "PUT"), *pairs]
            path = f"/admin/settings/{section}"
            body = form(pairs).encode()
            out.append(browser_request(rng, "admin_settings", "form", "POST", host, path, body=body,
                                       content_type="application/x-www-form-urlencoded", referer=f"https://{host}{path}",
                                       cookie=site_cookies(rng, fw, analytics=0.2), lang=lang))
        else:
            org = rng.randrange(1000, 99_999)
            path = pick(rng, [f"/api/admin/v1/orgs/{org}/settings/{section}", f"/api/v2/settings/{section}",
                              f"/internal/api/workspaces/{uuid4(rng)}/{section}"])
            method = "PATCH" if rng.random() < 0.75 else "PUT"
            body = compact(obj).encode()
            extra = [(pick(rng, ["x-csrf-token", "x-xsrf-token"]), chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 43))]
            if rng.random() < 0.4:
                extra.append(("authorization", "Bearer " + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40)))
            out.append(browser_request(rng, "admin_settings", "json", method, host, path, body=body,
                                       content_type="application/json", mode="cors",
                                       referer=f"https://{host}/settings/{section}", accept="application/json",
                                       cookie=site_cookies(rng, pick(rng, ["express", "next", "django", "spring"]), analytics=0.1),
                                       lang=lang, extra=extra))
    return out
