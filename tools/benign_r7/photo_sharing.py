# ruff: noqa: RUF001 - real text uses typographic characters
"""A photo-sharing community: uploads from the web (Express-fronted Python
API) and the apps with JPEG/PNG/HEIC bytes and EXIF, captions and alt text,
albums, tags and people tags, comments, likes and follows, licences, map
data, search by colour, camera and exposure, and a print-shop checkout.
"""

from __future__ import annotations

import random

from .common import (
    BROWSERS,
    Part,
    Request,
    address,
    bearer,
    boundary,
    browser,
    chars,
    client,
    cookie_jar,
    csrf,
    epoch,
    fake_gif,
    fake_heic,
    fake_jpeg,
    fake_png,
    form,
    hexs,
    hmac_hex,
    js_json,
    multipart,
    person,
    pick,
    py_json,
    query,
    run,
    some,
    stamp,
    text_parts,
    uri_query,
    uuid4,
)

SRC = "photo_sharing"
WWW = "www.lumenshare.example.com"
API = "api.lumenshare.example.com"
UP = "upload.lumenshare.example.com"
CAMERAS = [("FUJIFILM", "X-T5"), ("SONY", "ILCE-7M4"), ("Canon", "Canon EOS R5"), ("NIKON CORPORATION", "NIKON Z f"), ("Apple", "iPhone 16 Pro"),
           ("OM Digital Solutions", "OM-1MarkII"), ("RICOH IMAGING COMPANY, LTD.", "RICOH GR III"), ("Google", "Pixel 9 Pro"), ("LEICA CAMERA AG", "LEICA Q3")]
LENSES = ["XF23mmF1.4 R LM WR", "FE 35mm F1.8", "RF24-105mm F4 L IS USM", "NIKKOR Z 40mm f/2", "iPhone 16 Pro back triple camera 6.765mm f/1.78",
          "M.Zuiko 12-40mm F2.8 PRO II", "18.3mm F2.8", "Summilux 28 f/1.7 ASPH."]
CAPTIONS = ["Golden hour at Beacon Point 🌅", "Fog rolling over the Quayside this morning", "First frost on the allotments ❄️",
            "Street portrait – the fishmonger on Harbour St (shared with permission)", "Long exposure, 30s @ f/11, ND1000",
            "Kestrel hovering over the dunes. 600mm, handheld, lucky!", "Nothing special, just liked the light on this wall",
            "Rainy night reflections, Old Mill Road", "Murmuration over the pier – 10,000+ starlings", "Film scan: Portra 400, pushed one stop",
            "Lighthouse under the Milky Way (stack of 20 × 15s, ISO 3200)", "Mon petit café du matin ☕", "Macro: dew on a spider’s web 🕸"]
ALTS = ["A lighthouse silhouetted against an orange sky, waves in the foreground",
        "Grey fog over a row of moored fishing boats, a footbridge faintly visible behind",
        "Close-up of frost crystals on a cabbage leaf", "An older man in a blue apron holding up a large crab and smiling",
        "Wet cobblestones reflecting red and yellow shop lights at night", "A small bird of prey hovering with wings spread over sand dunes",
        "A dark cloud of starlings forming a swirling shape above a pier at dusk"]
TAGS = ["goldenhour", "seascape", "streetphotography", "fog", "longexposure", "birdsofprey", "35mm", "filmisnotdead", "astrophotography",
        "macro", "blackandwhite", "fujifilm", "shotoniphone", "minimalism", "urbanexplore", "portrait", "wildlife", "nightscape"]
COMMENTS = ["Stunning light!", "What settings did you use? Love the motion in the water.", "That’s my old street! 😍", "Composition is 👌",
            "f/1.8 at 1/250s? The bokeh is gorgeous", "Did you use a grad ND for the sky?", "This should be in the weekly showcase",
            "Bit over-sharpened on my screen but great moment", "Portra always delivers 🎞", "How did you get the stars so crisp with that foreground?"]
COLORS = ["red", "orange", "yellow", "green", "teal", "blue", "purple", "pink", "black_and_white", "#1E3A5F", "#F2C14E"]


