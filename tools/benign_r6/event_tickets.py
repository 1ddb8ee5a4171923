# ruff: noqa: RUF001
"""An event-ticketing platform (Django site with a fetch-driven checkout, an
organiser dashboard, a FastAPI service for door-scanner apps), its payment
provider's webhooks, the mobile app and the embeddable checkout widget."""

from __future__ import annotations

import random

from .common import (
    DESKTOP,
    MOBILE,
    UPNUM,
    Request,
    address,
    app,
    arrival,
    bearer,
    browser_boundary,
    chance,
    chars,
    csrf,
    day,
    digits,
    epoch,
    fields,
    formb,
    hhmm,
    iso,
    jar,
    jpeg,
    jsb,
    money,
    multipart,
    nav,
    person,
    pick,
    png,
    pyb,
    qs,
    qs_pct,
    qs_py,
    run,
    sig_hex,
    slugify,
    some,
    token,
    uuid4,
    xhr,
)

SRC = "event_tickets"
HOST = "www.gatehousetix.example.com"
ORG = "organisers.gatehousetix.example.com"
SCAN = "scan.gatehousetix.example.com"
API = "api.gatehousetix.example.com"
BASE = f"https://{HOST}"

EVENTS = [
    "Lúnasa Trad Session", "Nocturne: Chopin by Candlelight", "Stand-up Sundays @ The Cellar", "Hà Nội Street Food Night Market",
    "Rust & Bytes Meetup #42", "Indie Games Expo 2027", "Winter Solstice 10K Run", "Jazz at the Old Mill",
    "Shakespeare in the Park: Twelfth Night", "Drag Brunch (18+)", "Kids' Science Fair", "Fado Night – Casa da Lua",
    "Techno Warehouse: Kessler b2b Mireille", "Holiday Pottery Workshop", "The Nutcracker – Harbour Ballet", "Poetry Slam: Open Mic",
    "K-Pop Dance Workshop", "Beer & Cheese Pairing", "Startup Pitch Night vol. 9", "Silent Disco at the Aquarium",
    "Messiah Sing-along", "Comedy Night: \"Don't Tell Mam\"", "Ceilí Mór", "Data Viz Conf 2027", "Orchestre de Chambre – Vivaldi",
]
VENUES = ["The Lantern Hall", "Old Mill Arts Centre", "Harbour Pavilion", "St. Brigid's (concert space)", "The Cellar Bar",
          "Riverside Amphitheatre", "Kestrel Stadium", "Community Hall, Quarry Rd", "Salle Beaulieu", "Warehouse 9"]
CITIES = ["Galway", "Dublin", "Cork", "Belfast", "Manchester", "Berlin", "Lisbon", "Austin", "Toronto", "Melbourne"]
GENRES = ["music", "comedy", "theatre", "family", "food-drink", "tech", "sports", "classical", "nightlife", "workshops", "festivals"]
SECTIONS = ["Stalls", "Dress Circle", "Upper Circle", "Balcony", "Box A", "Floor", "Block 104", "Terrace"]
PROMOS = ["EARLYBIRD25", "STUDENT10", "FRIENDS-OF-LANTERN", "GROUP6", "newsletter", "Welcome15", "LOCALS", "comp-crew",
          "BFRIDAY", "xmas2026", "PRESS", "VIP-HOSPITALITY"]


def _eid(rng: random.Random) -> int:
    return rng.randint(10_000, 99_999)


def _event(rng: random.Random) -> tuple[str, int]:
    return pick(rng, EVENTS), _eid(rng)


def _cookie(rng: random.Random, cart: bool = False) -> str:
    extra = [("gtx_currency", pick(rng, ["EUR", "GBP", "USD", "CAD", "AUD"]))] if chance(rng, 0.3) else []
    if cart:
        extra.append(("gtx_cart", uuid4(rng)))
    if chance(rng, 0.3):
        extra.append(("cookie_consent", pick(rng, ["necessary", "all", "necessary%2Canalytics"])))
    return jar(rng, "django", extra=extra, analytics=0.55)


def _ref_event(rng: random.Random) -> str:
    name, eid = _event(rng)
    return f"{BASE}/e/{slugify(name)}-{eid}"


