# ruff: noqa: RUF001 - real text uses typographic characters
"""A small restaurant group's online ordering (a Next.js storefront over a
FastAPI backend), its POS and kitchen display, delivery-partner webhooks,
table reservations and reviews.
"""

from __future__ import annotations

import random

from .common import (
    BROWSERS,
    Request,
    address,
    b64url,
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
    form,
    hexs,
    hmac_hex,
    js_json,
    money,
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

SRC = "restaurant_ordering"
WWW = "order.saltandember.example.com"
API = "api.saltandember.example.com"
POS = "pos.saltandember.example.com"
LOCATIONS = ["harbour-st", "northcote", "riverton-market", "old-mill"]
ITEMS = [
    ("Smash burger", ["no onions", "extra pickles", "add bacon (+£1.50)", "gluten-free bun", "sauce on the side", "medium-rare"]),
    ("Margherita pizza 12\"", ["extra basil", "well done", "vegan cheese", "half & half with pepperoni", "cut in squares"]),
    ("Chicken katsu curry", ["sauce on the side", "no rice – extra salad", "mild", "extra hot 🌶🌶🌶"]),
    ("Falafel wrap", ["no chilli sauce", "add halloumi", "tahini on the side", "wholemeal"]),
    ("Pad see ew", ["no egg", "tofu instead of chicken", "extra broccoli", "spice level 3/5"]),
    ("Fish & chips", ["mushy peas", "curry sauce", "no salt", "small portion (kids)"]),
    ("Caesar salad", ["dressing on the side", "no croutons", "add grilled chicken", "no anchovies"]),
    ("Loaded fries", ["no jalapeños", "cheese sauce on the side", "add pulled pork"]),
    ("Tonkotsu ramen", ["extra egg", "firm noodles", "no bean sprouts", "add corn & butter"]),
    ("Flat white", ["oat milk", "extra shot", "decaf", "half-sweet"]),
    ("Sticky toffee pudding", ["custard", "vanilla ice cream", "no cream"]),
    ("Kids’ pasta", ["plain – butter only", "no cheese", "tomato sauce"]),
    ("Poke bowl (build your own)", ["brown rice", "salmon + tuna", "no edamame", "ponzu", "extra avocado (+£1.20)"]),
]
INSTRUCTIONS = [
    "Please ring the bell, the knocker doesn’t work.",
    "Leave at the side gate (blue door), dog is friendly!",
    "No onions AT ALL please – severe allergy in the house, not just preference.",
    "Can you write ‘Happy birthday Maya’ on the pudding box? Thanks :)",
    "Flat 4 is on the 3rd floor, buzzer says “Okafor/Lee”.",
    "Cutlery x2 please. No plastic bags if possible.",
    "Gate code is 1946#, then second building on the left",
    "Please don’t call, text on arrival – baby asleep 👶",
    "Extra napkins, we’re eating in the car",
    "Nut allergy (peanuts & tree nuts) – please use clean utensils if possible",
    "Coeliac – is the fryer shared? If so please swap chips for salad.",
    "",
    "",
]
ALLERGIES = ["peanuts", "tree nuts", "sesame", "gluten", "shellfish", "dairy", "egg", "soy", "mustard", "celery", "sulphites"]
REVIEWS = [
    "Best burger in Fairhaven, hands down. Fries were a little cold on arrival but the driver was lovely.",
    "Ordered the katsu with sauce on the side – came with sauce on top. Otherwise tasty.",
    "Booked for 8 on a Friday, table was ready on time and the staff were brilliant with our toddler.",
    "Ramen broth was rich and the egg was perfect (jammy!). 5/5 would slurp again.",
    "Waited 70 mins for a “35 min” delivery. Food was fine but not worth the wait.",
    "Really impressed they took my sesame allergy seriously – the server checked with the chef twice.",
    "Pizza arrived cut into squares as asked 😂 kids loved it",
    "Service charge of 12.5% added without asking – please make this clearer on the menu.",
]
PROMOS = ["WELCOME10", "FREEDELIVERY", "WINTER26", "STUDENT15", "BDAY-2026", "LUNCH5"]


def _guest(rng: random.Random) -> str:
    return cookie_jar(rng, "starlette", extra=[("cart_id", uuid4(rng)), ("loc", pick(rng, LOCATIONS))], ga=0.6)


def _line(rng: random.Random) -> dict[str, object]:
    name, mods = pick(rng, ITEMS)
    line: dict[str, object] = {"sku": f"{name.split()[0].lower()}-{rng.randrange(100, 999)}", "name": name,
                               "qty": rng.choice([1, 1, 1, 2, 3]), "modifiers": some(rng, mods, 0, 3)}
    if rng.random() < 0.25:
        line["note"] = pick(rng, ["no onions; extra sauce (on the side)", "cut in half please", "for the little one – not spicy!",
                                  "well done (no pink)", "allergy: sesame"])
    return line


def menu(rng: random.Random) -> Request:
    loc = pick(rng, LOCATIONS)
    qs = pick(rng, ["", "", "category=mains", "category=vegan&sort=popular", "diet=gf", "fulfilment=delivery&postcode=TN23%201AA"])
    return browser(rng, SRC, "menu", "GET", WWW, f"/{loc}/menu", qs, page=True, cookie=_guest(rng) if rng.random() < 0.7 else None,
                   site=pick(rng, ["none", "same-origin", "cross-site"]))


def menu_api(rng: random.Random) -> Request:
    return browser(rng, SRC, "menu_api", "GET", API, f"/v1/locations/{pick(rng, LOCATIONS)}/menu",
                   query([("at", stamp(rng)), ("channel", pick(rng, ["web", "kiosk"]))]), cookie=_guest(rng), site="same-site",
                   referer=f"https://{WWW}/")


def item_detail(rng: random.Random) -> Request:
    return browser(rng, SRC, "item_detail", "GET", API, f"/v1/items/{rng.randrange(1000, 9999)}", "include=modifiers,allergens",
                   cookie=_guest(rng), site="same-site", referer=f"https://{WWW}/{pick(rng, LOCATIONS)}/menu")


def cart_add(rng: random.Random) -> Request:
    body = js_json({"cartId": uuid4(rng), "item": _line(rng)}).encode()
    return browser(rng, SRC, "cart_add", "POST", API, "/v1/cart/items", body=body, ctype="application/json",
                   cookie=_guest(rng), site="same-site", referer=f"https://{WWW}/{pick(rng, LOCATIONS)}/menu")


def cart_update(rng: random.Random) -> Request:
    body = js_json({"qty": rng.randint(0, 4), "modifiers": some(rng, pick(rng, ITEMS)[1], 0, 3)}).encode()
    return browser(rng, SRC, "cart_update", "PATCH", API, f"/v1/cart/items/{rng.randrange(10**4, 10**5)}", body=body,
                   ctype="application/json", cookie=_guest(rng), site="same-site", referer=f"https://{WWW}/cart")


def promo(rng: random.Random) -> Request:
    body = js_json({"code": pick(rng, [*PROMOS, "welcome10", " WINTER26 "]), "cartId": uuid4(rng)}).encode()
    return browser(rng, SRC, "promo_apply", "POST", API, "/v1/cart/promo", body=body, ctype="application/json",
                   cookie=_guest(rng), site="same-site", referer=f"https://{WWW}/checkout")


def address_check(rng: random.Random) -> Request:
    a = address(rng)
    return browser(rng, SRC, "delivery_quote", "GET", API, "/v1/delivery/quote",
                   query([("address", f"{a['line1']}, {a['city']} {a['postcode']}"), ("location", pick(rng, LOCATIONS))]),
                   cookie=_guest(rng), site="same-site", referer=f"https://{WWW}/checkout")


def checkout(rng: random.Random) -> Request:
    g, f, email = person(rng)
    delivery = rng.random() < 0.65
    order: dict[str, object] = {
        "cartId": uuid4(rng), "fulfilment": "delivery" if delivery else pick(rng, ["collection", "dine_in"]),
        "customer": {"name": f"{g} {f}", "email": email, "phone": phone(rng), "marketingOptIn": rng.random() < 0.3},
        "items": [_line(rng) for _ in range(rng.randint(1, 5))], "instructions": pick(rng, INSTRUCTIONS),
        "tip": {"type": pick(rng, ["percent", "amount"]), "value": pick(rng, [0, 10, 12.5, 15, 2, 3.5])},
        "requestedTime": pick(rng, ["asap", f"{day(rng)}T18:{pick(rng, ['00', '15', '30', '45'])}:00+00:00"]),
        "payment": {"method": pick(rng, ["card", "apple_pay", "google_pay"]), "token": "tok_" + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24)},
        "promo": pick(rng, [None, None, pick(rng, PROMOS)])}
    if delivery:
        order["address"] = address(rng)
    if rng.random() < 0.25:
        order["allergies"] = some(rng, ALLERGIES, 1, 2)
    body = js_json(order).encode()
    return browser(rng, SRC, "checkout", "POST", API, "/v1/orders", body=body, ctype="application/json",
                   cookie=_guest(rng), site="same-site", referer=f"https://{WWW}/checkout",
                   extra=[("idempotency-key", uuid4(rng))])


