# ruff: noqa: RUF001 - real text uses typographic characters
"""Property management for small landlords and letting agents ("Keyholder"):
the public listings site, enquiries and viewings, rental applications with
free-text answers and payslips, the manager dashboard (a Django app with a
JSON API), the tenant portal and mobile apps (maintenance requests with
photos, rent payments, messages), lease documents and e-signature, owner
statements, accounting exports and bank-statement imports, and the webhooks
of payment, screening and e-signature providers.
"""

from __future__ import annotations

import random
from urllib.parse import quote

from .common import (
    AGENTS,
    ALNUM,
    Part,
    Request,
    api,
    bearer,
    boundary_for,
    chars,
    date_on,
    fake_heic,
    fake_jpeg,
    fake_pdf,
    form,
    hexs,
    hmac_hex,
    human,
    jar,
    js_json,
    mailbox,
    money,
    multipart,
    pick,
    place,
    proxied,
    py_json,
    qs,
    run,
    slugify,
    some,
    stamp,
    telephone,
    text_parts,
    ulid,
    unix,
    uri_query,
    uuid4,
    web,
    xsrf,
)

SRC = "property_management"
HOMES = "homes.keyholder.example.com"
APP = "app.keyholder.example.com"
TEN = "tenants.keyholder.example.com"
API = "api.keyholder.example.com"
AGENCY = "lettings.thornbury-estates.example.co.uk"
proxied("alb", APP, TEN, API)
proxied("cdn", HOMES)

MAINT = [
    "Kitchen tap drips constantly (about 1 drop/sec). I tried tightening the nut under the sink with a 19mm spanner but it's still going. Stopcock is under the stairs if needed.",
    "Boiler showing F28 fault code since Sunday night — no hot water or heating. Reset it twice per the manual (hold reset 5 sec), came back after ~10 mins. Baby in the flat so would appreciate ASAP 🙏",
    "Black mould on the bathroom ceiling above the shower, approx 30cm x 50cm. Extractor fan makes a rattling noise & doesn't seem to pull any air.",
    "Front door lock is stiff — key only turns if you pull the door towards you hard. Worried it'll snap off in the lock.",
    "Smoke alarm in the hallway chirps every 40 sec. It's hardwired so I can't change the battery myself (ceiling is ~3m).",
    "Dishwasher leaks from the bottom left corner mid-cycle; roughly 1/2 cup of water on the floor each run. Model no. on the door: SMS4HV**/33 (partly worn off).",
    "Garage door opener remote stopped working. Replaced the battery (CR2032) - still nothing. The wall button works fine.",
    "A/C in bedroom 2 blows warm air; thermostat set to 68°F. Filter was changed 11/02. Unit outside is running but fan sounds like it's scraping.",
    "Leak under the bathroom sink at the P-trap joint. Bucket under it for now, emptying it twice a day.",
    "Window in the back bedroom won't close fully, gap ~1/4\" at the top, lots of draught + condensation on the sill.",
    "Washing machine won't drain — error E20. Filter at the bottom front is clean (cleaned it tonight, found a hair clip & 2 coins).",
    "Toilet keeps running after flushing unless you jiggle the handle. Flapper? It's the upstairs one.",
    "Power to the kitchen sockets trips the RCD whenever the kettle + toaster are on together. Lights still work.",
    "Mice droppings behind the fridge and under the sink cupboard 🐭 We've blocked a gap by the pipe with steel wool for now.",
    "Gutter over the front door overflows when it rains — water pours onto the step and it's getting icy in the mornings.",
]
APPLY_WHY = [
    "Relocating for work — I start at Ashcombe General Hospital (night shifts) on 5 January.",
    "Our current landlord is selling the property (notice received 14 Oct, copy attached).",
    "We need a ground-floor place: my partner uses a wheelchair. Step-free access is essential.",
    "Moving closer to my daughter's school; current commute is 1h15 each way.",
    "First place on my own after finishing my PhD; I have a guarantor (my mum) if needed.",
    "Downsizing after the kids moved out — 4 bed is too much house for 2 people & a dog.",
]
APPLY_ABOUT = [
    "Quiet professional couple, non-smokers, one indoor cat (spayed, 6 yrs). We've rented our current flat for 4 years & are happy for you to contact our landlord.",
    "I'm a software developer working from home 3 days/week. No pets, don't smoke, very tidy. Happy to sign a 12- or 18-month lease.",
    "Family of 4 (kids aged 7 and 10). We had a small rent arrears issue in 2023 during a job change — fully repaid, reference from that landlord attached.",
    "Nurse (NHS Band 6) + teacher. We have a 24kg Labrador x, fully vaccinated & crate trained; can provide a pet reference and pay extra pet rent.",
    "Retired, receiving pension + rental income from a property abroad; can pay 6 months up front if that helps.",
    "Grad student (stipend $3,100/mo) + part-time barista. Co-signer: my uncle, details in the guarantor section.",
]
MESSAGES = [
    "Hi, the plumber said he'd come between 8–12 tomorrow; is it OK if he lets himself in with the key from the lockbox?",
    "Rent for December will be 2 days late — payroll moved to the 3rd. Sorry! Happy to pay the late fee.",
    "Can we put up shelves in the living room? Using 6mm wall plugs, will fill & paint the holes when we move out.",
    "Parcels for flat 4 keep being left in the communal hallway — could we get a note on the board?",
    "Thanks for sorting the boiler so quickly 👍",
    "Is the inspection still on for Thursday at 10:30? I'll be at work, please use your key.",
    "The new fridge arrived but it's too tall for the space (needs 185cm, gap is 178cm). What should I do?",
    "Hi! Just confirming our move-out date is 31/01 and asking how the deposit return works (DPS?).",
    "Could you send me a copy of the gas safety certificate? My insurer is asking for it.",
    "Re: renewal — we'd like to stay another year. Is the rent staying at the same amount?",
]
DESCS = [
    "Bright 2-bed first-floor flat 5 min walk from the station.\n\n• 2 double bedrooms\n• Gas central heating (EPC C)\n• Allocated parking space\n"
    "• Council tax band B\n\nSorry, no sharers. Deposit = 5 weeks' rent. Holding deposit 1 week. Available from {date}.",
    "Sunny 2BR/1BA in a quiet 6-unit building. Hardwood floors, W/D in unit, central A/C. Cats OK w/ $300 deposit; no dogs over 25 lbs.\n"
    "Tenant pays electric & gas; landlord pays water/sewer/trash. 12-month lease min. Application fee $45/adult (18+).",
    "Spacious 3 bed semi with south-facing garden (approx 60ft), driveway for 2 cars & a garage (not for storage of vehicles, sorry!).\n"
    "Unfurnished. Pets considered (max 2). Viewings Sat 10–2 only.",
    "Studio above the bakery — compact (32 m²) but newly renovated: new kitchenette, shower room, oak floors. Bills included*\n\n"
    "*up to £60/month energy, fair use. Ideal for a single professional. No smokers.",
    "Luxury 1BR with floor-to-ceiling windows, gym & rooftop deck. In-unit laundry, dishwasher, EV charging ($0.18/kWh). Parking +$150/mo.\n"
    "Move-in special: 1st month 50% off on 13-month lease!!",
]


