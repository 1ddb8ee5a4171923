# ruff: noqa: RUF001
"""A shop's seller admin (Django admin + Wagtail-style page editor + a JSON
API for the admin's JavaScript), its warehouse and payment integrations."""

from __future__ import annotations

import json
import random

from .common import (
    DESKTOP,
    Request,
    app,
    browser_boundary,
    chance,
    csrf,
    day,
    digits,
    fields,
    formb,
    iso,
    iso_py,
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
    run,
    sig_hex,
    slugify,
    some,
    token,
    uuid4,
    xhr,
)

SRC = "ecommerce_admin"
HOST = "admin.harbourgoods.example.com"
API = "api.harbourgoods.example.com"
SHOP = "https://harbourgoods.example.com"
CDN = "https://cdn.harbourgoods.example.com"

PRODUCTS = [
    ("Hand-thrown Stoneware Mug", "Mugs", "MUG-STN"), ("Merino Crew Socks", "Socks", "SCK-MER"),
    ("Waxed Canvas Tote", "Bags", "BAG-WXC"), ("Linen Apron", "Kitchen", "APR-LIN"),
    ('Cast Iron Skillet 10"', "Cookware", "SKL-CI10"), ("Oak Serving Board", "Kitchen", "BRD-OAK"),
    ("Beeswax Candle Set (3-pack)", "Home", "CDL-BW3"), ("Organic Cotton Tee", "Apparel", "TEE-ORG"),
    ("Ceramic Planter – Large", "Garden", "PLT-CER-L"), ("Kids' Raincoat", "Kids", "RNC-KID"),
    ("Wool Throw 130×170 cm", "Home", "THR-WL"), ("Espresso Cups, Set of 4", "Mugs", "ESP-4"),
    ("Leather Card Holder", "Accessories", "CRD-LTH"), ("Bamboo Cutlery Kit", "Kitchen", "CUT-BMB"),
    ("Enamel Camp Mug 'Trail'", "Mugs", "MUG-ENM"), ("Rye Sourdough Starter Kit", "Pantry", "SDK-RYE"),
    ("Café au lait Bowl", "Kitchen", "BWL-CAL"), ("Herringbone Wool Scarf", "Accessories", "SCF-HRB"),
]
COLOURS = ["Sage", "Oatmeal", "Charcoal", "Rust", "Ink Blue", "Forest", "Natural", "Mustard", "Blush", "Slate"]
SIZES = ["XS", "S", "M", "L", "XL", "XXL", "One size", "36–38", "39–42", "43–46", "2–3Y", "4–5Y", "6–7Y"]
TAGS = ["bestseller", "new-in", "gift-ideas", "handmade", "sale", "plastic-free", "winter-26", "made-in-uk",
        "wholesale-ok", "limited", "back-in-stock", "vegan"]
STATUSES = ["active", "draft", "archived"]
YT = ["dQ4xk2mZ8rE", "Lb7vNq0cP3s", "k9TzR1wXyA0", "mP2sVhE7qJk", "Zx8cWn4bLo1"]


def _pid(rng: random.Random) -> int:
    return rng.randint(1000, 48000)


def _cookie(rng: random.Random) -> str:
    extra = [("django_language", pick(rng, ["en", "en-gb", "fr", "de"]))] if chance(rng, 0.3) else []
    if chance(rng, 0.3):
        extra.append(("admin_sidebar_collapsed", pick(rng, ["true", "false"])))
    return jar(rng, "django", extra=extra, analytics=0.15)


def _admin(path: str) -> str:
    return f"https://{HOST}{path}"


def _product(rng: random.Random) -> tuple[str, str, str]:
    return pick(rng, PRODUCTS)


def _sku(rng: random.Random, base: str) -> str:
    return f"{base}-{pick(rng, COLOURS).upper().replace(' ', '')[:4]}-{pick(rng, ['S', 'M', 'L', 'XL', 'OS', '350', '500'])}"