def order_status(rng: random.Random) -> Request:
    return browser(rng, SRC, "order_status", "GET", API, f"/v1/orders/SE-{rng.randrange(10**5, 10**6)}/status", "",
                   cookie=_guest(rng), site="same-site", referer=f"https://{WWW}/track")


def reservation(rng: random.Random) -> Request:
    g, f, email = person(rng)
    b = pick(rng, BROWSERS)
    pairs = [("csrf_token", hexs(rng, 40)), ("location", pick(rng, LOCATIONS)), ("date", day(rng)),
             ("time", pick(rng, ["12:00", "12:30", "13:15", "18:00", "19:30", "20:45"])), ("covers", str(rng.randint(1, 10))),
             ("name", f"{g} {f}"), ("email", email), ("phone", phone(rng)),
             ("occasion", pick(rng, ["", "birthday", "anniversary", "business"])),
             ("requests", pick(rng, ["", "High chair x1 please", "Window table if possible – it’s our 10th anniversary!",
                                     "One guest uses a wheelchair", "Celiac + one vegan, we’ll pre-order", "Quiet corner, we’re catching up after 20 years"]))]
    if rng.random() < 0.3:
        pairs.append(("dietary", ", ".join(some(rng, ALLERGIES, 1, 3))))
    return browser(rng, SRC, "reservation", "POST", "www.saltandember.example.com", "/book", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=cookie_jar(rng, "flask"), b=b,
                   referer="https://www.saltandember.example.com/book")