def _mgr(rng: random.Random) -> str:
    return jar(rng, "django", tracking=0.2, extra=[("kh_org", str(rng.randint(100, 9999))), ("django_language", pick(rng, ["en-gb", "en"]))])


def _tenant(rng: random.Random) -> str:
    return jar(rng, "django", tracking=0.3, extra=[("kh_portal", "tenant")])


def _cur(rng: random.Random) -> tuple[str, str]:
    return pick(rng, [("GBP", "£"), ("USD", "$")])


def _unit(rng: random.Random) -> str:
    return f"u_{chars(rng, ALNUM, 12)}"


# ------------------------------------------------------------------ public listings


def listing_search(rng: random.Random) -> Request:
    pairs = [("location", pick(rng, ["Ashcombe", "Cedar Falls, IA", "EX7", "Market Deeping", "Port Alder", "near Ashcombe station", "Maple Grove MN 55369"])),
             ("beds_min", pick(rng, ["", "1", "2", "3"])), ("rent_max", pick(rng, ["", "900", "1250", "1800", "2400"])),
             ("pets", pick(rng, ["", "cats", "dogs", "cats,dogs"])), ("furnished", pick(rng, ["", "yes", "no", "part"])),
             ("available", pick(rng, ["", "now", date_on(rng, ahead=True)])), ("sort", pick(rng, ["newest", "price_asc", "price_desc", "distance"]))]
    pairs = [(k, v) for k, v in pairs if v]
    if rng.random() < 0.3:
        pairs.append(("q", pick(rng, ["garden", "parking & garden", "2 bed with W/D", "ground floor / step-free", "bills incl.", "no fee", "EV charger"])))
    if rng.random() < 0.5:
        return web(rng, SRC, "listing_search", "GET", HOMES, "/search", qs(pairs), nav=True, ref=f"https://{HOMES}/", site=pick(rng, ["same-origin", "none"]))
    lat, lng = rng.uniform(50.5, 52.9), rng.uniform(-3.6, -0.2)
    pairs += [("bounds", f"{lat:.5f},{lng:.5f},{lat + 0.08:.5f},{lng + 0.12:.5f}"), ("zoom", str(rng.randint(11, 15)))]
    return web(rng, SRC, "listing_map_search", "GET", HOMES, "/api/listings", qs(pairs), ref=f"https://{HOMES}/search?{qs(pairs[:2])}")


def listing_page(rng: random.Random) -> Request:
    t = place(rng)
    title = pick(rng, ["2 bed flat", "3 bed semi-detached house", "studio", "1BR apartment", "2BR townhouse with garage"])
    path = f"/rent/{slugify(t['city'])}/{rng.randint(10000, 99999)}-{slugify(title + ' ' + t['line1'])}"
    q = pick(rng, ["", "", "utm_source=portal&utm_medium=referral", "photo=4", f"ref={chars(rng, ALNUM, 8)}", "fbclid=IwZXh0bgNhZW0CMTEAAR" + chars(rng, ALNUM, 30)])
    return web(rng, SRC, "listing_page", "GET", HOMES, path, q, nav=True, site=pick(rng, ["cross-site", "none", "same-origin"]),
               ref=pick(rng, ["https://www.example.com/", f"https://{HOMES}/search?location=Ashcombe", "https://social.example.net/"]))


def enquiry(rng: random.Random) -> Request:
    g, f = human(rng)
    listing = rng.randint(10000, 99999)
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("listing", str(listing)), ("name", f"{g} {f}"), ("email", mailbox(rng, g, f)),
             ("phone", telephone(rng)), ("move_in", pick(rng, ["asap", "within_1_month", "1_3_months", date_on(rng, ahead=True)])),
             ("message", pick(rng, ["Hi, is this still available? Could I view it this weekend (Sat after 11)?",
                                    "Are pets allowed? I have a small dog (Cavapoo, 9kg).",
                                    "Hello — is parking included or is the space extra? Also what's the EPC rating?",
                                    "We're a couple relocating from Leeds, both employed full-time (combined £71k). Is a 6-month break clause possible?",
                                    "Is the $45 app fee per adult or per household? Thx",
                                    "Can you confirm the council tax band & whether bills (water/broadband) are included?"])),
             ("consent_contact", "on")]
    return web(rng, SRC, "listing_enquiry", "POST", HOMES, f"/listings/{listing}/enquire", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
               nav=True, ref=f"https://{HOMES}/rent/ashcombe/{listing}-2-bed-flat", cookie=jar(rng, "django", tracking=0.7))


def viewing(rng: random.Random) -> Request:
    g, f = human(rng)
    obj = {"listingId": rng.randint(10000, 99999), "slot": f"{date_on(rng, ahead=True)}T{pick(rng, ['10:00', '10:30', '12:15', '17:45', '18:30'])}:00",
           "attendees": rng.randint(1, 3), "name": f"{g} {f}", "email": mailbox(rng, g, f), "phone": telephone(rng),
           "virtual": rng.random() < 0.2, "notes": pick(rng, ["", "Running 5 min late possibly — bus", "I'll bring my partner", "Is there lift access? (pram)"])}
    return web(rng, SRC, "viewing_book", "POST", HOMES, "/api/viewings", body=js_json(obj).encode(), ctype="application/json",
               ref=f"https://{HOMES}/rent/ashcombe/{obj['listingId']}", cookie=jar(rng, "django", tracking=0.7), extra=xsrf(rng, "django"))


