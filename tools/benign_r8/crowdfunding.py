# ruff: noqa: RUF001 - real text uses typographic characters
"""Donations and crowdfunding ("Gatherfund", a Laravel site with a JSON API
and mobile apps): campaign pages reached from shares, discovery search,
campaign creation with a rich-text story, updates, reward tiers and pledges,
donation checkouts (one-off and recurring, with tips, dedications and Gift
Aid), words of support, teams, payout and identity-verification settings,
receipts and donor exports, moderation, the embeddable progress widget on
charities' own sites, and the payment processors' webhooks and IPN posts.
"""

from __future__ import annotations

import random

from .common import (
    AGENTS,
    ALNUM,
    LOWER,
    Part,
    Request,
    api,
    bearer,
    boundary_for,
    chars,
    date_on,
    fake_jpeg,
    fake_pdf,
    fake_png,
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
    text_parts,
    unix,
    uri_query,
    uuid4,
    web,
    xsrf,
)

SRC = "crowdfunding"
WWW = "www.gatherfund.example.org"
API = "api.gatherfund.example.org"
PAY = "checkout.gatherfund.example.org"
DASH = "dashboard.gatherfund.example.org"
proxied("cdn", WWW, PAY)
proxied("nginx", API, DASH)

CAMPAIGNS = [("Help Tendai walk again", "medical"), ("Polytunnel for Thimbleby Way Community Garden", "community"), ("Salt & Signal — a graphic novel", "creative"),
             ("U12 girls to the national finals in Cardiff", "sport"), ("Surgery for Pip, the 3-legged lurcher", "animals"), ("In memory of Rosalind Whitcombe (1948–2026)", "memorial"),
             ("Rebuild the Kilcarrow boathouse after the flood", "emergency"), ("Laptops for Eastbrook Primary's coding club", "education"),
             ("Fernbrook Hospice winter appeal 2026", "charity"), ("Cressida's bone-marrow transplant fund", "medical")]

STORIES = [
    "<h2>Help Tendai walk again 💙</h2><p>On 14 November, Tendai was hit by a car while cycling home from his night shift at the hospital. He has a broken pelvis and two fractured vertebrae.</p>"
    "<p>Every penny goes towards:</p><ul><li>Private physio (£65/session, 3× a week)</li><li>A ramp &amp; grab rails at home</li><li>Travel to the spinal unit (90 miles each way)</li></ul>"
    '<img src="https://cdn.gatherfund.example.org/u/{h}.jpg" alt="Tendai in his hospital bed, smiling and giving a thumbs up">'
    "<blockquote>“Thank you all — I’m overwhelmed.” — Tendai</blockquote>",
    "<p>The Thimbleby Way Community Garden needs a new polytunnel after the November storm shredded the old one 🌱</p><p><strong>Goal: £4,500</strong> = polytunnel (£2,900) + base rails (£640) + "
    "irrigation &amp; staging. Any extra goes to seeds for the school beds.</p>"
    '<p><iframe src="https://video.example.net/embed/{h}" width="560" height="315" allowfullscreen></iframe></p><p>Volunteer days: Saturdays 10–1, all welcome!</p>',
    "<h2>Salt &amp; Signal — a graphic novel</h2><p>120 pages, full colour, printed on FSC paper by a family-run printer in Lincolnshire.</p>"
    "<table><thead><tr><th>Tier</th><th>Reward</th><th>Ships</th></tr></thead><tbody><tr><td>£12</td><td>PDF + wallpaper pack</td><td>Feb 2027</td></tr>"
    "<tr><td>£28</td><td>Paperback + sticker sheet</td><td>Apr 2027</td></tr><tr><td>£95</td><td>Signed hardback + A3 print</td><td>Apr 2027</td></tr></tbody></table>"
    "<p><em>Stretch goal @ £15k:</em> 16 extra pages &amp; a spot-gloss cover ✨</p>",
    "<p>Our Under-12s girls have qualified for the national finals in Cardiff!!! 🏆⚽ We need £3,200 for the coach, 2 nights' accommodation and new kit.</p>"
    "<p>Sponsors will get their logo on the training tops (size ~8×8cm). Email <a href=\"mailto:coach@ashcombe-fc.example.org\">coach@ashcombe-fc.example.org</a>.</p>",
    "<p>Pip came to us with a shattered back leg after being hit on the A38. The vet says amputation is the kindest option; the bill will be around <strong>£2,150</strong>.</p>"
    "<p>Pip is 3, adores cheese and is terrified of hoovers. 🐾</p><p>Updates &amp; x-rays below ⬇️</p>",
    "<p>Mum loved Fernbrook Hospice — they made her last weeks peaceful. In lieu of flowers, please donate in her name.</p><p>Funeral: St Aldhelm's, Thursday 17 December, 11:00. "
    "Family flowers only.</p><p>“Don’t make a fuss, just put the kettle on.” — Rosalind, always</p>",
]
SUPPORT = ["Sending love from everyone at Ashcombe Runners ❤️", "Get well soon mate. Pint when you're out 🍺", "Donated in memory of my dad, who was also cared for at Fernbrook.",
           "Couldn't give much but I've shared it in our parish newsletter!", "Go girls!!! ⚽⚽⚽", "Is there a way to give by bank transfer? My card keeps getting declined (3DS).",
           "Pip looks like such a character — hope the op goes well 🐶", "Backed at the £28 tier. Can't wait for the paperback!", "For Rosalind, who taught me to knit. x",
           "Matched by my employer (Brannigan Logistics) — so this is really £100 😊", "Love & strength to you all. — the Nwachukwu family", "£5 from a student, wish it was more!"]