def availability(rng: random.Random) -> Request:
    return browser(rng, SRC, "table_availability", "GET", "www.saltandember.example.com", "/api/availability",
                   query([("location", pick(rng, LOCATIONS)), ("date", day(rng)), ("covers", str(rng.randint(1, 8)))]),
                   cookie=cookie_jar(rng, "flask"))


def reservation_cancel(rng: random.Random) -> Request:
    body = js_json({"reason": pick(rng, ["Plans changed, sorry!", "Ill – will rebook", "", "Double-booked by mistake"])}).encode()
    return browser(rng, SRC, "reservation_cancel", "POST", "www.saltandember.example.com", f"/api/bookings/{chars(rng, 'ABCDEFGHJKMNPQRSTUVWXYZ23456789', 8)}/cancel",
                   body=body, ctype="application/json", cookie=cookie_jar(rng, "flask"), extra=csrf(rng, "flask"))


def review(rng: random.Random) -> Request:
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    parts = text_parts([("rating", str(rng.randint(1, 5))), ("food", str(rng.randint(2, 5))), ("service", str(rng.randint(1, 5))),
                        ("text", pick(rng, REVIEWS)), ("visit_type", pick(rng, ["delivery", "dine_in", "collection"])),
                        ("order_ref", f"SE-{rng.randrange(10**5, 10**6)}")])
    if rng.random() < 0.4:
        parts.append(("photo", fake_jpeg(rng, rng.randint(400, 1200), camera=("Apple", "iPhone 14")), "IMG_2291.JPG", "image/jpeg"))
    body = multipart(parts, bnd)
    return browser(rng, SRC, "review", "POST", WWW, "/api/reviews", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   cookie=_guest(rng), b=b)


