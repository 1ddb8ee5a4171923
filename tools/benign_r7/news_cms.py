# ruff: noqa: RUF001 - real text uses typographic characters
"""A regional newsroom: the public site (Django), the editors' CMS (a React
editor over a JSON API), a live blog, reader comments, a metered paywall, the
mobile app, wire-agency ingest and the push service.
"""

from __future__ import annotations

import random

from .common import (
    BROWSERS,
    Request,
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
    fake_pdf,
    form,
    hexs,
    hmac_hex,
    js_json,
    multipart,
    person,
    pick,
    py_json,
    query,
    rbytes,
    run,
    slug,
    some,
    stamp,
    text_parts,
    uri_query,
    uuid4,
)

SRC = "news_cms"
WWW = "www.harbourgazette.example.com"
CMS = "cms.harbourgazette.example.com"
API = "api.harbourgazette.example.com"

SECTIONS = ["news", "local", "politics", "business", "sport", "culture", "opinion", "environment",
            "education", "health", "food", "travel", "science", "obituaries"]
HEADLINES = [
    "Council approves £4.2m plan to rebuild Quayside footbridge",
    "Ferry timetable cut again as crew shortage bites",
    "‘We were never consulted’: residents fight Marsh Lane housing scheme",
    "Harbour Rovers 2–1 Kestrel Town: late header seals derby win",
    "What the new bin collection rota means for your street",
    "Live: Storm Imelda brings 90mph gusts to the coast",
    "School meals provider to change after complaints over portions",
    "Review: ‘The Lighthouse Keeper’s Daughter’ at the Corn Exchange",
    "Hospital A&E waits fall below four hours for first time since 2023",
    "Opinion: The high street isn’t dying – it’s changing",
    "Fishing fleet returns to port with record autumn catch",
    "Five things to do in Fairhaven this weekend",
    "Obituary: Margaret Ellery, 94, the city’s first female harbourmaster",
    "Why is the 42 bus always late? We rode it for a week",
    "Bakery owner’s 40-year-old sourdough starter wins national prize",
    "Explained: how the 3.5% council tax rise is calculated",
    "Police appeal after ‘suspicious’ fire at disused cinema",
    "Teenager’s rock-pool survey finds species not seen here since 1970s",
    "Q&A: The candidates for mayor answer your questions",
    "Correction: Tuesday’s story on parking charges",
]
STANDFIRSTS = [
    "The decision, after a five-hour meeting, ends two years of uncertainty for traders on both sides of the river.",
    "Operators say three sailings a day will be lost until at least March.",
    "More than 600 people have signed a petition against the 140-home development.",
    "Substitute Ola Brandt’s 88th-minute header sent the home end wild.",
    "Crews worked through the night clearing fallen trees from the A31 and the promenade.",
    "Figures published on Thursday show a marked improvement – but staff warn winter is yet to come.",
    "Our reporter spent five mornings on the route. Here is what she found.",
]
PARAS = [
    "Councillors voted 31 to 9 in favour of the proposal, which will see the 1960s structure replaced by a wider, step-free crossing by autumn 2028.",
    "“It has been a long road,” said council leader Priya Hallworth. “But traders told us loud and clear that the bridge is the heart of the Quayside.”",
    "Opposition members questioned whether the budget, which includes a 15% contingency, was realistic given rising steel prices.",
    "The ferry operator, Tidewater Lines, said it was “deeply sorry” for the disruption and that it was recruiting “as fast as regulations allow”.",
    "Residents at a packed meeting in St Anne’s church hall on Monday night said drainage on the site was already poor.",
    "Gusts of up to 90mph were recorded at Beacon Point shortly after 4am, according to the Met Office.",
    "A spokesperson for the trust said: “Our teams have worked incredibly hard, and these numbers are a testament to that.”",
    "The 42 service is supposed to run every 12 minutes between 7am and 7pm. On four of the five days we rode it, the gap was more than 25 minutes at least once.",
    "Tickets (£12, concessions £8) are available from the box office or on the door.",
    "The survey, carried out over six low tides in August, recorded 83 species – including the snakelocks anemone and the rare giant goby.",
    "Mrs Ellery, who took charge of the harbour in 1979, is survived by her two sons, five grandchildren and “a great many grateful sailors”.",
    "Anyone with information is asked to call police on 101, quoting reference 0417 of 2 December, or contact Crimestoppers anonymously.",
    "The rise – 3.5% for a Band D property, or about £1.24 a week – is below the 4.99% cap but above inflation.",
    "In a statement, the club said: “We’re aware of the issue with the ticketing site and are working with our provider to fix it.”",
    "Update 14:05: The road has now reopened in both directions.",
]
QUOTES = [
    "“The bridge is the heart of the Quayside.”",
    "“We were never consulted – not once.”",
    "“I’ve been baking with her since 1986. She’s part of the family.”",
    "“Three sailings a day is a lifeline, not a luxury.”",
    "“I just wanted to know what lives under the rocks.”",
]
TAGS = ["quayside", "ferries", "housing", "harbour-rovers", "storm-imelda", "council", "transport", "nhs",
        "schools", "weather", "planning", "environment", "arts", "food-and-drink", "policing", "elections"]
