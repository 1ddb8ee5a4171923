# ruff: noqa: RUF001
"""An HR and payroll portal (Django + a React front end on /api/v2), its
identity provider (SAML sign-in, SCIM provisioning), a payroll provider's
webhooks and the people team's scripts."""

from __future__ import annotations

import random

from .common import (
    DESKTOP,
    Request,
    app,
    b64,
    bearer,
    browser_boundary,
    chance,
    csrf,
    day,
    digits,
    fields,
    formb,
    heic,
    iso,
    iso_py,
    jar,
    jpeg,
    jsb,
    lib_boundary,
    money,
    multipart,
    nav,
    past_day,
    pdf,
    person,
    pick,
    png,
    pyb,
    qs,
    qs_pct,
    run,
    sig_hex,
    some,
    token,
    uuid4,
    xhr,
)

SRC = "hr_portal"
HOST = "people.corvidlabs.example.com"
API_HOST = "people-api.corvidlabs.example.com"
BASE = f"https://{HOST}"

TEAMS = ["Platform", "Data Science", "Customer Success", "Finance", "People", "Design", "Sales EMEA", "Sales NA",
         "Security", "Mobile", "Legal", "Facilities", "Support Tier 2"]
TITLES = ["Software Engineer II", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "Data Analyst",
          "Senior Data Scientist", "Customer Success Manager", "Account Executive", "Payroll Specialist",
          "People Partner", "Product Designer", "Principal Product Designer", "Office Manager", "Paralegal",
          "Security Engineer", "Head of Finance", "Support Engineer", "Technical Writer", "QA Lead"]
LEAVE_TYPES = ["annual", "sick", "parental", "bereavement", "unpaid", "study", "toil", "jury_service", "volunteering"]
REASONS = [
    "Family wedding in Kraków – back on the Monday",
    "Christmas break 🎄",
    "Moving house (finally!)",
    "Dentist appt in the morning, will work PM",
    "Kid's school play + parent-teacher meeting",
    "Sick – flu. Will send a cert if it goes past 3 days.",
    "Eid al-Fitr with family",
    "Diwali",
    "Lunar New Year – visiting parents in Hà Nội",
    "Funeral of my grandmother (Nana Ní Bhriain), Co. Mayo",
    "Study leave for CIPD exam on the 14th",
    "Hospital appointment – surgery follow-up",
    "Jury service summons attached",
    "Volunteering day at the food bank",
    "Just need a long weekend tbh",
    "Urlaub – Skiurlaub in Tirol",
    "Congés – vacances en famille",
    "Vacaciones de Semana Santa",
    "",
]


def _cookie(rng: random.Random) -> str:
    extra = [("hr_tz", pick(rng, ["Europe%2FDublin", "Europe%2FLondon", "America%2FNew_York", "Asia%2FHo_Chi_Minh", "Europe%2FBerlin"]))] \
        if chance(rng, 0.4) else []
    return jar(rng, "django", extra=extra, analytics=0.05)


def _eid(rng: random.Random) -> str:
    return f"E{rng.randint(10000, 99999)}"


def _spa(path: str) -> str:
    return f"{BASE}{path}"


def _json(rng: random.Random, kind: str, method: str, path: str, obj: object, referer: str, query: str = "") -> Request:
    return xhr(rng, SRC, kind, method, HOST, path, query, body=jsb(obj), ctype="application/json", cookie=_cookie(rng),
               extra=csrf(rng, "django"), referer=_spa(referer))


def _get(rng: random.Random, kind: str, path: str, query: str, referer: str) -> Request:
    return xhr(rng, SRC, kind, "GET", HOST, path, query, cookie=_cookie(rng), referer=_spa(referer))


# ------------------------------------------------------------------ pages


def home(rng: random.Random) -> Request:
    path = pick(rng, ["/", "/dashboard", "/me", "/time-off", "/expenses", "/payslips", "/benefits", "/reviews", "/directory",
                      "/policies", "/surveys", "/onboarding", "/org-chart", "/timesheets"])
    return nav(rng, SRC, "page", HOST, path, qs([("tab", pick(rng, ["overview", "history", "team"]))]) if chance(rng, 0.2) else "",
               cookie=_cookie(rng), referer=_spa("/") if chance(rng, 0.6) else None, site="same-origin")