UPDATES = ["<p><strong>We did it!!</strong> 🎉 £4,500 raised in 9 days. The polytunnel is ordered &amp; arrives 12 Jan. Thank you, thank you, thank you.</p>",
           "<p>Update from the hospital: Tendai stood for 30 seconds today with the frame. Physio says he's ahead of schedule 💪</p><p>Photos below (with his permission!)</p>",
           "<p>Print proofs are in! Colours are a bit dark on p.34–41 so we're doing one more round. Shipping estimate is still <em>April 2027</em>.</p>",
           "<p>Pip's op went well. She's eating (cheese, obviously) and has already tried to climb the stairs. Remaining bill: £380.</p>",
           "<p>Quick note: a few of you asked about Gift Aid — yes, if you ticked the box we'll claim it, adding 25% at no cost to you.</p>"]


def _camp(rng: random.Random) -> tuple[str, str, str]:
    title, cat = pick(rng, CAMPAIGNS)
    return title, cat, f"{slugify(title)}-{chars(rng, LOWER, 6)}"


def _site(rng: random.Random) -> str:
    return jar(rng, "laravel", tracking=0.6, extra=[("gf_ref", pick(rng, ["share_whatsapp", "share_fb", "email", "direct"]))])


def _story(rng: random.Random) -> str:
    return pick(rng, STORIES).replace("{h}", hexs(rng, 16))


def _cur(rng: random.Random) -> str:
    return pick(rng, ["GBP", "GBP", "EUR", "USD", "CAD", "AUD"])


# ------------------------------------------------------------------ browsing


def campaign_page(rng: random.Random) -> Request:
    _, _, slug = _camp(rng)
    q = pick(rng, ["", "", f"utm_source={pick(rng, ['whatsapp', 'facebook', 'email', 'copy_link', 'sms'])}&utm_medium=social&utm_campaign=sharetasticv2",
                   f"attribution_id={chars(rng, ALNUM, 22)}", "fbclid=IwY2xjawH" + chars(rng, ALNUM + "_-", 40), "tab=updates", "tab=comments&page=2", "ref=ab_" + chars(rng, ALNUM, 10)])
    return web(rng, SRC, "campaign_page", "GET", WWW, f"/f/{slug}", q, nav=True, cookie=_site(rng) if rng.random() < 0.6 else None,
               site=pick(rng, ["none", "cross-site", "cross-site", "same-origin"]), ref=pick(rng, ["https://social.example.net/", "https://mail.example.com/", f"https://{WWW}/discover"]))


def discover(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, ["", "hospice", "Tendai", "polytunnel", "animal surgery", "school laptops", "flood Kilcarrow", "girls football"])),
             ("category", pick(rng, ["", "medical", "animals", "community", "creative", "memorial"])), ("near", pick(rng, ["", "Ashcombe", "EX7", "Cedar Falls, IA"])),
             ("sort", pick(rng, ["trending", "newest", "close_to_goal", "nearest"])), ("page", str(rng.randint(1, 4)))]
    pairs = [(k, v) for k, v in pairs if v]
    if rng.random() < 0.5:
        return web(rng, SRC, "discover", "GET", WWW, "/discover", qs(pairs), nav=True, cookie=_site(rng), ref=f"https://{WWW}/")
    return web(rng, SRC, "discover_api", "GET", API, "/v1/campaigns/search", uri_query(pairs), site="same-site", ref=f"https://{WWW}/discover")


def widget(rng: random.Random) -> Request:
    _, _, slug = _camp(rng)
    return web(rng, SRC, "embed_progress_widget", "GET", API, f"/v1/embed/campaigns/{slug}/progress", uri_query([("currency", _cur(rng)), ("locale", pick(rng, ["en-GB", "en-US", "fr-FR"]))]),
               site="cross-site", ref=pick(rng, ["https://www.fernbrook-hospice.example.org/winter-appeal", "https://ashcombe-fc.example.org/news/finals", "https://blog.example.com/2026/12/pip/"]))


