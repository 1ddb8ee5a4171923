# ruff: noqa: RUF001 - real text uses these characters: en dashes, multiplication signs, full-width punctuation
"""rest_writes: writes to a REST API from server-side SDKs built on Python
requests/httpx, Go net/http, Java OkHttp and Node axios: JSON Patch (RFC 6902)
and JSON Merge Patch (RFC 7396) bodies, full PUTs, creates with
Idempotency-Key, bulk updates, deletes with If-Match; resource ids as UUIDs,
ULIDs, slugs and prefixed ids; bearer tokens and trace headers. Each client
serialises JSON its own way (Python's spaced separators, Go's trailing
newline, JSON.stringify's compact form).
"""

from __future__ import annotations

import json
import random

from .common import (
    SDKS,
    Request,
    b64url,
    chars,
    compact,
    epoch,
    hexs,
    iso,
    jwt,
    person,
    pick,
    randbytes,
    sdk_headers,
    ulid,
    uuid4,
)

HOSTS = ["api.example.com", "api.example.net", "api.eu.example.org", "rest.example.de", "example.com"]
SDK_NAMES = {"python": "example-python", "go": "example-go", "java": "example-java", "node": "example-node"}

NOTES = [
    "Customer asked us to update the billing email; the old one bounced.",
    "Moved to the EU region on request (GDPR).",
    "VIP - don't send the win-back campaign.",
    "Duplicate of an older account, merged on 2026-11-30; delete the old one after 30 days.",
    "Prefers phone contact between 9:00 and 12:00 CET.",
    "Order was split into two shipments (warehouse in Poznań + Lyon).",
    "Select-only access for the auditors until end of Q1.",
    "Dropped from the beta after repeated sync errors; re-invite once 4.3 ships.",
    "Invoices go to accounts payable, not to the contact's own inbox.",
    "Ticket #48213: customer says the union of both price lists should apply - sales to confirm.",
    "Asked to run the export every Monday instead of daily.",
    "Address: 3 rue de l'Église, 67000 Strasbourg (bâtiment B, 2e étage).",
    "Zahlung per Rechnung, Zahlungsziel 30 Tage.",
    "Table reservation for 8, window seats if possible; one guest is vegan.",
]
TITLES = [
    "Drop support for Python 3.8", "Select dropdown loses focus on Safari", "Update README with new install steps",
    "Delete button doesn't ask for confirmation", "Export fails when a column name contains a quote",
    "Order totals off by one cent after currency conversion", "Sleep mode setting ignored after update",
    "Add 'where used' panel to the component page", "Rename `exec_time` to `execution_ms` in the API",
    "Table header scrolls away on mobile", "Run migrations before the smoke tests in CI",
    "Union type for `price` field breaks the TypeScript client", "Ignore archived projects in the search index",
    "Can't update a draft once it's scheduled", "Support ü/ö/ä in the slug generator",
]
PRODUCT_DESCRIPTIONS = [
    "Solid oak coffee table, oiled finish; 120 × 80 × 45 cm. Assembly takes ~15 min.",
    "Merino base layer, 200 g/m². Machine wash cold; don't tumble dry.",
    "USB-C dock with 2× HDMI, 1× DP, 100 W passthrough. Works with macOS 13+ and Windows 11.",
    "Drop-leaf table that seats 2-6; leaves fold down to 30 cm deep.",
    "Noise-cancelling headphones - 30 h battery, multipoint, \"transparency\" mode.",
    "Set of 4 espresso cups (80 ml) & saucers, dishwasher-safe.",
    "Kinder-Tisch mit zwei Stühlen, Birke, für 3-6 Jahre.",
    "Chaise longue d'extérieur, aluminium & textilène, pliable.",
]
TAGS = ["vip", "b2b", "eu", "wholesale", "beta", "churn-risk", "net-30", "priority", "sale", "new", "clearance", "q4-2026"]
STATUSES = ["active", "paused", "archived", "draft", "published", "cancelled", "open", "in_progress", "closed"]


def rid(rng: random.Random) -> str:
    return pick(rng, [uuid4(rng), ulid(rng), f"cus_{chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 14)}",
                      f"ord_{ulid(rng).lower()}", str(rng.randrange(10**5, 10**9))])


def slug(rng: random.Random) -> str:
    return pick(rng, ["oak-coffee-table-120", "merino-base-layer", "usb-c-dock-pro", "q4-launch", "acme-corp",
                      "mueller-und-soehne", "o-neill-bikes", "winter-sale-2026", "docs-site", "payments-worker",
                      "l-atelier-d-emile", "api-v3-migration"])


def etag(rng: random.Random) -> str:
    return pick(rng, [f'"{hexs(rng, 40)}"', f'W/"{hexs(rng, 16)}"', f'"v{rng.randrange(1, 90)}"', f'W/"{rng.randrange(10**5, 10**6)}-{hexs(rng, 8)}"'])


