# ruff: noqa: RUF001 - real text uses typographic characters
"""crm: a sales CRM (Django web app and REST API, a public API used by
scripts and integrations, inbound webhooks): contacts and companies with
apostrophes and diacritics in their names, call and meeting notes, deal
pipeline moves, CSV imports with field mapping, email templates with
{{merge tags}} and {% if %} blocks, saved views whose advanced-filter
expressions travel as text, report queries, automation rules, Zapier- and
Slack-style webhooks, inbound email parsing, web-to-lead forms and
activity timelines."""

from __future__ import annotations

import random

from .common import (
    ALNUM,
    Request,
    b64url,
    boundary_for,
    browser,
    browser_of,
    chars,
    client,
    cookie_jar,
    csrf,
    dotnet_json,
    epoch,
    form,
    hexs,
    js_json,
    multipart,
    person,
    phone,
    pick,
    py_json,
    rbytes,
    run,
    some,
    stamp,
    text_parts,
    upcoming,
    uri_query,
    uuid4,
)

SRC = "crm"
WEB = "crm.example.com"
API = "api.crm.example.com"
HOOKS = "hooks.crm.example.com"

COMPANIES = ["O'Brien & Sons Ltd.", "D'Angelo Importazioni S.r.l.", "Ngũgĩ Logistics", "Müller-Lüdenscheidt GmbH",
             "Zoë's Bakes", "Åkesson Bygg AB", "Lefèvre & Fils", "Castro-Vázquez Abogados", "St. Clair Dental Group",
             "Kestrel Analytics", "Northwind Traders (EU)", "Van den Broeck BV", "Harbourline Hotels", "Wa Thiong'o Consulting",
             "Şahin Tekstil A.Ş.", "MacLeod Distillers", "Takahashi 精密", "Ó Súilleabháin Engineering", "Smith-Jones & Partners LLP",
             "Brzęczyszczykiewicz i Wspólnicy", "Acme-ish Corp.", "Blue Kettle Café", "Reddy Pharma Pvt. Ltd.", "Ben-David Architects"]
TITLES = ["Head of Procurement", "CTO", "Office Manager", "VP Sales, EMEA", "Founder & CEO", "IT Director", "Buyer",
          "Geschäftsführerin", "Directrice financière", "Operations Lead", "Facilities (temp)", "Marketing Coordinator"]
STAGES = ["lead", "qualified", "discovery", "proposal", "negotiation", "won", "lost"]
SOURCES = ["webinar", "referral", "website", "trade show", "cold outreach", "partner", "LinkedIn-ish", "inbound call"]
INDUSTRIES = ["Logistics", "Hospitality", "Healthcare", "Manufacturing", "Legal", "Retail", "Software", "Food & Beverage"]

NOTES = [
    "Call w/ Siobhán: budget approved for Q1 (≈€40k), but legal wants a DPA before signing. Send our template + SCCs by Fri.",
    "Left voicemail. Will try again Tue 10am (she's in Lisbon until Mon).",
    "Spoke to Mr O'Brien — they're 'happy with the current vendor' but contract ends 31/03. Follow up in Feb!!",
    "Demo went well. Questions: SSO (SAML? OIDC?), data residency (EU only), export to CSV/Excel, price per seat > 50 users.",
    "Gatekeeper said to email instead: procurement@example.org. Ref: RFQ-2026-114.",
    "Meeting notes:\n- 3 sites (Köln, Lyon, Cork)\n- ~120 users\n- want pilot in Jan\n- decision maker = CFO (Zoë D'Angelo)\n- competitor: 'the big one' 🙄",
    "Ngũgĩ mentioned they're re-orging; new buyer starts 15 Jan. Park the deal until then.",
    "Pricing pushback: asked for 20% off 3-yr. Offered 10% + free onboarding. They'll revert.",
    "Customer is upset about invoice #INV-2026-0412 (charged for 55 seats, using 48). Raised credit note request w/ finance.",
    "Renewal call → upsell to Pro tier likely. Amount > 5000, close date end of Dec.",
    "Rückruf von Frau Müller: Angebot passt, braucht aber Freigabe vom Betriebsrat. Termin KW 2.",
    "Appel avec M. Lefèvre : intéressé par le module « facturation ». Envoyer la plaquette + tarifs.",
    "No answer, 2nd attempt. Sent LinkedIn-ish msg.",
    "Intro via Kai (referral program). Warm lead — mention the case study w/ Harbourline Hotels.",
    "They asked if we integrate with their ERP via API/webhooks – yes (REST + Zapier).",
    "Quick sync: contract signed 🎉 Kick-off booked for 12/01 @ 14:00 CET.",
    "FYI – contact prefers WhatsApp/phone over email; don't add to newsletter.",
]
TASKS = ["Call back re: renewal — ask about Q1 budget", "Send proposal v2 (with 10% discount)", "Chase signed DPA",
         "Book onsite visit (Cork)", "Prepare QBR deck", "Follow up: \"happy with current vendor\" objection",
         "Intro Zoë to our SE", "Update amount after pricing call", "Angebot nachfassen", "Relancer pour le devis"]


def who(rng: random.Random) -> tuple[str, str, str]:
    return person(rng)