def _description(rng: random.Random, title: str) -> str:
    """Editor HTML as a rich-text field saves it."""
    parts: list[str] = []
    parts.append(pick(rng, [
        f"<p>Our <strong>{title.lower()}</strong> is made in small batches in our studio by the harbour. "
        "Every piece is a little different &ndash; that&rsquo;s the point.</p>",
        f"<p>Meet the {title}: built to last, designed to be used every day.</p>",
        f"<p data-block-key=\"{token(rng, 5).lower()}\">The {title} is back in stock after a long wait. "
        "Thank you for your patience!</p>",
        f"<h2>Why you'll love it</h2><p>Simple, sturdy and <em>quietly</em> beautiful. The {title} "
        "will earn its place in your home.</p>",
    ]))
    if chance(rng, 0.8):
        items = some(rng, ["Holds 350 ml (12 fl oz)", "Dishwasher &amp; microwave safe", "Lead-free glaze",
                           "100% merino wool, 200 g/m²", "Machine wash at 30°C", "Reinforced heel &amp; toe",
                           "Vegetable-tanned leather", "FSC®-certified oak", "Approx. 25 × 18 × 2 cm",
                           "Each one signed by the maker", "Oven safe up to 260 °C / 500 °F",
                           "Ships in plastic-free packaging"], 3, 6)
        tag = pick(rng, ["ul", "ul", "ol"])
        parts.append(f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>")
    if chance(rng, 0.35):
        rows = "".join(f"<tr><td>{s}</td><td>{rng.randint(40, 120)} cm</td><td>{rng.randint(80, 130)} cm</td></tr>"
                       for s in some(rng, ["XS", "S", "M", "L", "XL"], 3, 5))
        parts.append('<table class="size-guide"><thead><tr><th>Size</th><th>Chest</th><th>Length</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table>")
    if chance(rng, 0.4):
        parts.append(f'<p>Read our <a href="{SHOP}/pages/{pick(rng, ["care-guide", "our-makers", "shipping", "returns"])}" '
                     f'target="_blank" rel="noopener noreferrer">{pick(rng, ["care guide", "maker stories", "delivery info", "returns policy"])}</a> '
                     "for more.</p>")
    if chance(rng, 0.35):
        w, h = pick(rng, [(800, 600), (1200, 800), (600, 600)])
        parts.append(f'<p><img src="{CDN}/media/images/{slugify(title)}-{token(rng, 6).lower()}.fill-{w}x{h}.jpg" '
                     f'alt="{pick(rng, ["Close-up of the glaze", "Shown in Sage", "Detail of the stitching", "In use on a kitchen table"])}" '
                     f'width="{w}" height="{h}" loading="lazy"></p>')
    if chance(rng, 0.25):
        vid = pick(rng, YT)
        parts.append('<div class="responsive-object" style="padding-bottom: 56.25%;">'
                     f'<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/{vid}?rel=0" '
                     'title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; '
                     'encrypted-media; gyroscope; picture-in-picture; web-share" '
                     'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe></div>')
    if chance(rng, 0.3):
        parts.append(pick(rng, ["<blockquote><p>&ldquo;Best mug I&rsquo;ve ever owned.&rdquo; &mdash; Róisín, Galway</p></blockquote>",
                                "<p><small>* Colours may vary slightly from the photos.</small></p>",
                                "<hr><p>Questions? Email <a href=\"mailto:hello@harbourgoods.example.com\">hello@harbourgoods.example.com</a></p>",
                                "<p>Pairs well with our <a href=\"/products/oak-serving-board\">Oak Serving Board</a>.</p>"]))
    return "".join(parts)


# ------------------------------------------------------------------ admin pages


def dashboard(rng: random.Random) -> Request:
    q = qs([("period", pick(rng, ["today", "7d", "30d", "90d", "ytd"]))]) if chance(rng, 0.6) else ""
    return nav(rng, SRC, "dashboard", HOST, "/admin/", q, cookie=_cookie(rng),
               referer=_admin("/admin/orders/order/") if chance(rng, 0.5) else None, b=pick(rng, DESKTOP))


def product_list(rng: random.Random) -> Request:
    pairs: list[tuple[str, str]] = []
    if chance(rng, 0.5):
        pairs.append(("q", pick(rng, ["mug", "merino", "sku:MUG-STN", "tote bag", "kids", "candle 3-pack", "café", "scarf grey"])))
    if chance(rng, 0.4):
        pairs.append(("status__exact", pick(rng, STATUSES)))
    if chance(rng, 0.3):
        pairs.append(("category__id__exact", str(rng.randint(1, 40))))
    if chance(rng, 0.3):
        pairs.append(("tags__name__in", ",".join(some(rng, TAGS, 1, 2))))
    if chance(rng, 0.4):
        pairs.append(("o", pick(rng, ["-4", "2.-5", "-updated_at", "1"])))
    if chance(rng, 0.3):
        pairs.append(("p", str(rng.randint(1, 12))))
    return nav(rng, SRC, "product_list", HOST, "/admin/catalog/product/", qs(pairs), cookie=_cookie(rng),
               referer=_admin("/admin/"))


def product_change_page(rng: random.Random) -> Request:
    pid = _pid(rng)
    return nav(rng, SRC, "product_change_page", HOST, f"/admin/catalog/product/{pid}/change/",
               qs([("_changelist_filters", qs([("status__exact", "active"), ("p", str(rng.randint(1, 5)))]))]) if chance(rng, 0.4) else "",
               cookie=_cookie(rng), referer=_admin("/admin/catalog/product/"))


def product_save(rng: random.Random) -> Request:
    """The Django admin change form, with a variants inline formset."""
    pid = _pid(rng)
    title, cat, base = _product(rng)
    n = rng.randint(1, 4)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("title", title), ("slug", slugify(title)),
             ("status", pick(rng, STATUSES)), ("vendor", "Harbour Goods"), ("product_type", cat),
             ("description", _description(rng, title)), ("tags", ", ".join(some(rng, TAGS, 0, 4))),
             ("price", money(rng, 8, 140)), ("compare_at_price", pick(rng, ["", money(rng, 20, 180)])),
             ("taxable", "on"), ("weight_grams", str(rng.randint(80, 3200))),
             ("variants-TOTAL_FORMS", str(n)), ("variants-INITIAL_FORMS", str(max(0, n - 1))),
             ("variants-MIN_NUM_FORMS", "0"), ("variants-MAX_NUM_FORMS", "1000")]
    for i in range(n):
        pairs += [(f"variants-{i}-id", str(rng.randint(10000, 99999)) if i < n - 1 else ""),
                  (f"variants-{i}-product", str(pid)), (f"variants-{i}-sku", _sku(rng, base)),
                  (f"variants-{i}-option1", pick(rng, COLOURS)), (f"variants-{i}-option2", pick(rng, SIZES)),
                  (f"variants-{i}-price", money(rng, 8, 140)), (f"variants-{i}-inventory_quantity", str(rng.randint(0, 400))),
                  (f"variants-{i}-barcode", "5" + digits(rng, 12))]
    pairs += [("seo_title", f"{title} | Harbour Goods"), ("seo_description", pick(rng, ["", f"Shop the {title}. Free UK delivery over £50."])),
              (pick(rng, ["_save", "_continue", "_continue", "_addanother"]), pick(rng, ["Save", "Save and continue editing", "Save and add another"]))]
    body = formb(pairs)
    return nav(rng, SRC, "product_save", HOST, f"/admin/catalog/product/{pid}/change/", method="POST", body=body,
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng),
               referer=_admin(f"/admin/catalog/product/{pid}/change/"), b=pick(rng, DESKTOP))


