# ruff: noqa: RUF001
"""A shipping and logistics platform (FastAPI public API, a Django web app
for shippers, a web-based WMS on warehouse handhelds, the driver app):
shipment creation with customs declarations, tracking, carrier status
webhooks in XML and JSON, labels, pickups, rate quotes, EDI uploads and
driver telemetry."""

from __future__ import annotations

import random

from .common import (
    DESKTOP,
    MOBILE,
    UPNUM,
    Browser,
    Request,
    address,
    app,
    arrival,
    b64,
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
    iso_py,
    jar,
    jpeg,
    jsb,
    lib_boundary,
    money,
    multipart,
    nav,
    past_day,
    person,
    pick,
    png,
    pyb,
    qs,
    qs_py,
    run,
    sig_hex,
    some,
    token,
    uuid4,
    xhr,
)

SRC = "logistics"
API = "api.shipwren.example.com"
WEB = "app.shipwren.example.com"
TRACK = "track.shipwren.example.com"
HOOKS = "hooks.shipwren.example.com"
WMS = "wms.shipwren.example.com"

CARRIERS = ["parcelgo", "northstar_freight", "bluepost", "quickdrop", "royal_kestrel", "euroexpress"]
SERVICES = ["ground", "express", "next_day", "economy", "tracked_48", "international_priority", "pallet_standard"]
ITEMS = [
    ("Men's cotton T-shirts, 100% cotton, knitted", "6109.10", "PT"), ("Women's trousers, synthetic fibres", "6204.63", "BD"),
    ("Ceramic stoneware mugs (tableware)", "6912.00", "GB"), ("Roasted coffee beans, not decaffeinated", "0901.21", "ET"),
    ("Leather handbag, outer surface of leather", "4202.21", "IT"), ("Merino wool socks, knitted", "6115.95", "IE"),
    ("Bicycle helmets", "6506.10", "CN"), ("Smartphone (used, for repair)", "8517.13", "CN"), ("Children's wooden toys", "9503.00", "DE"),
    ("Printed books", "4901.99", "GB"), ("Lip balm / cosmetic preparations", "3304.99", "FR"), ("Laptop computer", "8471.30", "TW"),
    ("Running shoes, rubber soles, textile uppers", "6404.11", "VN"), ("Bed linen, cotton", "6302.31", "IN"),
    ("Cast iron cookware", "7323.91", "US"), ("Spare parts: bicycle brake pads", "8714.94", "TW"), ("Handmade soap", "3401.11", "IE"),
    ("Wine, red, 75cl bottles", "2204.21", "FR"), ("Dried herbal tea", "1211.90", "LK"), ("Silk scarf", "6214.10", "VN"),
]
EVENTS = [("PU", "Picked up"), ("AR", "Arrived at sort facility"), ("DP", "Departed facility"), ("IT", "In transit"), ("CC", "Customs cleared"),
          ("CH", "Held at customs – documents required"), ("OD", "Out for delivery"), ("DL", "Delivered"), ("NH", "Not home – card left"),
          ("DX", "Delivery exception: address incomplete"), ("RS", "Returned to sender"), ("AP", "Available for collection at access point")]
LOC = ["A-12-03-B", "B-01-07-A", "C-22-01-C", "D-05-11-A", "MEZZ-3-14", "RECV-DOCK-2", "PACK-07", "QC-HOLD", "RTN-BAY-1"]


def _trk(rng: random.Random) -> str:
    return pick(rng, [f"1Z{chars(rng, UPNUM, 16)}", digits(rng, 12), f"JJD{digits(rng, 18)}", f"9400 1{digits(rng, 3)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 2)}",
                      f"{chars(rng, UPNUM, 2)}{digits(rng, 9)}GB", f"SWN{digits(rng, 10)}", f"PG-{digits(rng, 4)}-{digits(rng, 4)}-{digits(rng, 4)}"])


def _addr(rng: random.Random, country: str | None = None) -> dict[str, object]:
    a = address(rng, country)
    p = person(rng)
    out: dict[str, object] = {"name": p.name, "company": pick(rng, ["", "", "Harbour Goods Ltd", "Larkspur Ltd", "Café Lúnasa", "Kestrel Bikes"]),
                              "street1": a["line1"], "street2": a["line2"], "city": a["city"], "state": a["region"], "zip": a["postal_code"],
                              "country": a["country"], "phone": p.phone, "email": p.email}
    if chance(rng, 0.2):
        out["instructions"] = pick(rng, ["Ring bell at dock 3", "Leave with neighbour at no. 14 if out", "Side gate – beware of dog 🐕",
                                         "Reception closes 17:00", "Do NOT leave on doorstep", "Behind the green bin"])
    return out


def _parcel(rng: random.Random) -> dict[str, object]:
    return {"length": rng.randint(10, 120), "width": rng.randint(10, 80), "height": rng.randint(2, 60), "distance_unit": pick(rng, ["cm", "cm", "in"]),
            "weight": round(rng.uniform(0.1, 30), 2), "mass_unit": pick(rng, ["kg", "kg", "lb"]), "packaging": pick(rng, ["box", "envelope", "tube", "pallet"])}


