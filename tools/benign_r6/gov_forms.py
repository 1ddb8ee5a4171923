# ruff: noqa: RUF001
"""A municipal services portal (Django, server-rendered forms in five
languages), its payment processor's callbacks, and the city's open-data
and GIS endpoints as residents, journalists and scripts query them."""

from __future__ import annotations

import json
import random

from .common import (
    DESKTOP,
    MOBILE,
    UPNUM,
    Request,
    address,
    app,
    arrival,
    browser_boundary,
    chance,
    chars,
    csrf,
    day,
    digits,
    fields,
    formb,
    hhmm,
    jar,
    jpeg,
    jsb,
    multipart,
    nav,
    past_day,
    pdf,
    person,
    pick,
    qs,
    qs_pct,
    qs_py,
    run,
    sig_hex,
    some,
    token,
    uuid4,
    xhr,
)

SRC = "gov_forms"
HOST = "services.riverton-city.example.org"
DATA = "data.riverton-city.example.org"
GIS = "gis.riverton-city.example.org"
PAY = "pay.riverton-city.example.org"
BASE = f"https://{HOST}"

LANGS = {"en": "", "es": "/es", "zh": "/zh-hans", "ar": "/ar", "ru": "/ru"}
STREETS = ["Larkspur Ln", "Quarry Rd", "Millbrook Ave", "Cedar Hollow Dr", "Juniper Way", "Orchard Row", "Old Mill St", "Beacon Hill Rd",
           "Tannery Ln", "Linden Pl", "W 3rd St", "County Rd K"]


def _lang(rng: random.Random) -> str:
    return pick(rng, ["en", "en", "en", "en", "es", "es", "zh", "ar", "ru"])


def _cookie(rng: random.Random, lang: str = "en") -> str:
    extra = [("django_language", lang)] if lang != "en" or chance(rng, 0.2) else []
    if chance(rng, 0.2):
        extra.append(("a11y", pick(rng, ["contrast%3Dhigh", "text%3Dlarge", "font%3Ddyslexic%26text%3Dlarge"])))
    return jar(rng, "django", extra=extra, analytics=0.3)


def _street_address(rng: random.Random) -> str:
    n = rng.randint(1, 9999)
    st = pick(rng, STREETS)
    return pick(rng, [f"{n} {st}", f"{n} {st} Apt {rng.randint(1, 40)}{pick(rng, ['', 'B'])}", f"{n}-1/2 {st}", f"{n} {st.upper()}",
                      f"{n} {st.lower()}", f"PO Box {rng.randint(100, 9999)}", f"{n} {st} #{rng.randint(1, 300)}", f"{n} {st}., Ste. {rng.randint(100, 400)}",
                      f"corner of {st} & {pick(rng, STREETS)}", f"{n} {st}, Riverton, WY 825{digits(rng, 2)}", f"N{rng.randint(1000, 9999)} {st}",
                      f"{n}{pick(rng, 'ABC')} {st}", f"Unit {rng.randint(1, 20)}/{n} {st}", f"{n} {st} (rear building)"])


# ------------------------------------------------------------------ pages and search

SEARCH = {
    "en": ["building permit", "pay water bill", "trash pickup schedule", "dog license", "property tax", "report pothole", "parking ticket",
           "birth certificate", "zoning map", "noise complaint", "block party permit", "snow emergency routes", "fence permit how tall"],
    "es": ["permiso de construcción", "pagar factura de agua", "recolección de basura", "licencia para perro", "impuesto predial", "multa de estacionamiento"],
    "zh": ["建筑许可证", "水费缴纳", "垃圾收集时间", "停车罚单", "房产税"],
    "ar": ["تصريح بناء", "دفع فاتورة المياه", "جمع القمامة", "مخالفة وقوف"],
    "ru": ["разрешение на строительство", "оплата воды", "вывоз мусора", "штраф за парковку", "налог на имущество"],
}


def page(rng: random.Random) -> Request:
    lang = _lang(rng)
    path = LANGS[lang] + pick(rng, ["/", "/services/", "/permits/", "/pay/", "/report-a-problem/", "/appointments/", "/departments/public-works/",
                                    "/trash-and-recycling/", "/council/meetings/", "/open-data/", "/contact/"])
    ref, site = arrival(rng, [BASE + "/", BASE + LANGS[lang] + "/services/"], ["https://www.search.example.com/", "https://riverton-library.example.net/"])
    return nav(rng, SRC, "page", HOST, path, cookie=_cookie(rng, lang), lang=lang, referer=ref, site=site)