def web_cookie(rng: random.Random) -> str:
    return cookie_jar(rng, "django", extra=[("crm_tz", pick(rng, ["Europe%2FDublin", "Europe%2FBerlin", "America%2FNew_York", "Europe%2FParis"])),
                                            ("sidebar", pick(rng, ["collapsed", "expanded"]))], analytics=0.15)


def spa(rng: random.Random, kind: str, method: str, path: str, qs: str = "", obj: object = None, referer: str = "/",
        lang: str = "en") -> Request:
    body = js_json(obj).encode() if obj is not None else None
    extra = csrf(rng, "django") + ([("x-requested-with", "XMLHttpRequest")] if rng.random() < 0.3 else [])
    if method == "GET":
        extra = extra[1:] if len(extra) > 1 else []
    return browser(rng, SRC, kind, method, WEB, path, qs, body=body, ctype="application/json" if body is not None else None,
                   accept="application/json", referer=f"https://{WEB}{referer}", cookie=web_cookie(rng), lang=lang, extra=extra,
                   b=browser_of(rng, desktop=rng.random() < 0.9))


def page(rng: random.Random, kind: str, path: str, qs: str = "", referer: str | None = "/") -> Request:
    return browser(rng, SRC, kind, "GET", WEB, path, qs, page=True, cookie=web_cookie(rng),
                   referer=f"https://{WEB}{referer}" if referer else None, b=browser_of(rng, desktop=rng.random() < 0.9),
                   lang=pick(rng, ["en", "en", "de", "fr", "es", "nl"]))


def api_key(rng: random.Random) -> str:
    return "Bearer crm_live_" + chars(rng, ALNUM, 40)


# ------------------------------------------------------------------ filters

FILTERS = [
    "stage = 'won' AND amount > 5000", "owner = me() AND close_date <= today() + 30",
    "(city = 'Köln' OR city = 'Cologne') AND NOT tags CONTAINS 'churned'", "last_name = 'O''Brien'",
    "email ENDS WITH '@example.org' AND created_at >= '2026-01-01'", "amount BETWEEN 1000 AND 10000 AND currency IN ('EUR','GBP')",
    "company.industry = \"Logistics\" and lifecycle != \"customer\"", "lead_score >= 80 OR (source = 'webinar' AND opened_last_email = true)",
    "phone IS EMPTY", "notes ~ 'renewal|upsell'", "stage IN ('proposal','negotiation') AND probability >= 60",
    "last_activity < today() - 90 AND stage != 'lost'", "first_name = 'Zoë' OR first_name = 'Zoe'",
    "country = 'IE' AND title CONTAINS 'Procurement'", "deal.amount * deal.probability / 100 > 2500",
    "tags CONTAINS ANY ('vip', 'renewal-2027') AND NOT unsubscribed", "company = \"D'Angelo Importazioni S.r.l.\"",
]


def contacts_page(rng: random.Random) -> Request:
    pairs = [("view", pick(rng, ["all", "mine", str(rng.randrange(1, 300))]))]
    if rng.random() < 0.4:
        pairs.append(("q", pick(rng, ["O'Brien", "Zoë", "ngugi", "@example.org", "+44 20", "müller", "D'Angelo", "cork"])))
    if rng.random() < 0.5:
        pairs.append(("sort", pick(rng, ["-last_activity", "last_name", "-created_at", "company"])))
    if rng.random() < 0.3:
        pairs.append(("page", str(rng.randint(2, 30))))
    return page(rng, "contacts_page", pick(rng, ["/contacts/", "/companies/", "/deals/"]), form(pairs), referer=pick(rng, ["/", "/contacts/", None]))


def filtered_list(rng: random.Random) -> Request:
    """The advanced-filter UI sends its expression as typed."""
    pairs = [("filter", pick(rng, FILTERS)), ("page_size", str(pick(rng, [25, 50, 100]))), ("ordering", pick(rng, ["-amount", "close_date", "-updated_at"]))]
    obj = pick(rng, ["deals", "contacts", "companies"])
    return spa(rng, "advanced_filter", "GET", f"/api/v1/{obj}/", form(pairs), referer=f"/{obj}/")


def saved_view(rng: random.Random) -> Request:
    obj = {"name": pick(rng, ["Won > 5k (this qtr)", "My stale deals", "DACH leads", "Renewals 2027", "Zoë's accounts", "No phone #"]),
           "object": pick(rng, ["deal", "contact", "company"]), "filter": pick(rng, FILTERS),
           "columns": some(rng, ["name", "company", "stage", "amount", "owner", "close_date", "last_activity", "tags"], 3, 6),
           "sort": [{"field": pick(rng, ["amount", "close_date"]), "dir": pick(rng, ["asc", "desc"])}], "shared_with": pick(rng, ["me", "team", "everyone"])}
    return spa(rng, "saved_view", "POST", "/api/v1/views/", obj=obj, referer="/deals/")


def board(rng: random.Random) -> Request:
    return spa(rng, "pipeline_board", "GET", f"/api/v1/pipelines/{rng.randrange(1, 9)}/board",
               form([("owner", pick(rng, ["me", "all", str(rng.randrange(1, 80))])), ("period", pick(rng, ["this_quarter", "next_quarter", "2026"]))]),
               referer="/deals/board")


