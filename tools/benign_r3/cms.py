# ruff: noqa: RUF001 - real copy uses typographic quotes and dashes
"""cms_blocks: a CMS page builder saving pages as JSON blocks (Editor.js,
Gutenberg-serialised HTML, Wagtail StreamField forms), autosaves, SEO panels,
image uploads and previews."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, hexs, js_json, pick, rbytes, stamp, uuid4

from .common import (
    BROWSERS,
    Request,
    boundary,
    browser,
    cookies,
    csrf_header,
    multipart,
    some,
    uri_query,
)

SRC = "cms_blocks"
HOSTS = ["cms.example.com", "admin.example.org", "studio.example.net", "www.example.co.uk", "editor.example.de"]

SITES = {
    "bakery": ("Rye & Crumb Bakery", ["sourdough", "croissants", "wholesale orders", "gluten-free loaves"]),
    "cowork": ("Harbour Desk Coworking", ["hot desks", "meeting rooms", "day passes", "member events"]),
    "museum": ("Riverside Museum of Maps", ["the winter exhibition", "guided tours", "school visits", "the map archive"]),
    "clinic": ("Northgate Family Dental", ["check-ups", "emergency appointments", "children's dentistry", "whitening"]),
    "saas": ("Ledgerly", ["invoicing", "multi-currency payouts", "the new API", "team permissions"]),
    "charity": ("Open Shelves Trust", ["book donations", "volunteering", "the reading programme", "our annual report"]),
    "bikes": ("Spoke & Chain", ["e-bike servicing", "cargo bikes", "the spring sale", "bike fitting"]),
    "hotel": ("Hotel Alpenblick", ["family rooms", "the spa", "half board", "winter packages"]),
}

HEADINGS = [
    "Why {org}?", "About {t}", "Everything you need to know about {t}", "What's new in {t}",
    "Our approach to {t}", "Frequently asked questions", "Opening hours & directions", "Meet the team",
    "{T} — prices for 2027", "How it works", "Get in touch", "Before your visit", "Step 1: Choose a plan",
    "Plans & pricing", "Customer stories", "Accessibility",
]

SENTENCES = [
    "We've been doing {t} since 2009, and we still love it.",
    "Booking {t} takes less than two minutes — <a href=\"https://{host}/book\">start here</a>.",
    "Our <b>{t}</b> are available Monday to Saturday, 8am–6pm.",
    "Questions about {t}? Call us on <a href=\"tel:+442079460123\">020 7946 0123</a> or <a href=\"mailto:hello@example.com\">email the team</a>.",
    "Prices start at <b>£12.50</b> per person (children under 5 go free).",
    "<i>Please note:</i> {t} will be closed on 24–26 December.",
    "Read our <a href=\"/blog/{slug}\">latest update on {t}</a> for the details.",
    "Everything is made on site, every morning.<br>No shortcuts, no preservatives.",
    "It's the little things: free Wi-Fi, good coffee &amp; a quiet corner when you need one.",
    "Members get 10% off {t} &mdash; see <a href=\"/membership\" target=\"_blank\" rel=\"noopener\">membership</a>.",
    "If you need step-free access, let us know in advance and we'll arrange it.",
    "The {org} team will reply within one working day.",
    "Parking is available at the rear of the building (entrance on Mill Lane).",
    "<b>New:</b> {t} can now be booked online, 24/7.",
    "Our guide to {t} covers what to bring, what it costs and what happens on the day.",
    "“{T} changed the way we work,” says one long-time customer.",
    "From 1 March, {t} moves to our new address: 14 Quay Street.",
    "All our prices include VAT at 20%.",
    "We're a small team of 12 &amp; we answer every message ourselves.",
    "Download the <a href=\"https://{host}/files/price-list-2027.pdf\">price list (PDF, 240 KB)</a>.",
]

QUOTES = [
    ("The best sourdough in town, hands down.", "Priya, regular since 2019"),
    ("Friendly, calm and always on time.", "A patient"),
    ("Switching took an afternoon. We haven't looked back.", "Head of Finance, a 40-person agency"),
    ("My kids asked to come back the next weekend!", "Google review"),
    ("Simple, fair pricing — exactly what we needed.", "Marta K."),
    ("Il personale è stato gentilissimo.", "Giulia"),
]

LIST_ITEMS = [
    "Free cancellation up to 48 hours before", "Step-free entrance", "Dogs welcome 🐶", "Card payments only",
    "Bring photo ID", "Open bank holidays", "Wi-Fi &amp; coffee included", "Gluten-free options",
    "No booking fee", "Group discounts for 10+", "Bike parking outside", "<b>Same-day</b> appointments",
    "Live chat 9–5", "Invoices in EUR, GBP or USD", "Lockers available", "Baby-changing facilities",
]

VIDEOS = ["https://www.youtube.com/watch?v={yt}", "https://youtu.be/{yt}", "https://vimeo.com/{vm}",
          "https://www.youtube.com/embed/{yt}?start=42"]

CTA = ["Book now", "Get started", "Reserve a table", "See all plans", "Download the brochure", "Contact us",
       "Join the waiting list", "Donate today", "Start free trial"]


def _ctx(rng: random.Random) -> dict[str, str]:
    key = pick(rng, sorted(SITES))
    org, topics = SITES[key]
    t = pick(rng, topics)
    return {"org": org, "t": t, "T": t[:1].upper() + t[1:], "host": pick(rng, HOSTS),
            "slug": t.replace(" ", "-").replace("'", ""), "key": key}


def _fill(s: str, c: dict[str, str]) -> str:
    return s.format(**c)


def _para(rng: random.Random, c: dict[str, str], lo: int = 1, hi: int = 3) -> str:
    return " ".join(_fill(s, c) for s in some(rng, SENTENCES, lo, hi))


def _video(rng: random.Random) -> str:
    return pick(rng, VIDEOS).format(yt=chars(rng, ALNUM + "-_", 11), vm=str(rng.randrange(100_000_000, 999_999_999)))


def _image_name(rng: random.Random, c: dict[str, str]) -> str:
    return f"{c['key']}-{pick(rng, ['hero', 'team', 'interior', 'detail', 'banner'])}-{rng.randrange(1, 40)}.{pick(rng, ['jpg', 'webp', 'png'])}"


def _editorjs_block(rng: random.Random, c: dict[str, str]) -> dict[str, object]:
    kind = pick(rng, ["header", "paragraph", "paragraph", "paragraph", "list", "quote", "image", "embed", "delimiter", "button", "table"])
    bid = chars(rng, ALNUM + "-_", 10)
    data: dict[str, object]
    if kind == "header":
        data = {"text": _fill(pick(rng, HEADINGS), c), "level": pick(rng, [2, 2, 3, 4])}
    elif kind == "paragraph":
        data = {"text": _para(rng, c)}
    elif kind == "list":
        data = {"style": pick(rng, ["unordered", "ordered"]), "items": some(rng, LIST_ITEMS, 2, 5)}
    elif kind == "quote":
        q, who = pick(rng, QUOTES)
        data = {"text": q, "caption": who, "alignment": "left"}
    elif kind == "image":
        name = _image_name(rng, c)
        data = {"file": {"url": f"https://media.example.com/uploads/2026/12/{name}"},
                "caption": _fill(pick(rng, ["Inside {org}", "{T} at {org}", "Photo: our team, December 2026", "The view from the <i>first floor</i>"]), c),
                "withBorder": False, "stretched": rng.random() < 0.3, "withBackground": False}
    elif kind == "embed":
        url = _video(rng)
        service = "vimeo" if "vimeo" in url else "youtube"
        data = {"service": service, "source": url, "embed": url.replace("watch?v=", "embed/"),
                "width": 580, "height": 320, "caption": _fill("A short film about {t}", c)}
    elif kind == "button":
        data = {"text": pick(rng, CTA), "link": f"https://{c['host']}/{pick(rng, ['book', 'pricing', 'contact', 'signup?plan=team'])}",
                "style": pick(rng, ["primary", "secondary"])}
    elif kind == "table":
        data = {"withHeadings": True, "content": [["Service", "Price"], [c["T"], "£45"], ["Follow-up", "£25"]]}
    else:
        data = {}
    return {"id": bid, "type": kind, "data": data}


def _gutenberg(rng: random.Random, c: dict[str, str]) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(3, 8)):
        k = pick(rng, ["p", "p", "h", "list", "img", "quote", "embed", "buttons"])
        if k == "p":
            parts.append(f"<!-- wp:paragraph -->\n<p>{_para(rng, c)}</p>\n<!-- /wp:paragraph -->")
        elif k == "h":
            lvl = pick(rng, [2, 3])
            attr = "" if lvl == 2 else ' {"level":3}'
            parts.append(f"<!-- wp:heading{attr} -->\n<h{lvl} class=\"wp-block-heading\">{_fill(pick(rng, HEADINGS), c)}</h{lvl}>\n<!-- /wp:heading -->")
        elif k == "list":
            items = "".join(f"<!-- wp:list-item -->\n<li>{i}</li>\n<!-- /wp:list-item -->\n" for i in some(rng, LIST_ITEMS, 2, 4))
            parts.append(f"<!-- wp:list -->\n<ul class=\"wp-block-list\">{items}</ul>\n<!-- /wp:list -->")
        elif k == "img":
            iid = rng.randrange(100, 9000)
            name = _image_name(rng, c)
            alt = _fill(pick(rng, ["{T} at {org}", "Two people chatting by the window", "Close-up of fresh bread on a wooden board", "Map of the local area"]), c)
            parts.append(f"<!-- wp:image {{\"id\":{iid},\"sizeSlug\":\"large\",\"linkDestination\":\"none\"}} -->\n"
                         f"<figure class=\"wp-block-image size-large\"><img src=\"https://media.example.com/wp-content/uploads/2026/12/{name}\" alt=\"{alt}\" class=\"wp-image-{iid}\"/>"
                         f"<figcaption class=\"wp-element-caption\">{_fill('Photo: {org}', c)}</figcaption></figure>\n<!-- /wp:image -->")
        elif k == "quote":
            q, who = pick(rng, QUOTES)
            parts.append(f"<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>{q}</p>\n<!-- /wp:paragraph --><cite>{who}</cite></blockquote>\n<!-- /wp:quote -->")
        elif k == "embed":
            url = _video(rng)
            prov = "vimeo" if "vimeo" in url else "youtube"
            parts.append(f"<!-- wp:embed {{\"url\":\"{url}\",\"type\":\"video\",\"providerNameSlug\":\"{prov}\",\"responsive\":true}} -->\n"
                         f"<figure class=\"wp-block-embed is-type-video is-provider-{prov} wp-block-embed-{prov}\"><div class=\"wp-block-embed__wrapper\">\n{url}\n</div></figure>\n<!-- /wp:embed -->")
        else:
            label = pick(rng, CTA)
            parts.append(f"<!-- wp:buttons -->\n<div class=\"wp-block-buttons\"><!-- wp:button -->\n<div class=\"wp-block-button\"><a class=\"wp-block-button__link wp-element-button\" href=\"https://{c['host']}/book\">{label}</a></div>\n<!-- /wp:button --></div>\n<!-- /wp:buttons -->")
    return "\n\n".join(parts)


def _seo(rng: random.Random, c: dict[str, str]) -> dict[str, object]:
    return {"meta_title": _fill(pick(rng, ["{T} | {org}", "{org} – {T}", "{T} in Bristol · {org}"]), c),
            "meta_description": _fill(pick(rng, ["Everything about {t} at {org}: prices, opening hours and how to book.",
                                                 "Book {t} online with {org}. Free cancellation, friendly team.",
                                                 "{org}: {t}, explained in plain English."]), c),
            "canonical_url": f"https://{c['host']}/{c['slug']}/",
            "og_image": f"https://media.example.com/og/{c['slug']}.jpg",
            "robots": pick(rng, ["index, follow", "index, follow", "noindex, nofollow"]),
            "schema_type": pick(rng, ["WebPage", "Article", "LocalBusiness", "FAQPage"])}


def one(rng: random.Random) -> Request:
    c = _ctx(rng)
    host = c["host"]
    b = pick(rng, BROWSERS)
    page = rng.randrange(10, 4000)
    r = rng.random()
    if r < 0.25:  # Editor.js save
        fw = pick(rng, ["django", "flask", "fastapi"])
        doc = {"time": 1_796_000_000_000 + rng.randrange(10**9), "blocks": [_editorjs_block(rng, c) for _ in range(rng.randint(2, 9))],
               "version": pick(rng, ["2.30.7", "2.29.1", "2.31.0"])}
        payload = {"title": _fill(pick(rng, HEADINGS), c), "slug": c["slug"], "content": doc, "status": pick(rng, ["draft", "published"])}
        body = js_json(payload).encode()
        return browser(rng, SRC, "editorjs_save", pick(rng, ["PUT", "PATCH"]), host, f"/api/pages/{page}/", body=body,
                       ctype="application/json", cookie=cookies(rng, fw), extra=csrf_header(rng, fw), b=b,
                       referer=f"https://{host}/admin/pages/{page}/edit")
    if r < 0.45:  # Gutenberg-style serialised blocks
        payload2: dict[str, object] = {"id": page, "title": _fill(pick(rng, HEADINGS), c), "content": _gutenberg(rng, c),
                                       "status": pick(rng, ["draft", "publish", "pending"]), "excerpt": _para(rng, c, 1, 1)}
        if rng.random() < 0.5:
            payload2["meta"] = {"footnotes": "", "_seo_title": _seo(rng, c)["meta_title"]}
        body = js_json(payload2).encode()
        return browser(rng, SRC, "gutenberg_save", "POST", host, f"/api/v1/posts/{page}", "_locale=user", body=body,
                       ctype="application/json", cookie=cookies(rng, "django"),
                       extra=[("x-wp-nonce", hexs(rng, 10))] if rng.random() < 0.3 else csrf_header(rng, "django"),
                       b=b, referer=f"https://{host}/editor/post.php?post={page}&action=edit")
    if r < 0.62:  # Wagtail StreamField admin form
        blocks: list[tuple[str, str]] = []
        nblocks = rng.randint(2, 6)
        for i in range(nblocks):
            kind = pick(rng, ["heading", "paragraph", "paragraph", "image", "embed", "quote", "cta"])
            if kind == "heading":
                val = _fill(pick(rng, HEADINGS), c)
            elif kind == "paragraph":
                val = js_json({"blocks": [{"key": chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 5), "text": _para(rng, c).replace("<b>", "").replace("</b>", ""),
                                           "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": [], "data": {}}], "entityMap": {}})
            elif kind == "image":
                val = str(rng.randrange(1, 900))
            elif kind == "embed":
                val = _video(rng)
            elif kind == "quote":
                val = pick(rng, QUOTES)[0]
            else:
                val = pick(rng, CTA)
            blocks += [(f"body-{i}-deleted", ""), (f"body-{i}-order", str(i)), (f"body-{i}-type", kind),
                       (f"body-{i}-id", uuid4(rng)), (f"body-{i}-value", val)]
        seo = _seo(rng, c)
        pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("next", ""), ("title", _fill(pick(rng, HEADINGS), c)),
                 ("body-count", str(nblocks)), *blocks, ("slug", c["slug"]), ("seo_title", str(seo["meta_title"])),
                 ("search_description", str(seo["meta_description"])), ("go_live_at", ""), ("expire_at", ""),
                 ("comment_notifications", "on")]
        if rng.random() < 0.5:
            pairs.append(("action-publish", "action-publish"))
        body = form(pairs).encode()
        return browser(rng, SRC, "streamfield_form", "POST", host, f"/admin/pages/{page}/edit/", body=body,
                       ctype="application/x-www-form-urlencoded", navigate=True, cookie=cookies(rng, "django"), b=b,
                       referer=f"https://{host}/admin/pages/{page}/edit/")
    if r < 0.74:  # autosave of one block
        block = _editorjs_block(rng, c)
        body = js_json({"revision": rng.randrange(1, 300), "saved_at": stamp(rng), "changes": [{"op": "update", "block": block}]}).encode()
        return browser(rng, SRC, "autosave", "PATCH", host, f"/api/pages/{page}/draft", body=body, ctype="application/json",
                       cookie=cookies(rng, "fastapi"), b=b, referer=f"https://{host}/pages/{page}/edit")
    if r < 0.84:  # SEO panel
        body = js_json(_seo(rng, c)).encode()
        fw = pick(rng, ["django", "flask"])
        return browser(rng, SRC, "seo_panel", "PATCH", host, f"/api/pages/{page}/seo", body=body, ctype="application/json",
                       cookie=cookies(rng, fw), extra=csrf_header(rng, fw), b=b, referer=f"https://{host}/admin/pages/{page}/seo")
    if r < 0.93:  # image upload with alt text and caption
        name = _image_name(rng, c)
        bnd = boundary(rng, b)
        ctype_img = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}[name.rsplit(".", 1)[1]]
        magic = {"image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/png": b"\x89PNG\r\n\x1a\n", "image/webp": b"RIFF\x00\x10\x00\x00WEBPVP8 "}[ctype_img]
        alt = _fill(pick(rng, ["{T} at {org}", "A bright room with wooden tables", "Staff member smiling at the front desk", "Bicycles lined up outside the shop"]), c)
        parts = [("file", magic + rbytes(rng, rng.randint(200, 700)), name, ctype_img),
                 ("alt", alt.encode(), None, None), ("caption", _fill("Photo: {org}, 2026", c).encode(), None, None),
                 ("collection", str(rng.randrange(1, 12)).encode(), None, None)]
        body = multipart(parts, bnd)
        return browser(rng, SRC, "image_upload", "POST", host, "/api/images/", body=body,
                       ctype=f"multipart/form-data; boundary={bnd}", cookie=cookies(rng, "django"),
                       extra=csrf_header(rng, "django"), b=b, referer=f"https://{host}/admin/pages/{page}/edit/")
    qs = uri_query([("content_type", "home.StandardPage"), ("slug", c["slug"]), ("mode", pick(rng, ["", "mobile", "desktop"])), ("in_preview_panel", "true")])
    return browser(rng, SRC, "preview", "GET", host, f"/admin/pages/{page}/edit/preview/", qs, navigate=False,
                   cookie=cookies(rng, "django"), b=b, accept="text/html, */*; q=0.01",
                   referer=f"https://{host}/admin/pages/{page}/edit/")


def cms_blocks(rng: random.Random, n: int) -> list[Request]:
    return [one(rng) for _ in range(n)]
