# ruff: noqa: RUF001 - real text uses typographic characters
"""An online form builder: the editor (React over a Django REST API) saving
form definitions as JSON (fields, validation patterns, conditional logic,
calculated fields), theme CSS, embed settings, respondents' submissions and
file uploads on the hosted form, autosaves of partial answers, and
integrations to spreadsheets and CRMs.
"""

from __future__ import annotations

import random

from .common import (
    BROWSERS,
    Request,
    address,
    bearer,
    boundary,
    browser,
    chars,
    client,
    cookie_jar,
    csrf,
    day,
    epoch,
    fake_jpeg,
    fake_pdf,
    fake_png,
    form,
    hexs,
    hmac_hex,
    js_json,
    multipart,
    person,
    phone,
    pick,
    py_json,
    query,
    run,
    some,
    stamp,
    text_parts,
    uuid4,
)

SRC = "forms_builder"
APP = "app.formwright.example.com"
API = "api.formwright.example.com"
HOSTED = "forms.formwright.example.com"
ID = "abcdefghijklmnopqrstuvwxyz0123456789"

PATTERNS = [r"^[A-Z]{2}[0-9]{2} ?[0-9A-Z]{3}$", r"^\+?[0-9 ()-]{7,20}$", r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$",
            r"^\d{5}(-\d{4})?$", r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", r"^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
            r"^[0-9]{3}-[0-9]{2}-[0-9]{4}$", r"^INV-\d{6}$", r"^https?://\S+$", r"^[^<>]*$", r"^\p{L}[\p{L} '\-]{1,48}$", r"^\d+(\.\d{1,2})?$"]
FORMULAS = ["{quantity} * {unit_price}", "ROUND(({subtotal} * 1.2), 2)", "IF({nights} >= 7, {nights} * 85 * 0.9, {nights} * 85)",
            "SUM({q1}, {q2}, {q3}) / 3", "{adults} * 25 + {children} * 12.5", "MAX(0, {budget} - {spent})", "CONCAT({first_name}, \" \", {last_name})",
            "DATEDIF({start_date}, {end_date}, \"d\")", "{score} >= 80 ? \"Pass\" : \"Review\""]
FORMS = ["Event registration – Winter Gala 2026", "Customer feedback (Q4)", "Job application: Barista", "Volunteer sign-up",
         "Equipment loan request", "Patient intake (pre-visit)", "Wedding RSVP 💍", "Bug report", "Quote request – garden landscaping",
         "Student council nomination", "Expense claim", "Allotment waiting list", "Enquête de satisfaction"]
FREE_TEXT = [
    "Loved the venue, but the queue for coats at the end took 40 minutes. Maybe a second rail next year?",
    "I can volunteer Saturdays 9–1 and most Sunday afternoons. I have a clean UK licence and a DBS check from 2025.",
    "Please see attached photos of the leak under the sink (started Monday). It gets worse when the dishwasher runs.",
    "We’d like a quote for replacing ~40m² of lawn with a wildflower meadow + a small gravel path (1m wide).",
    "Steps to reproduce:\n1. Open the app\n2. Tap “Export” → CSV\n3. App freezes for ~10s then crashes\nExpected: file downloads. Happens on Android 14, v3.2.1.",
    "My son (Year 4) has a mild nut allergy – he carries an auto-injector. Please let me know who to speak to.",
    "N/A",
    "Vegetarian for 2 of us, one gluten-free. Plus-one is Sam Ortega.",
    "Je suis très satisfait(e) du service, mais le délai de livraison était un peu long.",
    "Previous barista experience: 2 yrs at a café in Riverton (latte art, opening/closing, cash handling). Available to start 5 Jan.",
    "Receipts attached: train £42.80 (return), lunch £11.50, taxi £17 (late finish).",
    "",
]


def _editor(rng: random.Random) -> str:
    return cookie_jar(rng, "django", ga=0.3, extra=[("fw_team", f"t_{chars(rng, ID, 8)}")])


def _fid(rng: random.Random) -> str:
    return chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 8)