def _seat(rng: random.Random) -> dict[str, object]:
    row = pick(rng, [chr(c) for c in range(65, 91)] + ["AA", "BB", "CC"])
    return {"section": pick(rng, SECTIONS), "row": row, "seat": rng.randint(1, 48)}


# ------------------------------------------------------------------ attendees


def search_page(rng: random.Random) -> Request:
    pairs: list[tuple[str, str]] = []
    if chance(rng, 0.6):
        pairs.append(("q", pick(rng, ["jazz", "comedy galway", "nutcracker", "trad", "kids workshop", "techno", "new years eve",
                                      "fado", "pottery", "10k", "data viz", "silent disco", "Ceilí", "chopin"])))
    if chance(rng, 0.6):
        pairs.append(("city", pick(rng, CITIES)))
    if chance(rng, 0.5):
        pairs += [("date_from", day(rng)), ("date_to", day(rng))]
    elif chance(rng, 0.4):
        pairs.append(("when", pick(rng, ["today", "tomorrow", "this-weekend", "next-7-days", "this-month"])))
    if chance(rng, 0.4):
        for g in some(rng, GENRES, 1, 3):
            pairs.append(("genre", g))
    if chance(rng, 0.3):
        pairs.append(("price_max", pick(rng, ["0", "20", "35", "50", "100"])))
    if chance(rng, 0.3):
        pairs.append(("sort", pick(rng, ["date", "relevance", "price_asc", "popular"])))
    if chance(rng, 0.2):
        pairs.append(("accessible", "step_free"))
    if chance(rng, 0.2):
        pairs.append(("page", str(rng.randint(2, 8))))
    ref, site = arrival(rng, [f"{BASE}/", f"{BASE}/events/"], ["https://www.search.example.com/"])
    return nav(rng, SRC, "event_search", HOST, "/events/", qs(pairs), cookie=_cookie(rng), referer=ref, site=site)


def search_api(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, ["jaz", "comed", "nutcr", "trad sess", "kid", "tech", "fad", "run"])), ("limit", "8")]
    if chance(rng, 0.5):
        pairs.append(("near", f"{rng.uniform(51.4, 55.2):.4f},{rng.uniform(-10.2, -5.5):.4f}"))
    return xhr(rng, SRC, "search_suggest", "GET", HOST, "/api/search/suggest", qs_pct(pairs), cookie=_cookie(rng),
               referer=f"{BASE}/events/")


def event_page(rng: random.Random) -> Request:
    name, eid = _event(rng)
    q = qs([("utm_source", pick(rng, ["newsletter", "instagram", "facebook"])), ("utm_medium", pick(rng, ["email", "social", "cpc"])),
            ("utm_campaign", pick(rng, ["dec-highlights", "last-chance", "new-on-sale"]))]) if chance(rng, 0.3) else ""
    ref, site = arrival(rng, [f"{BASE}/events/?city=Galway", f"{BASE}/"], ["https://social.example.com/", "https://www.search.example.com/"])
    return nav(rng, SRC, "event_page", HOST, f"/e/{slugify(name)}-{eid}", q, cookie=_cookie(rng), referer=ref, site=site)


def seat_map(rng: random.Random) -> Request:
    _, eid = _event(rng)
    pairs = [("performance", str(rng.randint(1, 12)))]
    if chance(rng, 0.5):
        pairs.append(("section", pick(rng, SECTIONS)))
    if chance(rng, 0.3):
        pairs.append(("price_band", pick(rng, ["A", "B", "C", "restricted_view"])))
    return xhr(rng, SRC, "seat_map", "GET", HOST, f"/api/events/{eid}/seatmap", qs(pairs), cookie=_cookie(rng, cart=True),
               referer=_ref_event(rng))


def seat_hold(rng: random.Random) -> Request:
    _, eid = _event(rng)
    n = rng.randint(1, 6)
    obj: dict[str, object] = {"performance_id": rng.randint(1, 12), "seats": [_seat(rng) for _ in range(n)],
                              "ticket_type": pick(rng, ["adult", "concession", "child", "student", "standard"]),
                              "keep_together": chance(rng, 0.7), "client_ts": iso(rng)}
    return xhr(rng, SRC, "seat_hold", "POST", HOST, f"/api/events/{eid}/holds", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng, cart=True), extra=csrf(rng, "django"), referer=_ref_event(rng))


