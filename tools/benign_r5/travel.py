# ruff: noqa: RUF001 - real text uses typographic characters
"""travel: a flight and hotel booking site (Django pages, a JSON API for the
SPA checkout and the mobile apps, a partner API, affiliate redirects):
one-way, return and multi-city flight searches with IATA codes, dates and
passenger mixes, hotel searches in many languages, passenger forms with
apostrophes, hyphens and diacritics, passport fields, special requests,
loyalty numbers, seat maps, itinerary changes, reviews, currency and
locale switching, partner-API JSON and XML, and landing URLs heavy with
utm_*, gclid and encoded redirect parameters."""

from __future__ import annotations

import random
from urllib.parse import quote

from .common import (
    ALNUM,
    Request,
    ascii_fold,
    b64url,
    bearer,
    browser,
    chars,
    client,
    cookie_jar,
    csrf,
    dotnet_json,
    epoch,
    form,
    go_json,
    gson_json,
    hexs,
    ios_json,
    js_json,
    later,
    person,
    phone,
    pick,
    rbytes,
    run,
    some,
    stamp,
    upcoming,
    uri_query,
    uuid4,
)

SRC = "travel"
WEB = "www.travel.example.com"
API = "api.travel.example.com"
PARTNER = "partners.travel.example.com"
GO = "go.travel.example.com"

AIRPORTS = ["LHR", "LGW", "JFK", "SFO", "DUB", "ORK", "SNN", "CDG", "FRA", "MUC", "MAD", "BCN", "HND", "NRT", "KIX", "GRU", "MEX",
            "KEF", "LIS", "AMS", "IST", "DXB", "SIN", "SYD", "YUL", "YYZ", "BOS", "ORD", "LAX", "ZRH", "FCO", "CPH", "ATH", "BKK"]
CITIES = ["Saint-Jean-de-Luz", "Köln", "São Paulo", "Ciudad de México", "京都", "Reykjavík", "Dún Laoghaire", "Kraków", "İzmir",
          "Zürich", "Sevilla", "Lisboa", "Bruxelles / Brussel", "Tromsø", "Þingvellir", "Hội An", "Marrakech", "Ōsaka",
          "Santa Cruz de Tenerife", "L'Aquila", "New York, NY", "Baden-Baden", "'s-Hertogenbosch", "Cork", "Galway (Gaillimh)",
          "Αθήνα", "Москва", "서울", "Dubrovnik", "Chamonix-Mont-Blanc"]
CABINS = ["economy", "premium_economy", "business", "first"]
CARRIERS = ["XA", "XB", "QX", "ZY", "EW", "KL", "TP", "LH"]
CURRENCIES = ["EUR", "GBP", "USD", "JPY", "CHF", "SEK", "AUD", "CAD", "BRL", "MXN", "TRY", "KRW"]
LOCALES = ["en-gb", "en-us", "fr-fr", "de-de", "es-es", "it-it", "pt-br", "ja-jp", "ko-kr", "nl-nl", "pl-pl", "tr-tr", "sv-se"]

NAMES = [("Siobhán", "Ní Bhriain"), ("Jean-Luc", "D'Arcy"), ("María José", "García-Márquez"), ("Zoë", "O'Connor-Smith"), ("Ngũgĩ", "wa Thiong'o"),
         ("Björn", "Åkesson"), ("Thị Thảo", "Nguyễn"), ("Seán", "Ó Súilleabháin"), ("Anne-Sophie", "Lefèvre"), ("Çağla", "Yılmaz"),
         ("Łukasz", "Brzęczyszczykiewicz"), ("Joaquín", "de la Peña y Ruiz"), ("Mary-Kate", "O'Sullivan"), ("Dmitri", "Petrov"),
         ("Aaliyah", "Al-Farsi"), ("Hana", "Satō"), ("François", "L'Estrange"), ("Giulia", "Dell'Orto"), ("Kwame", "Mensah-Bonsu"),
         ("Jürgen", "Größer"), ("Renée", "St. Clair"), ("Ólafur", "Þórðarson"), ("Pádraig", "Mac an tSaoi"), ("Wei", "Zhang")]
REQUESTS = ["Vegetarian meal (VGML) please; travelling with a 6-month-old — bassinet seat if possible.",
            "Wheelchair assistance (WCHR) at both airports, I can manage steps slowly.", "Celebrating our 10th anniversary 🥂 — any upgrade appreciated!",
            "Late arrival ~23:30, please don't release the room.", "Quiet room away from the lift, high floor if poss.",
            "Allergic to nuts (severe) – please flag on the PNR.", "Need 2 separate beds, not a double!!", "Travelling with a guide dog.",
            "Early check-in if available (flight lands 07:05).", "Bitte ein Zimmer mit Balkon, wenn möglich.", "Lit bébé svp + chambre non-fumeur.",
            "Habitación tranquila, por favor; llegamos tarde.", "Gluten-free (GFML) x2", "", "Please seat us together (3 pax incl. child, 7y).",
            "Surfboard as special baggage (2.1 m) — is that OK?", "Kosher meal (KSML) for passenger 2; child meal (CHML) for pax 3"]