def _user(rng: random.Random) -> str:
    return cookie_jar(rng, "express", ga=0.4, extra=[("ls_theme", pick(rng, ["dark", "light", "auto"]))])


def _pid(rng: random.Random) -> str:
    return chars(rng, "0123456789", 11)


def _exif(rng: random.Random) -> dict[str, object]:
    make, model = pick(rng, CAMERAS)
    return {"make": make, "model": model, "lens": pick(rng, LENSES), "fNumber": pick(rng, [1.4, 1.8, 2.0, 2.8, 4.0, 5.6, 8.0, 11.0]),
            "exposure": pick(rng, ["1/250", "1/1000", "1/60", "30", "1/8000", "2.5", "1/125"]), "iso": pick(rng, [64, 100, 160, 400, 800, 3200, 6400]),
            "focalLength": pick(rng, [23, 28, 35, 40, 50, 85, 105, 600]), "takenAt": f"2026:{rng.randint(9, 11):02d}:{rng.randint(1, 28):02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}"}


def _image(rng: random.Random) -> tuple[bytes, str, str]:
    k = rng.random()
    if k < 0.7:
        cam = pick(rng, CAMERAS)
        name = pick(rng, [f"DSCF{rng.randrange(10**4):04d}.JPG", f"_DSC{rng.randrange(10**4):04d}.jpg", f"IMG_{rng.randrange(10**4):04d}.JPG",
                          f"R{rng.randrange(10**7):07d}.JPG", "beacon-point-sunset-final.jpg", "PXL_20261129_163012345.jpg"])
        return fake_jpeg(rng, rng.randint(900, 2400), camera=cam), name, "image/jpeg"
    if k < 0.9:
        return fake_heic(rng, rng.randint(900, 2000)), f"IMG_{rng.randrange(10**4):04d}.HEIC", "image/heic"
    return fake_png(rng, 2048, 1365, rng.randint(600, 1500)), "edit-v3.png", "image/png"


def upload_web(rng: random.Random) -> Request:
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    data, name, ctype = _image(rng)
    parts: list[Part] = [("file", data, name, ctype)]
    parts += text_parts([("title", pick(rng, ["Beacon Point", "Quayside fog", "Frost", "The fishmonger", "Starlings", "untitled"])),
                         ("caption", pick(rng, CAPTIONS)), ("alt_text", pick(rng, ALTS)), ("tags", " ".join("#" + t for t in some(rng, TAGS, 1, 6))),
                         ("license", pick(rng, ["all-rights-reserved", "cc-by-4.0", "cc-by-nc-4.0", "cc-by-nc-nd-4.0", "cc0-1.0"])),
                         ("visibility", pick(rng, ["public", "followers", "private"])), ("album_id", pick(rng, ["", str(rng.randrange(10**6))])),
                         ("strip_location", pick(rng, ["true", "false"])), ("_csrf", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 36))])
    body = multipart(parts, bnd)
    return browser(rng, SRC, "upload_web", "POST", UP, "/v2/photos", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   cookie=_user(rng), b=b, site="same-site", referer=f"https://{WWW}/upload")


def upload_app(rng: random.Random) -> Request:
    lib = pick(rng, ["ios", "okhttp"])
    ua = "Lumen/5.21.0 (iPhone17,1; iOS 18.7; Scale/3.00)" if lib == "ios" else "Lumen/5.21.0 (Android 15; Pixel 9 Pro)"
    bnd = boundary(rng, lib=lib)
    data, name, ctype = _image(rng)
    meta = {"caption": pick(rng, CAPTIONS), "alt": pick(rng, ALTS), "tags": some(rng, TAGS, 0, 5), "exif": _exif(rng),
            "location": {"lat": round(50.7 + rng.random() / 10, 5), "lng": round(-1.25 + rng.random() / 10, 5), "name": pick(rng, ["Beacon Point", "Fairhaven Quayside", "Riverton Dunes"])}
            if rng.random() < 0.5 else None, "people": [{"userId": rng.randrange(10**7), "x": round(rng.random(), 3), "y": round(rng.random(), 3)}] if rng.random() < 0.2 else []}
    body = multipart([("metadata", js_json(meta).encode(), None, "application/json"), ("image", data, name, ctype)], bnd)
    return client(rng, SRC, "upload_app", "POST", UP, "/v2/photos", body=body, ctype=f"multipart/form-data; boundary={bnd}", lib=lib, ua=ua,
                  auth=bearer(rng, "https://auth.lumenshare.example.com", "photos:write"), extra=[("x-upload-id", uuid4(rng))])