def syndication(rng: random.Random) -> Request:
    return api(rng, SRC, "listing_feed_pull", "GET", HOMES, pick(rng, ["/feeds/listings.xml", "/feeds/portal/v2/rentals.xml", "/feeds/listings.json"]),
               uri_query([("agent", str(rng.randint(100, 999))), ("key", chars(rng, ALNUM, 24)), ("since", date_on(rng))]),
               tool=pick(rng, ["java", "go", "requests"]), ua=pick(rng, ["RentalPortalFeedBot/3.1", "HomeSearchIngest/2.0 (+https://portal.example.net/feeds)"]),
               accept="application/xml, text/xml, */*;q=0.5", extra=[("if-modified-since", "Thu, 03 Dec 2026 06:00:00 GMT")])


# ------------------------------------------------------------------ applications


def application(rng: random.Random) -> Request:
    g, f = human(rng)
    _, sym = _cur(rng)
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    home = place(rng)
    fields = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("first_name", g), ("last_name", f), ("email", mailbox(rng, g, f)),
              ("phone", telephone(rng)), ("date_of_birth", f"19{rng.randint(60, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
              ("current_address", f"{home['line1']}, {home['line2'] + ', ' if home['line2'] else ''}{home['city']} {home['postal_code']}"),
              ("time_at_address", pick(rng, ["4 years", "8 months", "2y 3m", "since 2019"])),
              ("current_rent", f"{sym}{rng.randint(650, 2200)}"), ("employer", pick(rng, ["Ashcombe General Hospital", "Quayle & Pemberton LLP", "self-employed (plumber)", "Cedar Falls School District", "Brannigan Logistics Ltd"])),
              ("job_title", pick(rng, ["Staff Nurse", "Paralegal", "Sole trader", "Teacher (Grade 4)", "Warehouse supervisor"])),
              ("income", pick(rng, [f"{sym}38,500 p.a. + overtime", f"{sym}6,250/month gross", f"{sym}2,900 net monthly", "approx 45k"])),
              ("why_moving", pick(rng, APPLY_WHY)), ("about_you", pick(rng, APPLY_ABOUT)),
              ("pets", pick(rng, ["none", "1 cat (indoor)", "1 dog — Labrador x, 24kg", "2 guinea pigs 🐹", "fish tank (60L)"])),
              ("smoker", pick(rng, ["no", "no", "outside only"])), ("adverse_credit", pick(rng, ["no", "no", "yes - see notes"])),
              ("occupants", str(rng.randint(1, 5))), ("ref_landlord_name", " ".join(human(rng))), ("ref_landlord_contact", telephone(rng)),
              ("consent_referencing", "on")]
    parts: list[Part] = text_parts(fields)
    parts.append(("payslips", fake_pdf(rng, f"Payslip {pick(rng, ['Oct', 'Nov'])} 2026", "Sage Payroll"), pick(rng, ["payslip_nov.pdf", "Payslip October 2026.pdf", "scan0003.pdf"]), "application/pdf"))
    if rng.random() < 0.6:
        parts.append(("id_document", fake_jpeg(rng, rng.randint(500, 1500)), pick(rng, ["passport.jpg", "IMG_4471.jpg", "driving licence front.jpeg"]), "image/jpeg"))
    if rng.random() < 0.3:
        parts.append(("other_docs", b"", "", "application/octet-stream"))
    listing = rng.randint(10000, 99999)
    return web(rng, SRC, "application_submit", "POST", HOMES, f"/listings/{listing}/apply", body=multipart(parts, b),
               ctype=f"multipart/form-data; boundary={b}", nav=True, agent=a, ref=f"https://{HOMES}/listings/{listing}/apply?step=4",
               cookie=jar(rng, "django", tracking=0.6))