def _customs(rng: random.Random) -> dict[str, object]:
    items = []
    for _ in range(rng.randint(1, 4)):
        desc, hs, origin = pick(rng, ITEMS)
        q = rng.randint(1, 24)
        items.append({"description": desc, "hs_code": hs if chance(rng, 0.6) else hs.replace(".", "") + pick(rng, ["", "00", "90"]), "origin_country": origin,
                      "quantity": q, "value_amount": money(rng, 2, 400), "value_currency": pick(rng, ["EUR", "GBP", "USD"]),
                      "net_weight": round(rng.uniform(0.05, 5), 3), "sku": pick(rng, ["", f"SKU-{digits(rng, 5)}"])})
    return {"contents_type": pick(rng, ["merchandise", "gift", "sample", "documents", "return_merchandise"]),
            "contents_explanation": pick(rng, ["", "Christmas gift for family", "Warranty replacement"]),
            "incoterm": pick(rng, ["DAP", "DDP", "DDU"]), "eel_pfc": pick(rng, ["NOEEI_30_37_a", None]), "non_delivery": pick(rng, ["return", "abandon"]),
            "certify": True, "certify_signer": person(rng).name, "invoice_number": f"INV-{digits(rng, 6)}",
            "exporter_eori": pick(rng, ["", f"GB{digits(rng, 12)}", f"IE{digits(rng, 7)}W"]), "items": items}


def shipment_api(rng: random.Random) -> Request:
    intl = chance(rng, 0.4)
    frm = _addr(rng, pick(rng, ["GB", "IE", "US", "DE"]))
    to = _addr(rng)
    obj: dict[str, object] = {"address_from": frm, "address_to": to, "parcels": [_parcel(rng) for _ in range(rng.randint(1, 3))],
                              "carrier": pick(rng, CARRIERS), "service": pick(rng, SERVICES), "reference": f"ORD-{digits(rng, 6)}",
                              "metadata": {"shop_order": f"#{rng.randint(1000, 30000)}", "channel": pick(rng, ["web", "marketplace", "pos"])},
                              "label_format": pick(rng, ["PDF_4x6", "ZPL", "PNG"]), "signature": pick(rng, [None, "adult", "standard"]),
                              "insurance": pick(rng, [None, {"amount": money(rng, 50, 1500), "currency": "EUR"}])}
    if intl:
        obj["customs"] = _customs(rng)
    lib = pick(rng, ["requests", "httpx", "node", "axios", "java", "php", "go"])
    body = pyb(obj) if lib in ("requests", "httpx") else jsb(obj)
    return app(rng, SRC, "shipment_create", "POST", API, "/v2/shipments", lib=lib, body=body, ctype="application/json",
               auth="Bearer sk_live_" + token(rng, 32), extra=[("idempotency-key", uuid4(rng))], accept="application/json")


def shipment_web(rng: random.Random) -> Request:
    obj: dict[str, object] = {"from_location_id": rng.randint(1, 12), "to": _addr(rng), "parcels": [_parcel(rng)], "service": pick(rng, SERVICES),
                              "reference": pick(rng, ["", f"PO {digits(rng, 5)}", "Replacement – cracked mug", f"RMA-{digits(rng, 4)}"]),
                              "customs": _customs(rng) if chance(rng, 0.3) else None, "ship_date": day(rng)}
    return xhr(rng, SRC, "shipment_create_web", "POST", WEB, "/api/shipments/", body=jsb(obj), ctype="application/json",
               cookie=jar(rng, "django", analytics=0.2), extra=csrf(rng, "django"), referer=f"https://{WEB}/shipments/new", b=pick(rng, DESKTOP))


def shipments_page(rng: random.Random) -> Request:
    pairs = [("status", pick(rng, ["label_created", "in_transit", "exception", "delivered", "all"]))]
    if chance(rng, 0.4):
        pairs.append(("carrier", pick(rng, CARRIERS)))
    if chance(rng, 0.3):
        pairs += [("created_after", past_day(rng)), ("created_before", day(rng))]
    if chance(rng, 0.3):
        pairs.append(("q", pick(rng, [_trk(rng), f"ORD-{digits(rng, 6)}", person(rng).family, "Galway"])))
    return nav(rng, SRC, "shipments_page", WEB, "/shipments/", qs(pairs), cookie=jar(rng, "django", analytics=0.2), referer=f"https://{WEB}/",
               b=pick(rng, DESKTOP))


def tracking_page(rng: random.Random) -> Request:
    nums = [_trk(rng) for _ in range(rng.randint(1, 4))]
    sep = pick(rng, [",", ", ", "\n", " "])
    ref, site = arrival(rng, [f"https://{TRACK}/"], ["https://mail.example.com/", "https://harbourgoods.example.com/account/orders"], direct=0.4)
    return nav(rng, SRC, "tracking_page", TRACK, "/", qs([("tracking", sep.join(nums))] + ([("lang", pick(rng, ["en", "de", "fr", "es", "pl"]))] if chance(rng, 0.3) else [])),
               b=pick(rng, MOBILE + DESKTOP), site=site, referer=ref)


def tracking_api(rng: random.Random) -> Request:
    if chance(rng, 0.5):
        return xhr(rng, SRC, "tracking_api", "GET", TRACK, f"/api/track/{_trk(rng).replace(' ', '')}", qs([("locale", pick(rng, ["en-GB", "de-DE", "fr-FR", "en-US"]))]),
                   referer=f"https://{TRACK}/", b=pick(rng, MOBILE + DESKTOP))
    return app(rng, SRC, "tracking_api", "GET", API, "/v2/tracking", qs_py([("carrier", pick(rng, CARRIERS)), ("tracking_number", _trk(rng))]),
               lib=pick(rng, ["requests", "node", "php", "ruby"]), auth="Bearer sk_live_" + token(rng, 32), accept="application/json")