REPORTERS = ["Hannah Pryce", "Tom Achterberg", "Samira Okoye", "Declan Frost", "Rosa Villanueva",
             "Ben Whitlock", "Chloe Ng", "Aled Pugh"]
COMMENTS = [
    "About time. That bridge has been an eyesore for years.",
    "Who is actually paying for this? Not a word about it in the article.",
    "My daughter is in year 9 there and the portions really are tiny.",
    "Great result tonight!! COYR 🔴⚪",
    "Has anyone checked whether the 42 is any better on Saturdays? Asking for my nan.",
    "I remember Mrs Ellery from when I was a lad – she once towed my dinghy back in with her launch. RIP.",
    "Correction: the cinema closed in 2009, not 2011.",
    "The petition link doesn’t work on mobile, fyi.",
    "£4.2m… and they can’t fix the potholes on Kestrel Way?",
    "Lovely piece. More like this please.",
    "Seems a bit one-sided – no comment from the developer?",
    "Went last night – the second act is brilliant, don’t leave at the interval!",
]
SEARCHES = ['"Marsh Lane"', "ferry timetable", '"council tax" 2027', "bin collection rota", "storm imelda damage",
            '"Harbour Rovers" transfer', "obituaries december", "a&e waiting times", "quayside bridge closure dates",
            'planning "objection deadline"', "christmas lights switch on", "road closures A31"]


def _art_path(rng: random.Random) -> tuple[str, str]:
    h = pick(rng, HEADLINES)
    return f"/{pick(rng, SECTIONS)}/2026/{rng.randint(10, 12):02d}/{rng.randint(1, 28):02d}/{slug(h)[:70]}-{rng.randrange(10**6, 10**7)}", h


def _reader(rng: random.Random) -> str:
    meter = b64url(js_json({"v": 2, "n": rng.randint(0, 6), "r": day(rng, past=True)}).encode())
    return cookie_jar(rng, "django", extra=[("hg_meter", meter)], ga=0.7)


def _editor_cookie(rng: random.Random) -> str:
    return cookie_jar(rng, "django", ga=0.1, extra=[("cms_panel", pick(rng, ["left", "collapsed"]))])


# ------------------------------------------------------------------ public site


def home(rng: random.Random) -> Request:
    qs = pick(rng, ["", "", "", "edition=uk", "ref=nav"])
    return browser(rng, SRC, "home", "GET", WWW, "/", qs, page=True, cookie=_reader(rng) if rng.random() < 0.6 else None,
                   site=pick(rng, ["none", "cross-site"]), referer="https://search.example.com/")


def article(rng: random.Random) -> Request:
    path, _ = _art_path(rng)
    qs = pick(rng, ["", "", "utm_source=newsletter&utm_medium=email&utm_campaign=morning-briefing-" + day(rng, past=True),
                    "utm_source=social&utm_medium=fb&fbclid=IwZXh0bgNhZW0CMTEAAR" + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", 40),
                    "ref=homepage", "page=2", "amp=1"])
    return browser(rng, SRC, "article", "GET", WWW, path, qs, page=True, cookie=_reader(rng),
                   site=pick(rng, ["same-origin", "cross-site", "none"]), referer=f"https://{WWW}/")


