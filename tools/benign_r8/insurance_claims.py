# ruff: noqa: RUF001 - real text uses typographic characters
"""An insurer's claims operation ("Bellmoor Mutual"): the customers' claims
portal (ASP.NET Core pages with antiforgery tokens, and a SPA over a JSON
API) for first notice of loss with free-text narratives, policy look-ups,
document and photo uploads, settlement acceptance and chat; the adjusters'
workbench (notes, reserves, searches, payments, and the rules, triage and
template screens admins edit); the repair-shop portal (estimates, supplements,
status); partner feeds (telematics crash alerts, estimating systems), the
legacy policy system's SOAP service, and payment, SMS and e-mail webhooks.
"""

from __future__ import annotations

import random

from .common import (
    AGENTS,
    ALNUM,
    Part,
    Request,
    api,
    basic,
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
    some,
    stamp,
    telephone,
    text_parts,
    traceparent,
    unix,
    uri_query,
    uuid4,
    web,
    xsrf,
)

SRC = "insurance_claims"
PORTAL = "claims.bellmoor.example.com"
API = "api.bellmoor.example.com"
WB = "workbench.bellmoor.example.com"
SHOP = "repairnet.bellmoor.example.com"
PAS = "pas.bellmoor.example.net"
proxied("alb", PORTAL, API, SHOP)

NARRATIVES = {
    "motor": [
        "I was stationary at the lights on Cinderford Avenue (junction with Rookery Mews) at approx 8:15am when the vehicle behind — silver hatchback, reg ending '4KX' — failed to stop and hit my rear bumper. The driver apologised & said he'd looked down at his phone. We swapped details. No injuries but my neck is a bit stiff today.",
        "Came back to my car in the supermarket car park to find a dent + white paint transfer on the driver's door. No note left. Security said they'd check the CCTV (their ref 55/1123).",
        "I was making a left turn on a green arrow at Main & 3rd when a pickup ran the red and hit the passenger side. Police attended (report #2026-118943). Airbags deployed. Car was towed to Cedar Falls Collision.",
        "Hail storm 11/14 around 4:30pm, golf-ball size. Dents all over hood/roof/trunk and a cracked windshield. Car was parked on the driveway.",
        "Reversing out of a space, I clipped a concrete bollard I didn't see (it was below the camera's view). Rear bumper cracked & parking sensor hanging off. My fault, no other vehicle involved.",
        "A stone flew up from a lorry on the M5 (southbound, between J29 and J30) and chipped the windscreen — chip is ~8mm, in the driver's line of sight, and a crack is starting to spread from it.",
    ],
    "home": [
        "Water came through the kitchen ceiling from the bathroom above at around 2am. The plumber (invoice attached) found a failed compression joint on the cistern feed. Ceiling plasterboard is sagging ~5cm and the electrician isolated the kitchen circuit as a precaution.",
        "Storm on 30/11 blew about 12 ridge tiles off and the 6ft fence panels at the back (x3) are down. Temporary tarp on the roof; roofer's quote to follow.",
        "Bike stolen from the communal bike store — the D-lock was cut. Bike: Ridgeline Trail 3, frame no. WTU123X4567 (on the receipt), bought 03/2025 for £1,249. Crime ref: 43/98712/26.",
        "My son knocked a glass of water onto my laptop. It won't turn on. Repair shop says it's the logic board — quote £720 vs £999 for a new one.",
        "Washing machine hose split while we were out; water through to the flat below (No. 3). Their ceiling is stained and a light fitting filled with water. Their landlord's details: see attached.",
        "Break-in through the back door (lock snapped). Taken: TV (55\"), PS5 + 2 controllers, my grandmother's ring (valued £2,300 in 2019, certificate attached). Police ref CAD 0412 02/12.",
    ],
    "travel": [
        "Flight cancelled by the airline ('crew shortage'). Had to book a next-day flight + 1 night hotel. The airline refunded the original fare but not the hotel (€142) or meals (€38.50).",
        "Suitcase didn't arrive in Lisbon; delivered 3 days later, wheel broken & zip torn. Bought essentials (receipts attached, €211.17). PIR ref: LIS12345.",
        "Fell on a wet step in the hotel in Crete and fractured my wrist. Treated at the local clinic (paid €480 up front), cast on, flew home as planned.",
    ],
    "pet": [
        "Biscuit (Cockapoo, 4) ate a sock 🧦 — vet did an endoscopy to remove it. Total bill £1,860.40 (itemised invoice attached). Pre-authorisation form completed by the vet.",
        "Our cat Mango has been diagnosed with hyperthyroidism. Claiming for bloods + first 3 months of medication (Felimazole 2.5mg). Vet's clinical history attached.",
    ],
}
NOTES = [
    "TP insurer contacted (ref TP-88213) — accepting 100% liability. Hire arranged via credit hire co. Vehicle @ approved repairer; est £3,412.87 incl VAT. Reserve ↑ to £4,500. Diary 7d: chase engineer's report.",
    "Called PH 10:42 — no answer, VM left. Emailed re: missing photos of ceiling. Plumber inv confirms EOW from failed joint → covered under s.2(d). Excess £250 applies.",
    "Referral flag only (not SIU yet): policy incepted 9 days before loss; 3 prior claims 2024–25 w/ other insurer per database check. Nothing conclusive.",
    "Recovery: subrogate vs upstairs flat's insurer (policy no. unknown). Letter sent 02/12, 21-day response.",
    "Cash settlement agreed £1,180 (ACV per valuation tool, less £250 XS). PH happy; payment to be raised today.",
    "Liability disputed: PH says TP pulled out of side road, TP says PH was speeding. Dashcam requested from PH ('will upload tonight'). 50/50 likely if no footage.",
    "Engineer report in: CAT S (structural), PAV £6,850, salvage 22%. Offer PAV − XS = £6,600. PH wants to retain salvage? → ask.",
    "Medical: soft-tissue neck (whiplash) claimed by TP — refer to injury team; portal ref RTA-2026-…",
    "Vet invoice reviewed: line 14 (\"Hill's i/d tins x12\") excluded — food not covered under s.5.3.",
    "Glass: repair not possible (in DLOS & > 10mm). Replacement booked w/ ADAS recalibration; fee £95 excess.",
]
PERILS = {"motor": ["collision", "hit_while_parked", "glass", "hail", "theft", "fire"], "home": ["escape_of_water", "storm", "theft", "accidental_damage", "fire", "subsidence"],
          "travel": ["cancellation", "baggage", "medical"], "pet": ["illness", "accident"]}