def carrier_xml(rng: random.Random) -> Request:
    code, desc = pick(rng, EVENTS)
    a = address(rng)
    ts = iso(rng)[:19]
    soap = chance(rng, 0.3)
    carrier = pick(rng, ["northstar_freight", "euroexpress"])
    inner = (f'<TrackingEventNotification xmlns="urn:example:carrier:tracking:v2" version="2.3">\n'
             f"  <Header><Sender>{carrier.split('_')[0].upper()}</Sender><MessageId>{uuid4(rng)}</MessageId><Created>{ts}Z</Created></Header>\n"
             f"  <Shipment>\n    <TrackingNumber>{_trk(rng)}</TrackingNumber>\n    <ShipperReference>ORD-{digits(rng, 6)}</ShipperReference>\n"
             f"    <Event>\n      <Code>{code}</Code>\n      <Description>{desc.replace('&', '&amp;')}</Description>\n      <DateTime>{ts}{pick(rng, ['+00:00', '+01:00', '-05:00'])}</DateTime>\n"
             f"      <Location><City>{a['city']}</City><PostalCode>{a['postal_code']}</PostalCode><CountryCode>{a['country']}</CountryCode></Location>\n"
             + (f"      <SignedBy>{pick(rng, ['O&apos;NEILL', 'NGUYEN', 'Z. MARIE', 'NEIGHBOUR NO.14'])}</SignedBy>\n" if code == "DL" else "")
             + "    </Event>\n  </Shipment>\n</TrackingEventNotification>")
    if soap:
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n<soap:Body>\n'
                + inner + "\n</soap:Body>\n</soap:Envelope>\n")
        ctype = "text/xml; charset=utf-8"
        extra = [("soapaction", '"urn:example:carrier:tracking:v2/Notify"')]
    else:
        body = '<?xml version="1.0" encoding="UTF-8"?>\n' + inner + "\n"
        ctype = "application/xml"
        extra = [("x-carrier-signature", sig_hex(rng))]
    return app(rng, SRC, "carrier_webhook_xml", "POST", HOOKS, f"/carriers/{carrier}/events",
               lib=pick(rng, ["java", "apache", "dotnet"]), body=body.encode("utf-8"), ctype=ctype, extra=extra)


def carrier_json(rng: random.Random) -> Request:
    evs = []
    for _ in range(rng.randint(1, 5)):
        code, desc = pick(rng, EVENTS)
        a = address(rng)
        evs.append({"tracking_number": _trk(rng), "status_code": code, "status": desc, "occurred_at": iso_py(rng),
                    "location": {"city": a["city"], "postal_code": a["postal_code"], "country": a["country"]},
                    "estimated_delivery": pick(rng, [None, day(rng)]), "pod": {"signed_by": person(rng).family.upper(), "photo_url": f"https://pod.example.net/{token(rng, 20)}.jpg"} if code == "DL" else None})
    carrier = pick(rng, ["parcelgo", "bluepost", "quickdrop"])
    lib = pick(rng, ["go", "node", "requests"])
    return app(rng, SRC, "carrier_webhook_json", "POST", HOOKS, f"/carriers/{carrier}/events", lib=lib, body=jsb({"events": evs}) if lib != "requests" else pyb({"events": evs}),
               ctype="application/json", extra=[("x-webhook-signature", "sha256=" + sig_hex(rng)), ("x-webhook-id", uuid4(rng))])


def label_download(rng: random.Random) -> Request:
    sid = f"shp_{token(rng, 20)}"
    pairs = [("format", pick(rng, ["PDF", "ZPL", "PNG", "EPL2"])), ("size", pick(rng, ["4x6", "A6", "A4", "4x8"]))]
    if chance(rng, 0.5):
        return nav(rng, SRC, "label_download", WEB, f"/shipments/{sid}/label/", qs(pairs), cookie=jar(rng, "django", analytics=0.0),
                   referer=f"https://{WEB}/shipments/{sid}", b=pick(rng, DESKTOP))
    return app(rng, SRC, "label_download", "GET", API, f"/v2/shipments/{sid}/label", qs_py(pairs), lib=pick(rng, ["requests", "dotnet", "go"]),
               auth="Bearer sk_live_" + token(rng, 32), accept=pick(rng, ["application/pdf", "application/zpl", "*/*"]))


def pickup(rng: random.Random) -> Request:
    obj: dict[str, object] = {"carrier": pick(rng, CARRIERS), "address": _addr(rng), "date": day(rng), "ready_time": hhmm(rng, 8, 13), "close_time": hhmm(rng, 15, 18),
                              "packages": rng.randint(1, 40), "total_weight_kg": round(rng.uniform(1, 600), 1),
                              "location": pick(rng, ["front_desk", "loading_dock", "back_door", "mailroom"]),
                              "instructions": pick(rng, ["", "Ring bell at dock 3", "Ask for Siobhán in dispatch", "Parcels on pallet by shutter door",
                                                        "Gate code 2580#, 2nd unit on left"])}
    if chance(rng, 0.5):
        return app(rng, SRC, "pickup_schedule", "POST", API, "/v2/pickups", lib=pick(rng, ["requests", "node", "php"]), body=jsb(obj), ctype="application/json",
                   auth="Bearer sk_live_" + token(rng, 32), extra=[("idempotency-key", uuid4(rng))])
    return xhr(rng, SRC, "pickup_schedule", "POST", WEB, "/api/pickups/", body=jsb(obj), ctype="application/json", cookie=jar(rng, "django"),
               extra=csrf(rng, "django"), referer=f"https://{WEB}/pickups/new", b=pick(rng, DESKTOP))


