# ruff: noqa: RUF001 - guests write with typographic punctuation
"""booking_requests: hotel, restaurant, flight, clinic, car-hire and tour
booking forms and APIs — guest and passenger details, dates and times,
special requests in prose, promo codes and loyalty numbers, availability
searches and booking changes."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, js_json, pick, py_json

from .common import (
    BROWSERS,
    Request,
    add_days,
    browser,
    client,
    cookies,
    csrf_header,
    day_in,
    person,
    phone,
    some,
    uri_query,
    ymd,
)

SRC = "booking_requests"
HOSTS = ["book.example.com", "reservations.example.org", "www.example-hotel.example", "clinic.example.net", "travel.example.co.uk"]

SPECIAL = [
    "Please select a quiet room, away from the lift if possible.", "We're celebrating our 10th anniversary 🥂",
    "Travelling with a toddler — could we have a cot in the room?", "Severe peanut allergy (anaphylaxis). Please make sure the kitchen is aware.",
    "I use a wheelchair; we need step-free access and a roll-in shower.", "Late arrival, around 23:30 — please hold the room.",
    "Drop off at 5; pick up from the lobby.", "Gluten-free & lactose-free for one guest, vegetarian for the other.",
    "Could we get a table by the window? It's a surprise birthday.", "Two single beds instead of a double, please.",
    "Our flight lands at 06:10, is early check-in possible (happy to pay)?", "Dog (small, 7 kg) travelling with us — is that OK?",
    "Bitte ein ruhiges Zimmer im oberen Stock.", "Nous arriverons vers 22h, merci de prévoir le code de la boîte à clés.",
    "Necesitamos una trona para el bebé.", "Halal meals for two guests please.", "Hearing impaired — please text rather than call.",
    "Need a receipt with company name: Example Consulting Ltd, VAT GB 123 4567 89.", "No feathers please (allergy) — synthetic pillows?",
    "Parking for a van (2.6 m high)?", "We'd like the tasting menu; one guest doesn't eat shellfish or raw fish.",
    "Prefer a female doctor if available.", "First visit — I've attached last year's X-rays to my account.",
    "Meet us at arrivals, flight BA 0123, name sign \"O'Connor\".", "Pram/stroller friendly table please, 2 high chairs.",
    "静かな部屋をお願いします。", "可以安排无烟房间吗？谢谢！", "",
]
PROMOS = ["WINTER27", "SPRING-15", "FAMILY10", "EARLYBIRD", "WELCOME5", "STAFF2027", "NYE-DINNER", "B2B-ACME-01", ""]
CITIES = [("LHR", "London"), ("CDG", "Paris"), ("FRA", "Frankfurt"), ("MAD", "Madrid"), ("FCO", "Rome"), ("AMS", "Amsterdam"),
          ("IST", "Istanbul"), ("HND", "Tokyo"), ("JFK", "New York"), ("LIS", "Lisbon"), ("DUB", "Dublin"), ("WAW", "Warsaw")]
ROOMS = ["standard-double", "superior-twin", "deluxe-king-sea-view", "family-suite", "single-economy", "junior-suite"]
TREATMENTS = ["check-up", "hygiene", "physiotherapy-initial", "flu-vaccination", "blood-test", "dermatology-consult", "eye-test"]
NATIONALITIES = ["GB", "IE", "DE", "FR", "ES", "IT", "PL", "TR", "JP", "US", "BR", "NL"]


def _loyalty(rng: random.Random) -> str:
    return pick(rng, [f"EX{rng.randrange(10**8, 10**9)}", f"{rng.randrange(10**9, 10**10)}", f"GOLD-{chars(rng, '0123456789', 6)}", ""])


def _time(rng: random.Random) -> str:
    return f"{rng.choice([12, 12, 13, 18, 19, 19, 20, 21])}:{rng.choice(['00', '15', '30', '45'])}"


def one(rng: random.Random) -> Request:
    host = pick(rng, HOSTS)
    b = pick(rng, BROWSERS)
    g, f, mail = person(rng)
    fw = pick(rng, ["django", "flask", "fastapi", "express"])
    start = day_in(rng, 2027, 1, 9)
    nights = rng.randint(1, 9)
    end = add_days(start, nights)
    note = pick(rng, SPECIAL)
    r = rng.random()
    if r < 0.2:  # hotel booking form
        pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("room_type", pick(rng, ROOMS)), ("check_in", ymd(start)), ("check_out", ymd(end)),
                 ("adults", str(rng.randint(1, 4))), ("children", str(pick(rng, [0, 0, 1, 2]))), ("first_name", g), ("last_name", f),
                 ("email", mail), ("phone", phone(rng)), ("arrival_time", pick(rng, ["14:00-16:00", "16:00-18:00", "after 22:00", "unknown"])),
                 ("special_requests", note), ("promo_code", pick(rng, PROMOS)), ("loyalty_number", _loyalty(rng)), ("newsletter", pick(rng, ["on", ""])),
                 ("terms", "on")]
        return browser(rng, SRC, "hotel_form", "POST", host, "/booking/confirm/", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                       navigate=True, b=b, cookie=cookies(rng, "django"), referer=f"https://{host}/booking/details/?room={pick(rng, ROOMS)}")
    if r < 0.35:  # restaurant reservation JSON
        payload = {"venue_id": rng.randrange(100, 999), "date": ymd(start), "time": _time(rng), "party_size": rng.randint(1, 10),
                   "name": f"{g} {f}", "email": mail, "phone": phone(rng), "occasion": pick(rng, [None, "birthday", "anniversary", "business"]),
                   "notes": note, "seating": pick(rng, ["any", "indoor", "terrace", "bar", "window"]), "marketing_opt_in": rng.random() < 0.3}
        return browser(rng, SRC, "restaurant", "POST", host, "/api/reservations", body=js_json(payload).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=f"https://{host}/restaurants/{rng.randrange(100, 999)}")
    if r < 0.5:  # flight passengers
        o, d = rng.sample(CITIES, 2)
        pax = []
        for i in range(rng.randint(1, 4)):
            pg, pf, pm = person(rng)
            pax.append({"type": "ADT" if i < 2 else pick(rng, ["CHD", "INF"]), "title": pick(rng, ["MR", "MS", "MRS", "MX", "DR"]), "given_name": pg, "surname": pf,
                        "date_of_birth": f"{rng.randint(1950, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "nationality": pick(rng, NATIONALITIES),
                        "document": {"type": "P", "number": chars(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 9), "expiry": f"{rng.randint(2028, 2035)}-{rng.randint(1, 12):02d}-01",
                                     "issuing_country": pick(rng, NATIONALITIES)},
                        "frequent_flyer": _loyalty(rng) or None, "email": pm if i == 0 else None,
                        "special_service": pick(rng, [None, None, "WCHR", "VGML", "BLND", "DEAF", "NLML"])})
        payload2 = {"offer_id": f"off_{chars(rng, ALNUM, 24)}", "itinerary": f"{o[0]}-{d[0]}", "departure": ymd(start), "return": ymd(end) if rng.random() < 0.7 else None,
                    "passengers": pax, "contact": {"email": mail, "phone": phone(rng)}, "remarks": note, "promo_code": pick(rng, PROMOS) or None}
        if rng.random() < 0.5:
            return browser(rng, SRC, "flight_pax", "POST", host, "/api/v2/orders", body=js_json(payload2).encode(), ctype="application/json", b=b,
                           cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=f"https://{host}/flights/{o[0]}-{d[0]}/passengers")
        return client(rng, SRC, "flight_pax_api", "POST", "api.travel.example.co.uk", "/air/orders", body=py_json(payload2).encode(), ctype="application/json",
                      lib=pick(rng, ["requests", "httpx", "okhttp"]), auth=f"Bearer {chars(rng, ALNUM, 40)}", extra=[("idempotency-key", chars(rng, ALNUM, 32))])
    if r < 0.62:  # clinic appointment
        pairs = [("csrf_token", chars(rng, ALNUM, 40)), ("service", pick(rng, TREATMENTS)), ("practitioner", pick(rng, ["any", "dr-okafor", "dr-lindqvist", "dr-nakamura"])),
                 ("date", ymd(start)), ("slot", f"{rng.randint(8, 17):02d}:{rng.choice(['00', '20', '40'])}"), ("patient_name", f"{g} {f}"),
                 ("dob", f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1945, 2015)}"), ("email", mail), ("phone", phone(rng)),
                 ("new_patient", pick(rng, ["yes", "no"])), ("reason", pick(rng, ["Routine check-up", "Tooth pain, lower left, since Monday", "Follow-up after surgery",
                                                                                  "Knee pain when running (> 3 weeks)", "Repeat prescription review", "Rash on forearm"])),
                 ("notes", note), ("consent_sms", pick(rng, ["y", ""]))]
        return browser(rng, SRC, "clinic", "POST", host, "/appointments/book", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                       navigate=True, b=b, cookie=cookies(rng, "flask"), referer=f"https://{host}/appointments/book?service={pick(rng, TREATMENTS)}")
    if r < 0.74:  # availability search
        if rng.random() < 0.5:
            qs = uri_query([("check_in", ymd(start)), ("check_out", ymd(end)), ("adults", str(rng.randint(1, 4))), ("children", str(pick(rng, [0, 1, 2]))),
                            ("child_ages", pick(rng, ["", "4", "4,9"])), ("rooms", "1"), ("promo", pick(rng, PROMOS)), ("currency", pick(rng, ["EUR", "GBP", "USD"]))])
            return browser(rng, SRC, "availability", "GET", host, "/api/availability", qs, b=b, cookie=cookies(rng, fw))
        o, d = rng.sample(CITIES, 2)
        qs = form([("from", o[0]), ("to", d[0]), ("depart", ymd(start)), ("return", ymd(end)), ("adults", str(rng.randint(1, 3))), ("cabin", pick(rng, ["economy", "premium", "business"])),
                   ("flex", pick(rng, ["0", "3"]))])
        return browser(rng, SRC, "flight_search", "GET", host, "/flights/search", qs, navigate=True, b=b, cookie=cookies(rng, fw))
    if r < 0.84:  # change or cancel
        ref = chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6)
        if rng.random() < 0.6:
            payload3 = {"check_in": ymd(add_days(start, 1)), "check_out": ymd(add_days(end, 1)), "guests": {"adults": 2, "children": 1},
                        "special_requests": note or "Could we move the booking by one day?", "reason": pick(rng, ["flight changed", "family emergency", "work", "other"])}
            return browser(rng, SRC, "modify", "PATCH", host, f"/api/bookings/{ref}", body=js_json(payload3).encode(), ctype="application/json",
                           b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
        payload4 = {"reason": pick(rng, ["Plans changed, sorry!", "Illness — we'll rebook in spring.", "Found a place closer to the venue.", "Doppelbuchung"]),
                    "refund_to": pick(rng, ["original_payment", "voucher"])}
        return browser(rng, SRC, "cancel", "POST", host, f"/api/bookings/{ref}/cancel", body=js_json(payload4).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
    if r < 0.92:  # car hire / airport transfer
        o = pick(rng, CITIES)
        payload5 = {"pickup": {"location": f"{o[1]} Airport ({o[0]})", "at": f"{ymd(start)}T{_time(rng)}:00"}, "dropoff": {"location": pick(rng, [f"{o[1]} Central Station", "Hotel lobby", f"{o[1]} Airport ({o[0]})"]),
                    "at": f"{ymd(end)}T10:00:00"}, "vehicle_class": pick(rng, ["mini", "compact", "estate", "van-9-seats"]), "driver": {"name": f"{g} {f}", "age": rng.randint(23, 75), "licence_country": pick(rng, NATIONALITIES)},
                    "extras": some(rng, ["child_seat", "gps", "snow_chains", "additional_driver", "full_insurance"], 0, 3), "flight_number": pick(rng, ["", f"LH{rng.randint(100, 999)}", f"EI {rng.randint(100, 999)}"]),
                    "comments": note}
        return browser(rng, SRC, "car_hire", "POST", host, "/api/transfers/quote", body=js_json(payload5).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
    # promo code check / loyalty link
    if rng.random() < 0.5:
        payload6: dict[str, object] = {"code": pick(rng, [p for p in PROMOS if p]), "cart_total": round(rng.uniform(80, 2400), 2), "currency": "EUR", "check_in": ymd(start)}
        return browser(rng, SRC, "promo_check", "POST", host, "/api/promo/validate", body=js_json(payload6).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
    payload6 = {"programme": pick(rng, ["Example Rewards", "SkyExample Miles", "Example Hotels Club"]), "member_number": _loyalty(rng) or "EX123456789", "surname": f}
    return browser(rng, SRC, "loyalty_link", "POST", host, "/api/account/loyalty", body=js_json(payload6).encode(), ctype="application/json",
                   b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))


def booking_requests(rng: random.Random, n: int) -> list[Request]:
    return [one(rng) for _ in range(n)]