def section(rng: random.Random) -> Request:
    qs = query([("page", str(rng.randint(2, 9)))]) if rng.random() < 0.5 else ""
    return browser(rng, SRC, "section", "GET", WWW, f"/{pick(rng, SECTIONS)}/", qs, page=True, cookie=_reader(rng),
                   referer=f"https://{WWW}/")


def search(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, SEARCHES))]
    if rng.random() < 0.4:
        pairs += [("section", pick(rng, SECTIONS)), ("from", day(rng, past=True)), ("sort", pick(rng, ["newest", "relevance"]))]
    return browser(rng, SRC, "search", "GET", WWW, "/search", query(pairs), page=True, cookie=_reader(rng),
                   referer=f"https://{WWW}/search")


def tag_or_author(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return browser(rng, SRC, "tag", "GET", WWW, f"/topic/{pick(rng, TAGS)}", pick(rng, ["", "page=3"]), page=True,
                       cookie=_reader(rng))
    return browser(rng, SRC, "author", "GET", WWW, f"/profile/{slug(pick(rng, REPORTERS))}", "", page=True,
                   cookie=_reader(rng))


def comment(rng: random.Random) -> Request:
    path, _ = _art_path(rng)
    b = pick(rng, BROWSERS)
    pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 64)),
             ("article_id", path.rsplit("-", 1)[1]), ("parent", pick(rng, ["", "", str(rng.randrange(10**5, 10**6))])),
             ("body", pick(rng, COMMENTS)), ("display_name", pick(rng, ["QuaysideDave", "anne_m", "Rovers4Life", "Sal B.", "retired_teacher"]))]
    body = form(pairs).encode()
    return browser(rng, SRC, "comment", "POST", WWW, "/comments/post/", body=body,
                   ctype="application/x-www-form-urlencoded", page=True, cookie=_reader(rng),
                   referer=f"https://{WWW}{path}", b=b)


def comment_vote(rng: random.Random) -> Request:
    body = js_json({"vote": pick(rng, ["up", "down"]), "comment_id": rng.randrange(10**5, 10**6)}).encode()
    return browser(rng, SRC, "comment_vote", "POST", WWW, "/api/comments/vote", body=body, ctype="application/json",
                   cookie=_reader(rng), extra=csrf(rng, "django"), referer=f"https://{WWW}{_art_path(rng)[0]}")


def comment_report(rng: random.Random) -> Request:
    body = js_json({"comment_id": rng.randrange(10**5, 10**6), "reason": pick(rng, ["spam", "abuse", "off_topic", "misinformation"]),
                    "note": pick(rng, ["", "Same link posted under every story today", "Personal attack on another reader", "This is an advert"])}).encode()
    return browser(rng, SRC, "comment_report", "POST", WWW, "/api/comments/report", body=body, ctype="application/json",
                   cookie=_reader(rng), extra=csrf(rng, "django"))


def newsletter(rng: random.Random) -> Request:
    g, _, email = person(rng)
    pairs = [("email", email), ("first_name", g)]
    pairs += [("lists", x) for x in some(rng, ["morning-briefing", "sport-extra", "whats-on", "planning-alerts", "obits"], 1, 3)]
    pairs += [("consent", "on"), ("source", pick(rng, ["footer", "article-inline", "popup"]))]
    return browser(rng, SRC, "newsletter", "POST", WWW, "/newsletters/subscribe", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=_reader(rng),
                   referer=f"https://{WWW}/newsletters")