# ------------------------------------------------------------------ contacts and companies


def contact_form(rng: random.Random) -> Request:
    g, f, email = who(rng)
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("first_name", g), ("last_name", f), ("email", email), ("phone", phone(rng)),
             ("title", pick(rng, TITLES)), ("company", pick(rng, COMPANIES)), ("lifecycle", pick(rng, ["lead", "prospect", "customer"])),
             ("source", pick(rng, SOURCES)), ("owner", str(rng.randrange(1, 80))), ("tags", ", ".join(some(rng, ["vip", "renewal-2027", "dach", "ie", "partner"], 0, 3))),
             ("notes", pick(rng, ["", pick(rng, NOTES)])), ("_save", "Save")]
    return browser(rng, SRC, "contact_create_form", "POST", WEB, "/contacts/new/", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/contacts/new/",
                   b=browser_of(rng, desktop=True))


def contact_create(rng: random.Random) -> Request:
    g, f, email = who(rng)
    obj = {"first_name": g, "last_name": f, "emails": [{"value": email, "type": "work", "primary": True}],
           "phones": [{"value": phone(rng), "type": pick(rng, ["work", "mobile"])}],
           "company": {"name": pick(rng, COMPANIES)}, "title": pick(rng, TITLES),
           "address": pick(rng, [None, {"street": "Unit 4, Harbour Rd", "city": "Cork", "postcode": "T12 X2Y3", "country": "IE"},
                                 {"street": "Schillerstraße 12", "city": "Köln", "postcode": "50667", "country": "DE"}]),
           "custom": {"preferred_language": pick(rng, ["en", "de", "fr", "ga"]), "nps": pick(rng, [None, 7, 9, 10])}}
    return spa(rng, "contact_create", "POST", "/api/v1/contacts/", obj=obj, referer="/contacts/")


def contact_update(rng: random.Random) -> Request:
    g, f, _ = who(rng)
    patch = pick(rng, [{"last_name": f}, {"title": pick(rng, TITLES)}, {"tags": some(rng, ["vip", "renewal-2027", "churn-risk"], 1, 2)},
                       {"first_name": g, "last_name": f, "nickname": pick(rng, ["Ciarán (Kieran)", "Zoë", "Wanjirũ (Wanji)", ""])},
                       {"do_not_email": True, "unsubscribe_reason": "asked on call – prefers phone"}])
    return spa(rng, "contact_update", "PATCH", f"/api/v1/contacts/{rng.randrange(1, 10**6)}/", obj=patch, referer="/contacts/")


def company(rng: random.Random) -> Request:
    obj = {"name": pick(rng, COMPANIES), "domain": pick(rng, ["obrien-sons.example.com", "dangelo.example.it", "ngugi-logistics.example.co.ke", "example.de"]),
           "industry": pick(rng, INDUSTRIES), "employees": pick(rng, ["1-10", "11-50", "51-200", "201-1000", "1000+"]),
           "annual_revenue": rng.choice([None, 250000, 1200000, 8500000]), "description": pick(rng, ["", "Family-run since 1962. 3 depots (Cork, Limerick, Galway).",
                                                                                                    "Customer since 2023 — \"our favourite tool\" (their words)."]),
           "vat_id": pick(rng, ["", "IE1234567T", "DE123456789", "FR12345678901"])}
    if rng.random() < 0.4:
        return spa(rng, "company_update", "PUT", f"/api/v1/companies/{rng.randrange(1, 10**5)}/", obj=obj, referer="/companies/")
    return spa(rng, "company_create", "POST", "/api/v1/companies/", obj=obj, referer="/companies/")


def merge(rng: random.Random) -> Request:
    obj = {"primary_id": rng.randrange(1, 10**6), "duplicate_ids": [rng.randrange(1, 10**6) for _ in range(rng.randint(1, 3))],
           "field_choices": {"email": "primary", "phone": "duplicate", "last_name": "primary"}}
    return spa(rng, "merge_duplicates", "POST", "/api/v1/contacts/merge/", obj=obj, referer="/contacts/duplicates")


def bulk_tag(rng: random.Random) -> Request:
    obj = {"ids": [rng.randrange(1, 10**6) for _ in range(rng.randint(2, 40))], "add_tags": some(rng, ["q1-push", "webinar-dec", "vip"], 1, 2),
           "remove_tags": some(rng, ["cold", "old-import"], 0, 1)}
    return spa(rng, "bulk_tag", "POST", "/api/v1/contacts/bulk/", obj=obj, referer="/contacts/")


def search(rng: random.Random) -> Request:
    q = pick(rng, ["O'Brien", "Zoë", "ngũgĩ", "@example.org", "+44 20 7946", "D'Angelo", "Lefèvre & Fils", "RFQ-2026-114", "müller-lüd",
                   "st. clair", "\"blue kettle\"", "invoice 0412", "cork OR limerick"])
    return spa(rng, "global_search", "GET", "/api/v1/search/", uri_query([("q", q), ("types", "contact,company,deal,note"), ("limit", "10")]),
               referer="/")


