# ruff: noqa: RUF001
"""An e-mail marketing tool (Flask app + JSON API): the campaign editor
saving whole HTML e-mails (tables, inline styles, Outlook conditional
comments, merge tags in two dialects), plain-text parts, list imports,
segments, A/B tests, the public unsubscribe and preference pages, tracking
links and pixels as mail clients fetch them, sign-up forms embedded on
customers' sites, and the sending infrastructure's event webhooks."""

from __future__ import annotations

import json
import random

from .common import (
    DESKTOP,
    MOBILE,
    Request,
    app,
    b64,
    b64url,
    browser_boundary,
    chance,
    csrf,
    day,
    digits,
    epoch,
    fields,
    formb,
    hexs,
    hhmm,
    img,
    iso,
    jar,
    jsb,
    lib_boundary,
    multipart,
    nav,
    past_day,
    person,
    pick,
    png,
    pyb,
    qs,
    rbytes,
    run,
    sig_hex,
    some,
    token,
    uuid4,
    xhr,
)

SRC = "email_marketing"
HOST = "app.postlark.example.com"
LISTS = "lists.postlark.example.com"
TRACK = "t.postlark.example.com"
HOOKS = "hooks.postlark.example.com"
API = "api.postlark.example.com"
BASE = f"https://{HOST}"

BRANDS = [("Harbour Goods", "#1F4E5F", "harbourgoods.example.com"), ("Lantern Hall", "#7A3E2B", "lanternhall.example.org"),
          ("Fernwood Coffee", "#3B2A20", "fernwoodcoffee.example.net"), ("Quarry Yoga", "#5B7F6B", "quarryyoga.example.com"),
          ("Kestrel Bikes", "#E4572E", "kestrelbikes.example.co.uk"), ("Café Lúnasa", "#C08A2B", "cafelunasa.example.ie")]
SUBJECTS = ["Your winter edit is here ❄️", "*|FNAME|*, your 15% code expires tonight", "{{ first_name }}, we saved you a seat 🎟️",
            "New in: hand-thrown mugs", "Last chance: free delivery ends at midnight", "Our Christmas opening hours 🎄",
            "Tá sé anseo! The Ceilí Mór line-up", "Did you forget something? 🛒", "A little thank-you from us 💌",
            "December newsletter – what's brewing ☕", "Your ride, your rules: new Kestrel Trail 2", "Save the date: 14 Feb"]


def _cookie(rng: random.Random) -> str:
    extra = [("pl_account", str(rng.randint(1000, 99999)))] if chance(rng, 0.6) else []
    return jar(rng, "flask", extra=extra, analytics=0.2)


def _ref(path: str) -> str:
    return f"{BASE}{path}"


def _j(rng: random.Random, kind: str, method: str, path: str, obj: object, referer: str) -> Request:
    return xhr(rng, SRC, kind, method, HOST, path, body=jsb(obj), ctype="application/json", cookie=_cookie(rng),
               extra=csrf(rng, "flask"), referer=_ref(referer))


def _cid(rng: random.Random) -> str:
    return hexs(rng, 10)


# ------------------------------------------------------------------ the e-mails themselves


