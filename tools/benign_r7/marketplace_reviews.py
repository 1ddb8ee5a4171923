# ruff: noqa: RUF001 - real text uses typographic characters
"""Reviews and questions on a general marketplace: product pages sorted and
filtered by rating, review forms with pros and cons and photos, helpful votes,
customer questions and seller answers, moderation reports, the sellers'
dashboard, the app, and review syndication to and from partner shops.
"""

from __future__ import annotations

import random

from .common import (
    BROWSERS,
    Request,
    bearer,
    boundary,
    browser,
    chars,
    client,
    cookie_jar,
    csrf,
    day,
    epoch,
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
    slug,
    some,
    stamp,
    text_parts,
    uri_query,
    uuid4,
)

SRC = "marketplace_reviews"
WWW = "www.bazaarly.example.com"
API = "api.bazaarly.example.com"
SELLER = "sellers.bazaarly.example.com"

PRODUCTS = [
    ("Trailblazer 28L hiking backpack", "outdoor"), ("QuietCore ANC wireless headphones", "audio"),
    ("Northfold 15.6\" laptop sleeve (felt)", "bags"), ("Kettle Pro 1.7L gooseneck kettle", "kitchen"),
    ("LumaDesk LED desk lamp with USB-C", "lighting"), ("TerraGrip yoga mat 6mm", "fitness"),
    ("Universal travel adapter 100-240V", "electronics"), ("CastIron Co. 26cm skillet (pre-seasoned)", "kitchen"),
    ("Snugglepod toddler sleeping bag 2.5 tog", "baby"), ("Ridgeback merino base layer – women’s", "clothing"),
    ("PixelPal kids’ camera", "toys"), ("Brewista pour-over set", "kitchen"), ("ErgoRise standing desk converter", "office"),
    ("AquaPure 10-cup water filter jug", "kitchen"), ("HomeHub smart plug (4-pack)", "smart-home"),
]
PROS = ["Fits a 15\" MacBook Pro with room to spare", "Battery easily lasts a week of commuting", "Really sturdy zips",
        "Heats up in under 3 minutes", "Works in the UK, EU and US (tested!)", "Non-slip even in hot yoga",
        "Instructions were clear", "Packaging was 100% recyclable", "Warm without being itchy", "Great value for the price"]
CONS = ["Strap buckle feels a bit cheap", "App needs an account to do anything", "Smells of rubber for the first week",
        "Runs small – size up", "No carry case included", "Lid is fiddly", "Colour is more grey than ‘sage’",
        "Cable is only 1m", "Louder than expected", "Took 9 days to arrive"]
