
"""A car-parts retailer and dealer catalogue ("Torqwell"): the storefront
(year/make/model/engine pickers, VIN decoding, fitment checks, part-number
and free-text search full of inches, slashes, plus signs and brand
punctuation, product pages, cart and checkout, saved vehicles, Q&A,
returns with reasons and photos, store finder), the phone app's barcode and
VIN scans, the trade portal for garages (price lists, quick order by pasted
part numbers, labour-time quotes, punch-out), the dealer parts catalogue
(EPC diagrams by VIN), and suppliers' feeds: X12 and EDIFACT documents,
ACES-style fitment XML, JSON inventory and product data; plus payment and
carrier webhooks.
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
    basic,
    bearer,
    boundary_for,
    chars,
    date_on,
    fake_jpeg,
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
    unix,
    uri_query,
    uuid4,
    web,
    xsrf,
)

SRC = "auto_parts"
WWW = "www.torqwell.example.com"
API = "api.torqwell.example.com"
TRADE = "trade.torqwell.example.com"
EPC = "epc.torqwell.example.com"
EDI = "edi.torqwell.example.net"
proxied("cdn", WWW)
proxied("alb", API, TRADE, EPC)

VEHICLES = [(2014, "Ford", "F-150", "3.5L V6 EcoBoost", "XLT"), (2011, "Honda", "Civic", "2.0L I4 K20Z3", "Si"), (2018, "Toyota", "Corolla", "1.8L I4 2ZR-FE", "LE"),
            (2016, "Volkswagen", "Golf GTI", "2.0T EA888 Gen3", "SE"), (2020, "Tesla", "Model 3", "Electric", "Long Range AWD"), (2012, "BMW", "320d", "2.0 N47D20", "SE (E90)"),
            (2015, "Kia", "Sportage", "2.0 CRDi", "KX-2"), (2009, "Land Rover", "Discovery 3", "2.7 TDV6", "HSE"), (2019, "Renault", "Clio", "0.9 TCe 90", "Iconic"),
            (2017, "Subaru", "Outback", "2.5L H4 FB25", "Premium"), (2006, "Jeep", "Wrangler", "4.0L I6", "Sport (TJ)"), (2021, "Ford", "Transit Custom", "2.0 EcoBlue 130", "Trend L1H1"),
            (2013, "Mazda", "MX-5", "2.0 MZR", "Sport Tech (NC3)"), (2022, "Chevrolet", "Silverado 1500", "5.3L V8 L84", "LT Trail Boss")]
SEARCHES = ["5W-30", "0W-20 dexos1 Gen 3", "H11/H9 LED", "3157 bulb", "P0420", "#8 AN fitting", "1/2\"-20 lug nut", "M12x1.5 wheel bolt", "O-ring 3/8\" ID",
            "K&N 33-2304", "Bosch 0 242 236 564", "ACDelco 41-110", "04465-33471", "90915-YZZD1", "brake pads + rotors", "wiper 22\"+19\"", "6PK2140", "12V 100Ah AGM",
            "A/C compressor", "CV axle (L/R)", "tie rod end LH/RH", "2.0T intake", "Ø 280mm disc", "DOT 4", "G12++ coolant", "ATF+4", "75W-90 GL-5",
            "spark plug gap .044\"", "O2 sensor upstream (bank 1)", "serpentine belt 6K915", "oil filter F-150 3.5 ecoboost", "Mann HU 7020 z", "LR 011279", "W 712/93"]
REASONS = ["Wrong part — listing says fits 2WD & 4WD but the bolt pattern is different on 4WD (mine is 4WD).", "Core return for alternator (core charge $45).",
           "Arrived damaged: housing cracked, box was crushed on one corner.", "Ordered the wrong side (needed LH / driver's side).",
           "No longer needed — my garage fixed it with a used part.", "Defective: check-engine light came back after 2 days, P0420 again.",
           "Doesn't fit: connector is 3-pin, my car has a 4-pin plug (2012 320d, built 03/12).", "Received 1 pair instead of 2 (ordered qty 2).",
           "Bought 2 sizes to check which fits (22\" & 24\"), returning the 24\"."]


def _veh(rng: random.Random) -> tuple[int, str, str, str, str]:
    return pick(rng, VEHICLES)


_VIN_VAL = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9), strict=True)), **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
            **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def _vin(rng: random.Random) -> str:
    body = list(pick(rng, ["1FT", "2HG", "JTD", "WVW", "5YJ", "KNA", "SAL", "VF1", "WBA", "3VW", "1GC", "JM1"]) + chars(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 5) + "0"
                + pick(rng, "DEFGHJKLMN") + chars(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 1) + "".join(str(rng.randrange(10)) for _ in range(6)))
    total = sum(_VIN_VAL[c] * w for c, w in zip(body, _VIN_W, strict=True))
    body[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(body)


def _sku(rng: random.Random) -> str:
    return pick(rng, [f"BWS-D{rng.randint(1000, 1999)}", f"BWS-R{rng.randint(5000, 5999)}", f"{rng.randint(10000, 99999)}-{chars(rng, '0123456789ABCDEFGHJK', 5)}",
                      f"TQ{rng.randint(100000, 999999)}", f"{rng.randint(33, 33)}-{rng.randint(2000, 2999)}", f"0 {rng.randint(200, 299)} {rng.randint(200, 299)} {rng.randint(100, 999)}"])


def _shop(rng: random.Random) -> str:
    y, mk, md, _, _ = _veh(rng)
    return jar(rng, "flask", tracking=0.6, extra=[("tq_store", str(rng.randint(100, 480))), ("tq_vehicle", quote(js_json({"y": y, "mk": mk, "md": md}), safe=""))])


def _trade(rng: random.Random) -> str:
    return jar(rng, "rails", tracking=0.1, extra=[("trade_acct", f"T{rng.randint(10000, 99999)}")])


# ------------------------------------------------------------------ storefront


def browse(rng: random.Random) -> Request:
    y, mk, md, _, _ = _veh(rng)
    path = pick(rng, ["/", f"/c/{pick(rng, ['brakes', 'engine-oil', 'filters', 'lighting', 'wipers', 'batteries', 'suspension', 'cooling'])}",
                      f"/v/{y}-{slugify(mk)}-{slugify(md)}", f"/c/brakes/brake-pads/{y}-{slugify(mk)}-{slugify(md)}", "/deals", "/stores"])
    q = pick(rng, ["", "", "sort=price_asc", "brand=Bosch&brand=Brembo", "in_stock=1&pickup=today", "utm_source=newsletter&utm_medium=email&utm_campaign=winter_ready"])
    return web(rng, SRC, "storefront_page", "GET", WWW, path, q, nav=True, cookie=_shop(rng) if rng.random() < 0.6 else None,
               site=pick(rng, ["same-origin", "none", "cross-site"]), ref=pick(rng, [f"https://{WWW}/", "https://search.example.com/"]))


def ymm(rng: random.Random) -> Request:
    y, mk, md, _eng, sub = _veh(rng)
    step = rng.randrange(4)
    path, pairs = [("/api/ymm/years", []), ("/api/ymm/makes", [("year", str(y))]), ("/api/ymm/models", [("year", str(y)), ("make", mk)]),
                   ("/api/ymm/engines", [("year", str(y)), ("make", mk), ("model", md), ("submodel", sub)])][step]
    return web(rng, SRC, "ymm_picker", "GET", API, path, uri_query([*pairs, ("market", pick(rng, ["US", "GB"]))]), site="same-site", ref=f"https://{WWW}/",
               cookie=None)


def vin_decode(rng: random.Random) -> Request:
    vin = _vin(rng)
    if rng.random() < 0.6:
        return web(rng, SRC, "vin_decode", "GET", API, f"/api/vin/{vin}", uri_query([("include", "engine,trim,build_date")]), site="same-site", ref=f"https://{WWW}/garage/add")
    return api(rng, SRC, "vin_scan_app", "POST", API, "/mobile/v3/vin/scan", body=js_json({"raw": pick(rng, [vin, "I" + vin, vin.lower()]), "source": pick(rng, ["barcode_code39", "ocr", "manual"]),
                                                                                            "confidence": round(rng.uniform(0.6, 1.0), 3)}).encode(),
               ctype="application/json", tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "shop"),
               ua=pick(rng, [None, "Torqwell/7.3.0 (com.torqwell.shop; build 7300; Android 15) okhttp/4.12.0"]))


def fitment(rng: random.Random) -> Request:
    y, mk, md, eng, sub = _veh(rng)
    pairs = [("part", _sku(rng)), ("year", str(y)), ("make", mk), ("model", md), ("engine", eng), ("submodel", sub),
             ("position", pick(rng, ["", "front", "rear", "front left", "upstream"])), ("drive", pick(rng, ["", "2WD", "4WD", "AWD"]))]
    return web(rng, SRC, "fitment_check", "GET", API, "/api/fitment", uri_query([(k, v) for k, v in pairs if v]), site="same-site", ref=f"https://{WWW}/p/{_sku(rng).lower()}")


def search(rng: random.Random) -> Request:
    term = pick(rng, SEARCHES)
    y, mk, md, _, _ = _veh(rng)
    if rng.random() < 0.5:
        pairs = [("q", term), ("vehicle", pick(rng, ["", f"{y}-{mk}-{md}"])), ("sort", pick(rng, ["relevance", "price_asc", "rating"]))]
        return web(rng, SRC, "part_search", "GET", WWW, "/search", qs([(k, v) for k, v in pairs if v]), nav=True, cookie=_shop(rng), ref=f"https://{WWW}/")
    if rng.random() < 0.5:
        return web(rng, SRC, "search_typeahead", "GET", API, "/api/search/suggest", uri_query([("q", term[: rng.randint(2, len(term))]), ("limit", "8")]), site="same-site",
                   ref=f"https://{WWW}/")
    return api(rng, SRC, "search_app", "GET", API, "/mobile/v3/search", uri_query([("q", term), ("vehicleId", str(rng.randint(10000, 99999))), ("page", "0")]),
               tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "shop"))


def product(rng: random.Random) -> Request:
    sku = _sku(rng)
    name = pick(rng, ["Ceramic Brake Pad Set - Front", "Full Synthetic 5W-30 (5 qt)", "H11 LED Headlight Bulbs (pair)", "Oil Filter", "AGM Battery 70Ah",
                      "Wiper Blade 22\"", "Lower Control Arm - Front Left", "Thermostat w/ Housing", "Serpentine Belt 6PK2140"])
    return web(rng, SRC, "product_page", "GET", WWW, f"/p/{quote(slugify(pick(rng, ['bosch', 'brembo', 'mann', 'acdelco', 'motorcraft', 'k-n', 'valeo'])) + '-' + sku.lower().replace(' ', ''))}-{slugify(name)}",
               pick(rng, ["", "", f"vehicle={rng.randint(10000, 99999)}", "store=212", "gclid=" + chars(rng, ALNUM + "_-", 40)]), nav=True,
               cookie=_shop(rng) if rng.random() < 0.5 else None, site=pick(rng, ["same-origin", "cross-site", "none"]), ref=pick(rng, [f"https://{WWW}/search?q=pads", "https://search.example.com/"]))


def dtc(rng: random.Random) -> Request:
    code = pick(rng, ["P0420", "P0171", "P0300", "P0128", "P2002", "U0100", "B1318", "C0035", "P0401", "P0456"])
    return web(rng, SRC, "dtc_lookup", "GET", WWW, f"/codes/{code.lower()}", pick(rng, ["", f"make={pick(rng, ['ford', 'bmw', 'vw'])}"]), nav=True, site=pick(rng, ["none", "cross-site"]),
               ref="https://search.example.com/")


def cart(rng: random.Random) -> Request:
    k = rng.randrange(4)
    if k <= 1:
        obj = {"sku": _sku(rng), "qty": rng.randint(1, 6), "fulfilment": pick(rng, ["ship", "pickup"]), "storeId": rng.randint(100, 480),
               "vehicleId": pick(rng, [None, rng.randint(10000, 99999)]), "coreCharge": pick(rng, [None, "22.00", "45.00"]), "position": pick(rng, [None, "front", "LH", "RH"])}
        return web(rng, SRC, "cart_add", "POST", WWW, "/api/cart/items", body=js_json(obj).encode(), ctype="application/json", cookie=_shop(rng), extra=xsrf(rng, "flask"),
                   ref=f"https://{WWW}/p/{_sku(rng).lower()}")
    if k == 2:
        return web(rng, SRC, "cart_update", "PATCH", WWW, f"/api/cart/items/{uuid4(rng)}", body=js_json({"qty": rng.randint(0, 8)}).encode(), ctype="application/json",
                   cookie=_shop(rng), extra=xsrf(rng, "flask"), ref=f"https://{WWW}/cart")
    return web(rng, SRC, "cart_remove", "DELETE", WWW, f"/api/cart/items/{uuid4(rng)}", cookie=_shop(rng), extra=xsrf(rng, "flask"), ref=f"https://{WWW}/cart")


def coupon(rng: random.Random) -> Request:
    return web(rng, SRC, "promo_code", "POST", WWW, "/api/cart/promo", body=js_json({"code": pick(rng, ["WINTER20", "BRAKE-15", "Free$hip", "TRADE10", "first-order", "20%OFF"])}).encode(),
               ctype="application/json", cookie=_shop(rng), extra=xsrf(rng, "flask"))


def checkout(rng: random.Random) -> Request:
    g, f = human(rng)
    addr = place(rng)
    obj = {"email": mailbox(rng, g, f), "phone": telephone(rng), "fulfilment": pick(rng, ["ship", "pickup", "same_day"]),
           "shipping": {"name": f"{g} {f}", **addr} if rng.random() < 0.7 else None, "storeId": pick(rng, [None, rng.randint(100, 480)]),
           "shippingMethod": pick(rng, ["ground", "2day", "next_day", "freight_ltl"]), "payment": {"type": pick(rng, ["card", "paypal", "affirm", "trade_account"]), "token": f"tok_{chars(rng, ALNUM, 24)}"},
           "notes": pick(rng, ["", "Leave at side gate (blue door)", "Business address — open 8-5 M-F", "Please call on arrival, dog in yard 🐕"]), "idempotencyKey": uuid4(rng)}
    return web(rng, SRC, "checkout", "POST", WWW, "/api/checkout", body=js_json(obj).encode(), ctype="application/json", cookie=_shop(rng), extra=xsrf(rng, "flask"),
               ref=f"https://{WWW}/checkout")


def garage(rng: random.Random) -> Request:
    y, mk, md, eng, sub = _veh(rng)
    if rng.random() < 0.7:
        obj = {"year": y, "make": mk, "model": md, "engine": eng, "submodel": sub, "vin": pick(rng, [None, _vin(rng)]), "nickname": pick(rng, ["", "Work truck", "Mum's Clio", "Project car 🔧"]),
               "mileage": rng.randint(5000, 220000), "mileageUnit": pick(rng, ["mi", "km"])}
        return web(rng, SRC, "garage_add", "POST", WWW, "/api/garage", body=js_json(obj).encode(), ctype="application/json", cookie=_shop(rng), extra=xsrf(rng, "flask"))
    return web(rng, SRC, "garage_remove", "DELETE", WWW, f"/api/garage/{rng.randint(10000, 99999)}", cookie=_shop(rng), extra=xsrf(rng, "flask"))


def qa(rng: random.Random) -> Request:
    obj = {"question": pick(rng, ["Does this fit a 2011 Civic Si (K20Z3)?", "Is this sold as a pair or single?", "Will these fit 16\" wheels or only 17\"?",
                                  "OEM # is 04465-33471 — is this a direct replacement?", "Does it come with the wear sensor? (BMW E90)", "Is it 12V or 24V?",
                                  "What's the thread pitch, M12x1.5 or M12x1.25?", "Fits 4WD? The listing says 2WD & 4WD but the Q&A says 2WD only…"]),
           "vehicle": pick(rng, [None, " ".join(str(v) for v in _veh(rng)[:3])])}
    return web(rng, SRC, "product_question", "POST", WWW, f"/api/products/{_sku(rng).replace(' ', '')}/questions", body=js_json(obj).encode(), ctype="application/json",
               cookie=_shop(rng), extra=xsrf(rng, "flask"))


def review(rng: random.Random) -> Request:
    obj = {"rating": pick(rng, [5, 5, 4, 4, 3, 2, 1]), "title": pick(rng, ["Perfect fit", "Noisy after 500 mi", "Good value", "Wrong connector", "Easy 20-min job"]),
           "body": pick(rng, ["Fitted to my '14 F-150 XLT 3.5 EcoBoost, took 40 min per side. No squeal.", "Bright but one bulb flickers w/ DRL on — needed a CANbus resistor ($12).",
                              "Ordered 6PK2140, matches OEM length exactly. Tip: take a photo of the routing first!", "Box said 22\" but blade is 21.5\"... still fits OK.",
                              "Arrived next day. Torqued to 80 ft·lb (108 N·m) per manual."]),
           "vehicle": " ".join(str(v) for v in _veh(rng)[:3]), "mileage": rng.randint(1000, 200000)}
    return web(rng, SRC, "product_review", "POST", WWW, f"/api/products/{_sku(rng).replace(' ', '')}/reviews", body=js_json(obj).encode(), ctype="application/json",
               cookie=_shop(rng), extra=xsrf(rng, "flask"))


def returns(rng: random.Random) -> Request:
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    order = f"TQ-{rng.randint(1000000, 9999999)}"
    fields = [("csrf_token", hexs(rng, 40) + "." + chars(rng, ALNUM + "-_", 27)), ("order", order), ("line", str(rng.randint(1, 4))), ("qty", str(rng.randint(1, 2))),
              ("reason_code", pick(rng, ["wrong_part", "core_return", "damaged", "wrong_side", "not_needed", "defective", "doesnt_fit", "missing_items"])),
              ("reason_text", pick(rng, REASONS)), ("refund_to", pick(rng, ["original", "store_credit"])), ("method", pick(rng, ["drop_off_store", "label"]))]
    parts: list[Part] = text_parts(fields)
    for _ in range(rng.randint(0, 2)):
        parts.append(("photos", fake_jpeg(rng, rng.randint(500, 1500), exif=pick(rng, [("Apple", "iPhone 12"), ("motorola", "moto g 5G")])), f"IMG_{rng.randint(1000, 9999)}.JPG", "image/jpeg"))
    return web(rng, SRC, "return_request", "POST", WWW, f"/account/orders/{order}/return", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", nav=True,
               agent=a, cookie=_shop(rng), ref=f"https://{WWW}/account/orders/{order}")


def tracking(rng: random.Random) -> Request:
    order = f"TQ-{rng.randint(1000000, 9999999)}"
    if rng.random() < 0.5:
        return web(rng, SRC, "order_status", "GET", WWW, "/order-status", qs([("order", order), ("zip", place(rng)["postal_code"])]), nav=True, site=pick(rng, ["same-origin", "cross-site"]),
                   ref="https://mail.example.com/")
    return api(rng, SRC, "order_status_app", "GET", API, f"/mobile/v3/orders/{order}", tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "shop"))


def stores(rng: random.Random) -> Request:
    return web(rng, SRC, "store_locator", "GET", API, "/api/stores/nearby", uri_query([("lat", f"{rng.uniform(33, 53):.4f}"), ("lng", f"{rng.uniform(-122, -1):.4f}"),
                                                                                      ("radius", pick(rng, ["10mi", "25mi", "40km"])), ("sku", pick(rng, ["", _sku(rng)])), ("services", pick(rng, ["", "battery_test,wiper_install"]))]),
               site="same-site", ref=f"https://{WWW}/stores")


def price_match(rng: random.Random) -> Request:
    g, f = human(rng)
    pairs = [("csrf_token", hexs(rng, 40)), ("sku", _sku(rng)), ("competitor_url", pick(rng, ["https://www.partsrival.example.com/p/brake-pads-d1210?ref=pla", "https://shop.example.net/item/88213#specs"])),
             ("competitor_price", pick(rng, ["$38.99", "£24.50", "29.99", "27.49 inc VAT"])), ("name", f"{g} {f}"), ("email", mailbox(rng, g, f)),
             ("notes", pick(rng, ["", "Same part no., in stock, shipping is free over $35 there", "Screenshot attached in email"]))]
    return web(rng, SRC, "price_match", "POST", WWW, "/price-match", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True, cookie=_shop(rng))


# ------------------------------------------------------------------ trade portal and dealer catalogue


def trade_login(rng: random.Random) -> Request:
    g, f = human(rng)
    pairs = [("authenticity_token", chars(rng, ALNUM + "+/", 86) + "=="), ("user[account]", f"T{rng.randint(10000, 99999)}"), ("user[email]", mailbox(rng, g, f)),
             ("user[password]", chars(rng, ALNUM + "!#", 14)), ("commit", "Sign in")]
    return web(rng, SRC, "trade_login", "POST", TRADE, "/users/sign_in", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True,
               cookie=jar(rng, "rails", tracking=0.1), ref=f"https://{TRADE}/users/sign_in")


def quick_order(rng: random.Random) -> Request:
    lines = "\n".join(pick(rng, [f"{_sku(rng)}, {rng.randint(1, 12)}", f"K&N 33-2304 x{rng.randint(1, 4)}", f"90915-YZZD1 ; {rng.randint(1, 24)}", f"{_sku(rng)}\t{rng.randint(1, 10)}",
                                 f"W 712/93 - {rng.randint(1, 10)} pcs", "5W-30 5QT x 12", f"\"04465-33471\",{rng.randint(1, 4)}"]) for _ in range(rng.randint(2, 8)))
    pairs = [("authenticity_token", chars(rng, ALNUM + "+/", 86) + "=="), ("quick_order[lines]", lines), ("quick_order[po_number]", pick(rng, ["", f"PO-{rng.randint(1000, 9999)}", "JOB 4471 / Reg KX14 ABC"])),
             ("quick_order[deliver]", pick(rng, ["next_run", "collect", "am_run"]))]
    return web(rng, SRC, "trade_quick_order", "POST", TRADE, "/orders/quick", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True, cookie=_trade(rng),
               ref=f"https://{TRADE}/orders/quick")


def price_list(rng: random.Random) -> Request:
    if rng.random() < 0.6:
        return web(rng, SRC, "trade_price_list", "GET", TRADE, "/price-lists/current", qs([("format", pick(rng, ["csv", "xlsx", "json"])), ("brands", pick(rng, ["all", "BWS,MANN", "Bosch"])),
                                                                                        ("updated_since", pick(rng, ["", date_on(rng)]))]),
                   nav=True, cookie=_trade(rng), accept="text/csv,*/*;q=0.8")
    return api(rng, SRC, "trade_price_api", "GET", API, "/trade/v1/prices", uri_query([("account", f"T{rng.randint(10000, 99999)}"), ("skus", ",".join(_sku(rng).replace(" ", "") for _ in range(rng.randint(2, 6))))]),
               tool=pick(rng, ["dotnet", "php", "requests"]), auth=f"Bearer tq_trade_{chars(rng, ALNUM, 32)}", ua=pick(rng, [None, "GarageHive-DMS/5.2"]))


def supplier_prices(rng: random.Random) -> Request:
    rows = ["Part#,Description,List,Net,Core,UOM,Pack,Barcode"]
    for _ in range(rng.randint(4, 12)):
        rows.append(",".join([_sku(rng), pick(rng, ['"Brake Pad Set, Front"', '"Hose 3/8"" x 25ft"', "Rotor 296mm Vented", '"Oil Filter (spin-on, 3/4""-16)"', "Coolant G12++ 1L", "Bulb H11 12V 55W"]),
                              money(rng, 5, 300), money(rng, 3, 200), pick(rng, ["", "0.00", "22.00", "45.00"]), pick(rng, ["EA", "PR", "SET", "CS"]), str(pick(rng, [1, 2, 4, 12])),
                              str(rng.randint(10**11, 10**12 - 1))]))
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    parts: list[Part] = [("authenticity_token", (chars(rng, ALNUM + "+/", 86) + "==").encode(), None, None),
                         ("price_file[file]", ("\r\n".join(rows) + "\r\n").encode(), pick(rng, ["BWS_pricelist_2027Q1.csv", "prices (dec).csv"]), "text/csv"),
                         *text_parts([("price_file[effective_on]", date_on(rng, ahead=True)), ("price_file[currency]", pick(rng, ["USD", "GBP"]))])]
    return web(rng, SRC, "supplier_price_upload", "POST", TRADE, "/suppliers/price_files", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", nav=True, agent=a,
               cookie=_trade(rng))


def labour(rng: random.Random) -> Request:
    y, mk, md, eng, _ = _veh(rng)
    obj = {"vehicle": {"year": y, "make": mk, "model": md, "engine": eng}, "jobs": some(rng, [{"op": "Brake pads & rotors - front", "hours": 1.6}, {"op": "Serpentine belt R&R", "hours": 0.8},
                                                                                               {"op": "Thermostat R&R incl. coolant bleed", "hours": 2.1}, {"op": "O2 sensor (upstream) R&R", "hours": 0.7},
                                                                                               {"op": "Timing chain kit", "hours": 9.5}], 1, 3),
           "labourRate": money(rng, 70, 160), "markup": pick(rng, [0.25, 0.3, 0.35]), "customerRef": pick(rng, ["", f"JOB {rng.randint(1000, 9999)}"])}
    return web(rng, SRC, "trade_labour_quote", "POST", TRADE, "/api/quotes", body=js_json(obj).encode(), ctype="application/json", cookie=_trade(rng), extra=xsrf(rng, "rails"))


def punchout(rng: random.Random) -> Request:
    g, f = human(rng)
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">\n'
           f'<cXML payloadID="{unix(rng)}.{rng.randint(1000, 9999)}@procure.fleetco.example.com" timestamp="{stamp(rng)[:19]}+00:00" xml:lang="en-US">\n'
           '  <Header>\n    <From><Credential domain="NetworkId"><Identity>FLEETCO</Identity></Credential></From>\n'
           '    <To><Credential domain="DUNS"><Identity>TORQWELL</Identity></Credential></To>\n'
           f'    <Sender><Credential domain="NetworkId"><Identity>FLEETCO</Identity><SharedSecret>{chars(rng, ALNUM, 16)}</SharedSecret></Credential><UserAgent>ProcureSuite 11</UserAgent></Sender>\n'
           '  </Header>\n  <Request deploymentMode="production">\n    <PunchOutSetupRequest operation="create">\n'
           f'      <BuyerCookie>{hexs(rng, 32)}</BuyerCookie>\n      <Extrinsic name="UserEmail">{mailbox(rng, g, f, "fleetco.example.com")}</Extrinsic>\n'
           f'      <Extrinsic name="CostCenter">{rng.randint(4000, 4999)}</Extrinsic>\n'
           '      <BrowserFormPost><URL>https://procure.fleetco.example.com/punchout/return</URL></BrowserFormPost>\n'
           '    </PunchOutSetupRequest>\n  </Request>\n</cXML>\n')
    return api(rng, SRC, "cxml_punchout_setup", "POST", TRADE, "/punchout/cxml/setup", body=doc.encode(), ctype="text/xml; charset=UTF-8", tool="java",
               ua="ProcureSuite/11.2 (Java/17)")


def epc(rng: random.Random) -> Request:
    vin = _vin(rng)
    if rng.random() < 0.5:
        return web(rng, SRC, "epc_diagram", "GET", EPC, f"/catalog/{pick(rng, ['ford', 'toyota', 'bmw', 'land-rover'])}/{pick(rng, ['brakes', 'engine', 'cooling', 'suspension'])}/{rng.randint(100, 999)}",
                   qs([("vin", vin), ("group", pick(rng, ["34", "11_0447", "B2-12"])), ("callout", pick(rng, ["", "3", "12A"]))]), nav=True, cookie=_trade(rng))
    return web(rng, SRC, "epc_parts_api", "GET", EPC, "/api/v1/illustrations/parts", uri_query([("vin", vin), ("illustration", f"{rng.randint(10, 99)}-{rng.randint(100, 999)}"),
                                                                                             ("lang", pick(rng, ["en-US", "en-GB", "de-DE"]))]), cookie=_trade(rng))


# ------------------------------------------------------------------ suppliers and webhooks


def _x12(rng: random.Random, kind: str) -> str:
    ctl = rng.randint(1000, 99999)
    head = (f"ISA*00*          *00*          *ZZ*BRAKEWORKSSUPP *ZZ*TORQWELL       *261203*{rng.randint(1000, 2359)}*U*00401*{ctl:09d}*0*P*>~"
            f"GS*{dict(ASN='SH', INV='IN', ACK='PR', INVADV='IB')[kind]}*BRAKEWORKSSUPP*TORQWELL*20261203*1412*{ctl}*X*004010~")
    po = f"PO-{rng.randint(10000, 99999)}"
    if kind == "ASN":
        body = (f"ST*856*0001~BSN*00*ASN{rng.randint(100000, 999999)}*20261203*1412*0001~HL*1**S~TD5*B*2*UPSN*M*UPS GROUND~REF*BM*1Z{chars(rng, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 16)}~"
                f"DTM*011*20261203~N1*ST*TORQWELL DC ASHCOMBE*92*DC01~HL*2*1*O~PRF*{po}~HL*3*2*I~LIN**VP*{_sku(rng)}~SN1**{rng.randint(1, 48)}*EA~HL*4*2*I~LIN**VP*{_sku(rng)}~"
                f"SN1**{rng.randint(1, 48)}*EA~CTT*4~SE*16*0001~")
    elif kind == "INV":
        body = (f"ST*810*0001~BIG*20261203*INV{rng.randint(100000, 999999)}**{po}~N1*RE*BRAKEWORKS SUPPLY CO~IT1*1*{rng.randint(1, 48)}*EA*{money(rng, 5, 90)}**VP*{_sku(rng)}~"
                f"IT1*2*{rng.randint(1, 48)}*EA*{money(rng, 5, 90)}**VP*{_sku(rng)}~TDS*{rng.randint(10000, 900000)}~SAC*C*D240***{rng.randint(500, 5000)}~CTT*2~SE*9*0001~")
    elif kind == "ACK":
        body = (f"ST*855*0001~BAK*00*AC*{po}*20261203~PO1*1*{rng.randint(1, 48)}*EA*{money(rng, 5, 90)}**VP*{_sku(rng)}~ACK*IA*{rng.randint(1, 48)}*EA*068*20261208~"
                f"PO1*2*{rng.randint(1, 48)}*EA*{money(rng, 5, 90)}**VP*{_sku(rng)}~ACK*IB*0*EA~CTT*2~SE*8*0001~")
    else:
        body = "ST*846*0001~BIA*00*DD*INV" + str(rng.randint(1000, 9999)) + "*20261203~" + "".join(
            f"LIN**VP*{_sku(rng)}~QTY*33*{rng.randint(0, 900)}*EA~" for _ in range(rng.randint(2, 5))) + "SE*12*0001~"
    return head + body + f"GE*1*{ctl}~IEA*1*{ctl:09d}~"


def edi_x12(rng: random.Random) -> Request:
    kind = pick(rng, ["ASN", "INV", "ACK", "INVADV"])
    doc = _x12(rng, kind)
    if rng.random() < 0.6:
        body = doc.encode()
        return api(rng, SRC, "edi_x12_inbound", "POST", EDI, "/as2/inbound", body=body, ctype="application/edi-x12", tool="java", ua="OpenAS2/3.10",
                   extra=[("as2-version", "1.2"), ("as2-from", "BRAKEWORKSSUPP"), ("as2-to", "TORQWELL"), ("message-id", f"<{uuid4(rng)}@as2.brakeworks.example.com>"),
                          ("disposition-notification-to", "edi@brakeworks.example.com"), ("subject", f"X12 {kind}")])
    b = boundary_for(rng, tool="curl")
    return api(rng, SRC, "edi_x12_upload", "POST", EDI, "/api/v1/documents", body=multipart([("file", doc.replace("~", "~\n").encode(), f"{kind.lower()}_{rng.randint(1000, 9999)}.edi", "application/edi-x12"),
                                                                                          ("partner", b"BRAKEWORKSSUPP", None, None)], b),
               ctype=f"multipart/form-data; boundary={b}", tool="curl", auth=basic("brakeworks", chars(rng, ALNUM, 20)))


def edifact(rng: random.Random) -> Request:
    ref = rng.randint(1000, 99999)
    doc = (f"UNA:+.? 'UNB+UNOC:3+4012345000009:14+5099999000002:14+261203:1412+{ref}'UNH+1+DESADV:D:96A:UN:EAN005'BGM+351+DN{rng.randint(100000, 999999)}+9'"
           f"DTM+137:20261203:102'RFF+ON:PO-{rng.randint(10000, 99999)}'NAD+SU+4012345000009::9'NAD+DP+5099999000002::9'CPS+1'"
           + "".join(f"LIN+{i + 1}++{rng.randint(10**12, 10**13 - 1)}:EN'PIA+1+{_sku(rng).replace(' ', '')}:SA'QTY+12:{rng.randint(1, 60)}'" for i in range(rng.randint(1, 4)))
           + f"UNT+{rng.randint(12, 30)}+1'UNZ+1+{ref}'")
    return api(rng, SRC, "edifact_desadv", "POST", EDI, "/as2/inbound", body=doc.encode(), ctype="application/edifact", tool="java", ua="Mendelson AS2 1.1",
               extra=[("as2-version", "1.2"), ("as2-from", "AUTOTEILE-WEST"), ("as2-to", "TORQWELL"), ("message-id", f"<{uuid4(rng)}@as2.autoteile-west.example.de>")])


def aces(rng: random.Random) -> Request:
    apps = "".join(
        f'  <App action="{pick(rng, ["A", "A", "D"])}" id="{i + 1}">\n    <BaseVehicle id="{rng.randint(1000, 200000)}"/>\n    <EngineBase id="{rng.randint(100, 9000)}"/>\n'
        f'    <Note>{pick(rng, ["Front", "Rear; w/ 296mm rotor", "w/o Sport Pkg", "Built after 03/2012", "4WD & AWD"]).replace("&", "&amp;")}</Note>\n'
        f'    <Qty>{pick(rng, ["1", "2"])}</Qty>\n    <PartType id="{pick(rng, ["1684", "1896", "5340"])}"/>\n    <Position id="{pick(rng, ["22", "30", "104"])}"/>\n    <Part>{_sku(rng)}</Part>\n  </App>\n'
        for i in range(rng.randint(2, 5)))
    doc = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ACES version="4.2">\n  <Header>\n    <Company>BrakeWorks Supply Co.</Company>\n    <SenderName>{" ".join(human(rng))}</SenderName>\n'
           f'    <SenderPhone>{telephone(rng)}</SenderPhone>\n    <TransferDate>{date_on(rng)}</TransferDate>\n    <DocumentTitle>BWS brake fitment</DocumentTitle>\n'
           f'    <EffectiveDate>{date_on(rng)}</EffectiveDate>\n    <SubmissionType>{pick(rng, ["FULL", "UPDATE"])}</SubmissionType>\n    <VcdbVersionDate>2026-11-28</VcdbVersionDate>\n  </Header>\n'
           f'{apps}  <Footer><RecordCount>{apps.count("<App ")}</RecordCount></Footer>\n</ACES>\n')
    return api(rng, SRC, "aces_fitment_feed", "POST", API, "/suppliers/v1/fitment", body=doc.encode(), ctype="application/xml", tool=pick(rng, ["requests", "java", "dotnet"]),
               auth=f"Bearer tq_sup_{chars(rng, ALNUM, 32)}")


def inventory(rng: random.Random) -> Request:
    obj = {"supplier": pick(rng, ["BWS", "AUTOTEILE-WEST", "MIDWEST-FILTERS"]), "asOf": stamp(rng),
           "items": [{"sku": _sku(rng), "warehouse": pick(rng, ["DC01", "DC02", "XD-TX"]), "onHand": rng.randint(0, 900), "onOrder": rng.randint(0, 400),
                      "nextReceipt": pick(rng, [None, date_on(rng, ahead=True)]), "discontinued": rng.random() < 0.05, "supersededBy": pick(rng, [None, None, _sku(rng)])} for _ in range(rng.randint(2, 8))]}
    tool = pick(rng, ["go", "requests", "dotnet"])
    return api(rng, SRC, "supplier_inventory", "PUT", API, "/suppliers/v1/inventory", body=(py_json(obj) if tool == "requests" else js_json(obj)).encode(), ctype="application/json",
               tool=tool, auth=f"Bearer tq_sup_{chars(rng, ALNUM, 32)}", extra=[("x-batch-id", uuid4(rng))])


def pies(rng: random.Random) -> Request:
    obj = {"partNumber": _sku(rng), "brand": pick(rng, ["BWS", "Mann-Filter", "Bosch"]), "descriptions": [{"type": "DES", "lang": "EN", "text": pick(rng, ["Ceramic Brake Pad Set - Front", "Oil Filter, spin-on, 3/4\"-16 UNF"])},
                                                                                                         {"type": "MKT", "lang": "EN", "text": "Low-dust ceramic compound • chamfered & slotted • incl. hardware kit"}],
           "attributes": {"thread": pick(rng, ["3/4\"-16 UNF", "M20x1.5", None]), "heightMm": rng.randint(50, 140), "outerDiameterMm": rng.randint(60, 110), "positions": ["Front"]},
           "interchange": [{"brand": pick(rng, ["OEM", "ACDelco", "Motorcraft"]), "partNumber": pick(rng, ["04465-33471", "PF48E", "FL-500S", "11 42 7 953 129"])}],
           "packaging": {"uom": "EA", "weightKg": round(rng.uniform(0.2, 9), 2), "gtin": str(rng.randint(10**12, 10**13 - 1))}, "images": [f"https://assets.brakeworks.example.com/{hexs(rng, 12)}.jpg"]}
    return api(rng, SRC, "supplier_product_data", "PATCH", API, f"/suppliers/v1/products/{quote(str(obj['partNumber']), safe='')}", body=js_json(obj).encode(),
               ctype="application/merge-patch+json", tool=pick(rng, ["node", "go"]), auth=f"Bearer tq_sup_{chars(rng, ALNUM, 32)}")


def payment_hook(rng: random.Random) -> Request:
    obj = {"id": f"evt_{chars(rng, ALNUM, 24)}", "type": pick(rng, ["payment.captured", "payment.refunded", "payment.failed", "dispute.opened"]), "created_at": stamp(rng),
           "data": {"payment_id": f"pay_{chars(rng, ALNUM, 20)}", "order": f"TQ-{rng.randint(1000000, 9999999)}", "amount": money(rng, 8, 900), "currency": pick(rng, ["USD", "GBP"]),
                    "avs": pick(rng, ["Y", "Z", "N"]), "cvc": pick(rng, ["M", "N"]), "reason": pick(rng, [None, "product_not_received", "insufficient_funds"])}}
    body = js_json(obj).encode()
    return api(rng, SRC, "payment_webhook", "POST", API, "/hooks/payments", body=body, ctype="application/json", tool="ruby", ua="Paygrid-Webhooks/2.1",
               extra=[("paygrid-signature", f"t={unix(rng)},v1={hmac_hex(rng, body)}")])


def carrier_hook(rng: random.Random) -> Request:
    obj = {"tracking_number": f"1Z{chars(rng, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 16)}", "carrier": pick(rng, ["ups", "fedex", "dpd", "royalmail"]),
           "status": pick(rng, ["in_transit", "out_for_delivery", "delivered", "exception"]), "status_detail": pick(rng, ["", "Left at side gate", "Address correction needed", "Delivered to neighbour (No. 14)"]),
           "location": {"city": place(rng)["city"]}, "occurred_at": stamp(rng), "metadata": {"order": f"TQ-{rng.randint(1000000, 9999999)}"}}
    body = py_json(obj).encode()
    return api(rng, SRC, "carrier_webhook", "POST", API, "/hooks/tracking", body=body, ctype="application/json", tool="requests", ua="ShipTrack-Webhooks/1.9",
               extra=[("x-shiptrack-hmac-sha256", hmac_hex(rng, body))])


def auto_parts(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (10, browse), (8, ymm), (7, vin_decode), (7, fitment), (14, search), (10, product), (2, dtc), (10, cart), (2, coupon), (5, checkout), (3, garage),
        (3, qa), (2, review), (4, returns), (4, tracking), (3, stores), (1, price_match), (2, trade_login), (3, quick_order), (4, price_list),
        (2, supplier_prices), (2, labour), (2, punchout), (4, epc), (5, edi_x12), (2, edifact), (3, aces), (4, inventory), (2, pies), (4, payment_hook), (3, carrier_hook),
    ])