def service_search(rng: random.Random) -> Request:
    lang = _lang(rng)
    return nav(rng, SRC, "service_search", HOST, LANGS[lang] + "/search/", qs([("q", pick(rng, SEARCH[lang]))] + ([("type", pick(rng, ["service", "page", "document"]))] if chance(rng, 0.3) else [])),
               cookie=_cookie(rng, lang), lang=lang, referer=BASE + LANGS[lang] + "/")


def address_lookup(rng: random.Random) -> Request:
    return xhr(rng, SRC, "address_lookup", "GET", HOST, "/api/addresses/lookup", qs([("q", _street_address(rng)), ("include", pick(rng, ["parcel", "ward,parcel,trash_day", "districts"]))]),
               cookie=_cookie(rng), referer=BASE + pick(rng, ["/trash-and-recycling/", "/report-a-problem/", "/permits/apply/"]))


def address_suggest(rng: random.Random) -> Request:
    a = _street_address(rng)
    return xhr(rng, SRC, "address_suggest", "GET", HOST, "/api/addresses/suggest", qs_pct([("text", a[: rng.randint(4, len(a))]), ("max", "7")]),
               cookie=_cookie(rng), referer=BASE + "/report-a-problem/new/")


def parcel(rng: random.Random) -> Request:
    apn = pick(rng, [f"{digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 2)}", f"R{digits(rng, 7)}", f"{digits(rng, 2)}-{digits(rng, 2)}-{digits(rng, 3)}-{digits(rng, 3)}"])
    return nav(rng, SRC, "parcel_lookup", HOST, "/property/parcel/", qs([("apn", apn)] if chance(rng, 0.6) else [("address", _street_address(rng))]),
               cookie=_cookie(rng), referer=BASE + "/property/")


# ------------------------------------------------------------------ permits

WORK = [
    "Replace existing 6' wood fence along rear property line (approx. 84 linear ft) with 6' cedar fence. No change in location.",
    "Kitchen remodel: remove non-load-bearing wall between kitchen & dining room, new electrical circuits (2 × 20A), relocate sink 4'.",
    "Install 7.6 kW rooftop solar PV system, 19 panels, with battery storage in garage.",
    "Construct 12' x 16' detached accessory structure (shed) – no plumbing, no electrical.",
    "Re-roof: tear off 1 layer asphalt shingles, install new architectural shingles & ice/water shield. 28 squares.",
    "Convert basement to ADU: egress window, bathroom (toilet, shower, sink), kitchenette, separate entrance per plans attached.",
    "Demolish existing deck (rotted) and build new 14x20 composite deck, 30\" above grade, with stairs & railing.",
    "Replace water heater (50 gal gas → 50 gal heat-pump).",
    "Block party on Juniper Way between 3rd & 4th, Sat 10am–8pm. Bouncy castle, BBQ, no amplified music after 6pm.",
    "Sidewalk café seating: 4 tables / 8 chairs in front of Café Lúnasa, 210 Old Mill St.",
]


