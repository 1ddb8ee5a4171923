# ruff: noqa: RUF001 - real text uses typographic characters
"""social_feed: a social network (Django web app, a JSON API for the iOS and
Android apps, a federation inbox): posts with hashtags, @mentions, links and
emoji, replies, quote posts, polls, alt text, link previews, DMs,
reactions, bios full of punctuation and symbols, search operators, report,
block and mute flows, image and chunked video uploads, infinite-scroll
cursors, push-token and Web Push registration, beacons, oEmbed,
WebFinger and ActivityPub deliveries."""

from __future__ import annotations

import base64
import hashlib
import random

from .common import (
    ALNUM,
    Request,
    b64url,
    bearer,
    boundary_for,
    browser,
    browser_of,
    chars,
    client,
    cookie_jar,
    csrf,
    epoch,
    fake_jpeg,
    fake_mp4,
    fake_png,
    fake_webp,
    form,
    gson_json,
    hexs,
    ios_json,
    js_json,
    multipart,
    person,
    pick,
    rbytes,
    run,
    some,
    stamp,
    text_parts,
    upcoming,
    uri_query,
    uuid4,
)

SRC = "social_feed"
WEB = "social.example.com"
API = "api.social.example.com"
MEDIA = "upload.social.example.com"

HANDLES = ["zoe_codes", "ciaran.b", "niamh_draws", "ngugi.w", "lotte_bakes", "kai", "mateusz_photo", "haruka_t", "anaïs",
           "deshawn.runs", "fatima.reads", "o_brien_family", "dangelo_music", "wanjiru_k", "jb_lefevre", "eilis.ni",
           "priya_dev", "emre.s", "coffee_and_code", "the.real.taras", "mei_xiaoling", "seo_yeon", "rowan_outdoors"]
TAGS = ["#python", "#100DaysOfCode", "#caturday", "#photography", "#sourdough", "#WomenInTech", "#gamedev", "#running",
        "#MondayMotivation", "#a11y", "#rstats", "#café", "#köln", "#東京", "#Ελλάδα", "#NaNoWriMo", "#AdventOfCode",
        "#gardening", "#UX", "#opensource", "#sketchbook", "#BookTok", "#football", "#rainyday"]
LINKS = ["https://blog.example.com/2026/11/why-we-moved-to-postgres/", "https://news.example.org/world/2026/12/05/storm-update?utm_source=social&utm_medium=share",
         "https://video.example.net/watch?v=" + "dQ4x9WgXcQ", "https://shop.example.com/p/handmade-mug-sage-green?variant=4471&ref=ig",
         "https://docs.example.com/guide/getting-started#install", "https://github.example.com/zoe/tiny-parser/pull/42",
         "https://example.org/events/meetup-dec?lang=en&tz=Europe%2FDublin", "https://maps.example.com/place/3f9c2e1a"]
EMOJI = ["😂", "🔥", "❤️", "👀", "🙌", "✨", "🥲", "😅", "🎉", "☕", "🌧️", "🐈", "🍞", "📸", "🏃‍♀️", "👩🏽‍💻", "🇮🇪", "🇯🇵", "💯", "🤔"]

OPENERS = [
    "Finally shipped the thing!", "Hot take: tabs > spaces. Fight me.", "Morning run in the rain, 8k @ 5:12/km",
    "New sourdough attempt — 78% hydration, 36h cold retard.", "Anyone else's build broken after the update?",
    "Reading list for December 📚", "PSA: back up your photos.", "This cat has no respect for my keyboard.",
    "Spent 3 hours debugging, it was a missing comma.", "Sketch of the day", "We're hiring (remote, EU time zones)!",
    "Just learned you can use `git switch -` to go back to the previous branch 🤯", "Tiny win: inbox zero (for 5 minutes)",
    "Ist das Wetter in Köln immer so? 🌧️", "Enfin le week-end ! On se retrouve au marché ?", "今日は新宿でラーメン🍜",
    "¿Alguien sabe un buen taller de bicis cerca de Malasaña?", "Τελικά το ψωμί βγήκε τέλειο!", "Dzień dobry! ☕",
    "Question for the #a11y folks: is `aria-live=\"polite\"` enough for toast messages?",
    "It's 2026 and I still can't type `¯\\_(ツ)_/¯` without copy-paste", "Me: \"one more episode\". Also me, 3am:",
    "Reminder that 'done' is better than 'perfect' <3", "Quote of the day: \"Simple things should be simple, complex things should be possible.\"",
    "Pro tip: 2 + 2 = 4, but 0.1 + 0.2 != 0.3 in floating point 🙃", "50% off everything in the shop this weekend — code WINTER50",
    "RT if you remember dial-up :-)", "Can't believe it's December already?!", "Local elections: polls open 7am–10pm, bring ID!",
]