def _pol(rng: random.Random, lob: str | None = None) -> str:
    prefix = {"motor": "BMM", "home": "BMH", "travel": "BMT", "pet": "BMP"}[lob or pick(rng, list(PERILS))]
    return f"{prefix}-{rng.randint(10**7, 10**8 - 1)}"


def _claim(rng: random.Random) -> str:
    return f"CL{rng.randint(2026, 2026)}-{rng.randint(100000, 999999)}"


def _reg(rng: random.Random) -> str:
    return pick(rng, [f"{chars(rng, 'ABCDEFGHJKLMNOPRSTUVWXY', 2)}{rng.randint(10, 75)} {chars(rng, 'ABCDEFGHJKLMNOPRSTUVWXYZ', 3)}",
                      f"{rng.randint(1, 9)}{chars(rng, 'ABCDEFGHJKLMNPRSTUVWXYZ', 3)}{rng.randint(100, 999)}"])


def _cust(rng: random.Random) -> str:
    return jar(rng, "aspnet", tracking=0.4, extra=[("bm_lang", pick(rng, ["en-GB", "en-US"])), ("ARRAffinity", hexs(rng, 64))])


def _staff(rng: random.Random) -> str:
    return jar(rng, "", tracking=0.0, extra=[("wb_session", b64(rng)), ("XSRF-TOKEN", uuid4(rng))])


def b64(rng: random.Random) -> str:
    return chars(rng, ALNUM + "-_", 43)


def _staff_auth(rng: random.Random) -> str:
    return bearer(rng, "https://login.bellmoor.example.com/oauth2/default", "claims.read claims.write")


# ------------------------------------------------------------------ customer portal


def fnol_form(rng: random.Random) -> Request:
    lob = pick(rng, ["motor", "motor", "home", "home", "travel", "pet"])
    g, f = human(rng)
    step = pick(rng, ["details", "what_happened", "other_parties", "review"])
    pairs: list[tuple[str, str]] = [("__RequestVerificationToken", "CfDJ8" + b64(rng) + b64(rng)), ("Step", step), ("PolicyNumber", _pol(rng, lob))]
    if step == "details":
        pairs += [("LossDate", date_on(rng)), ("LossTime", f"{rng.randint(0, 23):02d}:{pick(rng, ['00', '15', '30', '45'])}"), ("LossType", lob),
                  ("Peril", pick(rng, PERILS[lob])), ("ContactPhone", telephone(rng)), ("ContactEmail", mailbox(rng, g, f)),
                  ("PreferredContact", pick(rng, ["phone", "email", "sms"]))]
    elif step == "what_happened":
        pairs += [("Narrative", pick(rng, NARRATIVES[lob])), ("Location", pick(rng, ["Cinderford Avenue / Rookery Mews", "home", "M5 J29-J30 southbound", "Lisbon airport",
                                                                                    f"{place(rng)['line1']}, {place(rng)['city']}"])),
                  ("PoliceAttended", pick(rng, ["true", "false"])), ("PoliceReference", pick(rng, ["", "43/98712/26", "2026-118943", "CAD 0412 02/12"])),
                  ("AnyoneInjured", pick(rng, ["false", "false", "true"])), ("EstimatedCost", pick(rng, ["", "1500", "£3,400", "about 700", "unknown"]))]
    elif step == "other_parties":
        tg, tf = human(rng)
        pairs += [("OtherParties[0].Name", f"{tg} {tf}"), ("OtherParties[0].Role", pick(rng, ["driver", "owner", "neighbour", "witness"])),
                  ("OtherParties[0].Phone", telephone(rng)), ("OtherParties[0].VehicleReg", _reg(rng) if lob == "motor" else ""),
                  ("OtherParties[0].Insurer", pick(rng, ["", "Allbright Insurance", "don't know", "Harbourline Direct"])),
                  ("OtherParties[0].Notes", pick(rng, ["", "Admitted fault at the scene", "Said he'd 'sort it privately' then stopped answering", "Gave me a card with the wrong number on it?"]))]
    else:
        pairs += [("Declaration", "true"), ("MarketingOptIn", pick(rng, ["false", "true"])), ("Signature", f"{g} {f}")]
    return web(rng, SRC, "fnol_form", "POST", PORTAL, "/claims/new", qs([("step", step)]), body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
               nav=True, cookie=_cust(rng), ref=f"https://{PORTAL}/claims/new?step={step}")