def timeline(rng: random.Random) -> Request:
    pairs = [("types", ",".join(some(rng, ["note", "call", "email", "meeting", "task", "stage_change"], 2, 6))), ("limit", "25")]
    if rng.random() < 0.5:
        pairs.append(("before", stamp(rng)))
    return spa(rng, "activity_timeline", "GET", f"/api/v1/{pick(rng, ['contacts', 'companies', 'deals'])}/{rng.randrange(1, 10**6)}/activity/",
               form(pairs), referer="/contacts/")


# ------------------------------------------------------------------ notes, meetings, tasks


def note(rng: random.Random) -> Request:
    obj = {"body": pick(rng, NOTES), "kind": pick(rng, ["call", "note", "call", "email"]), "contact_id": rng.randrange(1, 10**6),
           "deal_id": pick(rng, [None, rng.randrange(1, 10**5)]), "pinned": rng.random() < 0.1,
           "call": {"direction": pick(rng, ["outbound", "inbound"]), "duration_s": rng.randrange(20, 3600), "outcome": pick(rng, ["connected", "voicemail", "no_answer"])}
           if rng.random() < 0.5 else None}
    return spa(rng, "note_create", "POST", "/api/v1/notes/", obj=obj, referer="/contacts/")


def meeting(rng: random.Random) -> Request:
    att = [{"name": f"{g} {f}", "email": e} for g, f, e in (who(rng) for _ in range(rng.randint(1, 4)))]
    obj = {"title": pick(rng, ["Discovery call", "Demo – Pro tier", "QBR Q4", "Contract review (legal + procurement)", "Kick-off 🎉"]),
           "start": upcoming(rng, 1, 40) + f"T{rng.randint(8, 17):02d}:{pick(rng, ['00', '30'])}:00", "duration_min": pick(rng, [15, 30, 45, 60]),
           "attendees": att, "location": pick(rng, ["https://meet.example.com/abc-defg-hij", "Their office — 3rd floor, ask for Ciarán", "Phone"]),
           "agenda": pick(rng, ["1) intros 2) pain points 3) next steps", "- pricing\n- SSO/SAML\n- data residency (EU)", ""]), "outcome_notes": ""}
    return spa(rng, "meeting_log", "POST", "/api/v1/meetings/", obj=obj, referer="/calendar/")


def task(rng: random.Random) -> Request:
    obj = {"title": pick(rng, TASKS), "due": upcoming(rng, 1, 30), "priority": pick(rng, ["low", "normal", "high"]),
           "assignee_id": rng.randrange(1, 80), "related": {"type": pick(rng, ["contact", "deal"]), "id": rng.randrange(1, 10**6)},
           "reminder": pick(rng, [None, "PT1H", "P1D"])}
    if rng.random() < 0.3:
        return spa(rng, "task_complete", "PATCH", f"/api/v1/tasks/{rng.randrange(1, 10**6)}/", obj={"done": True, "completed_note": pick(rng, ["", "done – sent v2", "erledigt"])}, referer="/tasks/")
    return spa(rng, "task_create", "POST", "/api/v1/tasks/", obj=obj, referer="/tasks/")


# ------------------------------------------------------------------ deals


def deal_create(rng: random.Random) -> Request:
    c = pick(rng, COMPANIES)
    obj = {"name": f"{c} — {pick(rng, ['Pro tier', '3-yr renewal', 'Pilot (3 sites)', 'Upsell: 25 seats', 'Onboarding package'])}",
           "company": c, "amount": rng.choice([1200, 4800, 5500, 9900, 24000, 48000, 120000]), "currency": pick(rng, ["EUR", "GBP", "USD"]),
           "stage": pick(rng, STAGES[:4]), "close_date": upcoming(rng, 10, 150), "probability": rng.choice([10, 20, 40, 60]),
           "source": pick(rng, SOURCES), "next_step": pick(rng, TASKS)}
    return spa(rng, "deal_create", "POST", "/api/v1/deals/", obj=obj, referer="/deals/board")


def deal_move(rng: random.Random) -> Request:
    to = pick(rng, STAGES)
    obj: dict[str, object] = {"stage": to, "position": rng.randrange(0, 30)}
    if to == "lost":
        obj["lost_reason"] = pick(rng, ["Price", "Went with competitor", "No budget (re-engage Q3)", "Timing — 'not now'", "Ghosted 👻"])
    if to == "won":
        obj["won_note"] = pick(rng, ["🎉🎉", "Signed 3-yr, 10% disc.", ""])
    return spa(rng, "deal_stage_update", "PATCH", f"/api/v1/deals/{rng.randrange(1, 10**5)}/", obj=obj, referer="/deals/board")


def custom_field(rng: random.Random) -> Request:
    kind = pick(rng, ["formula", "picklist", "text", "currency"])
    obj: dict[str, object] = {"object": "deal", "label": pick(rng, ["Weighted amount", "Region", "Competitor", "ARR (EUR)", "Renewal risk"]), "type": kind}
    if kind == "formula":
        obj["expression"] = pick(rng, ["amount * probability / 100", "IF(stage = 'won', amount, 0)", "ROUND(amount / 12, 2)",
                                       "CONCAT(company.name, ' – ', owner.first_name)", "DATEDIFF(close_date, TODAY()) < 14 && stage != 'won'"])
    elif kind == "picklist":
        obj["options"] = pick(rng, [["EMEA", "NA", "APAC", "LATAM"], ["Low", "Medium", "High"], ["Competitor A", "Competitor B", "In-house / spreadsheets", "Other"]])
    return spa(rng, "custom_field", "POST", "/api/v1/settings/fields/", obj=obj, referer="/settings/fields")