REVIEW_TEXT = [
    "Bought this for a 4-day hut trip in the Cairngorms. Carried ~9kg comfortably; hip belt is the best I’ve had at this price. The rain cover is a nice touch but the bottom pocket is tight.",
    "I was skeptical about the noise cancelling at this price, but on the train it knocks out the engine drone almost completely. Mic is so-so for calls.",
    "Does exactly what it says. My 15\" laptop (35.8 x 24.5cm) fits with a charger in the front pocket.",
    "Gooseneck pour is lovely and the temp hold works. One star off because the base scratched within a week.",
    "UPDATE after 3 months: still going strong. Original review: arrived quickly, well made, 5/5.",
    "Returned it. The description says 100-240V but the one I got was labelled 220-240V only!? Seller refunded promptly though.",
    "Perfect for my 2 y/o – she sleeps through now (most nights 😅). Sizing chart was accurate.",
    "The skillet came with a rough surface, needed a couple of rounds of seasoning before eggs stopped sticking. Heavy (2.4kg) – not for everyone.",
    "Meh. It’s fine. Not worth £79 though, I’d wait for a sale.",
    "Great lamp. The warm/cool slider is brilliant & the USB-C port charges my phone at full speed. Base is weighted so it doesn’t tip.",
    "Ordered the wrong size, exchange was painless. The merino is soft, no itch, and doesn’t smell after a 3-day hike.",
    "Wie beschrieben, gute Qualität. Lieferung nach Deutschland hat 5 Tage gedauert.",
    "Très bon produit, conforme à la description. Je recommande !",
    "Kids love it, but the photos are very low-res (it’s a toy, so fair enough). Batteries NOT included.",
]
QUESTIONS = [
    "Does it fit a 15\" laptop?", "Is it 110-240V? I’m travelling from the US to the UK.", "Is the strap removable?",
    "What are the exact internal dimensions (L x W x H)?", "Can it go in the dishwasher?", "Is this compatible with induction hobs?",
    "Does it come with a UK plug or an EU plug?", "Is the 6mm mat OK for someone with bad knees?", "Does the app work without creating an account?",
    "Is it suitable for a baby under 6 months?", "Can I use it with a 240W USB-C charger?", "Is the wool mulesing-free?",
    "Will this fit a 16\" MacBook Pro (2023)?", "How loud is it on the highest setting (dB)?",
]
ANSWERS = [
    "Yes – it fits laptops up to 15.6\" (max 36 x 25 x 2cm). A 16\" MacBook Pro is too long, unfortunately.",
    "It’s rated 100-240V, 50/60Hz, so it’ll work in both countries. You only need the plug shape changed.",
    "Hi! The strap clips off with two metal hooks. Thanks for asking 😊",
    "Internal: 38cm x 27cm x 4cm. Hope that helps!",
    "Hand wash only I’m afraid – the dishwasher can damage the seasoning.",
    "Yes, the base is magnetic stainless so it works on induction.",
    "I bought one last month and it came with a UK plug.",
    "I have dodgy knees and it’s been fine for me, but I fold it double for kneeling poses.",
]


def _shopper(rng: random.Random) -> str:
    return cookie_jar(rng, "rails", ga=0.6, extra=[("currency", pick(rng, ["GBP", "EUR", "USD"])), ("bz_vid", uuid4(rng))])


def _pid(rng: random.Random) -> tuple[str, str, str]:
    name, cat = pick(rng, PRODUCTS)
    return f"B{chars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 9)}", name, cat


def product_page(rng: random.Random) -> Request:
    pid, name, _ = _pid(rng)
    qs = pick(rng, ["", "", "variant=black", "ref=search&sr=1-4&keywords=" + slug(name).replace("-", "+"), "tab=reviews"])
    return browser(rng, SRC, "product_page", "GET", WWW, f"/p/{slug(name)}/{pid}", qs, page=True, cookie=_shopper(rng),
                   site=pick(rng, ["same-origin", "cross-site", "none"]), referer=f"https://{WWW}/search")


def reviews_list(rng: random.Random) -> Request:
    pid, _, _ = _pid(rng)
    pairs = [("sort", pick(rng, ["most_helpful", "newest", "rating_desc", "rating_asc"])), ("page", str(rng.randint(1, 8)))]
    if rng.random() < 0.5:
        pairs.append(("rating", pick(rng, ["5", "4", "1,2", "3"])))
    if rng.random() < 0.3:
        pairs.append(("with_media", "true"))
    if rng.random() < 0.3:
        pairs.append(("q", pick(rng, ["battery", "fits 15\"", "voltage", "smell", "size up", "zip"])))
    return browser(rng, SRC, "reviews_list", "GET", API, f"/v2/products/{pid}/reviews", query(pairs), cookie=_shopper(rng), site="same-site",
                   referer=f"https://{WWW}/")


def search(rng: random.Random) -> Request:
    q = pick(rng, ["laptop sleeve 15.6\"", "hiking backpack 28l", "travel adapter 110-240v", "gooseneck kettle", "yoga mat 6mm non slip",
                   "merino base layer women's", "standing desk converter", "toddler sleeping bag 2.5 tog", "usb-c desk lamp"])
    pairs = [("q", q), ("sort", pick(rng, ["relevance", "avg_rating", "review_count", "price_asc"]))]
    if rng.random() < 0.5:
        pairs += [("rating_min", pick(rng, ["3", "4", "4.5"]))]
    if rng.random() < 0.3:
        pairs += [("price_max", str(rng.choice([25, 50, 100]))), ("prime", "1")]
    return browser(rng, SRC, "search", "GET", WWW, "/search", query(pairs), page=True, cookie=_shopper(rng), referer=f"https://{WWW}/")