REVIEWS = [("Great location, tiny rooms", "Steps from the old town. Room was clean but *tiny* — couldn't open both suitcases. Staff were lovely (thanks Ciarán!)."),
           ("Would stay again 5/5", "Breakfast was amazing (the pastéis de nata!!). Quiet at night, comfy bed. Wi-Fi a bit slow."),
           ("Not as advertised", "Photos show a sea view; we got a car park view. Asked to move — \"fully booked\". Bathroom smelled of damp. 2/5"),
           ("Perfect for a stopover", "10 min from the airport, free shuttle every 30 min, 24h reception. Does what it says on the tin."),
           ("Sehr freundliches Personal", "Zimmer sauber, Frühstück gut, Parkplatz kostet 15 €/Tag – leider nicht erwähnt."),
           ("Séjour agréable", "Hôtel bien situé, personnel aux petits soins. Seul bémol : l'isolation phonique."),
           ("Flight was fine, boarding chaos", "Delayed 45 min, no announcements, then 'final call' while we were queueing. Crew were great though :)"),
           ("Hidden fees?!", "Seat selection €12 + bag €35 + 'admin fee' €7.50 — total way above the price shown. Read the fare rules & T&Cs."),
           ("¡Excelente!", "Todo perfecto, repetiremos. La piscina en la azotea 😍")]


def route(rng: random.Random) -> tuple[str, str]:
    a, b = some(rng, AIRPORTS, 2, 2)
    return a, b


def web_cookie(rng: random.Random, extra: list[tuple[str, str]] | None = None) -> str:
    jar = [("currency", pick(rng, CURRENCIES)), ("django_language", pick(rng, ["en", "fr", "de", "es", "ja", "pt-br"]))]
    if rng.random() < 0.3:
        jar.append(("recent_searches", quote(js_json([{"o": route(rng)[0], "d": route(rng)[1]}]), safe="")))
    if rng.random() < 0.3:
        jar.append(("aff", f"{pick(rng, ['meta42', 'blogxyz', 'cashback7'])}|{epoch(rng)}"))
    return cookie_jar(rng, "django", extra=jar + (extra or []), analytics=0.6)


def page(rng: random.Random, kind: str, path: str, qs: str = "", *, referer: str | None = None, site: str = "same-origin",
         lang: str = "en", cookie: bool = True) -> Request:
    return browser(rng, SRC, kind, "GET", WEB, path, qs, page=True, site=site, referer=referer, lang=lang,
                   cookie=web_cookie(rng) if cookie else None)


def spa(rng: random.Random, kind: str, method: str, path: str, qs: str = "", obj: object = None, referer: str = "/", lang: str = "en") -> Request:
    body = js_json(obj).encode() if obj is not None else None
    extra = csrf(rng, "django") if method != "GET" else []
    extra.append(("x-session-id", uuid4(rng)))
    return browser(rng, SRC, kind, method, API, path, qs, body=body, ctype="application/json" if body is not None else None,
                   accept="application/json", referer=f"https://{WEB}{referer}", cookie=web_cookie(rng), lang=lang, extra=extra,
                   site="same-site", origin=f"https://{WEB}")


IOS_UA = ["Voyago/9.12.0 (iPhone16,2; iOS 18.7; en_GB) CFNetwork/3860.100.1 Darwin/25.0.0", "Voyago/9.11.3 (iPhone14,5; iOS 26.1; ja_JP) CFNetwork/3860.100.1"]
ANDROID_UA = ["Voyago/9.12.0 (Android 15; Pixel 8; de_DE) okhttp/4.12.0", "Voyago/9.12.0 (Android 14; SM-A546B; es_ES) okhttp/4.12.0"]


def app(rng: random.Random, kind: str, method: str, path: str, qs: str = "", obj: object = None) -> Request:
    auth = bearer(rng, "https://login.travel.example.com", "bookings profile")
    if rng.random() < 0.5:
        body = ios_json(obj).encode() if obj is not None else None
        return client(rng, SRC, kind, method, API, path, qs, body=body, ctype="application/json" if body is not None else None, lib="ios",
                      auth=auth, ua=pick(rng, IOS_UA), extra=[("x-app-currency", pick(rng, CURRENCIES))])
    body = gson_json(obj).encode() if obj is not None else None
    return client(rng, SRC, kind, method, API, path, qs, body=body, ctype="application/json; charset=UTF-8" if body is not None else None,
                  lib="okhttp", auth=auth, ua=pick(rng, ANDROID_UA), extra=[("x-app-currency", pick(rng, CURRENCIES))])


# ------------------------------------------------------------------ searching


def pax_pairs(rng: random.Random) -> list[tuple[str, str]]:
    pairs = [("adults", str(rng.choice([1, 1, 2, 2, 3, 4])))]
    ch = rng.choice([0, 0, 0, 1, 2])
    if ch:
        pairs.append(("children", str(ch)))
        pairs.append(("ages", ",".join(str(rng.randint(2, 15)) for _ in range(ch))))
    if rng.random() < 0.1:
        pairs.append(("infants", "1"))
    return pairs