def report(rng: random.Random) -> Request:
    obj = {"object": "deal", "group_by": some(rng, ["owner", "stage", "source", "close_month", "company.industry"], 1, 2),
           "metrics": [{"agg": pick(rng, ["sum", "avg", "count"]), "field": pick(rng, ["amount", "weighted_amount", "id"])}],
           "filter": pick(rng, FILTERS), "date_range": {"field": "close_date", "from": "2026-10-01", "to": "2026-12-31"},
           "chart": pick(rng, ["bar", "funnel", "table", "line"])}
    return spa(rng, "report_query", "POST", "/api/v1/reports/run/", obj=obj, referer="/reports/")


def automation(rng: random.Random) -> Request:
    obj = {"name": pick(rng, ["Big win → onboarding task", "Stale deal nudge", "Lost → nurture list", "VIP assignment"]),
           "trigger": {"event": pick(rng, ["deal.stage_changed", "deal.updated", "contact.created"])},
           "conditions": pick(rng, ["deal.stage == 'won' and deal.amount > 5000", "days_since(deal.last_activity) > 21 and deal.stage not in ['won', 'lost']",
                                    "contact.country in ['DE', 'AT', 'CH']", "deal.lost_reason == 'Price'"]),
           "actions": [{"type": "create_task", "title": "Kick-off for {{deal.name}}", "assignee": "{{deal.owner.id}}", "due_in_days": 3},
                       {"type": "notify", "channel": "#sales-wins", "message": "{{deal.owner.first_name}} closed {{deal.name}} ({{deal.amount | currency}}) 🎉"}][: rng.randint(1, 2)],
           "enabled": True}
    return spa(rng, "automation_rule", "POST", "/api/v1/automations/", obj=obj, referer="/settings/automations")


# ------------------------------------------------------------------ email templates


TEMPLATES = [
    ("Follow-up after demo", "Great chatting today, {{first_name}}!",
     "Hi {{first_name}},\n\nThanks for your time today{% if company %} — it was great to learn more about {{ company.name }}{% endif %}.\n\n"
     "As promised, here's the recap:\n{% for item in next_steps %}\n- {{ item }}\n{% endfor %}\n\nBest,\n{{ sender.first_name }}"),
    ("Renewal reminder", "Your renewal on {{ renewal_date | date:\"d M Y\" }}",
     "Hello {{first_name|default:\"there\"}},\n\nYour plan renews on {{ renewal_date | date:\"d M Y\" }} for {{ deal.amount | currency }}.\n"
     "{% if deal.discount > 0 %}Your {{ deal.discount }}% loyalty discount is already applied.{% else %}Reply to this email if you'd like to discuss options.{% endif %}\n\nCheers,\n{{ owner.full_name }}"),
    ("Cold intro (DE)", "Kurze Frage, {{ first_name }}",
     "Hallo {{ first_name }},\n\nich bin {{ sender.first_name }} von Kestrel. Wir helfen Teams wie {{ company.name }} dabei, …\n\n"
     "Hätten Sie nächste Woche 15 Min.?\n\nViele Grüße\n{{ sender.full_name }}"),
    ("Relance devis", "Votre devis {{ quote.number }}",
     "Bonjour {{ contact.civility }} {{ last_name }},\n\nJe me permets de revenir vers vous concernant le devis n° {{ quote.number }} ({{ quote.total | currency:'EUR' }}).\n"
     "{% if quote.expires_in_days < 7 %}Il expire dans {{ quote.expires_in_days }} jours.{% endif %}\n\nCordialement,"),
    ("Meeting link", "Our call — {{ meeting.start | date:'D j M, H:i' }}",
     "<p>Hi {{first_name}},</p>\n<p>Here's the link for our call: <a href=\"{{ meeting.url }}\">{{ meeting.url }}</a></p>\n"
     "<p>{% if attendees|length > 2 %}I've also invited {{ attendees|join:\", \" }}.{% endif %}</p>\n<p>Talk soon,<br>{{ sender.first_name }}</p>"),
]


def template_save(rng: random.Random) -> Request:
    name, subject, body = pick(rng, TEMPLATES)
    obj = {"name": name, "subject": subject, "body": body, "format": "html" if body.startswith("<p>") else "text",
           "folder": pick(rng, ["Sales", "CS", "My templates"]), "shared": rng.random() < 0.5}
    if rng.random() < 0.4:
        return spa(rng, "template_update", "PUT", f"/api/v1/email-templates/{rng.randrange(1, 500)}/", obj=obj, referer="/templates/")
    return spa(rng, "template_create", "POST", "/api/v1/email-templates/", obj=obj, referer="/templates/new")