def email_html(rng: random.Random) -> str:
    brand, colour, dom = pick(rng, BRANDS)
    mc = chance(rng, 0.5)  # *|MERGE|* dialect, else {{ liquid }}
    fname = "*|FNAME|*" if mc else "{{ first_name | default: \"there\" }}"
    unsub = "*|UNSUB|*" if mc else "{{ unsubscribe_url }}"
    prefs = "*|UPDATE_PROFILE|*" if mc else "{{ preferences_url }}"
    archive = "*|ARCHIVE|*" if mc else "{{ web_version_url }}"
    heading = pick(rng, ["The winter edit", "Just landed", "Thank you for being here", "Doors open at 7", "Fresh beans, fresh start",
                         "Ride further this winter"])
    products = ""
    for _ in range(rng.randint(0, 3)):
        nm = pick(rng, ["Stoneware Mug", "Merino Socks", "Waxed Tote", "Ethiopia Guji 250g", "Trail 2 Helmet", "Yoga Mat (cork)"])
        price = f"{pick(rng, ['£', '€', '$'])}{rng.randint(8, 140)}"
        products += (f'<td class="col" width="33%" valign="top" style="padding:0 8px;">'
                     f'<a href="https://{dom}/products/{nm.lower().replace(" ", "-").replace("(", "").replace(")", "")}?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign={day(rng)}" '
                     f'target="_blank" style="text-decoration:none;color:#1a1a1a;">'
                     f'<img src="https://cdn.{dom}/email/{token(rng, 8).lower()}.jpg" width="180" alt="{nm}" style="display:block;width:100%;max-width:180px;height:auto;border:0;">'
                     f'<p style="margin:8px 0 0;font-size:14px;line-height:20px;">{nm}<br><strong>{price}</strong></p></a></td>')
    cond = ""
    if mc and chance(rng, 0.5):
        cond = ('*|IF:MMERGE5=VIP|*<p style="margin:0 0 16px;background:#fff4d6;padding:12px;">As a VIP you get early access – '
                'use code <strong>*|MMERGE6|*</strong> at checkout.</p>*|END:IF|*')
    elif not mc and chance(rng, 0.5):
        cond = ('{% if customer.orders_count > 0 %}<p style="margin:0 0 16px;">Thanks for your {{ customer.orders_count }} orders 💛</p>'
                '{% else %}<p style="margin:0 0 16px;">Here\'s 10% off your first order: <strong>HELLO10</strong></p>{% endif %}')
    pre = pick(rng, ["Handmade, small-batch, ready to gift.", "Plus: our opening hours over the holidays", "Don't miss out – ends Sunday",
                     "A note from the team"])
    btn = pick(rng, ["Shop the edit", "Book now", "See the line-up", "Claim my 15%", "Read more"])
    href = f"https://{dom}/{pick(rng, ['collections/winter', 'events', 'offers', 'blog/december'])}?utm_source=newsletter&amp;utm_medium=email"
    vml = ""
    if chance(rng, 0.6):
        vml = (f'<!--[if mso]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="urn:schemas-microsoft-com:office:word" '
               f'href="{href}" style="height:44px;v-text-anchor:middle;width:220px;" arcsize="10%" strokecolor="{colour}" fillcolor="{colour}">'
               f'<w:anchorlock/><center style="color:#ffffff;font-family:Arial,sans-serif;font-size:16px;font-weight:bold;">{btn}</center></v:roundrect><![endif]-->'
               '<!--[if !mso]><!-- -->')
    button = (f'{vml}<a href="{href}" target="_blank" style="background-color:{colour};border-radius:4px;color:#ffffff;display:inline-block;'
              f'font-family:Arial,sans-serif;font-size:16px;font-weight:bold;line-height:44px;text-align:center;text-decoration:none;width:220px;'
              f'-webkit-text-size-adjust:none;mso-hide:all;">{btn}</a>' + ("<!--<![endif]-->" if vml else ""))
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">\n'
        '<head>\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        '<meta name="x-apple-disable-message-reformatting">\n<meta name="color-scheme" content="light dark">\n'
        f"<title>{pick(rng, SUBJECTS)}</title>\n"
        "<!--[if mso]>\n<noscript><xml><o:OfficeDocumentSettings><o:AllowPNG/><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript>\n"
        "<style>table,td,div,h1,p {font-family: Arial, sans-serif;}</style>\n<![endif]-->\n"
        "<style type=\"text/css\">\n  body { margin:0; padding:0; -webkit-text-size-adjust:100%; }\n  table { border-collapse:collapse; }\n"
        "  img { border:0; line-height:100%; outline:none; text-decoration:none; }\n"
        "  @media screen and (max-width: 600px) {\n    .col { display:block !important; width:100% !important; }\n    .wrapper { padding:16px !important; }\n  }\n"
        "  @media (prefers-color-scheme: dark) {\n    .bg { background-color:#111111 !important; }\n  }\n</style>\n</head>\n"
        '<body style="margin:0;padding:0;background-color:#f4f1ea;">\n'
        f'<div style="display:none;font-size:1px;color:#f4f1ea;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;">{pre}&#847; &zwnj; &nbsp; &#847; &zwnj; &nbsp;</div>\n'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" class="bg" style="background-color:#f4f1ea;">\n<tr><td align="center" style="padding:24px 0;">\n'
        '<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->\n'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;">\n'
        f'<tr><td style="padding:8px 24px;font-size:12px;color:#888888;text-align:right;"><a href="{archive}" style="color:#888888;">View in browser</a></td></tr>\n'
        f'<tr><td align="center" style="padding:24px;background-color:{colour};"><img src="https://cdn.{dom}/email/logo-white.png" width="160" alt="{brand}" style="display:block;"></td></tr>\n'
        f'<tr><td class="wrapper" style="padding:32px 24px;font-family:Arial,sans-serif;font-size:16px;line-height:24px;color:#1a1a1a;">\n'
        f'<h1 style="margin:0 0 16px;font-size:28px;line-height:34px;">{heading}</h1>\n'
        f'<p style="margin:0 0 16px;">Hi {fname},</p>\n{cond}\n'
        f'<p style="margin:0 0 24px;">{pick(rng, ["Our winter range is finally here – made slowly, in small batches, and ready to wrap.", "We&rsquo;ve got a few seats left for Saturday&rsquo;s show. Grab yours before they&rsquo;re gone!", "Thanks for being part of our little community this year.", "New single-origin beans just landed from Guji, Ethiopia: notes of peach, jasmine &amp; honey."])}</p>\n'
        f'<table role="presentation" cellpadding="0" cellspacing="0" border="0" align="center"><tr><td align="center">{button}</td></tr></table>\n'
        "</td></tr>\n"
        + (f'<tr><td style="padding:0 16px 24px;"><table role="presentation" width="100%"><tr>{products}</tr></table></td></tr>\n' if products else "")
        + f'<tr><td style="padding:24px;font-family:Arial,sans-serif;font-size:12px;line-height:18px;color:#888888;text-align:center;">'
        f"{brand} · {pick(rng, ['4 Quay St, Galway H91 XK22, Ireland', '12 Old Mill St, Stroud QQ3 4AB, UK', '1200 Larkspur Lane, Madison, WI 53703'])}<br>\n"
        f'You&rsquo;re receiving this because you signed up at {dom}.<br>\n'
        f'<a href="{prefs}" style="color:#888888;">Update preferences</a> &middot; <a href="{unsub}" style="color:#888888;">Unsubscribe</a>'
        + ("<br>*|REWARDS|*" if mc and chance(rng, 0.3) else "")
        + "</td></tr>\n</table>\n<!--[if mso]></td></tr></table><![endif]-->\n</td></tr>\n</table>\n</body>\n</html>\n")