def share(rng: random.Random) -> Request:
    _, _, slug = _camp(rng)
    obj = {"campaign": slug, "channel": pick(rng, ["whatsapp", "facebook", "x", "copy_link", "email", "native"]), "placement": pick(rng, ["hero", "post_donation", "sticky_footer"]), "ts": unix(rng) * 1000}
    return web(rng, SRC, "share_beacon", "POST", API, "/v1/events/share", body=js_json(obj).encode(), ctype="text/plain;charset=UTF-8", accept="*/*", site="same-site", ref=f"https://{WWW}/f/{slug}")


def follow(rng: random.Random) -> Request:
    _, _, slug = _camp(rng)
    method = pick(rng, ["POST", "DELETE"])
    return web(rng, SRC, "follow_campaign", method, WWW, f"/api/campaigns/{slug}/follow", body=b"" if method == "POST" else None, cookie=_site(rng),
               extra=xsrf(rng, "laravel"))


# ------------------------------------------------------------------ giving


def checkout(rng: random.Random) -> Request:
    g, f = human(rng)
    _, _, slug = _camp(rng)
    amount = pick(rng, [5, 10, 20, 25, 50, 50, 100, 250, rng.randint(3, 500)])
    obj: dict[str, object] = {"campaign": slug, "amount": amount * 100, "currency": _cur(rng), "tipPercent": pick(rng, [0, 0, 10, 12.5, 15]), "coverFees": rng.random() < 0.4,
                              "donor": {"firstName": g, "lastName": f, "email": mailbox(rng, g, f)}, "anonymous": rng.random() < 0.25,
                              "displayName": pick(rng, [None, f"{g} {f[0]}.", "The Okafor family", "A friend from work", "Anonymous 🙂"]),
                              "comment": pick(rng, [None, *SUPPORT]), "dedication": pick(rng, [None, None, {"type": "in_memory", "name": "Rosalind Whitcombe", "notify": {"email": mailbox(rng, *human(rng))}},
                                                                                                  {"type": "in_honour", "name": "Mum & Dad's 40th anniversary"}]),
                              "paymentMethod": {"type": pick(rng, ["card", "card", "apple_pay", "google_pay", "paypal"]), "token": f"tok_{chars(rng, ALNUM, 24)}"},
                              "marketingOptIn": rng.random() < 0.3, "giftAid": rng.random() < 0.3}
    return web(rng, SRC, "donation_checkout", "POST", PAY, "/api/donations", body=js_json(obj).encode(), ctype="application/json",
               cookie=_site(rng), extra=[("idempotency-key", uuid4(rng)), *xsrf(rng, "laravel")], ref=f"https://{PAY}/donate/{slug}")


def donate_form(rng: random.Random) -> Request:
    g, f = human(rng)
    _, _, slug = _camp(rng)
    pairs = [("_token", chars(rng, ALNUM, 40)), ("amount", pick(rng, ["10", "25", "50", "other"])), ("other_amount", pick(rng, ["", "", "17.50", "7", "1,000"])),
             ("tip", pick(rng, ["0", "10", "15", "custom"])), ("tip_custom", pick(rng, ["", "2.50"])), ("cover_fees", pick(rng, ["on", ""])), ("first_name", g), ("last_name", f),
             ("email", mailbox(rng, g, f)), ("hide_name", pick(rng, ["", "on"])), ("message", pick(rng, ["", *SUPPORT])), ("payment_intent", f"pi_{chars(rng, ALNUM, 24)}")]
    return web(rng, SRC, "donation_form", "POST", PAY, f"/donate/{slug}", body=form([(k, v) for k, v in pairs if v or k == "other_amount"]).encode(),
               ctype="application/x-www-form-urlencoded", nav=True, cookie=_site(rng), ref=f"https://{PAY}/donate/{slug}?amount=25")


def gift_aid(rng: random.Random) -> Request:
    g, f = human(rng)
    addr = place(rng, "GB")
    pairs = [("_token", chars(rng, ALNUM, 40)), ("title", pick(rng, ["", "Mr", "Ms", "Mrs", "Dr", "Mx"])), ("first_name", g), ("last_name", f),
             ("house", addr["line1"].split()[0]), ("address", addr["line1"]), ("postcode", addr["postal_code"]),
             ("declaration", "on"), ("declaration_text", "I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax than the amount of Gift Aid claimed on all my donations in that tax year it is my responsibility to pay any difference."),
             ("donation", f"don_{chars(rng, ALNUM, 16)}")]
    return web(rng, SRC, "gift_aid_declaration", "POST", PAY, "/donate/gift-aid", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True,
               cookie=_site(rng), ref=f"https://{PAY}/donate/thank-you")