def chunk_upload(rng: random.Random) -> Request:
    total = rng.randint(8, 30) * 1024 * 1024
    start = rng.randrange(0, total // 2)
    data = fake_jpeg(rng, rng.randint(1500, 3000)) if start == 0 else bytes(rng.randrange(256) for _ in range(rng.randint(1500, 3000)))
    return browser(rng, SRC, "chunk_upload", "PUT", UP, f"/v2/uploads/{uuid4(rng)}", body=data, ctype="application/octet-stream",
                   cookie=_user(rng), site="same-site", accept="*/*",
                   extra=[("content-range", f"bytes {start}-{start + len(data) - 1}/{total}"), ("x-file-name", pick(rng, ["DSCF4412.RAF", "_DSC0031.ARW", "IMG_0994.CR3"]))])


def photo_page(rng: random.Random) -> Request:
    return browser(rng, SRC, "photo_page", "GET", WWW, f"/photos/{pick(rng, ['kofi.m', 'ingrid_l', 'sakura.draws', 'harbourlight', 'thomasz_k'])}/{_pid(rng)}",
                   pick(rng, ["", "", "in=album-" + str(rng.randrange(10**6)), "context=explore", "utm_source=share&utm_medium=copy_link"]), page=True,
                   cookie=_user(rng) if rng.random() < 0.7 else None, site=pick(rng, ["same-origin", "cross-site", "none"]))


def feed(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return browser(rng, SRC, "feed", "GET", API, "/v2/feed", query([("cursor", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24)), ("limit", "20")]),
                       cookie=_user(rng), site="same-site", referer=f"https://{WWW}/")
    lib = pick(rng, ["ios", "okhttp"])
    return client(rng, SRC, "feed_app", "GET", API, "/v2/feed", query([("limit", "30"), ("since", str(epoch(rng)))]), lib=lib,
                  ua="Lumen/5.21.0 (iPhone17,1; iOS 18.7; Scale/3.00)" if lib == "ios" else "Lumen/5.21.0 (Android 15; Pixel 9 Pro)",
                  auth=bearer(rng, "https://auth.lumenshare.example.com"))


def search(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, ["lighthouse", "fog harbour", "\"golden hour\"", "starlings murmuration", "street portrait", "kestrel", "portra 400", "milky way",
                              "f/1.8 portrait", "long exposure -people", "snow", "café"]))]
    if rng.random() < 0.5:
        pairs.append(("color", pick(rng, COLORS)))
    if rng.random() < 0.4:
        pairs.append(("camera", pick(rng, ["FUJIFILM X-T5", "SONY ILCE-7M4", "iPhone 16 Pro", "RICOH GR III"])))
    if rng.random() < 0.3:
        pairs.append(("lens", pick(rng, LENSES)))
    if rng.random() < 0.3:
        pairs += [("aperture", pick(rng, ["f/1.4", "f/1.8", "f/2.8", "f/8"])), ("shutter", pick(rng, ["1/250s", "1/1000s", "30s", "1/60s"])),
                  ("iso", pick(rng, ["ISO 100", "ISO 400", "ISO 3200"]))]
    if rng.random() < 0.3:
        pairs += [("orientation", pick(rng, ["landscape", "portrait", "square"])), ("license", pick(rng, ["cc-by", "any", "cc0"]))]
    pairs.append(("sort", pick(rng, ["relevant", "recent", "popular"])))
    return browser(rng, SRC, "search", "GET", WWW, "/search", query(pairs), page=True, cookie=_user(rng))