def fnol_json(rng: random.Random) -> Request:
    lob = pick(rng, list(NARRATIVES))
    g, f = human(rng)
    obj: dict[str, object] = {
        "policyNumber": _pol(rng, lob), "lossDate": f"{date_on(rng)}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00", "lineOfBusiness": lob,
        "peril": pick(rng, PERILS[lob]), "description": pick(rng, NARRATIVES[lob]), "reporter": {"name": f"{g} {f}", "relationship": pick(rng, ["policyholder", "named_driver", "spouse"]),
                                                                                                   "phone": telephone(rng), "email": mailbox(rng, g, f)},
        "location": place(rng), "injuries": rng.random() < 0.15, "emergencyServices": pick(rng, [[], ["police"], ["police", "ambulance"], ["fire"]]),
        "thirdParties": [{"name": " ".join(human(rng)), "vehicle": {"reg": _reg(rng), "make": pick(rng, ["Ford", "Vauxhall", "Toyota", "Kia"]), "colour": pick(rng, ["silver", "white", "blue"])}}]
        if lob == "motor" and rng.random() < 0.6 else [],
        "witnesses": [{"name": " ".join(human(rng)), "phone": telephone(rng)}] if rng.random() < 0.3 else [], "consent": {"privacyNotice": True, "fraudWarning": True},
    }
    if lob == "motor":
        obj["vehicle"] = {"reg": _reg(rng), "drivable": rng.random() < 0.7, "currentLocation": pick(rng, ["home", "roadside", "Cedar Falls Collision, 1200 Eastbrook Parade", "police pound"])}
    return web(rng, SRC, "fnol_submit", "POST", API, "/portal/v2/claims", body=js_json(obj).encode(), ctype="application/json",
               cookie=_cust(rng), extra=[("x-client-version", f"portal@{rng.randint(40, 46)}.{rng.randint(0, 9)}.{rng.randint(0, 20)}"), *xsrf(rng, "aspnet")],
               ref=f"https://{PORTAL}/claims/new/review", site="same-site")


def draft_delete(rng: random.Random) -> Request:
    return web(rng, SRC, "fnol_draft_delete", "DELETE", API, f"/portal/v2/claims/drafts/{uuid4(rng)}", cookie=_cust(rng), extra=xsrf(rng, "aspnet"),
               ref=f"https://{PORTAL}/claims", site="same-site")


def policy_lookup(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return web(rng, SRC, "policy_lookup", "GET", API, "/portal/v2/policies/lookup", uri_query([("policyNumber", _pol(rng)), ("postcode", place(rng)["postal_code"]),
                                                                                                 ("dob", f"19{rng.randint(50, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")]),
                   cookie=_cust(rng), ref=f"https://{PORTAL}/claims/new", site="same-site")
    return web(rng, SRC, "policy_coverages", "GET", API, f"/portal/v2/policies/{_pol(rng)}/coverages", uri_query([("asAt", date_on(rng)), ("include", "excess,limits,endorsements")]),
               cookie=_cust(rng), ref=f"https://{PORTAL}/policies", site="same-site")


def claim_status(rng: random.Random) -> Request:
    c = _claim(rng)
    if rng.random() < 0.5:
        return web(rng, SRC, "claim_page", "GET", PORTAL, f"/claims/{c}", pick(rng, ["", "tab=documents", "tab=messages", "tab=payments"]), nav=True, cookie=_cust(rng),
                   site=pick(rng, ["same-origin", "none", "cross-site"]), ref=pick(rng, ["https://mail.example.com/", f"https://{PORTAL}/claims"]))
    return api(rng, SRC, "claim_status_app", "GET", API, f"/mobile/v1/claims/{c}", uri_query([("expand", "timeline,tasks")]), tool=pick(rng, ["okhttp", "cfnetwork"]),
               auth=bearer(rng, "https://login.bellmoor.example.com/oauth2/customers", "claims.self"),
               ua=pick(rng, [None, "Bellmoor/8.2.0 (uk.co.bellmoor.app; build:8200; iOS 26.1.0) Alamofire/5.10.2"]))


def upload(rng: random.Random) -> Request:
    c = _claim(rng)
    kind = pick(rng, ["photo", "photo", "invoice", "police_report", "receipt", "medical", "dashcam_still"])
    if kind in ("photo", "dashcam_still"):
        file: Part = ("files", fake_jpeg(rng, rng.randint(600, 1800), exif=pick(rng, [("Apple", "iPhone 13"), ("samsung", "SM-S931B"), ("Google", "Pixel 8a")])),
                      pick(rng, ["IMG_7781.JPG", "20261201_174455.jpg", "rear bumper.jpg", "ceiling 2.jpg", "dashcam_0412.jpg"]), "image/jpeg")
    elif rng.random() < 0.2:
        file = ("files", fake_heic(rng, rng.randint(500, 1400)), "IMG_7782.HEIC", "image/heic")
    else:
        title = {"invoice": "Invoice A-3391 PlumbFast Ltd", "police_report": "Crime report 43-98712-26", "receipt": "Receipt Ridgeline Trail 3",
                 "medical": "Clinical history - Mango", "photo": "", "dashcam_still": ""}[kind]
        file = ("files", fake_pdf(rng, title, pick(rng, ["Adobe PDF Library 24.4", "Microsoft: Print To PDF", "iOS Version 26.1 Quartz PDFContext"])), f"{title or 'scan'}.pdf", "application/pdf")
    fields = [("documentType", kind), ("description", pick(rng, ["", "Photo of the damage from the driveway", "Plumber's invoice", "Original receipt (2025)", "as requested by Kasimir on the phone"]))]
    if rng.random() < 0.6:
        a = pick(rng, AGENTS)
        b = boundary_for(rng, a)
        parts = [*text_parts(fields), file]
        return web(rng, SRC, "document_upload", "POST", API, f"/portal/v2/claims/{c}/documents", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}",
                   agent=a, cookie=_cust(rng), extra=xsrf(rng, "aspnet"), ref=f"https://{PORTAL}/claims/{c}?tab=documents", site="same-site")
    tool = pick(rng, ["okhttp", "cfnetwork"])
    b = boundary_for(rng, tool=tool)
    return api(rng, SRC, "document_upload_app", "POST", API, f"/mobile/v1/claims/{c}/documents", body=multipart([*text_parts(fields), file], b),
               ctype=f"multipart/form-data; boundary={b}", tool=tool, auth=bearer(rng, "https://login.bellmoor.example.com/oauth2/customers", "claims.self"))