def _field(rng: random.Random, i: int) -> dict[str, object]:
    kind = pick(rng, ["short_text", "long_text", "email", "phone", "number", "dropdown", "checkboxes", "date", "file", "rating", "address", "calculated", "hidden"])
    f: dict[str, object] = {"id": f"f_{chars(rng, ID, 6)}", "key": pick(rng, ["first_name", "last_name", "email", "postcode", "quantity", "unit_price", "nights",
                                                                           "dietary", "start_date", "comments", "attendees", "budget", "score"]) + f"_{i}",
                            "type": kind, "label": pick(rng, ["Your name", "Email address", "Postcode / ZIP", "How many people are coming?", "Dietary requirements",
                                                           "Anything else we should know?", "Upload your CV (PDF, max 5MB)", "Preferred date", "Rate your experience (1–5)",
                                                           "Total (£)", "Where did you hear about us?"]),
                            "required": rng.random() < 0.6}
    if kind in ("short_text", "phone", "email") and rng.random() < 0.6:
        f["validation"] = {"pattern": pick(rng, PATTERNS), "message": pick(rng, ["Please enter a valid UK postcode", "That doesn’t look like a phone number",
                                                                                  "Format: YYYY-MM-DD", "Letters only, please", "Invoice numbers look like INV-123456"])}
    if kind == "number":
        f["validation"] = {"min": 0, "max": pick(rng, [10, 99, 10000]), "step": pick(rng, [1, 0.5, 0.01])}
    if kind in ("dropdown", "checkboxes"):
        f["options"] = some(rng, ["Vegetarian", "Vegan", "Gluten-free", "Halal", "Kosher", "No restrictions", "Other (please specify)",
                                  "Friend / word of mouth", "Instagram", "Local paper", "Search engine"], 2, 6)
    if kind == "file":
        f["accept"] = pick(rng, [[".pdf", ".doc", ".docx"], ["image/*"], [".csv", ".xlsx"]])
        f["maxSizeMb"] = pick(rng, [5, 10, 25])
    if kind == "calculated":
        f["formula"] = pick(rng, FORMULAS)
        f["format"] = pick(rng, ["currency:GBP", "number:2", "text"])
    if rng.random() < 0.35:
        f["logic"] = {"action": pick(rng, ["show", "hide", "require"]), "when": pick(rng, ["all", "any"]),
                      "conditions": [{"field": pick(rng, ["dietary_3", "attendees_2", "comments_5", "where_heard"]),
                                      "op": pick(rng, ["equals", "contains", "not_contains", "greater_than", "is_empty", "matches"]),
                                      "value": pick(rng, ["Other (please specify)", "allergy", "nut", "2", "", "^INV-", "Yes"])} for _ in range(rng.randint(1, 2))]}
    return f