def search_api(rng: random.Random) -> Request:
    pairs = [("exif.make", pick(rng, ["FUJIFILM", "SONY", "Canon"])), ("exif.fnumber_lte", pick(rng, ["1.8", "2.8"])), ("exif.exposure", pick(rng, ["1/250", "1/1000"])),
             ("exif.iso_gte", pick(rng, ["400", "1600"])), ("bbox", "-1.30,50.68,-1.10,50.80"), ("per_page", "50")]
    return client(rng, SRC, "search_api", "GET", API, "/v2/search/photos", uri_query(pairs), lib=pick(rng, ["requests", "node", "go"]),
                  auth="Bearer " + hexs(rng, 40), accept="application/json")


def edit_meta(rng: random.Random) -> Request:
    obj = {"title": pick(rng, ["Beacon Point, Nov", "Quayside fog (edit)", "Kestrel"]), "caption": pick(rng, CAPTIONS), "altText": pick(rng, ALTS),
           "tags": some(rng, TAGS, 1, 8), "license": pick(rng, ["cc-by-4.0", "all-rights-reserved", "cc-by-nc-sa-4.0"]),
           "location": pick(rng, [None, {"lat": round(50.7 + rng.random() / 10, 5), "lng": round(-1.25 + rng.random() / 10, 5), "accuracy": "city"}]),
           "hideExif": rng.random() < 0.3}
    return browser(rng, SRC, "edit_metadata", "PATCH", API, f"/v2/photos/{_pid(rng)}", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_user(rng), extra=csrf(rng, "express"), site="same-site")


def people_tag(rng: random.Random) -> Request:
    obj = {"tags": [{"user": pick(rng, ["@ingrid_l", "@kofi.m", "@ruairi.sails"]), "box": {"x": round(rng.random() * 0.8, 3), "y": round(rng.random() * 0.8, 3), "w": 0.12, "h": 0.18}}
                    for _ in range(rng.randint(1, 3))]}
    return browser(rng, SRC, "people_tag", "PUT", API, f"/v2/photos/{_pid(rng)}/people", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_user(rng), extra=csrf(rng, "express"), site="same-site")


def comment(rng: random.Random) -> Request:
    obj = {"text": pick(rng, COMMENTS), "replyTo": pick(rng, [None, rng.randrange(10**8)]), "mentions": some(rng, ["kofi.m", "ingrid_l"], 0, 1)}
    if rng.random() < 0.5:
        return browser(rng, SRC, "comment", "POST", API, f"/v2/photos/{_pid(rng)}/comments", body=js_json(obj).encode(), ctype="application/json",
                       cookie=_user(rng), extra=csrf(rng, "express"), site="same-site")
    return client(rng, SRC, "comment_app", "POST", API, f"/v2/photos/{_pid(rng)}/comments", body=js_json(obj).encode(), ctype="application/json; charset=utf-8",
                  lib=pick(rng, ["ios", "okhttp"]), auth=bearer(rng, "https://auth.lumenshare.example.com"))