def settlement(rng: random.Random) -> Request:
    g, f = human(rng)
    c = _claim(rng)
    pairs = [("__RequestVerificationToken", "CfDJ8" + b64(rng) + b64(rng)), ("Decision", pick(rng, ["accept", "accept", "dispute"])),
             ("PayeeName", f"{g} {f}"), ("SortCode", f"{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"), ("AccountNumber", str(rng.randint(10**7, 10**8 - 1))),
             ("DisputeReason", pick(rng, ["", "", "The valuation doesn't include the tow bar (£450 fitted) or the new tyres (4x, Oct 2026).",
                                          "Similar cars on the classifieds are £7,200–£7,900, not £6,850 — links below:\nhttps://cars.example.com/ad/88231\nhttps://cars.example.com/ad/90112"])),
             ("Confirm", "true")]
    return web(rng, SRC, "settlement_response", "POST", PORTAL, f"/claims/{c}/settlement", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
               nav=True, cookie=_cust(rng), ref=f"https://{PORTAL}/claims/{c}/settlement")


def chat(rng: random.Random) -> Request:
    obj = {"conversationId": uuid4(rng), "text": pick(rng, ["Hi, any update on my claim? It's been 2 weeks since the engineer came.",
                                                             "The repairer says they're waiting for authorisation from you?",
                                                             "Can I use my own garage instead of the approved one? It's 2 miles away.",
                                                             "I've uploaded the receipt now 👍", "How much is my excess — £250 or £350? The letter says one and the app the other.",
                                                             "Do I need a crime reference number for a bike stolen from a shared store?"]),
           "clientMessageId": uuid4(rng)}
    return web(rng, SRC, "chat_message", "POST", API, "/portal/v2/chat/messages", body=js_json(obj).encode(), ctype="application/json", cookie=_cust(rng),
               extra=xsrf(rng, "aspnet"), ref=f"https://{PORTAL}/claims", site="same-site")


def portal_login(rng: random.Random) -> Request:
    g, f = human(rng)
    if rng.random() < 0.5:
        pairs = [("Input.Email", mailbox(rng, g, f)), ("Input.Password", chars(rng, ALNUM + "!£$%&*", rng.randint(10, 16))), ("Input.RememberMe", pick(rng, ["true", "false"])),
                 ("__RequestVerificationToken", "CfDJ8" + b64(rng) + b64(rng))]
        return web(rng, SRC, "portal_login", "POST", PORTAL, "/Account/Login", qs([("ReturnUrl", pick(rng, ["/claims", "/claims/new?lob=motor", "/"]))]),
                   body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True, cookie=jar(rng, "aspnet", tracking=0.4))
    pairs = [("Input.Code", str(rng.randint(100000, 999999))), ("Input.RememberMachine", pick(rng, ["true", "false"])), ("__RequestVerificationToken", "CfDJ8" + b64(rng) + b64(rng))]
    return web(rng, SRC, "portal_mfa", "POST", PORTAL, "/Account/LoginWith2fa", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True,
               cookie=_cust(rng))


def portal_page(rng: random.Random) -> Request:
    return web(rng, SRC, "portal_page", "GET", PORTAL, pick(rng, ["/", "/claims", "/claims/new", "/policies", "/help/what-to-do-after-an-accident", "/help/escape-of-water"]),
               pick(rng, ["", "", "lob=motor", "utm_source=sms&utm_campaign=fnol_followup"]), nav=True, cookie=_cust(rng), site=pick(rng, ["same-origin", "none", "cross-site"]),
               ref=pick(rng, ["https://www.bellmoor.example.com/", "https://search.example.com/"]))


# ------------------------------------------------------------------ adjusters' workbench


def note(rng: random.Random) -> Request:
    obj = {"claimNumber": _claim(rng), "text": pick(rng, NOTES), "category": pick(rng, ["contact", "liability", "reserve", "recovery", "fraud_indicator", "medical", "general"]),
           "visibility": pick(rng, ["internal", "internal", "shared_with_repairer"]), "diary": pick(rng, [None, {"dueDate": date_on(rng, ahead=True), "action": "chase engineer report"}])}
    return web(rng, SRC, "adjuster_note", "POST", WB, f"/api/claims/{obj['claimNumber']}/notes", body=js_json(obj).encode(), ctype="application/json",
               cookie=_staff(rng), extra=[("authorization", _staff_auth(rng)), ("x-xsrf-token", uuid4(rng))], ref=f"https://{WB}/claims/{obj['claimNumber']}")