def template_preview(rng: random.Random) -> Request:
    _, subject, body = pick(rng, TEMPLATES)
    obj = {"subject": subject, "body": body, "contact_id": rng.randrange(1, 10**6), "deal_id": pick(rng, [None, rng.randrange(1, 10**5)])}
    return spa(rng, "template_preview", "POST", "/api/v1/email-templates/preview/", obj=obj, referer="/templates/")


def send_email(rng: random.Random) -> Request:
    g, f, email = who(rng)
    obj = {"to": [{"name": f"{g} {f}", "email": email}], "cc": [], "template_id": rng.randrange(1, 500),
           "subject": pick(rng, [f"Great chatting today, {g}!", f"Your renewal – {pick(rng, COMPANIES)}", "Re: RFQ-2026-114", "Quick question"]),
           "body_html": f"<p>Hi {g},</p><p>{pick(rng, ['Thanks again for your time.', 'Attached is the proposal (v2).', 'Just bumping this up :)'])}</p><p>Best,<br>Ciarán</p>",
           "track_opens": True, "track_clicks": rng.random() < 0.7, "send_at": pick(rng, [None, upcoming(rng, 1, 5) + "T08:30:00Z"])}
    return spa(rng, "email_send", "POST", "/api/v1/emails/", obj=obj, referer="/contacts/")


def open_pixel(rng: random.Random) -> Request:
    tok = b64url(rbytes(rng, 24))
    ua = pick(rng, ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Mozilla/5.0",
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; Microsoft Outlook 16.0.18129; Pro)"])
    return client(rng, SRC, "email_open_pixel", "GET", "t.crm.example.com", f"/o/{tok}.gif", lib="curl", ua=ua,
                  accept="image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8")


def click_redirect(rng: random.Random) -> Request:
    dest = pick(rng, ["https://www.example.com/pricing?plan=pro&utm_source=crm&utm_medium=email&utm_campaign=renewal-2027",
                      "https://docs.example.com/case-studies/harbourline-hotels", "https://meet.example.com/abc-defg-hij"])
    return browser(rng, SRC, "email_click", "GET", "t.crm.example.com", f"/c/{b64url(rbytes(rng, 18))}", form([("u", dest), ("sig", hexs(rng, 16))]),
                   page=True, site="cross-site", referer=None)


# ------------------------------------------------------------------ imports and exports


def _csv(rng: random.Random) -> str:
    rows = ['"First Name","Last Name","Email","Phone","Company","Title","Notes"']
    for _ in range(rng.randint(3, 12)):
        g, f, email = who(rng)

        def q(s: str) -> str:
            return '"' + s.replace('"', '""') + '"'

        rows.append(",".join([q(g), q(f), email, q(phone(rng)), q(pick(rng, COMPANIES)), q(pick(rng, TITLES)),
                              q(pick(rng, ["", "met at trade show", "prefers \"Ciarán\" not \"Kieran\"", "VIP; renewal 2027", "n/a"]))]))
    return "\r\n".join(rows) + "\r\n"


def csv_import(rng: random.Random) -> Request:
    b = browser_of(rng, desktop=True)
    bd = boundary_for(rng, b.family)
    data = _csv(rng).encode("utf-8")
    if rng.random() < 0.3:
        data = b"\xef\xbb\xbf" + data  # Excel's "CSV UTF-8"
    parts = [("file", data, pick(rng, ["contacts.csv", "Leads – trade show Nov.csv", "export_2026-11-30.csv"]),
              pick(rng, ["text/csv", "text/csv", "application/vnd.ms-excel"])),
             *text_parts([("object", "contact"), ("dedupe_on", "email"), ("owner", str(rng.randrange(1, 80))), ("tag_with", "import-2026-12")])]
    body = multipart(parts, bd)
    return browser(rng, SRC, "csv_import", "POST", WEB, "/api/v1/imports/", body=body, ctype=f"multipart/form-data; boundary={bd}",
                   accept="application/json", referer=f"https://{WEB}/imports/new", cookie=web_cookie(rng), extra=csrf(rng, "django"), b=b)


def import_mapping(rng: random.Random) -> Request:
    obj = {"mapping": {"First Name": "first_name", "Last Name": "last_name", "Email": "email", "Phone": "phone",
                       "Company": "company.name", "Title": "title", "Notes": pick(rng, ["note", "custom.import_notes", None])},
           "date_format": pick(rng, ["DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD"]), "skip_first_row": True, "on_conflict": pick(rng, ["update", "skip", "create_duplicate"])}
    return spa(rng, "import_mapping", "PUT", f"/api/v1/imports/{uuid4(rng)}/mapping/", obj=obj, referer="/imports/new")


def export(rng: random.Random) -> Request:
    pairs = [("format", pick(rng, ["csv", "xlsx"])), ("view", str(rng.randrange(1, 300))), ("filter", pick(rng, FILTERS)), ("tz", "Europe/Dublin")]
    return page(rng, "export", "/contacts/export/", form(pairs), referer="/contacts/")


# ------------------------------------------------------------------ integrations