def product_autosave(rng: random.Random) -> Request:
    """The SPA product editor autosaving a draft (JSON PATCH)."""
    pid = _pid(rng)
    title, cat, _ = _product(rng)
    obj: dict[str, object] = {"title": title, "body_html": _description(rng, title), "product_type": cat,
                              "tags": some(rng, TAGS, 0, 5), "draft": True, "revision": rng.randint(2, 80),
                              "client_saved_at": iso(rng)}
    return xhr(rng, SRC, "product_autosave", "PATCH", HOST, f"/admin/api/products/{pid}/", body=jsb(obj),
               ctype="application/json", cookie=_cookie(rng), extra=csrf(rng, "django"),
               referer=_admin(f"/admin/products/{pid}/edit"))


def variant_create(rng: random.Random) -> Request:
    pid = _pid(rng)
    _, _, base = _product(rng)
    obj: dict[str, object] = {"product": pid, "sku": _sku(rng, base),
                              "options": {"Colour": pick(rng, COLOURS), "Size": pick(rng, SIZES)},
                              "price": money(rng, 8, 140), "compare_at_price": None if chance(rng, 0.6) else money(rng, 20, 180),
                              "cost": money(rng, 2, 40), "barcode": "0" + digits(rng, 12),
                              "weight": {"value": round(rng.uniform(0.05, 3.5), 2), "unit": "kg"},
                              "inventory": {"tracked": True, "policy": pick(rng, ["deny", "continue"]),
                                            "locations": [{"id": rng.randint(1, 4), "available": rng.randint(0, 300)}]},
                              "requires_shipping": True, "taxable": chance(rng, 0.9)}
    return xhr(rng, SRC, "variant_create", "POST", HOST, f"/admin/api/products/{pid}/variants/", body=jsb(obj),
               ctype="application/json", cookie=_cookie(rng), extra=csrf(rng, "django"),
               referer=_admin(f"/admin/products/{pid}/edit"))