def reserve(rng: random.Random) -> Request:
    c = _claim(rng)
    obj = {"costType": pick(rng, ["indemnity", "expense", "recovery"]), "category": pick(rng, ["vehicle_damage", "hire", "building", "contents", "vet_fees", "legal"]),
           "amount": {"value": money(rng, 150, 25000), "currency": pick(rng, ["GBP", "USD", "EUR"])},
           "reason": pick(rng, ["Engineer's estimate received", "Hire extended 14d — parts delay", "Injury claimed by TP", "Reduce: settled below reserve", "Initial reserve per guidelines §3.2"]),
           "authorisedBy": pick(rng, [None, "team-lead"])}
    return web(rng, SRC, "reserve_change", "PATCH", WB, f"/api/claims/{c}/reserves/{pick(rng, ['indemnity', 'expense'])}", body=js_json(obj).encode(), ctype="application/json",
               cookie=_staff(rng), extra=[("authorization", _staff_auth(rng)), ("x-xsrf-token", uuid4(rng))])


def claim_search(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, ["", "O'Riordan", "rear-end", "\"escape of water\"", _reg(rng), _pol(rng), "Cedar Falls Collision", "hail AND windshield", "policyholder:Balogun", "Mango"])),
             ("status", pick(rng, ["", "open", "open,reopened", "pending_payment"])), ("lob", pick(rng, ["", "motor", "home", "pet"])),
             ("assignee", pick(rng, ["", "me", "unassigned"])), ("reserveMin", pick(rng, ["", "5000", "25000"])), ("reportedFrom", pick(rng, ["", date_on(rng)])),
             ("sort", pick(rng, ["-reportedAt", "reserve", "-lastActivity"])), ("page", str(rng.randint(0, 4))), ("size", "25")]
    return web(rng, SRC, "claim_search", "GET", WB, "/api/claims", uri_query([(k, v) for k, v in pairs if v]), cookie=_staff(rng),
               extra=[("authorization", _staff_auth(rng))], ref=f"https://{WB}/claims")


def workbench_page(rng: random.Random) -> Request:
    return web(rng, SRC, "workbench_page", "GET", WB, pick(rng, ["/", "/claims", f"/claims/{_claim(rng)}", "/diary", "/admin/rules", "/admin/templates", "/payments/approvals"]),
               nav=True, cookie=_staff(rng))


def payment(rng: random.Random) -> Request:
    g, f = human(rng)
    obj = {"claimNumber": _claim(rng), "payee": {"type": pick(rng, ["policyholder", "repairer", "third_party", "vet", "hire_company"]), "name": pick(rng, [f"{g} {f}", "Cedar Falls Collision LLC", "PlumbFast Ltd", "Whinmoor Veterinary Centre"]),
                                                   "bankAccountId": f"bka_{chars(rng, ALNUM, 14)}"},
           "amount": money(rng, 80, 9000), "currency": pick(rng, ["GBP", "USD"]), "costType": "indemnity", "excessApplied": pick(rng, [0, 100, 250, 350]),
           "memo": pick(rng, ["Settlement — PAV less excess", "Interim payment (alt. accommodation)", "Vet invoice #22871 less exclusions", "Hire 14 days @ £38.50"]),
           "idempotencyKey": uuid4(rng)}
    return web(rng, SRC, "payment_issue", "POST", WB, "/api/payments", body=js_json(obj).encode(), ctype="application/json", cookie=_staff(rng),
               extra=[("authorization", _staff_auth(rng)), ("x-xsrf-token", uuid4(rng)), ("idempotency-key", str(obj["idempotencyKey"]))])


RULES = [
    {"id": "R-017", "name": "Fast-track small glass claims", "when": "claim.lob == 'motor' and claim.peril == 'glass' and estimate.total <= 350",
     "then": [{"action": "auto_approve"}, {"action": "assign_queue", "queue": "glass"}], "priority": 10},
    {"id": "R-022", "name": "Early claim", "when": "policy.inceptionDays < 30 && claim.reserve >= 5000", "then": [{"action": "flag", "code": "EARLY_CLAIM"}], "priority": 50},
    {"id": "R-031", "name": "Reg format check", "when": "!matches(claim.vehicle.reg, '^[A-Z]{2}[0-9]{2} ?[A-Z]{3}$') && claim.country == 'GB'",
     "then": [{"action": "task", "title": "Check vehicle reg (unusual format)"}], "priority": 90},
    {"id": "R-044", "name": "Escape of water > £10k", "when": "claim.peril in ['escape_of_water', 'flood'] and claim.reserve > 10000",
     "then": [{"action": "assign_queue", "queue": "major_loss"}, {"action": "notify", "to": "major-loss@bellmoor.example.com"}], "priority": 20},
    {"id": "R-052", "name": "Witness present", "when": "any(claim.parties, p => p.role == \"witness\")", "then": [{"action": "set", "field": "liability.confidence", "value": "+0.1"}], "priority": 70},
    {"id": "R-060", "name": "Pet: food exclusion", "when": "line.description =~ /(food|tins|kibble|diet)/i", "then": [{"action": "exclude_line", "clause": "5.3"}], "priority": 30},
]


def rules(rng: random.Random) -> Request:
    chosen = [dict(r, enabled=rng.random() < 0.9) for r in some(rng, RULES, 1, 4)]
    obj = {"ruleSet": pick(rng, ["triage", "fraud_indicators", "auto_approval", "line_exclusions"]), "version": rng.randint(10, 240), "rules": chosen,
           "comment": pick(rng, ["Raise glass threshold to £350 per ops review", "Add pet food exclusion", "Tweak early-claim window", ""])}
    return web(rng, SRC, "rules_config", "PUT", WB, f"/api/admin/rulesets/{obj['ruleSet']}", body=js_json(obj).encode(), ctype="application/json", cookie=_staff(rng),
               extra=[("authorization", _staff_auth(rng)), ("x-xsrf-token", uuid4(rng))], ref=f"https://{WB}/admin/rules")