def seat_release(rng: random.Random) -> Request:
    _, eid = _event(rng)
    return xhr(rng, SRC, "seat_release", "DELETE", HOST, f"/api/events/{eid}/holds/{uuid4(rng)}", cookie=_cookie(rng, cart=True),
               extra=csrf(rng, "django"), referer=_ref_event(rng))


def cart_update(rng: random.Random) -> Request:
    obj: dict[str, object] = {"items": [{"ticket_type_id": rng.randint(1000, 9999), "quantity": rng.randint(0, 6)} for _ in range(rng.randint(1, 3))],
                              "add_ons": some(rng, ["parking", "programme", "cloakroom", "merch_tee_m", "donation_5"], 0, 2),
                              "donation": pick(rng, [0, 0, 2, 5, 10])}
    return xhr(rng, SRC, "cart_update", "PATCH", HOST, f"/api/cart/{uuid4(rng)}", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng, cart=True), extra=csrf(rng, "django"), referer=_ref_event(rng))


def promo_apply(rng: random.Random) -> Request:
    code = pick(rng, PROMOS)
    if chance(rng, 0.2):
        code = " " + code.lower() + " "
    return xhr(rng, SRC, "promo_apply", "POST", HOST, "/api/cart/promo", body=jsb({"code": code}), ctype="application/json",
               cookie=_cookie(rng, cart=True), extra=csrf(rng, "django"), referer=f"{BASE}/checkout/")


def checkout_form(rng: random.Random) -> Request:
    buyer = person(rng)
    a = address(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("email", buyer.email), ("email_confirm", buyer.email),
             ("first_name", buyer.given), ("last_name", buyer.family), ("phone", buyer.phone)]
    for i in range(rng.randint(1, 4)):
        att = person(rng) if i else buyer
        pairs += [(f"attendee-{i}-name", att.name), (f"attendee-{i}-email", att.email if chance(rng, 0.6) else ""),
                  (f"attendee-{i}-dietary", pick(rng, ["", "", "vegetarian", "vegan", "coeliac / GF", "no pork", "nut allergy (severe)", "halal"]))]
    pairs += [("billing_line1", a["line1"]), ("billing_line2", a["line2"]), ("billing_city", a["city"]),
              ("billing_postcode", a["postal_code"]), ("billing_country", a["country"]),
              ("marketing_opt_in", pick(rng, ["on", ""])), ("organiser_opt_in", pick(rng, ["on", ""])), ("terms", "on")]
    return nav(rng, SRC, "checkout_form", HOST, "/checkout/details/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng, cart=True), referer=f"{BASE}/checkout/details/")


def checkout_pay(rng: random.Random) -> Request:
    obj: dict[str, object] = {"cart_id": uuid4(rng), "payment_method": f"pm_{token(rng, 24)}", "save_card": chance(rng, 0.2),
                              "amount": {"value": rng.randint(500, 48000), "currency": pick(rng, ["EUR", "GBP", "USD"])},
                              "return_url": f"{BASE}/checkout/complete/", "wallet": pick(rng, [None, "apple_pay", "google_pay"]),
                              "browser": {"tz": pick(rng, [-60, 0, 300, -600]), "screen": pick(rng, ["1920x1080", "390x844", "1440x900"])}}
    return xhr(rng, SRC, "checkout_pay", "POST", HOST, "/api/checkout/pay", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng, cart=True), extra=[*csrf(rng, "django"), ("idempotency-key", uuid4(rng))],
               referer=f"{BASE}/checkout/payment/")


ACCESS = [
    "Wheelchair user + 1 companion. We'll need the space nearest the accessible toilet if possible.",
    "My son is autistic and may need to step out during the show – aisle seats please.",
    "Hard of hearing – is there a hearing loop in the Stalls?",
    "Could we get ISL (Irish Sign Language) interpretation for the Q&A session?",
    "Guide dog – Bella, very well behaved 🐕‍🦺",
    "I can't manage stairs. Is there a lift to the Dress Circle?",
    "Need a chair in the standing area (chronic pain / POTS).",
    "Partially sighted – large-print programme please, and seats near the front.",
    "Quiet room needed for sensory breaks",
    "BSL interpreter for 2 people please",
]