def public_api(rng: random.Random) -> Request:
    g, f, email = who(rng)
    obj = {"email": email, "first_name": g, "last_name": f, "company": pick(rng, COMPANIES),
           "properties": {"lead_source": pick(rng, SOURCES), "webinar_id": "wb-2026-12", "lead_score": rng.randrange(0, 100)}}
    lib = pick(rng, ["requests", "node", "dotnet", "go"])
    body = (dotnet_json(obj) if lib == "dotnet" else py_json(obj) if lib == "requests" else js_json(obj)).encode()
    return client(rng, SRC, "api_upsert", "PUT", API, "/v2/contacts/upsert", form([("match", "email")]), body=body,
                  ctype="application/json; charset=utf-8" if lib == "dotnet" else "application/json", lib=lib, auth=api_key(rng),
                  extra=[("idempotency-key", uuid4(rng))])


def api_list(rng: random.Random) -> Request:
    pairs = [("updated_since", stamp(rng)), ("limit", "100")] + ([("cursor", b64url(rbytes(rng, 18)))] if rng.random() < 0.6 else [])
    if rng.random() < 0.4:
        pairs.append(("filter", pick(rng, FILTERS)))
    return client(rng, SRC, "api_list", "GET", API, f"/v2/{pick(rng, ['deals', 'contacts', 'activities'])}", uri_query(pairs),
                  lib=pick(rng, ["requests", "httpx", "go"]), auth=api_key(rng), accept="application/json")


def zapier(rng: random.Random) -> Request:
    g, f, email = who(rng)
    if rng.random() < 0.5:
        obj = {"first_name": g, "last_name": f, "email": email, "company": pick(rng, COMPANIES), "message": pick(rng, [
            "Hi, we'd like a quote for 25 seats. Do you offer NGO pricing?", "Please call me back after 3pm (Irish time)", "",
            "We're currently on spreadsheets 😬 – need something by Q1!"]), "form_name": "Contact us", "submitted_at": stamp(rng)}
        return client(rng, SRC, "zapier_webhook", "POST", HOOKS, f"/in/zapier/{hexs(rng, 24)}", body=js_json(obj).encode(), ctype="application/json",
                      lib="requests", ua="Zapier")
    pairs = [("first_name", g), ("last_name", f), ("email", email), ("phone", phone(rng)), ("deal_name", pick(rng, COMPANIES) + " – inbound"),
             ("amount", str(rng.choice([500, 2500, 7500])))]
    return client(rng, SRC, "zapier_webhook", "POST", HOOKS, f"/in/zapier/{hexs(rng, 24)}", body=form(pairs).encode(),
                  ctype="application/x-www-form-urlencoded", lib="requests", ua="Zapier")


def webhook_config(rng: random.Random) -> Request:
    obj = {"url": pick(rng, ["https://erp.example.net/crm/hooks?tenant=obrien", "https://hooks.example.com/catch/123456/abcdef/", "https://n8n.example.org/webhook/deal-won"]),
           "events": some(rng, ["deal.created", "deal.stage_changed", "contact.created", "contact.updated", "note.created"], 1, 4),
           "secret": chars(rng, ALNUM, 32), "active": True, "description": pick(rng, ["ERP sync", "Slack-ish #wins", "Marketing automation"])}
    return spa(rng, "webhook_config", "POST", "/api/v1/settings/webhooks/", obj=obj, referer="/settings/integrations")


def slash_command(rng: random.Random) -> Request:
    text = pick(rng, ["find O'Brien", "deal Ngũgĩ Logistics", "pipeline this quarter", "note 12345 called, left vm", "find \"St. Clair\""])
    pairs = [("token", chars(rng, ALNUM, 24)), ("team_id", "T" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)), ("team_domain", "kestrel"),
             ("channel_id", "C" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)), ("channel_name", pick(rng, ["sales", "directmessage", "deals-emea"])),
             ("user_id", "U" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)), ("user_name", pick(rng, ["ciaran", "zoe.d", "wanjiru"])),
             ("command", "/crm"), ("text", text), ("api_app_id", "A" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)),
             ("response_url", "https://hooks.chat.example.com/commands/T0001/" + str(rng.randrange(10**12)) + "/" + chars(rng, ALNUM, 24)),
             ("trigger_id", f"{rng.randrange(10**12)}.{rng.randrange(10**12)}.{hexs(rng, 32)}")]
    ts = epoch(rng)
    return client(rng, SRC, "chat_slash_command", "POST", HOOKS, "/in/chat/commands", body=form(pairs).encode(),
                  ctype="application/x-www-form-urlencoded", lib="java", ua="Slackbot 1.0 (+https://api.slack.com/robots)",
                  accept="application/json,*/*", extra=[("x-slack-request-timestamp", str(ts)), ("x-slack-signature", "v0=" + hexs(rng, 64))])