def rule_test(rng: random.Random) -> Request:
    r = pick(rng, RULES)
    obj = {"expression": r["when"], "sample": {"claim": {"lob": "motor", "peril": pick(rng, ["glass", "collision"]), "reserve": rng.randint(100, 30000),
                                                          "vehicle": {"reg": _reg(rng)}, "country": "GB", "parties": [{"role": "witness"}]},
                                                "policy": {"inceptionDays": rng.randint(1, 900)}, "estimate": {"total": rng.randint(90, 900)}}}
    return web(rng, SRC, "rule_test", "POST", WB, "/api/admin/rules/evaluate", body=js_json(obj).encode(), ctype="application/json", cookie=_staff(rng),
               extra=[("authorization", _staff_auth(rng)), ("x-xsrf-token", uuid4(rng))])


def triage_yaml(rng: random.Random) -> Request:
    doc = f"""# triage queues — edited {date_on(rng)} by ops
queues:
  - name: major_loss
    match: "reserve > 25000 or injury == true or peril in ['fire', 'subsidence']"
    sla_hours: 4
    team: major-loss
  - name: glass
    match: "peril == 'glass' && estimate.total <= {pick(rng, ['350', '400', '450'])}"
    sla_hours: 24
  - name: pet_fast
    match: "lob == 'pet' and invoice.total < 500"
    auto_approve: {pick(rng, ['true', 'false'])}
  - name: default
    match: "*"
    sla_hours: 48
holidays: [2026-12-25, 2026-12-28, 2027-01-01]
"""
    return web(rng, SRC, "triage_config", "PUT", WB, "/api/admin/config/triage.yaml", body=doc.encode(), ctype="application/yaml", cookie=_staff(rng),
               extra=[("authorization", _staff_auth(rng)), ("x-xsrf-token", uuid4(rng))], accept="application/json")


def template(rng: random.Random) -> Request:
    html = pick(rng, [
        "<p>Dear {{policyholder.firstName}},</p><p>Thank you for reporting your claim <strong>{{claim.number}}</strong> on {{formatDate claim.reportedAt \"d MMMM yyyy\"}}.</p>"
        "{{#if excess}}<p>Your policy excess is <b>{{formatMoney excess}}</b>.</p>{{/if}}<p>Next steps:</p><ol>{{#each tasks}}<li>{{this.title}}</li>{{/each}}</ol>"
        "<p>Kind regards,<br>{{handler.name}}<br>Claims team</p>",
        "<table role=\"presentation\" width=\"100%\"><tr><td style=\"font-family:Arial,sans-serif;font-size:14px\">Hi {{policyholder.firstName}}, we've paid <strong>{{formatMoney payment.amount}}</strong> to the account ending {{payment.last4}}. It can take up to 3 working days to arrive.</td></tr></table>",
        "<p>Hello {{repairer.name}},</p><p>Authorisation for estimate {{estimate.ref}} (£{{estimate.total}}) is {{#if approved}}<span style=\"color:#0a7d32\">approved</span>{{else}}<span style=\"color:#b00020\">on hold</span> — see notes{{/if}}.</p>",
    ])
    obj = {"key": pick(rng, ["fnol_ack", "payment_sent", "repairer_authorisation"]), "subject": pick(rng, ["Your claim {{claim.number}}", "Payment sent — claim {{claim.number}}", "Estimate {{estimate.ref}}"]),
           "html": html, "text": "Dear {{policyholder.firstName}}, ...", "locale": pick(rng, ["en-GB", "en-US"])}
    return web(rng, SRC, "email_template", "PUT", WB, f"/api/admin/templates/{obj['key']}", body=js_json(obj).encode(), ctype="application/json", cookie=_staff(rng),
               extra=[("authorization", _staff_auth(rng)), ("x-xsrf-token", uuid4(rng))])


def audit_export(rng: random.Random) -> Request:
    return web(rng, SRC, "audit_export", "GET", WB, "/api/reports/audit.csv", uri_query([("from", date_on(rng)), ("to", date_on(rng)), ("actions", pick(rng, ["payment.*", "reserve.change,rule.update", "*"])),
                                                                                        ("user", pick(rng, ["", "k.lamontagne"]))]),
               cookie=_staff(rng), extra=[("authorization", _staff_auth(rng))], accept="text/csv")


def fraud_score(rng: random.Random) -> Request:
    obj = {"claimId": _claim(rng), "features": {"inceptionDays": rng.randint(1, 2000), "priorClaims3y": rng.randint(0, 4), "lateReportDays": rng.randint(0, 60),
                                                 "narrativeLength": rng.randint(40, 900), "phoneChangedRecently": rng.random() < 0.1, "postcodeRisk": round(rng.uniform(0, 1), 3)},
           "narrative": pick(rng, [n for v in NARRATIVES.values() for n in v])}
    return api(rng, SRC, "fraud_scoring_call", "POST", "scoring.internal.bellmoor.example.com", "/v3/score", body=py_json(obj).encode(), ctype="application/json",
               tool="httpx", extra=[("x-api-key", chars(rng, ALNUM, 40)), ("traceparent", traceparent(rng))])


# ------------------------------------------------------------------ repairers and partners