def bearer(rng: random.Random) -> str:
    return pick(rng, ["Bearer " + jwt(rng, {"iss": "https://auth.example.com/", "sub": uuid4(rng), "aud": "https://api.example.com",
                                            "scope": "orders:write customers:write", "exp": epoch(rng), "azp": chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 20)}),
                      "Bearer pat_" + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40),
                      "Token " + hexs(rng, 40),
                      "Bearer " + b64url(randbytes(rng, 36))])


def json_patch(rng: random.Random) -> list[dict[str, object]]:
    name, email = person(rng)
    candidates: list[dict[str, object]] = [
        {"op": "replace", "path": "/email", "value": email},
        {"op": "replace", "path": "/name", "value": name},
        {"op": "add", "path": "/tags/-", "value": pick(rng, TAGS)},
        {"op": "remove", "path": f"/tags/{rng.randrange(0, 4)}"},
        {"op": "remove", "path": "/metadata/legacy_id"},
        {"op": "test", "path": "/version", "value": rng.randrange(1, 40)},
        {"op": "replace", "path": "/status", "value": pick(rng, STATUSES)},
        {"op": "move", "from": "/address/line2", "path": "/address/line3"},
        {"op": "copy", "from": "/billing_address", "path": "/shipping_address"},
        {"op": "add", "path": "/metadata/utm~1source", "value": pick(rng, ["newsletter", "partner/acme", "google / cpc"])},
        {"op": "replace", "path": "/labels/app.kubernetes.io~1name", "value": slug(rng)},
        {"op": "add", "path": "/notes", "value": pick(rng, NOTES)},
        {"op": "replace", "path": "/price/amount", "value": rng.randrange(199, 99_999)},
        {"op": "replace", "path": "/inventory/0/quantity", "value": rng.randrange(0, 500)},
        {"op": "add", "path": "/assignees/-", "value": {"id": uuid4(rng), "role": pick(rng, ["owner", "reviewer"])}},
        {"op": "replace", "path": "/schedule/cron", "value": pick(rng, ["0 2 * * *", "*/10 * * * *"])},
    ]
    ops = rng.sample(candidates, rng.randrange(1, 5))
    if rng.random() < 0.3:
        ops.insert(0, {"op": "test", "path": "/updated_at", "value": iso(epoch(rng))})
    return ops


def merge_patch(rng: random.Random) -> dict[str, object]:
    out: dict[str, object] = {}
    for key in rng.sample(["name", "description", "status", "metadata", "tags", "price", "title", "due_date", "address"], rng.randrange(1, 4)):
        if key == "name":
            out[key] = person(rng)[0]
        elif key == "description":
            out[key] = pick(rng, PRODUCT_DESCRIPTIONS)
        elif key == "status":
            out[key] = pick(rng, STATUSES)
        elif key == "metadata":
            out[key] = {"notes": pick(rng, NOTES), "old_field": None, "source": pick(rng, ["crm", "import", "api"])}
        elif key == "tags":
            out[key] = rng.sample(TAGS, rng.randrange(0, 4))
        elif key == "price":
            out[key] = {"amount": rng.randrange(199, 99_999), "currency": pick(rng, ["EUR", "USD", "GBP", "PLN"])}
        elif key == "title":
            out[key] = pick(rng, TITLES)
        elif key == "due_date":
            out[key] = iso(epoch(rng))[:10] if rng.random() < 0.8 else None
        else:
            out[key] = {"line1": pick(rng, ["12 O'Connell Street", "Hauptstraße 5", "3 rue de l'Église", "ul. Długa 14/3"]),
                        "line2": None, "city": pick(rng, ["Dublin", "München", "Strasbourg", "Gdańsk"]),
                        "postal_code": pick(rng, ["D01 X2Y3", "80331", "67000", "80-830"])}
    return out


def resource(rng: random.Random, kind: str) -> dict[str, object]:
    name, email = person(rng)
    if kind == "customers":
        return {"name": name, "email": email, "phone": None, "tags": rng.sample(TAGS, 2), "notes": pick(rng, NOTES),
                "preferred_locale": pick(rng, ["en", "de", "fr", "tr", "ja"]), "tax_exempt": rng.random() < 0.1}
    if kind == "products":
        return {"title": pick(rng, ["Oak coffee table", "Merino base layer", "USB-C Dock Pro", "Espresso cups (set of 4)"]),
                "slug": slug(rng), "description": pick(rng, PRODUCT_DESCRIPTIONS),
                "variants": [{"sku": f"SKU-{chars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ', 3)}-{rng.randrange(100, 999)}",
                              "price": rng.randrange(199, 99_999), "stock": rng.randrange(0, 300)} for _ in range(rng.randrange(1, 4))],
                "published": rng.random() < 0.7}
    if kind == "issues":
        return {"title": pick(rng, TITLES), "body": pick(rng, NOTES) + "\n\nSteps: open the page, select a row, click Delete.",
                "labels": rng.sample(["bug", "ui", "api", "good first issue", "p2", "needs-triage"], 2),
                "assignee": pick(rng, ["priya", "jakub", "sean.oneill", None])}
    return {"event": pick(rng, ["order.updated", "customer.deleted", "invoice.paid"]), "url": f"https://hooks.example.net/in/{hexs(rng, 16)}?v=2",
            "active": True, "description": pick(rng, NOTES)}