def leave_form(rng: random.Random) -> Request:
    start = day(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("leave_type", pick(rng, LEAVE_TYPES)), ("start_date", start),
             ("end_date", start if chance(rng, 0.3) else day(rng)), ("start_half", pick(rng, ["full", "am", "pm"])),
             ("end_half", pick(rng, ["full", "am", "pm"])), ("reason", pick(rng, REASONS)),
             ("cover", pick(rng, ["", "Ciarán is covering on-call", "Inbox auto-reply set; urgent → @Tomasz", "n/a"])),
             ("notify_team", pick(rng, ["on", ""]))]
    return nav(rng, SRC, "leave_form", HOST, "/time-off/request/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=_spa("/time-off/request/"))


def leave_api(rng: random.Random) -> Request:
    start = day(rng)
    obj: dict[str, object] = {"type": pick(rng, LEAVE_TYPES), "start": start, "end": day(rng),
                              "partial_days": pick(rng, [[], [{"date": start, "portion": "pm"}]]),
                              "hours": pick(rng, [None, 7.5, 4, 37.5]), "reason": pick(rng, REASONS),
                              "attachments": [uuid4(rng)] if chance(rng, 0.15) else [], "timezone": pick(rng, ["Europe/Dublin", "America/Chicago", "Asia/Kolkata"])}
    return _json(rng, "leave_request", "POST", "/api/v2/leave-requests/", obj, "/time-off")


def leave_decision(rng: random.Random) -> Request:
    lid = rng.randint(1, 90000)
    obj: dict[str, object] = {"decision": pick(rng, ["approved", "approved", "approved", "declined", "needs_info"]),
                              "comment": pick(rng, ["", "Enjoy! 🌴", "Approved – please hand over the Q4 report to Seo-yeon first.",
                                                    "Sorry, we already have 3 people off that week. Could you do the 2nd–6th instead?",
                                                    "Can you confirm whether this is paid or unpaid?", "Get well soon 💐"])}
    return _json(rng, "leave_decision", "POST", f"/api/v2/leave-requests/{lid}/decision/", obj, "/approvals")


def leave_calendar(rng: random.Random) -> Request:
    pairs = [("month", pick(rng, ["2026-11", "2026-12", "2027-01", "2027-02"])), ("team", pick(rng, TEAMS))]
    if chance(rng, 0.4):
        pairs.append(("include", "public_holidays"))
    if chance(rng, 0.3):
        pairs.append(("country", pick(rng, ["IE", "GB", "US", "DE", "VN"])))
    return _get(rng, "leave_calendar", "/api/v2/calendar/absences/", qs(pairs), "/time-off/calendar")


STRENGTHS = [
    "Aoife consistently goes above and beyond – she rewrote the on-call runbook without being asked and cut our MTTR roughly in half.",
    "Strong ownership of the billing migration. Communicated risks early (e.g. the VAT rounding issue) and kept stakeholders in the loop.",
    "Mentored two new joiners; both said in their 30-day check-ins that the pairing sessions were the most useful part of onboarding.",
    "Great at turning vague asks into concrete plans. The 'customer health score' project went from a napkin sketch to production in 6 weeks.",
    "Calm under pressure during the Black Friday incident; ran the bridge call and wrote a blameless post-mortem the next day.",
    "Their SQL & Python skills have grown a lot – the churn model notebook is now used by the whole CS team.",
    "Brilliant with customers: NPS on their accounts went from 31 → 54.",
    "Hat das Team-Onboarding komplett neu aufgesetzt – sehr strukturiert und empathisch.",
]
GROWTH = [
    "Could delegate more – sometimes takes on too much and then becomes a bottleneck for reviews.",
    "I'd like to see more written design docs before starting large pieces of work (RFC first, code second).",
    "Meetings sometimes overrun; try time-boxing and sending agendas in advance.",
    "Work on saying \"no\" to low-priority requests from Sales so the roadmap doesn't slip.",
    "Next step is leading a cross-team initiative end-to-end – e.g. the SSO revamp in H1.",
    "Presentation skills: slides are dense. Try 1 idea per slide & fewer bullet points.",
    "Sometimes replies late on Slack; agreed to block focus time in the calendar instead so people know when to expect answers.",
]
GOALS = ["Ship the self-serve invoicing flow by end of Q1", "Get AWS Solutions Architect – Associate certification",
         "Reduce P1 ticket backlog to < 10", "Run 2 lunch & learns", "Lead hiring for 2 backend roles",
         "Improve test coverage of payments module from 61% to 80%", "Learn enough Vietnamese to order phở without pointing 😅",
         "Document the month-end close process", "Move reporting off spreadsheets into the BI tool"]


def self_review(rng: random.Random) -> Request:
    rid = rng.randint(100, 9000)
    obj: dict[str, object] = {
        "cycle": pick(rng, ["2026-H2", "2026-annual", "2026-Q4"]), "status": pick(rng, ["draft", "draft", "submitted"]),
        "answers": [
            {"question_id": 1, "text": " ".join(some(rng, STRENGTHS, 1, 3))},
            {"question_id": 2, "text": " ".join(some(rng, GROWTH, 1, 2))},
            {"question_id": 3, "text": "\n".join(f"- {g}" for g in some(rng, GOALS, 2, 4))},
            {"question_id": 4, "rating": rng.randint(1, 5)},
            {"question_id": 5, "text": pick(rng, ["", "N/A", "I'd love more budget for conferences (e.g. PyCon IE).",
                                                    "Honestly the re-org in Sept was rough – clearer comms next time please.",
                                                    "Would like to go to 4 days/week from April if possible."])},
        ],
        "competencies": {c: rng.randint(1, 5) for c in some(rng, ["craft", "collaboration", "ownership", "communication", "impact", "leadership"], 3, 6)},
        "client_updated_at": iso(rng)}
    return _json(rng, "self_review", "PUT", f"/api/v2/reviews/{rid}/self/", obj, f"/reviews/{rid}")


def manager_review(rng: random.Random) -> Request:
    rid = rng.randint(100, 9000)
    p = person(rng)
    text = (f"<p>{pick(rng, STRENGTHS).replace('Aoife', p.given)}</p>"
            f"<p><strong>Areas to grow:</strong></p><ul>" + "".join(f"<li>{g}</li>" for g in some(rng, GROWTH, 1, 3)) + "</ul>"
            + pick(rng, ["", f"<p>Overall: <em>{pick(rng, ['exceeds', 'meets', 'strongly exceeds'])} expectations</em>.</p>"]))
    obj: dict[str, object] = {"summary_html": text, "overall": pick(rng, ["meets", "exceeds", "strongly_exceeds", "partially_meets"]),
                              "promotion_ready": pick(rng, ["no", "yes", "next_cycle"]), "calibrated": False,
                              "salary_recommendation": {"type": pick(rng, ["percent", "none"]), "value": pick(rng, [0, 2.5, 3, 4, 6])}}
    return _json(rng, "manager_review", "PUT", f"/api/v2/reviews/{rid}/manager/", obj, f"/reviews/{rid}/manager")


def peer_feedback(rng: random.Random) -> Request:
    p = person(rng)
    obj: dict[str, object] = {"subject": _eid(rng), "anonymous": chance(rng, 0.3),
                              "start": pick(rng, ["Sharing context earlier in the sprint", "Writing things down", "Asking for help sooner",
                                                  "Including QA in planning"]),
                              "stop": pick(rng, ["Merging on Friday afternoons 😬", "Skipping retro", "", "Reviewing PRs at 11pm"]),
                              "continue": pick(rng, [f"Being the person everyone goes to – thanks {p.given}!",
                                                     "The weekly demo videos – super helpful for Sales",
                                                     "Keeping the team laughing on rough days"])}
    return _json(rng, "peer_feedback", "POST", "/api/v2/feedback/", obj, "/reviews/feedback/new")


CATS = ["travel", "meals", "accommodation", "mileage", "software", "equipment", "training", "client_entertainment", "home_office", "phone"]
MERCHANTS = ["Bewley's Café", "Rail Éireann (fictional)", "Hotel Lindenhof", "Café de la Gare", "Phở Hà Nội 36", "Taxi – Uber",
             "Amazon (USB-C dock)", "O'Reilly learning", "Conference: PyData Dublin", "Starbucks", "Ryanair (fictional)",
             "Boots pharmacy", "Dunnes Stores"]


def expense_claim(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP + [x for x in DESKTOP if x.family == "chrome"])
    bd = browser_boundary(rng, b)
    cur = pick(rng, ["EUR", "EUR", "GBP", "USD", "VND", "CHF"])
    amt = str(rng.randint(50_000, 900_000)) if cur == "VND" else money(rng, 3, 900)
    merchant = pick(rng, MERCHANTS)
    parts = fields([("category", pick(rng, CATS)), ("merchant", merchant), ("date", past_day(rng)), ("currency", cur),
                    ("amount", amt), ("vat_amount", pick(rng, ["", money(rng, 0.5, 50)])), ("project_code", pick(rng, ["", "PRJ-0412", "CLIENT-ACME", "INT-OPS"])),
                    ("description", pick(rng, ["Lunch w/ client (3 ppl) – discussed renewal", "Train Dublin → Galway for the offsite",
                                               "2 nights, team summit Berlin", "Replacement charger – mine died on the trip",
                                               "Taxi from airport, flight delayed past last bus", "Phở with the Hà Nội team 😋",
                                               "Udemy course: \"Advanced PostgreSQL\"", "Monitor arm for home office (approved by Lakshmi)"])),
                    ("billable", pick(rng, ["true", "false"]))])
    kind = pick(rng, ["jpg", "jpg", "pdf", "heic", "png"])
    if kind == "jpg":
        parts.append(("receipt", jpeg(rng, rng.randint(700, 1800)), pick(rng, [f"IMG_{digits(rng, 4)}.jpg", "receipt.jpg", f"Scan {past_day(rng)}.jpg"]), "image/jpeg"))
    elif kind == "pdf":
        parts.append(("receipt", pdf(rng, f"Invoice {digits(rng, 6)}"), pick(rng, ["invoice.pdf", f"Rechnung_{digits(rng, 5)}.pdf", "Receipt-2026.pdf"]), "application/pdf"))
    elif kind == "heic":
        parts.append(("receipt", heic(rng), f"IMG_{digits(rng, 4)}.HEIC", "image/heic"))
    else:
        parts.append(("receipt", png(rng), "Screenshot 2026-11-14 at 09.41.22.png", "image/png"))
    return xhr(rng, SRC, "expense_claim", "POST", HOST, "/api/v2/expenses/", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b, extra=csrf(rng, "django"),
               referer=_spa("/expenses/new"))


def expense_mobile(rng: random.Random) -> Request:
    """The phone app snapping a receipt."""
    lib = pick(rng, ["okhttp", "ios"])
    bd = lib_boundary(rng, lib)
    parts = fields([("amount", money(rng, 2, 120)), ("currency", pick(rng, ["EUR", "GBP", "USD"])), ("category", pick(rng, CATS)),
                    ("note", pick(rng, ["coffee w/ candidate", "parking", "lunch", "", "team drinks – Friday 🍻"])),
                    ("captured_at", iso(rng))])
    parts.append(("receipt", jpeg(rng, rng.randint(900, 2200)), "receipt.jpg", "image/jpeg"))
    ua = "CorvidPeople/4.18.2 (iPhone; iOS 26.1; Scale/3.00)" if lib == "ios" else "CorvidPeople/4.18.2 (Android 15; Pixel 8a) okhttp/4.12.0"
    return app(rng, SRC, "expense_mobile", "POST", API_HOST, "/mobile/v1/expenses", lib=lib, ua=ua, body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", auth=bearer(rng, f"https://{HOST}"), accept="application/json")


def expense_list(rng: random.Random) -> Request:
    pairs = [("status", pick(rng, ["draft", "submitted", "approved", "paid", "rejected"])), ("page", str(rng.randint(1, 6)))]
    if chance(rng, 0.3):
        pairs.append(("period", pick(rng, ["2026-10", "2026-11", "2026-12"])))
    return nav(rng, SRC, "expense_list", HOST, "/expenses/", qs(pairs), cookie=_cookie(rng), referer=_spa("/expenses/"))


def mileage(rng: random.Random) -> Request:
    obj: dict[str, object] = {"date": past_day(rng), "from": pick(rng, ["Office – 4 Quay St", "Home", "Client: Larkspur Ltd, Unit 7 Harbour Park"]),
                              "to": pick(rng, ["Client site (Ennis)", "Airport", "Office", "Warehouse, Bóthar na Trá"]),
                              "distance_km": round(rng.uniform(4, 320), 1), "return_trip": chance(rng, 0.6),
                              "vehicle": pick(rng, ["car_petrol", "car_ev", "motorbike", "bicycle"]),
                              "purpose": pick(rng, ["Quarterly review with client", "Collecting equipment", "Site visit – fire safety audit"])}
    return _json(rng, "mileage", "POST", "/api/v2/expenses/mileage/", obj, "/expenses/mileage")


def org_chart(rng: random.Random) -> Request:
    pairs = [("root", _eid(rng)), ("depth", str(rng.randint(1, 4)))]
    if chance(rng, 0.4):
        pairs.append(("fields", "name,title,photo,team,location"))
    if chance(rng, 0.2):
        pairs.append(("include_vacancies", "true"))
    return _get(rng, "org_chart", "/api/v2/org-chart/", qs(pairs), "/org-chart")


def _node(rng: random.Random, depth: int) -> dict[str, object]:
    p = person(rng)
    node: dict[str, object] = {"id": _eid(rng), "name": p.name, "preferred_name": pick(rng, [None, p.given]), "title": pick(rng, TITLES),
                               "team": pick(rng, TEAMS), "email": p.email, "location": pick(rng, ["Dublin", "Galway", "Berlin", "Remote – US", "Hà Nội", "London"])}
    if depth > 0:
        node["reports"] = [_node(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return node


def org_sync(rng: random.Random) -> Request:
    """The people team's nightly script pushing the HRIS org tree."""
    obj: dict[str, object] = {"generated_at": iso_py(rng), "source": "hris-export", "root": _node(rng, rng.randint(1, 2))}
    return app(rng, SRC, "org_sync", "PUT", API_HOST, "/v2/org-chart/import", lib="requests", body=pyb(obj), ctype="application/json",
               auth="Token " + token(rng, 40), extra=[("x-request-id", uuid4(rng))], accept="application/json")


def title_change(rng: random.Random) -> Request:
    obj: dict[str, object] = {"employee": _eid(rng), "effective_date": day(rng), "new_title": pick(rng, TITLES),
                              "new_team": pick(rng, [None, pick(rng, TEAMS)]), "new_manager": pick(rng, [None, _eid(rng)]),
                              "reason": pick(rng, ["promotion", "lateral_move", "reorg", "correction"]),
                              "comp_change": pick(rng, [None, {"band": pick(rng, ["L3", "L4", "L5", "M1"]), "base": rng.randint(48, 160) * 1000, "currency": pick(rng, ["EUR", "GBP", "USD"])}]),
                              "note": pick(rng, ["", "Per calibration 2026-H2", "Title was wrong in HRIS since migration", "Moving to the new Data Platform team"])}
    return _json(rng, "title_change", "POST", "/api/v2/job-changes/", obj, "/people/changes/new")


def payslip_download(rng: random.Random) -> Request:
    period = pick(rng, ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"])
    return nav(rng, SRC, "payslip_download", HOST, f"/payroll/payslips/{period}/download/",
               qs([("format", pick(rng, ["pdf", "pdf", "html"])), ("lang", pick(rng, ["en", "de", "ga", "vi"]))]),
               cookie=_cookie(rng), referer=_spa("/payslips"), user=True)


def payslip_list(rng: random.Random) -> Request:
    return _get(rng, "payslip_list", "/api/v2/payslips/", qs([("year", pick(rng, ["2025", "2026"])), ("page_size", "12")]), "/payslips")


def benefits(rng: random.Random) -> Request:
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("plan_year", "2027"),
             ("medical_plan", pick(rng, ["none", "basic", "plus", "family_plus"])), ("dental", pick(rng, ["on", ""])),
             ("vision", pick(rng, ["on", ""])), ("pension_contribution_pct", pick(rng, ["3", "5", "6", "8", "10"])),
             ("life_cover_multiple", pick(rng, ["2", "4"])), ("cycle_to_work", pick(rng, ["", "on"]))]
    for i in range(rng.randint(0, 3)):
        d = person(rng)
        pairs += [(f"dependants-{i}-name", pick(rng, [d.name, f"{d.given} {pick(rng, ['O’Neill', 'Nguyễn', 'Ní Bhriain'])}"])),
                  (f"dependants-{i}-relationship", pick(rng, ["spouse", "civil_partner", "child", "domestic_partner"])),
                  (f"dependants-{i}-dob", f"{rng.randint(1970, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")]
    pairs += [("dependants-TOTAL_FORMS", "3"), ("dependants-INITIAL_FORMS", "0"),
              ("declaration", "on"), ("signature", person(rng).name)]
    return nav(rng, SRC, "benefits_enrolment", HOST, "/benefits/enrol/2027/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=_spa("/benefits/enrol/2027/"))


def profile_update(rng: random.Random) -> Request:
    p = person(rng)
    obj: dict[str, object] = {
        "legal_first_name": p.given, "legal_last_name": p.family,
        "preferred_name": pick(rng, [None, p.given.split("-")[0], "Sam", "Bảo", "Zoë"]),
        "pronouns": pick(rng, [None, "she/her", "he/him", "they/them", "she/they"]),
        "name_pronunciation": pick(rng, [None, "SHIV-awn", "ee-LEESH-ka", "NWEN (rhymes with 'when')", "KEE-va"]),
        "personal_email": p.email, "mobile": p.phone,
        "emergency_contact": {"name": person(rng).name, "relationship": pick(rng, ["partner", "mother", "friend", "brother"]), "phone": person(rng).phone},
        "languages": some(rng, ["English", "Gaeilge", "Tiếng Việt", "Deutsch", "Polski", "Español", "Français", "Yorùbá"], 1, 3)}
    return _json(rng, "profile_update", "PATCH", "/api/v2/me/", obj, "/me/edit")


POLICIES = [("Code of Conduct", "v2026.2"), ("Information Security Policy", "4.1"), ("Acceptable Use of AI Tools", "1.0"),
            ("Anti-Bribery & Corruption", "3"), ("Remote Working Policy", "2026-09"), ("Data Protection (GDPR) Handbook", "7.2")]


def policy_ack(rng: random.Random) -> Request:
    name, ver = pick(rng, POLICIES)
    obj: dict[str, object] = {"policy": name, "version": ver, "acknowledged": True, "typed_signature": person(rng).name,
                              "read_seconds": rng.randint(20, 1800), "comment": pick(rng, ["", "Section 4.3 references a form that 404s", "ok"])}
    return _json(rng, "policy_ack", "POST", f"/api/v2/policies/{rng.randint(1, 40)}/acknowledgements/", obj, "/policies")


SURVEY_TEXT = [
    "More clarity on promotion criteria please. The ladder doc is from 2023.",
    "Love the flexible hours. The new office coffee machine is a crime though ☕️",
    "Meetings! Too many! Can we try no-meeting Wednesdays?",
    "I feel supported by my manager, less so by leadership – the layoffs were communicated via a 5-minute all-hands.",
    "Onboarding was great; buddy system works.",
    "Please publish salary bands for all roles, not just engineering.",
    "Working across 3 time zones (Dublin / Austin / Hà Nội) is hard – async updates > calls.",
    "Honestly, pretty happy. 9/10.",
    "Mehr Weiterbildungsbudget wäre schön.",
    "N/A",
]


def survey(rng: random.Random) -> Request:
    sid = rng.randint(10, 90)
    answers: list[dict[str, object]] = [{"q": f"q{i}", "value": rng.randint(1, 5)} for i in range(1, rng.randint(5, 12))]
    answers.append({"q": "enps", "value": rng.randint(0, 10)})
    if chance(rng, 0.7):
        answers.append({"q": "open_1", "value": pick(rng, SURVEY_TEXT)})
    if chance(rng, 0.4):
        answers.append({"q": "open_2", "value": pick(rng, SURVEY_TEXT)})
    obj: dict[str, object] = {"survey": sid, "anonymous": True, "answers": answers, "segment": {"tenure": pick(rng, ["<1y", "1-3y", "3y+"])}}
    return _json(rng, "survey_response", "POST", f"/api/v2/surveys/{sid}/responses/", obj, f"/surveys/{sid}")


def directory(rng: random.Random) -> Request:
    p = person(rng)
    q = pick(rng, [p.family, p.given, f"{p.given} {p.family[:3]}", "O'Neill", "Ní Bhriain", "nguyen", "Nguyễn", "zoe", "Zoë-Marie",
                   pick(rng, TEAMS), "payroll", "mac giolla"])
    return _get(rng, "directory_search", "/api/v2/directory/", qs_pct([("q", q), ("limit", "20")]), "/directory")


def timesheet(rng: random.Random) -> Request:
    week = pick(rng, ["2026-W46", "2026-W47", "2026-W48", "2026-W49"])
    rows = [{"project": pick(rng, ["PRJ-0412", "INT-OPS", "CLIENT-LARKSPUR", "R&D-ML", "ADMIN"]),
             "task": pick(rng, ["development", "meetings", "support", "training", "travel"]),
             "hours": [pick(rng, [0, 0, 1.5, 2, 4, 6, 7.5, 8]) for _ in range(7)],
             "note": pick(rng, ["", "incl. weekend deploy", "on-call Sat"])} for _ in range(rng.randint(1, 4))]
    return _json(rng, "timesheet", "PUT", f"/api/v2/timesheets/{week}/", {"rows": rows, "submit": chance(rng, 0.4)}, f"/timesheets/{week}")


def bank_details(rng: random.Random) -> Request:
    country = pick(rng, ["IE", "DE", "GB"])
    iban = f"{country}{rng.randint(10, 99)}{pick(rng, ['XMPL', 'TEST', 'EXAM'])}{digits(rng, 14)}"
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("account_holder", person(rng).name), ("iban", " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))),
             ("bic", pick(rng, ["XMPLIE2D", "TESTDEFF", "EXAMGB2L"])), ("effective_from", pick(rng, ["next_payroll", day(rng)])),
             ("password_confirm", token(rng, 14))]
    return nav(rng, SRC, "bank_details", HOST, "/payroll/bank-details/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=_spa("/payroll/bank-details/"))


def document_upload(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    doc = pick(rng, ["passport", "visa", "work_permit", "degree_certificate", "p45", "medical_cert", "signed_contract"])
    parts = fields([("document_type", doc), ("expires_on", pick(rng, ["", day(rng)])), ("notes", pick(rng, ["", "Stamp 4 renewal", "Scanned at home, sorry for the quality"]))])
    if chance(rng, 0.6):
        parts.append(("file", pdf(rng, doc.replace("_", " ").title()), f"{doc}_{person(rng).family.replace(' ', '_')}.pdf", "application/pdf"))
    else:
        parts.append(("file", jpeg(rng, 1500), f"{doc}.jpeg", "image/jpeg"))
    return xhr(rng, SRC, "document_upload", "POST", HOST, "/api/v2/me/documents/", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b, extra=csrf(rng, "django"), referer=_spa("/me/documents"))


def onboarding_task(rng: random.Random) -> Request:
    tid = rng.randint(1, 4000)
    obj: dict[str, object] = {"status": pick(rng, ["done", "in_progress", "skipped"]),
                              "note": pick(rng, ["", "Laptop collected", "Can't find the VPN guide – link in the doc 404s", "Met my buddy Kenji ✅"])}
    return _json(rng, "onboarding_task", "PATCH", f"/api/v2/onboarding/tasks/{tid}/", obj, "/onboarding")


def payroll_webhook(rng: random.Random) -> Request:
    obj: dict[str, object] = {"event_type": pick(rng, ["payrun.approved", "payrun.paid", "employee.tax_code_changed", "payslip.published"]),
                              "event_id": uuid4(rng), "company_id": "cmp_" + token(rng, 12), "occurred_at": iso_py(rng),
                              "data": {"payrun_id": f"PR-2026-{rng.randint(1, 12):02d}-{rng.randint(1, 3)}",
                                       "period": pick(rng, ["2026-11", "2026-12"]), "employee_count": rng.randint(40, 600),
                                       "currency": pick(rng, ["EUR", "GBP"]), "gross_total": money(rng, 100000, 900000)}}
    return app(rng, SRC, "payroll_webhook", "POST", API_HOST, "/webhooks/payroll", lib=pick(rng, ["java", "apache"]),
               ua=pick(rng, ["PayrollCloud-Webhooks/3.2", None]), body=jsb(obj), ctype="application/json",
               extra=[("x-payroll-signature", b64(bytes.fromhex(sig_hex(rng)))), ("x-payroll-event-id", str(obj["event_id"]))])


def scim_user(rng: random.Random) -> Request:
    p = person(rng)
    uid = uuid4(rng)
    if chance(rng, 0.5):
        obj: dict[str, object] = {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "userName": p.email, "name": {"givenName": p.given, "familyName": p.family, "formatted": p.name},
            "displayName": p.name, "emails": [{"value": p.email, "type": "work", "primary": True}], "active": True,
            "title": pick(rng, TITLES), "externalId": _eid(rng),
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": pick(rng, TEAMS), "manager": {"value": _eid(rng)}}}
        method, path = "POST", "/scim/v2/Users"
    else:
        obj = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
               "Operations": [pick(rng, [{"op": "replace", "value": {"active": False}},
                                         {"op": "replace", "path": "title", "value": pick(rng, TITLES)},
                                         {"op": "replace", "path": "name.familyName", "value": p.family},
                                         {"op": "add", "path": "emails[type eq \"work\"].value", "value": p.email}])]}
        method, path = "PATCH", f"/scim/v2/Users/{uid}"
    return app(rng, SRC, "scim_user", method, API_HOST, path, lib="java", ua="IdentityHub SCIM Client 1.0.0",
               body=jsb(obj), ctype="application/scim+json; charset=utf-8", auth="Bearer " + token(rng, 48),
               accept="application/scim+json")


def saml_acs(rng: random.Random) -> Request:
    p = person(rng)
    rid = "_" + uuid4(rng).replace("-", "")
    xml = (f'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
           f'ID="{rid}" Version="2.0" IssueInstant="{iso(rng)[:19]}Z" Destination="{BASE}/sso/saml/acs/">'
           '<saml:Issuer>https://idp.corvidlabs.example.com/saml/metadata</saml:Issuer>'
           '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
           f'<saml:Assertion ID="_{uuid4(rng).replace("-", "")}" Version="2.0"><saml:Subject><saml:NameID '
           f'Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{p.email}</saml:NameID></saml:Subject>'
           f'<saml:AttributeStatement><saml:Attribute Name="givenName"><saml:AttributeValue>{p.given}</saml:AttributeValue></saml:Attribute>'
           f'<saml:Attribute Name="sn"><saml:AttributeValue>{p.family.replace("&", "&amp;").replace(chr(39), "&apos;")}</saml:AttributeValue></saml:Attribute>'
           f'</saml:AttributeStatement><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>{b64(bytes.fromhex(sig_hex(rng, 128)))}</ds:SignatureValue></ds:Signature>'
           '</saml:Assertion></samlp:Response>')
    pairs = [("SAMLResponse", b64(xml.encode("utf-8"))), ("RelayState", pick(rng, ["/", "/payslips", "/time-off", token(rng, 20)]))]
    return nav(rng, SRC, "saml_acs", HOST, "/sso/saml/acs/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=jar(rng, "django", analytics=0.0) if chance(rng, 0.3) else None, referer="https://idp.corvidlabs.example.com/",
               site="same-site", user=False)


def kudos(rng: random.Random) -> Request:
    p = person(rng)
    obj: dict[str, object] = {"to": [_eid(rng) for _ in range(rng.randint(1, 3))],
                              "message": pick(rng, [f"Huge thanks to {p.given} for staying late to get payroll out before the bank holiday 🙏",
                                                    f"Shout-out to {p.given} {p.family} for the amazing offsite planning 🎉🎉",
                                                    "Go raibh míle maith agat for covering my shifts last week!",
                                                    "Cảm ơn for the help with the Vietnamese localisation 🇻🇳",
                                                    "You're a legend. That's it, that's the kudos. 🏆",
                                                    f"@{p.given.lower()} fixed the printer. Hero status unlocked 🖨️✨"]),
                              "value": pick(rng, ["customer_first", "ownership", "kindness", "craft"]), "public": chance(rng, 0.8)}
    return _json(rng, "kudos", "POST", "/api/v2/kudos/", obj, "/")


def training(rng: random.Random) -> Request:
    cid = rng.randint(1, 300)
    obj: dict[str, object] = {"course": cid, "session_date": day(rng), "manager_approved": chance(rng, 0.6),
                              "cost": money(rng, 0, 2500), "justification": pick(rng, ["", "Needed for the SOC 2 audit work",
                                                                                       "Team wants to adopt dbt next quarter",
                                                                                       "Mandatory manager training (new people leads)"])}
    return _json(rng, "training_enrol", "POST", f"/api/v2/learning/courses/{cid}/enrolments/", obj, f"/learning/{cid}")


def notif_prefs(rng: random.Random) -> Request:
    obj: dict[str, object] = {"email": {k: chance(rng, 0.7) for k in ["leave_updates", "payslips", "reviews", "kudos", "surveys"]},
                              "push": {k: chance(rng, 0.5) for k in ["leave_updates", "kudos"]},
                              "digest": pick(rng, ["daily", "weekly", "off"]), "quiet_hours": {"start": "19:00", "end": "08:00"},
                              "locale": pick(rng, ["en-IE", "en-US", "de-DE", "vi-VN", "ga-IE"])}
    return _json(rng, "notification_prefs", "PUT", "/api/v2/me/notifications/", obj, "/me/settings")


def payroll_export(rng: random.Random) -> Request:
    pairs = [("period", pick(rng, ["2026-10", "2026-11"])), ("format", pick(rng, ["csv", "xlsx"])),
             ("columns", ",".join(some(rng, ["employee_id", "name", "gross", "net", "tax", "prsi", "usc", "pension", "cost_centre"], 4, 8)))]
    if chance(rng, 0.5):
        return app(rng, SRC, "payroll_export", "GET", API_HOST, "/v2/payroll/exports", qs(pairs), lib=pick(rng, ["requests", "curl"]),
                   auth="Token " + token(rng, 40), accept="text/csv")
    return nav(rng, SRC, "payroll_export", HOST, "/payroll/exports/download/", qs(pairs), cookie=_cookie(rng), referer=_spa("/payroll/exports"))


def tax_form(rng: random.Random) -> Request:
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("country", pick(rng, ["IE", "GB", "US"])),
             ("tax_id", pick(rng, [f"{digits(rng, 7)}{pick(rng, 'ABCDEFGHW')}", f"QQ {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} C", f"XXX-XX-{digits(rng, 4)}"])),
             ("filing_status", pick(rng, ["single", "married_joint", "married_separate", "head_of_household"])),
             ("allowances", str(rng.randint(0, 4))), ("additional_withholding", pick(rng, ["", "25.00", "50"])),
             ("emergency_tax", pick(rng, ["", "on"])), ("declaration", "on")]
    return nav(rng, SRC, "tax_form", HOST, "/payroll/tax/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=_cookie(rng), referer=_spa("/payroll/tax/"))


def approvals_inbox(rng: random.Random) -> Request:
    return _get(rng, "approvals_inbox", "/api/v2/approvals/", qs([("type", pick(rng, ["leave", "expense", "timesheet", "all"])),
                                                                  ("status", "pending"), ("ordering", pick(rng, ["-created", "start_date"]))]),
                "/approvals")


def hr_portal(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (24, home), (6, leave_form), (9, leave_api), (6, leave_decision), (8, leave_calendar), (4, self_review),
        (3, manager_review), (3, peer_feedback), (6, expense_claim), (4, expense_mobile), (5, expense_list), (2, mileage),
        (6, org_chart), (2, org_sync), (2, title_change), (7, payslip_download), (5, payslip_list), (2, benefits),
        (3, profile_update), (4, policy_ack), (4, survey), (9, directory), (4, timesheet), (1, bank_details),
        (2, document_upload), (3, onboarding_task), (3, payroll_webhook), (4, scim_user), (5, saml_acs), (4, kudos),
        (2, training), (2, notif_prefs), (3, payroll_export), (1, tax_form), (6, approvals_inbox),
    ])