def plain_text(rng: random.Random) -> str:
    mc = chance(rng, 0.5)
    fname = "*|FNAME|*" if mc else "{{ first_name }}"
    return (f"Hi {fname},\n\n"
            + pick(rng, ["Our winter range is finally here – made slowly, in small batches, and ready to wrap.",
                         "We've got a few seats left for Saturday's show. Grab yours before they're gone!",
                         "New beans just landed: Ethiopia Guji – peach, jasmine & honey."])
            + f"\n\n{pick(rng, ['Shop the edit', 'Book now', 'Read more'])}: https://{pick(rng, BRANDS)[2]}/offers?utm_source=newsletter\n\n"
            "----\n"
            + ("Unsubscribe: *|UNSUB|*\nUpdate preferences: *|UPDATE_PROFILE|*\n" if mc else "Unsubscribe: {{ unsubscribe_url }}\nPreferences: {{ preferences_url }}\n"))


# ------------------------------------------------------------------ the app


def campaign_list(rng: random.Random) -> Request:
    pairs = [("status", pick(rng, ["draft", "scheduled", "sent", "all"]))]
    if chance(rng, 0.4):
        pairs.append(("q", pick(rng, ["winter", "newsletter", "BF", "welcome", "abandoned", "xmas"])))
    if chance(rng, 0.3):
        pairs.append(("page", str(rng.randint(2, 9))))
    return nav(rng, SRC, "campaign_list", HOST, "/campaigns/", qs(pairs), cookie=_cookie(rng), referer=_ref("/"), b=pick(rng, DESKTOP))


def campaign_page(rng: random.Random) -> Request:
    cid = _cid(rng)
    return nav(rng, SRC, "campaign_page", HOST, f"/campaigns/{cid}/{pick(rng, ['edit', 'design', 'report', 'recipients', 'settings'])}",
               cookie=_cookie(rng), referer=_ref("/campaigns/"), b=pick(rng, DESKTOP))


def editor_save(rng: random.Random) -> Request:
    cid = _cid(rng)
    obj: dict[str, object] = {"subject": pick(rng, SUBJECTS), "preheader": pick(rng, ["", "Plus: our holiday hours", "Ends Sunday"]),
                              "from_name": pick(rng, BRANDS)[0], "reply_to": person(rng).email, "html": email_html(rng),
                              "auto_plain_text": chance(rng, 0.5), "inline_css": True, "version": rng.randint(3, 140)}
    return _j(rng, "editor_save", "PUT", f"/api/campaigns/{cid}/content", obj, f"/campaigns/{cid}/design")


def builder_save(rng: random.Random) -> Request:
    cid = _cid(rng)
    blocks: list[dict[str, object]] = []
    for _ in range(rng.randint(2, 7)):
        t = pick(rng, ["text", "image", "button", "divider", "product_grid", "social", "spacer"])
        v: dict[str, object] = {"id": uuid4(rng), "type": t}
        if t == "text":
            v["html"] = pick(rng, ["<p>Hi *|FNAME|*,</p><p>We&rsquo;re <strong>so</strong> excited to share this with you.</p>",
                                   "<h2 style=\"text-align:center\">{{ first_name }}, it&rsquo;s nearly here</h2>",
                                   "<p>Questions? Just hit reply &ndash; a real human (Aoife) reads every email.</p>",
                                   "<ul><li>Free delivery over £50</li><li>30-day returns</li><li>Gift wrap available</li></ul>"])
        elif t == "image":
            v.update({"src": f"https://cdn.postlark.example.com/u/{digits(rng, 6)}/{token(rng, 10)}.jpg", "alt": pick(rng, ["Winter collection", "", "Team photo"]),
                      "href": pick(rng, ["", "https://harbourgoods.example.com/collections/winter"]), "width": 600})
        elif t == "button":
            v.update({"label": pick(rng, ["Shop now", "Book your seat", "Get 15% off"]), "href": "https://lanternhall.example.org/events",
                      "style": {"background": pick(rng, ["#1F4E5F", "#E4572E"]), "radius": 4}})
        elif t == "product_grid":
            v.update({"products": [rng.randint(1000, 48000) for _ in range(3)], "columns": 3})
        blocks.append(v)
    obj: dict[str, object] = {"blocks": blocks, "settings": {"width": 600, "background": "#f4f1ea", "font": pick(rng, ["Arial", "Georgia", "Helvetica"])},
                              "html": email_html(rng) if chance(rng, 0.5) else None}
    return _j(rng, "builder_save", "PUT", f"/api/campaigns/{cid}/blocks", obj, f"/campaigns/{cid}/design")


def plain_save(rng: random.Random) -> Request:
    cid = _cid(rng)
    return _j(rng, "plain_text_save", "PATCH", f"/api/campaigns/{cid}/content", {"text": plain_text(rng), "auto_plain_text": False},
              f"/campaigns/{cid}/design")


def test_send(rng: random.Random) -> Request:
    cid = _cid(rng)
    obj: dict[str, object] = {"emails": [person(rng).email for _ in range(rng.randint(1, 4))], "send_type": "html",
                              "merge_sample": pick(rng, ["random", "me", f"subscriber:{hexs(rng, 32)}"])}
    return _j(rng, "test_send", "POST", f"/api/campaigns/{cid}/actions/test", obj, f"/campaigns/{cid}/design")