def application_autosave(rng: random.Random) -> Request:
    g, f = human(rng)
    step = pick(rng, ["household", "employment", "history", "guarantor"])
    data: object = {
        "household": {"adults": rng.randint(1, 3), "children": rng.randint(0, 3), "pets": pick(rng, [[], [{"type": "cat", "name": "Miso", "age": 6}],
                                                                                                       [{"type": "dog", "breed": "Lab x", "weightKg": 24}]])},
        "employment": {"status": pick(rng, ["employed", "self_employed", "student", "retired"]), "employer": "Quayle & Pemberton LLP",
                       "annualIncome": rng.randint(18, 95) * 1000, "startDate": f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-01"},
        "history": {"addresses": [{"address": f"{place(rng)['line1']}, {place(rng)['city']}", "from": "2021-06", "to": None, "landlord": " ".join(human(rng))}]},
        "guarantor": {"name": f"{g} {f}", "relationship": pick(rng, ["parent", "employer", "friend"]), "email": mailbox(rng, g, f), "homeowner": True},
    }[step]
    return web(rng, SRC, "application_autosave", "PATCH", HOMES, f"/api/applications/{ulid(rng)}", body=js_json({"step": step, "data": data}).encode(),
               ctype="application/json", cookie=jar(rng, "django", tracking=0.6), extra=xsrf(rng, "django"))


def application_decide(rng: random.Random) -> Request:
    obj = {"decision": pick(rng, ["approve", "approve_with_conditions", "decline", "request_info"]),
           "note": pick(rng, ["Approved subject to guarantor. Holding deposit received.", "Income < 30x rent; asked for 6 months up front — applicant agreed.",
                              "Declined: landlord has accepted another applicant. Sent the standard email.", "Please upload 3 months' bank statements (not just payslips).",
                              "Pet approved (cat). Add pet clause §7.3 to the AST."]),
           "conditions": some(rng, ["guarantor", "rent_in_advance:3", "pet_deposit:300", "break_clause:6"], 0, 2), "notify_applicant": True}
    return web(rng, SRC, "application_decision", "PATCH", APP, f"/api/v2/applications/{ulid(rng)}", body=js_json(obj).encode(), ctype="application/json",
               cookie=_mgr(rng), extra=xsrf(rng, "django"), ref=f"https://{APP}/applications")


def screening_hook(rng: random.Random) -> Request:
    obj = {"event": pick(rng, ["report.completed", "report.completed", "report.needs_action", "applicant.identity_failed"]), "id": f"evt_{chars(rng, ALNUM, 22)}",
           "created": unix(rng), "data": {"report_id": f"rpt_{chars(rng, ALNUM, 16)}", "external_ref": ulid(rng),
                                           "recommendation": pick(rng, ["accept", "accept_with_guarantor", "refer", "decline"]),
                                           "score": rng.randint(480, 820), "checks": {"identity": "pass", "credit": pick(rng, ["pass", "refer"]), "eviction": "clear",
                                                                                       "affordability": {"ratio": round(rng.uniform(1.8, 4.2), 2), "status": pick(rng, ["pass", "fail"])}},
                                           "notes": pick(rng, [None, "CCJ satisfied 2023-04 (£412)", "Thin credit file — recently arrived in the UK"])}}
    body = js_json(obj).encode()
    return api(rng, SRC, "screening_webhook", "POST", API, "/hooks/screening", body=body, ctype="application/json", tool="node",
               ua="TenantCheck-Webhooks/2.3", extra=[("x-tc-signature", f"t={unix(rng)},v1={hmac_hex(rng, body)}")])


# ------------------------------------------------------------------ manager dashboard


def listing_create(rng: random.Random) -> Request:
    cur, _sym = _cur(rng)
    rent = rng.randint(6, 32) * 50
    obj = {"unitId": _unit(rng), "title": pick(rng, ["Bright 2 bed flat near station", "Sunny 2BR/1BA — W/D in unit!", "3 bed semi w/ garden & garage",
                                                     "Studio above the bakery (bills incl.)", "Luxury 1BR, rooftop deck"]),
           "description": pick(rng, DESCS).replace("{date}", date_on(rng, ahead=True)), "rent": {"amount": rent, "currency": cur, "period": pick(rng, ["month", "pcm"])},
           "deposit": rent + rng.choice([0, rent // 4, 300]), "availableFrom": date_on(rng, ahead=True), "minTermMonths": pick(rng, [6, 12, 13]),
           "amenities": some(rng, ["parking", "garden", "washer_dryer", "dishwasher", "ev_charging", "bike_store", "lift", "balcony", "pets_considered"], 2, 5),
           "fees": pick(rng, ["None (Tenant Fees Act 2019)", "Application fee $45/adult", "Holding deposit: 1 week's rent"]), "publishTo": some(rng, ["homes", "portal_a", "portal_b"], 1, 3)}
    method = pick(rng, ["POST", "PUT"])
    path = "/api/v2/listings" if method == "POST" else f"/api/v2/listings/{rng.randint(10000, 99999)}"
    return web(rng, SRC, "listing_edit", method, APP, path, body=js_json(obj).encode(), ctype="application/json", cookie=_mgr(rng), extra=xsrf(rng, "django"),
               ref=f"https://{APP}/listings/new")


def listing_photos(rng: random.Random) -> Request:
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    parts: list[Part] = [("photos", fake_jpeg(rng, rng.randint(500, 1600), exif=pick(rng, [("Apple", "iPhone 15 Pro"), ("SONY", "ILCE-7M4"), ("Canon", "Canon EOS R6")])),
                          f"{pick(rng, ['IMG_', 'DSC0', 'living-room-', 'kitchen_'])}{rng.randint(1000, 9999)}.jpg", "image/jpeg") for _ in range(rng.randint(1, 3))]
    parts += text_parts([("captions", pick(rng, ["Living room", "Kitchen – new worktops", "Bedroom 1 (double)", "Garden, south-facing", ""])), ("order", "append")])
    return web(rng, SRC, "listing_photos", "POST", APP, f"/api/v2/listings/{rng.randint(10000, 99999)}/photos", body=multipart(parts, b),
               ctype=f"multipart/form-data; boundary={b}", agent=a, cookie=_mgr(rng), extra=xsrf(rng, "django"))


def photo_delete(rng: random.Random) -> Request:
    return web(rng, SRC, "listing_photo_delete", "DELETE", APP, f"/api/v2/listings/{rng.randint(10000, 99999)}/photos/{uuid4(rng)}", cookie=_mgr(rng),
               extra=xsrf(rng, "django"))


def dashboard(rng: random.Random) -> Request:
    path = pick(rng, ["/", "/properties", "/properties/" + str(rng.randint(100, 999)), "/maintenance", "/applications", "/rent-roll", "/owners",
                      "/accounting/ledger", "/messages", "/leases/expiring"])
    q = pick(rng, ["", "", "status=open&priority=urgent", "q=O%27Riordan", "property=412&unit=Flat+2", "month=2026-11", "page=2&sort=-due_date"])
    return web(rng, SRC, "manager_page", "GET", APP, path, q, nav=True, cookie=_mgr(rng), ref=f"https://{APP}/" if rng.random() < 0.7 else None)


def rent_roll(rng: random.Random) -> Request:
    pairs = [("as_of", date_on(rng)), ("portfolio", pick(rng, ["all", str(rng.randint(1, 40))])), ("include", "arrears,deposits"),
             ("format", pick(rng, ["json", "json", "csv", "xlsx"]))]
    return web(rng, SRC, "rent_roll_report", "GET", APP, "/api/v2/reports/rent-roll", qs(pairs), cookie=_mgr(rng))


def work_order(rng: random.Random) -> Request:
    obj = {"requestId": ulid(rng), "vendorId": f"ven_{chars(rng, ALNUM, 10)}", "priority": pick(rng, ["emergency", "urgent", "routine"]),
           "notToExceed": rng.randint(80, 1500), "instructions": pick(rng, ["Tenant home after 4pm. Key in lockbox — code via SMS on the day.",
                                                                           "Please send before/after photos & the part no. of the replacement cartridge.",
                                                                           "Gas Safe engineer required. Check flue + pressure; F28 = ignition failure.",
                                                                           "Call tenant (Mrs Okafor) 30 min before arrival, baby sleeping 1–3pm."]),
           "schedule": {"window": pick(rng, ["am", "pm", "all_day"]), "date": date_on(rng, ahead=True)}}
    return web(rng, SRC, "work_order_assign", "POST", APP, "/api/v2/work-orders", body=js_json(obj).encode(), ctype="application/json", cookie=_mgr(rng),
               extra=xsrf(rng, "django"))


def maint_update(rng: random.Random) -> Request:
    obj = {"status": pick(rng, ["acknowledged", "scheduled", "in_progress", "awaiting_parts", "completed"]),
           "note": pick(rng, ["Replaced cartridge (35mm ceramic) + washer. No leak after 20 min test.", "Needs new PCB — ordered, ETA 3–5 working days.",
                              "Mould treated w/ fungicidal wash; recommend new extractor (current one 40 m³/h, should be ≥ 60).",
                              "Couldn't access — nobody home & no key in lockbox. Call-out fee applies per T&Cs.", "Reset RCD; kettle element shorting, advised tenant to replace kettle."]),
           "cost": {"labour": money(rng, 40, 260), "parts": money(rng, 0, 180), "vat": rng.random() < 0.5}, "visible_to_tenant": rng.random() < 0.6}
    if rng.random() < 0.5:
        return web(rng, SRC, "maintenance_update", "PATCH", APP, f"/api/v2/maintenance/{rng.randint(1000, 99999)}", body=js_json(obj).encode(),
                   ctype="application/json", cookie=_mgr(rng), extra=xsrf(rng, "django"))
    return api(rng, SRC, "contractor_update", "PATCH", API, f"/v2/vendor/jobs/{ulid(rng)}", body=js_json(obj).encode(), ctype="application/json",
               tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "vendor"), ua=pick(rng, [None, "KeyholderPro/5.8.1 (iPhone; iOS 26.1; Scale/3.00)"]))


def inspection(rng: random.Random) -> Request:
    rooms = [{"room": r, "condition": pick(rng, ["good", "fair", "poor"]),
              "notes": pick(rng, ["Scuff on wall by door (~10cm)", "Carpet stain near window, pre-existing per inventory p.4", "All OK", "Blind cord broken",
                                  "Oven not cleaned — grease on door glass", "2 × picture hooks added (tenant asked permission 03/26)", "Grout discoloured around bath"]),
              "photos": [f"insp/{uuid4(rng)}.jpg" for _ in range(rng.randint(0, 3))]} for r in some(rng, ["Hallway", "Living room", "Kitchen", "Bedroom 1", "Bedroom 2", "Bathroom", "Garden"], 2, 6)]
    obj = {"type": pick(rng, ["move_in", "periodic", "move_out"]), "conductedAt": stamp(rng), "rooms": rooms, "meterReadings": {"electric": rng.randint(10000, 99999), "gas": rng.randint(1000, 9999)},
           "keys": {"front": 2, "back": 1, "fob": pick(rng, [0, 1, 2])}, "signedByTenant": rng.random() < 0.5}
    return api(rng, SRC, "inspection_report", "PUT", API, f"/v2/inspections/{ulid(rng)}", body=js_json(obj).encode(), ctype="application/json",
               tool=pick(rng, ["cfnetwork", "okhttp"]), auth=bearer(rng, f"https://{API}", "inspections"), ua=pick(rng, [None, "KeyholderPro/5.8.1 (Android 15; SM-S931B)"]))


def notice(rng: random.Random) -> Request:
    html = pick(rng, [
        "<p>Dear residents,</p><p>The water will be <strong>off on Tuesday 9 Dec, 9am–1pm</strong> while the rising main is replaced.</p><ul><li>Please fill a kettle beforehand</li><li>Don't use the washing machine that morning</li></ul><p>Thanks,<br>Thornbury Estates</p>",
        "<p>Reminder: bins go out <em>Sunday night</em> for Monday collection. Recycling = blue lid 🔵, general = black.</p><p>Bulky items → <a href=\"https://council.example.gov.uk/bulky\">book a collection</a>.</p>",
        "<h3>Fire alarm test</h3><p>The fire alarm will be tested every <b>Wednesday at 11:00</b> (~30 seconds). No need to evacuate during the test.</p>",
        "<p>Hi all — the gate code changes on 1 Jan. New code will be sent by SMS on 31/12. Please don't share it on the building WhatsApp group 🙏</p>"])
    obj = {"audience": {"propertyIds": [rng.randint(100, 999) for _ in range(rng.randint(1, 3))], "roles": ["tenant"]}, "subject": pick(rng, ["Water shut-off 9 Dec", "Bin day", "Weekly fire alarm test", "New gate code from 1 Jan"]),
           "html": html, "channels": some(rng, ["email", "sms", "portal"], 1, 3), "sendAt": pick(rng, [None, f"{date_on(rng, ahead=True)}T08:00:00Z"])}
    return web(rng, SRC, "tenant_notice", "POST", APP, "/api/v2/notices", body=js_json(obj).encode(), ctype="application/json", cookie=_mgr(rng),
               extra=xsrf(rng, "django"))


def late_fee_rules(rng: random.Random) -> Request:
    obj = {"graceDays": pick(rng, [3, 5, 14]), "fee": {"type": pick(rng, ["flat", "percent"]), "value": pick(rng, [15, 25, 50, 5])},
           "cap": pick(rng, [None, 100, "10%"]), "dailyInterest": pick(rng, [None, "3% over BoE base rate"]),
           "reminders": [{"daysAfterDue": d, "template": t} for d, t in [(1, "gentle_reminder"), (7, "second_notice"), (14, "final_notice")][: rng.randint(1, 3)]],
           "excludeIfPaymentPlan": True}
    return web(rng, SRC, "late_fee_settings", "PUT", APP, f"/api/v2/portfolios/{rng.randint(1, 40)}/late-fees", body=js_json(obj).encode(),
               ctype="application/json", cookie=_mgr(rng), extra=xsrf(rng, "django"))


def manager_login(rng: random.Random) -> Request:
    g, f = human(rng)
    host = pick(rng, [APP, TEN])
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("username", mailbox(rng, g, f)), ("password", chars(rng, ALNUM + "!@#$%&*?", rng.randint(10, 18))),
             ("remember", pick(rng, ["on", ""])), ("next", pick(rng, ["/", "/maintenance/new", "/pay", "/messages?thread=" + str(rng.randint(1, 9999))]))]
    return web(rng, SRC, "login", "POST", host, "/accounts/login/", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True,
               ref=f"https://{host}/accounts/login/?next={quote(pairs[4][1], safe='')}", cookie=jar(rng, "django", tracking=0.3))


# ------------------------------------------------------------------ tenants


def maintenance(rng: random.Random) -> Request:
    cat = pick(rng, ["plumbing", "heating", "electrical", "appliance", "damp_mould", "doors_locks", "pests", "exterior", "other"])
    fields = [("category", cat), ("priority", pick(rng, ["emergency", "urgent", "routine", "routine"])), ("location", pick(rng, ["Kitchen", "Bathroom", "Hallway", "Bedroom 2", "Outside", "Garage"])),
              ("description", pick(rng, MAINT)), ("permission_to_enter", pick(rng, ["yes", "no", "yes_with_notice"])),
              ("availability", pick(rng, ["Weekdays after 4pm", "Any time — WFH", "Mon/Wed mornings only", "Please call first: " + telephone(rng)])),
              ("pets_in_home", pick(rng, ["", "cat", "dog (friendly but barks)"]))]
    if rng.random() < 0.55:
        a = pick(rng, AGENTS)
        b = boundary_for(rng, a)
        parts: list[Part] = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64).encode(), None, None), *text_parts(fields)]
        for _ in range(rng.randint(0, 3)):
            parts.append(("photos", fake_jpeg(rng, rng.randint(400, 1500), exif=("Apple", "iPhone 14")) if rng.random() < 0.6 else fake_heic(rng, rng.randint(400, 1200)),
                          pick(rng, ["IMG_2291.JPG", "IMG_2292.HEIC", "leak.jpg", "20261130_081422.jpg", "image.jpg"]), pick(rng, ["image/jpeg", "image/heic"])))
        return web(rng, SRC, "maintenance_request", "POST", TEN, "/maintenance/new", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}",
                   nav=True, agent=a, cookie=_tenant(rng), ref=f"https://{TEN}/maintenance/new")
    tool = pick(rng, ["okhttp", "cfnetwork"])
    b = boundary_for(rng, tool=tool)
    parts = [("request", js_json(dict(fields)).encode(), None, "application/json")]
    for i in range(rng.randint(1, 2)):
        parts.append((f"photo{i}", fake_jpeg(rng, rng.randint(400, 1400)), f"photo_{unix(rng)}.jpg", "image/jpeg"))
    return api(rng, SRC, "maintenance_request_app", "POST", API, "/v2/tenant/maintenance", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}",
               tool=tool, auth=bearer(rng, f"https://{API}", "tenant"), ua=pick(rng, [None, "Keyholder/3.12.0 (com.keyholder.tenant; build:4410; iOS 26.1.0) Alamofire/5.10.2"]))