def flight_search(rng: random.Random) -> Request:
    a, b = route(rng)
    dep = upcoming(rng, 7, 120)
    pairs = [("from", a), ("to", b), ("depart", dep)]
    if rng.random() < 0.6:
        pairs.append(("return", later(rng, dep, 2, 21)))
    pairs += pax_pairs(rng)
    pairs.append(("cabin", pick(rng, CABINS)))
    if rng.random() < 0.3:
        pairs += [("direct", "1")]
    if rng.random() < 0.3:
        pairs += [("flex", pick(rng, ["3", "7"]))]
    if rng.random() < 0.2:
        pairs += [("sort", pick(rng, ["price", "duration", "best", "depart_asc"]))]
    return page(rng, "flight_search", pick(rng, ["/flights/search", "/fr/vols/recherche", "/de/fluege/suche"]), form(pairs),
                referer=pick(rng, [f"https://{WEB}/", f"https://{WEB}/flights", None]))


def multi_city(rng: random.Random) -> Request:
    legs = []
    a = pick(rng, AIRPORTS)
    day = upcoming(rng, 10, 100)
    for _i in range(rng.randint(2, 4)):
        b = pick(rng, [x for x in AIRPORTS if x != a])
        legs.append(f"{a}-{b}-{day}")
        day = later(rng, day, 2, 12)
        a = b
    if rng.random() < 0.5:
        pairs = [("type", "multicity"), ("legs", ",".join(legs)), *pax_pairs(rng), ("cabin", pick(rng, CABINS))]
    else:
        pairs = [("type", "multicity")]
        for i, leg in enumerate(legs):
            o, d, *date = leg.split("-")
            pairs += [(f"legs[{i}][from]", o), (f"legs[{i}][to]", d), (f"legs[{i}][date]", "-".join(date))]
        pairs += pax_pairs(rng)
    return page(rng, "flight_search_multicity", "/flights/search", form(pairs), referer=f"https://{WEB}/flights/multi-city")


def flight_api(rng: random.Random) -> Request:
    a, b = route(rng)
    dep = upcoming(rng, 7, 100)
    slices = [{"origin": a, "destination": b, "departure_date": dep}]
    if rng.random() < 0.6:
        slices.append({"origin": b, "destination": a, "departure_date": later(rng, dep, 2, 30)})
    pax = [{"type": "adult"} for _ in range(rng.randint(1, 3))] + [{"type": "child", "age": rng.randint(2, 11)} for _ in range(rng.choice([0, 0, 1, 2]))]
    obj = {"slices": slices, "passengers": pax, "cabin_class": pick(rng, CABINS), "max_connections": rng.choice([0, 1, 2]),
           "currency": pick(rng, CURRENCIES), "flexible_days": rng.choice([0, 0, 3]), "filters": {"carriers": some(rng, CARRIERS, 0, 2), "bags": rng.randint(0, 2)}}
    if rng.random() < 0.4:
        return app(rng, "flight_offer_search", "POST", "/v2/air/offer-requests", obj=obj)
    return spa(rng, "flight_offer_search", "POST", "/v2/air/offer-requests", obj=obj, referer="/flights/search")


def price_calendar(rng: random.Random) -> Request:
    a, b = route(rng)
    return spa(rng, "price_calendar", "GET", "/v2/air/calendar", form([("from", a), ("to", b), ("month", pick(rng, ["2027-01", "2027-02", "2027-03"])),
                                                                      ("trip", pick(rng, ["ow", "rt"])), ("nights", str(rng.choice([3, 7, 14])))]),
               referer="/flights/search")


def airport_autocomplete(rng: random.Random) -> Request:
    term = pick(rng, ["san", "lon", "dub", "köl", "são", "new y", "par", "tok", "o'h", "st. j", "reyk", "zür", "mü", "京", "ath", "lis"])
    return spa(rng, "airport_autocomplete", "GET", "/v2/places/suggest", uri_query([("term", term), ("locale", pick(rng, LOCALES)), ("types", "airport,city")]))


def hotel_search(rng: random.Random) -> Request:
    city = pick(rng, CITIES)
    ci = upcoming(rng, 3, 120)
    rooms = rng.choice([1, 1, 1, 2])
    pairs = [("destination", city), ("checkin", ci), ("checkout", later(rng, ci, 1, 14)), ("rooms", str(rooms)),
             ("adults", ",".join(str(rng.choice([1, 2, 2])) for _ in range(rooms))), ("children", ",".join(str(rng.choice([0, 0, 1])) for _ in range(rooms)))]
    if rng.random() < 0.3:
        pairs.append(("ages", str(rng.randint(1, 15))))
    if rng.random() < 0.4:
        pairs.append(("filters", ",".join(some(rng, ["pool", "free_cancellation", "breakfast", "pets", "parking", "stars:4+", "wifi"], 1, 3))))
    if rng.random() < 0.3:
        pairs.append(("price", f"{rng.choice([0, 50, 80])}-{rng.choice([150, 250, 400])}"))
    lang = pick(rng, ["en", "fr", "de", "es", "ja", "pt", "it", "ko"])
    return page(rng, "hotel_search", pick(rng, ["/hotels/search", f"/{lang}/hotels/search"]), form(pairs), referer=f"https://{WEB}/hotels", lang=lang)