def wallet_validate(rng: random.Random) -> Request:
    return web(rng, SRC, "wallet_merchant_validation", "POST", PAY, "/api/wallet/validate-merchant",
               body=js_json({"validationURL": "https://wallet-gateway.example.com/paymentservices/startSession", "domain": PAY}).encode(), ctype="application/json",
               cookie=_site(rng), extra=xsrf(rng, "laravel"), agent=pick(rng, [a for a in AGENTS if a.engine == "webkit"]))


def recurring(rng: random.Random) -> Request:
    k = rng.randrange(3)
    sid = f"sub_{chars(rng, ALNUM, 18)}"
    if k == 0:
        _, _, slug = _camp(rng)
        obj = {"campaign": slug, "amount": pick(rng, [500, 1000, 1500, 2500]), "currency": _cur(rng), "interval": pick(rng, ["month", "month", "week", "year"]),
               "dayOfMonth": pick(rng, [1, 15, 28, None]), "paymentMethod": f"pm_{chars(rng, ALNUM, 24)}", "endAfter": pick(rng, [None, 12, 6])}
        return web(rng, SRC, "recurring_create", "POST", PAY, "/api/recurring", body=js_json(obj).encode(), ctype="application/json", cookie=_site(rng), extra=xsrf(rng, "laravel"))
    if k == 1:
        obj2 = {"amount": pick(rng, [500, 750, 2000]), "pauseUntil": pick(rng, [None, date_on(rng, ahead=True)]), "paymentMethod": pick(rng, [None, f"pm_{chars(rng, ALNUM, 24)}"])}
        return web(rng, SRC, "recurring_update", "PATCH", WWW, f"/api/me/recurring/{sid}", body=js_json(obj2).encode(), ctype="application/json", cookie=_site(rng),
                   extra=xsrf(rng, "laravel"), ref=f"https://{WWW}/account/giving")
    return web(rng, SRC, "recurring_cancel", "DELETE", WWW, f"/api/me/recurring/{sid}", qs([("reason", pick(rng, ["cost_of_living", "goal_reached", "switching_charity", "other"])),
                                                                                            ("comment", pick(rng, ["", "Money's tight this winter, will restart in spring", "Giving directly to the hospice now"]))]),
               cookie=_site(rng), extra=xsrf(rng, "laravel"))


def app_donation(rng: random.Random) -> Request:
    _, _, slug = _camp(rng)
    obj = {"campaign_slug": slug, "amount_minor": pick(rng, [500, 1000, 2000, 5000]), "currency": _cur(rng), "tip_minor": pick(rng, [0, 100, 250]),
           "payment": {"type": pick(rng, ["apple_pay", "google_pay", "card"]), "token": b64ish(rng)}, "anonymous": rng.random() < 0.3, "comment": pick(rng, [None, *SUPPORT])}
    return api(rng, SRC, "donation_app", "POST", API, "/v1/donations", body=js_json(obj).encode(), ctype="application/json", tool=pick(rng, ["cfnetwork", "okhttp"]),
               auth=bearer(rng, f"https://{API}", "donate"), extra=[("idempotency-key", uuid4(rng))],
               ua=pick(rng, [None, "Gatherfund/5.31.0 (org.gatherfund.app; build:53100; iOS 26.1.0) Alamofire/5.10.2"]))


def b64ish(rng: random.Random) -> str:
    return chars(rng, ALNUM + "+/", 120) + "=="


def pledge(rng: random.Random) -> Request:
    g, f = human(rng)
    addr = place(rng)
    obj = {"campaign": "salt-and-signal-a-graphic-novel-" + chars(rng, LOWER, 6), "reward": pick(rng, ["pdf_wallpapers", "paperback_stickers", "signed_hardback_print"]),
           "addOns": some(rng, [{"id": "enamel_pin", "qty": 1}, {"id": "extra_paperback", "qty": 2}, {"id": "tote", "qty": 1}], 0, 2), "bonus": pick(rng, [0, 0, 5, 10]),
           "shipping": {"name": f"{g} {f}", **addr, "phone": None}, "currency": "GBP", "paymentMethod": f"pm_{chars(rng, ALNUM, 24)}",
           "noteToCreator": pick(rng, ["", "Please spell my name 'Eilidh' in the credits, not 'Eileen' 😅", "Can the print be addressed 'To Mango'? It's for my daughter's cat."])}
    return web(rng, SRC, "reward_pledge", "POST", PAY, "/api/pledges", body=js_json(obj).encode(), ctype="application/json", cookie=_site(rng), extra=xsrf(rng, "laravel"))