def rent_pay(rng: random.Random) -> Request:
    cur, _ = _cur(rng)
    amount = rng.randint(650, 2600)
    obj = {"leaseId": f"lse_{chars(rng, ALNUM, 14)}", "amount": {"value": f"{amount}.00", "currency": cur},
           "method": pick(rng, [{"type": "card", "token": f"pm_{chars(rng, ALNUM, 24)}"}, {"type": "bank_debit", "mandate": f"md_{chars(rng, ALNUM, 14)}"},
                                {"type": "ach", "account": f"ba_{chars(rng, ALNUM, 24)}", "last4": str(rng.randint(1000, 9999))}]),
           "allocation": pick(rng, ["oldest_first", "rent_only"]), "memo": pick(rng, ["", "Dec rent", "Rent + late fee (sorry!)", "Partial — rest on Friday"]),
           "idempotencyKey": uuid4(rng)}
    if rng.random() < 0.6:
        return web(rng, SRC, "rent_payment", "POST", TEN, "/api/payments", body=js_json(obj).encode(), ctype="application/json", cookie=_tenant(rng),
                   extra=xsrf(rng, "django"), ref=f"https://{TEN}/pay")
    return api(rng, SRC, "rent_payment_app", "POST", API, "/v2/tenant/payments", body=js_json(obj).encode(), ctype="application/json",
               tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "tenant"), extra=[("idempotency-key", str(obj["idempotencyKey"]))])