def inbound_email(rng: random.Random) -> Request:
    """An email provider's inbound-parse webhook: a reply lands on the contact's timeline."""
    g, f, email = who(rng)
    bd = boundary_for(rng, "go")
    subj = pick(rng, ["Re: Great chatting today!", "RE: Your renewal on 31 Mar 2027", "AW: Kurze Frage", "Re: Votre devis Q-2026-311"])
    text = pick(rng, ["Thanks — we'll review with legal and get back to you next week.\n\nOn Tue, Ciarán wrote:\n> Hi,\n> Thanks for your time today…",
                      "Können wir den Termin auf Donnerstag 14 Uhr verschieben?\n\n-----Ursprüngliche Nachricht-----\nVon: Ciarán",
                      "Please remove me from your list.", "Sounds good. PO to follow (PO-88213)."])
    html = "<html><body><div dir=\"ltr\">" + text.split("\n")[0].replace("&", "&amp;").replace("<", "&lt;") + "</div><br><div class=\"gmail_quote\"><blockquote>Hi, thanks for your time today…</blockquote></div></body></html>"
    headers = (f"Received: from mx.example.net (mx.example.net [198.51.100.{rng.randrange(1, 255)}])\nDate: Fri, 04 Dec 2026 09:{rng.randrange(60):02d}:11 +0000\n"
               f"From: {g} {f} <{email}>\nTo: reply+{hexs(rng, 16)}@inbound.crm.example.com\nSubject: {subj}\nMessage-ID: <{hexs(rng, 24)}@mail.example.org>\n"
               f"In-Reply-To: <{hexs(rng, 24)}@crm.example.com>\nContent-Type: multipart/alternative; boundary=\"000000000000{hexs(rng, 12)}\"")
    parts = text_parts([("headers", headers), ("dkim", "{@example.org : pass}"), ("to", f"reply+{hexs(rng, 16)}@inbound.crm.example.com"),
                        ("html", html), ("from", f"{g} {f} <{email}>"), ("text", text), ("sender_ip", f"198.51.100.{rng.randrange(1, 255)}"),
                        ("envelope", js_json({"to": ["inbound@crm.example.com"], "from": email})), ("attachments", "0"), ("subject", subj),
                        ("charsets", js_json({"to": "UTF-8", "html": "UTF-8", "subject": "UTF-8", "from": "UTF-8", "text": "UTF-8"})), ("SPF", "pass")])
    body = multipart(parts, bd)
    return client(rng, SRC, "inbound_email_parse", "POST", HOOKS, "/in/email/parse", body=body, ctype=f"multipart/form-data; boundary={bd}",
                  lib="go", ua="Sendlib/3.0")


def web_to_lead(rng: random.Random) -> Request:
    g, f, email = who(rng)
    pairs = [("oid", "00D" + chars(rng, ALNUM, 12)), ("retURL", "https://www.example.org/thanks?form=demo"), ("first_name", g), ("last_name", f),
             ("email", email), ("company", pick(rng, COMPANIES)), ("phone", phone(rng)), ("employees", pick(rng, ["1-10", "11-50", "51-200"])),
             ("message", pick(rng, ["We need a CRM that speaks German & French 🙂", "Looking for pricing for ~40 users.", "Can you migrate from our old tool?", ""])),
             ("utm_source", pick(rng, ["google", "newsletter", "partner", ""])), ("utm_campaign", pick(rng, ["demo-q4", "brand", ""])),
             ("consent", "yes")]
    return browser(rng, SRC, "web_to_lead", "POST", "forms.crm.example.com", "/w2l/submit", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, site="cross-site", origin="https://www.example.org",
                   referer="https://www.example.org/demo", lang=pick(rng, ["en", "de", "fr"]))


def calendar_callback(rng: random.Random) -> Request:
    pairs = [("state", b64url(rbytes(rng, 24))), ("code", "4/0A" + chars(rng, ALNUM + "-_", 70)),
             ("scope", "email openid https://www.example.com/auth/calendar.events https://www.example.com/auth/userinfo.email"),
             ("authuser", "0"), ("prompt", "consent")]
    return browser(rng, SRC, "calendar_oauth_callback", "GET", WEB, "/integrations/calendar/callback", form(pairs), page=True,
                   site="cross-site", referer="https://accounts.example.com/", cookie=web_cookie(rng))


def dashboard(rng: random.Random) -> Request:
    return page(rng, "page", pick(rng, ["/", "/deals/board", "/tasks/", "/reports/", "/inbox/", f"/contacts/{rng.randrange(1, 10**6)}/",
                                         f"/deals/{rng.randrange(1, 10**5)}/", f"/companies/{rng.randrange(1, 10**5)}/"]),
                pick(rng, ["", "", "", form([("tab", pick(rng, ["activity", "emails", "files", "deals"]))])]), referer=pick(rng, ["/", "/contacts/", None]))


def crm(rng: random.Random, n: int) -> list[Request]:
    makers = [
        (12, dashboard), (8, contacts_page), (8, filtered_list), (3, saved_view), (5, board), (3, contact_form),
        (6, contact_create), (6, contact_update), (4, company), (1, merge), (2, bulk_tag), (6, search), (7, timeline),
        (12, note), (4, meeting), (6, task), (4, deal_create), (9, deal_move), (1, custom_field), (3, report),
        (2, automation), (3, template_save), (2, template_preview), (4, send_email), (4, open_pixel), (2, click_redirect),
        (3, csv_import), (2, import_mapping), (2, export), (4, public_api), (4, api_list), (4, zapier), (1, webhook_config),
        (2, slash_command), (2, inbound_email), (3, web_to_lead), (1, calendar_callback),
    ]
    return run(rng, n, makers)
