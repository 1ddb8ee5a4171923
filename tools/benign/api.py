# ruff: noqa: RUF001 - the corpus is about these characters: dashes, full-width punctuation, dotless i
"""Sources driven by programs: a single-page app's JSON API, mobile apps and
SDKs, SOAP and XML services, webhooks from payment and code platforms."""

from __future__ import annotations

import random

from . import bodies, clients, text, tokens, vocab
from .request import API_HOSTS, Request, xhr
from .web import address_fields, phone


def money(rng: random.Random) -> dict[str, object]:
    return {"amount": rng.randint(100, 250_000), "currency": text.pick(rng, vocab.CURRENCIES)}


def order(rng: random.Random) -> dict[str, object]:
    first, last = text.person(rng)
    address = dict(address_fields(rng))
    return {
        "customer": {"first_name": first, "last_name": last, "email": tokens.email(rng, first, last), "phone": phone(rng)},
        "shipping_address": {**address, "name": f"{first} {last}", "company": rng.choice([None, text.pick(rng, vocab.COMPANIES)])},
        "items": [{"sku": f"{tokens.chars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ', 3)}-{rng.randint(100, 999)}/{rng.choice(['S', 'M', 'L', 'XL', '38', '42'])}",
                   "name": text.pick(rng, vocab.PRODUCTS), "quantity": rng.randint(1, 4), "unit_price": money(rng),
                   "options": {"gift_wrap": rng.random() < 0.2, "engraving": rng.choice([None, "For Zoë – love, Mum", "J&M 2024", "#1 Dad"])}}
                  for _ in range(rng.randint(1, 4))],
        "note": rng.choice([None, text.sentence(rng)]),
        "metadata": {"source": rng.choice(["web", "ios", "android", "pos"]), "campaign": rng.choice([None, "spring_sale_2024"]),
                     "referrer": rng.choice([None, "https://www.google.com/", "https://partner.example.net/?ref=abc&utm_source=blog"])},
    }


def analytics_batch(rng: random.Random) -> dict[str, object]:
    events = []
    for _ in range(rng.randint(1, 5)):
        events.append({
            "type": rng.choice(["track", "page", "identify"]), "event": rng.choice(["Product Viewed", "Order Completed", "Signed Up", "Search Performed"]),
            "messageId": tokens.uuid4(rng), "anonymousId": tokens.uuid4(rng), "timestamp": tokens.iso_time(rng),
            "properties": {"url": f"https://shop.example.com/search?q={text.search_term(rng).replace(' ', '+')}",
                           "title": text.review_title(rng), "query": text.search_term(rng), "value": rng.randint(0, 500)},
            "context": {"userAgent": rng.choice(clients.BROWSERS).user_agent, "locale": text.pick(rng, vocab.LANGUAGES),
                        "page": {"referrer": text.pick(rng, clients.REFERRERS), "path": "/products"}},
        })
    return {"batch": events, "sentAt": tokens.iso_time(rng), "writeKey": tokens.chars(rng, tokens.ALNUM, 32)}


GRAPHQL = [
    ("GetUser", "query GetUser($id: ID!) {\n  user(id: $id) {\n    id\n    name\n    email\n    orders(first: 10, orderBy: {field: CREATED_AT, direction: DESC}) {\n      edges { node { id total status } }\n    }\n  }\n}"),
    ("SearchProducts", "query SearchProducts($q: String!, $after: String) { products(query: $q, first: 20, after: $after) { nodes { id title price { amount currency } } pageInfo { hasNextPage endCursor } } }"),
    ("UpdateProfile", "mutation UpdateProfile($input: ProfileInput!) { updateProfile(input: $input) { profile { displayName bio } errors { field message } } }"),
    ("AddToCart", "mutation AddToCart($sku: String!, $qty: Int = 1) { cartLinesAdd(lines: [{merchandiseId: $sku, quantity: $qty}]) { cart { id totalQuantity } } }"),
    ("Notifications", "query Notifications { viewer { notifications(unreadOnly: true) { totalCount nodes { id title createdAt } } } }"),
]


def graphql(rng: random.Random) -> dict[str, object]:
    name, query = rng.choice(GRAPHQL)
    first, last = text.person(rng)
    variables: dict[str, object] = {"id": tokens.b64(f"User:{rng.randint(1, 99999)}".encode()), "q": text.search_term(rng),
                                    "after": rng.choice([None, tokens.b64(f"cursor:{rng.randint(1, 500)}".encode())]),
                                    "input": {"displayName": f"{first} {last}", "bio": text.paragraph(rng, 1, 2)},
                                    "sku": f"gid://shop/ProductVariant/{rng.randint(10**9, 10**10)}", "qty": rng.randint(1, 3)}
    return {"operationName": name, "query": query, "variables": variables}