def comment(rng: random.Random) -> Request:
    _, _, slug = _camp(rng)
    obj = {"body": pick(rng, SUPPORT), "parentId": pick(rng, [None, None, rng.randint(1, 99999)])}
    return web(rng, SRC, "support_comment", "POST", WWW, f"/api/campaigns/{slug}/comments", body=js_json(obj).encode(), ctype="application/json", cookie=_site(rng),
               extra=xsrf(rng, "laravel"), ref=f"https://{WWW}/f/{slug}?tab=comments")


def team_join(rng: random.Random) -> Request:
    g, _f = human(rng)
    obj = {"team": pick(rng, ["ashcombe-runners", "brannigan-logistics-staff", "st-aldhelms-choir"]), "pageTitle": pick(rng, [f"{g}'s Fernbrook 10k", f"{g} & {pick(rng, ['Dad', 'Mum', 'the dog'])} walk 100 miles",
                                                                                                                        "Shaving my beard for Pip 🪒"]),
           "target": rng.randint(2, 20) * 50, "story": pick(rng, ["<p>I'm running the Fernbrook 10k for the hospice that cared for my nan.</p>", "<p>100 miles in December, rain or shine ☔</p>"]),
           "activity": pick(rng, [None, {"type": "run", "distanceKm": 10, "date": date_on(rng, ahead=True)}])}
    return web(rng, SRC, "team_fundraiser_join", "POST", WWW, "/api/fundraisers", body=js_json(obj).encode(), ctype="application/json", cookie=_site(rng), extra=xsrf(rng, "laravel"))


def matching(rng: random.Random) -> Request:
    return web(rng, SRC, "matching_gift_lookup", "GET", API, "/v1/matching-gifts/employers", uri_query([("q", pick(rng, ["Brann", "Brannigan Logistics", "Quayle & Pemb", "NHS", "Cedar Falls Sch", "O'Riordan"])),
                                                                                                      ("country", pick(rng, ["GB", "US"]))]),
               site="same-site", ref=f"https://{PAY}/donate/thank-you")


def receipt(rng: random.Random) -> Request:
    k = rng.randrange(3)
    if k == 0:
        return web(rng, SRC, "tax_receipt", "GET", WWW, f"/account/receipts/{chars(rng, ALNUM, 16)}.pdf", nav=True, cookie=_site(rng), accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                   site=pick(rng, ["same-origin", "cross-site"]), ref="https://mail.example.com/")
    if k == 1:
        return web(rng, SRC, "receipt_resend", "POST", WWW, f"/api/me/donations/don_{chars(rng, ALNUM, 16)}/receipt", body=js_json({"email": None}).encode(), ctype="application/json",
                   cookie=_site(rng), extra=xsrf(rng, "laravel"))
    return web(rng, SRC, "annual_giving_summary", "GET", WWW, "/account/giving/summary", qs([("year", pick(rng, ["2025", "2026"])), ("format", pick(rng, ["pdf", "csv"]))]),
               nav=True, cookie=_site(rng))


# ------------------------------------------------------------------ organisers


def _dash(rng: random.Random) -> str:
    return jar(rng, "laravel", tracking=0.2, extra=[("gf_org", str(rng.randint(1000, 99999)))])


def create(rng: random.Random) -> Request:
    title, cat, _ = _camp(rng)
    g, f = human(rng)
    obj = {"title": title, "category": cat, "goal": {"amount": rng.randint(5, 300) * 100, "currency": _cur(rng)}, "beneficiary": {"type": pick(rng, ["self", "someone_else", "charity"]),
                                                                                                                         "name": pick(rng, [f"{g} {f}", "Fernbrook Hospice (reg. charity 1234567)", "Pip"])},
           "location": {"city": place(rng)["city"], "country": pick(rng, ["GB", "IE", "US"])}, "story": {"format": "html", "html": _story(rng)},
           "coverImage": f"uploads/{uuid4(rng)}.jpg", "endDate": pick(rng, [None, date_on(rng, ahead=True)]), "allowAnonymous": True}
    return web(rng, SRC, "campaign_create", "POST", DASH, "/api/campaigns", body=js_json(obj).encode(), ctype="application/json", cookie=_dash(rng), extra=xsrf(rng, "laravel"),
               ref=f"https://{DASH}/start")