def meter(rng: random.Random) -> Request:
    path, _ = _art_path(rng)
    body = js_json({"url": f"https://{WWW}{path}", "contentId": path.rsplit("-", 1)[1], "section": path.split("/")[1],
                    "premium": rng.random() < 0.3, "referrer": pick(rng, ["", "https://search.example.com/", "https://social.example.net/"]),
                    "visitorId": uuid4(rng), "adblock": rng.random() < 0.2}).encode()
    return browser(rng, SRC, "paywall_meter", "POST", "paywall.harbourgazette.example.com", "/v1/meter/check",
                   body=body, ctype="application/json", cookie=_reader(rng), site="same-site",
                   referer=f"https://{WWW}{path}")


def subscribe(rng: random.Random) -> Request:
    g, f, email = person(rng)
    pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 64)), ("plan", pick(rng, ["digital-monthly", "digital-annual", "print-digital"])),
             ("first_name", g), ("last_name", f), ("email", email), ("postcode", pick(rng, ["TN23 1AA", "02719", "K1A 0B1"])),
             ("gift", pick(rng, ["", "on"])), ("promo", pick(rng, ["", "", "WINTER26", "READER50"]))]
    return browser(rng, SRC, "subscribe", "POST", WWW, "/subscribe/checkout", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=_reader(rng), referer=f"https://{WWW}/subscribe")


def login(rng: random.Random) -> Request:
    _, _, email = person(rng)
    pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 64)), ("email", email),
             ("password", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*-_", rng.randint(10, 20))),
             ("next", _art_path(rng)[0])]
    return browser(rng, SRC, "login", "POST", WWW, "/account/login/", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=cookie_jar(rng, "django"),
                   referer=f"https://{WWW}/account/login/")


def beacon(rng: random.Random) -> Request:
    path, h = _art_path(rng)
    body = js_json({"e": "scroll_depth", "p": path, "t": h, "d": pick(rng, [25, 50, 75, 100]), "s": rng.randint(5, 600),
                    "vid": uuid4(rng), "ts": epoch(rng) * 1000}).encode()
    return browser(rng, SRC, "beacon", "POST", WWW, "/collect", body=body, ctype="text/plain;charset=UTF-8",
                   accept="*/*", cookie=_reader(rng), referer=f"https://{WWW}{path}")


def live_poll(rng: random.Random) -> Request:
    qs = query([("since", stamp(rng)), ("limit", "20")])
    return browser(rng, SRC, "liveblog_poll", "GET", WWW, f"/api/live/{rng.randrange(3000, 4000)}/entries", qs,
                   cookie=_reader(rng), referer=f"https://{WWW}/news/live/storm-imelda")


def rss(rng: random.Random) -> Request:
    return client(rng, SRC, "rss", "GET", WWW, f"/{pick(rng, SECTIONS)}/rss.xml", "", lib=pick(rng, ["curl", "go", "requests"]),
                  ua=pick(rng, ["Feedly/1.0 (+http://www.feedly.example.com/fetcher.html; 42 subscribers)",
                                "NetNewsWire (RSS Reader; https://netnewswire.example.org/)", "Tiny Tiny RSS/25.11 (https://tt-rss.example.org/)"]),
                  accept="application/rss+xml, application/xml;q=0.9, */*;q=0.8",
                  extra=[("if-modified-since", "Fri, 04 Dec 2026 09:12:44 GMT")] if rng.random() < 0.5 else None)