def settings(rng: random.Random) -> dict[str, object]:
    return {"notifications": {"email": rng.random() < 0.5, "sms": rng.random() < 0.3, "digest": rng.choice(["daily", "weekly", "never"])},
            "locale": text.pick(rng, vocab.LANGUAGES), "timezone": text.pick(rng, vocab.TIMEZONES),
            "signature": text.paragraph(rng, 1, 1), "theme": rng.choice(["dark", "light", "system"]),
            "saved_filters": [{"name": rng.choice(["Open & urgent", "My team's tickets", "Where status = done", "Select: VIP customers"]),
                               "query": rng.choice(["status:open priority:high", "assignee:me -label:wontfix", "created:>2024-01-01 sort:updated-desc"])}]}


def json_api(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        kind = rng.randrange(6)
        if kind == 0:
            out.append(xhr(rng, "json_api", "POST", "/api/v2/orders", bodies.json_body(rng, order(rng))))
        elif kind == 1:
            out.append(xhr(rng, "json_api", "POST", "/v1/batch", bodies.json_body(rng, analytics_batch(rng))))
        elif kind == 2:
            out.append(xhr(rng, "json_api", "POST", "/graphql", bodies.json_body(rng, graphql(rng))))
        elif kind == 3:
            out.append(xhr(rng, "json_api", rng.choice(["PUT", "PATCH"]), "/api/me/settings", bodies.json_body(rng, settings(rng))))
        elif kind == 4:
            first, last = text.person(rng)
            patch = {"data": {"type": "people", "id": str(rng.randint(1, 99999)),
                              "attributes": {"given-name": first, "family-name": last, "notes": text.sentence(rng),
                                             "tags": rng.sample(vocab.TAGS, 2)}}}
            out.append(xhr(rng, "json_api", "PATCH", f"/api/people/{rng.randint(1, 99999)}", bodies.json_body(rng, patch)))
        else:
            params = [("filter[status]", rng.choice(["active", "pending", "archived"])), ("sort", rng.choice(["-created_at", "name", "-updated_at,name"])),
                      ("page[number]", str(rng.randint(1, 20))), ("page[size]", "25"),
                      ("fields[orders]", "id,total,status,customer"), ("include", rng.choice(["customer", "items,customer", "author,comments"]))]
            if rng.random() < 0.3:
                params.append(("filter[q]", text.search_term(rng)))
            out.append(xhr(rng, "json_api", "GET", "/api/orders", None, query=bodies.query(params), kind="query"))
    return out


def mobile_api(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        host = text.pick(rng, API_HOSTS)
        agent = rng.choice(clients.APP_AGENTS + clients.SDK_AGENTS + clients.CURL_AGENTS)
        auth = clients.bearer(rng) if rng.random() < 0.85 else None
        extra = [("x-api-key", tokens.chars(rng, tokens.ALNUM, 40))] if rng.random() < 0.2 else []
        kind = rng.randrange(6)
        if kind <= 1:
            params = [("since", tokens.iso_time(rng)), ("limit", str(rng.choice([20, 50, 100]))),
                      ("fields", rng.choice(["id,name,email", "id,title,updated_at", "*"]))]
            if rng.random() < 0.4:
                params.append(("$filter", rng.choice(["Status eq 'Active'", "startswith(Name,'O''Brien')", "Total gt 100 and Currency eq 'EUR'",
                                                      "City eq 'Zürich'"])))
            if rng.random() < 0.3:
                params.append(("cursor", tokens.b64(f"{{\"id\":{rng.randint(1, 99999)},\"ts\":{tokens.timestamp(rng)}}}".encode())))
            headers = clients.app_headers(rng, host, agent=agent, authorization=auth, extra=extra)
            out.append(Request("mobile_api", "query", "GET", rng.choice(["/v1/messages", "/v2/feed", "/odata/Customers", "/v1/users/me/orders"]),
                               bodies.query(params), headers))
            continue
        if kind == 2:
            data: object = {"device": {"platform": rng.choice(["ios", "android"]), "model": rng.choice(["iPhone15,2", "Pixel 8", "SM-S918B"]),
                                       "os_version": rng.choice(["17.4.1", "14", "13"]), "push_token": tokens.hexstr(rng, 64),
                                       "locale": text.pick(rng, vocab.LANGUAGES), "app_version": "5.12.1 (5121)"}}
            path = "/v1/devices"
        elif kind == 3:
            first, last = text.person(rng)
            data = {"conversation_id": tokens.uuid4(rng), "text": text.sentence(rng) + ("" if rng.random() < 0.7 else " " + text.pick(rng, text.EMOJI)),
                    "sender": {"name": f"{first} {last}"}, "client_ts": tokens.timestamp(rng) * 1000,
                    "attachments": rng.choice([[], [{"type": "image", "url": f"https://cdn.example.com/u/{tokens.hexstr(rng, 16)}.jpg"}]])}
            path = "/v1/messages"
        elif kind == 4:
            data = {"lat": round(rng.uniform(-60, 70), 6), "lng": round(rng.uniform(-170, 170), 6), "accuracy": rng.randint(3, 80),
                    "speed": rng.choice([None, 1.4, 12.9]), "recorded_at": tokens.iso_time(rng), "battery": rng.randint(5, 100)}
            path = "/v1/locations"
        else:
            data = {"rating": rng.randint(1, 5), "comment": text.paragraph(rng, 1, 2), "order_id": rng.randint(10_000, 999_999),
                    "tags": rng.sample(["fast", "friendly", "late", "cold food", "great value", "would order again"], 2)}
            path = "/v1/ratings"
        body = bodies.json_body(rng, data).encode()
        headers = clients.app_headers(rng, host, agent=agent, method="POST", authorization=auth,
                                      content_type=rng.choice(["application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8"]),
                                      body_length=len(body), extra=extra)
        out.append(Request("mobile_api", "json", "POST", path, "", headers, body))
    return out


def soap_envelope(rng: random.Random) -> tuple[str, str]:
    first, last = text.person(rng)
    address = dict(address_fields(rng))
    x = bodies.xml_text
    op = rng.choice(["CreateOrder", "UpdateCustomer", "GetStockLevel", "SubmitClaim"])
    security = ""
    if rng.random() < 0.5:
        security = (f"<soap:Header><wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
                    f"<wsse:UsernameToken><wsse:Username>svc-{rng.choice(['erp', 'shop', 'crm'])}</wsse:Username>"
                    f"<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">"
                    f"{x(tokens.password(rng))}</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header>")
    note = text.sentence(rng)
    note_xml = f"<![CDATA[{note}]]>" if rng.random() < 0.3 and "]]>" not in note else x(note)
    body = (f"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            f"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            f"xmlns:ord=\"http://example.com/services/orders/v2\">{security}<soap:Body><ord:{op}>"
            f"<ord:Customer id=\"{rng.randint(1000, 99999)}\"><ord:Name>{x(first)} {x(last)}</ord:Name>"
            f"<ord:Email>{x(tokens.email(rng, first, last))}</ord:Email>"
            f"<ord:Street>{x(address['address1'])}</ord:Street><ord:City>{x(address['city'])}</ord:City>"
            f"<ord:PostalCode>{x(address['postcode'])}</ord:PostalCode><ord:Country>{address['country']}</ord:Country></ord:Customer>"
            f"<ord:Line sku=\"{rng.randint(10000, 99999)}\" qty=\"{rng.randint(1, 9)}\"><ord:Description>{x(text.pick(rng, vocab.PRODUCTS))}</ord:Description></ord:Line>"
            f"<ord:Comment>{note_xml}</ord:Comment></ord:{op}></soap:Body></soap:Envelope>")
    return op, body


def xml_soap(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        host = text.pick(rng, API_HOSTS)
        agent = rng.choice(["Apache-CXF/3.5.8", "Axis2", "gSOAP/2.8", "Java/17.0.10", "Zeep/4.2.1 (www.python-zeep.org)",
                            "Microsoft (R) .NET Web Services Client Protocol 4.0.30319.42000", *clients.SDK_AGENTS[:4]])
        kind = rng.randrange(4)
        extra: list[tuple[str, str]] = []
        if kind <= 1:
            op, body = soap_envelope(rng)
            content_type = "text/xml; charset=utf-8"
            extra.append(("soapaction", f"\"http://example.com/services/orders/v2/{op}\""))
            path = "/services/OrderService.svc"
        elif kind == 2:
            first, last = text.person(rng)
            x = bodies.xml_text
            body = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<order xmlns=\"urn:example:orders\" currency=\"{text.pick(rng, vocab.CURRENCIES)}\">\n"
                    f"  <buyer name=\"{bodies.xml_attr(first + ' ' + last)}\" email=\"{x(tokens.email(rng, first, last))}\"/>\n"
                    + "".join(f"  <item sku=\"{rng.randint(100, 999)}\" qty=\"{rng.randint(1, 5)}\">{x(text.pick(rng, vocab.PRODUCTS))}</item>\n"
                              for _ in range(rng.randint(1, 4)))
                    + f"  <note>{x(text.sentence(rng))}</note>\n</order>\n")
            content_type = rng.choice(["application/xml", "application/xml; charset=utf-8", "text/xml"])
            path = "/api/orders.xml"
        else:
            x = bodies.xml_text
            title = text.review_title(rng)
            post = "".join(f"<p>{x(text.paragraph(rng, 1, 2))}</p>" for _ in range(rng.randint(1, 3)))
            body = (f"<?xml version=\"1.0\"?>\n<methodCall><methodName>metaWeblog.newPost</methodName><params>"
                    f"<param><value><string>1</string></value></param><param><value><string>editor</string></value></param>"
                    f"<param><value><string>{x(tokens.password(rng))}</string></value></param>"
                    f"<param><value><struct><member><name>title</name><value><string>{x(title)}</string></value></member>"
                    f"<member><name>description</name><value><string>{x(post)}</string></value></member></struct></value></param>"
                    f"<param><value><boolean>1</boolean></value></param></params></methodCall>")
            content_type = "text/xml"
            path = "/xmlrpc.php"
            agent = rng.choice(["MarsEdit/5.0.1 (macOS)", "wp-iphone/24.5 (iOS 17.4.1, iPhone16,1) Mobile", "Open Live Writer 0.6.2"])
        data = body.encode()
        headers = clients.app_headers(rng, host, agent=agent, method="POST", content_type=content_type, body_length=len(data), extra=extra)
        out.append(Request("xml_soap", "xml", "POST", path, "", headers, data))
    return out


def webhooks(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        first, last = text.person(rng)
        kind = rng.randrange(5)
        host = rng.choice(["shop.example.com", "hooks.example.net", "app.example.org"])
        if kind == 0:
            data = {"id": f"evt_{tokens.chars(rng, tokens.ALNUM, 24)}", "object": "event", "api_version": "2024-04-10",
                    "created": tokens.timestamp(rng), "type": rng.choice(["checkout.session.completed", "invoice.paid", "customer.updated"]),
                    "data": {"object": {"id": f"cs_live_{tokens.chars(rng, tokens.ALNUM, 40)}", "customer_details": {
                        "name": f"{first} {last}", "email": tokens.email(rng, first, last), "address": dict(address_fields(rng))},
                        "amount_total": rng.randint(100, 99_999), "currency": text.pick(rng, vocab.CURRENCIES).lower(),
                        "metadata": {"order_note": text.sentence(rng), "cart_id": tokens.hexstr(rng, 24)}}},
                    "livemode": True, "pending_webhooks": 1, "request": {"id": f"req_{tokens.chars(rng, tokens.ALNUM, 14)}", "idempotency_key": tokens.uuid4(rng)}}
            body = bodies.json_body(rng, data)
            sig = f"t={tokens.timestamp(rng)},v1={tokens.hexstr(rng, 64)}"
            headers = clients.app_headers(rng, host, agent="Stripe/1.0 (+https://stripe.com/docs/webhooks)", method="POST",
                                          content_type="application/json; charset=utf-8", body_length=len(body.encode()),
                                          extra=[("stripe-signature", sig)])
            out.append(Request("webhooks", "json", "POST", "/webhooks/stripe", "", headers, body.encode()))
        elif kind == 1:
            commits = [{"id": tokens.hexstr(rng, 40), "message": rng.choice([
                "Fix typo in README", "Add ORDER BY to the export query", "Drop Python 3.8 support", "Select the right locale on first load",
                "Merge pull request #412 from mary/fix-union-types", "Update dependencies; delete unused fixtures",
                "Handle O'Brien-style names in the slug generator", "Sleep less in tests (use fake clock)", "WIP"]),
                "author": {"name": f"{first} {last}", "email": tokens.email(rng, first, last)}, "timestamp": tokens.iso_time(rng),
                "url": f"https://github.com/example/app/commit/{tokens.hexstr(rng, 40)}",
                "added": [], "modified": rng.sample(["README.md", "src/app.py", "src/db/queries.sql", "tests/test_api.py", "package.json"], 2),
                "removed": []} for _ in range(rng.randint(1, 3))]
            data = {"ref": f"refs/heads/{rng.choice(['main', 'feature/select-locale', 'fix/drop-py38'])}", "before": tokens.hexstr(rng, 40),
                    "after": tokens.hexstr(rng, 40), "repository": {"full_name": "example/app", "html_url": "https://github.com/example/app"},
                    "pusher": {"name": tokens.ascii_fold(first).replace(" ", ""), "email": tokens.email(rng, first, last)}, "commits": commits}
            body = bodies.json_body(rng, data)
            headers = clients.app_headers(rng, host, agent=f"GitHub-Hookshot/{tokens.hexstr(rng, 7)}", method="POST",
                                          content_type="application/json", body_length=len(body.encode()),
                                          extra=[("x-github-event", "push"), ("x-github-delivery", tokens.uuid4(rng)),
                                                 ("x-hub-signature-256", f"sha256={tokens.hexstr(rng, 64)}")])
            out.append(Request("webhooks", "json", "POST", "/webhooks/github", "", headers, body.encode()))
        elif kind == 2:
            fields = [("token", tokens.chars(rng, tokens.ALNUM, 24)), ("team_id", "T" + tokens.chars(rng, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 8)),
                      ("team_domain", "example"), ("channel_id", "C" + tokens.chars(rng, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10)),
                      ("channel_name", rng.choice(["general", "dev", "support-de"])), ("user_name", tokens.ascii_fold(first).replace(" ", ".")),
                      ("command", rng.choice(["/deploy", "/standup", "/poll", "/remind"])),
                      ("text", rng.choice([text.sentence(rng), "staging --branch main", "\"Lunch?\" \"Pizza\" \"Sushi\" \"Döner\"",
                                           "me to select the winners at 3pm"])),
                      ("response_url", f"https://hooks.slack.com/commands/T0/{rng.randint(10**12, 10**13)}/{tokens.chars(rng, tokens.ALNUM, 24)}"),
                      ("trigger_id", f"{rng.randint(10**12, 10**13)}.{rng.randint(10**11, 10**12)}.{tokens.hexstr(rng, 32)}")]
            body = bodies.urlencode(fields)
            headers = clients.app_headers(rng, host, agent="Slackbot 1.0 (+https://api.slack.com/robots)", method="POST",
                                          content_type="application/x-www-form-urlencoded", body_length=len(body.encode()),
                                          extra=[("x-slack-signature", f"v0={tokens.hexstr(rng, 64)}"),
                                                 ("x-slack-request-timestamp", str(tokens.timestamp(rng)))])
            out.append(Request("webhooks", "form", "POST", "/slack/commands", "", headers, body.encode()))
        elif kind == 3:
            fields = [("ToCountry", "US"), ("SmsMessageSid", "SM" + tokens.hexstr(rng, 32)), ("NumMedia", "0"),
                      ("From", f"+1555{rng.randint(1000000, 9999999)}"), ("To", "+15550100000"),
                      ("Body", rng.choice([text.sentence(rng), "STOP", "YES", "Where's my order? #10442", "Running 10 min late, sorry!"])),
                      ("AccountSid", "AC" + tokens.hexstr(rng, 32)), ("ApiVersion", "2010-04-01")]
            body = bodies.urlencode(fields)
            headers = clients.app_headers(rng, host, agent="TwilioProxy/1.1", method="POST",
                                          content_type="application/x-www-form-urlencoded", body_length=len(body.encode()),
                                          extra=[("x-twilio-signature", tokens.b64(tokens.random_bytes(rng, 20)))])
            out.append(Request("webhooks", "form", "POST", "/sms/inbound", "", headers, body.encode()))
        else:
            data = {"id": rng.randint(10**12, 10**13), "email": tokens.email(rng, first, last), "created_at": tokens.iso_time(rng),
                    "note": rng.choice([None, text.sentence(rng)]), "tags": ", ".join(rng.sample(["VIP", "wholesale", "newsletter", "B2B"], 2)),
                    "line_items": [{"title": text.pick(rng, vocab.PRODUCTS), "quantity": rng.randint(1, 3), "price": f"{rng.randint(1, 400)}.{rng.randint(0, 99):02d}",
                                    "properties": [{"name": "Engraving", "value": rng.choice(["Zoë ♥ Liam", "D'Angelo", "#1"])}]}],
                    "shipping_address": {"first_name": first, "last_name": last, **dict(address_fields(rng)), "phone": phone(rng)}}
            body = bodies.json_body(rng, data)
            headers = clients.app_headers(rng, host, agent="Shopify-Captain-Hook", method="POST", content_type="application/json",
                                          body_length=len(body.encode()),
                                          extra=[("x-shopify-topic", "orders/create"), ("x-shopify-hmac-sha256", tokens.b64(tokens.random_bytes(rng, 32))),
                                                 ("x-shopify-shop-domain", "example-store.myshopify.com")])
            out.append(Request("webhooks", "json", "POST", "/webhooks/shopify/orders", "", headers, body.encode()))
    return out