def like(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return browser(rng, SRC, "like", pick(rng, ["PUT", "DELETE"]), API, f"/v2/photos/{_pid(rng)}/like", "", cookie=_user(rng), extra=csrf(rng, "express"), site="same-site")
    return client(rng, SRC, "like_app", "POST", API, f"/v2/photos/{_pid(rng)}/like", body=b"", ctype="application/json", lib=pick(rng, ["ios", "okhttp"]),
                  auth=bearer(rng, "https://auth.lumenshare.example.com"))


def follow(rng: random.Random) -> Request:
    return browser(rng, SRC, "follow", "POST", API, f"/v2/users/{pick(rng, ['kofi.m', 'ingrid_l', 'sakura.draws', 'harbourlight'])}/follow",
                   body=js_json({"notify": rng.random() < 0.3}).encode(), ctype="application/json", cookie=_user(rng), extra=csrf(rng, "express"), site="same-site")


def album(rng: random.Random) -> Request:
    obj = {"title": pick(rng, ["Coast – winter 2026", "Film rolls", "Birds 🐦", "Family (private)", "Portfolio"]),
           "description": pick(rng, ["", "Shot on an X-T5 between October and December.", "Mostly Portra & HP5"]),
           "photoIds": [_pid(rng) for _ in range(rng.randint(1, 8))], "cover": _pid(rng), "privacy": pick(rng, ["public", "unlisted", "private"]),
           "sort": pick(rng, ["taken_asc", "manual", "uploaded_desc"])}
    return browser(rng, SRC, "album_save", pick(rng, ["POST", "PUT"]), API, "/v2/albums", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_user(rng), extra=csrf(rng, "express"), site="same-site")


def map_tiles(rng: random.Random) -> Request:
    return browser(rng, SRC, "map_photos", "GET", API, "/v2/map/photos", query([("bbox", f"-1.{rng.randint(20, 29)},50.6{rng.randint(0, 9)},-1.{rng.randint(10, 19)},50.8{rng.randint(0, 9)}"),
                                                                                ("zoom", str(rng.randint(9, 16))), ("cluster", "true")]), cookie=_user(rng), site="same-site")


def geocode(rng: random.Random) -> Request:
    return browser(rng, SRC, "place_search", "GET", API, "/v2/places/autocomplete", uri_query([("q", pick(rng, ["beacon po", "quaysi", "riverton du", "old mill rd", "café de l’"])),
                                                                                                ("near", "50.72,-1.18")]), cookie=_user(rng), site="same-site")


def report(rng: random.Random) -> Request:
    obj = {"photoId": _pid(rng), "reason": pick(rng, ["copyright", "not_mine", "privacy", "spam", "nudity"]),
           "details": pick(rng, ["This is my photo, posted without credit – original on my site from 2024", "Shows my car’s number plate clearly", ""])}
    return browser(rng, SRC, "report", "POST", API, "/v2/reports", body=js_json(obj).encode(), ctype="application/json", cookie=_user(rng),
                   extra=csrf(rng, "express"), site="same-site")


def prints_configure(rng: random.Random) -> Request:
    obj = {"photoId": _pid(rng), "product": pick(rng, ["fine_art_print", "canvas", "metal", "framed_print", "postcards_10"]),
           "size": pick(rng, ["8x10in", "A3", "A2", "30x45cm", "12x18in"]), "paper": pick(rng, ["Hahnemühle Photo Rag 308", "lustre", "matte"]),
           "frame": pick(rng, [None, "oak", "black", "white"]), "crop": {"x": 0, "y": round(rng.random() * 0.1, 3), "w": 1, "h": 0.9}, "qty": rng.randint(1, 3)}
    return browser(rng, SRC, "print_configure", "POST", API, "/v2/shop/cart/items", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_user(rng), extra=csrf(rng, "express"), site="same-site")


def prints_checkout(rng: random.Random) -> Request:
    g, f, email = person(rng)
    a = address(rng)
    pairs = [("_csrf", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 36)), ("email", email), ("name", f"{g} {f}"),
             ("address1", a["line1"]), ("address2", a["line2"]), ("city", a["city"]), ("region", a["region"]), ("postcode", a["postcode"]),
             ("shipping", pick(rng, ["standard", "express", "collect"])), ("gift_message", pick(rng, ["", "Happy Christmas Dad – it’s the lighthouse from our walk x", "For the new flat 🏠"])),
             ("payment_token", "tok_" + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24))]
    return browser(rng, SRC, "print_checkout", "POST", WWW, "/shop/checkout", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=_user(rng))


def lab_webhook(rng: random.Random) -> Request:
    body = py_json({"event": pick(rng, ["order.printed", "order.shipped", "order.quality_hold"]), "order_ref": f"LS-{rng.randrange(10**6)}",
                    "tracking": pick(rng, [None, f"JD{rng.randrange(10**15, 10**16)}GB"]), "note": pick(rng, ["", "Image resolution low for A2 – customer notified"]),
                    "at": stamp(rng)}).encode()
    return client(rng, SRC, "print_lab_webhook", "POST", API, "/webhooks/printlab", body=body, ctype="application/json", lib="requests",
                  ua="PrintLab-Callback/1.2", extra=[("x-printlab-hmac", hmac_hex(rng, body))])