def hotel_detail(rng: random.Random) -> Request:
    slug = pick(rng, ["hotel-l-ocean-saint-jean-de-luz", "haus-am-dom-koln", "pousada-jardim-sao-paulo", "ryokan-kiyomizu-kyoto",
                      "the-harbour-view-dun-laoghaire", "casa-azul-sevilla", "grand-hotel-d-angleterre"])
    ci = upcoming(rng, 3, 120)
    pairs = [("checkin", ci), ("checkout", later(rng, ci, 1, 10)), ("adults", str(rng.choice([1, 2]))),
             ("room", pick(rng, ["", "deluxe-double", "twin-sea-view"]))]
    return page(rng, "hotel_detail", f"/hotels/{slug}-{rng.randrange(10**5, 10**6)}", form([p for p in pairs if p[1]]),
                referer=f"https://{WEB}/hotels/search")


def car_search(rng: random.Random) -> Request:
    a = pick(rng, AIRPORTS)
    up = upcoming(rng, 5, 100)
    pairs = [("pickup", a), ("dropoff", pick(rng, [a, pick(rng, AIRPORTS)])), ("pickup_at", up + "T" + pick(rng, ["09:00", "10:30", "14:00"])),
             ("dropoff_at", later(rng, up, 1, 21) + "T10:00"), ("driver_age", str(rng.choice([25, 30, 45, 70]))), ("class", pick(rng, ["mini", "compact", "suv", "van"]))]
    return spa(rng, "car_search", "GET", "/v2/cars/search", form(pairs), referer="/cars")


# ------------------------------------------------------------------ booking