def review_submit(rng: random.Random) -> Request:
    pid, name, _ = _pid(rng)
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    rating = rng.choices([1, 2, 3, 4, 5], [8, 5, 10, 25, 52])[0]
    pairs = [("authenticity_token", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 86)),
             ("review[rating]", str(rating)), ("review[title]", pick(rng, ["Does the job", "Brilliant!", "Not as described", "Great for travel", "Good but…", "Solid 4/5"])),
             ("review[body]", pick(rng, REVIEW_TEXT))]
    pairs += [("review[pros][]", p) for p in some(rng, PROS, 0, 3)]
    pairs += [("review[cons][]", c) for c in some(rng, CONS, 0, 2)]
    pairs += [("review[fit]", pick(rng, ["", "true_to_size", "runs_small"])), ("review[recommend]", pick(rng, ["1", "0"]))]
    parts = text_parts(pairs)
    for _ in range(rng.choice([0, 0, 1, 2])):
        kind = rng.random()
        if kind < 0.6:
            parts.append(("review[photos][]", fake_jpeg(rng, rng.randint(500, 1500), camera=("samsung", "Galaxy S24")), f"IMG_2026{rng.randrange(10**4):04d}.jpg", "image/jpeg"))
        elif kind < 0.8:
            parts.append(("review[photos][]", fake_heic(rng, rng.randint(500, 1200)), f"IMG_{rng.randrange(10**4):04d}.HEIC", "image/heic"))
        else:
            parts.append(("review[photos][]", fake_png(rng, 1170, 2532, rng.randint(300, 900)), "Screenshot 2026-11-30 at 21.14.02.png", "image/png"))
    body = multipart(parts, bnd)
    return browser(rng, SRC, "review_submit", "POST", WWW, f"/p/{pid}/reviews", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   page=True, cookie=_shopper(rng), b=b, referer=f"https://{WWW}/p/{slug(name)}/{pid}/write-review")


def review_edit(rng: random.Random) -> Request:
    body = js_json({"rating": rng.randint(1, 5), "body": "UPDATE: " + pick(rng, REVIEW_TEXT), "pros": some(rng, PROS, 0, 2), "cons": some(rng, CONS, 0, 2)}).encode()
    return browser(rng, SRC, "review_edit", "PATCH", API, f"/v2/reviews/{rng.randrange(10**7, 10**8)}", body=body, ctype="application/json",
                   cookie=_shopper(rng), extra=csrf(rng, "rails"), site="same-site")


def helpful_vote(rng: random.Random) -> Request:
    body = js_json({"helpful": rng.random() < 0.85}).encode()
    return browser(rng, SRC, "helpful_vote", "POST", API, f"/v2/reviews/{rng.randrange(10**7, 10**8)}/votes", body=body, ctype="application/json",
                   cookie=_shopper(rng), extra=csrf(rng, "rails"), site="same-site")


def question_ask(rng: random.Random) -> Request:
    pid, _, _ = _pid(rng)
    pairs = [("authenticity_token", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 86)),
             ("question[text]", pick(rng, QUESTIONS)), ("question[notify]", "1")]
    return browser(rng, SRC, "question_ask", "POST", WWW, f"/p/{pid}/questions", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=_shopper(rng))


def question_search(rng: random.Random) -> Request:
    pid, _, _ = _pid(rng)
    q = pick(rng, ["15\"", "110-240V", "dishwasher", "induction", "16\" macbook", "uk plug", "dimensions", "weight"])
    return browser(rng, SRC, "question_search", "GET", API, f"/v2/products/{pid}/questions", uri_query([("q", q), ("limit", "10")]),
                   cookie=_shopper(rng), site="same-site")