def tip_upload(rng: random.Random) -> Request:
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    parts = text_parts([("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 64)),
                        ("subject", pick(rng, ["Parking charges at the hospital", "Planning documents for Marsh Lane", "Bus depot staffing"])),
                        ("message", "Hi,\r\n\r\nI work near the site and thought you should see the attached. The dates on page 3 don’t match what the council said at Monday’s meeting.\r\n\r\nI’d prefer not to be named."),
                        ("contact", pick(rng, ["", person(rng)[2]]))])
    parts.append(("attachment", fake_pdf(rng, "minutes"), pick(rng, ["minutes.pdf", "Scan 2026-11-30.pdf", "letter to residents.pdf"]), "application/pdf"))
    body = multipart(parts, bnd)
    return browser(rng, SRC, "tip_submit", "POST", WWW, "/tips/submit", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   page=True, cookie=cookie_jar(rng, "django"), referer=f"https://{WWW}/tips", b=b)


# ------------------------------------------------------------------ the CMS


def _embed(rng: random.Random) -> str:
    return pick(rng, [
        '<figure class="embed embed--social"><blockquote class="social-post" data-dnt="true"><p lang="en" dir="ltr">Waves over the sea wall at Beacon Point this morning. Stay well back, folks. <a href="https://chirp.example.com/hashtag/StormImelda">#StormImelda</a></p>&mdash; Coastguard Fairhaven (@FairhavenCG) <a href="https://chirp.example.com/FairhavenCG/status/1865' + str(rng.randrange(10**12)) + '">December 3, 2026</a></blockquote>\n<script async src="https://platform.chirp.example.com/widgets.js" charset="utf-8"></script></figure>',
        '<figure class="embed embed--video"><iframe width="560" height="315" src="https://video.example.net/embed/' + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 11) + '?si=' + chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 16) + '" title="Video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe><figcaption>Drone footage of the Quayside footbridge. Video: Harbour Gazette</figcaption></figure>',
        '<figure class="embed embed--map"><iframe src="https://maps.example.com/maps/embed?pb=!1m18!1m12!1m3!1d2521.' + str(rng.randrange(10**6)) + '!2d-1.1' + str(rng.randrange(10**4)) + '!3d50.7' + str(rng.randrange(10**4)) + '!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1" width="600" height="450" style="border:0;" allowfullscreen="" loading="lazy" referrerpolicy="no-referrer-when-downgrade"></iframe></figure>',
        '<figure class="embed embed--audio"><iframe style="border-radius:12px" src="https://audio.example.org/embed/episode/' + chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 22) + '?utm_source=generator" width="100%" height="152" frameBorder="0" allowfullscreen="" allow="autoplay; clipboard-write; encrypted-media; fullscreen; picture-in-picture" loading="lazy"></iframe></figure>',
        '<figure class="embed embed--gram"><blockquote class="pic-media" data-pic-permalink="https://pics.example.com/p/' + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", 11) + '/?utm_source=ig_embed&amp;utm_campaign=loading" data-pic-version="14" style="background:#FFF; border:0; margin: 1px; max-width:540px; width:calc(100% - 2px);"><a href="https://pics.example.com/p/x/">View this post</a></blockquote></figure>',
    ])


def _rich(rng: random.Random) -> str:
    blocks = [f"<p>{p}</p>" for p in some(rng, PARAS, 3, 6)]
    if rng.random() < 0.6:
        blocks.insert(rng.randint(1, len(blocks)), f'<blockquote class="pullquote"><p>{pick(rng, QUOTES)}</p><cite>{pick(rng, ["Priya Hallworth", "a Marsh Lane resident", "Tidewater Lines"])}</cite></blockquote>')
    if rng.random() < 0.5:
        blocks.insert(rng.randint(1, len(blocks)), _embed(rng))
    if rng.random() < 0.3:
        blocks.insert(2, '<h2>What happens next?</h2>')
        blocks.append("<ul><li>Consultation closes on 19 December</li><li>Final decision expected in February</li><li>Work could begin in <strong>spring 2027</strong></li></ul>")
    if rng.random() < 0.3:
        blocks.append(f'<p><em>Read more: <a href="https://{WWW}{_art_path(rng)[0]}">{pick(rng, HEADLINES)}</a></em></p>')
    return "".join(blocks)


def _cms_post(rng: random.Random, kind: str, method: str, path: str, obj: object) -> Request:
    body = js_json(obj).encode()
    return browser(rng, SRC, kind, method, CMS, path, body=body, ctype="application/json", cookie=_editor_cookie(rng),
                   extra=csrf(rng, "django"), referer=f"https://{CMS}/edit/{rng.randrange(10**5, 10**6)}")


def draft_autosave(rng: random.Random) -> Request:
    aid = rng.randrange(10**5, 10**6)
    return _cms_post(rng, "draft_autosave", "PUT", f"/api/v2/articles/{aid}/draft", {
        "revision": rng.randint(2, 140), "headline": pick(rng, HEADLINES), "standfirst": pick(rng, STANDFIRSTS),
        "body": _rich(rng), "wordCount": rng.randint(180, 1400), "savedAt": stamp(rng), "clientId": uuid4(rng)})