def story_edit(rng: random.Random) -> Request:
    _, _, slug = _camp(rng)
    if rng.random() < 0.5:
        obj: dict[str, object] = {"story": {"format": "html", "html": _story(rng)}, "revision": rng.randint(1, 40)}
    else:
        obj = {"story": {"format": "prosemirror", "doc": {"type": "doc", "content": [
            {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": pick(rng, ["Why we're raising money", "Where the money goes", "Thank you 💛"])}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Every £10 buys "}, {"type": "text", "marks": [{"type": "bold"}], "text": "one hour of physio"},
                                              {"type": "text", "text": " — see the breakdown "}, {"type": "text", "marks": [{"type": "link", "attrs": {"href": "https://docs.example.com/budget.pdf"}}], "text": "here"},
                                              {"type": "text", "text": "."}]},
            {"type": "bulletList", "content": [{"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": t}]}]}
                                               for t in some(rng, ["Ramp & rails: £1,200", "Physio (12 weeks): £2,340", "Travel: ~£400", "Wheelchair hire: £18/week"], 2, 4)]}]}},
            "revision": rng.randint(1, 40)}
    return web(rng, SRC, "story_edit", "PUT", DASH, f"/api/campaigns/{slug}/story", body=js_json(obj).encode(), ctype="application/json", cookie=_dash(rng), extra=xsrf(rng, "laravel"))


def rewards(rng: random.Random) -> Request:
    tiers = [{"id": t[0], "title": t[1], "price": t[2], "limit": t[3], "estimatedDelivery": t[4], "description": t[5], "shipsTo": t[6]}
             for t in some(rng, [("early_bird", "Early bird paperback", 22, 200, "2027-04", "Paperback at a discount — first 200 backers only!", ["GB", "IE", "EU"]),
                                 ("pdf_wallpapers", "Digital", 12, None, "2027-02", "DRM-free PDF + 4K wallpapers (16:9 & 9:16)", []),
                                 ("signed_hardback_print", "Signed hardback + A3 print", 95, 50, "2027-04", "Hardback signed & doodled in, plus an A3 giclée print", ["*"]),
                                 ("retailer", "Retailer 5-pack", 100, 20, "2027-05", "5 paperbacks at trade price (shops only, please message first)", ["GB"])], 2, 4)]
    return web(rng, SRC, "reward_tiers", "PUT", DASH, f"/api/campaigns/salt-and-signal-a-graphic-novel-{chars(rng, LOWER, 6)}/rewards", body=js_json({"tiers": tiers}).encode(),
               ctype="application/json", cookie=_dash(rng), extra=xsrf(rng, "laravel"))


def update(rng: random.Random) -> Request:
    _, _, slug = _camp(rng)
    obj = {"title": pick(rng, ["We did it! 🎉", "Hospital update", "Print proofs", "Pip's op", "Gift Aid FAQ"]), "html": pick(rng, UPDATES),
           "notify": pick(rng, ["donors", "donors_and_followers", "none"]), "images": [f"uploads/{uuid4(rng)}.jpg" for _ in range(rng.randint(0, 2))]}
    return web(rng, SRC, "campaign_update", "POST", DASH, f"/api/campaigns/{slug}/updates", body=js_json(obj).encode(), ctype="application/json", cookie=_dash(rng),
               extra=xsrf(rng, "laravel"))


def image(rng: random.Random) -> Request:
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    photo: Part = pick(rng, [("image", fake_jpeg(rng, rng.randint(600, 1800), exif=("Apple", "iPhone 16")), pick(rng, ["IMG_0192.jpg", "pip-xray.jpg", "team photo.jpeg"]), "image/jpeg"),
                             ("image", fake_png(rng, rng.randint(600, 1500), 1200, 675), "cover.png", "image/png")])
    parts = [("_token", chars(rng, ALNUM, 40).encode(), None, None), photo, *text_parts([("alt", pick(rng, ["Tendai smiling in hospital", "The shredded polytunnel", "Pip on the sofa", ""])),
                                                                                       ("crop", js_json({"x": 0, "y": rng.randint(0, 200), "w": 1200, "h": 675}))])]
    return web(rng, SRC, "campaign_image", "POST", DASH, "/uploads/images", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", agent=a, cookie=_dash(rng),
               extra=xsrf(rng, "laravel"))