def passenger_form(rng: random.Random) -> Request:
    """The checkout's server-rendered passenger step: one block per traveller."""
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("offer_id", "off_" + chars(rng, ALNUM, 26))]
    for i in range(rng.randint(1, 3)):
        g, f = pick(rng, NAMES)
        pairs += [(f"pax-{i}-title", pick(rng, ["mr", "ms", "mrs", "mx", "dr"])), (f"pax-{i}-given_name", g), (f"pax-{i}-family_name", f),
                  (f"pax-{i}-born_on", f"{rng.randint(1950, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
                  (f"pax-{i}-gender", pick(rng, ["f", "m", "x"])), (f"pax-{i}-nationality", pick(rng, ["IE", "FR", "ES", "DE", "KE", "SE", "VN", "JP", "GB", "PL", "TR"])),
                  (f"pax-{i}-passport_number", chars(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 9)), (f"pax-{i}-passport_expiry", f"20{rng.randint(27, 36)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
                  (f"pax-{i}-passport_country", pick(rng, ["IE", "FR", "ES", "DE", "GB"]))]
        if rng.random() < 0.4:
            pairs += [(f"pax-{i}-loyalty_programme", pick(rng, CARRIERS)), (f"pax-{i}-loyalty_number", chars(rng, "0123456789", rng.choice([9, 10, 12])))]
    g, f, email = person(rng)
    pairs += [("contact-email", email), ("contact-phone", phone(rng)), ("special_requests", pick(rng, REQUESTS)), ("accept_terms", "on")]
    return browser(rng, SRC, "passenger_form", "POST", WEB, "/checkout/passengers/", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/checkout/passengers/")


def passenger_api(rng: random.Random) -> Request:
    pax = []
    for _ in range(rng.randint(1, 4)):
        g, f = pick(rng, NAMES)
        p: dict[str, object] = {"id": "pas_" + chars(rng, ALNUM, 20), "given_name": g, "family_name": f, "title": pick(rng, ["mr", "ms", "mrs", "miss", "dr"]),
                                "born_on": f"{rng.randint(1950, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "gender": pick(rng, ["f", "m"]),
                                "identity_documents": [{"type": "passport", "unique_identifier": chars(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 9),
                                                        "issuing_country_code": pick(rng, ["IE", "FR", "ES", "SE", "KE", "GB"]), "expires_on": f"20{rng.randint(27, 36)}-06-30"}]}
        if rng.random() < 0.3:
            p["loyalty_programme_accounts"] = [{"airline_iata_code": pick(rng, CARRIERS), "account_number": chars(rng, "0123456789", 10)}]
        if rng.random() < 0.2:
            p["known_traveler_number"] = chars(rng, "0123456789", 9)
        pax.append(p)
    obj = {"offer_id": "off_" + chars(rng, ALNUM, 26), "passengers": pax, "special_requests": pick(rng, REQUESTS),
           "contact": {"email": person(rng)[2], "phone": phone(rng)}}
    if rng.random() < 0.35:
        return app(rng, "passenger_details", "PUT", f"/v2/checkout/{uuid4(rng)}/passengers", obj=obj)
    return spa(rng, "passenger_details", "PUT", f"/v2/checkout/{uuid4(rng)}/passengers", obj=obj, referer="/checkout/passengers/")


def seat_map(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return spa(rng, "seat_map", "GET", "/v2/air/seat-maps", form([("offer_id", "off_" + chars(rng, ALNUM, 26)), ("segment", str(rng.randint(0, 3)))]),
                   referer="/checkout/seats/")
    seats = [{"passenger_id": "pas_" + chars(rng, ALNUM, 20), "segment_id": "seg_" + chars(rng, ALNUM, 16), "designator": f"{rng.randint(1, 45)}{pick(rng, 'ABCDEFK')}"}
             for _ in range(rng.randint(1, 3))]
    return spa(rng, "seat_select", "POST", f"/v2/checkout/{uuid4(rng)}/seats", obj={"selections": seats}, referer="/checkout/seats/")


def payment(rng: random.Random) -> Request:
    g, f = pick(rng, NAMES)
    obj = {"payment_method": "pm_" + chars(rng, ALNUM, 24), "amount": f"{rng.randrange(80, 4200)}.{rng.randrange(100):02d}", "currency": pick(rng, CURRENCIES),
           "billing": {"name": f"{g} {f}", "line1": pick(rng, ["Flat 2B, 14 Harbour View", "12 rue des Lilas", "Calle del Almendro 7, 2º izq.", "1600 Elm St Apt #4"]),
                       "city": pick(rng, ["Dún Laoghaire", "Lyon", "Madrid", "Springfield"]), "postal_code": pick(rng, ["A96 X2Y3", "69003", "28005", "62701"]),
                       "country": pick(rng, ["IE", "FR", "ES", "US"])},
           "return_url": f"https://{WEB}/checkout/complete?booking={uuid4(rng)}", "save_card": rng.random() < 0.3, "insurance": rng.random() < 0.2}
    return spa(rng, "payment", "POST", f"/v2/checkout/{uuid4(rng)}/pay", obj=obj, referer="/checkout/payment/")


def lookup(rng: random.Random) -> Request:
    """Manage-booking: PNR plus last name, as typed."""
    _, f = pick(rng, NAMES)
    last = pick(rng, [f, f.upper(), ascii_fold(f).upper().replace("'", ""), f.lower()])
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("reference", chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6)), ("last_name", last)]
    return browser(rng, SRC, "booking_lookup", "POST", WEB, "/manage/", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/manage/")


def change(rng: random.Random) -> Request:
    obj = {"booking_id": uuid4(rng), "slices_to_change": [rng.randint(0, 1)],
           "new_departure_date": upcoming(rng, 10, 150), "preferred_time": pick(rng, ["morning", "afternoon", "any"]),
           "reason": pick(rng, ["Meeting moved to Thursday", "Family emergency — need to fly back early", "Visa appointment rescheduled", "", "Changement de programme 🙃"]),
           "accept_fare_difference_up_to": {"amount": str(rng.choice([50, 100, 250])), "currency": "EUR"}}
    if rng.random() < 0.4:
        return app(rng, "itinerary_change", "POST", "/v2/bookings/changes", obj=obj)
    return spa(rng, "itinerary_change", "POST", "/v2/bookings/changes", obj=obj, referer="/manage/booking")


def cancel(rng: random.Random) -> Request:
    obj = {"reason": pick(rng, ["illness", "plans_changed", "found_cheaper", "other"]), "comment": pick(rng, ["", "Covid-ish symptoms, doctor's note attached", "Trip postponed to spring"]),
           "refund_to": pick(rng, ["original_payment", "voucher"])}
    return spa(rng, "booking_cancel", "POST", f"/v2/bookings/{uuid4(rng)}/cancel", obj=obj, referer="/manage/booking")


def checkin(rng: random.Random) -> Request:
    g, f = pick(rng, NAMES)
    obj = {"passenger_id": "pas_" + chars(rng, ALNUM, 20), "apis": {"given_names": g, "surname": f, "document_type": "P",
                                                                    "document_number": chars(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 9), "nationality": pick(rng, ["IRL", "FRA", "ESP", "KEN", "SWE"]),
                                                                    "date_of_birth": f"{rng.randint(1950, 2010)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                                                    "mrz_name": (ascii_fold(f).upper().replace("'", "").replace(" ", "<").replace("-", "<") + "<<" + ascii_fold(g).upper().replace(" ", "<").replace("-", "<"))[:39],
                                                                    "destination_address": pick(rng, ["Hotel Casa Azul, Calle Sol 3, Sevilla", "c/o D'Angelo, 45 W 12th St #3R, New York, NY 10011", ""])},
           "dangerous_goods_confirmed": True}
    return app(rng, "online_checkin", "POST", "/v2/checkin", obj=obj)


def boarding_pass(rng: random.Random) -> Request:
    return app(rng, "boarding_pass", "GET", f"/v2/bookings/{uuid4(rng)}/boarding-passes", form([("format", pick(rng, ["pkpass", "pdf", "json"])), ("pax", str(rng.randint(0, 2)))]))


def bookings_list(rng: random.Random) -> Request:
    return app(rng, "my_trips", "GET", "/v2/me/trips", form([("status", pick(rng, ["upcoming", "past", "cancelled"])), ("limit", "20")]))


def fare_rules(rng: random.Random) -> Request:
    return spa(rng, "fare_rules", "GET", f"/v2/air/offers/off_{chars(rng, ALNUM, 26)}/conditions", form([("lang", pick(rng, ["en", "fr", "de"]))]), referer="/flights/search")


def review(rng: random.Random) -> Request:
    title, text = pick(rng, REVIEWS)
    g, f = pick(rng, NAMES)
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("booking", uuid4(rng)), ("rating_overall", str(rng.randint(1, 5))),
             ("rating_cleanliness", str(rng.randint(1, 5))), ("rating_location", str(rng.randint(2, 5))), ("title", title), ("text", text),
             ("traveller_type", pick(rng, ["couple", "family", "solo", "business", "friends"])), ("display_name", pick(rng, [f"{g} {f[0]}.", g, "Anonymous"])),
             ("stay_month", pick(rng, ["2026-09", "2026-10", "2026-11"]))]
    return browser(rng, SRC, "review", "POST", WEB, f"/hotels/{rng.randrange(10**5, 10**6)}/reviews/new", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/my/trips")


def price_alert(rng: random.Random) -> Request:
    a, b = route(rng)
    obj = {"origin": a, "destination": b, "depart_month": pick(rng, ["2027-02", "2027-03"]), "max_price": rng.choice([99, 250, 600]), "currency": pick(rng, CURRENCIES),
           "email": person(rng)[2], "frequency": pick(rng, ["daily", "weekly", "on_drop"])}
    return spa(rng, "price_alert", "POST", "/v2/alerts", obj=obj, referer="/flights/search")


def profile(rng: random.Random) -> Request:
    g, f = pick(rng, NAMES)
    obj = {"given_name": g, "family_name": f, "preferred_name": pick(rng, ["", g.split()[0], "Sio", "JL"]),
           "frequent_flyer": [{"programme": pick(rng, CARRIERS), "number": chars(rng, "0123456789", 10), "tier": pick(rng, ["Blue", "Silver", "Gold"])}],
           "known_traveler_number": pick(rng, ["", chars(rng, "0123456789", 9)]), "redress_number": "",
           "meal_preference": pick(rng, ["", "VGML", "GFML", "KSML", "AVML"]), "seat_preference": pick(rng, ["aisle", "window", "none"]),
           "newsletter": rng.random() < 0.3}
    return spa(rng, "traveller_profile", "PATCH", "/v2/me/profile", obj=obj, referer="/my/profile")


def insurance(rng: random.Random) -> Request:
    start = upcoming(rng, 10, 100)
    obj = {"trip_cost": {"amount": str(rng.randrange(300, 6000)), "currency": "EUR"}, "travellers": [{"age": rng.randint(1, 85)} for _ in range(rng.randint(1, 4))],
           "destination_region": pick(rng, ["europe", "worldwide_excl_us", "worldwide"]), "start": start, "end": later(rng, start, 3, 30),
           "cover": some(rng, ["cancellation", "medical", "baggage", "winter_sports"], 1, 3)}
    return spa(rng, "insurance_quote", "POST", "/v2/insurance/quotes", obj=obj, referer="/checkout/extras/")


def entry_rules(rng: random.Random) -> Request:
    return spa(rng, "entry_requirements", "GET", "/v2/travel-rules",
               form([("nationality", pick(rng, ["IE", "KE", "VN", "BR", "TR"])), ("destination", pick(rng, ["US", "JP", "GB", "AE", "SCHENGEN"])),
                     ("transit", pick(rng, ["", "IST", "DXB"])), ("purpose", pick(rng, ["tourism", "business"]))]), referer="/flights/search")


# ------------------------------------------------------------------ i18n, marketing, partners


def currency_switch(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return page(rng, "currency_switch", pick(rng, ["/hotels/search", "/flights/search", "/"]),
                    form([("currency", pick(rng, CURRENCIES))] + ([("destination", pick(rng, CITIES))] if rng.random() < 0.5 else [])),
                    referer=f"https://{WEB}/")
    lang = pick(rng, ["fr", "de", "es", "ja", "pt-br", "ko", "it"])
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("language", lang), ("next", f"/{lang}/hotels/search?destination=" + quote(pick(rng, CITIES)) + "&rooms=1")]
    return browser(rng, SRC, "locale_switch", "POST", WEB, "/i18n/setlang/", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/hotels/search")


def landing(rng: random.Random) -> Request:
    """Paid and affiliate traffic: tracking parameters and encoded return URLs."""
    a, b = route(rng)
    pairs = [("utm_source", pick(rng, ["google", "bing", "facebook", "newsletter", "partner_blog", "meta42"])),
             ("utm_medium", pick(rng, ["cpc", "email", "affiliate", "social", "display"])),
             ("utm_campaign", pick(rng, ["winter_sun_2027", "brand|exact", "ie_en_flights_generic", "retarget-7d", "black-friday-26"])),
             ("utm_content", pick(rng, ["ad_variant_b", "hero-cta", "", "txt_link_3"])), ("utm_term", pick(rng, ["cheap flights dublin", f"{a} to {b}", "hotel köln dom", ""]))]
    pairs = [p for p in pairs if p[1]]
    r = rng.random()
    if r < 0.4:
        pairs.append(("gclid", "Cj0KCQiA" + chars(rng, ALNUM + "-_", 80) + "_BwE"))
        pairs.append(("gad_source", "1"))
    elif r < 0.6:
        pairs.append(("fbclid", "IwAR" + chars(rng, ALNUM + "-_", 60)))
    elif r < 0.75:
        pairs.append(("msclkid", hexs(rng, 32)))
    if rng.random() < 0.4:
        nested = f"https://{WEB}/flights/search?from={a}&to={b}&depart={upcoming(rng, 10, 100)}&adults=2&utm_source=email&utm_campaign=abandoned_search"
        pairs.append(("redirect", nested))
    if rng.random() < 0.3:
        pairs += [("aff_id", str(rng.randrange(1000, 99999))), ("sub_id", pick(rng, ["blog-post-14", "sidebar", "yt_desc", "ig-story|2026-12"])), ("click_id", uuid4(rng))]
    path = pick(rng, ["/", f"/flights/{a.lower()}-{b.lower()}", "/deals/winter-sun", f"/hotels/{pick(rng, ['koln', 'sevilla', 'kyoto', 'reykjavik'])}"])
    return page(rng, "landing", path, form(pairs), site="cross-site",
                referer=pick(rng, ["https://www.search.example.com/", "https://social.example.net/", "https://blog.example.org/best-winter-sun-2027/", None]),
                cookie=rng.random() < 0.4)


def aff_redirect(rng: random.Random) -> Request:
    dest = pick(rng, [f"https://{WEB}/hotels/search?destination={quote(pick(rng, CITIES))}&checkin={upcoming(rng)}&rooms=1&utm_source=meta42",
                      f"https://{WEB}/deals/winter-sun?utm_source=cashback7&utm_medium=affiliate&utm_campaign=dec",
                      "https://partner.example.net/landing?next=" + quote(f"https://{WEB}/flights/dub-lis?adults=1", safe="")])
    pairs = [("url", dest), ("aff", pick(rng, ["meta42", "blogxyz", "cashback7"])), ("subid", chars(rng, ALNUM, 10)), ("sig", hexs(rng, 32))]
    return browser(rng, SRC, "affiliate_redirect", "GET", GO, "/r", uri_query(pairs) if rng.random() < 0.5 else form(pairs), page=True,
                   site="cross-site", referer=pick(rng, ["https://blog.example.org/", "https://cashback.example.com/stores/travel", None]))


def meta_deeplink(rng: random.Random) -> Request:
    a, b = route(rng)
    dd = upcoming(rng, 10, 100)
    pairs = [("o", a), ("d", b), ("dd", dd.replace("-", "")), ("rd", later(rng, dd, 2, 21).replace("-", "")),
             ("a", str(rng.randint(1, 3))), ("c", str(rng.choice([0, 0, 1]))), ("cabin", pick(rng, ["Y", "W", "C"])),
             ("fare", f"{rng.randrange(60, 900)}.{rng.randrange(100):02d}"), ("cur", pick(rng, CURRENCIES)), ("ref", "meta"),
             ("clickref", b64url(rbytes(rng, 30))), ("segments", f"{a}{pick(rng, CARRIERS)}{rng.randrange(100, 9999)}-{b}")]
    return page(rng, "metasearch_deeplink", "/book/deeplink", form(pairs), site="cross-site", referer="https://compare.example.com/", cookie=False)


def newsletter(rng: random.Random) -> Request:
    return spa(rng, "newsletter_signup", "POST", "/v2/newsletter", obj={"email": person(rng)[2], "home_airport": pick(rng, AIRPORTS), "locale": pick(rng, LOCALES),
                                                                       "interests": some(rng, ["city breaks", "ski", "beach", "family", "last-minute"], 1, 3)}, referer="/")


def partner_rates(rng: random.Random) -> Request:
    """A hotel partner polling availability and rates."""
    ci = upcoming(rng, 5, 120)
    obj = {"hotel_ids": [str(rng.randrange(10**5, 10**6)) for _ in range(rng.randint(1, 20))], "checkin": ci, "checkout": later(rng, ci, 1, 14),
           "occupancy": [{"adults": rng.randint(1, 3), "children_ages": [rng.randint(1, 15) for _ in range(rng.choice([0, 0, 1]))]}],
           "currency": pick(rng, CURRENCIES), "language": pick(rng, ["en-GB", "de-DE", "ja-JP"]), "rate_plan_filter": {"refundable": rng.random() < 0.5, "meal_plan": pick(rng, ["RO", "BB", "HB"])}}
    lib = pick(rng, ["go", "java", "dotnet", "requests"])
    body = (go_json(obj) if lib == "go" else dotnet_json(obj) if lib == "dotnet" else js_json(obj)).encode()
    return client(rng, SRC, "partner_availability", "POST", PARTNER, "/v1/hotels/availability", body=body, ctype="application/json", lib=lib,
                  auth="Bearer " + b64url(rbytes(rng, 32)), accept="application/json", extra=[("x-partner-id", f"P{rng.randrange(1000, 9999)}"), ("x-request-id", uuid4(rng))])


def partner_booking(rng: random.Random) -> Request:
    g, f = pick(rng, NAMES)
    obj = {"partner_reference": f"PB-{rng.randrange(10**6, 10**7)}", "rate_key": b64url(rbytes(rng, 48)),
           "guests": [{"first_name": g, "last_name": f, "email": person(rng)[2]}], "special_requests": pick(rng, REQUESTS),
           "payment": {"type": "virtual_card", "token": "vc_" + chars(rng, ALNUM, 24)}, "expected_total": {"amount": f"{rng.randrange(100, 3000)}.00", "currency": "EUR"}}
    lib = pick(rng, ["go", "java", "requests"])
    body = (go_json(obj) if lib == "go" else js_json(obj)).encode()
    return client(rng, SRC, "partner_booking", "POST", PARTNER, "/v1/hotels/bookings", body=body, ctype="application/json", lib=lib,
                  auth="Bearer " + b64url(rbytes(rng, 32)), accept="application/json", extra=[("idempotency-key", uuid4(rng))])


def channel_manager(rng: random.Random) -> Request:
    """A channel manager pushing an availability notification in OTA XML."""
    start = upcoming(rng, 3, 100)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<OTA_HotelAvailNotifRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="{uuid4(rng)}" TimeStamp="{stamp(rng)[:19]}" Version="1.0">
  <AvailStatusMessages HotelCode="{rng.randrange(10**5, 10**6)}">
    <AvailStatusMessage BookingLimit="{rng.randint(0, 12)}">
      <StatusApplicationControl Start="{start}" End="{later(rng, start, 1, 60)}" InvTypeCode="{pick(rng, ['DBL', 'TWN', 'SGL', 'STE'])}" RatePlanCode="{pick(rng, ['BAR', 'NRF', 'BB-FLEX'])}"/>
      <RestrictionStatus Status="{pick(rng, ['Open', 'Close'])}"/>
      <LengthsOfStay><LengthOfStay MinMaxMessageType="SetMinLOS" Time="{rng.randint(1, 3)}"/></LengthsOfStay>
    </AvailStatusMessage>
  </AvailStatusMessages>
</OTA_HotelAvailNotifRQ>
"""
    return client(rng, SRC, "channel_manager_push", "POST", PARTNER, "/ota/2003/05/availability", body=xml.encode(), ctype="text/xml; charset=utf-8",
                  lib="java", ua="Apache-HttpClient/5.4.1 (Java/17.0.13)", auth="Basic " + b64url(b"cm-user:" + hexs(rng, 12).encode()))


def home(rng: random.Random) -> Request:
    lang = pick(rng, ["en", "fr", "de", "es", "ja", "pt"])
    return page(rng, "page", pick(rng, ["/", "/flights", "/hotels", "/cars", "/deals", "/help/baggage", f"/{lang}/", "/my/trips"]),
                pick(rng, ["", "", "", form([("currency", pick(rng, CURRENCIES))]), form([("lang", lang)])]),
                site=pick(rng, ["none", "same-origin", "same-origin", "cross-site"]), referer=pick(rng, [None, f"https://{WEB}/", "https://www.search.example.com/"]),
                lang=lang, cookie=rng.random() < 0.7)


def travel(rng: random.Random, n: int) -> list[Request]:
    makers = [
        (12, flight_search), (4, multi_city), (8, flight_api), (3, price_calendar), (8, airport_autocomplete), (10, hotel_search),
        (6, hotel_detail), (2, car_search), (4, passenger_form), (5, passenger_api), (5, seat_map), (4, payment), (3, lookup),
        (3, change), (2, cancel), (2, checkin), (2, boarding_pass), (3, bookings_list), (2, fare_rules), (3, review), (2, price_alert),
        (2, profile), (1, insurance), (2, entry_rules), (5, currency_switch), (10, landing), (3, aff_redirect), (3, meta_deeplink),
        (1, newsletter), (4, partner_rates), (2, partner_booking), (2, channel_manager), (8, home),
    ]
    return run(rng, n, makers)