def rate_quote(rng: random.Random) -> Request:
    obj: dict[str, object] = {"from": {"zip": address(rng, "GB")["postal_code"], "country": "GB"} if chance(rng, 0.5) else {"zip": f"{rng.randint(10000, 99999)}", "country": "US"},
                              "to": {**dict(zip(("zip", "country"), pick(rng, [("H91 XK22", "IE"), ("10115", "DE"), ("75011", "FR"), ("2000", "AU"),
                                                                                 ("M5V 2T6", "CA"), (f"{rng.randint(10000, 99999)}", "US")]), strict=True)),
                                     "residential": chance(rng, 0.7)},
                              "parcels": [_parcel(rng) for _ in range(rng.randint(1, 3))], "carriers": some(rng, CARRIERS, 1, 4),
                              "declared_value": money(rng, 10, 900), "currency": pick(rng, ["EUR", "GBP", "USD"])}
    lib = pick(rng, ["requests", "node", "axios", "php", "ruby"])
    return app(rng, SRC, "rate_quote", "POST", API, "/v2/rates", lib=lib, body=pyb(obj) if lib == "requests" else jsb(obj), ctype="application/json",
               auth="Bearer sk_live_" + token(rng, 32), accept="application/json")


def freight_quote(rng: random.Random) -> Request:
    obj: dict[str, object] = {"mode": "LTL", "origin": _addr(rng, "US"), "destination": _addr(rng, "US"), "pickup_date": day(rng),
                              "handling_units": [{"type": pick(rng, ["pallet", "crate", "drum"]), "count": rng.randint(1, 6), "length_in": 48, "width_in": 40,
                                                  "height_in": rng.randint(30, 80), "weight_lb": rng.randint(200, 2200), "freight_class": pick(rng, ["50", "70", "85", "92.5", "125"]),
                                                  "nmfc": pick(rng, ["", f"{digits(rng, 6)}-0{rng.randint(1, 9)}"]), "stackable": chance(rng, 0.5),
                                                  "description": pick(rng, ["Ceramic tableware, boxed", "Bicycle parts", "Coffee, roasted, in bags", "Books"])}],
                              "accessorials": some(rng, ["liftgate_delivery", "residential_delivery", "inside_delivery", "appointment", "limited_access"], 0, 3)}
    return xhr(rng, SRC, "freight_quote", "POST", WEB, "/api/freight/quotes/", body=jsb(obj), ctype="application/json", cookie=jar(rng, "django"),
               extra=csrf(rng, "django"), referer=f"https://{WEB}/freight/quote", b=pick(rng, DESKTOP))


_WV = Browser("chrome", "Mozilla/5.0 (Linux; Android 13; TC58 Build/13-28-03.00-TG-U00-STD-HEL-04; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Version/4.0 Chrome/143.0.7499.146 Mobile Safari/537.36",
              '"Android WebView";v="143", "Chromium";v="143", "Not A(Brand";v="24"', "Android", True)


def scanner(rng: random.Random) -> Request:
    """The browser-based WMS running on warehouse handhelds."""
    action = pick(rng, ["receive", "putaway", "pick", "pack", "move", "count"])
    barcode = pick(rng, [f"0{digits(rng, 12)}", f"5{digits(rng, 12)}", f"]C1{digits(rng, 2)}0{digits(rng, 13)}10LOT{digits(rng, 4)}", f"SKU-{digits(rng, 5)}",
                         f"(00){digits(rng, 18)}", _trk(rng).replace(" ", "")])
    obj: dict[str, object] = {"action": action, "barcode": barcode, "location": pick(rng, LOC), "qty": rng.randint(1, 48),
                              "tote": pick(rng, [None, f"TOTE-{digits(rng, 4)}"]), "order": pick(rng, [None, f"ORD-{digits(rng, 6)}"]),
                              "operator": f"op{rng.randint(100, 999)}", "device": f"TC58-{chars(rng, UPNUM, 6)}", "scanned_at": iso(rng)}
    return xhr(rng, SRC, "warehouse_scan", "POST", WMS, f"/api/scan/{action}", body=jsb(obj), ctype="application/json",
               cookie=jar(rng, "starlette", analytics=0.0), extra=[("x-requested-with", "com.shipwren.wms"), *csrf(rng, "starlette")],
               referer=f"https://{WMS}/mobile/{action}", b=_WV)


def cycle_count(rng: random.Random) -> Request:
    lines = [{"location": pick(rng, LOC), "sku": f"SKU-{digits(rng, 5)}", "expected": rng.randint(0, 200), "counted": rng.randint(0, 200),
              "note": pick(rng, ["", "2 damaged – moved to QC-HOLD", "label missing", "found behind shelf"])} for _ in range(rng.randint(2, 10))]
    return xhr(rng, SRC, "cycle_count", "POST", WMS, "/api/counts/", body=jsb({"zone": pick(rng, ["A", "B", "C", "MEZZ"]), "lines": lines, "blind": chance(rng, 0.5)}),
               ctype="application/json", cookie=jar(rng, "starlette", analytics=0.0), extra=[("x-requested-with", "com.shipwren.wms"), *csrf(rng, "starlette")],
               referer=f"https://{WMS}/mobile/count", b=_WV)