def payout(rng: random.Random) -> Request:
    g, f = human(rng)
    obj = {"accountHolder": pick(rng, [f"{g} {f}", "Ashcombe FC Juniors", "Thimbleby Way Community Garden CIC"]), "country": pick(rng, ["GB", "IE", "US"]),
           "bank": pick(rng, [{"sortCode": f"{rng.randint(10, 99)}{rng.randint(10, 99)}{rng.randint(10, 99)}", "accountNumber": str(rng.randint(10**7, 10**8 - 1))},
                              {"iban": f"IE{rng.randint(10, 99)}XMPL{rng.randint(10**13, 10**14 - 1)}", "bic": "XMPLIE2D"},
                              {"routingNumber": f"0{rng.randint(10**7, 10**8 - 1)}", "accountNumber": str(rng.randint(10**9, 10**10 - 1)), "type": "checking"}]),
           "schedule": pick(rng, ["weekly", "daily", "manual"]), "statementDescriptor": pick(rng, ["GATHERFUND*TENDAI", "GF* POLYTUNNEL", "GF*PIP SURGERY"])}
    return web(rng, SRC, "payout_settings", "PUT", DASH, "/api/payouts/account", body=js_json(obj).encode(), ctype="application/json", cookie=_dash(rng), extra=xsrf(rng, "laravel"))


def withdraw(rng: random.Random) -> Request:
    obj = {"amount": rng.randint(50, 5000) * 100, "currency": _cur(rng), "note": pick(rng, ["Physio invoices Nov", "Polytunnel deposit (50%)", "Vet bill — final", ""])}
    return web(rng, SRC, "withdrawal_request", "POST", DASH, f"/api/campaigns/{_camp(rng)[2]}/withdrawals", body=js_json(obj).encode(), ctype="application/json",
               cookie=_dash(rng), extra=xsrf(rng, "laravel"))


def verify_id(rng: random.Random) -> Request:
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    parts: list[Part] = [("_token", chars(rng, ALNUM, 40).encode(), None, None), *text_parts([("document_type", pick(rng, ["passport", "driving_licence", "national_id"])),
                                                                                              ("country", pick(rng, ["GB", "IE", "US"]))]),
                         ("front", fake_jpeg(rng, rng.randint(800, 1800)), "front.jpg", "image/jpeg")]
    if rng.random() < 0.5:
        parts.append(("proof_of_address", fake_pdf(rng, "Council Tax Bill 2026-27", "Adobe PDF Library 24.4"), "council tax bill.pdf", "application/pdf"))
    return web(rng, SRC, "identity_verification", "POST", DASH, "/verify/identity", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", nav=True, agent=a,
               cookie=_dash(rng))


def donors_export(rng: random.Random) -> Request:
    return web(rng, SRC, "donor_export", "GET", DASH, f"/campaigns/{_camp(rng)[2]}/donors/export", qs([("format", pick(rng, ["csv", "xlsx"])), ("include_anonymous", pick(rng, ["0", "1"])),
                                                                                                   ("gift_aid_only", pick(rng, ["0", "1"]))]),
               nav=True, cookie=_dash(rng), accept="text/csv,*/*;q=0.8")


def dash_page(rng: random.Random) -> Request:
    slug = _camp(rng)[2]
    return web(rng, SRC, "dashboard_page", "GET", DASH, pick(rng, ["/", f"/campaigns/{slug}", f"/campaigns/{slug}/donations", f"/campaigns/{slug}/edit", "/payouts", "/team"]),
               pick(rng, ["", "", "page=2", "filter=recurring", "q=Nwachukwu"]), nav=True, cookie=_dash(rng))


def moderation(rng: random.Random) -> Request:
    obj = {"status": pick(rng, ["approved", "needs_info", "paused", "removed"]), "reasonCode": pick(rng, ["ok", "beneficiary_unclear", "medical_docs_required", "duplicate", "prohibited_use"]),
           "internalNote": pick(rng, ["Spoke to organiser; hospital letter received, looks genuine.", "Goal raised from £3k to £30k overnight — asked why.", "Same photos as campaign #88213 (reverse image match)", ""]),
           "messageToOrganiser": pick(rng, ["", "Hi! Could you upload a letter or invoice from the vet? Thanks — Trust & Safety"])}
    return web(rng, SRC, "moderation_decision", "PATCH", "admin.gatherfund.example.org", f"/api/campaigns/{rng.randint(10000, 999999)}/moderation", body=js_json(obj).encode(),
               ctype="application/json", cookie=jar(rng, "laravel", tracking=0.0), extra=xsrf(rng, "laravel"))


# ------------------------------------------------------------------ processors and integrations