def post_text(rng: random.Random) -> str:
    parts = [pick(rng, OPENERS)]
    if rng.random() < 0.35:
        parts.append(" ".join("@" + h for h in some(rng, HANDLES, 1, 3)))
    if rng.random() < 0.3:
        parts.append(pick(rng, LINKS))
    if rng.random() < 0.6:
        parts.append(" ".join(some(rng, TAGS, 1, 4)))
    if rng.random() < 0.5:
        parts.append("".join(some(rng, EMOJI, 1, 3)))
    sep = pick(rng, [" ", "\n\n", "\n"])
    return sep.join(parts)


BIOS = ["she/her | coffee & code | <3 | 10x dev? lol", "he/him • photographer 📸 • Dublin → Berlin • views my own",
        "they/them. Writing, knitting & yelling about trains 🚆", "Baker 🍞 | \"flour is a lifestyle\" | DMs open for bread questions",
        "Dev @ somewhere // ex-@otherplace // #rustlang & #python", "Mum of 2, runner, 🇮🇪 — 5k PB 23:41 (for now!)",
        "Illustratrice · Lyon · commissions: fermées ✗", "Ingeniera | fútbol ⚽ | \"siempre aprendiendo\"",
        "PhD candidate (ML & ethics). Opinions ≠ my supervisor's.", "カメラと猫 | 東京", "Just here for the memes ¯\\_(ツ)_/¯",
        "Open-source maintainer. Please don't @ me on weekends :)", "Music producer 🎧 | bookings: hello at example dot com",
        "Gardener 🌱, amateur astronomer 🔭, professional overthinker", "Rock climbing & R stats. p < 0.05 or it didn't happen",
        "", "🏳️‍🌈 | 🐈‍⬛ | ☕☕☕", "Ex-teacher → UX researcher. 'Why?' is my favourite question."]


def web_cookie(rng: random.Random) -> str:
    return cookie_jar(rng, "django", extra=[("theme", pick(rng, ["dark", "light", "auto"]))] +
                      ([("feed_pref", pick(rng, ["latest", "for_you"]))] if rng.random() < 0.5 else []), analytics=0.35)


def spa(rng: random.Random, kind: str, method: str, path: str, qs: str = "", obj: object = None, referer: str = "/home",
        lang: str = "en") -> Request:
    body = js_json(obj).encode() if obj is not None else None
    extra = csrf(rng, "django") if method != "GET" else []
    return browser(rng, SRC, kind, method, WEB, path, qs, body=body, ctype="application/json" if body is not None else None,
                   accept="application/json", referer=f"https://{WEB}{referer}", cookie=web_cookie(rng), lang=lang, extra=extra)


IOS_UA = ["Chirpy/12.4.0 (iPhone; iOS 18.7; Scale/3.00)", "Chirpy/12.4.1 (iPhone; iOS 26.1; Scale/3.00)", "Chirpy/12.3.2 (iPad; iOS 18.6; Scale/2.00)"]
ANDROID_UA = ["Chirpy/12.4.0 (Android 15; SM-S918B; samsung) okhttp/4.12.0", "Chirpy/12.4.0 (Android 16; Pixel 9 Pro)", "Chirpy/12.3.9 (Android 14; moto g84 5G)"]


def app(rng: random.Random, kind: str, method: str, path: str, qs: str = "", obj: object = None) -> Request:
    auth = bearer(rng, "https://auth.social.example.com", "read write push")
    if rng.random() < 0.5:
        body = ios_json(obj).encode() if obj is not None else None
        return client(rng, SRC, kind, method, API, path, qs, body=body, ctype="application/json" if body is not None else None,
                      lib="ios", auth=auth, ua=pick(rng, IOS_UA), extra=[("x-client-trace-id", uuid4(rng).upper())])
    body = gson_json(obj).encode() if obj is not None else None
    return client(rng, SRC, kind, method, API, path, qs, body=body, ctype="application/json; charset=utf-8" if body is not None else None,
                  lib="okhttp", auth=auth, ua=pick(rng, ANDROID_UA), extra=[("x-client-trace-id", uuid4(rng))])


def cursor(rng: random.Random) -> str:
    return b64url(js_json({"id": str(rng.randrange(10**17, 10**18)), "ts": epoch(rng)}).encode())


def sid(rng: random.Random) -> str:
    return str(rng.randrange(113_000_000_000_000_000, 116_000_000_000_000_000))


# ------------------------------------------------------------------ reading