def dims(rng: random.Random) -> Request:
    """A dimensioning station posting measurements."""
    if chance(rng, 0.5):
        body = (f'<?xml version="1.0" encoding="utf-8"?>\n<Measurement Station="DIM-{rng.randint(1, 4)}" Units="Metric">\n'
                f"  <Barcode>{_trk(rng).replace(' ', '')}</Barcode>\n  <Length>{rng.uniform(5, 120):.1f}</Length>\n  <Width>{rng.uniform(5, 80):.1f}</Width>\n"
                f"  <Height>{rng.uniform(1, 60):.1f}</Height>\n  <Weight>{rng.uniform(0.05, 30):.3f}</Weight>\n  <Timestamp>{iso(rng)[:19]}</Timestamp>\n"
                f"  <Image>{pick(rng, ['', f'DIM_{digits(rng, 8)}.jpg'])}</Image>\n</Measurement>\n").encode()
        return app(rng, SRC, "dimension_capture", "POST", WMS, "/integrations/dimensioner", lib="dotnet", body=body, ctype="application/xml; charset=utf-8",
                   auth="Basic " + b64(f"dim{rng.randint(1, 4)}:{token(rng, 16)}".encode()))
    obj: dict[str, object] = {"barcode": _trk(rng).replace(" ", ""), "l_cm": round(rng.uniform(5, 120), 1), "w_cm": round(rng.uniform(5, 80), 1),
                              "h_cm": round(rng.uniform(1, 60), 1), "kg": round(rng.uniform(0.05, 30), 3), "station": f"DIM-{rng.randint(1, 4)}"}
    return app(rng, SRC, "dimension_capture", "POST", WMS, "/integrations/dimensioner", lib="requests", body=pyb(obj), ctype="application/json",
               auth="Token " + token(rng, 40))


def _x12(rng: random.Random) -> str:
    ctl = digits(rng, 9)
    d = day(rng).replace("-", "")
    t = hhmm(rng, 0, 23, 1).replace(":", "")
    partner = pick(rng, ["HARBOURGOODS", "KESTRELBIKES", "LARKSPURLTD"])
    lines = [f"ISA*00*          *00*          *ZZ*SHIPWREN       *ZZ*{partner:<15}*{d[2:]}*{t}*U*00401*{ctl}*0*P*>",
             f"GS*SH*SHIPWREN*{partner}*{d}*{t}*{int(ctl)}*X*004010", "ST*856*0001",
             f"BSN*00*SHP{digits(rng, 6)}*{d}*{t}", "HL*1**S", f"TD1*CTN25*{rng.randint(1, 20)}****G*{rng.uniform(1, 200):.1f}*LB",
             f"TD5*B*2*{pick(rng, ['PGOU', 'NSFR', 'BLPT'])}*M*{pick(rng, ['GROUND', 'EXPRESS', 'LTL'])}", f"REF*BM*{_trk(rng).replace(' ', '')}", f"DTM*011*{d}"]
    a = address(rng, "US")
    lines += [f"N1*ST*{pick(rng, ['Harbour Goods DC', 'Kestrel Bikes Retail #12', 'Larkspur Ltd'])}*92*DC{rng.randint(1, 9):02d}", f"N3*{a['line1'].upper()}",
              f"N4*{a['city'].upper()}*{a['region']}*{a['postal_code']}*US", "HL*2*1*O", f"PRF*PO{digits(rng, 6)}"]
    n = 2
    for _ in range(rng.randint(1, 4)):
        n += 1
        lines += [f"HL*{n}*2*I", f"LIN**SK*SKU-{digits(rng, 5)}*UP*{digits(rng, 12)}", f"SN1**{rng.randint(1, 48)}*EA"]
    lines += [f"CTT*{n}", f"SE*{len(lines) - 1}*0001", f"GE*1*{int(ctl)}", f"IEA*1*{ctl}"]
    return "~\n".join(lines) + "~\n"


def _edifact(rng: random.Random) -> str:
    ref = f"SHP{digits(rng, 6)}"
    cn = person(rng)
    a = address(rng, pick(rng, ["GB", "DE", "FR", "NL"]))
    name = cn.name.replace("?", "??").replace("'", "?'").replace("+", "?+").replace(":", "?:")
    segs = ["UNA:+.? '", f"UNB+UNOC:3+SHIPWREN:ZZ+{pick(rng, ['EUROEXPRESS', 'NORTHSTAR'])}:ZZ+{day(rng)[2:].replace('-', '')}:{hhmm(rng).replace(':', '')}+{digits(rng, 6)}'",
            "UNH+1+IFTMIN:D:04A:UN'", f"BGM+610+{ref}+9'", f"DTM+137:{day(rng).replace('-', '')}{hhmm(rng).replace(':', '')}:203'", "TDT+20++3'",
            "NAD+CZ+++Harbour Goods Ltd+4 Quay St+Galway++H91 XK22+IE'",
            f"NAD+CN+++{name}+{a['line1'].replace(chr(39), '?' + chr(39))}+{a['city']}++{a['postal_code']}+{a['country']}'",
            f"GID+1+{rng.randint(1, 6)}:CT'", f"MEA+WT+AAB+KGM:{rng.uniform(0.5, 40):.1f}'",
            f"FTX+DEL+++{pick(rng, ['Leave with neighbour', 'Call before delivery', 'Fragile?: ceramics', 'Deliver Mon?-Fri only'])}'"]
    segs += [f"UNT+{len(segs) - 1}+1'", f"UNZ+1+{digits(rng, 6)}'"]
    return "\n".join(segs) + "\n"