def list_import(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    sep = pick(rng, [",", ",", ";", "\t"])
    head = sep.join(["Email Address", "First Name", "Last Name", "Tags", "Signup date", "Country"])
    rows = [head]
    for _ in range(rng.randint(4, 18)):
        p = person(rng)
        tags = '"' + ", ".join(some(rng, ["vip", "wholesale", "event-2025", "newsletter", "coffee-club"], 1, 2)) + '"'
        rows.append(sep.join([p.email if chance(rng, 0.95) else p.email.upper(), p.given, p.family, tags, past_day(rng),
                              pick(rng, ["IE", "GB", "US", "DE", "VN", ""])]))
    data = ("\r\n".join(rows) + "\r\n").encode(pick(rng, ["utf-8", "utf-8", "utf-8-sig"]))
    parts = fields([("list_id", hexs(rng, 10)), ("update_existing", pick(rng, ["true", "false"])), ("status", pick(rng, ["subscribed", "unsubscribed", "non-subscribed"])),
                    ("confirm_permission", "true")])
    parts.append(("file", data, pick(rng, ["contacts.csv", "Newsletter signups 2026.csv", "export (3).csv", "shopify_customers.csv"]), "text/csv"))
    return xhr(rng, SRC, "list_import", "POST", HOST, "/api/imports/", body=multipart(parts, bd), ctype=f"multipart/form-data; boundary={bd}",
               cookie=_cookie(rng), b=b, extra=csrf(rng, "flask"), referer=_ref("/audience/import"))


def import_mapping(rng: random.Random) -> Request:
    iid = uuid4(rng)
    obj: dict[str, object] = {"mapping": {"Email Address": "email", "First Name": "merge_fields.FNAME", "Last Name": "merge_fields.LNAME",
                                          "Tags": "tags", "Signup date": pick(rng, ["merge_fields.SIGNUP", None]), "Country": "merge_fields.COUNTRY"},
                              "date_format": pick(rng, ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY"]), "skip_invalid": True}
    return _j(rng, "import_mapping", "POST", f"/api/imports/{iid}/mapping", obj, f"/audience/import/{iid}/map")


def subscriber_api(rng: random.Random) -> Request:
    p = person(rng)
    lst = hexs(rng, 10)
    obj: dict[str, object] = {"email_address": p.email, "status_if_new": pick(rng, ["subscribed", "pending"]),
                              "merge_fields": {"FNAME": p.given, "LNAME": p.family, "PHONE": p.phone if chance(rng, 0.3) else "",
                                               "BIRTHDAY": f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}" if chance(rng, 0.3) else ""},
                              "tags": some(rng, ["shop-customer", "vip", "app-user", "event-attendee"], 0, 2), "language": pick(rng, ["en", "ga", "de", "vi", "es"]),
                              "marketing_permissions": [{"marketing_permission_id": hexs(rng, 10), "enabled": True}]}
    lib = pick(rng, ["requests", "node", "php", "ruby"])
    body = pyb(obj) if lib == "requests" else jsb(obj)
    return app(rng, SRC, "subscriber_upsert", "PUT", API, f"/3.0/lists/{lst}/members/{hexs(rng, 32)}", lib=lib, body=body, ctype="application/json",
               auth="Basic " + b64(f"anystring:{hexs(rng, 32)}-us{rng.randint(1, 21)}".encode()), accept="application/json")


def segment_rules(rng: random.Random) -> Request:
    conds: list[dict[str, object]] = []
    for _ in range(rng.randint(1, 4)):
        conds.append(pick(rng, [
            {"field": "campaign_activity", "op": "opened", "value": "any", "within_days": pick(rng, [30, 60, 90])},
            {"field": "campaign_activity", "op": "not_clicked", "value": "any", "within_days": 180},
            {"field": "email", "op": "ends_with", "value": pick(rng, ["@example.org", ".ie", "@mail.example.com"])},
            {"field": "merge_fields.COUNTRY", "op": "in", "value": some(rng, ["IE", "GB", "US", "DE", "VN"], 1, 3)},
            {"field": "tags", "op": "contains", "value": pick(rng, ["vip", "wholesale", "coffee-club"])},
            {"field": "ecommerce.total_spent", "op": "greater_than", "value": pick(rng, [50, 100, 250])},
            {"field": "ecommerce.last_order_date", "op": "before", "value": day(rng)},
            {"field": "signup_source", "op": "is", "value": pick(rng, ["embedded_form", "api", "import", "popup"])},
            {"field": "merge_fields.FNAME", "op": "is_blank"},
            {"field": "predicted_age", "op": "is", "value": pick(rng, ["25-34", "35-44"])}]))
    obj: dict[str, object] = {"name": pick(rng, ["Engaged – last 90d", "Lapsed buyers", "VIPs (IE + UK)", "No first name", "Coffee club, not opened"]),
                              "match": pick(rng, ["all", "any"]), "conditions": conds}
    return _j(rng, "segment_rules", "POST", "/api/segments/", obj, "/audience/segments/new")


def ab_test(rng: random.Random) -> Request:
    cid = _cid(rng)
    subs = some(rng, SUBJECTS, 2, 3)
    obj: dict[str, object] = {"variable": pick(rng, ["subject", "from_name", "content", "send_time"]),
                              "variants": [{"id": chr(65 + i), "subject": s} for i, s in enumerate(subs)],
                              "test_size_pct": pick(rng, [10, 20, 30, 50]), "winner_criteria": pick(rng, ["opens", "clicks", "revenue", "manual"]),
                              "wait_hours": pick(rng, [1, 2, 4, 12, 24])}
    return _j(rng, "ab_test", "PUT", f"/api/campaigns/{cid}/ab", obj, f"/campaigns/{cid}/settings")


def schedule(rng: random.Random) -> Request:
    cid = _cid(rng)
    obj: dict[str, object] = {"schedule_time": f"{day(rng)}T{hhmm(rng, 6, 20)}:00", "timezone": pick(rng, ["Europe/Dublin", "America/New_York", "recipient"]),
                              "timewarp": chance(rng, 0.3), "batch_delivery": pick(rng, [None, {"batch_delay": 15, "batch_count": 4}])}
    return _j(rng, "schedule", "POST", f"/api/campaigns/{cid}/actions/schedule", obj, f"/campaigns/{cid}/review")


# ------------------------------------------------------------------ recipients' side


def _sub_token(rng: random.Random) -> tuple[str, str, str]:
    return hexs(rng, 24), hexs(rng, 10), hexs(rng, 10)


def unsubscribe_click(rng: random.Random) -> Request:
    u, lid, e = _sub_token(rng)
    b = pick(rng, MOBILE + DESKTOP)
    return nav(rng, SRC, "unsubscribe_page", LISTS, "/unsubscribe", qs([("u", u), ("id", lid), ("e", e), ("c", hexs(rng, 10))]), b=b,
               site="none", lang=pick(rng, ["en", "en", "de", "fr", "es", "vi"]))


def unsubscribe_confirm(rng: random.Random) -> Request:
    u, lid, e = _sub_token(rng)
    p = person(rng)
    pairs = [("u", u), ("id", lid), ("e", e), ("c", hexs(rng, 10)), ("EMAIL", p.email),
             ("reason", pick(rng, ["too_many", "not_relevant", "never_signed_up", "other", ""])),
             ("reason_other", pick(rng, ["", "Moving abroad", "I get these at work & home – keep work only", "Too many emails in December!"])),
             ("submit", "Unsubscribe")]
    return nav(rng, SRC, "unsubscribe_post", LISTS, "/unsubscribe/post", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               referer=f"https://{LISTS}/unsubscribe?u={u}&id={lid}&e={e}", site="same-origin")


def one_click(rng: random.Random) -> Request:
    """RFC 8058 one-click unsubscribe, sent by the mailbox provider."""
    u, lid, e = _sub_token(rng)
    return app(rng, SRC, "one_click_unsubscribe", "POST", LISTS, f"/u/oc/{b64url(rbytes(rng, 30))}", qs([("u", u), ("id", lid), ("e", e)]),
               lib=pick(rng, ["go", "java"]), ua=pick(rng, ["", "Mozilla/5.0 (compatible; MailUnsub/1.0)"]), body=b"List-Unsubscribe=One-Click",
               ctype="application/x-www-form-urlencoded")


def preference_page(rng: random.Random) -> Request:
    u, lid, e = _sub_token(rng)
    return nav(rng, SRC, "preference_page", LISTS, "/profile", qs([("u", u), ("id", lid), ("e", e)]), site="none",
               lang=pick(rng, ["en", "en", "de", "es", "fr", "vi"]))


def preference_save(rng: random.Random) -> Request:
    u, lid, e = _sub_token(rng)
    p = person(rng)
    pairs = [("u", u), ("id", lid), ("e", e), ("MERGE0", p.email), ("MERGE1", p.given), ("MERGE2", p.family),
             ("MERGE5", pick(rng, ["", f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}"]))]
    for g in some(rng, ["group[1234][1]", "group[1234][2]", "group[1234][4]", "group[1234][8]"], 0, 4):
        pairs.append((g, g.rsplit("[", 1)[1].rstrip("]")))
    pairs += [("frequency", pick(rng, ["weekly", "monthly", "important_only"])), ("language", pick(rng, ["en", "ga", "de", "fr", "vi"])),
              ("gdpr[12]", "Y"), ("comments", pick(rng, ["", "Please stop sending SMS, email is fine", "Love the recipes! Fewer sales emails pls 🙏"]))]
    return nav(rng, SRC, "preference_save", LISTS, "/profile/post", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               referer=f"https://{LISTS}/profile?u={u}&id={lid}&e={e}")


def click(rng: random.Random) -> Request:
    dest = pick(rng, [f"https://{pick(rng, BRANDS)[2]}/collections/winter?utm_source=newsletter&utm_medium=email&utm_campaign=dec",
                      f"https://{pick(rng, BRANDS)[2]}/events/ceili-mor-{digits(rng, 5)}", f"https://{pick(rng, BRANDS)[2]}/",
                      f"https://{pick(rng, BRANDS)[2]}/blog/how-to-care-for-stoneware#glaze"])
    if chance(rng, 0.5):
        return nav(rng, SRC, "click_redirect", TRACK, f"/c/{b64url(rbytes(rng, 48))}", qs([("l", dest)]) if chance(rng, 0.3) else "",
                   site="none", b=pick(rng, MOBILE + DESKTOP))
    return nav(rng, SRC, "click_redirect", TRACK, "/ls/click", qs([("upn", b64url(rbytes(rng, 90)))]), site="cross-site",
               referer=pick(rng, ["https://mail.example.com/", "https://outlook.example.com/"]), b=pick(rng, DESKTOP))


def open_pixel(rng: random.Random) -> Request:
    path = f"/o/{b64url(rbytes(rng, 40))}.gif"
    roll = rng.random()
    if roll < 0.35:
        return app(rng, SRC, "open_pixel", "GET", TRACK, path, lib="go",
                   ua="Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", accept="image/*")
    if roll < 0.6:
        return app(rng, SRC, "open_pixel", "GET", TRACK, path, lib="ios", ua="Mozilla/5.0", accept="image/*")
    return img(rng, SRC, "open_pixel", TRACK, path, referer=pick(rng, [None, "https://outlook.example.com/"]), site="cross-site")


def signup_embed(rng: random.Random) -> Request:
    _, _, dom = pick(rng, BRANDS)
    p = person(rng)
    pairs = [("EMAIL", p.email), ("FNAME", p.given)]
    if chance(rng, 0.4):
        pairs.append(("LNAME", p.family))
    if chance(rng, 0.3):
        pairs.append(("group[5678][1]", "1"))
    pairs += [(f"b_{hexs(rng, 25)}_{hexs(rng, 10)}", ""), ("subscribe", pick(rng, ["Subscribe", "Sign up", "Count me in!"]))]
    return nav(rng, SRC, "signup_embed", LISTS, "/subscribe/post", qs([("u", hexs(rng, 25)), ("id", hexs(rng, 10)), ("f_id", hexs(rng, 12))]),
               method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               referer=f"https://{dom}/{pick(rng, ['', 'newsletter', 'pages/about', 'blog/winter-menu'])}", site="cross-site")


def confirm_optin(rng: random.Random) -> Request:
    u, lid, e = _sub_token(rng)
    return nav(rng, SRC, "confirm_optin", LISTS, "/subscribe/confirm", qs([("u", u), ("id", lid), ("e", e)]), site="none",
               b=pick(rng, MOBILE + DESKTOP))


def automation(rng: random.Random) -> Request:
    steps: list[dict[str, object]] = [{"id": "trigger", "type": "trigger", "event": pick(rng, ["list_join", "tag_added:vip", "abandoned_cart", "date:BIRTHDAY"])}]
    for i in range(rng.randint(2, 6)):
        t = pick(rng, ["send_email", "delay", "condition", "add_tag", "webhook"])
        s: dict[str, object] = {"id": f"s{i}", "type": t}
        if t == "send_email":
            s.update({"campaign": _cid(rng), "subject": pick(rng, SUBJECTS)})
        elif t == "delay":
            s.update({"amount": rng.randint(1, 7), "unit": pick(rng, ["hours", "days"])})
        elif t == "condition":
            s.update({"if": {"field": "opened_previous", "op": "is", "value": True}, "yes": f"s{i + 1}", "no": "end"})
        elif t == "add_tag":
            s["tag"] = pick(rng, ["onboarded", "engaged", "win-back"])
        else:
            s.update({"url": f"https://hooks.{pick(rng, BRANDS)[2]}/postlark", "method": "POST"})
        steps.append(s)
    obj: dict[str, object] = {"name": pick(rng, ["Welcome series (3 emails)", "Abandoned cart – 1h / 24h", "Birthday 🎂", "Win-back 90d"]),
                              "steps": steps, "status": pick(rng, ["draft", "active", "paused"])}
    return _j(rng, "automation_save", "PUT", f"/api/automations/{hexs(rng, 10)}", obj, "/automations/builder")


def merge_preview(rng: random.Random) -> Request:
    p = person(rng)
    obj: dict[str, object] = {"template": pick(rng, ["Hi *|FNAME|*, your code is *|COUPON|*", "Hi {{ first_name | default: \"friend\" }} 👋",
                                                     "*|IF:FNAME|*Hi *|FNAME|*,*|ELSE:|*Hi there,*|END:IF|*", "{{ first_name }}, {{ event.name }} starts at {{ event.start | date: \"%H:%M\" }}"]),
                              "sample": {"FNAME": p.given, "LNAME": p.family, "COUPON": "WINTER15", "first_name": p.given,
                                         "event": {"name": "Ceilí Mór", "start": iso(rng)}}}
    return _j(rng, "merge_preview", "POST", "/api/render/preview", obj, f"/campaigns/{_cid(rng)}/design")


def image_upload(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    parts = fields([("folder", pick(rng, ["", "Christmas 2026", "Logos"]))])
    parts.append(("file", png(rng, rng.randint(400, 1200)), pick(rng, ["hero-winter@2x.png", "logo-white.png", "banner_600x300.png", "Screenshot 2026-12-01 at 10.02.11.png"]), "image/png"))
    return xhr(rng, SRC, "content_image_upload", "POST", HOST, "/api/content/files", body=multipart(parts, bd), ctype=f"multipart/form-data; boundary={bd}",
               cookie=_cookie(rng), b=b, extra=csrf(rng, "flask"), referer=_ref("/content"))


def template_import(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    parts = fields([("name", pick(rng, ["Newsletter v4 (from agency)", "Transactional – receipt", "Event invite"]))])
    parts.append(("file", email_html(rng).encode("utf-8"), pick(rng, ["template.html", "newsletter_v4_FINAL.html", "index.html"]), "text/html"))
    return xhr(rng, SRC, "template_import", "POST", HOST, "/api/templates/import", body=multipart(parts, bd), ctype=f"multipart/form-data; boundary={bd}",
               cookie=_cookie(rng), b=b, extra=csrf(rng, "flask"), referer=_ref("/templates"))


def report(rng: random.Random) -> Request:
    cid = _cid(rng)
    return xhr(rng, SRC, "campaign_report", "GET", HOST, f"/api/reports/{cid}", qs([("fields", "opens,clicks,bounces,unsubscribes,revenue"),
                                                                                    ("compare", pick(rng, ["", "list_average", "previous"]))]),
               cookie=_cookie(rng), referer=_ref(f"/campaigns/{cid}/report"))


def domain_auth(rng: random.Random) -> Request:
    _, _, dom = pick(rng, BRANDS)
    obj: dict[str, object] = {"domain": dom, "return_path": f"bounce.{dom}", "dkim_selector": pick(rng, ["pl1", "k1", "s2026"]),
                              "expected": {"spf": "v=spf1 include:_spf.postlark.example.com ~all",
                                           "dkim": f"pl1._domainkey.{dom} CNAME pl1.dkim.postlark.example.com",
                                           "dmarc": pick(rng, ["v=DMARC1; p=none; rua=mailto:dmarc@" + dom, "v=DMARC1; p=quarantine; pct=100; adkim=s"])},
                              "verify_now": True}
    return _j(rng, "domain_auth", "POST", "/api/domains/", obj, "/settings/domains")


def suppression_api(rng: random.Random) -> Request:
    obj: dict[str, object] = {"emails": [person(rng).email for _ in range(rng.randint(1, 12))],
                              "reason": pick(rng, ["customer_request", "legal", "hard_bounce_elsewhere"])}
    return app(rng, SRC, "suppression_add", "POST", API, "/v1/suppressions", lib=pick(rng, ["requests", "httpx"]), body=pyb(obj),
               ctype="application/json", auth="Bearer pl_" + token(rng, 40), accept="application/json")


def transactional(rng: random.Random) -> Request:
    p = person(rng)
    obj: dict[str, object] = {"from": {"email": f"orders@{pick(rng, BRANDS)[2]}", "name": pick(rng, BRANDS)[0]},
                              "to": [{"email": p.email, "name": p.name}], "template_id": f"tpl_{token(rng, 12)}",
                              "dynamic_data": {"first_name": p.given, "order_number": f"#{rng.randint(1000, 30000)}",
                                               "items": [{"name": pick(rng, ["Stoneware Mug", "Merino Socks"]), "qty": rng.randint(1, 3)}],
                                               "tracking_url": f"https://track.example.net/{token(rng, 12)}"},
                              "categories": ["order_confirmation"], "custom_args": {"shop_order_id": str(rng.randint(10**5, 10**6))}}
    lib = pick(rng, ["requests", "node", "go"])
    return app(rng, SRC, "transactional_send", "POST", API, "/v1/messages/send", lib=lib, body=pyb(obj) if lib == "requests" else jsb(obj),
               ctype="application/json", auth="Bearer pl_" + token(rng, 40), extra=[("idempotency-key", uuid4(rng))])


def contact_search(rng: random.Random) -> Request:
    p = person(rng)
    return xhr(rng, SRC, "contact_search", "GET", HOST, "/api/contacts/search",
               qs([("q", pick(rng, [p.email, p.family, p.given, "@example.org", "nguyen", "O'Neill"])), ("list", hexs(rng, 10))]),
               cookie=_cookie(rng), referer=_ref("/audience"))


def esp_events(rng: random.Random) -> Request:
    """Batched delivery events from the sending infrastructure."""
    evs: list[dict[str, object]] = []
    for _ in range(rng.randint(1, 8)):
        e = pick(rng, ["delivered", "open", "click", "bounce", "dropped", "spamreport", "deferred", "unsubscribe"])
        ev: dict[str, object] = {"email": person(rng).email, "timestamp": epoch(rng), "event": e, "sg_event_id": b64url(rbytes(rng, 16)),
                                 "sg_message_id": f"{b64url(rbytes(rng, 16))}.filterdrecv-{rng.randint(1, 9)}-{hexs(rng, 5)}", "campaign_id": _cid(rng)}
        if e == "click":
            ev["url"] = f"https://{pick(rng, BRANDS)[2]}/collections/winter?utm_source=newsletter&utm_medium=email"
        if e in ("open", "click"):
            ev["useragent"] = pick(rng, ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
                                         "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"])
            ev["ip"] = pick(rng, ["192.0.2.", "198.51.100.", "203.0.113."]) + str(rng.randint(1, 254))
        if e == "bounce":
            ev.update({"type": pick(rng, ["bounce", "blocked"]), "status": pick(rng, ["5.1.1", "5.7.1", "5.2.2"]),
                       "reason": pick(rng, ["550 5.1.1 The email account that you tried to reach does not exist.",
                                            "552 5.2.2 Mailbox full", "554 5.7.1 Message rejected due to local policy"])})
        if e == "deferred":
            ev.update({"response": "451 4.7.1 Greylisted, please try again later", "attempt": str(rng.randint(1, 5))})
        evs.append(ev)
    return app(rng, SRC, "esp_event_webhook", "POST", HOOKS, "/esp/events", lib="go", ua="MailRelay-Event-Webhook/2.0",
               body=jsb(evs), ctype="application/json", extra=[("x-relay-signature", b64(rbytes(rng, 64))), ("x-relay-timestamp", str(epoch(rng)))])


def mailgunish(rng: random.Random) -> Request:
    p = person(rng)
    sig = {"timestamp": str(epoch(rng)), "token": hexs(rng, 50), "signature": sig_hex(rng)}
    ed = {"event": pick(rng, ["delivered", "opened", "clicked", "failed", "complained", "unsubscribed"]), "id": b64url(rbytes(rng, 16)),
          "timestamp": epoch(rng) + rng.random(), "recipient": p.email, "tags": ["newsletter", "dec-2026"],
          "message": {"headers": {"message-id": f"{epoch(rng)}.{hexs(rng, 16)}@mg.{pick(rng, BRANDS)[2]}", "subject": pick(rng, SUBJECTS)}},
          "delivery-status": {"code": pick(rng, [250, 550, 421]), "message": pick(rng, ["OK", "Mailbox unavailable", "Try again later"])}}
    return app(rng, SRC, "mailer_event_webhook", "POST", HOOKS, "/mailer/events", lib="urllib3", ua="Mailer-Webhooks/1.4",
               body=json.dumps({"signature": sig, "event-data": ed}).encode(), ctype="application/json")


def sns(rng: random.Random) -> Request:
    """Bounce and complaint notifications over an SNS-style topic (JSON sent as text/plain)."""
    p = person(rng)
    kind = pick(rng, ["Bounce", "Complaint", "Delivery"])
    inner = {"notificationType": kind, "mail": {"timestamp": iso(rng), "source": f"news@{pick(rng, BRANDS)[2]}", "messageId": f"0100{hexs(rng, 12)}-{uuid4(rng)}-000000",
                                                "destination": [p.email]}}
    if kind == "Bounce":
        inner["bounce"] = {"bounceType": pick(rng, ["Permanent", "Transient"]), "bounceSubType": pick(rng, ["General", "NoEmail", "MailboxFull"]),
                           "bouncedRecipients": [{"emailAddress": p.email, "action": "failed", "status": "5.1.1",
                                                  "diagnosticCode": "smtp; 550 5.1.1 <" + p.email + ">: Recipient address rejected: User unknown"}]}
    elif kind == "Complaint":
        inner["complaint"] = {"complainedRecipients": [{"emailAddress": p.email}], "complaintFeedbackType": "abuse", "userAgent": "Yahoo!-Mail-Feedback/2.0"}
    outer = {"Type": "Notification", "MessageId": uuid4(rng), "TopicArn": f"arn:aws:sns:eu-west-1:{digits(rng, 12)}:ses-events",
             "Message": json.dumps(inner), "Timestamp": iso(rng), "SignatureVersion": "1", "Signature": b64(rbytes(rng, 128)),
             "SigningCertURL": "https://sns.eu-west-1.example.com/SimpleNotificationService-cert.pem",
             "UnsubscribeURL": f"https://sns.eu-west-1.example.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:{digits(rng, 12)}:ses-events:{uuid4(rng)}"}
    return app(rng, SRC, "sns_notification", "POST", HOOKS, "/ses/notifications", lib="apache", ua="Amazon Simple Notification Service Agent",
               body=json.dumps(outer, indent=2).encode(), ctype="text/plain; charset=UTF-8",
               extra=[("x-amz-sns-message-type", "Notification"), ("x-amz-sns-message-id", outer["MessageId"]), ("x-amz-sns-topic-arn", outer["TopicArn"])])


def inbound_parse(rng: random.Random) -> Request:
    """A reply to a campaign, posted by the inbound mail parser as multipart."""
    p = person(rng)
    _, _, dom = pick(rng, BRANDS)
    bd = lib_boundary(rng, "go")
    text = pick(rng, ["Hi! Is the winter range available in Sage? Thanks, " + p.given,
                      "Please remove me from this list.\n\nSent from my iPhone",
                      "Ní féidir liom teacht ar an Satharn – an féidir liom mo thicéad a aistriú?",
                      "Great newsletter as always 👏 Quick q: do you ship to Northern Ireland?\n\n> On 3 Dec 2026, at 09:00, News <news@" + dom + "> wrote:\n> Hi " + p.given + ",\n> Our winter range is finally here"])
    html = "<div dir=\"ltr\">" + text.replace("\n", "<br>") + "</div>"
    headers = (f"Received: by mx.postlark.example.com with SMTP id {hexs(rng, 12)}\nFrom: {p.name} <{p.email}>\nTo: reply+{hexs(rng, 16)}@reply.postlark.example.com\n"
               f"Subject: Re: {pick(rng, SUBJECTS)}\nMessage-ID: <{uuid4(rng)}@mail.example.com>\nContent-Type: multipart/alternative; boundary=\"000000000000{hexs(rng, 16)}\"\n")
    parts = fields([("headers", headers), ("dkim", f"{{@{p.email.split('@')[1]} : pass}}"), ("to", f"reply+{hexs(rng, 16)}@reply.postlark.example.com"),
                    ("from", f"{p.name} <{p.email}>"), ("subject", f"Re: {pick(rng, SUBJECTS)}"), ("text", text), ("html", html),
                    ("sender_ip", pick(rng, ["192.0.2.", "198.51.100.", "203.0.113."]) + str(rng.randint(1, 254))), ("SPF", "pass"),
                    ("envelope", json.dumps({"to": ["reply@reply.postlark.example.com"], "from": p.email})), ("charsets", '{"to":"UTF-8","html":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"}'),
                    ("attachments", "0")])
    return app(rng, SRC, "inbound_parse", "POST", HOOKS, "/inbound/parse", lib="go", ua="Inbound-Parse/1.0", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}")


def email_marketing(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (9, campaign_list), (10, campaign_page), (9, editor_save), (4, builder_save), (3, plain_save), (4, test_send), (3, list_import),
        (2, import_mapping), (8, subscriber_api), (4, segment_rules), (2, ab_test), (3, schedule), (8, unsubscribe_click), (4, unsubscribe_confirm),
        (5, one_click), (5, preference_page), (4, preference_save), (14, click), (14, open_pixel), (7, signup_embed), (4, confirm_optin),
        (2, automation), (3, merge_preview), (2, image_upload), (2, template_import), (5, report), (1, domain_auth), (2, suppression_api),
        (6, transactional), (4, contact_search), (9, esp_events), (4, mailgunish), (4, sns), (3, inbound_parse),
    ])