def account_addresses(rng: random.Random) -> Request:
    a = address(rng)
    body = js_json({"label": pick(rng, ["Home", "Work", "Mum’s", "Gym"]), **a, "instructions": pick(rng, INSTRUCTIONS),
                    "default": rng.random() < 0.5}).encode()
    return browser(rng, SRC, "address_save", "POST", API, "/v1/me/addresses", body=body, ctype="application/json",
                   cookie=_guest(rng), site="same-site")


def loyalty(rng: random.Random) -> Request:
    return browser(rng, SRC, "loyalty", "GET", API, "/v1/me/loyalty", "expand=rewards", cookie=_guest(rng), site="same-site")


def app_order(rng: random.Random) -> Request:
    lib = pick(rng, ["okhttp", "ios"])
    ua = "SaltEmber/3.12.0 (Android 14; build 3120)" if lib == "okhttp" else "SaltEmber/3.12.0 (iPhone; iOS 18.7; Scale/3.00)"
    body = js_json({"location": pick(rng, LOCATIONS), "items": [_line(rng) for _ in range(rng.randint(1, 4))],
                    "fulfilment": pick(rng, ["collection", "delivery"]), "instructions": pick(rng, INSTRUCTIONS),
                    "tipPercent": pick(rng, [0, 10, 15, 20]), "paymentMethodId": "pm_" + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24)}).encode()
    return client(rng, SRC, "app_order", "POST", API, "/v1/orders", body=body, ctype="application/json; charset=utf-8", lib=lib, ua=ua,
                  auth=bearer(rng, "https://auth.saltandember.example.com"), extra=[("idempotency-key", uuid4(rng)), ("x-device-id", uuid4(rng))])


def kiosk_order(rng: random.Random) -> Request:
    body = js_json({"kiosk": f"K{rng.randint(1, 4)}", "location": pick(rng, LOCATIONS), "items": [_line(rng) for _ in range(rng.randint(1, 3))],
                    "eatIn": rng.random() < 0.6, "tableNumber": pick(rng, [None, str(rng.randint(1, 40))])}).encode()
    return client(rng, SRC, "kiosk_order", "POST", API, "/v1/kiosk/orders", body=body, ctype="application/json", lib="axios",
                  auth="Bearer kiosk_" + hexs(rng, 32))


def pos_webhook(rng: random.Random) -> Request:
    body = py_json({"event": pick(rng, ["order.created", "order.updated", "payment.captured", "refund.created"]), "merchant_id": f"MRC{rng.randrange(10**6)}",
                    "location_id": pick(rng, LOCATIONS), "created_at": stamp(rng),
                    "data": {"order_id": hexs(rng, 24), "total_money": {"amount": rng.randint(500, 12000), "currency": "GBP"},
                             "line_items": [{"name": pick(rng, ITEMS)[0], "quantity": str(rng.randint(1, 3)),
                                             "note": pick(rng, ["", "no onions; extra sauce (on the side)", "allergy – nuts"])} for _ in range(rng.randint(1, 3))],
                             "source": pick(rng, ["counter", "bar", "qr_table"])}}).encode()
    return client(rng, SRC, "pos_webhook", "POST", API, "/webhooks/pos", body=body, ctype="application/json", lib="java",
                  ua="TillPoint-Webhooks/2.3", extra=[("x-tillpoint-signature", b64url(bytes.fromhex(hmac_hex(rng, body)))), ("x-tillpoint-event-id", uuid4(rng))])