def permit_step(rng: random.Random) -> Request:
    lang = _lang(rng)
    p = person(rng)
    step = rng.randint(1, 4)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("permit_wizard-current_step", str(step))]
    if step == 1:
        pairs += [(f"{step}-permit_type", pick(rng, ["residential_building", "fence", "solar", "demolition", "right_of_way", "special_event", "sidewalk_cafe"])),
                  (f"{step}-site_address", _street_address(rng)), (f"{step}-parcel_number", f"{digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 2)}")]
    elif step == 2:
        pairs += [(f"{step}-description", pick(rng, WORK)), (f"{step}-valuation", str(rng.randint(500, 180000))),
                  (f"{step}-sq_ft", pick(rng, ["", str(rng.randint(20, 2400))])), (f"{step}-occupancy", pick(rng, ["R-3", "U", "B", "A-2", ""]))]
    elif step == 3:
        pairs += [(f"{step}-applicant_name", p.name), (f"{step}-applicant_email", p.email), (f"{step}-applicant_phone", p.phone),
                  (f"{step}-role", pick(rng, ["owner", "contractor", "architect", "agent"])),
                  (f"{step}-contractor_license", pick(rng, ["", f"C-{digits(rng, 6)}", f"GC{digits(rng, 5)}"])),
                  (f"{step}-contractor_name", pick(rng, ["", "Kestrel Building & Roofing LLC", "O'Neill & Sons Contracting", "Nguyễn Electric"]))]
    else:
        pairs += [(f"{step}-certify", "on"), (f"{step}-signature", p.name), (f"{step}-date", day(rng))]
    return nav(rng, SRC, "permit_application", HOST, LANGS[lang] + "/permits/apply/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng, lang), lang=lang, referer=BASE + LANGS[lang] + "/permits/apply/")


def permit_draft(rng: random.Random) -> Request:
    obj: dict[str, object] = {"permit_type": pick(rng, ["fence", "solar", "residential_building", "special_event"]), "site": {"address": _street_address(rng), "ward": rng.randint(1, 9)},
                              "description": pick(rng, WORK), "valuation": rng.randint(500, 180000), "step": rng.randint(1, 4), "saved_at": past_day(rng)}
    return xhr(rng, SRC, "permit_draft", "PUT", HOST, f"/api/permits/drafts/{uuid4(rng)}", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=BASE + "/permits/apply/")


def doc_upload(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP + MOBILE)
    bd = browser_boundary(rng, b)
    kind = pick(rng, ["site_plan", "construction_drawings", "photo", "proof_of_ownership", "insurance_certificate", "id_document"])
    parts = fields([("csrfmiddlewaretoken", token(rng, 64)), ("application", f"BLD-2026-{digits(rng, 5)}"), ("document_type", kind)])
    if kind == "photo" or (kind == "id_document" and chance(rng, 0.5)):
        parts.append(("file", jpeg(rng, rng.randint(900, 2400)), pick(rng, ["IMG_5521.JPG", "backyard.jpg", "fence-north-side.jpeg", "license.jpg"]), "image/jpeg"))
    else:
        parts.append(("file", pdf(rng, kind.replace("_", " ").title(), rng.randint(300, 900)),
                      pick(rng, ["site plan rev B.pdf", "Drawings_Set_2026-11.pdf", "deed.pdf", "COI 2027.pdf", f"{kind}.pdf"]), "application/pdf"))
    parts += fields([("description", pick(rng, ["", "Revised per plan reviewer comments 11/20", "Survey from 2019", "Front & back"]))])
    return nav(rng, SRC, "document_upload", HOST, "/permits/documents/upload/", method="POST", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b, referer=BASE + "/permits/documents/upload/")


def inspection(rng: random.Random) -> Request:
    obj: dict[str, object] = {"permit": f"BLD-2026-{digits(rng, 5)}", "inspection_type": pick(rng, ["footing", "framing", "rough_electrical", "insulation", "final"]),
                              "requested_date": day(rng), "window": pick(rng, ["am", "pm", "any"]), "contact_phone": person(rng).phone,
                              "access_notes": pick(rng, ["", "Gate code 4411#", "Dog in yard – call on arrival", "Side door, basement"])}
    return xhr(rng, SRC, "inspection_request", "POST", HOST, "/api/inspections/", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=BASE + "/permits/my/")


# ------------------------------------------------------------------ payments


def fee_payment(rng: random.Random) -> Request:
    lang = _lang(rng)
    p = person(rng)
    a = address(rng, "US")
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("payment_type", pick(rng, ["water_bill", "property_tax", "permit_fee", "parking_citation", "business_license"])),
             ("account_number", pick(rng, [digits(rng, 10), f"{digits(rng, 6)}-{digits(rng, 2)}", f"BLD-2026-{digits(rng, 5)}"])),
             ("amount", f"{rng.uniform(15, 3200):.2f}"), ("payer_name", p.name), ("email", p.email),
             ("billing_address", a["line1"]), ("billing_zip", a["postal_code"]), ("save_for_later", pick(rng, ["", "on"]))]
    return nav(rng, SRC, "fee_payment", HOST, LANGS[lang] + "/pay/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=_cookie(rng, lang), lang=lang, referer=BASE + LANGS[lang] + "/pay/")


def payment_return(rng: random.Random) -> Request:
    """The hosted payment page posting the browser back to the portal."""
    pairs = [("transaction_id", chars(rng, UPNUM, 16)), ("order_ref", f"RVT-{digits(rng, 8)}"), ("status", pick(rng, ["APPROVED", "APPROVED", "DECLINED", "CANCELLED"])),
             ("amount", f"{rng.uniform(15, 3200):.2f}"), ("currency", "USD"), ("auth_code", digits(rng, 6)), ("card_type", pick(rng, ["VISA", "MC", "AMEX", "DISC"])),
             ("masked_pan", f"************{digits(rng, 4)}"), ("timestamp", f"{past_day(rng)}T{hhmm(rng, 0, 23, 1)}:{rng.randint(10, 59)}Z"), ("signature", sig_hex(rng))]
    return nav(rng, SRC, "payment_return", HOST, "/pay/return/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=_cookie(rng), referer=f"https://{PAY}/", site="same-site", user=False)


def payment_notify(rng: random.Random) -> Request:
    obj: dict[str, object] = {"event": pick(rng, ["payment.settled", "payment.reversed", "refund.completed"]), "merchant": "RIVERTON-CITY",
                              "order_ref": f"RVT-{digits(rng, 8)}", "amount": f"{rng.uniform(15, 3200):.2f}", "fee": f"{rng.uniform(0.3, 40):.2f}",
                              "gl_code": pick(rng, ["100-4410-WATER", "100-3120-PERMITS", "200-1100-PARKING"]), "settled_on": past_day(rng)}
    return app(rng, SRC, "payment_notify", "POST", HOST, "/pay/notify/", lib=pick(rng, ["java", "dotnet"]), body=jsb(obj), ctype="application/json",
               extra=[("x-gateway-signature", sig_hex(rng)), ("x-gateway-delivery", uuid4(rng))])


def parking(rng: random.Random) -> Request:
    lang = _lang(rng)
    plate = pick(rng, [f"{chars(rng, UPNUM, 3)}{digits(rng, 4)}", f"{digits(rng, 1)}{chars(rng, UPNUM, 3)}{digits(rng, 3)}", f"{chars(rng, UPNUM, 2)}-{digits(rng, 4)}"])
    pairs = [("citation", f"P{digits(rng, 9)}")] if chance(rng, 0.5) else [("plate", plate), ("state", pick(rng, ["WY", "CO", "MT", "ID", "UT"]))]
    return nav(rng, SRC, "parking_lookup", HOST, LANGS[lang] + "/pay/parking/", qs(pairs), cookie=_cookie(rng, lang), lang=lang, referer=BASE + LANGS[lang] + "/pay/")


# ------------------------------------------------------------------ reporting problems (311)

REPORTS = {
    "en": ["Pothole on {st} outside no. {n}, about 30cm wide & deep enough to damage tyres. Been there 3+ weeks!",
           "Streetlight out at {st} / {st2} – whole corner is pitch dark, kids walk here to school.",
           "Someone dumped a mattress + 2 TVs in the alley behind {n} {st}.",
           "Graffiti on the bus shelter (stop #{n}). Some of it is offensive.",
           "Water leaking from the ground near the hydrant at {n} {st} since Monday. Lots of water.",
           "Loud music from {n} {st} every night past 1am. Called non-emergency twice.",
           "Tree branch hanging over the sidewalk on {st}, looks like it could fall any time.",
           "Traffic signal at {st} & {st2} stuck on flashing red.",
           "Missed recycling pickup – bin was out by 6am (Tues route)."],
    "es": ["Hay un bache enorme en la esquina de {st} y {st2}. Casi me caigo con la bici.",
           "La luz de la calle frente al {n} de {st} no funciona desde hace una semana.",
           "Tiraron basura y muebles en el callejón detrás de {st}."],
    "zh": ["{st}和{st2}路口的路灯已经一个星期不亮了，晚上很危险。", "{st} {n}号门口有一个很深的坑。"],
    "ar": ["هناك تسرب مياه في الشارع أمام المنزل رقم {n} في {st} منذ يومين.", "لم يتم جمع القمامة في {st} هذا الأسبوع."],
    "ru": ["Во дворе дома {n} по {st} не вывозят мусор уже две недели.", "На {st} огромная яма, машины объезжают по встречке."],
}


def report_problem(rng: random.Random) -> Request:
    lang = _lang(rng)
    b = pick(rng, MOBILE + DESKTOP)
    bd = browser_boundary(rng, b)
    text = pick(rng, REPORTS[lang]).format(st=pick(rng, STREETS), st2=pick(rng, STREETS), n=rng.randint(1, 9999))
    p = person(rng)
    parts = fields([("csrfmiddlewaretoken", token(rng, 64)),
                    ("category", pick(rng, ["pothole", "streetlight", "illegal_dumping", "graffiti", "water_leak", "noise", "tree", "traffic_signal", "missed_pickup"])),
                    ("description", text), ("location_text", _street_address(rng)), ("lat", f"{rng.uniform(43.0, 43.1):.6f}"), ("lng", f"{rng.uniform(-108.45, -108.35):.6f}"),
                    ("anonymous", pick(rng, ["", "on"])), ("name", p.name if chance(rng, 0.6) else ""), ("email", p.email if chance(rng, 0.7) else ""),
                    ("phone", p.phone if chance(rng, 0.3) else ""), ("preferred_language", lang)])
    if chance(rng, 0.6):
        parts.append(("photo", jpeg(rng, rng.randint(1000, 2600)), pick(rng, ["image.jpg", "IMG_0042.JPG", "20261203_081522.jpg"]), "image/jpeg"))
    else:
        parts.append(("photo", b"", "", "application/octet-stream"))
    return nav(rng, SRC, "report_problem", HOST, LANGS[lang] + "/report-a-problem/new/", method="POST", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng, lang), b=b, lang=lang, referer=BASE + LANGS[lang] + "/report-a-problem/new/")


def report_status(rng: random.Random) -> Request:
    lang = _lang(rng)
    return nav(rng, SRC, "report_status", HOST, LANGS[lang] + "/report-a-problem/status/", qs([("ticket", f"SR-2026-{digits(rng, 6)}")]),
               cookie=_cookie(rng, lang), lang=lang, referer=pick(rng, [None, BASE + LANGS[lang] + "/report-a-problem/"]))


def open311(rng: random.Random) -> Request:
    """A civic app submitting through the city's Open311-style API."""
    pairs = [("api_key", token(rng, 32)), ("service_code", str(rng.randint(1, 40))), ("lat", f"{rng.uniform(43.0, 43.1):.6f}"),
             ("long", f"{rng.uniform(-108.45, -108.35):.6f}"), ("address_string", _street_address(rng)),
             ("description", pick(rng, REPORTS["en"]).format(st=pick(rng, STREETS), st2=pick(rng, STREETS), n=rng.randint(1, 9999))),
             ("email", person(rng).email), ("device_id", uuid4(rng))]
    return app(rng, SRC, "open311_request", "POST", HOST, "/open311/v2/requests.json", lib=pick(rng, ["okhttp", "ios"]),
               ua=pick(rng, ["FixMyBlock/5.2 (Android 15)", "FixMyBlock/5.2 CFNetwork/3860.100.1 Darwin/25.1.0"]),
               body=formb(pairs), ctype="application/x-www-form-urlencoded")


# ------------------------------------------------------------------ appointments


def slots(rng: random.Random) -> Request:
    return xhr(rng, SRC, "appointment_slots", "GET", HOST, "/api/appointments/slots",
               qs([("service", pick(rng, ["dmv_renewal", "marriage_license", "passport", "permit_counter", "notary", "voter_registration"])),
                   ("office", pick(rng, ["city-hall", "north-annex", "library-branch-2"])), ("date", day(rng))]),
               cookie=_cookie(rng), referer=BASE + "/appointments/book/")


def book(rng: random.Random) -> Request:
    lang = _lang(rng)
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("service", pick(rng, ["dmv_renewal", "marriage_license", "passport", "permit_counter", "notary"])),
             ("office", pick(rng, ["city-hall", "north-annex"])), ("date", day(rng)), ("time", hhmm(rng, 8, 16)), ("name", p.name), ("email", p.email),
             ("phone", p.phone), ("party_size", str(rng.randint(1, 3))), ("interpreter", pick(rng, ["", "es", "zh", "ar", "ru", "asl"])),
             ("accessibility_needs", pick(rng, ["", "wheelchair access", "hearing loop please", "need to sit – can't stand in line long"])),
             ("sms_reminder", pick(rng, ["on", ""]))]
    return nav(rng, SRC, "appointment_book", HOST, LANGS[lang] + "/appointments/book/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng, lang), lang=lang, referer=BASE + LANGS[lang] + "/appointments/book/")


def cancel(rng: random.Random) -> Request:
    code = chars(rng, UPNUM, 6)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("confirmation", code), ("reason", pick(rng, ["", "schedule conflict", "sick", "no longer needed"]))]
    return nav(rng, SRC, "appointment_cancel", HOST, f"/appointments/{code}/cancel/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=BASE + f"/appointments/{code}/")


# ------------------------------------------------------------------ settings and accounts


def set_language(rng: random.Random) -> Request:
    lang = pick(rng, ["es", "zh-hans", "ar", "ru", "en"])
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("language", lang), ("next", pick(rng, ["/", "/pay/", "/report-a-problem/new/", "/permits/"]))]
    return nav(rng, SRC, "set_language", HOST, "/i18n/setlang/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=_cookie(rng), referer=BASE + pick(rng, ["/", "/pay/", "/permits/"]))


def a11y(rng: random.Random) -> Request:
    obj: dict[str, object] = {"text_size": pick(rng, ["default", "large", "x-large"]), "contrast": pick(rng, ["default", "high", "inverted"]),
                              "font": pick(rng, ["default", "dyslexic"]), "reduce_motion": chance(rng, 0.4), "underline_links": chance(rng, 0.5),
                              "read_aloud": chance(rng, 0.2)}
    return xhr(rng, SRC, "accessibility_settings", "POST", HOST, "/api/preferences/accessibility", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=BASE + "/")


def register(rng: random.Random) -> Request:
    p = person(rng)
    pw = token(rng, 16)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("first_name", p.given), ("last_name", p.family), ("email", p.email), ("phone", p.phone),
             ("password1", pw), ("password2", pw), ("preferred_language", _lang(rng)), ("terms", "on")]
    return nav(rng, SRC, "account_register", HOST, "/accounts/register/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=_cookie(rng), referer=BASE + "/accounts/register/")


def alerts(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("email", p.email), ("sms", pick(rng, ["", p.phone]))]
    pairs += [("topics", t) for t in some(rng, ["snow_emergency", "water_main_breaks", "council_agendas", "trash_delays", "road_closures", "public_safety"], 1, 4)]
    pairs += [("language", _lang(rng))]
    return nav(rng, SRC, "alerts_subscribe", HOST, "/alerts/subscribe/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=_cookie(rng), referer=BASE + "/alerts/")


def foia(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("requester_name", p.name), ("organization", pick(rng, ["", "Riverton Ledger (newspaper)", "self"])),
             ("email", p.email), ("department", pick(rng, ["police", "public_works", "planning", "city_clerk", "finance"])),
             ("request", pick(rng, ["All emails between the Public Works director and Kestrel Paving LLC regarding the Quarry Rd resurfacing contract, Jan 1 – Nov 30 2026.",
                                    "Copies of building permits issued for 4100–4200 Larkspur Ln since 2020.",
                                    "The city's contract with its parking enforcement vendor, including amendments.",
                                    "Police incident reports for noise complaints at 88 Orchard Row (Oct–Nov 2026), redacted as required.",
                                    "Budget line items for the 2027 snow removal program (spreadsheet format preferred)."])),
             ("format", pick(rng, ["electronic", "paper", "inspect"])), ("fee_waiver", pick(rng, ["", "on"])),
             ("fee_waiver_reason", pick(rng, ["", "Request is in the public interest; I'm a reporter for a local non-profit outlet."]))]
    return nav(rng, SRC, "records_request", HOST, "/city-clerk/public-records/request/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=BASE + "/city-clerk/public-records/request/")


def business_license(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("license_number", f"BL-{digits(rng, 6)}"), ("business_name", pick(rng, ["Café Lúnasa LLC", "O'Neill's Hardware", "Phở 36 Riverton", "Kestrel Bikes", "Zoë's Pet Grooming", "Quarry Yoga & Wellness"])),
             ("dba", pick(rng, ["", "The Little Café", "Kestrel Cycles"])), ("naics", pick(rng, ["722515", "444140", "722511", "812910", "713940"])),
             ("employees", str(rng.randint(1, 60))), ("gross_receipts", str(rng.randint(20000, 3000000))), ("owner_name", p.name), ("owner_email", p.email),
             ("changes", pick(rng, ["", "New owner as of 9/1", "Added outdoor seating", "Moved to 210 Old Mill St"]))]
    return nav(rng, SRC, "business_license_renewal", HOST, "/business/licenses/renew/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=BASE + "/business/licenses/renew/")


def pet_license(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("owner_name", p.name), ("owner_address", _street_address(rng)), ("owner_phone", p.phone),
             ("pet_name", pick(rng, ["Biscuit", "Luna", "Mr. Whiskers", "Bella", "Ollie", "Pepper", "Bánh Bao", "Zeus", "Síle"])),
             ("species", pick(rng, ["dog", "cat"])), ("breed", pick(rng, ["Lab mix", "Border Collie", "DSH", "Pit/boxer", "Cavalier King Charles", "unknown 🤷"])),
             ("sex", pick(rng, ["M", "F"])), ("spayed_neutered", pick(rng, ["yes", "no"])), ("rabies_tag", digits(rng, 6)),
             ("rabies_expires", day(rng)), ("vet_clinic", pick(rng, ["Riverton Animal Hospital", "Juniper Way Vets", ""]))]
    return nav(rng, SRC, "pet_license", HOST, "/animal-services/license/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=_cookie(rng), referer=BASE + "/animal-services/license/")


def public_comment(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("meeting", str(rng.randint(300, 420))), ("agenda_item", f"{rng.randint(1, 14)}.{pick(rng, 'abc')}"),
             ("position", pick(rng, ["support", "oppose", "neutral"])), ("name", p.name), ("ward", str(rng.randint(1, 9))),
             ("comment", pick(rng, ["I support the protected bike lane on Millbrook Ave. My kids bike to school and the current paint-only lane is terrifying.",
                                    "Please DON'T approve the rezoning of 4100 Larkspur Ln to C-2. Traffic is already bad & there's no sidewalk.",
                                    "Me opongo al aumento de la tarifa del agua. Muchas familias ya no pueden pagar.",
                                    "The budget has $0 for the library branch 2 roof – it's leaking onto the children's section!!",
                                    "Thank you to Public Works for the quick snow clearing last week 👏"])),
             ("speak_in_person", pick(rng, ["", "on"]))]
    return nav(rng, SRC, "public_comment", HOST, "/council/meetings/comment/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=_cookie(rng), referer=BASE + "/council/meetings/comment/")


def trash_day(rng: random.Random) -> Request:
    return xhr(rng, SRC, "trash_schedule", "GET", HOST, "/api/trash/schedule", qs([("address", _street_address(rng)), ("weeks", "4")]),
               cookie=_cookie(rng), referer=BASE + "/trash-and-recycling/")


def feedback(rng: random.Random) -> Request:
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("page", pick(rng, ["/pay/", "/permits/apply/", "/es/report-a-problem/new/"])),
             ("helpful", pick(rng, ["yes", "no"])), ("comment", pick(rng, ["", "Couldn't find where to pay a parking ticket", "The Spanish page still shows English buttons",
                                                                            "Form timed out and I lost everything 😡", "Easy, thanks"]))]
    return xhr(rng, SRC, "page_feedback", "POST", HOST, "/feedback/", body=formb(pairs), ctype="application/x-www-form-urlencoded; charset=UTF-8",
               cookie=_cookie(rng), extra=[("x-requested-with", "XMLHttpRequest")], referer=BASE + pairs[1][1],
               accept="application/json, text/javascript, */*; q=0.01")


# ------------------------------------------------------------------ open data and GIS

DATASETS = ["311-service-requests", "building-permits", "parking-citations", "budget-2027", "restaurant-inspections", "crime-incidents",
            "street-trees", "water-quality-tests"]


def soql(rng: random.Random) -> Request:
    rid = f"{chars(rng, 'abcdefghijkmnpqrstuvwxyz23456789', 4)}-{chars(rng, 'abcdefghijkmnpqrstuvwxyz23456789', 4)}"
    where = pick(rng, [f"created_date > '{past_day(rng)}T00:00:00' AND complaint_type = 'Pothole'",
                       f"ward = {rng.randint(1, 9)} AND status != 'Closed'", "issue_date between '2026-01-01T00:00:00' and '2026-06-30T23:59:59'",
                       f"upper(business_name) like '%{pick(rng, ['CAFE', 'PIZZA', 'PHO'])}%'", "valuation >= 100000", "within_circle(location, 43.05, -108.40, 500)",
                       "violation_code in ('PK-12', 'PK-14', 'PK-31')"])
    pairs = [("$where", where), ("$limit", pick(rng, ["100", "1000", "5000"]))]
    if chance(rng, 0.5):
        sel = pick(rng, ["ward, count(*) AS n", "complaint_type, status, created_date, address", "*"])
        pairs.append(("$select", sel))
        if sel.startswith("ward"):
            pairs.append(("$group", "ward"))
    if chance(rng, 0.5):
        pairs.append(("$order", pick(rng, ["created_date DESC", "n DESC", ":id"])))
    if chance(rng, 0.5):
        return app(rng, SRC, "open_data_soql", "GET", DATA, f"/resource/{rid}.json", qs_py(pairs), lib=pick(rng, ["requests", "curl", "node"]),
                   extra=[("x-app-token", token(rng, 25))] if chance(rng, 0.5) else [])
    return xhr(rng, SRC, "open_data_soql", "GET", DATA, f"/resource/{rid}.json", qs_pct(pairs), referer=f"https://{DATA}/d/{rid}", b=pick(rng, DESKTOP))


def ckan_search(rng: random.Random) -> Request:
    rid = uuid4(rng)
    if chance(rng, 0.35):
        q = qs_py([("q", pick(rng, ["budget", "trees", "permits 2026", "water quality", "parking"])), ("fq", pick(rng, ["tags:finance", "organization:public-works", "res_format:CSV"])),
                   ("rows", "20"), ("start", str(rng.randint(0, 3) * 20))])
        path = "/api/3/action/package_search"
    elif chance(rng, 0.5):
        filt = pick(rng, [{"ward": str(rng.randint(1, 9))}, {"status": "Open", "category": "pothole"}, {"species": "Quercus rubra"}])
        q = qs_py([("resource_id", rid), ("filters", json.dumps(filt)), ("q", pick(rng, ["", "larkspur", "cafe"])), ("limit", "100"), ("sort", "date desc")])
        path = "/api/3/action/datastore_search"
    else:
        stmt = pick(rng, [f'SELECT ward, COUNT(*) AS n FROM "{rid}" WHERE status = \'Open\' GROUP BY ward ORDER BY n DESC',
                          f'SELECT * FROM "{rid}" WHERE inspection_date >= \'{past_day(rng)}\' AND score < 80 LIMIT 500',
                          f'SELECT species, AVG(dbh_inches) FROM "{rid}" GROUP BY species'])
        q = qs_py([("sql", stmt)])
        path = "/api/3/action/datastore_search_sql"
    return app(rng, SRC, "open_data_ckan", "GET", DATA, path, q, lib=pick(rng, ["requests", "httpx", "curl", "ruby"]), accept="application/json")


def dataset_download(rng: random.Random) -> Request:
    ds = pick(rng, DATASETS)
    return nav(rng, SRC, "dataset_download", DATA, f"/dataset/{ds}/resource/{uuid4(rng)}/download/{ds}.csv",
               referer=f"https://{DATA}/dataset/{ds}", user=True, b=pick(rng, DESKTOP))


def arcgis(rng: random.Random) -> Request:
    layer = pick(rng, ["Planning/Zoning/MapServer/0", "PublicWorks/TrashRoutes/MapServer/2", "Property/Parcels/FeatureServer/0", "Transportation/SnowRoutes/MapServer/1"])
    pairs = [("where", pick(rng, ["1=1", "ZONE_CODE IN ('R-1','R-2')", f"APN = '{digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 2)}'", "ROUTE_DAY = 'TUE'", "OBJECTID > 0"]))]
    if chance(rng, 0.6):
        pairs += [("geometry", f"{rng.uniform(-108.45, -108.35):.5f},{rng.uniform(43.0, 43.1):.5f}"), ("geometryType", "esriGeometryPoint"), ("inSR", "4326"),
                  ("spatialRel", "esriSpatialRelIntersects")]
    pairs += [("outFields", pick(rng, ["*", "ZONE_CODE,ZONE_DESC", "APN,SITE_ADDR,OWNER_NAME,ACRES"])), ("returnGeometry", pick(rng, ["true", "false"])), ("f", pick(rng, ["json", "pjson", "geojson"]))]
    return xhr(rng, SRC, "gis_query", "GET", GIS, f"/arcgis/rest/services/{layer}/query", qs_pct(pairs), referer=f"https://{GIS}/maps/zoning-viewer/",
               b=pick(rng, DESKTOP + MOBILE))


def gov_forms(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (24, page), (12, service_search), (8, address_lookup), (7, address_suggest), (4, parcel), (7, permit_step), (3, permit_draft),
        (5, doc_upload), (2, inspection), (6, fee_payment), (4, payment_return), (2, payment_notify), (5, parking), (8, report_problem),
        (6, report_status), (3, open311), (5, slots), (5, book), (2, cancel), (3, set_language), (2, a11y), (2, register), (2, alerts),
        (1, foia), (2, business_license), (2, pet_license), (2, public_comment), (4, trash_day), (2, feedback), (7, soql), (6, ckan_search),
        (3, dataset_download), (6, arcgis),
    ])