def autopay(rng: random.Random) -> Request:
    obj = {"enabled": rng.random() < 0.8, "day": pick(rng, [1, 1, 2, 3, 25, 28]), "paymentMethodId": f"pm_{chars(rng, ALNUM, 24)}", "maxAmount": pick(rng, [None, 1500, 2400]),
           "notifyDaysBefore": pick(rng, [1, 3])}
    return web(rng, SRC, "autopay_settings", "PUT", TEN, "/api/autopay", body=js_json(obj).encode(), ctype="application/json", cookie=_tenant(rng),
               extra=xsrf(rng, "django"))


def ledger(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return api(rng, SRC, "tenant_ledger_app", "GET", API, "/v2/tenant/ledger", uri_query([("from", date_on(rng)), ("limit", "50")]),
                   tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "tenant"))
    return web(rng, SRC, "tenant_page", "GET", TEN, pick(rng, ["/", "/pay", "/ledger", "/maintenance", "/documents", "/messages", "/renewal"]),
               pick(rng, ["", "", "tab=history", "status=closed"]), nav=True, cookie=_tenant(rng), site=pick(rng, ["same-origin", "none"]),
               ref=f"https://{TEN}/")


def meter(rng: random.Random) -> Request:
    obj = {"meter": pick(rng, ["electric", "gas", "water"]), "reading": rng.randint(1000, 99999), "readAt": stamp(rng), "photo": f"uploads/{uuid4(rng)}.jpg",
           "note": pick(rng, ["", "Dial 3 is hard to read, photo attached", "Move-out reading"])}
    return api(rng, SRC, "meter_reading", "POST", API, "/v2/tenant/meter-readings", body=js_json(obj).encode(), ctype="application/json",
               tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "tenant"))