def estimate(rng: random.Random) -> Request:
    lines = []
    for op, desc, part in some(rng, [("R&I", "FRT BUMPER COVER", ""), ("REPL", "HEADLAMP ASSY LH", "81150-0R070"), ("REFN", "FRT BUMPER COVER", ""), ("BLND", "LT FENDER", ""),
                                     ("REPL", "PARK SENSOR REAR OUTER", "89341-33190-C0"), ("REPR", "RR DOOR SHELL RH (2.5h)", ""), ("REPL", "WINDSHIELD W/ ADAS CAL", "56101-0R080"),
                                     ("SUBL", "4-WHEEL ALIGNMENT", ""), ("REPL", "ABSORBER, FRT BUMPER", "52611-0R030")], 3, 7):
        lines.append({"op": op, "description": desc, "partNumber": part or None, "partType": pick(rng, ["OEM", "AM", "RECYC"]) if part else None,
                      "qty": 1, "price": money(rng, 20, 900) if part else None, "labourHours": round(rng.uniform(0.2, 3.5), 1), "paintHours": round(rng.uniform(0, 2.5), 1)})
    obj = {"estimateRef": f"EST-{rng.randint(10000, 99999)}", "claimNumber": _claim(rng), "vehicle": {"vin": chars(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 17), "reg": _reg(rng),
                                                                                                      "mileage": rng.randint(8000, 140000)},
           "rates": {"labour": money(rng, 38, 68), "paint": money(rng, 38, 68), "materialsPerHour": money(rng, 18, 32)}, "lines": lines,
           "totals": {"net": money(rng, 400, 6000), "vatRate": 0.2}, "notes": pick(rng, ["Hidden damage likely behind bumper — supplement to follow.", "Customer declined AM parts.", ""])}
    return api(rng, SRC, "estimate_import", "POST", API, "/partners/v1/estimates", body=js_json(obj).encode(), ctype="application/json", tool=pick(rng, ["dotnet", "java"]),
               auth=bearer(rng, "https://login.bellmoor.example.com/oauth2/partners", "estimates.write"), ua=pick(rng, [None, "EstimatorPro/12.4"]))


def estimate_csv(rng: random.Random) -> Request:
    rows = ["Line,Operation,Description,Part No,Qty,Unit Price,Labour Hrs,Paint Hrs"]
    for i in range(rng.randint(3, 8)):
        rows.append(f"{i + 1},{pick(rng, ['REPL', 'R&I', 'REFN', 'BLND'])},\"{pick(rng, ['FRT BUMPER COVER', 'GRILLE, UPPER', 'HEADLAMP ASSY LH', 'BRACKET, BUMPER SIDE RH', 'CLIP (x10)'])}\","
                    f"{pick(rng, ['', '53111-0R020', '52115-0R901', '90467-07212'])},{rng.randint(1, 10)},{money(rng, 1, 400)},{rng.uniform(0, 3):.1f},{rng.uniform(0, 2):.1f}")
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    parts: list[Part] = [*text_parts([("claimNumber", _claim(rng)), ("estimateRef", f"EST-{rng.randint(10000, 99999)}"), ("type", pick(rng, ["initial", "supplement"]))]),
                         ("file", ("\r\n".join(rows) + "\r\n").encode(), "estimate_export.csv", "text/csv")]
    if rng.random() < 0.5:
        parts.append(("photos", fake_jpeg(rng, rng.randint(500, 1300)), f"DSC_{rng.randint(1000, 9999)}.JPG", "image/jpeg"))
    return web(rng, SRC, "shop_estimate_upload", "POST", SHOP, "/estimates/upload", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", nav=True, agent=a,
               cookie=jar(rng, "spring", tracking=0.1))


def repair_status(rng: random.Random) -> Request:
    obj = {"status": pick(rng, ["vehicle_received", "awaiting_parts", "in_repair", "paint", "qc", "ready_for_collection", "collected"]),
           "expectedCompletion": date_on(rng, ahead=True), "note": pick(rng, ["Headlamp on backorder (ETA 12/12)", "ADAS recal done, cert attached", "Customer collecting Sat AM", ""]),
           "courtesyCar": rng.random() < 0.5}
    return web(rng, SRC, "repair_status", "PUT", SHOP, f"/api/jobs/{rng.randint(10000, 99999)}/status", body=js_json(obj).encode(), ctype="application/json",
               cookie=jar(rng, "spring", tracking=0.1), extra=xsrf(rng, "spring"))


def telematics(rng: random.Random) -> Request:
    obj = {"eventId": uuid4(rng), "policyNumber": _pol(rng, "motor"), "detectedAt": stamp(rng), "severity": pick(rng, ["low", "medium", "high"]),
           "location": {"lat": round(rng.uniform(50.2, 55.8), 5), "lon": round(rng.uniform(-4.9, 1.6), 5), "speedKphBefore": rng.randint(0, 110)},
           "impulse": {"peakG": round(rng.uniform(1.2, 9.5), 2), "direction": pick(rng, ["front", "rear", "left", "right"]), "durationMs": rng.randint(40, 400)},
           "airbag": rng.random() < 0.1, "driverConfirmed": pick(rng, [None, True, False])}
    body = js_json(obj).encode()
    return api(rng, SRC, "telematics_crash_alert", "POST", API, "/partners/v1/telematics/events", body=body, ctype="application/json", tool="go",
               ua="DriveSense-Notifier/2.2", extra=[("x-drivesense-signature", hmac_hex(rng, body))])