def answer_community(rng: random.Random) -> Request:
    body = js_json({"text": pick(rng, ANSWERS), "verifiedPurchase": rng.random() < 0.7}).encode()
    return browser(rng, SRC, "answer_community", "POST", API, f"/v2/questions/{rng.randrange(10**6, 10**7)}/answers", body=body,
                   ctype="application/json", cookie=_shopper(rng), extra=csrf(rng, "rails"), site="same-site")


def seller_reply(rng: random.Random) -> Request:
    text = pick(rng, ["Hi {n}, thanks so much for the kind words – glad it survived the Cairngorms!",
                      "Sorry to hear about the voltage label, {n}. A small batch was mislabelled; the unit itself is 100-240V. We’ve messaged you about a replacement.",
                      "Thanks for the feedback on the buckle. We’ve upgraded it to metal from the January batch.",
                      "Hi {n} – please contact us at support@northfold.example.com with your order number and we’ll sort this out today."]).format(n=person(rng)[0])
    body = js_json({"reviewId": rng.randrange(10**7, 10**8), "reply": text, "public": True}).encode()
    return browser(rng, SRC, "seller_reply", "POST", SELLER, "/api/reviews/replies", body=body, ctype="application/json",
                   cookie=cookie_jar(rng, "rails", ga=0.1), extra=csrf(rng, "rails"))


def seller_answer(rng: random.Random) -> Request:
    body = js_json({"questionId": rng.randrange(10**6, 10**7), "answer": pick(rng, ANSWERS), "pinToListing": rng.random() < 0.3}).encode()
    return browser(rng, SRC, "seller_answer", "POST", SELLER, "/api/questions/answers", body=body, ctype="application/json",
                   cookie=cookie_jar(rng, "rails", ga=0.1), extra=csrf(rng, "rails"))


def seller_dashboard(rng: random.Random) -> Request:
    qs = query([("status", pick(rng, ["unanswered", "all", "flagged"])), ("rating", pick(rng, ["1", "2", "1-3", "all"])), ("from", day(rng, past=True)),
                ("sort", "-created_at")])
    return browser(rng, SRC, "seller_dashboard", "GET", SELLER, pick(rng, ["/reviews", "/questions"]), qs, page=True,
                   cookie=cookie_jar(rng, "rails", ga=0.1))


def report(rng: random.Random) -> Request:
    body = js_json({"targetType": pick(rng, ["review", "question", "answer"]), "targetId": rng.randrange(10**6, 10**8),
                    "reason": pick(rng, ["not_about_product", "offensive", "spam", "personal_info", "fake_review", "competitor"]),
                    "details": pick(rng, ["", "This review is about the delivery company, not the product.", "Contains the reviewer’s phone number",
                                          "Same text posted on 6 different listings", "Seller is answering their own questions"])}).encode()
    return browser(rng, SRC, "moderation_report", "POST", API, "/v2/reports", body=body, ctype="application/json", cookie=_shopper(rng),
                   extra=csrf(rng, "rails"), site="same-site")


def mod_decision(rng: random.Random) -> Request:
    body = py_json({"item_id": rng.randrange(10**7, 10**8), "decision": pick(rng, ["approve", "reject", "edit", "escalate"]),
                    "policy": pick(rng, ["R1-offtopic", "R4-personal-data", "R7-incentivised", "none"]),
                    "note": pick(rng, ["Removed phone number, rest OK", "Looks genuine, verified purchase", "Incentivised – mentions free product", ""]),
                    "moderator": f"mod-{rng.randint(1, 40):02d}"}).encode()
    return client(rng, SRC, "moderation_decision", "POST", API, "/internal/moderation/decisions", body=body, ctype="application/json", lib="httpx",
                  auth="Bearer " + hexs(rng, 48))