def serialise(sdk: str, obj: object) -> bytes:
    if sdk == "python":
        return json.dumps(obj).encode()
    if sdk == "go":
        return (json.dumps(obj, separators=(",", ":")) + "\n").encode()  # json.NewEncoder adds a newline
    return compact(obj).encode()


def write(rng: random.Random) -> Request:
    sdk = pick(rng, ["python", "python", "go", "java", "node", "node"])
    host = pick(rng, HOSTS)
    kind = pick(rng, ["customers", "products", "issues", "webhooks", "orders", "subscriptions"])
    version = pick(rng, ["v1", "v2", "api/v3"])
    op = pick(rng, ["json_patch", "merge_patch", "merge_patch", "put", "create", "create", "bulk", "delete", "delete"])
    ident = slug(rng) if kind == "products" and rng.random() < 0.5 else rid(rng)
    path = f"/{version}/{kind}/{ident}"
    query = ""
    body: bytes | None = None
    ctype: str | None = None
    method = "PATCH"
    extra: list[tuple[str, str]] = [("authorization", bearer(rng))]
    if op == "json_patch":
        body = serialise(sdk, json_patch(rng))
        ctype = "application/json-patch+json"
    elif op == "merge_patch":
        body = serialise(sdk, merge_patch(rng))
        ctype = pick(rng, ["application/merge-patch+json", "application/json"])
    elif op == "put":
        method = "PUT"
        body = serialise(sdk, resource(rng, kind))
        ctype = "application/json"
    elif op == "create":
        method = "POST"
        path = f"/{version}/{kind}"
        body = serialise(sdk, resource(rng, kind))
        ctype = "application/json"
        extra.append(("idempotency-key", pick(rng, [uuid4(rng), ulid(rng), f"{slug(rng)}-{epoch(rng)}"])))
    elif op == "bulk":
        method = "POST"
        path = pick(rng, [f"/{version}/{kind}:batchUpdate", f"/{version}/{kind}/bulk", f"/{version}/bulk/{kind}"])
        items = [{"id": rid(rng), "patch": merge_patch(rng)} for _ in range(rng.randrange(2, 8))]
        body = serialise(sdk, pick(rng, [{"operations": items}, {"items": items, "atomic": rng.random() < 0.5},
                                         {"requests": [{"method": "PATCH", "path": f"/{kind}/{i['id']}", "body": i["patch"]} for i in items]}]))
        ctype = "application/json"
        extra.append(("idempotency-key", uuid4(rng)))
    else:
        method = "DELETE"
        if rng.random() < 0.4:
            query = pick(rng, ["force=true", "cascade=false", "hard=true&reason=gdpr_request", "soft=1"])
    if method in ("PATCH", "PUT", "DELETE") and rng.random() < 0.55:
        extra.append(("if-match", etag(rng)))
    if rng.random() < 0.5:
        extra.append(("x-request-id", pick(rng, [uuid4(rng), hexs(rng, 32)])))
    if rng.random() < 0.3:
        extra.append(("traceparent", f"00-{hexs(rng, 32)}-{hexs(rng, 16)}-0{pick(rng, '01')}"))
    if rng.random() < 0.3:
        extra.append(("x-api-version", pick(rng, ["2026-10-01", "2025-06-15", "3"])))
    if ctype is not None and sdk in ("java", "node") and ctype == "application/json":
        ctype = "application/json; charset=utf-8" if sdk == "java" else "application/json"
    ua = None
    if rng.random() < 0.5:
        lib = pick(rng, SDKS[sdk])
        ver = f"{rng.randrange(1, 6)}.{rng.randrange(0, 20)}.{rng.randrange(0, 9)}"
        ua = {"python": f"{SDK_NAMES[sdk]}/{ver} {lib}", "go": f"{SDK_NAMES[sdk]}/{ver} (go1.23.3; linux/amd64)",
              "java": f"{SDK_NAMES[sdk]}/{ver} {lib} Java/21.0.5", "node": f"{SDK_NAMES[sdk]}/{ver} {lib} node/v22.11.0"}[sdk]
    headers = sdk_headers(rng, sdk, host, body=body, content_type=ctype, extra=extra, ua=ua)
    if sdk == "node" and body is None:
        headers = [h for h in headers if h[0] != "content-type"]
    if sdk in ("python", "go") and body is not None and ctype and not any(h[0] == "accept" for h in headers):
        headers.append(("accept", "application/json"))
    agent = dict(headers).get("user-agent", "")
    if "python-requests" in agent and method == "DELETE" and body is None:
        headers.append(("content-length", "0"))
        body = b""
    return Request("rest_writes", "json" if body else "empty", method, path, query, headers, body)


def rest_writes(rng: random.Random, n: int) -> list[Request]:
    return [write(rng) for _ in range(n)]