def form_save(rng: random.Random) -> Request:
    obj = {"title": pick(rng, FORMS), "description": pick(rng, ["", "Takes about 3 minutes. Fields marked * are required.", "Deadline: 15 December, 5pm"]),
           "fields": [_field(rng, i) for i in range(rng.randint(3, 9))],
           "settings": {"oneResponsePerPerson": rng.random() < 0.3, "closeAt": pick(rng, [None, f"{day(rng)}T17:00:00Z"]), "progressBar": rng.random() < 0.5,
                        "confirmation": pick(rng, ["Thanks! We’ll be in touch within 2 working days.", "You’re on the list 🎉", "Merci !"])},
           "version": rng.randint(1, 80)}
    return browser(rng, SRC, "form_definition_save", "PUT", APP, f"/api/forms/{_fid(rng)}", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"), referer=f"https://{APP}/builder/{_fid(rng)}")


def field_patch(rng: random.Random) -> Request:
    obj = {"op": pick(rng, ["add", "update", "move"]), "field": _field(rng, rng.randint(1, 20)), "position": rng.randint(0, 12)}
    return browser(rng, SRC, "field_patch", "PATCH", APP, f"/api/forms/{_fid(rng)}/fields", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def logic_rule(rng: random.Random) -> Request:
    obj = {"rules": [{"id": f"r_{chars(rng, ID, 5)}", "if": {"field": pick(rng, ["attending", "ticket_type", "comments", "country"]),
                                                             "operator": pick(rng, ["is", "is_not", "contains", "does_not_contain", "starts_with"]),
                                                             "value": pick(rng, ["Yes", "VIP", "wheelchair", "allergy", "United Kingdom", "Other"])},
                      "then": [{"action": pick(rng, ["show", "hide", "jump_to", "set_value"]), "target": pick(rng, ["plus_one_name", "page_3", "access_needs", "price"]),
                                "value": pick(rng, [None, "45.00", "end"])}]} for _ in range(rng.randint(1, 4))]}
    return browser(rng, SRC, "logic_rules", "PUT", APP, f"/api/forms/{_fid(rng)}/logic", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def formula_test(rng: random.Random) -> Request:
    obj = {"formula": pick(rng, FORMULAS), "sample": {"quantity": rng.randint(1, 9), "unit_price": 12.5, "nights": rng.randint(1, 14), "adults": 2, "children": 1,
                                                      "subtotal": 99.99, "q1": 4, "q2": 5, "q3": 3, "budget": 500, "spent": 320, "first_name": "Ivy", "last_name": "Quinn-Baptiste",
                                                      "start_date": day(rng), "end_date": day(rng), "score": rng.randint(40, 100)}}
    return browser(rng, SRC, "formula_preview", "POST", APP, "/api/formulas/evaluate", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def regex_test(rng: random.Random) -> Request:
    obj = {"pattern": pick(rng, PATTERNS), "flags": pick(rng, ["", "i", "u"]), "samples": some(rng, ["SW1A 1AA", "sw1a1aa", "+44 113 496 0123", "INV-004521",
                                                                                                  "2026-12-31", "hello@example.com", "12345-6789", "O'Callaghan"], 2, 4)}
    return browser(rng, SRC, "validation_test", "POST", APP, "/api/validation/test", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def theme_css(rng: random.Random) -> Request:
    accent = pick(rng, ["#2F6F4E", "#B3261E", "#0B57D0", "#7A4EAB", "#E07A1F"])
    css = pick(rng, [
        f":root {{\n  --fw-accent: {accent};\n  --fw-radius: 12px;\n  --fw-font: \"Inter\", system-ui, sans-serif;\n}}\n.fw-form {{ max-width: 640px; margin: 0 auto; }}\n.fw-button {{ background: var(--fw-accent); border-radius: var(--fw-radius); }}\n",
        f"@import url('https://fonts.example.com/css2?family=Playfair+Display:wght@400;700&display=swap');\n.fw-title {{ font-family: 'Playfair Display', serif; font-size: 2.25rem; }}\n.fw-field label::after {{ content: \" *\"; color: {accent}; }}\n",
        f".fw-page {{ background: url(\"https://cdn.example.org/brand/wave.svg\") no-repeat bottom / 100% auto, #FBF7F2; }}\n.fw-input:focus {{ outline: 2px solid {accent}; outline-offset: 2px; }}\n@media (max-width: 480px) {{ .fw-form {{ padding: 1rem; }} }}\n",
        f".fw-progress > div {{ transition: width .3s ease-in-out; background: linear-gradient(90deg, {accent}, #F2C14E); }}\n.fw-choice input[type=\"radio\"]:checked + span {{ font-weight: 600; }}\n",
    ])
    obj = {"name": pick(rng, ["Brand 2026", "Gala (dark)", "Minimal", "School colours"]), "customCss": css, "logoUrl": f"https://cdn.formwright.example.com/u/{uuid4(rng)}.png",
           "colors": {"accent": accent, "background": pick(rng, ["#FFFFFF", "#FBF7F2", "#111827"])}}
    return browser(rng, SRC, "theme_save", "PUT", APP, f"/api/themes/{rng.randrange(10**4)}", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def embed_settings(rng: random.Random) -> Request:
    obj = {"mode": pick(rng, ["inline", "popup", "slider", "fullpage"]), "autoResize": True, "hideHeaders": rng.random() < 0.5,
           "allowedDomains": some(rng, ["www.example.com", "shop.example.org", "*.example.net", "localhost:3000"], 1, 3),
           "button": {"text": pick(rng, ["Get a quote", "RSVP", "Register"]), "color": "#0B57D0"},
           "hiddenFields": {"utm_source": "{{utm_source}}", "customer_id": "{{customer.id}}"}}
    return browser(rng, SRC, "embed_settings", "PATCH", APP, f"/api/forms/{_fid(rng)}/embed", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def hosted_view(rng: random.Random) -> Request:
    qs = pick(rng, ["", "", "utm_source=newsletter&utm_medium=email", "email=ivy%40example.com&ref=crm", "embed=true&parentUrl=https%3A%2F%2Fwww.example.com%2Fcontact"])
    return browser(rng, SRC, "hosted_form", "GET", HOSTED, f"/f/{_fid(rng)}", qs, page=True, site=pick(rng, ["cross-site", "none"]),
                   referer=pick(rng, ["https://www.example.com/contact", "https://mail.example.net/", None]))


def submit_form(rng: random.Random) -> Request:
    g, f, email = person(rng)
    a = address(rng)
    pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 64)), ("first_name", g), ("last_name", f), ("email", email),
             ("phone", phone(rng)), ("address_line1", a["line1"]), ("postcode", a["postcode"]), ("attendees", str(rng.randint(1, 5))),
             ("dietary", pick(rng, ["Vegetarian", "No restrictions", "Gluten-free"])), ("comments", pick(rng, FREE_TEXT)),
             ("where_heard", pick(rng, ["Instagram", "Friend / word of mouth", "Local paper"])), ("consent", "yes"), ("_started", str(epoch(rng)))]
    return browser(rng, SRC, "submission_form", "POST", HOSTED, f"/f/{_fid(rng)}/submit", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=cookie_jar(rng, "django", ga=0.3))


def submit_json(rng: random.Random) -> Request:
    g, f, email = person(rng)
    answers: dict[str, object] = {"name": f"{g} {f}", "email": email, "rating": rng.randint(1, 5), "comments": pick(rng, FREE_TEXT),
                                  "choices": some(rng, ["Vegetarian", "Vegan", "Halal", "Other (please specify)"], 0, 2),
                                  "other_text": pick(rng, ["", "Pescatarian", "No mushrooms please!"]), "quantity": rng.randint(1, 6), "unit_price": 12.5,
                                  "date": day(rng), "signature": "data:image/png;base64," + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 120)}
    obj = {"formId": _fid(rng), "answers": answers, "meta": {"startedAt": stamp(rng), "tz": pick(rng, ["Europe/London", "Europe/Paris", "America/Toronto"]),
                                                             "hidden": {"utm_source": pick(rng, ["newsletter", "qr", ""])}}}
    return browser(rng, SRC, "submission_json", "POST", API, "/v1/responses", body=js_json(obj).encode(), ctype="application/json",
                   site="same-site", referer=f"https://{HOSTED}/f/{_fid(rng)}")


def submit_upload(rng: random.Random) -> Request:
    g, f, email = person(rng)
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    parts = text_parts([("form_id", _fid(rng)), ("name", f"{g} {f}"), ("email", email), ("message", pick(rng, FREE_TEXT))])
    k = rng.random()
    if k < 0.4:
        parts.append(("cv", fake_pdf(rng, f"CV {g} {f}"), f"{g}_{f}_CV_2026.pdf".replace(" ", "_"), "application/pdf"))
    elif k < 0.8:
        for _ in range(rng.randint(1, 3)):
            parts.append(("photos[]", fake_jpeg(rng, rng.randint(400, 1400), camera=("Apple", "iPhone 13")), f"IMG_{rng.randrange(1000, 9999)}.jpeg", "image/jpeg"))
    else:
        parts.append(("receipt", fake_png(rng, 800, 1200, rng.randint(300, 800)), "receipt-train.png", "image/png"))
    parts.append(("consent", b"on", None, None))
    body = multipart(parts, bnd)
    return browser(rng, SRC, "submission_upload", "POST", HOSTED, f"/f/{_fid(rng)}/submit", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   page=True, b=b)


def autosave(rng: random.Random) -> Request:
    obj = {"sessionId": uuid4(rng), "page": rng.randint(1, 4), "partial": {"first_name": person(rng)[0], "comments": pick(rng, FREE_TEXT)[: rng.randint(0, 60)],
                                                                           "attendees": str(rng.randint(1, 4))}, "savedAt": stamp(rng)}
    return browser(rng, SRC, "partial_autosave", "PUT", API, f"/v1/forms/{_fid(rng)}/drafts/{uuid4(rng)}", body=js_json(obj).encode(), ctype="application/json",
                   site="same-site", referer=f"https://{HOSTED}/f/{_fid(rng)}")


def resume_link(rng: random.Random) -> Request:
    return browser(rng, SRC, "resume_partial", "GET", HOSTED, f"/f/{_fid(rng)}/resume/{hexs(rng, 32)}", "", page=True, site="cross-site",
                   referer="https://mail.example.com/")


def responses_list(rng: random.Random) -> Request:
    return browser(rng, SRC, "responses_list", "GET", APP, f"/api/forms/{_fid(rng)}/responses",
                   query([("search", pick(rng, ["", "allergy", "@example.org", "refund", "wheelchair"])), ("from", day(rng, past=True)),
                          ("status", pick(rng, ["all", "complete", "partial"])), ("page", str(rng.randint(1, 5)))]), cookie=_editor(rng))


def builder_page(rng: random.Random) -> Request:
    return browser(rng, SRC, "builder_page", "GET", APP, pick(rng, [f"/builder/{_fid(rng)}", "/forms", f"/forms/{_fid(rng)}/results", "/templates", "/integrations"]),
                   pick(rng, ["", "", "tab=logic", "template=event-registration"]), page=True, cookie=_editor(rng))


def sheets_push(rng: random.Random) -> Request:
    g, f, email = person(rng)
    body = py_json({"valueInputOption": "USER_ENTERED", "values": [[stamp(rng), f"{g} {f}", email, str(rng.randint(1, 5)), pick(rng, FREE_TEXT), "=C2&\" (\"&D2&\")\""]]}).encode()
    return client(rng, SRC, "sheets_append", "POST", "sheets.example.com", f"/v4/spreadsheets/{chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 44)}/values/Responses!A1:append",
                  "valueInputOption=USER_ENTERED&insertDataOption=INSERT_ROWS", body=body, ctype="application/json", lib="requests",
                  auth="Bearer ya29." + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 120))


def crm_push(rng: random.Random) -> Request:
    g, f, email = person(rng)
    body = py_json({"properties": {"email": email, "firstname": g, "lastname": f, "phone": phone(rng), "lifecyclestage": "lead",
                                   "form_source": pick(rng, FORMS), "message": pick(rng, FREE_TEXT)}}).encode()
    return client(rng, SRC, "crm_contact_upsert", "POST", "crm.example.net", "/crm/v3/objects/contacts", body=body, ctype="application/json",
                  lib="httpx", auth="Bearer pat-eu1-" + uuid4(rng))


def webhook_out(rng: random.Random) -> Request:
    g, f, email = person(rng)
    body = js_json({"event_id": uuid4(rng), "event_type": "form_response", "form_id": _fid(rng), "submitted_at": stamp(rng),
                    "answers": [{"field": {"ref": "name", "type": "short_text"}, "text": f"{g} {f}"}, {"field": {"ref": "email", "type": "email"}, "email": email},
                                {"field": {"ref": "comments", "type": "long_text"}, "text": pick(rng, FREE_TEXT)},
                                {"field": {"ref": "total", "type": "calculated"}, "number": round(rng.uniform(10, 400), 2)}]}).encode()
    return client(rng, SRC, "response_webhook", "POST", pick(rng, ["hooks.example.org", "api.example.com", "automation.example.net"]),
                  pick(rng, ["/formwright", "/v1/inbound/forms", "/hooks/catch/1234567/abcde"]), body=body, ctype="application/json", lib="go",
                  ua="Formwright-Webhooks/2.0", extra=[("formwright-signature", "sha256=" + hmac_hex(rng, body))])


def integration_connect(rng: random.Random) -> Request:
    obj = {"provider": pick(rng, ["sheets", "crm", "slack", "mailchimp-like", "webhook"]), "mapping": {"email": "Email", "name": "Full name", "comments": "Notes"},
           "filter": pick(rng, [None, {"field": "rating", "op": "lte", "value": 2}]), "target": pick(rng, ["Responses", "#events-signups", "Leads 2026"])}
    return browser(rng, SRC, "integration_setup", "POST", APP, f"/api/forms/{_fid(rng)}/integrations", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def api_client(rng: random.Random) -> Request:
    return client(rng, SRC, "responses_api", "GET", API, f"/v1/forms/{_fid(rng)}/responses",
                  query([("since", stamp(rng)), ("page_size", "100"), ("completed", "true"), ("fields", "email,comments,total")]),
                  lib=pick(rng, ["requests", "node", "go", "curl", "java"]), auth=bearer(rng, "https://auth.formwright.example.com", "responses:read"),
                  accept="application/json")


def payment_webhook(rng: random.Random) -> Request:
    body = js_json({"id": "evt_" + chars(rng, ID, 24), "type": "checkout.session.completed", "data": {"object": {"metadata": {"form_id": _fid(rng), "response_id": uuid4(rng)},
                    "amount_total": rng.randint(500, 20000), "currency": "gbp"}}, "created": epoch(rng)}).encode()
    return client(rng, SRC, "payment_webhook", "POST", API, "/webhooks/payments", body=body, ctype="application/json; charset=utf-8", lib="node",
                  ua="Payments-Webhooks/1.0", extra=[("payments-signature", f"t={epoch(rng)},v1={hmac_hex(rng, body)}")])


def duplicate(rng: random.Random) -> Request:
    return browser(rng, SRC, "form_duplicate", "POST", APP, f"/api/forms/{_fid(rng)}/duplicate", body=js_json({"title": pick(rng, FORMS) + " (copy)"}).encode(),
                   ctype="application/json", cookie=_editor(rng), extra=csrf(rng, "django"))


def translate_strings(rng: random.Random) -> Request:
    obj = {"locale": pick(rng, ["fr", "de", "es", "cy"]), "strings": {"title": pick(rng, ["Inscription – Gala d’hiver", "Anmeldung Wintergala", "Cofrestru – Gala’r Gaeaf"]),
                                                                      "submit": pick(rng, ["Envoyer", "Absenden", "Cyflwyno"]), "required": pick(rng, ["Obligatoire", "Pflichtfeld", "Gofynnol"])}}
    return browser(rng, SRC, "form_translations", "PUT", APP, f"/api/forms/{_fid(rng)}/translations", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def publish(rng: random.Random) -> Request:
    obj = {"status": pick(rng, ["published", "closed", "draft"]), "slug": pick(rng, ["winter-gala-rsvp", "feedback-q4", "barista-2027", "volunteers"]),
           "limitResponses": pick(rng, [None, 150, 40]), "notify": {"emails": [person(rng)[2]], "onEvery": rng.random() < 0.5}}
    return browser(rng, SRC, "form_publish", "POST", APP, f"/api/forms/{_fid(rng)}/publish", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def response_delete(rng: random.Random) -> Request:
    return browser(rng, SRC, "response_delete", "DELETE", APP, f"/api/forms/{_fid(rng)}/responses/{uuid4(rng)}", "", cookie=_editor(rng), extra=csrf(rng, "django"))


def export(rng: random.Random) -> Request:
    pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 64)), ("format", pick(rng, ["csv", "xlsx", "pdf"])),
             ("include_partial", pick(rng, ["on", ""])), ("date_from", day(rng, past=True)), ("columns", "all")]
    return browser(rng, SRC, "responses_export", "POST", APP, f"/forms/{_fid(rng)}/export", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=_editor(rng))


def drop_off(rng: random.Random) -> Request:
    return browser(rng, SRC, "form_insights", "GET", APP, f"/api/forms/{_fid(rng)}/insights", query([("metric", pick(rng, ["drop_off", "completion_time", "views"])),
                                                                                                  ("range", pick(rng, ["7d", "30d", "all"]))]), cookie=_editor(rng))


def collaborator(rng: random.Random) -> Request:
    obj = {"email": person(rng)[2], "role": pick(rng, ["editor", "viewer", "responses_only"]), "message": pick(rng, ["", "Can you check the logic on page 2?", "Adding you for the gala form"])}
    return browser(rng, SRC, "invite_collaborator", "POST", APP, f"/api/forms/{_fid(rng)}/collaborators", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_editor(rng), extra=csrf(rng, "django"))


def forms_builder(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (9, form_save), (6, field_patch), (4, logic_rule), (3, formula_test), (3, regex_test), (3, theme_css), (2, embed_settings),
        (14, hosted_view), (12, submit_form), (10, submit_json), (6, submit_upload), (10, autosave), (2, resume_link), (5, responses_list),
        (7, builder_page), (3, sheets_push), (2, crm_push), (5, webhook_out), (1, integration_connect), (3, api_client), (2, payment_webhook),
        (1, duplicate), (1, translate_strings),
        (2, publish), (1, response_delete), (1, export), (2, drop_off), (1, collaborator),
    ])