def draft_create(rng: random.Random) -> Request:
    h = pick(rng, HEADLINES)
    return _cms_post(rng, "draft_create", "POST", "/api/v2/articles", {
        "headline": h, "seoHeadline": h[:60], "standfirst": pick(rng, STANDFIRSTS), "slug": slug(h)[:70],
        "section": pick(rng, SECTIONS), "bylines": [{"name": n, "role": "reporter"} for n in some(rng, REPORTERS, 1, 2)],
        "tags": some(rng, TAGS, 1, 4), "template": pick(rng, ["standard", "liveblog", "explainer", "review", "obituary"]),
        "embargo": pick(rng, [None, f"{day(rng)}T06:00:00Z"]), "premium": rng.random() < 0.3})


def headline_variants(rng: random.Random) -> Request:
    return _cms_post(rng, "headline_test", "POST", f"/api/v2/articles/{rng.randrange(10**5, 10**6)}/headline-tests", {
        "variants": [{"id": c, "text": t} for c, t in zip("ABC", some(rng, HEADLINES, 2, 3), strict=False)], "trafficSplit": "even",
        "metric": pick(rng, ["ctr", "attention_time"]), "durationMinutes": pick(rng, [30, 60, 120])})


def publish(rng: random.Random) -> Request:
    return _cms_post(rng, "publish", "PATCH", f"/api/v2/articles/{rng.randrange(10**5, 10**6)}", {
        "status": pick(rng, ["published", "scheduled", "ready_for_sub", "legal_check"]), "publishAt": stamp(rng),
        "notifyDesk": rng.random() < 0.5, "homepageSlot": pick(rng, [None, "lead", "second", "sidebar"])})


def correction(rng: random.Random) -> Request:
    note = pick(rng, [
        "An earlier version of this article said the footbridge would cost £2.4m. The correct figure is £4.2m.",
        "This article was amended on 3 December 2026 to correct the spelling of Cllr Hallworth’s name.",
        "We previously stated that the cinema closed in 2011; it closed in 2009. We apologise for the error.",
        "Clarification: the 3.5% rise applies to the council’s share of the bill only, not police or fire precepts.",
    ])
    return _cms_post(rng, "correction", "POST", f"/api/v2/articles/{rng.randrange(10**5, 10**6)}/corrections", {
        "type": pick(rng, ["correction", "clarification"]), "text": note, "visible": True, "appendToFooter": True})


def liveblog_entry(rng: random.Random) -> Request:
    text = pick(rng, [
        "<p><strong>14:05</strong> – The A31 has reopened in both directions, police say.</p>",
        "<p>Power has been restored to about 3,200 homes in Northcote, but around 900 remain without electricity.</p><p>The network operator says it hopes to reconnect them “by teatime”.</p>",
        "<p>A reader, Jo, sends this picture from Saltmarsh Drive: “The whole garden fence has gone!”</p>",
        f"<p>Here’s the latest from the coastguard:</p>{_embed(rng)}",
        "<p>Trains between Fairhaven and Riverton are suspended until at least 6pm because of a tree on the line. Rail replacement buses are running (tickets accepted).</p>",
        "<p><em>That’s all from us tonight – thank you for following. We’ll be back at 7am.</em></p>",
    ])
    return _cms_post(rng, "liveblog_entry", "POST", f"/api/v2/live/{rng.randrange(3000, 4000)}/entries", {
        "html": text, "pinned": rng.random() < 0.1, "keyEvent": rng.random() < 0.2, "author": pick(rng, REPORTERS),
        "displayTime": stamp(rng)})