def syndication_feed(rng: random.Random) -> Request:
    reviews = "".join(f'  <review id="{rng.randrange(10**7, 10**8)}">\n    <reviewer><name>{pick(rng, ["Sam", "J. Okafor", "Ingrid L.", "happy camper"])}</name></reviewer>\n'
                      f'    <review_timestamp>{stamp(rng)}</review_timestamp>\n    <content>{pick(rng, REVIEW_TEXT).replace("&", "&amp;").replace(chr(34), "&quot;")}</content>\n'
                      f'    <ratings><overall min="1" max="5">{rng.randint(1, 5)}</overall></ratings>\n'
                      f'    <products><product><product_ids><gtins><gtin>{rng.randrange(10**12, 10**13)}</gtin></gtins></product_ids></product></products>\n  </review>\n'
                      for _ in range(rng.randint(2, 5)))
    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns:vc="http://www.w3.org/2007/XMLSchema-versioning">\n  <version>2.3</version>\n  <publisher><name>Northfold Goods</name></publisher>\n<reviews>\n{reviews}</reviews>\n</feed>\n'
    body = xml.encode()
    return client(rng, SRC, "syndication_ingest", "POST", API, "/v2/syndication/feeds", body=body, ctype="application/xml", lib="java",
                  auth="Bearer " + hexs(rng, 40), extra=[("x-partner-id", f"P{rng.randrange(1000, 9999)}")])


def syndication_pull(rng: random.Random) -> Request:
    return client(rng, SRC, "syndication_export", "GET", API, "/v2/syndication/reviews",
                  query([("since", stamp(rng)), ("min_rating", "1"), ("format", pick(rng, ["json", "xml"])), ("cursor", hexs(rng, 16))]),
                  lib=pick(rng, ["requests", "node", "go"]), auth="Bearer " + hexs(rng, 40), accept="application/json")


def widget(rng: random.Random) -> Request:
    pid, _, _ = _pid(rng)
    return browser(rng, SRC, "review_widget", "GET", "widgets.bazaarly.example.com", "/v1/summary",
                   query([("sku", pid), ("locale", pick(rng, ["en_GB", "de_DE", "fr_FR"])), ("apikey", hexs(rng, 24))]), site="cross-site",
                   referer="https://shop.northfold.example.org/products/laptop-sleeve")


def app_reviews(rng: random.Random) -> Request:
    pid, _, _ = _pid(rng)
    lib = pick(rng, ["okhttp", "ios"])
    ua = "Bazaarly/24.48.0 (Android 15)" if lib == "okhttp" else "Bazaarly/24.48 (iPhone; iOS 18.7)"
    return client(rng, SRC, "app_reviews", "GET", API, f"/v2/products/{pid}/reviews",
                  query([("sort", pick(rng, ["most_helpful", "newest"])), ("stars", pick(rng, ["", "5", "1"])), ("translate", pick(rng, ["true", "false"]))]),
                  lib=lib, ua=ua, auth=bearer(rng, "https://auth.bazaarly.example.com") if rng.random() < 0.6 else None)


def app_review_post(rng: random.Random) -> Request:
    lib = pick(rng, ["okhttp", "ios"])
    ua = "Bazaarly/24.48.0 (Android 15)" if lib == "okhttp" else "Bazaarly/24.48 (iPhone; iOS 18.7)"
    body = js_json({"orderItemId": rng.randrange(10**8), "rating": rng.randint(1, 5), "title": pick(rng, ["Love it", "Ok", "Not great", "10/10"]),
                    "body": pick(rng, REVIEW_TEXT), "mediaIds": [uuid4(rng) for _ in range(rng.choice([0, 0, 1, 2]))], "anonymous": rng.random() < 0.2}).encode()
    return client(rng, SRC, "app_review_post", "POST", API, "/v2/reviews", body=body, ctype="application/json; charset=UTF-8", lib=lib, ua=ua,
                  auth=bearer(rng, "https://auth.bazaarly.example.com"), extra=[("idempotency-key", uuid4(rng))])