def timeline(rng: random.Random) -> Request:
    pairs = [("limit", str(pick(rng, [20, 20, 40])))]
    if rng.random() < 0.7:
        pairs.append(("cursor" if rng.random() < 0.5 else "max_id", cursor(rng) if rng.random() < 0.5 else sid(rng)))
    if rng.random() < 0.3:
        pairs.append(("include", "reply_context,quoted,polls,media"))
    feed = pick(rng, ["home", "home", "for_you", "list/" + str(rng.randrange(100, 9999)), "local"])
    if rng.random() < 0.5:
        return app(rng, "timeline", "GET", f"/v2/timelines/{feed}", form(pairs))
    return spa(rng, "timeline", "GET", f"/api/timelines/{feed}", form(pairs))


def profile_page(rng: random.Random) -> Request:
    h = pick(rng, HANDLES)
    path = pick(rng, [f"/@{h}", f"/@{h}/with_replies", f"/@{h}/media", f"/@{h}/{sid(rng)}"])
    qs = pick(rng, ["", "", form([("s", "20")]), form([("ref_src", "twsrc^tfw"), ("utm_source", "share")])])
    return browser(rng, SRC, "profile_page", "GET", WEB, path, qs, page=True, site=pick(rng, ["same-origin", "none", "cross-site"]),
                   cookie=web_cookie(rng) if rng.random() < 0.7 else None, referer=pick(rng, [None, f"https://{WEB}/home", "https://news.example.org/"]))