def message(rng: random.Random) -> Request:
    thread = rng.randint(1000, 99999)
    if rng.random() < 0.3:
        return web(rng, SRC, "message_poll", "GET", pick(rng, [APP, TEN]), f"/api/threads/{thread}/messages", qs([("after", ulid(rng))]), cookie=_tenant(rng))
    obj = {"body": pick(rng, MESSAGES), "attachments": [f"att_{chars(rng, ALNUM, 12)}"] if rng.random() < 0.2 else []}
    host = pick(rng, [APP, TEN])
    if rng.random() < 0.7:
        return web(rng, SRC, "message_send", "POST", host, f"/api/threads/{thread}/messages", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_tenant(rng) if host == TEN else _mgr(rng), extra=xsrf(rng, "django"), ref=f"https://{host}/messages/{thread}")
    return api(rng, SRC, "message_send_app", "POST", API, f"/v2/threads/{thread}/messages", body=js_json(obj).encode(), ctype="application/json",
               tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "tenant"))


def inbound_sms(rng: random.Random) -> Request:
    pairs = [("ToCountry", "GB"), ("SmsMessageSid", "SM" + hexs(rng, 32)), ("NumMedia", "0"), ("From", "+447700900" + str(rng.randint(100, 999))),
             ("Body", pick(rng, ["Yes 10am is fine", "STOP", "Boiler working again thanks!", "Can the plumber come Thurs instead? Im at work weds",
                                 "Whos this?", "Paid £25 just now, ref FLAT2 DEC"])), ("To", "+447700900" + str(rng.randint(100, 999))),
             ("AccountSid", "AC" + hexs(rng, 32)), ("ApiVersion", "2010-04-01")]
    return api(rng, SRC, "sms_inbound", "POST", API, "/hooks/sms/inbound", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
               tool="java", ua="SmsGateway/1.1", extra=[("x-gateway-signature", chars(rng, ALNUM + "+/", 27) + "=")])


# ------------------------------------------------------------------ leases, payments, owners, accounting


def lease_upload(rng: random.Random) -> Request:
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    title = pick(rng, ["Assured Shorthold Tenancy Agreement", "Residential Lease Agreement", "Pet Addendum", "Renewal – 12 months", "Gas Safety Record 2026"])
    parts: list[Part] = [*text_parts([("document_type", pick(rng, ["lease", "addendum", "certificate", "inventory"])), ("title", title),
                                      ("expires_on", pick(rng, ["", date_on(rng, ahead=True)])), ("share_with_tenant", pick(rng, ["true", "false"]))]),
                         ("file", fake_pdf(rng, title), f"{slugify(title)}.pdf", "application/pdf")]
    return web(rng, SRC, "lease_document_upload", "POST", APP, f"/api/v2/leases/lse_{chars(rng, ALNUM, 14)}/documents", body=multipart(parts, b),
               ctype=f"multipart/form-data; boundary={b}", agent=a, cookie=_mgr(rng), extra=xsrf(rng, "django"))


def lease_generate(rng: random.Random) -> Request:
    g, f = human(rng)
    cur, sym = _cur(rng)
    obj = {"template": pick(rng, ["ast_england_2026", "us_residential_generic", "periodic_renewal"]), "tenants": [{"name": f"{g} {f}", "email": mailbox(rng, g, f)}],
           "start": date_on(rng, ahead=True), "termMonths": pick(rng, [6, 12, 18]), "rent": {"amount": rng.randint(650, 2600), "currency": cur, "dueDay": 1},
           "clauses": some(rng, [{"id": "pets", "text": "The Tenant may keep one cat at the Property. The Tenant shall pay for professional cleaning & de-flea treatment at the end of the Tenancy."},
                                 {"id": "break", "text": "Either party may end this Agreement after 6 months by giving not less than 2 months' written notice."},
                                 {"id": "garden", "text": "The Tenant shall keep the garden in a neat & tidy condition (lawn mowed, beds weeded) — mower provided."},
                                 {"id": "smoking", "text": "No smoking or vaping inside the Property, including e-cigarettes."},
                                 {"id": "utilities", "text": f"Tenant pays electric & gas; Landlord pays water/sewer/trash (approx. {sym}45/mo)."}], 1, 4),
           "sendForSignature": rng.random() < 0.6}
    return web(rng, SRC, "lease_generate", "POST", APP, "/api/v2/leases", body=js_json(obj).encode(), ctype="application/json", cookie=_mgr(rng),
               extra=xsrf(rng, "django"))


def esign_hook(rng: random.Random) -> Request:
    g, f = human(rng)
    obj = {"event_type": pick(rng, ["envelope.completed", "recipient.signed", "envelope.declined", "envelope.voided"]), "event_id": uuid4(rng), "occurred_at": stamp(rng),
           "envelope": {"id": uuid4(rng), "subject": pick(rng, ["Please sign: Tenancy Agreement – Flat 2, 14 Marlpit Lane", "Lease renewal 2027", "Pet addendum"]),
                        "metadata": {"lease_id": f"lse_{chars(rng, ALNUM, 14)}"},
                        "recipients": [{"name": f"{g} {f}", "email": mailbox(rng, g, f), "status": pick(rng, ["signed", "delivered", "declined"]),
                                        "decline_reason": pick(rng, [None, "Rent amount is wrong (should be £1,150 not £1,500)"])}]}}
    body = js_json(obj).encode()
    return api(rng, SRC, "esign_webhook", "POST", API, "/hooks/esign", body=body, ctype="application/json", tool="java", ua="SignDesk-Connect/4.0",
               extra=[("x-signdesk-signature-1", hmac_hex(rng, body))])