def image_upload(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    pid = _pid(rng)
    title, _, _ = _product(rng)
    bd = browser_boundary(rng, b)
    fname = pick(rng, [f"{slugify(title)}-{rng.randint(1, 9)}.jpg", f"IMG_{digits(rng, 4)}.JPG", f"DSC0{digits(rng, 4)}.jpg",
                       f"{slugify(title)}_flatlay_final (2).jpg"])
    parts = fields([("csrfmiddlewaretoken", token(rng, 64)), ("title", title), ("collection", str(rng.randint(1, 6)))])
    parts.append(("file", jpeg(rng, rng.randint(500, 1400)), fname, "image/jpeg"))
    parts += fields([("alt_text", pick(rng, [f"{title} in {pick(rng, COLOURS)}", "Flat lay on linen", "", "Side view"])),
                     ("focal_point", f"{rng.randint(100, 700)},{rng.randint(100, 500)}"), ("product", str(pid))])
    return xhr(rng, SRC, "image_upload", "POST", HOST, "/admin/images/multiple/add/", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b,
               extra=[("x-requested-with", "XMLHttpRequest")], referer=_admin("/admin/images/multiple/add/"),
               accept="application/json, text/javascript, */*; q=0.01")


def _csv_cell(s: str) -> str:
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_import(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    head = ["Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Published", "Option1 Name", "Option1 Value",
            "Variant SKU", "Variant Price", "Variant Compare At Price", "Variant Inventory Qty", "Image Src", "SEO Title",
            "SEO Description"]
    lines = [",".join(head)]
    for _ in range(rng.randint(3, 9)):
        title, cat, base = _product(rng)
        row = [slugify(title), title, _description(rng, title) if chance(rng, 0.5) else f"<p>{title}.</p>", "Harbour Goods",
               cat, ", ".join(some(rng, TAGS, 0, 3)), pick(rng, ["TRUE", "FALSE"]), "Colour", pick(rng, COLOURS),
               _sku(rng, base), money(rng, 8, 140), pick(rng, ["", money(rng, 20, 180)]), str(rng.randint(0, 500)),
               f"{CDN}/import/{slugify(title)}.jpg", f"{title} – Harbour Goods", pick(rng, ["", f"{title}, handmade in small batches."])]
        lines.append(",".join(_csv_cell(c) for c in row))
    csv = ("\r\n" if chance(rng, 0.5) else "\n").join(lines) + "\n"
    parts = fields([("csrfmiddlewaretoken", token(rng, 64)), ("input_format", "0")])
    parts.append(("import_file", csv.encode("utf-8"), pick(rng, ["products_export_1.csv", "winter-range.csv", "import.csv"]), "text/csv"))
    parts += fields([("overwrite", pick(rng, ["on", "off"]))])
    return nav(rng, SRC, "csv_import", HOST, "/admin/catalog/product/import/", method="POST", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b,
               referer=_admin("/admin/catalog/product/import/"))


def csv_export(rng: random.Random) -> Request:
    pairs = [("format", pick(rng, ["csv", "xlsx", "csv"])), ("scope", pick(rng, ["all", "filtered", "selected"]))]
    if chance(rng, 0.5):
        pairs += [("fields", f) for f in some(rng, ["handle", "title", "sku", "price", "inventory", "status", "tags", "barcode"], 3, 6)]
    if chance(rng, 0.4):
        pairs.append(("status__exact", pick(rng, STATUSES)))
    return nav(rng, SRC, "csv_export", HOST, "/admin/catalog/product/export/", qs(pairs), cookie=_cookie(rng),
               referer=_admin("/admin/catalog/product/"))


def export_download(rng: random.Random) -> Request:
    return nav(rng, SRC, "export_download", HOST, f"/admin/exports/{uuid4(rng)}/download/", cookie=_cookie(rng),
               referer=_admin("/admin/exports/"))


def discount_bxgy(rng: random.Random) -> Request:
    buy, get = pick(rng, [(2, 1), (3, 1), (1, 1), (4, 2)])
    coll = pick(rng, ["Socks", "Mugs", "Candles", "Kids", "Everything in Pantry"])
    obj: dict[str, object] = {
        "title": f"Buy {buy} get {get} free – {coll}", "method": pick(rng, ["automatic", "code"]),
        "code": pick(rng, ["", f"{coll.upper()[:5].strip()}{buy}{get}", "TREATYOURSELF"]),
        "type": "buy_x_get_y",
        "customer_buys": {"quantity": buy, "items": {"collections": [rng.randint(1, 60)]}},
        "customer_gets": {"quantity": get, "items": {"collections": [rng.randint(1, 60)]},
                          "value": pick(rng, [{"percentage": 100}, {"percentage": 50}, {"fixed_amount": "5.00"}])},
        "max_uses_per_order": pick(rng, [1, 2, None]),
        "starts_at": f"{day(rng)}T00:00:00Z", "ends_at": pick(rng, [None, f"{day(rng)}T23:59:59Z"]),
        "combines_with": {"order_discounts": chance(rng, 0.5), "product_discounts": False, "shipping_discounts": True},
        "eligibility": pick(rng, ["all", {"segments": ["returning-customers"]}, {"customers": [rng.randint(1, 9999)]}]),
    }
    return xhr(rng, SRC, "discount_bxgy", "POST", HOST, "/admin/api/discounts/", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=_admin("/admin/discounts/new?type=bxgy"))


def discount_percent(rng: random.Random) -> Request:
    pct = pick(rng, ["10", "15", "20", "25", "30"])
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("code", pick(rng, [f"WINTER{pct}", f"HELLO{pct}", "FRIENDS-AND-FAMILY", f"BFCM{pct}", "STAFF-ONLY"])),
             ("value_type", "percentage"), ("value", pct),
             ("applies_to", pick(rng, ["all", "collections", "products"])),
             ("minimum_requirement", pick(rng, ["none", "subtotal", "quantity"])),
             ("minimum_subtotal", pick(rng, ["", "50.00", "75.00", "100"])),
             ("minimum_quantity", pick(rng, ["", "2", "3"])),
             ("customer_eligibility", pick(rng, ["everyone", "segments"])),
             ("usage_limit", pick(rng, ["", "100", "500"])), ("once_per_customer", pick(rng, ["on", ""])),
             ("starts_on", day(rng)), ("starts_time", "00:00"), ("ends_on", pick(rng, ["", day(rng)])),
             ("notes", pick(rng, ["", "For the newsletter – don't stack with BOGO", "Influencer code (Aoife, IG) – 20% off, excl. sale items",
                                  "Exclude gift cards & sale items. Ends midnight GMT."]))]
    return nav(rng, SRC, "discount_percent", HOST, "/admin/discounts/add/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=_admin("/admin/discounts/add/"))


def inventory_webhook(rng: random.Random) -> Request:
    """The 3PL's warehouse system posting stock levels."""
    lines = []
    for _ in range(rng.randint(1, 8)):
        _, _, base = _product(rng)
        on = rng.randint(0, 600)
        res = rng.randint(0, min(on, 40))
        lines.append({"sku": _sku(rng, base), "on_hand": on, "allocated": res, "available": on - res,
                      "location": f"{pick(rng, 'ABCDE')}-{rng.randint(1, 30):02d}-{rng.randint(1, 6)}",
                      "reason": pick(rng, ["cycle_count", "receipt", "pick", "damage", "return_to_stock", "adjustment"])})
    obj: dict[str, object] = {"event": pick(rng, ["inventory.adjusted", "inventory.snapshot", "asn.received"]),
                              "id": f"evt_{token(rng, 24)}", "warehouse": pick(rng, ["WH-LEEDS-02", "WH-DUB-01", "WH-NJ-04"]),
                              "occurred_at": iso_py(rng), "lines": lines}
    lib = pick(rng, ["go", "requests", "java"])
    body = jsb(obj) if lib != "requests" else pyb(obj)
    return app(rng, SRC, "inventory_webhook", "POST", API, "/webhooks/warehouse/inventory", lib=lib, body=body,
               ctype="application/json", extra=[("x-wms-signature", "sha256=" + sig_hex(rng)),
                                                ("x-wms-delivery", uuid4(rng)), ("x-wms-event", str(obj["event"]))])


def inventory_adjust(rng: random.Random) -> Request:
    _, _, base = _product(rng)
    obj: dict[str, object] = {"sku": _sku(rng, base), "location_id": rng.randint(1, 4), "delta": rng.choice([-5, -2, -1, 1, 3, 10, 24]),
                              "reason": pick(rng, ["correction", "damaged", "received", "shrinkage"]),
                              "note": pick(rng, ["", "Found 3 behind the returns shelf", "2 chipped in transit – binned",
                                                 "Stocktake 30/11", "Market stall sales (cash)"])}
    return xhr(rng, SRC, "inventory_adjust", "POST", HOST, "/admin/api/inventory/adjustments/", body=jsb(obj),
               ctype="application/json", cookie=_cookie(rng), extra=csrf(rng, "django"), referer=_admin("/admin/inventory/"))


def order_list(rng: random.Random) -> Request:
    pairs: list[tuple[str, str]] = []
    if chance(rng, 0.5):
        p = person(rng)
        pairs.append(("q", pick(rng, [f"#{rng.randint(1000, 30000)}", p.email, p.family, f"HG-{digits(rng, 6)}"])))
    if chance(rng, 0.5):
        pairs.append(("fulfillment_status", pick(rng, ["unfulfilled", "partial", "fulfilled"])))
    if chance(rng, 0.3):
        pairs += [("created__gte", day(rng)), ("created__lt", day(rng))]
    if chance(rng, 0.3):
        pairs.append(("tag", pick(rng, ["gift", "wholesale", "priority", "fraud-review"])))
    return nav(rng, SRC, "order_list", HOST, "/admin/orders/order/", qs(pairs), cookie=_cookie(rng), referer=_admin("/admin/"))


def order_page(rng: random.Random) -> Request:
    return nav(rng, SRC, "order_page", HOST, f"/admin/orders/order/{rng.randint(1000, 30000)}/change/", cookie=_cookie(rng),
               referer=_admin("/admin/orders/order/"))


NOTES = [
    "Customer called – wants gift wrap. Card message: \"Happy 40th, Deirdre! Love from all of us x\"",
    "Left at porch per customer's request (see photo)",
    "Address corrected: was \"Flat 2\", should be \"Flat 2B\" – confirmed by email",
    "Wholesale order – invoice net 30, PO #{po}",
    "Please don't include the printed receipt, it's a gift 🎁",
    "Replacement for order #{n} (mug arrived cracked)",
    "Customer asked if we can hold until 18/12 – said yes",
    "Duplicate of #{n}? Checked Stripe: only one charge, OK to ship",
    "Rang twice, no answer. Emailed re: missing door number.",
    "Needs to arrive before Christmas Eve – upgraded to next-day at our cost",
    "Sent 10% code SORRY10 for the delay",
]


def order_note(rng: random.Random) -> Request:
    oid = rng.randint(1000, 30000)
    note = pick(rng, NOTES).replace("{po}", digits(rng, 5)).replace("{n}", str(rng.randint(1000, 30000)))
    obj: dict[str, object] = {"body": note, "visibility": pick(rng, ["internal", "internal", "customer"]),
                              "mentions": [pick(rng, ["@ciara", "@tomasz", "@warehouse"])] if chance(rng, 0.2) else []}
    return xhr(rng, SRC, "order_note", "POST", HOST, f"/admin/api/orders/{oid}/notes/", body=jsb(obj),
               ctype="application/json", cookie=_cookie(rng), extra=csrf(rng, "django"),
               referer=_admin(f"/admin/orders/order/{oid}/change/"))


def refund(rng: random.Random) -> Request:
    oid = rng.randint(1000, 30000)
    lines = [{"line_item_id": rng.randint(10**5, 10**6), "quantity": rng.randint(1, 3),
              "restock_type": pick(rng, ["return", "no_restock", "cancel"])} for _ in range(rng.randint(1, 3))]
    obj: dict[str, object] = {
        "order_id": oid, "lines": lines, "shipping": {"amount": pick(rng, ["0.00", "4.95", "6.50"])},
        "reason": pick(rng, ["damaged", "not_as_described", "customer_changed_mind", "late_delivery", "other"]),
        "note": pick(rng, ["", "Arrived cracked – photo on file", "Wrong size sent (M instead of L)", "Courier lost parcel, claim #C-88213",
                           "Goodwill – 2nd late delivery this month"]),
        "notify_customer": chance(rng, 0.8), "idempotency_key": uuid4(rng)}
    return xhr(rng, SRC, "refund", "POST", HOST, f"/admin/api/orders/{oid}/refunds/", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=_admin(f"/admin/orders/order/{oid}/change/"))


def seo_fields(rng: random.Random) -> Request:
    pid = _pid(rng)
    title, cat, _ = _product(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)),
             ("meta_title", pick(rng, [f"{title} | Harbour Goods", f"Buy {title} Online – Free UK Delivery over £50", f"{title} – {cat}"])),
             ("meta_description", pick(rng, [f"Handmade {title.lower()} from our harbour studio. Ships in 1–2 days. Free returns.",
                                             f"The {title}: simple, sturdy & made to last. Rated 4.8/5 by 300+ customers.",
                                             f"Shop {cat.lower()} that'll outlive the trend cycle – {title}, now in {pick(rng, COLOURS)}."])),
             ("slug", slugify(title) + pick(rng, ["", "", f"-{pick(rng, COLOURS).lower()}"])),
             ("canonical_url", pick(rng, ["", f"{SHOP}/products/{slugify(title)}"])),
             ("og_image", str(rng.randint(1, 9000))), ("search_engine_index", pick(rng, ["on", ""])),
             ("redirect_old_slug", pick(rng, ["on", ""]))]
    return nav(rng, SRC, "seo_fields", HOST, f"/admin/catalog/product/{pid}/seo/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=_admin(f"/admin/catalog/product/{pid}/seo/"))


FONTS = ["Inter", "Fraunces", "DM Serif Display", "Work Sans", "Lora", "Space Grotesk", "Source Serif 4"]


def theme_settings(rng: random.Random) -> Request:
    css = pick(rng, ["", ".product-card__title { letter-spacing: .02em; }\n@media (max-width: 640px) {\n  .hero h1 { font-size: 2rem; }\n}",
                     ".announcement-bar a { text-decoration: underline; }\n.badge--sale { background: #b3261e !important; }",
                     "/* Christmas tweaks – remove in Jan */\n.header { border-bottom: 3px solid #c0392b; }",
                     ".footer__newsletter input[type=\"email\"] { border-radius: 0; }"])
    obj: dict[str, object] = {
        "theme_id": rng.randint(1, 12), "preset": pick(rng, ["Harbour", "Harbour (Winter)", "Minimal"]),
        "colors": {"primary": pick(rng, ["#1F4E5F", "#2E5E4E", "#7A3E2B", "#222222"]), "accent": pick(rng, ["#E9B44C", "#D9825B", "#9BC1BC"]),
                   "background": pick(rng, ["#FFFFFF", "#FAF7F2", "#F4F1EA"]), "text": "#1A1A1A"},
        "typography": {"heading_font": pick(rng, FONTS), "body_font": pick(rng, FONTS), "base_size": pick(rng, [15, 16, 17])},
        "header": {"announcement": pick(rng, ["Free UK delivery over £50 🚚", "Order by 18 Dec for Christmas delivery 🎄",
                                               "Winter sale: up to 40% off — ends Sunday", ""]),
                   "announcement_link": pick(rng, ["/collections/sale", "/pages/shipping", ""]), "sticky": chance(rng, 0.7)},
        "product_page": {"show_vendor": False, "image_zoom": chance(rng, 0.5), "media_size": pick(rng, ["small", "medium", "large"])},
        "social": {"instagram": "https://instagram.example.com/harbourgoods", "pinterest": ""},
        "custom_css": css,
    }
    return xhr(rng, SRC, "theme_settings", "PUT", HOST, f"/admin/api/themes/{obj['theme_id']}/settings/", body=jsb(obj),
               ctype="application/json", cookie=_cookie(rng), extra=csrf(rng, "django"), referer=_admin("/admin/themes/customize"))


def collection_rules(rng: random.Random) -> Request:
    rules = []
    for _ in range(rng.randint(1, 3)):
        col = pick(rng, ["tag", "title", "type", "price", "inventory", "vendor"])
        rel = {"tag": "equals", "title": pick(rng, ["contains", "starts_with"]), "type": "equals",
               "price": pick(rng, ["less_than", "greater_than"]), "inventory": "greater_than", "vendor": "equals"}[col]
        cond = {"tag": pick(rng, TAGS), "title": pick(rng, ["Mug", "Socks", "Set of"]), "type": pick(rng, ["Kitchen", "Home"]),
                "price": pick(rng, ["25", "50", "100"]), "inventory": "0", "vendor": "Harbour Goods"}[col]
        rules.append({"column": col, "relation": rel, "condition": cond})
    name = pick(rng, ["Gifts under £25", "Stocking fillers", "Back in stock", "Kitchen essentials", "Last chance"])
    obj: dict[str, object] = {"title": name, "handle": slugify(name), "disjunctive": chance(rng, 0.3), "rules": rules,
                              "sort_order": pick(rng, ["best-selling", "price-asc", "created-desc", "manual"]),
                              "description_html": f"<p>{pick(rng, ['Little things, big smiles.', 'Our picks for the season.', 'Going, going…'])}</p>"}
    return xhr(rng, SRC, "collection_rules", "POST", HOST, "/admin/api/collections/", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=_admin("/admin/collections/new"))


def bulk_action(rng: random.Random) -> Request:
    ids = [str(rng.randint(1000, 30000)) for _ in range(rng.randint(2, 12))]
    pairs = [("csrfmiddlewaretoken", token(rng, 64)),
             ("action", pick(rng, ["mark_fulfilled", "print_packing_slips", "archive_orders", "add_tag", "export_selected"])),
             ("select_across", "0"), ("index", "0")] + [("_selected_action", i) for i in ids]
    return nav(rng, SRC, "bulk_action", HOST, "/admin/orders/order/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=_admin("/admin/orders/order/?fulfillment_status=unfulfilled"))


def page_edit(rng: random.Random) -> Request:
    """Wagtail-style page editor: StreamField blocks posted as JSON in a form field."""
    page_id = rng.randint(3, 120)
    title = pick(rng, ["Our story", "Meet the makers", "Care guide", "Shipping & returns", "Wholesale", "Gift guide 2026"])
    blocks: list[dict[str, object]] = [{"type": "heading", "value": title, "id": uuid4(rng)}]
    for _ in range(rng.randint(1, 4)):
        t = pick(rng, ["paragraph", "paragraph", "image", "embed", "quote"])
        v: object
        if t == "paragraph":
            v = pick(rng, ["<p>We started Harbour Goods in 2019 with one kiln and a lot of optimism.</p>",
                           "<p>All orders ship from our workshop within <b>2 working days</b>. Returns are free within 30 days &mdash; "
                           "see <a href=\"/pages/returns\">returns</a>.</p>",
                           "<ul><li>Hand wash wooden boards</li><li>Oil monthly with food-safe oil</li><li>Never soak</li></ul>",
                           "<p>Trade enquiries: <a href=\"mailto:trade@harbourgoods.example.com\">trade@harbourgoods.example.com</a></p>"])
        elif t == "image":
            v = {"image": rng.randint(1, 9000), "caption": pick(rng, ["Róisín at the wheel", "The studio in winter", ""]), "alignment": "full"}
        elif t == "embed":
            v = f"https://www.youtube.com/watch?v={pick(rng, YT)}"
        else:
            v = {"quote": "Made slowly, to be used for a long time.", "attribution": "Our founder"}
        blocks.append({"type": t, "value": v, "id": uuid4(rng)})
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("title", title), ("slug", slugify(title)),
             ("body-count", str(len(blocks))), ("body", json.dumps(blocks, ensure_ascii=False, separators=(",", ":"))),
             ("seo_title", ""), ("search_description", pick(rng, ["", f"{title} – Harbour Goods"])),
             ("go_live_at", ""), ("expire_at", ""), ("comment_notifications", "on"),
             (pick(rng, ["action-publish", "action-submit", "action-save"]), "action-publish")]
    return nav(rng, SRC, "page_edit", HOST, f"/cms/pages/{page_id}/edit/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=_admin(f"/cms/pages/{page_id}/edit/"))


def embed_preview(rng: random.Random) -> Request:
    url = pick(rng, [f"https://www.youtube.com/watch?v={pick(rng, YT)}", f"https://youtu.be/{pick(rng, YT)}",
                     f"https://vimeo.example.com/{rng.randint(10**7, 10**8)}"])
    return xhr(rng, SRC, "embed_preview", "GET", HOST, "/cms/embeds/chooser/upload/", qs_pct([("url", url), ("max_width", "800")]),
               cookie=_cookie(rng), referer=_admin(f"/cms/pages/{rng.randint(3, 120)}/edit/"),
               extra=[("x-requested-with", "XMLHttpRequest")], accept="application/json, text/javascript, */*; q=0.01")


def review_moderation(rng: random.Random) -> Request:
    rid = rng.randint(1, 9000)
    obj: dict[str, object] = {"status": pick(rng, ["approved", "approved", "rejected", "spam"]),
                              "reply": pick(rng, ["", "Thank you so much, Zoë – we're thrilled it arrived safely!",
                                                  "Sorry to hear about the chip 😞 We've emailed you about a replacement.",
                                                  "Glad the socks kept you warm at Electric Picnic!"]),
                              "feature": chance(rng, 0.2)}
    return xhr(rng, SRC, "review_moderation", "PATCH", HOST, f"/admin/api/reviews/{rid}/", body=jsb(obj), ctype="application/json",
               cookie=_cookie(rng), extra=csrf(rng, "django"), referer=_admin("/admin/reviews/?status=pending"))


def gift_card(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("initial_value", pick(rng, ["10", "25", "50", "100"])),
             ("currency", "GBP"), ("recipient_email", p.email), ("recipient_name", p.name),
             ("message", pick(rng, ["", "Sorry again for the mix-up! Enjoy x", "Thanks for being a wonderful stockist", "Congrats on the new home!"])),
             ("expires_on", pick(rng, ["", "2027-12-31"])), ("send_now", "on")]
    return nav(rng, SRC, "gift_card", HOST, "/admin/giftcards/giftcard/add/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=_admin("/admin/giftcards/giftcard/add/"))


def shipping_rates(rng: random.Random) -> Request:
    zones = []
    for name, countries in some(rng, [("UK", ["GB"]), ("Ireland", ["IE"]), ("EU", ["FR", "DE", "NL", "ES", "IT", "BE"]),
                                      ("US & Canada", ["US", "CA"]), ("Rest of world", ["*"])], 1, 3):
        zones.append({"name": name, "countries": countries, "rates": [
            {"name": "Standard", "price": money(rng, 2, 15), "free_over": pick(rng, [None, "50.00", "75.00"])},
            {"name": pick(rng, ["Express", "Next day (order by 2pm)", "Tracked 48"]), "price": money(rng, 6, 30),
             "conditions": {"weight_max_kg": pick(rng, [2, 5, 10, 30])}}]})
    return xhr(rng, SRC, "shipping_rates", "PUT", HOST, "/admin/api/shipping/zones/", body=jsb({"zones": zones}),
               ctype="application/json", cookie=_cookie(rng), extra=csrf(rng, "django"), referer=_admin("/admin/settings/shipping"))


def redirects_import(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    rows = ["from,to,permanent"]
    for _ in range(rng.randint(3, 10)):
        title, _, _ = _product(rng)
        rows.append(pick(rng, [f"/products/{slugify(title)}-old,/products/{slugify(title)},true",
                               f"/shop/{slugify(title)}.html,/products/{slugify(title)},true",
                               f"/collections/xmas-2025,/collections/gift-guide,{pick(rng, ['true', 'false'])}",
                               f"/index.php?route=product/product&product_id={rng.randint(10, 999)},/products/{slugify(title)},true"]))
    parts = fields([("csrfmiddlewaretoken", token(rng, 64))])
    parts.append(("import_file", ("\n".join(rows) + "\n").encode(), "redirects.csv", "text/csv"))
    parts += fields([("site", "1")])
    return nav(rng, SRC, "redirects_import", HOST, "/cms/redirects/import/", method="POST", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b, referer=_admin("/cms/redirects/import/"))


def login(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("username", pick(rng, [p.email, fold_user(p.given)])),
             ("password", token(rng, rng.randint(12, 24))), ("next", pick(rng, ["/admin/", "/admin/orders/order/", "/cms/"]))]
    return nav(rng, SRC, "login", HOST, "/admin/login/", qs([("next", "/admin/")]), method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=jar(rng, "django", analytics=0.0),
               referer=_admin("/admin/login/?next=/admin/"))


def fold_user(given: str) -> str:
    return slugify(given).replace("-", "")


def payment_webhook(rng: random.Random) -> Request:
    amount = rng.randint(800, 42000)
    obj: dict[str, object] = {
        "id": f"evt_{token(rng, 24)}", "object": "event", "api_version": "2025-09-30", "created": 1_795_000_000 + rng.randrange(6_000_000),
        "type": pick(rng, ["charge.succeeded", "charge.refunded", "charge.dispute.created", "payout.paid"]),
        "data": {"object": {"id": f"ch_{token(rng, 24)}", "object": "charge", "amount": amount, "currency": "gbp",
                            "metadata": {"order_id": str(rng.randint(1000, 30000)), "shop": "harbourgoods"},
                            "billing_details": {"email": person(rng).email, "address": {"country": pick(rng, ["GB", "IE", "FR"])}},
                            "payment_method_details": {"type": "card", "card": {"brand": pick(rng, ["visa", "mastercard", "amex"]),
                                                                                 "last4": digits(rng, 4), "exp_month": rng.randint(1, 12)}},
                            "receipt_url": f"https://pay.example.com/receipts/{token(rng, 30)}"}},
        "livemode": True, "pending_webhooks": 1, "request": {"id": f"req_{token(rng, 14)}", "idempotency_key": uuid4(rng)}}
    body = json.dumps(obj, indent=2).encode()
    return app(rng, SRC, "payment_webhook", "POST", API, "/webhooks/payments/", lib="ruby", ua="PayHook/1.0 (+https://pay.example.com/docs/webhooks)",
               body=body, ctype="application/json; charset=utf-8", accept="*/*; q=0.5, application/xml",
               extra=[("cache-control", "no-cache"), ("pay-signature", f"t={1_795_000_000 + rng.randrange(6_000_000)},v1={sig_hex(rng)}")])


def sales_report(rng: random.Random) -> Request:
    pairs = [("from", day(rng)), ("to", day(rng)), ("group_by", pick(rng, ["day", "week", "product", "channel", "discount_code"])),
             ("compare", pick(rng, ["previous_period", "previous_year", "none"]))]
    if chance(rng, 0.3):
        pairs.append(("channel", pick(rng, ["online", "pos", "wholesale"])))
    return xhr(rng, SRC, "sales_report", "GET", HOST, "/admin/api/reports/sales/", qs(pairs), cookie=_cookie(rng),
               referer=_admin("/admin/reports/sales"))


def translation(rng: random.Random) -> Request:
    pid = _pid(rng)
    title, _, _ = _product(rng)
    lang, t = pick(rng, [("fr", {"title": f"{title} (FR)", "body_html": "<p>Fabriqué à la main dans notre atelier. Passe au lave-vaisselle.</p><ul><li>Contenance : 350 ml</li><li>Émail sans plomb</li></ul>"}),
                         ("de", {"title": f"{title} (DE)", "body_html": "<p>Handgefertigt in unserer Werkstatt. Spülmaschinenfest &amp; mikrowellengeeignet.</p><p>Maße: ca. 25 × 18 cm</p>"}),
                         ("ga", {"title": f"{title} (GA)", "body_html": "<p>Déanta de láimh inár gceardlann cois cuain.</p>"}),
                         ("es", {"title": f"{title} (ES)", "body_html": "<p>Hecho a mano en nuestro taller. ¡Apto para lavavajillas!</p>"})])
    obj: dict[str, object] = {"locale": lang, "fields": {**t, "seo_title": t["title"] + " | Harbour Goods"}, "status": pick(rng, ["draft", "published"])}
    return xhr(rng, SRC, "translation", "PUT", HOST, f"/admin/api/products/{pid}/translations/{lang}/", body=jsb(obj),
               ctype="application/json", cookie=_cookie(rng), extra=csrf(rng, "django"), referer=_admin(f"/admin/products/{pid}/translate?locale={lang}"))


def catalog_sync_api(rng: random.Random) -> Request:
    """The shop's own ERP script pushing prices through the admin API."""
    items = []
    for _ in range(rng.randint(2, 10)):
        _, _, base = _product(rng)
        items.append({"sku": _sku(rng, base), "price": money(rng, 8, 140), "cost": money(rng, 2, 40)})
    return app(rng, SRC, "catalog_sync_api", "POST", API, "/v1/variants/bulk_update", lib=pick(rng, ["requests", "httpx"]),
               body=pyb({"items": items, "dry_run": chance(rng, 0.2)}), ctype="application/json",
               auth="Token " + token(rng, 40), extra=[("idempotency-key", uuid4(rng))], accept="application/json")


def media_search(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, ["mug", "sage", "flatlay", "lifestyle", "IMG_", "christmas", "socks"])), ("p", str(rng.randint(1, 4)))]
    if chance(rng, 0.4):
        pairs.append(("collection_id", str(rng.randint(1, 6))))
    return xhr(rng, SRC, "media_search", "GET", HOST, "/cms/images/chooser/results/", qs(pairs), cookie=_cookie(rng),
               extra=[("x-requested-with", "XMLHttpRequest")], accept="text/html, */*; q=0.01",
               referer=_admin(f"/cms/pages/{rng.randint(3, 120)}/edit/"))


def favicon_logo(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    parts = fields([("csrfmiddlewaretoken", token(rng, 64)), ("kind", pick(rng, ["logo", "favicon", "social_share"]))])
    parts.append(("file", png(rng, rng.randint(300, 900)), pick(rng, ["logo@2x.png", "favicon-512.png", "og-default.png"]), "image/png"))
    return xhr(rng, SRC, "logo_upload", "POST", HOST, "/admin/api/brand/assets/", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b, extra=csrf(rng, "django"),
               referer=_admin("/admin/settings/brand"))


def customer_edit(rng: random.Random) -> Request:
    p = person(rng)
    cid = rng.randint(1, 60000)
    pairs = [("csrfmiddlewaretoken", token(rng, 64)), ("first_name", p.given), ("last_name", p.family), ("email", p.email),
             ("phone", p.phone), ("accepts_marketing", pick(rng, ["on", ""])),
             ("tags", ", ".join(some(rng, ["vip", "wholesale", "press", "staff", "repeat"], 0, 2))),
             ("note", pick(rng, ["", "Prefers email, not phone", "Owns the café on Quay St – wholesale pricing agreed 2025",
                                 "Allergic to beeswax?? (asked about candles)"])),
             ("tax_exempt", pick(rng, ["", "on"]))]
    return nav(rng, SRC, "customer_edit", HOST, f"/admin/customers/customer/{cid}/change/", method="POST", body=formb(pairs),
               ctype="application/x-www-form-urlencoded", cookie=_cookie(rng), referer=_admin(f"/admin/customers/customer/{cid}/change/"))


def ecommerce_admin(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (14, dashboard), (20, product_list), (16, product_change_page), (10, product_save), (8, product_autosave),
        (6, variant_create), (6, image_upload), (3, csv_import), (4, csv_export), (3, export_download),
        (3, discount_bxgy), (4, discount_percent), (7, inventory_webhook), (4, inventory_adjust), (14, order_list),
        (16, order_page), (6, order_note), (4, refund), (4, seo_fields), (3, theme_settings), (3, collection_rules),
        (4, bulk_action), (3, page_edit), (2, embed_preview), (3, review_moderation), (2, gift_card),
        (2, shipping_rates), (2, redirects_import), (3, login), (6, payment_webhook), (6, sales_report),
        (3, translation), (4, catalog_sync_api), (3, media_search), (1, favicon_logo), (3, customer_edit),
    ])