def processor_hook(rng: random.Random) -> Request:
    kind = pick(rng, ["charge.succeeded", "charge.succeeded", "invoice.paid", "invoice.payment_failed", "charge.dispute.created", "payout.paid", "charge.refunded"])
    g, f = human(rng)
    obj = {"id": f"evt_{chars(rng, ALNUM, 24)}", "type": kind, "created": unix(rng), "api_version": "2026-09-30",
           "data": {"object": {"id": f"{'in' if 'invoice' in kind else 'ch'}_{chars(rng, ALNUM, 24)}", "amount": rng.randint(3, 500) * 100, "currency": _cur(rng).lower(),
                               "billing_details": {"name": f"{g} {f}", "email": mailbox(rng, g, f)}, "metadata": {"campaign": _camp(rng)[2], "donation_id": f"don_{chars(rng, ALNUM, 16)}"},
                               "reason": "fraudulent" if "dispute" in kind else None}}}
    body = js_json(obj).encode()
    return api(rng, SRC, "processor_webhook", "POST", API, "/webhooks/tillpoint", body=body, ctype="application/json; charset=utf-8", tool="ruby",
               ua="Tillpoint/1.0 (+https://tillpoint.example.com/docs/webhooks)", accept="*/*; q=0.5, application/xml",
               extra=[("tillpoint-signature", f"t={unix(rng)},v1={hmac_hex(rng, body)}")])


def ipn(rng: random.Random) -> Request:
    g, f = human(rng)
    gross = pick(rng, ["5.00", "10.00", "25.00", "50.00", money(rng, 2, 300)])
    pairs = [("mc_gross", gross), ("protection_eligibility", "Ineligible"), ("payer_id", chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 13)),
             ("payment_date", f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} Dec {rng.randint(1, 6):02d}, 2026 PST"), ("payment_status", "Completed"),
             ("charset", "UTF-8"), ("first_name", g), ("mc_fee", f"{float(gross) * 0.029 + 0.3:.2f}"), ("notify_version", "3.9"), ("custom", f"don_{chars(rng, ALNUM, 16)}"),
             ("payer_status", "verified"), ("business", "payments@gatherfund.example.org"), ("quantity", "1"), ("verify_sign", chars(rng, ALNUM + "-.", 56)),
             ("payer_email", mailbox(rng, g, f)), ("txn_id", chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 17)), ("payment_type", "instant"), ("last_name", f),
             ("receiver_email", "payments@gatherfund.example.org"), ("txn_type", "web_accept"), ("item_name", f"Donation: {pick(rng, CAMPAIGNS)[0]}"), ("mc_currency", _cur(rng)),
             ("residence_country", pick(rng, ["GB", "IE", "US"])), ("ipn_track_id", hexs(rng, 13))]
    return api(rng, SRC, "wallet_ipn", "POST", API, "/webhooks/wallet-ipn", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded; charset=UTF-8", tool="java",
               ua="WalletPay IPN ( https://wallet.example.com/ipn )", extra=[("connection", "close")])


def crm_push(rng: random.Random) -> Request:
    g, f = human(rng)
    obj = {"event": "donation.created", "occurred_at": stamp(rng), "donation": {"id": f"don_{chars(rng, ALNUM, 16)}", "amount": money(rng, 3, 500), "currency": _cur(rng),
                                                                                "recurring": rng.random() < 0.3, "gift_aid": rng.random() < 0.3},
           "donor": {"first_name": g, "last_name": f, "email": mailbox(rng, g, f), "address": place(rng), "opt_in": {"email": rng.random() < 0.3, "post": False}},
           "campaign": {"slug": _camp(rng)[2], "fundraiser": pick(rng, [None, f"{g}'s Fernbrook 10k"])}}
    body = py_json(obj).encode()
    return api(rng, SRC, "crm_webhook_out", "POST", "crm.fernbrook-hospice.example.org", "/api/integrations/gatherfund/donations", body=body, ctype="application/json",
               tool="php", ua="Gatherfund-Webhooks/2.0 GuzzleHttp/7", extra=[("x-gatherfund-signature", hmac_hex(rng, body)), ("x-gatherfund-delivery", uuid4(rng))])


def login(rng: random.Random) -> Request:
    g, f = human(rng)
    pairs = [("_token", chars(rng, ALNUM, 40)), ("email", mailbox(rng, g, f)), ("password", chars(rng, ALNUM + "!?#", rng.randint(10, 18))), ("remember", pick(rng, ["on", ""]))]
    host = pick(rng, [WWW, DASH])
    return web(rng, SRC, "login", "POST", host, "/login", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True, cookie=jar(rng, "laravel", tracking=0.5),
               ref=f"https://{host}/login")


def crowdfunding(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (20, campaign_page), (7, discover), (4, widget), (5, share), (2, follow), (12, checkout), (6, donate_form), (3, gift_aid), (1, wallet_validate),
        (6, recurring), (4, app_donation), (3, pledge), (8, comment), (2, team_join), (2, matching), (4, receipt), (3, create), (3, story_edit), (1, rewards),
        (3, update), (2, image), (2, payout), (2, withdraw), (1, verify_id), (2, donors_export), (4, dash_page), (2, moderation), (8, processor_hook), (3, ipn),
        (2, crm_push), (3, login),
    ])