def accessibility(rng: random.Random) -> Request:
    obj: dict[str, object] = {"order_ref": f"GTX-{chars(rng, UPNUM, 8)}",
                              "needs": some(rng, ["wheelchair_space", "companion_ticket", "step_free", "hearing_loop", "sign_language",
                                                  "assistance_dog", "seating_in_standing", "quiet_space", "large_print", "audio_description"], 1, 3),
                              "details": pick(rng, ACCESS), "contact_phone": person(rng).phone, "share_with_venue": True}
    return xhr(rng, SRC, "accessibility_request", "POST", HOST, "/api/orders/access-requests", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=f"{BASE}/account/orders/")


def waitlist(rng: random.Random) -> Request:
    name, eid = _event(rng)
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("name", p.name), ("email", p.email), ("quantity", str(rng.randint(1, 4))),
             ("performance", str(rng.randint(1, 12))), ("max_price", pick(rng, ["", "40", "60"])), ("sms", pick(rng, ["", p.phone]))]
    return nav(rng, SRC, "waitlist_join", HOST, f"/e/{slugify(name)}-{eid}/waitlist/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=f"{BASE}/e/{slugify(name)}-{eid}")


def waitlist_claim(rng: random.Random) -> Request:
    return nav(rng, SRC, "waitlist_claim", HOST, f"/waitlist/claim/{token(rng, 40)}/",
               qs([("utm_source", "email"), ("utm_campaign", "waitlist-offer")]) if chance(rng, 0.6) else "",
               cookie=_cookie(rng) if chance(rng, 0.5) else None, site="none")


REFUND_REASONS = ["Event was rescheduled and I can't make the new date", "Bought 2 by mistake (double-clicked pay?)",
                  "Covid positive 😷", "Flight cancelled", "Performer change – came to see the original cast",
                  "Wrong date selected, meant Sat 13th not Fri 12th", "Family emergency", "Ticket never arrived by email"]


def refund_request(rng: random.Random) -> Request:
    obj: dict[str, object] = {"order_ref": f"GTX-{chars(rng, UPNUM, 8)}", "tickets": [f"T{digits(rng, 9)}" for _ in range(rng.randint(1, 3))],
                              "reason": pick(rng, ["rescheduled", "cancelled", "duplicate", "cannot_attend", "other"]),
                              "comment": pick(rng, REFUND_REASONS), "resale_ok": chance(rng, 0.5)}
    return xhr(rng, SRC, "refund_request", "POST", HOST, "/api/orders/refund-requests", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=f"{BASE}/account/orders/")


def ticket_transfer(rng: random.Random) -> Request:
    p = person(rng)
    obj: dict[str, object] = {"ticket": f"T{digits(rng, 9)}", "to_name": p.name, "to_email": p.email,
                              "message": pick(rng, ["", f"Enjoy the show {p.given}! 🎭", "Can't make it, have fun x", "Happy birthday!!"])}
    return xhr(rng, SRC, "ticket_transfer", "POST", HOST, "/api/tickets/transfer", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=f"{BASE}/account/tickets/")


def order_lookup(rng: random.Random) -> Request:
    p = person(rng)
    return nav(rng, SRC, "order_lookup", HOST, "/orders/find/", qs([("order", f"GTX-{chars(rng, UPNUM, 8)}"), ("email", p.email)]),
               cookie=_cookie(rng), referer=f"{BASE}/help/")


def wallet_pass(rng: random.Random) -> Request:
    b = pick(rng, [x for x in MOBILE if x.family == "safari"])
    return nav(rng, SRC, "wallet_pass", HOST, f"/tickets/T{digits(rng, 9)}/wallet.pkpass", qs([("sig", token(rng, 43))]), b=b,
               cookie=_cookie(rng), referer=f"{BASE}/account/tickets/")


def ical(rng: random.Random) -> Request:
    name, eid = _event(rng)
    return nav(rng, SRC, "ical_download", HOST, f"/e/{slugify(name)}-{eid}/calendar.ics", qs([("performance", str(rng.randint(1, 12)))]),
               cookie=_cookie(rng), referer=f"{BASE}/e/{slugify(name)}-{eid}")


def venue_suggest(rng: random.Random) -> Request:
    return xhr(rng, SRC, "venue_suggest", "GET", ORG, "/api/venues/autocomplete",
               qs_pct([("q", pick(rng, ["lantern", "old mill", "st. brig", "harbour pav", "cellar", "salle", "warehouse 9", "kestrel"]))]),
               cookie=_cookie(rng), referer=f"https://{ORG}/events/new")


def review(rng: random.Random) -> Request:
    _, eid = _event(rng)
    obj: dict[str, object] = {"rating": rng.randint(1, 5),
                              "text": pick(rng, ["Absolutely magical evening ✨ the candlelight was gorgeous", "Sound was too loud at the back, couldn't hear the words.",
                                                 "Queue for the bar took 40 min. Music was 10/10 though.", "Great for kids 6-10, ours loved the volcano demo 🌋",
                                                 "Tickets said doors 7pm, actually 7:45 – freezing outside!", "Best gig of the year. Kessler b2b Mireille >>>",
                                                 "C'était génial, merci !", "Meh. 3/5."]),
                              "anonymous": chance(rng, 0.2)}
    return xhr(rng, SRC, "event_review", "POST", HOST, f"/api/events/{eid}/reviews", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=_ref_event(rng))


def embed_widget(rng: random.Random) -> Request:
    _, eid = _event(rng)
    site = pick(rng, ["https://www.lanternhall.example.org/whats-on/", "https://oldmillarts.example.net/events", "https://kesslermusic.example.com/tour"])
    return nav(rng, SRC, "embed_widget", HOST, f"/widget/checkout/{eid}", qs([("theme", pick(rng, ["light", "dark"])), ("lang", pick(rng, ["en", "ga", "de", "pt"])),
                                                                             ("parent", site.split("/")[2])]),
               cookie=_cookie(rng) if chance(rng, 0.3) else None, referer=site, site="cross-site", user=False,
               dest="iframe")


def app_feed(rng: random.Random) -> Request:
    lib = pick(rng, ["okhttp", "ios"])
    ua = "Gatehouse/7.4.0 (Android 15; SM-S921B) okhttp/4.12.0" if lib == "okhttp" else "Gatehouse/7.4.0 (iPhone15,2; iOS 26.1) CFNetwork/3860.100.1 Darwin/25.1.0"
    pairs = [("lat", f"{rng.uniform(51.4, 55.2):.5f}"), ("lng", f"{rng.uniform(-10.2, -5.5):.5f}"), ("radius_km", pick(rng, ["10", "25", "50"])),
             ("from", day(rng)), ("limit", "20")]
    if chance(rng, 0.4):
        pairs.append(("genres", ",".join(some(rng, GENRES, 1, 3))))
    return app(rng, SRC, "app_feed", "GET", API, "/v3/feed", qs_py(pairs), lib=lib, ua=ua, auth=bearer(rng, API) if chance(rng, 0.6) else None,
               accept="application/json", extra=[("x-app-version", "7.4.0"), ("x-device-id", uuid4(rng))])


# ------------------------------------------------------------------ organisers


def _agenda(rng: random.Random) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    h = rng.randint(9, 18)
    for _ in range(rng.randint(2, 6)):
        sp = person(rng)
        out.append({"start": f"{h:02d}:{pick(rng, ['00', '15', '30'])}", "duration_min": pick(rng, [15, 30, 45, 60]),
                    "title": pick(rng, ["Doors open", "Welcome & intro", "Keynote: Why your dashboards lie", "Panel: Women in Trad",
                                        "Lightning talks (5 × 5 min)", "Interval 🍷", "Workshop: Glazing basics", "Q&A with the cast",
                                        "Headliner", "Support act", "Networking + pizza 🍕", "Closing remarks"]),
                    "speaker": pick(rng, ["", sp.name]), "room": pick(rng, ["Main Hall", "Studio 2", "Foyer", ""])})
        h = min(h + 1, 23)
    return out


def event_create(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    name = pick(rng, EVENTS)
    desc = pick(rng, [
        f"<p><strong>{name}</strong> returns for one night only!</p><p>Expect candles, strings and a few surprises. Suitable for ages 8+.</p>",
        "<h3>About</h3><p>Bring your own instrument or just come to listen. All levels welcome &ndash; tunes start at 8ish.</p><ul><li>Free tea &amp; coffee</li><li>Bar open till late</li></ul>",
        "<p>Join us for an evening of talks &amp; demos. Agenda below &darr;</p><ol><li>Intro</li><li>Talks</li><li>Drinks</li></ol>"
        "<p>Code of conduct: <a href=\"https://rustbytes.example.org/coc\">rustbytes.example.org/coc</a></p>",
        "<p>¡Noche de fado! Vinho verde, petiscos e muita saudade.</p>",
        "<p>Please note: this is a <em>standing</em> event. Seating available on request (see Accessibility).</p>"
        "<p><iframe src=\"https://www.youtube-nocookie.com/embed/Q1w2E3r4T5y\" width=\"560\" height=\"315\" allowfullscreen></iframe></p>",
    ])
    parts = fields([("csrfmiddlewaretoken", token(rng, 64)), ("title", name), ("venue", pick(rng, VENUES)), ("start_date", day(rng)),
                    ("start_time", hhmm(rng, 10, 21)), ("end_time", hhmm(rng, 12, 23)), ("timezone", pick(rng, ["Europe/Dublin", "Europe/London", "America/Chicago"])),
                    ("category", pick(rng, GENRES)), ("age_restriction", pick(rng, ["all", "12+", "16+", "18+"])), ("description", desc),
                    ("agenda_json", jsb(_agenda(rng)).decode()), ("capacity", str(rng.choice([40, 80, 150, 400, 1200]))),
                    ("visibility", pick(rng, ["public", "unlisted", "private"]))])
    parts.append(("banner", jpeg(rng, rng.randint(900, 2000)) if chance(rng, 0.7) else png(rng), pick(rng, ["banner.jpg", "poster-final-v3.jpg", "hero 1920x1080.png"]),
                  "image/jpeg"))
    return nav(rng, SRC, "organiser_event_create", ORG, "/events/new/", method="POST", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b, referer=f"https://{ORG}/events/new/")


def agenda_update(rng: random.Random) -> Request:
    _, eid = _event(rng)
    return xhr(rng, SRC, "organiser_agenda", "PUT", ORG, f"/api/events/{eid}/agenda", body=jsb({"sessions": _agenda(rng)}),
               ctype="application/json", cookie=_cookie(rng), extra=csrf(rng, "django"), referer=f"https://{ORG}/events/{eid}/agenda")


def ticket_types(rng: random.Random) -> Request:
    _, eid = _event(rng)
    tiers = []
    for nm in some(rng, ["Early bird", "General admission", "Student (ID required)", "VIP – meet & greet", "Family (2+2)", "Under 12s", "Companion (free)"], 2, 4):
        tiers.append({"name": nm, "price": money(rng, 0, 120), "quantity": rng.choice([20, 50, 100, 250, None]),
                      "sales_start": f"{day(rng)}T10:00:00Z", "sales_end": pick(rng, [None, f"{day(rng)}T23:59:00Z"]),
                      "min_per_order": 1, "max_per_order": pick(rng, [4, 6, 10]), "hidden": chance(rng, 0.1),
                      "description": pick(rng, ["", "Includes a drink on arrival", "Limited – first 50 only!", "Bring valid student ID"])})
    return xhr(rng, SRC, "organiser_ticket_types", "PUT", ORG, f"/api/events/{eid}/ticket-types", body=jsb({"ticket_types": tiers, "currency": "EUR"}),
               ctype="application/json", cookie=_cookie(rng), extra=csrf(rng, "django"), referer=f"https://{ORG}/events/{eid}/tickets")


def discount_create(rng: random.Random) -> Request:
    _, eid = _event(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("code", pick(rng, PROMOS)), ("type", pick(rng, ["percent", "fixed", "reveal_hidden"])),
             ("amount", pick(rng, ["10", "15", "25", "5.00"])), ("max_uses", pick(rng, ["", "50", "100"])),
             ("ticket_types", str(rng.randint(1000, 9999))), ("valid_until", day(rng))]
    return nav(rng, SRC, "organiser_discount", ORG, f"/events/{eid}/discounts/new/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=f"https://{ORG}/events/{eid}/discounts/new/")


def attendee_export(rng: random.Random) -> Request:
    _, eid = _event(rng)
    return nav(rng, SRC, "attendee_export", ORG, f"/events/{eid}/attendees/export/",
               qs([("format", pick(rng, ["csv", "xlsx"])), ("include", "custom_questions"), ("checked_in", pick(rng, ["any", "yes", "no"]))]),
               cookie=_cookie(rng), referer=f"https://{ORG}/events/{eid}/attendees/")


def guest_import(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    _, eid = _event(rng)
    rows = ["name,email,ticket_type,notes"]
    for _ in range(rng.randint(3, 12)):
        p = person(rng)
        name = f'"{p.name}"' if "," in p.name or chance(rng, 0.3) else p.name
        note = pick(rng, ["", "plus one", '"needs parking, blue badge"', "photographer"])
        rows.append(f"{name},{p.email},{pick(rng, ['Guest', 'Press', 'Artist +1', 'Sponsor'])},{note}")
    parts = fields([("csrfmiddlewaretoken", token(rng, 64))])
    parts.append(("file", ("\r\n".join(rows) + "\r\n").encode(), "guestlist.csv", "text/csv"))
    parts += fields([("send_tickets", pick(rng, ["on", ""]))])
    return nav(rng, SRC, "guest_import", ORG, f"/events/{eid}/guests/import/", method="POST", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b, referer=f"https://{ORG}/events/{eid}/guests/")


def attendee_message(rng: random.Random) -> Request:
    _, eid = _event(rng)
    obj: dict[str, object] = {"subject": pick(rng, ["Important: new door time", "Parking info for Saturday", "See you tomorrow! 🎶", "Weather update ☔"]),
                              "body": pick(rng, ["Hi {{attendee.first_name}},\n\nDoors now open at 19:30 (not 19:00). See you there!\n\n– The Lantern Hall team",
                                                 "Hi all – the car park on Quarry Rd is closed, please use the Harbour multi-storey.\nThanks!",
                                                 "Rain is forecast 🌧️ – the event goes ahead, bring a jacket!"]),
                              "recipients": pick(rng, ["all", "checked_in", "not_checked_in", "ticket_type:1234"]), "send_at": pick(rng, [None, iso(rng)])}
    return xhr(rng, SRC, "organiser_message", "POST", ORG, f"/api/events/{eid}/messages", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=f"https://{ORG}/events/{eid}/messages/new")


def organiser_refund(rng: random.Random) -> Request:
    obj: dict[str, object] = {"order": f"GTX-{chars(rng, UPNUM, 8)}", "amount": pick(rng, [None, rng.randint(500, 9000)]),
                              "reason": pick(rng, ["event_cancelled", "customer_request", "duplicate"]), "notify": True}
    return app(rng, SRC, "organiser_refund_api", "POST", API, "/v1/refunds", lib=pick(rng, ["requests", "node"]), body=jsb(obj) if chance(rng, 0.5) else pyb(obj),
               ctype="application/json", auth="Bearer gtx_live_" + token(rng, 32), extra=[("idempotency-key", uuid4(rng))])


# ------------------------------------------------------------------ door scanners, webhooks


def _qr(rng: random.Random) -> str:
    return pick(rng, [f"GTX1:{chars(rng, UPNUM, 12)}:{sig_hex(rng, 16)}", f"T{digits(rng, 9)}", f"https://{HOST}/t/{token(rng, 22)}",
                      f"{digits(rng, 13)}"])


def scan_checkin(rng: random.Random) -> Request:
    lib = pick(rng, ["okhttp", "okhttp", "ios"])
    ua = "GatehouseScan/3.9.1 (Android 13; Zebra TC58) okhttp/4.12.0" if lib == "okhttp" else "GatehouseScan/3.9.1 CFNetwork/3860.100.1 Darwin/25.1.0"
    obj: dict[str, object] = {"code": _qr(rng), "event_id": _eid(rng), "gate": pick(rng, ["North Gate", "Door 2", "VIP", "Box office", "Stage door"]),
                              "direction": pick(rng, ["in", "in", "in", "out"]), "device_id": f"scn-{token(rng, 8).lower()}",
                              "scanned_at": iso(rng), "offline": False}
    return app(rng, SRC, "scan_checkin", "POST", SCAN, "/v2/checkins", lib=lib, ua=ua, body=jsb(obj), ctype="application/json; charset=utf-8",
               auth="Bearer " + token(rng, 40), accept="application/json")


def scan_batch(rng: random.Random) -> Request:
    scans = [{"code": _qr(rng), "scanned_at": iso(rng), "direction": "in", "gate": pick(rng, ["North Gate", "Door 2"])} for _ in range(rng.randint(3, 20))]
    obj: dict[str, object] = {"device_id": f"scn-{token(rng, 8).lower()}", "event_id": _eid(rng), "scans": scans, "battery": rng.randint(5, 100)}
    return app(rng, SRC, "scan_batch_sync", "POST", SCAN, "/v2/checkins/batch", lib="okhttp", ua="GatehouseScan/3.9.1 (Android 13; Honeywell CT40) okhttp/4.12.0",
               body=jsb(obj), ctype="application/json; charset=utf-8", auth="Bearer " + token(rng, 40))


def scan_manifest(rng: random.Random) -> Request:
    return app(rng, SRC, "scan_manifest", "GET", SCAN, f"/v2/events/{_eid(rng)}/manifest",
               qs_py([("since", str(epoch(rng))), ("page", str(rng.randint(1, 5)))]), lib=pick(rng, ["okhttp", "ios"]),
               ua="GatehouseScan/3.9.1", auth="Bearer " + token(rng, 40), accept="application/json", extra=[("if-none-match", f'W/"{sig_hex(rng, 16)}"')])


def payment_webhook(rng: random.Random) -> Request:
    obj: dict[str, object] = {"id": f"evt_{token(rng, 24)}", "type": pick(rng, ["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", "charge.dispute.created"]),
                              "created": epoch(rng), "data": {"object": {"id": f"pi_{token(rng, 24)}", "amount": rng.randint(500, 48000), "currency": pick(rng, ["eur", "gbp"]),
                                                                          "metadata": {"order_ref": f"GTX-{chars(rng, UPNUM, 8)}", "event_id": str(_eid(rng))},
                                                                          "last_payment_error": None if chance(rng, 0.8) else {"code": "card_declined", "message": "Your card was declined."}}},
                              "livemode": True}
    return app(rng, SRC, "payment_webhook", "POST", API, "/hooks/payments", lib="ruby", ua="PayHook/1.0 (+https://pay.example.com/docs/webhooks)",
               body=jsb(obj), ctype="application/json; charset=utf-8", accept="*/*; q=0.5, application/xml",
               extra=[("cache-control", "no-cache"), ("pay-signature", f"t={epoch(rng)},v1={sig_hex(rng)}")])


def box_office(rng: random.Random) -> Request:
    """Box-office staff selling at the door on a tablet."""
    p = person(rng)
    obj: dict[str, object] = {"event_id": _eid(rng), "items": [{"ticket_type_id": rng.randint(1000, 9999), "quantity": rng.randint(1, 4)}],
                              "payment": pick(rng, ["cash", "card_terminal", "comp"]), "customer": {"name": p.name, "email": pick(rng, ["", p.email])},
                              "note": pick(rng, ["", "Guest of the band", "Walk-up", "Paid €5 less – student, forgot ID"])}
    return xhr(rng, SRC, "box_office_sale", "POST", ORG, "/api/box-office/sales", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=f"https://{ORG}/box-office")


def event_tickets(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (18, search_page), (10, search_api), (20, event_page), (10, seat_map), (7, seat_hold), (2, seat_release), (6, cart_update),
        (5, promo_apply), (6, checkout_form), (5, checkout_pay), (2, accessibility), (3, waitlist), (2, waitlist_claim),
        (3, refund_request), (2, ticket_transfer), (3, order_lookup), (3, wallet_pass), (2, ical), (2, venue_suggest),
        (2, review), (4, embed_widget), (6, app_feed), (2, event_create), (2, agenda_update), (2, ticket_types),
        (2, discount_create), (2, attendee_export), (1, guest_import), (1, attendee_message), (2, organiser_refund),
        (12, scan_checkin), (3, scan_batch), (2, scan_manifest), (5, payment_webhook), (2, box_office),
    ])