def profile(rng: random.Random) -> Request:
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    parts = text_parts([("display_name", pick(rng, ["Kofi Mensah", "Ingrid L.", "Sakura ✿", "Ruairí on the water"])),
                        ("bio", pick(rng, ["Coastal light chaser. X-T5 + 23/1.4. Prints in the shop ↓", "Birds, mostly. Sometimes clouds.", "Film & digital | Fairhaven | she/her"])),
                        ("website", pick(rng, ["", "https://kofi.example.net", "https://www.example.org/portfolio"])), ("_csrf", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36))])
    if rng.random() < 0.5:
        parts.append(("avatar", fake_jpeg(rng, rng.randint(300, 700)), "avatar.jpg", "image/jpeg"))
    body = multipart(parts, bnd)
    return browser(rng, SRC, "profile_edit", "POST", WWW, "/settings/profile", body=body, ctype=f"multipart/form-data; boundary={bnd}", page=True, cookie=_user(rng), b=b)


def oembed(rng: random.Random) -> Request:
    return client(rng, SRC, "oembed", "GET", API, "/oembed", uri_query([("url", f"https://{WWW}/photos/kofi.m/{_pid(rng)}"), ("format", "json"), ("maxwidth", "800")]),
                  lib=pick(rng, ["requests", "go", "node"]), ua=pick(rng, ["WordPress/6.9; https://blog.example.org", "Embedly-like/1.0", "python-requests/2.32.5"]))


def gif_reaction(rng: random.Random) -> Request:
    lib = "okhttp"
    bnd = boundary(rng, lib=lib)
    body = multipart([("photo_id", _pid(rng).encode(), None, None), ("media", fake_gif(rng, rng.randint(200, 600)), "reaction.gif", "image/gif")], bnd)
    return client(rng, SRC, "comment_gif", "POST", API, "/v2/comments/media", body=body, ctype=f"multipart/form-data; boundary={bnd}", lib=lib,
                  ua="Lumen/5.21.0 (Android 15; Pixel 9 Pro)", auth=bearer(rng, "https://auth.lumenshare.example.com"))


def challenge_entry(rng: random.Random) -> Request:
    obj = {"challenge": pick(rng, ["weekly-theme-reflections", "december-monochrome", "one-lens-month"]), "photoId": _pid(rng),
           "statement": pick(rng, ["Shot through a rain-covered bus window.", "Converted in-camera, Acros+R filter.", ""])}
    return browser(rng, SRC, "challenge_entry", "POST", API, "/v2/challenges/entries", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_user(rng), extra=csrf(rng, "express"), site="same-site")


def stats(rng: random.Random) -> Request:
    return browser(rng, SRC, "photo_stats", "GET", API, "/v2/me/stats", query([("range", pick(rng, ["7d", "30d", "365d"])), ("photo", pick(rng, ["", _pid(rng)]))]),
                   cookie=_user(rng), site="same-site")


def licence_request(rng: random.Random) -> Request:
    g, f, email = person(rng)
    pairs = [("_csrf", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36)), ("name", f"{g} {f}"), ("email", email), ("organisation", pick(rng, ["Harbour Gazette", "Fairhaven Tourism", "Tidewater Press"])),
             ("use", pick(rng, ["editorial", "commercial", "book_cover"])), ("message", pick(rng, ["We’d like to use this on page 3 of Saturday’s print edition, credited.",
                                                                                          "Could we license this for our 2027 visitor guide (print run 5,000)?"]))]
    return browser(rng, SRC, "licence_enquiry", "POST", WWW, f"/photos/kofi.m/{_pid(rng)}/license", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=_user(rng))


def photo_sharing(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (7, upload_web), (7, upload_app), (2, chunk_upload), (16, photo_page), (14, feed), (11, search), (2, search_api), (5, edit_meta),
        (2, people_tag), (8, comment), (14, like), (5, follow), (3, album), (3, map_tiles), (2, geocode), (1, report), (3, prints_configure),
        (2, prints_checkout), (2, lab_webhook), (2, profile), (2, oembed), (1, gif_reaction), (2, challenge_entry), (2, stats), (1, licence_request),
    ])
