# ruff: noqa: RUF001 - real text uses typographic characters
"""listings: real-estate and classifieds (a Flask site and its JSON API):
listing searches with filters and map bounds, new-listing forms with
descriptions, addresses, prices and amenity checkboxes, photo uploads,
contact forms to sellers, saved searches and price alerts."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, js_json, pick, py_json, uuid4

from .common import (
    BROWSERS,
    Request,
    boundary,
    browser,
    client,
    cookies,
    csrf_header,
    fake_jpeg,
    multipart,
    person,
    phone,
    query,
    run,
    some,
    text_parts,
)

SRC = "listings"
HOST = "homes.example.org"
FW = "flask"

STREETS = ["1234 Elm Street, Apt 5B", "77 Rue de la Paix", "Hauptstraße 12a", "Calle de Alcalá 45, 3º izq.",
           "Via Roma 8, int. 4", "9 O'Connell Terrace", "221 Maple Ave #3", "Kurfürstendamm 100, 2. OG",
           "4/18 Harbour Rd", "Ul. Marszałkowska 10 m. 7", "Prinsengracht 263-1", "55 King's Road, Flat 2"]
CITIES = [("Springfield", "IL", "62701", "US"), ("Anytown", "CA", "90210", "US"), ("Lyon", "", "69002", "FR"),
          ("München", "BY", "80331", "DE"), ("Madrid", "", "28014", "ES"), ("Bologna", "BO", "40121", "IT"),
          ("Dublin", "", "D02 XY45", "IE"), ("Amsterdam", "", "1016 GV", "NL"), ("Kraków", "", "31-042", "PL")]
AMENITIES = ["parking", "garage", "balcony", "elevator", "dishwasher", "washer_dryer", "air_conditioning", "pets_allowed",
             "furnished", "garden", "fireplace", "storage", "gym", "pool", "ev_charger", "wheelchair_access", "doorman"]
DESCRIPTIONS = [
    "Bright 2BR/1BA corner unit w/ south-facing windows, hardwood floors & updated kitchen (quartz counters, SS appliances). "
    "Walk to transit, 5 min to downtown. Heat + hot water incl. No smoking. Avail. Jan 1st.",
    "Charming 1920s bungalow on a quiet tree-lined street. 3 bed / 2 bath, ~1,450 sq ft, fenced yard, detached 1-car garage. "
    "New roof (2024) & HVAC (2023). Seller motivated — bring all offers!",
    "Studio 25 m², 3e étage sans ascenseur, refait à neuf. Charges comprises (eau, chauffage). Proche métro & commerces. "
    "Dossier complet exigé (3 dernières fiches de paie).",
    "Helle 3-Zimmer-Wohnung, 78 m², Südbalkon, Einbauküche, Kellerabteil. Kaltmiete 1.250 € + 220 € NK. Kaution: 3 KM. "
    "Keine WG, Haustiere nach Absprache.",
    "Piso exterior de 90 m² con 3 dormitorios y 2 baños, terraza de 12 m², trastero y plaza de garaje incluida. "
    "Comunidad 80 €/mes.",
    "Selling my IKEA MALM dresser (6 drawers), white, 160x78 cm. Minor scratch on top (see pic 3). Pickup only, cash or Venmo. $80 OBO.",
    "2019 Trek FX 3 hybrid bike, size M, ~800 mi. Tuned up in Oct. Comes w/ lock + lights. $450, no lowballers pls :)",
    "Free couch!! Grey 3-seater, pet-free/smoke-free home. Must be gone by Sat. You haul (2nd floor, no elevator).",
    "Sony A7 III body, shutter count ~12k, 2 batteries, original box. Firm at 1 100 €.",
    "Lovely room in shared house (4 people, 25-35 y/o, mostly professionals). £750 pcm incl. bills & Wi-Fi. Min 6 months.",
    "Mieszkanie 2-pokojowe, 48 m², 4 piętro z windą, po remoncie. Czynsz 2 800 zł + media.",
    "Lakefront cabin — 0.8 acres, 150' of frontage, dock & boathouse. Septic inspected 2025. Seasonal road access (Apr–Nov).",
]
MESSAGES = [
    "Hi! Is this still available? I could come see it this Saturday between 10 and 2. Thanks, {g}",
    "Hello, I'm interested in the apartment. I'm a non-smoker with one small cat (8 lbs) — would that be OK? My move-in date is flexible.",
    "Would you take $375 for the bike? I can pick up tonight.",
    "Bonjour, l'appartement est-il toujours disponible ? Je suis en CDI, dossier complet. Cordialement, {g} {f}",
    "Guten Tag, ich hätte großes Interesse an der Wohnung. Wann wäre eine Besichtigung möglich? Viele Grüße, {g} {f}",
    "Hola, ¿sigue disponible? ¿Se admiten mascotas? Gracias.",
    "What's the HOA fee & what does it cover? Also, any special assessments planned?",
    "Hi - could you send more pics of the kitchen and the bathroom? Also is parking included or extra (how much/mo)?",
    "Is the price negotiable? We're pre-approved for $425k w/ 20% down. Thx!",
    "Hey, can you hold it until Sunday? I'll bring cash. - {g}",
]
SAVED = ["2br near downtown", "Houses < $400k w/ garage", "Wohnung München 3 Zi", "studio Lyon 2e/7e", "bikes size M",
         "pet friendly + parking", "Piso Madrid centro", "Lake cabins", "Free furniture"]


def _price(rng: random.Random) -> str:
    return str(pick(rng, [rng.randrange(600, 4500, 25), rng.randrange(150_000, 1_250_000, 1000), rng.randrange(20, 1200, 5)]))


def search(rng: random.Random) -> Request:
    pairs = [("type", pick(rng, ["rent", "buy", "for-sale", "free"]))]
    city = pick(rng, CITIES)
    pairs.append(("location", f"{city[0]}, {city[1] or city[3]}"))
    pairs += [("min_price", str(rng.randrange(0, 2000, 100))), ("max_price", _price(rng))]
    if rng.random() < 0.6:
        pairs.append(("beds", pick(rng, ["1", "2", "3+", "studio"])))
    pairs += [("amenities[]", a) for a in some(rng, AMENITIES, 0, 3)]
    if rng.random() < 0.4:
        lat, lng = rng.uniform(40, 52), rng.uniform(-5, 15)
        pairs.append(("bounds", f"{lat:.5f},{lng:.5f},{lat + 0.05:.5f},{lng + 0.08:.5f}"))
    pairs.append(("sort", pick(rng, ["newest", "price_asc", "price_desc", "sqft"])))
    nav = rng.random() < 0.5
    return browser(rng, SRC, "search", "GET", HOST, "/search" if nav else "/api/listings", query(pairs), navigate=nav,
                   referer=f"https://{HOST}/", cookie=cookies(rng, FW), lang=pick(rng, ["en", "de", "fr", "es", "pl"]))


def new_listing(rng: random.Random) -> Request:
    br = pick(rng, BROWSERS)
    bd = boundary(rng, br)
    city = pick(rng, CITIES)
    g, f, email = person(rng)
    pairs = [("csrf_token", chars(rng, ALNUM, 40) + "." + chars(rng, ALNUM, 27)),
             ("title", pick(rng, ["Bright 2BR near park", "3 bed bungalow w/ yard", "Studio refait à neuf", "3-Zi-Whg. mit Balkon",
                                  "MALM dresser – white", "Trek FX 3 (M)", "FREE couch", "Room in shared house (£750 pcm)"])),
             ("category", pick(rng, ["apartment", "house", "room", "furniture", "bikes", "electronics"])),
             ("price", _price(rng)), ("currency", pick(rng, ["USD", "EUR", "GBP", "PLN"])),
             ("price_note", pick(rng, ["", "OBO", "firm", "+ utilities", "incl. bills"])),
             ("description", pick(rng, DESCRIPTIONS)), ("street", pick(rng, STREETS)), ("city", city[0]),
             ("region", city[1]), ("postal_code", city[2]), ("country", city[3]),
             ("sqft", str(rng.randrange(250, 3200, 10))), ("bedrooms", str(rng.randint(0, 5))),
             ("bathrooms", pick(rng, ["1", "1.5", "2", "2.5"]))]
    pairs += [("amenities", a) for a in some(rng, AMENITIES, 1, 6)]
    pairs += [("contact_name", f"{g} {f}"), ("contact_email", email), ("contact_phone", phone(rng)),
              ("show_phone", pick(rng, ["on", "off"]))]
    parts = text_parts(pairs)
    for k in range(rng.randint(1, 3)):
        parts.append(("photos", fake_jpeg(rng, rng.randint(200, 700)), f"photo_{k + 1}.jpg", "image/jpeg"))
    body = multipart(parts, bd)
    return browser(rng, SRC, "new_listing", "POST", HOST, "/listings/new", body=body,
                   ctype=f"multipart/form-data; boundary={bd}", navigate=True,
                   referer=f"https://{HOST}/listings/new", cookie=cookies(rng, FW), b=br)


def edit_listing(rng: random.Random) -> Request:
    doc = {"price": int(_price(rng)), "description": pick(rng, DESCRIPTIONS), "status": pick(rng, ["active", "pending", "sold", "rented"]),
           "amenities": some(rng, AMENITIES, 1, 6), "available_from": pick(rng, ["2027-01-01", "2027-02-15", "immediately"]),
           "open_house": [{"date": "2026-12-13", "from": "11:00", "to": "13:30"}] if rng.random() < 0.3 else []}
    lid = rng.randrange(10**6)
    return browser(rng, SRC, "edit_listing", "PATCH", HOST, f"/api/listings/{lid}", body=js_json(doc).encode(),
                   ctype="application/json", referer=f"https://{HOST}/listings/{lid}/edit", cookie=cookies(rng, FW),
                   extra=csrf_header(rng, FW))


def contact(rng: random.Random) -> Request:
    g, f, email = person(rng)
    msg = pick(rng, MESSAGES).replace("{g}", g).replace("{f}", f)
    lid = rng.randrange(10**6)
    body = form([("csrf_token", chars(rng, ALNUM, 40) + "." + chars(rng, ALNUM, 27)), ("listing_id", str(lid)),
                 ("name", f"{g} {f}"), ("email", email), ("phone", phone(rng) if rng.random() < 0.5 else ""),
                 ("message", msg), ("copy_to_me", "y")]).encode()
    return browser(rng, SRC, "contact_seller", "POST", HOST, f"/listings/{lid}/contact", body=body,
                   ctype="application/x-www-form-urlencoded", navigate=True, referer=f"https://{HOST}/listings/{lid}",
                   cookie=cookies(rng, FW))


def saved_search(rng: random.Random) -> Request:
    city = pick(rng, CITIES)
    doc = {"name": pick(rng, SAVED), "query": {"type": pick(rng, ["rent", "buy"]), "location": city[0],
                                               "max_price": int(_price(rng)), "amenities": some(rng, AMENITIES, 0, 3)},
           "notify": pick(rng, ["instant", "daily", "weekly"]), "channel": pick(rng, ["email", "push"])}
    return browser(rng, SRC, "saved_search", "POST", HOST, "/api/saved-searches", body=js_json(doc).encode(),
                   ctype="application/json", referer=f"https://{HOST}/search", cookie=cookies(rng, FW),
                   extra=csrf_header(rng, FW))


def mortgage_calc(rng: random.Random) -> Request:
    pairs = [("price", str(rng.randrange(150_000, 900_000, 5000))), ("down", pick(rng, ["10", "20", "3.5"])),
             ("rate", f"{rng.uniform(4.5, 7.5):.3f}"), ("term", pick(rng, ["15", "30"])),
             ("tax", str(rng.randrange(1500, 9000, 100))), ("hoa", str(rng.randrange(0, 600, 25)))]
    return browser(rng, SRC, "mortgage_calc", "GET", HOST, "/api/tools/mortgage", query(pairs),
                   referer=f"https://{HOST}/listings/{rng.randrange(10**6)}", cookie=cookies(rng, FW))


def app_feed(rng: random.Random) -> Request:
    pairs = [("lat", f"{rng.uniform(40, 52):.6f}"), ("lng", f"{rng.uniform(-5, 15):.6f}"), ("radius_km", str(rng.choice([2, 5, 10, 25]))),
             ("category", pick(rng, ["all", "furniture", "bikes", "apartment"])), ("cursor", chars(rng, ALNUM, 16))]
    return client(rng, SRC, "app_feed", "GET", "api.homes.example.org", "/v3/feed", query(pairs),
                  lib=pick(rng, ["okhttp", "ios"]), auth="Bearer " + chars(rng, ALNUM, 43),
                  ua=pick(rng, ["Homes/8.4.1 (Android 14; SM-S921B)", "Homes/8.4.0 CFNetwork/3826.600.41 Darwin/24.6.0"]),
                  extra=[("x-device-id", uuid4(rng))])


def report(rng: random.Random) -> Request:
    body = py_json({"listing_id": rng.randrange(10**6), "reason": pick(rng, ["scam", "duplicate", "wrong_category", "sold"]),
                    "details": pick(rng, ["Asked me to pay a deposit by gift card before viewing.", "Same photos as listing #48211.",
                                          "This is a car, not furniture.", "Seller says it's gone already."])}).encode()
    return browser(rng, SRC, "report", "POST", HOST, "/api/reports", body=body, ctype="application/json",
                   cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def listings(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [(4, search), (2, new_listing), (2, edit_listing), (3, contact), (2, saved_search),
                        (1, mortgage_calc), (2, app_feed), (1, report)])