def payment_hook(rng: random.Random) -> Request:
    cur, _ = _cur(rng)
    kind = pick(rng, ["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", "mandate.updated", "payout.paid", "ach.returned"])
    obj = {"id": f"evt_{chars(rng, ALNUM, 24)}", "object": "event", "type": kind, "created": unix(rng), "livemode": True,
           "data": {"object": {"id": f"pi_{chars(rng, ALNUM, 24)}", "amount": rng.randint(650, 2600) * 100, "currency": cur.lower(),
                               "metadata": {"lease_id": f"lse_{chars(rng, ALNUM, 14)}", "tenant_ref": f"TEN-{rng.randint(10000, 99999)}"},
                               "last_payment_error": {"code": "card_declined", "message": "Your card has insufficient funds."} if "failed" in kind else None,
                               "return_code": "R01" if kind == "ach.returned" else None}}}
    body = js_json(obj).encode()
    return api(rng, SRC, "payment_webhook", "POST", API, "/hooks/payments", body=body, ctype="application/json; charset=utf-8", tool="ruby",
               ua="PayStream/1.0 (+https://paystream.example.com/docs/webhooks)", accept="*/*; q=0.5, application/xml",
               extra=[("paystream-signature", f"t={unix(rng)},v1={hmac_hex(rng, body)}")])


def owner_statement(rng: random.Random) -> Request:
    month = pick(rng, ["2026-09", "2026-10", "2026-11"])
    if rng.random() < 0.5:
        return web(rng, SRC, "owner_statement", "GET", APP, f"/owners/{rng.randint(1, 400)}/statements/{month}.pdf", nav=True, cookie=_mgr(rng),
                   accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ref=f"https://{APP}/owners")
    return api(rng, SRC, "owner_statement_api", "GET", API, f"/v2/owners/{rng.randint(1, 400)}/statements", uri_query([("month", month), ("include", "lines,attachments")]),
               tool=pick(rng, ["requests", "php"]), auth=f"Bearer kh_live_{chars(rng, ALNUM, 40)}", accept="application/json")


def accounting_export(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return web(rng, SRC, "accounting_export", "GET", APP, "/accounting/export", qs([("from", date_on(rng)), ("to", date_on(rng)), ("format", pick(rng, ["csv", "iif", "xlsx"])),
                                                                                        ("accounts", pick(rng, ["all", "4000,4010,5200"])), ("group_by", pick(rng, ["property", "owner", "none"]))]),
                   nav=True, cookie=_mgr(rng), accept="text/csv,*/*;q=0.8")
    lines = [{"account": pick(rng, ["4000 Rent income", "4010 Late fees", "5200 Repairs & maintenance", "2100 Tenant deposits held", "6100 Management fees"]),
              "debit": money(rng, 0, 900), "credit": "0.00", "memo": pick(rng, ["Flat 2 – Dec rent", "Plumber (inv #A-3391)", "Mgmt fee 10% + VAT", "Deposit → DPS"]),
              "class": pick(rng, ["14 Marlpit Lane", "Unit 5, Thimbleby Way"])} for _ in range(rng.randint(2, 5))]
    obj = {"journalDate": date_on(rng), "reference": f"KH-{rng.randint(10000, 99999)}", "lines": lines}
    return api(rng, SRC, "accounting_push", "POST", "books.ledgerly.example.com", f"/api/v3/companies/{rng.randint(10**6, 10**7)}/journals", body=py_json(obj).encode(),
               ctype="application/json", tool="requests", auth=bearer(rng, "https://auth.ledgerly.example.com", "accounting.journals"),
               extra=[("x-request-id", uuid4(rng))])


def bank_import(rng: random.Random) -> Request:
    rows = ["Date,Description,Amount,Balance"]
    bal = rng.uniform(3000, 20000)
    for _ in range(rng.randint(4, 12)):
        amt = rng.choice([1, 1, 1, -1]) * rng.uniform(20, 1800)
        bal += amt
        g, f = human(rng)
        desc = pick(rng, [f"FPS CREDIT {f.upper()} {g[0]} RENT FLAT{rng.randint(1, 8)}", "DD BRITISH GAS", f"CARD 1234 SCREWFIX {pick(rng, ['ASHCOMBE', 'EXETER'])}",
                          f"BGC {f.upper()}, {g.upper()} DEC RENT", "TFR TO DEPOSIT ACC", f"\"PLUMBFAST LTD, INV A-{rng.randint(1000, 9999)}\""])
        rows.append(f"{rng.randint(1, 28):02d}/11/2026,{desc},{amt:.2f},{bal:.2f}")
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    parts: list[Part] = [("statement", ("\r\n".join(rows) + "\r\n").encode(), pick(rng, ["Statement_Nov2026.csv", "transactions (1).csv", "export.csv"]), "text/csv"),
                         *text_parts([("account", f"ba_{chars(rng, ALNUM, 10)}"), ("date_format", pick(rng, ["DD/MM/YYYY", "MM/DD/YYYY"])), ("auto_match", "true")])]
    return web(rng, SRC, "bank_statement_import", "POST", APP, "/api/v2/banking/imports", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}",
               agent=a, cookie=_mgr(rng), extra=xsrf(rng, "django"))


def agency_site(rng: random.Random) -> Request:
    return web(rng, SRC, "agency_listing_widget", "GET", API, "/v2/public/listings", uri_query([("agency", "thornbury"), ("status", "available"), ("limit", "12"),
                                                                                              ("fields", "id,title,rent,photos[0],beds")]),
               ref=f"https://{AGENCY}/properties-to-let", site="cross-site", accept="application/json")


def saved_search_delete(rng: random.Random) -> Request:
    return web(rng, SRC, "saved_search_delete", "DELETE", HOMES, f"/api/saved-searches/{rng.randint(1000, 99999)}", cookie=jar(rng, "django", tracking=0.6),
               extra=xsrf(rng, "django"))


def property_management(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (12, listing_search), (10, listing_page), (5, enquiry), (3, viewing), (2, syndication), (5, application), (3, application_autosave),
        (3, application_decide), (2, screening_hook), (3, listing_create), (2, listing_photos), (1, photo_delete), (7, dashboard), (2, rent_roll),
        (3, work_order), (4, maint_update), (2, inspection), (2, notice), (1, late_fee_rules), (3, manager_login), (9, maintenance), (6, rent_pay),
        (2, autopay), (5, ledger), (2, meter), (7, message), (2, inbound_sms), (2, lease_upload), (2, lease_generate), (2, esign_hook),
        (4, payment_hook), (3, owner_statement), (3, accounting_export), (2, bank_import), (2, agency_site), (1, saved_search_delete),
    ])