def tag_page(rng: random.Random) -> Request:
    t = pick(rng, TAGS)[1:]
    return browser(rng, SRC, "hashtag_page", "GET", WEB, "/tags/" + uri_query([("t", t)])[2:], form([("f", pick(rng, ["live", "top", "media"]))]),
                   page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/home")


def post_thread(rng: random.Random) -> Request:
    return spa(rng, "thread", "GET", f"/api/statuses/{sid(rng)}/context", form([("depth", "3"), ("sort", pick(rng, ["best", "newest"]))]))


SEARCHES = ["from:@zoe_codes sourdough", "#caturday filter:media", "\"tabs vs spaces\"", "python -snake", "lang:de köln",
            "to:@ciaran.b since:2026-11-01", "min_faves:100 #photography", "url:example.org", "Café l'Horloge", "O'Brien",
            "🍞", "@ngugi.w", "ラーメン 新宿", "advent of code day 5 spoilers", "is:poll", "near:Dublin within:10km",
            "#a11y OR #accessibility", "50% off", "c++ vs rust", "what's the best <select> polyfill"]


def search(rng: random.Random) -> Request:
    q = pick(rng, SEARCHES)
    pairs = [("q", q), ("type", pick(rng, ["statuses", "accounts", "hashtags", "top"])), ("limit", "20")]
    if rng.random() < 0.3:
        pairs.append(("cursor", cursor(rng)))
    if rng.random() < 0.4:
        return app(rng, "search", "GET", "/v2/search", form(pairs))
    return browser(rng, SRC, "search", "GET", WEB, "/search", form(pairs[:2]), page=True, cookie=web_cookie(rng),
                   referer=f"https://{WEB}/explore")


def mention_autocomplete(rng: random.Random) -> Request:
    prefix = pick(rng, ["@zo", "@o_b", "@ci", "@ngu", "@an", "@d'a", "#caf", "#100d", "#kö", ":tada", ":cof"])
    return spa(rng, "autocomplete", "GET", "/api/autocomplete", uri_query([("q", prefix), ("type", "accounts,hashtags,emoji"), ("limit", "8")]),
               referer="/compose")


def notifications(rng: random.Random) -> Request:
    if rng.random() < 0.6:
        pairs = [("types[]", t) for t in some(rng, ["mention", "reply", "favourite", "reblog", "follow", "poll"], 1, 4)]
        pairs.append(("limit", "30"))
        if rng.random() < 0.5:
            pairs.append(("since_id", sid(rng)))
        return app(rng, "notifications", "GET", "/v2/notifications", form(pairs))
    return spa(rng, "notifications_read", "POST", "/api/notifications/read", obj={"up_to_id": sid(rng)}, referer="/notifications")


def dms_list(rng: random.Random) -> Request:
    return app(rng, "dm_list", "GET", "/v2/conversations", form([("limit", "20")] + ([("cursor", cursor(rng))] if rng.random() < 0.5 else [])))


def oembed(rng: random.Random) -> Request:
    url = f"https://{WEB}/@{pick(rng, HANDLES)}/{sid(rng)}"
    return client(rng, SRC, "oembed", "GET", WEB, "/api/oembed", form([("url", url), ("maxwidth", "550"), ("omit_script", pick(rng, ["0", "1"]))]),
                  lib=pick(rng, ["requests", "node", "go"]), ua=pick(rng, ["WordPress/6.9; https://blog.example.net", "python-requests/2.32.5", "Go-http-client/1.1"]))


def webfinger(rng: random.Random) -> Request:
    h = pick(rng, HANDLES).replace("ï", "i")
    return client(rng, SRC, "webfinger", "GET", WEB, "/.well-known/webfinger", form([("resource", f"acct:{h}@{WEB}")]), lib="go",
                  ua=pick(rng, ["http.rb/5.2.0 (Mastodon/4.5.1; +https://mastodon.example.net/)", "Misskey/2025.11.0 (https://misskey.example.org)"]),
                  accept="application/jrd+json, application/json")


# ------------------------------------------------------------------ writing


def compose(rng: random.Random) -> Request:
    obj: dict[str, object] = {"text": post_text(rng), "visibility": pick(rng, ["public", "public", "followers", "unlisted"]),
                              "language": pick(rng, ["en", "en", "de", "fr", "es", "ja", None]),
                              "sensitive": rng.random() < 0.05, "media_ids": [], "client_nonce": uuid4(rng)}
    if rng.random() < 0.15:
        obj["spoiler_text"] = pick(rng, ["AoC day 5 spoilers", "food pic", "politics", "eye contact"])
    if rng.random() < 0.3:
        obj["media_ids"] = [sid(rng) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.5:
        return app(rng, "post_create", "POST", "/v2/statuses", obj=obj)
    return spa(rng, "post_create", "POST", "/api/statuses", obj=obj, referer="/compose")


POLLS = [("Tabs or spaces?", ["Tabs", "Spaces", "Whatever the linter says", "I just want to see results"]),
         ("Best bread for toast?", ["Sourdough 🍞", "Rye", "Plain white (don't @ me)", "Brioche"]),
         ("How do you pronounce 'GIF'?", ["/ɡɪf/", "/dʒɪf/", "\"jif\" like the peanut butter"]),
         ("Welche Sprache lernst du 2027?", ["Rust", "Go", "Kotlin", "Keine – Urlaub!"]),
         ("Morning person?", ["Yes ☀️", "No 🌙", "Only with coffee", "It depends"])]


def poll(rng: random.Random) -> Request:
    q, opts = pick(rng, POLLS)
    obj = {"text": q + (" " + " ".join(some(rng, TAGS, 0, 2)) if rng.random() < 0.5 else ""), "visibility": "public",
           "poll": {"options": opts, "expires_in": pick(rng, [3600, 86400, 259200]), "multiple": rng.random() < 0.2, "hide_totals": False}}
    return spa(rng, "post_poll", "POST", "/api/statuses", obj=obj, referer="/compose")


def poll_vote(rng: random.Random) -> Request:
    return app(rng, "poll_vote", "POST", f"/v2/polls/{sid(rng)}/votes", obj={"choices": [rng.randrange(4)]})


REPLIES = ["Agreed 100%", "lol same", "This is the way 🙌", "Source? 🤔", "Congrats!! 🎉", "Not sure I follow — can you explain the 2nd part?",
           "@zoe_codes you'll like this", "Ha! My cat does exactly the same >_<", "Thanks for sharing, bookmarked.",
           "Respectfully disagree: spaces are objectively better (PEP 8 says so ;) )", "Where's this? Looks like Galway?",
           "Recipe please!!", "Genau so ist es.", "Trop bien 😍", "Saved me an hour, thank you <3", "Wait, what? 😳"]


def reply(rng: random.Random) -> Request:
    obj = {"text": ("@" + pick(rng, HANDLES) + " " if rng.random() < 0.7 else "") + pick(rng, REPLIES),
           "in_reply_to_id": sid(rng), "visibility": "public"}
    if rng.random() < 0.5:
        return app(rng, "reply", "POST", "/v2/statuses", obj=obj)
    return spa(rng, "reply", "POST", "/api/statuses", obj=obj, referer=f"/@{pick(rng, HANDLES)}/{sid(rng)}")


def quote(rng: random.Random) -> Request:
    obj = {"text": pick(rng, ["This 👇", "Couldn't have said it better.", "Big if true", "Everyone should read this thread",
                              "Hmm, counterpoint:", "\"Done is better than perfect\" — yes, but…"]),
           "quote_id": sid(rng), "visibility": "public"}
    return spa(rng, "quote_post", "POST", "/api/statuses", obj=obj, referer="/home")


def edit(rng: random.Random) -> Request:
    obj = {"text": post_text(rng), "edit_reason": pick(rng, ["typo", "", "added link", "fixed @mention"])}
    return spa(rng, "post_edit", "PATCH", f"/api/statuses/{sid(rng)}", obj=obj, referer="/home")


def delete(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return app(rng, "post_delete", "DELETE", f"/v2/statuses/{sid(rng)}")
    return spa(rng, "post_delete", "DELETE", f"/api/statuses/{sid(rng)}", referer=f"/@{pick(rng, HANDLES)}")


def react(rng: random.Random) -> Request:
    s = sid(rng)
    r = rng.random()
    if r < 0.45:
        return app(rng, "favourite", "POST", f"/v2/statuses/{s}/favourite")
    if r < 0.6:
        return spa(rng, "unfavourite", "POST", f"/api/statuses/{s}/unfavourite")
    if r < 0.8:
        return spa(rng, "emoji_reaction", "PUT", f"/api/statuses/{s}/reactions/" + uri_query([("e", pick(rng, ["🔥", "👀", "❤️", "😂", ":blobcat:"]))])[2:])
    return app(rng, "boost", "POST", f"/v2/statuses/{s}/reblog", obj={"visibility": "public"})


def follow(rng: random.Random) -> Request:
    a = sid(rng)
    act = pick(rng, ["follow", "follow", "unfollow", "block", "mute", "unmute"])
    obj: dict[str, object] | None = None
    if act == "follow":
        obj = {"reblogs": True, "notify": rng.random() < 0.2}
    elif act == "mute":
        obj = {"notifications": True, "duration": pick(rng, [0, 86400, 604800])}
    if rng.random() < 0.5:
        return app(rng, act, "POST", f"/v2/accounts/{a}/{act}", obj=obj)
    return spa(rng, act, "POST", f"/api/accounts/{a}/{act}", obj=obj if obj is not None else {}, referer=f"/@{pick(rng, HANDLES)}")


DMS = ["hey! are you coming saturday?", "Sent you the file, lmk if the link doesn't work", "omg did you see that thread 😂",
       "Can I use your photo in our newsletter? Happy to credit you (@niamh_draws)", "Thanks for the recipe!! Turned out great 🍞",
       "Hi — saw your post about the job. Is it still open? My portfolio: https://portfolio.example.net/kai",
       "Meeting moved to 3pm, same link", "<3", "Yes/no/maybe? 🙈", "Bist du morgen beim Meetup?", "Je t'envoie l'adresse : 12 rue des Lilas, 3e étage"]


def dm_send(rng: random.Random) -> Request:
    obj = {"conversation_id": str(rng.randrange(10**9)), "text": pick(rng, DMS), "client_message_id": uuid4(rng),
           "reply_to": pick(rng, [None, None, str(rng.randrange(10**9))])}
    if rng.random() < 0.6:
        return app(rng, "dm_send", "POST", "/v2/conversations/messages", obj=obj)
    return spa(rng, "dm_send", "POST", "/api/conversations/messages", obj=obj, referer="/messages")


def bookmark(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return spa(rng, "bookmarks", "GET", "/api/bookmarks", form([("limit", "20")] + ([("cursor", cursor(rng))] if rng.random() < 0.6 else [])), referer="/bookmarks")
    return app(rng, "bookmark", "POST", f"/v2/statuses/{sid(rng)}/bookmark")


def link_preview(rng: random.Random) -> Request:
    return spa(rng, "link_preview", "GET", "/api/unfurl", form([("url", pick(rng, LINKS))]), referer="/compose")


def draft(rng: random.Random) -> Request:
    obj = {"draft_id": uuid4(rng), "text": post_text(rng)[: rng.randint(10, 200)], "updated_at": stamp(rng), "media_ids": []}
    return spa(rng, "draft_autosave", "PUT", f"/api/drafts/{uuid4(rng)}", obj=obj, referer="/compose")


def schedule(rng: random.Random) -> Request:
    obj = {"text": post_text(rng), "scheduled_at": upcoming(rng, 1, 20) + f"T{rng.randint(6, 21):02d}:00:00.000Z", "visibility": "public"}
    return spa(rng, "post_schedule", "POST", "/api/scheduled_statuses", obj=obj, referer="/compose")


def lists(rng: random.Random) -> Request:
    obj = {"title": pick(rng, ["Dev friends", "Bakers 🍞", "News & weather", "Running club", "Family", "Lyon ❤"]),
           "replies_policy": pick(rng, ["list", "followed", "none"]), "exclusive": rng.random() < 0.3}
    return spa(rng, "list_create", "POST", "/api/lists", obj=obj, referer="/lists")


# ------------------------------------------------------------------ media


ALTS = ["A tabby cat asleep on a laptop keyboard.", "Sourdough loaf with a deep ear, cut open to show an open crumb.",
        "Screenshot of a terminal: `git switch -` returning to the main branch.", "Rainy street in Köln at dusk, reflections of shop lights.",
        "Bar chart: 62% tabs, 31% spaces, 7% \"other\".", "Hand-drawn sketch of a fox in a scarf — ink & watercolour.",
        "", "Two runners crossing a finish line; the clock reads 23:41.", "Photo of a café menu: \"Flat white €3,20 / Cortado €2,80\"."]


def media_upload(rng: random.Random) -> Request:
    b = browser_of(rng)
    bd = boundary_for(rng, b.family)
    data, name, ct = pick(rng, [(fake_jpeg(rng, 2500 + rng.randrange(4000)), "IMG_20261129_141210.jpg", "image/jpeg"),
                                (fake_png(rng, 2000 + rng.randrange(3000)), "Screenshot 2026-12-01 at 09.14.55.png", "image/png"),
                                (fake_webp(rng, 1500 + rng.randrange(2000)), "sketch.webp", "image/webp")])
    parts = [("file", data, name, ct), *text_parts([("description", pick(rng, ALTS)), ("focus", f"{rng.uniform(-1, 1):.2f},{rng.uniform(-1, 1):.2f}")])]
    body = multipart(parts, bd)
    return browser(rng, SRC, "media_upload", "POST", WEB, "/api/media", body=body, ctype=f"multipart/form-data; boundary={bd}",
                   accept="application/json", referer=f"https://{WEB}/compose", cookie=web_cookie(rng), extra=csrf(rng, "django"), b=b)


def app_media_upload(rng: random.Random) -> Request:
    ios = rng.random() < 0.5
    bd = boundary_for(rng, "ios" if ios else "okhttp")
    parts = [("file", fake_jpeg(rng, 3000 + rng.randrange(4000)), "image.jpg" if ios else f"IMG_{rng.randrange(10**4)}.jpg", "image/jpeg"),
             *text_parts([("description", pick(rng, ALTS))])]
    body = multipart(parts, bd)
    return client(rng, SRC, "media_upload_app", "POST", MEDIA, "/v2/media", body=body, ctype=f"multipart/form-data; boundary={bd}",
                  lib="ios" if ios else "okhttp", auth=bearer(rng, "https://auth.social.example.com", "write:media"),
                  ua=pick(rng, IOS_UA if ios else ANDROID_UA))


def video_chunk(rng: random.Random) -> Request:
    """Resumable video upload: init, then append binary chunks, then finalize."""
    upload_id = chars(rng, ALNUM, 22)
    step = pick(rng, ["init", "append", "append", "append", "finalize"])
    auth = bearer(rng, "https://auth.social.example.com", "write:media")
    total = rng.randrange(4_000_000, 60_000_000)
    if step == "init":
        obj = {"media_type": "video/mp4", "total_bytes": total, "media_category": pick(rng, ["feed_video", "story"]),
               "alt_text": pick(rng, ["Timelapse of bread rising", "Cat chasing a laser dot", "Drone shot over the cliffs", ""])}
        return client(rng, SRC, "video_upload_init", "POST", MEDIA, "/v2/media/uploads", body=gson_json(obj).encode(),
                      ctype="application/json; charset=utf-8", lib="okhttp", auth=auth, ua=pick(rng, ANDROID_UA))
    if step == "append":
        i = rng.randrange(0, 12)
        chunk = (fake_mp4(rng, 3000) if i == 0 else rbytes(rng, 3000 + rng.randrange(2000)))
        start = i * 5_242_880
        return client(rng, SRC, "video_upload_chunk", "PUT", MEDIA, f"/v2/media/uploads/{upload_id}", form([("segment", str(i))]),
                      body=chunk, ctype="application/octet-stream", lib="okhttp", auth=auth, ua=pick(rng, ANDROID_UA),
                      extra=[("content-range", f"bytes {start}-{start + len(chunk) - 1}/{total}")])
    return client(rng, SRC, "video_upload_finalize", "POST", MEDIA, f"/v2/media/uploads/{upload_id}/finalize",
                  body=b"{}", ctype="application/json; charset=utf-8", lib="okhttp", auth=auth, ua=pick(rng, ANDROID_UA))


def alt_text(rng: random.Random) -> Request:
    return spa(rng, "alt_text_update", "PUT", f"/api/media/{sid(rng)}", obj={"description": pick(rng, ALTS)}, referer="/compose")


def profile_update(rng: random.Random) -> Request:
    g, f, _ = person(rng)
    b = browser_of(rng)
    bd = boundary_for(rng, b.family)
    pairs = [("display_name", pick(rng, [f"{g} {f}", f"{g} ✨", f"{g} ({pick(rng, ['she/her', 'he/him', 'they/them'])})", f"{g} 🇮🇪"])),
             ("note", pick(rng, BIOS)), ("locked", pick(rng, ["false", "true"])),
             ("fields_attributes[0][name]", pick(rng, ["Website", "Pronouns", "Blog", "Shop"])),
             ("fields_attributes[0][value]", pick(rng, ["https://zoe.example.net", "she/her", "https://blog.example.org/~ciaran?utm=bio", "https://shop.example.com/@niamh"])),
             ("fields_attributes[1][name]", pick(rng, ["Location", "Languages", "Now"])),
             ("fields_attributes[1][value]", pick(rng, ["Dublin ↔ Berlin", "EN / DE / a bit of FR", "Reading: \"The Left Hand of Darkness\""]))]
    parts = text_parts(pairs)
    if rng.random() < 0.4:
        parts.append(("avatar", fake_jpeg(rng, 1500 + rng.randrange(2000)), "avatar.jpg", "image/jpeg"))
    body = multipart(parts, bd)
    return browser(rng, SRC, "profile_update", "PATCH", WEB, "/api/accounts/update_credentials", body=body,
                   ctype=f"multipart/form-data; boundary={bd}", accept="application/json", referer=f"https://{WEB}/settings/profile",
                   cookie=web_cookie(rng), extra=csrf(rng, "django"), b=b)


def muted_words(rng: random.Random) -> Request:
    obj = {"phrase": pick(rng, ["spoilers", "#politics", "crypto 🚀", "AoC", "\"black friday\"", "nft", "election", "F1"]),
           "context": some(rng, ["home", "notifications", "public", "thread"], 1, 3), "whole_word": rng.random() < 0.6,
           "expires_in": pick(rng, [None, 86400, 604800])}
    return spa(rng, "muted_word", "POST", "/api/filters", obj=obj, referer="/settings/filters")


REPORT_TEXT = ["This account keeps replying to everyone with the same link.", "Spam — DMs asking for 'investment'.",
               "Impersonating @niamh_draws (same avatar, name with a 1 instead of l).", "Harassment in replies to my post, see 3 attached.",
               "Graphic content without a CW.", "", "They posted my home address (12 Larch Rd...) – please remove ASAP",
               "Bot? posts every 30 seconds."]


def report(rng: random.Random) -> Request:
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("account_id", sid(rng)), ("category", pick(rng, ["spam", "harassment", "impersonation", "violence", "other"]))]
    pairs += [("status_ids[]", sid(rng)) for _ in range(rng.randint(0, 3))]
    pairs += [("comment", pick(rng, REPORT_TEXT)), ("forward", pick(rng, ["0", "1"])), ("block_after", pick(rng, ["on", ""]))]
    return browser(rng, SRC, "report", "POST", WEB, "/report/submit", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/report?account={pairs[1][1]}")


def push_register(rng: random.Random) -> Request:
    r = rng.random()
    alerts = {k: rng.random() < 0.8 for k in ["mention", "follow", "favourite", "reblog", "poll", "status"]}
    if r < 0.4:
        obj: dict[str, object] = {"subscription": {"endpoint": "https://fcm.example.com/fcm/send/" + chars(rng, ALNUM + "-_", 22) + ":APA91b" + chars(rng, ALNUM + "-_", 120),
                                                   "expirationTime": None,
                                                   "keys": {"p256dh": b64url(b"\x04" + rbytes(rng, 64)), "auth": b64url(rbytes(rng, 16))}},
                                  "data": {"alerts": alerts, "policy": "all"}}
        return spa(rng, "webpush_subscribe", "POST", "/api/push/subscription", obj=obj, referer="/settings/notifications")
    if r < 0.7:
        return app(rng, "push_token", "POST", "/v2/devices", obj={"platform": "apns", "token": hexs(rng, 64), "environment": "production",
                                                                   "bundle": "com.example.chirpy", "alerts": alerts})
    return app(rng, "push_token", "POST", "/v2/devices", obj={"platform": "fcm", "token": chars(rng, ALNUM + "-_", 22) + ":APA91b" + chars(rng, ALNUM + "-_", 134),
                                                               "app_version": "12.4.0", "alerts": alerts})


def beacon(rng: random.Random) -> Request:
    evs = [{"e": pick(rng, ["impression", "dwell", "video_play", "link_click", "profile_view"]), "id": sid(rng), "ms": rng.randrange(200, 30000),
            "pos": rng.randrange(60)} for _ in range(rng.randint(1, 8))]
    body = js_json({"session": uuid4(rng), "events": evs, "v": 3}).encode()
    return browser(rng, SRC, "beacon", "POST", WEB, "/api/beacon", body=body, ctype="text/plain;charset=UTF-8", accept="*/*",
                   referer=f"https://{WEB}/home", cookie=web_cookie(rng), mode="no-cors")


def login(rng: random.Random) -> Request:
    _, _, email = person(rng)
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("login", pick(rng, [email, "@" + pick(rng, HANDLES)])),
             ("password", pick(rng, ["hunter2-but-longer!", "Cat&Keyboard#7", "ilovebread<3", "T@bs>Spaces2026", "correct horse battery staple", "p4$$w0rd;)"])),
             ("remember", "on")]
    return browser(rng, SRC, "login", "POST", WEB, "/auth/sign_in", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=cookie_jar(rng, "django", analytics=0.4), referer=f"https://{WEB}/auth/sign_in")


def activitypub(rng: random.Random) -> Request:
    """A remote server delivering a Create/Like/Follow to a local inbox."""
    remote = pick(rng, ["mastodon.example.net", "fedi.example.org", "toot.example.com"])
    actor = f"https://{remote}/users/{pick(rng, ['lea', 'matteo', 'yui_k', 'bjorn', 'chidinma'])}"
    t = pick(rng, ["Create", "Like", "Follow", "Announce", "Undo"])
    obj: dict[str, object] = {"@context": ["https://www.w3.org/ns/activitystreams", {"Hashtag": "as:Hashtag", "sensitive": "as:sensitive"}],
                              "id": f"{actor}/statuses/{sid(rng)}/activity", "type": t, "actor": actor, "published": stamp(rng)[:19] + "Z",
                              "to": ["https://www.w3.org/ns/activitystreams#Public"], "cc": [f"{actor}/followers"]}
    if t == "Create":
        h = pick(rng, HANDLES)
        obj["object"] = {"id": f"{actor}/statuses/{sid(rng)}", "type": "Note", "attributedTo": actor, "inReplyTo": None,
                         "content": f"<p>{pick(rng, ['Guten Morgen!', 'New blog post is up', 'Anyone at the meetup tonight?', 'Look at this sky'])} "
                                    f"<span class=\"h-card\"><a href=\"https://{WEB}/@{h}\" class=\"u-url mention\">@<span>{h}</span></a></span> "
                                    f"<a href=\"https://{remote}/tags/caturday\" class=\"mention hashtag\" rel=\"tag\">#<span>caturday</span></a></p>",
                         "tag": [{"type": "Mention", "href": f"https://{WEB}/users/{h}", "name": f"@{h}@{WEB}"},
                                 {"type": "Hashtag", "href": f"https://{remote}/tags/caturday", "name": "#caturday"}],
                         "sensitive": False, "attachment": []}
    else:
        obj["object"] = f"https://{WEB}/users/{pick(rng, HANDLES)}/statuses/{sid(rng)}" if t != "Follow" else f"https://{WEB}/users/{pick(rng, HANDLES)}"
    body = js_json(obj).encode()
    digest = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
    date = pick(rng, ["Sat, 05 Dec 2026 10:14:07 GMT", "Fri, 04 Dec 2026 22:01:55 GMT", "Sun, 06 Dec 2026 07:45:30 GMT"])
    sig = (f'keyId="{actor}#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest content-type",'
           f'signature="{base64.b64encode(rbytes(rng, 256)).decode()}"')
    h = pick(rng, HANDLES)
    return client(rng, SRC, "activitypub_inbox", "POST", WEB, pick(rng, ["/inbox", f"/users/{h}/inbox"]), body=body,
                  ctype="application/activity+json", lib="go", ua=f"http.rb/5.2.0 (Mastodon/4.5.1; +https://{remote}/)",
                  extra=[("date", date), ("digest", digest), ("signature", sig)])


def settings_form(rng: random.Random) -> Request:
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("default_visibility", pick(rng, ["public", "unlisted", "followers"])),
             ("default_language", pick(rng, ["en", "de", "fr", "ja", ""])), ("autoplay_gifs", pick(rng, ["on", ""])),
             ("reduce_motion", pick(rng, ["on", ""])), ("show_sensitive", pick(rng, ["blur", "show", "hide"])),
             ("dm_policy", pick(rng, ["everyone", "following", "nobody"]))]
    return browser(rng, SRC, "settings", "POST", WEB, "/settings/preferences", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/settings/preferences")


def social_feed(rng: random.Random, n: int) -> list[Request]:
    makers = [
        (26, timeline), (8, profile_page), (3, tag_page), (5, post_thread), (5, search), (4, mention_autocomplete),
        (7, notifications), (3, dms_list), (2, oembed), (2, webfinger), (14, compose), (3, poll), (2, poll_vote),
        (8, reply), (3, quote), (2, edit), (2, delete), (12, react), (5, follow), (4, dm_send), (3, bookmark),
        (3, link_preview), (3, draft), (1, schedule), (1, lists), (4, media_upload), (3, app_media_upload),
        (3, video_chunk), (1, alt_text), (2, profile_update), (1, muted_words), (2, report), (2, push_register),
        (4, beacon), (2, login), (3, activitypub), (1, settings_form),
    ]
    return run(rng, n, makers)