def delivery_webhook(rng: random.Random) -> Request:
    status = pick(rng, ["courier_assigned", "courier_at_restaurant", "picked_up", "delivered", "cancelled"])
    data: dict[str, object] = {"type": "delivery.status_changed", "id": uuid4(rng), "occurred_at": stamp(rng),
                               "delivery": {"external_id": f"SE-{rng.randrange(10**5, 10**6)}", "status": status,
                                            "courier": {"first_name": pick(rng, ["Jamal", "Kasia", "Tomi", "Ren"]), "vehicle": pick(rng, ["bicycle", "scooter", "car"]),
                                                        "location": {"lat": round(50.7 + rng.random() / 10, 6), "lng": round(-1.2 + rng.random() / 10, 6)}},
                                            "eta": stamp(rng)}}
    if status == "cancelled":
        data["reason"] = pick(rng, ["customer_unreachable", "restaurant_closed", "courier_unavailable"])
    body = js_json(data).encode()
    t = epoch(rng)
    return client(rng, SRC, "delivery_webhook", "POST", API, "/webhooks/dispatch", body=body, ctype="application/json", lib="go",
                  ua="DashDrop-Webhook/1.0", extra=[("x-dashdrop-timestamp", str(t)), ("x-dashdrop-signature", "sha256=" + hmac_hex(rng, body))])


def marketplace_order(rng: random.Random) -> Request:
    body = py_json({"order": {"id": chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10), "placed_at": stamp(rng),
                              "items": [{"plu": str(rng.randrange(100, 999)), "name": pick(rng, ITEMS)[0], "quantity": rng.randint(1, 2),
                                         "modifiers": [{"name": m} for m in some(rng, pick(rng, ITEMS)[1], 0, 2)]} for _ in range(rng.randint(1, 4))],
                              "customer_note": pick(rng, INSTRUCTIONS), "total": money(rng, 9, 80), "currency": "GBP",
                              "allergen_note": pick(rng, ["", "", "Customer has a severe peanut allergy"])}}).encode()
    return client(rng, SRC, "aggregator_order", "POST", API, "/integrations/aggregator/orders", body=body, ctype="application/json",
                  lib="requests", auth="Basic " + b64url(f"saltember:{hexs(rng, 24)}".encode()), extra=[("x-request-id", uuid4(rng))])


def kds_status(rng: random.Random) -> Request:
    body = js_json({"ticket": rng.randrange(100, 999), "station": pick(rng, ["grill", "fryer", "wok", "pass", "cold", "bar"]),
                    "status": pick(rng, ["acknowledged", "in_progress", "ready", "recalled", "bumped"]), "at": stamp(rng),
                    "bumpedBy": pick(rng, ["chef1", "grill2", "expo"])}).encode()
    return client(rng, SRC, "kds_status", "PUT", POS, f"/api/kds/tickets/{rng.randrange(10**4, 10**5)}", body=body, ctype="application/json",
                  lib="axios", ua="KitchenScreen/5.1 (Linux; Android 11; Elo I-Series)", auth="Bearer " + hexs(rng, 40))


def stock_86(rng: random.Random) -> Request:
    body = js_json({"item": pick(rng, ITEMS)[0], "available": rng.random() < 0.3, "until": pick(rng, [None, "end_of_day"]),
                    "reason": pick(rng, ["sold out", "fryer down", "supplier didn’t deliver", ""])}).encode()
    return browser(rng, SRC, "item_86", "POST", POS, "/api/availability/86", body=body, ctype="application/json",
                   cookie=cookie_jar(rng, "starlette", ga=0.0), extra=csrf(rng, "express"))


def printer_poll(rng: random.Random) -> Request:
    return client(rng, SRC, "printer_poll", "GET", POS, "/cloudprint/poll", query([("mac", ":".join(hexs(rng, 2) for _ in range(6))),
                  ("status", pick(rng, ["200 OK", "paper low"]))]), lib="embedded", ua="StarCloudPRNT/1.4")