def soap(rng: random.Random) -> Request:
    op = pick(rng, ["GetPolicyCoverage", "GetPolicyHolder", "CheckExcess"])
    doc = ('<?xml version="1.0" encoding="utf-8"?>'
           '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pol="urn:bellmoor:pas:policy:v3">'
           f'<soap:Header><pol:Caller><pol:System>CLAIMS-WB</pol:System><pol:CorrelationId>{uuid4(rng)}</pol:CorrelationId></pol:Caller></soap:Header>'
           f'<soap:Body><pol:{op}><pol:PolicyNumber>{_pol(rng)}</pol:PolicyNumber><pol:AsAtDate>{date_on(rng)}</pol:AsAtDate>'
           f'{"<pol:Peril>" + pick(rng, ["EOW", "STORM", "THEFT"]) + "</pol:Peril>" if op == "CheckExcess" else ""}</pol:{op}></soap:Body></soap:Envelope>')
    return api(rng, SRC, "pas_soap", "POST", PAS, "/PolicyService/v3", body=doc.encode(), ctype="text/xml; charset=utf-8", tool="java",
               ua="Apache-HttpClient/4.5.14 (Java/17.0.12)", auth=basic("svc_claims_wb", chars(rng, ALNUM, 20)),
               extra=[("soapaction", f'"urn:bellmoor:pas:policy:v3/{op}"'), ("accept-encoding", "gzip,deflate")])


def valuation(rng: random.Random) -> Request:
    return api(rng, SRC, "vehicle_valuation", "GET", "valuations.carvalue.example.net", "/v2/valuation", uri_query([("vrm", _reg(rng).replace(" ", "")), ("mileage", str(rng.randint(8000, 140000))),
                                                                                                              ("condition", pick(rng, ["good", "average"])), ("date", date_on(rng))]),
               tool="dotnet", auth=f"ApiKey {chars(rng, ALNUM, 32)}", ua="Bellmoor.Claims.Valuation/1.4")


def payment_hook(rng: random.Random) -> Request:
    obj = {"eventType": pick(rng, ["payout.completed", "payout.failed", "payout.returned"]), "eventId": uuid4(rng), "createdAt": stamp(rng),
           "payout": {"id": f"po_{chars(rng, ALNUM, 20)}", "reference": _claim(rng), "amount": money(rng, 80, 9000), "currency": "GBP", "scheme": pick(rng, ["FPS", "BACS", "ACH"]),
                      "failureReason": pick(rng, [None, None, "ACCOUNT_CLOSED", "NAME_MISMATCH (Confirmation of Payee: close match 'K Kirkpatrick')"])}}
    body = js_json(obj).encode()
    return api(rng, SRC, "payment_webhook", "POST", API, "/hooks/payouts", body=body, ctype="application/json", tool="node", ua="PayRail-Webhooks/1.0",
               extra=[("x-payrail-signature", f"t={unix(rng)},v1={hmac_hex(rng, body)}"), ("x-payrail-event-id", str(obj["eventId"]))])


def sms_hook(rng: random.Random) -> Request:
    pairs = [("MessageSid", "SM" + hexs(rng, 32)), ("From", "+447700900" + str(rng.randint(100, 999))), ("To", "+441614960" + str(rng.randint(100, 999))),
             ("Body", pick(rng, ["Yes Tuesday 9-1 is fine for the assessor", "Whats my claim number again?", "STOP", "Car is at my mums now: 14 Rookery Mews",
                                 "Photos sent by email. Thanks Kasimir", "Can u call me after 5 pls"])), ("NumMedia", "0"), ("ApiVersion", "2010-04-01")]
    return api(rng, SRC, "sms_inbound", "POST", API, "/hooks/sms", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", tool="java", ua="SmsGateway/1.1",
               extra=[("x-gateway-signature", chars(rng, ALNUM + "+/", 27) + "=")])


def email_hook(rng: random.Random) -> Request:
    g, f = human(rng)
    c = _claim(rng)
    text = pick(rng, [f"Hi,\n\nPlease find attached the plumber's invoice for claim {c}.\n\nThanks\n{g}\n\nSent from my iPhone",
                      f"Hello, RE: {c} — the repairer has found more damage behind the bumper, estimate attached.\n\nRegards,\nCedar Falls Collision\n(555) 0142",
                      f"Dear Sir/Madam,\n\nI'm writing to complain about the delay on {c}. It's now 6 weeks. Please escalate.\n\n{g} {f}"])
    html = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:\"Calibri\",sans-serif;}</style></head>"
            f"<body lang=\"EN-GB\"><div class=\"WordSection1\"><p class=\"MsoNormal\">{text.replace(chr(10), '<br>')}<o:p></o:p></p></div></body></html>")
    fields = [("from", f"{g} {f} <{mailbox(rng, g, f)}>"), ("to", "claims@bellmoor.example.com"), ("subject", pick(rng, [f"RE: Your claim {c}", f"Claim {c} - invoice", "Complaint", f"FW: {c} supplement"])),
              ("text", text), ("html", html), ("spam_score", f"{rng.uniform(-2, 3):.1f}"), ("attachments", "1")]
    b = boundary_for(rng, tool="go")
    parts = [*text_parts(fields), ("attachment1", fake_pdf(rng, "Invoice"), pick(rng, ["invoice.pdf", "Estimate_Supplement.pdf", "scan 2.pdf"]), "application/pdf")]
    return api(rng, SRC, "email_inbound", "POST", API, "/hooks/inbound-email", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", tool="go",
               ua="MailRelay-Parse/1.0")


def insurance_claims(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (12, fnol_form), (8, fnol_json), (1, draft_delete), (6, policy_lookup), (9, claim_status), (10, upload), (3, settlement), (5, chat), (4, portal_login),
        (6, portal_page), (9, note), (4, reserve), (7, claim_search), (4, workbench_page), (4, payment), (3, rules), (2, rule_test), (1, triage_yaml), (2, template),
        (1, audit_export), (2, fraud_score), (4, estimate), (3, estimate_csv), (3, repair_status), (3, telematics), (3, soap), (2, valuation), (4, payment_hook),
        (3, sms_hook), (3, email_hook),
    ])