def edi_upload(rng: random.Random) -> Request:
    if chance(rng, 0.5):
        body, ctype, path = _x12(rng), pick(rng, ["application/EDI-X12", "text/plain"]), "/v2/edi/x12"
    else:
        body, ctype, path = _edifact(rng), pick(rng, ["application/EDIFACT", "text/plain; charset=utf-8"]), "/v2/edi/edifact"
    return app(rng, SRC, "edi_upload", "POST", API, path, lib=pick(rng, ["java", "curl", "dotnet", "requests"]), body=body.encode("utf-8"), ctype=ctype,
               auth="Basic " + b64(f"edi_{token(rng, 6).lower()}:{token(rng, 24)}".encode()),
               extra=[("x-edi-partner", pick(rng, ["HARBOURGOODS", "KESTRELBIKES", "LARKSPURLTD"]))])


def bulk_csv(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    rows = ["order_ref,name,company,street1,street2,city,state,zip,country,phone,weight_kg,length_cm,width_cm,height_cm,service,contents"]
    for _ in range(rng.randint(3, 15)):
        a = _addr(rng)
        desc, _, _ = pick(rng, ITEMS)
        cells = [f"ORD-{digits(rng, 6)}", str(a["name"]), str(a["company"]), str(a["street1"]), str(a["street2"]), str(a["city"]), str(a["state"]), str(a["zip"]),
                 str(a["country"]), str(a["phone"]), f"{rng.uniform(0.1, 20):.2f}", str(rng.randint(10, 60)), str(rng.randint(10, 40)), str(rng.randint(2, 30)),
                 pick(rng, SERVICES), desc]
        rows.append(",".join('"' + c.replace('"', '""') + '"' if any(x in c for x in ',"') else c for c in cells))
    parts = fields([("csrfmiddlewaretoken", token(rng, 64)), ("from_location", str(rng.randint(1, 12))), ("default_service", pick(rng, SERVICES))])
    parts.append(("file", ("\n".join(rows) + "\n").encode("utf-8"), pick(rng, ["orders_export.csv", "shipments 03-12.csv", "batch.csv"]), "text/csv"))
    return nav(rng, SRC, "bulk_csv_upload", WEB, "/shipments/import/", method="POST", body=multipart(parts, bd), ctype=f"multipart/form-data; boundary={bd}",
               cookie=jar(rng, "django"), b=b, referer=f"https://{WEB}/shipments/import/")


def telemetry(rng: random.Random) -> Request:
    lat, lng = rng.uniform(51.3, 53.6), rng.uniform(-9.2, -6.0)
    pts = []
    t = epoch(rng)
    for _ in range(rng.randint(5, 30)):
        lat += rng.uniform(-0.002, 0.002)
        lng += rng.uniform(-0.002, 0.002)
        t += rng.randint(5, 30)
        pts.append({"t": t, "lat": round(lat, 6), "lng": round(lng, 6), "spd": round(rng.uniform(0, 80), 1), "hdg": rng.randint(0, 359),
                    "acc": rng.randint(3, 30), "bat": rng.randint(15, 100)})
    obj: dict[str, object] = {"driver_id": f"drv_{token(rng, 10)}", "vehicle": f"{rng.randint(131, 262)}-{pick(rng, ['G', 'D', 'C'])}-{rng.randint(100, 99999)}",
                              "route_id": f"rt_{token(rng, 12)}", "points": pts, "app_state": pick(rng, ["foreground", "background"])}
    lib = pick(rng, ["okhttp", "okhttp", "ios"])
    ua = "ShipwrenDriver/9.3.1 (Android 14; SM-A546B) okhttp/4.12.0" if lib == "okhttp" else "ShipwrenDriver/9.3.1 CFNetwork/3860.100.1 Darwin/25.1.0"
    return app(rng, SRC, "driver_telemetry", "POST", API, "/driver/v1/telemetry", lib=lib, ua=ua, body=jsb(obj), ctype="application/json; charset=utf-8",
               auth="Bearer " + token(rng, 48), extra=[("x-app-version", "9.3.1")])


def pod(rng: random.Random) -> Request:
    lib = pick(rng, ["okhttp", "ios"])
    bd = lib_boundary(rng, lib)
    parts = fields([("stop_id", f"stp_{token(rng, 12)}"), ("tracking_number", _trk(rng).replace(" ", "")), ("outcome", pick(rng, ["delivered", "delivered", "left_safe_place", "neighbour"])),
                    ("received_by", pick(rng, [person(rng).family.upper(), "NEIGHBOUR NO.14", "RECEPTION", ""])),
                    ("safe_place", pick(rng, ["", "porch", "behind green bin", "shed (unlocked)"])), ("lat", f"{rng.uniform(51.3, 53.6):.6f}"),
                    ("lng", f"{rng.uniform(-9.2, -6.0):.6f}"), ("captured_at", iso(rng))])
    parts.append(("signature", png(rng, rng.randint(200, 600)), "signature.png", "image/png"))
    if chance(rng, 0.7):
        parts.append(("photo", jpeg(rng, rng.randint(900, 2400)), "pod.jpg", "image/jpeg"))
    ua = "ShipwrenDriver/9.3.1 (Android 14; SM-A546B) okhttp/4.12.0" if lib == "okhttp" else "ShipwrenDriver/9.3.1 CFNetwork/3860.100.1 Darwin/25.1.0"
    return app(rng, SRC, "proof_of_delivery", "POST", API, "/driver/v1/pod", lib=lib, ua=ua, body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", auth="Bearer " + token(rng, 48))


def exception(rng: random.Random) -> Request:
    obj: dict[str, object] = {"stop_id": f"stp_{token(rng, 12)}", "reason_code": pick(rng, ["NOT_HOME", "ADDRESS_NOT_FOUND", "REFUSED", "ACCESS_ISSUE", "DAMAGED", "UNSAFE"]),
                              "note": pick(rng, ["No answer, card left", "House numbers skip from 12 to 16??", "Gate locked, no buzzer", "Customer refused – says didn't order",
                                                 "Box wet & torn, photographed", "Dog loose in front garden 🐕", "Apt block, no access code"]),
                              "reattempt": pick(rng, ["tomorrow", "access_point", "return"]), "at": iso(rng)}
    return app(rng, SRC, "delivery_exception", "POST", API, "/driver/v1/exceptions", lib="okhttp", ua="ShipwrenDriver/9.3.1 (Android 14; SM-A546B) okhttp/4.12.0",
               body=jsb(obj), ctype="application/json; charset=utf-8", auth="Bearer " + token(rng, 48))


def address_validate(rng: random.Random) -> Request:
    a = _addr(rng)
    obj: dict[str, object] = {"street1": a["street1"], "street2": a["street2"], "city": a["city"], "state": a["state"], "zip": a["zip"], "country": a["country"]}
    if chance(rng, 0.5):
        return xhr(rng, SRC, "address_validate", "POST", WEB, "/api/addresses/validate", body=jsb(obj), ctype="application/json", cookie=jar(rng, "django"),
                   extra=csrf(rng, "django"), referer=f"https://{WEB}/shipments/new", b=pick(rng, DESKTOP))
    return app(rng, SRC, "address_validate", "POST", API, "/v2/addresses/validate", lib=pick(rng, ["requests", "node", "php"]), body=pyb(obj), ctype="application/json",
               auth="Bearer sk_live_" + token(rng, 32))


def customs_docs(rng: random.Random) -> Request:
    sid = f"shp_{token(rng, 20)}"
    return app(rng, SRC, "customs_declaration", "PUT", API, f"/v2/shipments/{sid}/customs", lib=pick(rng, ["requests", "httpx", "java"]), body=pyb(_customs(rng)),
               ctype="application/json", auth="Bearer sk_live_" + token(rng, 32))


def dangerous_goods(rng: random.Random) -> Request:
    un, name, cls, pi = pick(rng, [("UN3481", "Lithium ion batteries packed with equipment", "9", "966"), ("UN3091", "Lithium metal batteries contained in equipment", "9", "970"),
                                   ("UN1266", "Perfumery products", "3", "Y341"), ("UN1950", "Aerosols, flammable", "2.1", "Y203"), ("UN3480", "Lithium ion batteries", "9", "965")])
    obj: dict[str, object] = {"un_number": un, "proper_shipping_name": name, "class": cls, "packing_instruction": pi, "section": pick(rng, ["II", "IB", "IA"]),
                              "quantity": rng.randint(1, 12), "net_qty_per_package": pick(rng, ["0.1 kg", "250 ml", "2.5 kg"]), "cargo_aircraft_only": chance(rng, 0.2),
                              "emergency_contact": {"name": person(rng).name, "phone": person(rng).phone}}
    return xhr(rng, SRC, "dangerous_goods", "POST", WEB, f"/api/shipments/{uuid4(rng)}/dangerous-goods", body=jsb(obj), ctype="application/json",
               cookie=jar(rng, "django"), extra=csrf(rng, "django"), referer=f"https://{WEB}/shipments/new", b=pick(rng, DESKTOP))


def manifest(rng: random.Random) -> Request:
    obj: dict[str, object] = {"carrier": pick(rng, CARRIERS), "location_id": rng.randint(1, 12), "ship_date": day(rng),
                              "shipments": [f"shp_{token(rng, 20)}" for _ in range(rng.randint(1, 10))] if chance(rng, 0.4) else "all_unmanifested"}
    return app(rng, SRC, "manifest_close", "POST", API, "/v2/manifests", lib=pick(rng, ["requests", "node", "java"]), body=jsb(obj), ctype="application/json",
               auth="Bearer sk_live_" + token(rng, 32), extra=[("idempotency-key", uuid4(rng))])


def returns_form(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("order_number", pick(rng, [f"#{rng.randint(1000, 30000)}", f"ORD-{digits(rng, 6)}"])), ("email", p.email),
             ("reason", pick(rng, ["too_small", "too_large", "damaged", "not_as_described", "changed_mind", "wrong_item"])),
             ("comments", pick(rng, ["", "The mug handle was cracked 😞", "Ordered M, need L please", "Colour is much darker than the photos"])),
             ("method", pick(rng, ["drop_off", "pickup", "access_point"])), ("refund_to", pick(rng, ["original", "store_credit"]))]
    return nav(rng, SRC, "returns_request", TRACK, "/returns/harbourgoods/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=jar(rng, "django", analytics=0.3), referer=f"https://{TRACK}/returns/harbourgoods/", b=pick(rng, MOBILE + DESKTOP))


def delivery_prefs(rng: random.Random) -> Request:
    t = _trk(rng).replace(" ", "")
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("tracking", t), ("option", pick(rng, ["safe_place", "neighbour", "reschedule", "access_point"])),
             ("safe_place", pick(rng, ["", "Porch", "Behind the side gate", "In the blue recycling bin (empty!)", "Garage – code 1942"])),
             ("neighbour", pick(rng, ["", "No. 14 (Mrs O'Sullivan)", "Flat 2B"])), ("date", pick(rng, ["", day(rng)])),
             ("notes", pick(rng, ["", "Please knock loudly, doorbell broken", "Baby sleeping – don't ring 🙏"]))]
    return nav(rng, SRC, "delivery_preferences", TRACK, f"/{t}/preferences/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=jar(rng, "django", analytics=0.3), referer=f"https://{TRACK}/{t}/preferences/", b=pick(rng, MOBILE + DESKTOP))


def route_opt(rng: random.Random) -> Request:
    stops = [{"id": f"stp_{token(rng, 8)}", "lat": round(rng.uniform(51.3, 53.6), 5), "lng": round(rng.uniform(-9.2, -6.0), 5),
              "window": [hhmm(rng, 8, 12), hhmm(rng, 13, 18)] if chance(rng, 0.3) else None, "service_min": rng.randint(2, 10)} for _ in range(rng.randint(4, 20))]
    obj: dict[str, object] = {"depot": {"lat": 53.27, "lng": -9.05}, "vehicles": rng.randint(1, 6), "stops": stops, "objective": pick(rng, ["time", "distance"]),
                              "max_shift_hours": 9}
    return app(rng, SRC, "route_optimize", "POST", API, "/internal/routing/optimize", lib=pick(rng, ["httpx", "aiohttp"]), body=pyb(obj), ctype="application/json",
               auth="Bearer " + token(rng, 40))


def invoice_export(rng: random.Random) -> Request:
    pairs = [("period", pick(rng, ["2026-10", "2026-11"])), ("format", pick(rng, ["csv", "pdf", "xlsx"])), ("include", "surcharges,adjustments")]
    return nav(rng, SRC, "invoice_export", WEB, "/billing/invoices/export/", qs(pairs), cookie=jar(rng, "django"), referer=f"https://{WEB}/billing/",
               b=pick(rng, DESKTOP))


def webhook_sub(rng: random.Random) -> Request:
    obj: dict[str, object] = {"url": pick(rng, ["https://harbourgoods.example.com/hooks/shipwren", "https://erp.larkspur.example.net/api/v1/tracking-events",
                                                "https://kestrelbikes.example.co.uk/webhooks/shipping?src=shipwren"]),
                              "events": some(rng, ["tracking.updated", "shipment.delivered", "shipment.exception", "label.created", "return.created"], 1, 4),
                              "secret_rotation": chance(rng, 0.2), "active": True}
    return xhr(rng, SRC, "webhook_subscription", "POST", WEB, "/api/webhooks/", body=jsb(obj), ctype="application/json", cookie=jar(rng, "django"),
               extra=csrf(rng, "django"), referer=f"https://{WEB}/settings/webhooks", b=pick(rng, DESKTOP))


def notif_templates(rng: random.Random) -> Request:
    obj: dict[str, object] = {"channel": pick(rng, ["sms", "email"]), "event": pick(rng, ["out_for_delivery", "delivered", "exception"]),
                              "locale": pick(rng, ["en-IE", "en-GB", "ga-IE", "pl-PL", "de-DE"]),
                              "body": pick(rng, ["Hi {{ recipient.first_name }}, your {{ shipper.name }} parcel is out for delivery today 🚚 Track: {{ tracking_url }}",
                                                 "Dia dhuit {{ recipient.first_name }}! Tá do bheart ar an mbealach. {{ tracking_url }}",
                                                 "Delivered ✅ {{ pod.safe_place | default: 'to you' }} at {{ delivered_at | date: '%H:%M' }}. Reply STOP to opt out.",
                                                 "Paczka od {{ shipper.name }} dziś u Ciebie. Szczegóły: {{ tracking_url }}"])}
    return xhr(rng, SRC, "notification_template", "PUT", WEB, f"/api/notification-templates/{rng.randint(1, 60)}", body=jsb(obj), ctype="application/json",
               cookie=jar(rng, "django"), extra=csrf(rng, "django"), referer=f"https://{WEB}/settings/notifications", b=pick(rng, DESKTOP))


def dock_booking(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("warehouse", pick(rng, ["DUB-01", "LEEDS-02", "NJ-04"])), ("date", day(rng)), ("slot", hhmm(rng, 6, 18, 30)),
             ("carrier_name", pick(rng, ["Northstar Freight", "O'Brien Haulage", "EuroExpress"])), ("trailer", pick(rng, ["", f"TRL-{digits(rng, 4)}"])),
             ("po_numbers", ", ".join(f"PO{digits(rng, 6)}" for _ in range(rng.randint(1, 4)))), ("pallets", str(rng.randint(1, 26))),
             ("driver_name", p.name), ("driver_phone", p.phone), ("notes", pick(rng, ["", "Floor-loaded, need 2 people", "Reefer – keep chilled"]))]
    return nav(rng, SRC, "dock_appointment", WMS, "/docks/book/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=jar(rng, "django", analytics=0.0), referer=f"https://{WMS}/docks/book/", b=pick(rng, DESKTOP))


def logistics(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (18, shipment_api), (5, shipment_web), (8, shipments_page), (16, tracking_page), (12, tracking_api), (7, carrier_xml), (10, carrier_json),
        (7, label_download), (4, pickup), (8, rate_quote), (1, freight_quote), (12, scanner), (2, cycle_count), (3, dims), (4, edi_upload),
        (2, bulk_csv), (12, telemetry), (5, pod), (3, exception), (4, address_validate), (2, customs_docs), (1, dangerous_goods), (2, manifest),
        (3, returns_form), (3, delivery_prefs), (2, route_opt), (2, invoice_export), (1, webhook_sub), (1, notif_templates), (2, dock_booking),
    ])