def gift_card(rng: random.Random) -> Request:
    g, _, email = person(rng)
    pairs = [("amount", pick(rng, ["25", "50", "75", "100", "other"])), ("custom_amount", pick(rng, ["", "", "40"])),
             ("recipient_email", email), ("sender_name", g), ("send_on", day(rng)),
             ("message", pick(rng, ["Happy birthday! Burgers on me 🍔", "Thank you for everything this year x", "Merry Christmas – enjoy a night off cooking!"]))]
    return browser(rng, SRC, "gift_card", "POST", "www.saltandember.example.com", "/gift-cards/buy", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=cookie_jar(rng, "flask"))


def staff_rota(rng: random.Random) -> Request:
    return browser(rng, SRC, "manager_report", "GET", POS, "/api/reports/sales",
                   query([("from", day(rng, past=True)), ("to", day(rng, past=True)), ("group_by", pick(rng, ["hour", "item", "channel"])),
                          ("location", pick(rng, LOCATIONS))]), cookie=cookie_jar(rng, "starlette", ga=0.0))


def sms_webhook(rng: random.Random) -> Request:
    pairs = [("ToCountry", "GB"), ("SmsMessageSid", "SM" + hexs(rng, 32)), ("Body", pick(rng, ["YES", "Running 10 mins late, sorry!", "CANCEL", "Can we add one more person?"])),
             ("From", "+447700900" + str(rng.randrange(100, 1000))), ("To", "+441134960" + str(rng.randrange(100, 1000))), ("NumMedia", "0")]
    body = form(pairs).encode()
    return client(rng, SRC, "sms_reply_webhook", "POST", "www.saltandember.example.com", "/hooks/sms", body=body,
                  ctype="application/x-www-form-urlencoded", lib="java", ua="SMSGateway/1.1",
                  extra=[("x-sms-signature", b64url(bytes.fromhex(hmac_hex(rng, body))))])


def waitlist(rng: random.Random) -> Request:
    g, _, _ = person(rng)
    body = js_json({"name": g, "partySize": rng.randint(1, 8), "phone": phone(rng), "seating": pick(rng, ["any", "inside", "terrace (heated)", "bar"]),
                    "note": pick(rng, ["", "Pram with us", "Celebrating! 🎂"])}).encode()
    return browser(rng, SRC, "waitlist_join", "POST", "www.saltandember.example.com", f"/api/waitlist/{pick(rng, LOCATIONS)}", body=body,
                   ctype="application/json", cookie=cookie_jar(rng, "flask"), extra=csrf(rng, "flask"))


def menu_admin(rng: random.Random) -> Request:
    name, mods = pick(rng, ITEMS)
    body = js_json({"name": name, "price": money(rng, 3, 22), "description": pick(rng, ["Two smashed patties, American cheese, house pickles, brioche bun",
                                                                                       "San Marzano tomato, fior di latte, basil, EVOO", "12-hour pork broth, chashu, ajitama, nori"]),
                    "allergens": some(rng, ALLERGIES, 1, 4), "modifierGroups": [{"name": "Options", "min": 0, "max": 3, "options": mods}],
                    "availableChannels": some(rng, ["web", "app", "kiosk", "aggregator"], 1, 4)}).encode()
    return browser(rng, SRC, "menu_item_edit", "PUT", POS, f"/api/menu/items/{rng.randrange(1000, 9999)}", body=body, ctype="application/json",
                   cookie=cookie_jar(rng, "starlette", ga=0.0), extra=csrf(rng, "express"))


def restaurant_ordering(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (12, menu), (8, menu_api), (5, item_detail), (12, cart_add), (6, cart_update), (3, promo), (4, address_check),
        (9, checkout), (5, order_status), (5, reservation), (4, availability), (1, reservation_cancel), (3, review),
        (2, account_addresses), (2, loyalty), (6, app_order), (3, kiosk_order), (4, pos_webhook), (5, delivery_webhook),
        (2, marketplace_order), (5, kds_status), (2, stock_86), (2, printer_poll), (2, gift_card), (2, staff_rota),
        (2, sms_webhook), (2, waitlist), (2, menu_admin),
    ])