def image_upload(rng: random.Random) -> Request:
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    parts = text_parts([("caption", pick(rng, ["Waves crash over the sea wall at Beacon Point on Wednesday morning.",
                                               "Council leader Priya Hallworth outside the Guildhall.",
                                               "The Quayside footbridge, which opened in 1964.",
                                               "Bakery owner Giulia Romano with ‘Mother’, her 40-year-old starter."])),
                        ("credit", pick(rng, ["Photo: Harbour Gazette / Aled Pugh", "© Fairhaven Coastguard", "Handout", "Ben Whitlock/HG"])),
                        ("alt", "A person in a yellow coat watches grey waves breaking over a stone wall"),
                        ("rights", pick(rng, ["staff", "handout", "agency", "ugc_permission"])), ("focalPoint", f"{rng.random():.2f},{rng.random():.2f}")])
    name = pick(rng, ["IMG_4412.JPG", "beacon-point-storm.jpg", "DSC_0981.jpg", "hallworth_guildhall.jpeg"])
    parts.insert(0, ("file", fake_jpeg(rng, rng.randint(600, 1800), camera=pick(rng, [("Canon", "Canon EOS R6m2"), ("NIKON CORPORATION", "NIKON Z 6_2"), ("Apple", "iPhone 15 Pro")])), name, "image/jpeg"))
    body = multipart(parts, bnd)
    return browser(rng, SRC, "image_upload", "POST", CMS, "/api/v2/media", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   cookie=_editor_cookie(rng), extra=csrf(rng, "django"), b=b, referer=f"https://{CMS}/media")


def oembed(rng: random.Random) -> Request:
    url = pick(rng, [f"https://video.example.net/watch?v={chars(rng, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 11)}&t=42s",
                     f"https://chirp.example.com/FairhavenCG/status/{rng.randrange(10**18)}",
                     "https://maps.example.com/?q=Beacon+Point,+Fairhaven&z=14"])
    return browser(rng, SRC, "oembed", "GET", CMS, "/api/v2/oembed", uri_query([("url", url), ("maxwidth", "640")]),
                   cookie=_editor_cookie(rng))


def slug_check(rng: random.Random) -> Request:
    return browser(rng, SRC, "slug_check", "GET", CMS, "/api/v2/slugs/available", query([("slug", slug(pick(rng, HEADLINES))[:70]), ("section", pick(rng, SECTIONS))]),
                   cookie=_editor_cookie(rng))


def editorial_note(rng: random.Random) -> Request:
    return _cms_post(rng, "editor_note", "POST", f"/api/v2/articles/{rng.randrange(10**5, 10**6)}/notes", {
        "text": pick(rng, ["@Declan can you stand up the £4.2m figure? Council press release says 4.1", "Legal OK’d para 6 with the change to ‘alleged’",
                           "Needs a pic – ask the desk for something from Monday’s meeting", "Subbed. Headline is 2 chars over for print, suggest dropping ‘again’",
                           "Hold until 6am embargo"]),
        "mentions": some(rng, ["declan.frost", "hannah.pryce", "picture.desk", "legal"], 0, 2)})


def cms_list(rng: random.Random) -> Request:
    qs = query([("status", pick(rng, ["draft", "published", "scheduled"])), ("section", pick(rng, SECTIONS)),
                ("q", pick(rng, ["", "storm", "ferry", "council"])), ("ordering", "-updated_at"), ("page", str(rng.randint(1, 4)))])
    return browser(rng, SRC, "cms_list", "GET", CMS, "/api/v2/articles", qs, cookie=_editor_cookie(rng))


# ------------------------------------------------------------------ machines


def wire_ingest(rng: random.Random) -> Request:
    h = pick(rng, ["Rail strike called off after late-night talks", "Interest rates held at 3.75%", "Met Office issues amber warning for wind",
                   "Energy price cap to rise 2% in January"])
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:wire.example.org:2026:{hexs(rng, 12)}" version="{rng.randint(1, 4)}">\n'
           f'  <itemMeta><itemClass qcode="ninat:text"/><versionCreated>{stamp(rng)}</versionCreated><pubStatus qcode="stat:usable"/></itemMeta>\n'
           f'  <contentMeta><headline>{h}</headline><slugline>{slug(h)[:30].upper()}</slugline><creator><name>Wire staff</name></creator>'
           f'<subject type="cpnat:abstract" qcode="medtop:{rng.randrange(10**7, 10**8)}"/></contentMeta>\n'
           f'  <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>'
           f'<p>LONDON (Wire) – {h}, officials said on Thursday.</p><p>More to follow.</p></body></html></inlineXML></contentSet>\n</newsItem>\n')
    body = xml.encode()
    return client(rng, SRC, "wire_ingest", "POST", API, "/ingest/wire/newsml", body=body, ctype="application/vnd.iptc.g2.newsitem+xml",
                  lib=pick(rng, ["java", "go"]), auth="Basic " + b64url(f"wirefeed:{chars(rng, 'abcdefghijklmnopqrstuvwxyz0123456789', 20)}".encode()),
                  extra=[("x-wire-sequence", str(rng.randrange(10**6)))])