def review_request_email_click(rng: random.Random) -> Request:
    return browser(rng, SRC, "review_invite_click", "GET", WWW, f"/review/start/{hexs(rng, 32)}",
                   query([("stars", str(rng.randint(1, 5))), ("utm_source", "email"), ("utm_medium", "post_purchase"), ("utm_campaign", "review_ask_d7")]),
                   page=True, site="cross-site")


def compare(rng: random.Random) -> Request:
    ids = [_pid(rng)[0] for _ in range(rng.randint(2, 4))]
    return browser(rng, SRC, "compare", "GET", WWW, "/compare", query([("ids", ",".join(ids)), ("attrs", "rating,price,weight,voltage")]),
                   page=True, cookie=_shopper(rng))


def order_webhook(rng: random.Random) -> Request:
    body = js_json({"event": "order.delivered", "order_id": f"BZ-{rng.randrange(10**8)}", "delivered_at": stamp(rng),
                    "items": [{"sku": _pid(rng)[0], "qty": 1}], "review_invite_at": f"{day(rng)}T10:00:00Z"}).encode()
    return client(rng, SRC, "order_delivered_webhook", "POST", API, "/webhooks/fulfilment", body=body, ctype="application/json", lib="node",
                  ua="ShipGrid-Hooks/3.0", extra=[("x-shipgrid-signature", f"t={epoch(rng)},v1={hmac_hex(rng, body)}")])


def media_put(rng: random.Random) -> Request:
    body = fake_jpeg(rng, rng.randint(600, 1600), camera=("Google", "Pixel 8"))
    return browser(rng, SRC, "review_photo_put", "PUT", "uploads.bazaarly.example.com", f"/review-media/{uuid4(rng)}.jpg",
                   query([("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", f"AKIAEXAMPLE{chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 5)}/20261203/eu-west-2/s3/aws4_request"),
                           ("X-Amz-Date", "20261203T101500Z"), ("X-Amz-Expires", "900"), ("X-Amz-SignedHeaders", "content-type;host"), ("X-Amz-Signature", hexs(rng, 64))]),
                   body=body, ctype="image/jpeg", accept="*/*", site="same-site", referer=f"https://{WWW}/")


def translate(rng: random.Random) -> Request:
    return browser(rng, SRC, "review_translate", "GET", API, f"/v2/reviews/{rng.randrange(10**7, 10**8)}/translation",
                   query([("to", pick(rng, ["en", "de", "fr", "es"]))]), cookie=_shopper(rng), site="same-site")


def seller_export(rng: random.Random) -> Request:
    pairs = [("authenticity_token", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 86)),
             ("export[from]", day(rng, past=True)), ("export[to]", day(rng, past=True)), ("export[format]", pick(rng, ["csv", "xlsx"])),
             ("export[columns][]", "rating"), ("export[columns][]", "title"), ("export[columns][]", "body"), ("export[columns][]", "sku")]
    return browser(rng, SRC, "seller_export", "POST", SELLER, "/reviews/exports", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=cookie_jar(rng, "rails", ga=0.1))


def ratings_histogram(rng: random.Random) -> Request:
    return browser(rng, SRC, "rating_histogram", "GET", API, f"/v2/products/{_pid(rng)[0]}/ratings", "fields=histogram,average,count,aspects",
                   cookie=_shopper(rng), site="same-site")


def marketplace_reviews(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (16, product_page), (14, reviews_list), (9, search), (8, review_submit), (2, review_edit), (10, helpful_vote),
        (4, question_ask), (4, question_search), (3, answer_community), (3, seller_reply), (3, seller_answer),
        (3, seller_dashboard), (3, report), (2, mod_decision), (1, syndication_feed), (2, syndication_pull), (5, widget),
        (7, app_reviews), (3, app_review_post), (2, review_request_email_click), (2, compare), (2, order_webhook),
        (2, media_put), (2, translate), (1, seller_export), (4, ratings_histogram),
    ])