def app_feed(rng: random.Random) -> Request:
    qs = query([("section", pick(rng, SECTIONS)), ("limit", "25"), ("cursor", b64url(rbytes(rng, 12)))])
    lib = pick(rng, ["okhttp", "ios"])
    ua = "HarbourGazette/6.4.1 (Android 15)" if lib == "okhttp" else "HarbourGazette/6.4 CFNetwork/3826.600.41 Darwin/24.6.0"
    return client(rng, SRC, "app_feed", "GET", API, "/mobile/v3/feed", qs, lib=lib, ua=ua,
                  auth=bearer(rng, "https://id.harbourgazette.example.com") if rng.random() < 0.5 else None,
                  extra=[("x-app-install", uuid4(rng))])


def push_send(rng: random.Random) -> Request:
    path, h = _art_path(rng)
    body = py_json({"title": "Breaking" if rng.random() < 0.3 else "Harbour Gazette", "body": h, "url": f"https://{WWW}{path}",
                    "segments": some(rng, ["breaking", "sport", "local-fairhaven", "local-riverton"], 1, 2), "ttl": 3600,
                    "collapse_key": slug(h)[:32]}).encode()
    return client(rng, SRC, "push_send", "POST", "push.harbourgazette.example.com", "/v1/notifications", body=body,
                  ctype="application/json", lib=pick(rng, ["requests", "aiohttp"]), auth="Token " + hexs(rng, 40),
                  extra=[("idempotency-key", uuid4(rng))])


def sitemap(rng: random.Random) -> Request:
    return client(rng, SRC, "sitemap", "GET", WWW, pick(rng, ["/sitemap-news.xml", "/sitemaps/2026-12.xml", "/robots.txt"]), "",
                  lib="go", ua="Mozilla/5.0 (compatible; ExampleBot/2.1; +http://bot.example.com/bot.html)", accept="*/*")


def payment_webhook(rng: random.Random) -> Request:
    body = js_json({"id": "evt_" + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24), "type": pick(rng, ["subscription.created", "invoice.paid", "subscription.cancelled"]),
                    "created": epoch(rng), "data": {"customer": "cus_" + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 14),
                                                    "plan": pick(rng, ["digital-monthly", "digital-annual"]), "amount": pick(rng, [799, 7900, 1299]), "currency": "gbp"}}).encode()
    t = epoch(rng)
    return client(rng, SRC, "billing_webhook", "POST", API, "/webhooks/billing", body=body, ctype="application/json; charset=utf-8",
                  lib="node", ua="Billing-Webhooks/1.0", extra=[("billing-signature", f"t={t},v1={hmac_hex(rng, body)}")])


def news_cms(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (14, article), (6, home), (6, section), (7, search), (4, tag_or_author), (7, comment), (3, comment_vote),
        (2, comment_report), (4, newsletter), (7, meter), (2, subscribe), (3, login), (5, beacon), (4, live_poll),
        (2, rss), (1, tip_upload), (6, draft_autosave), (3, draft_create), (2, headline_variants), (3, publish),
        (2, correction), (4, liveblog_entry), (3, image_upload), (2, oembed), (2, slug_check), (2, editorial_note),
        (3, cms_list), (2, wire_ingest), (4, app_feed), (1, push_send), (2, sitemap), (2, payment_webhook),
    ])
