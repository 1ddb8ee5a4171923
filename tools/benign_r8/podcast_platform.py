# ruff: noqa: RUF001 - real text uses typographic characters
"""Podcast hosting and listening ("Podloom"): the creators' studio (a Rails
app with a JSON API) for episode uploads with HTML show notes, chapters,
transcripts, ad markers, show settings and analytics; resumable audio
uploads; RSS feeds fetched by podcast apps and directories, feed imports and
WebSub pings; media downloads through analytics prefixes with byte ranges;
the embeddable player and its beacons; the listener web app and mobile apps
(search, comments, ratings, progress sync, voice messages); and webhooks
from a dynamic ad-insertion partner and a transcription service.
"""

from __future__ import annotations

import base64
import random
from urllib.parse import quote

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
    fake_mp3,
    fake_png,
    fake_webm,
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

SRC = "podcast_platform"
STUDIO = "studio.podloom.example.com"
API = "api.podloom.example.com"
FEEDS = "feeds.podloom.example.com"
MEDIA = "media.podloom.example.net"
UPLOAD = "upload.podloom.example.com"
PLAY = "play.podloom.example.com"
LISTEN = "listen.podloom.example.com"
proxied("cdn", FEEDS, MEDIA, PLAY)
proxied("nginx", STUDIO, API, LISTEN)

SHOWS = [("Half Past History", "half-past-history"), ("The Quiet Orchard", "the-quiet-orchard"), ("Null Pointer", "null-pointer"),
         ("Bench & Vise", "bench-and-vise"), ("Kitchen Table Money", "kitchen-table-money"), ("Dead Air Mysteries", "dead-air-mysteries"),
         ("Courtside Chalk Talk", "courtside-chalk-talk"), ("Off the Map", "off-the-map"), ("Radio Ceilidh", "radio-ceilidh")]
HOSTS = ["Priyanka Ramaswamy", "Tendai Balogun", "Saoirse Dunleavy", "Håkon Sørensen", "Lucía Ibáñez", "Kwame Yeboah"]

NOTES = [
    '<p>This week {a} and {b} dig into the history of the shipping container 📦 — and why one 1956 voyage changed everything.</p>'
    '<h3>In this episode</h3><ul><li>(00:00) Cold open</li><li>(04:12) The big idea</li><li>(31:40) Listener mail: <em>“Why are containers 20ft?”</em></li></ul>'
    '<p>Links:</p><ul><li><a href="https://www.example.org/books/the-box" target="_blank" rel="noopener">The Box (book)</a></li>'
    '<li><a href="https://{show}.example.org/ep{n}">Full transcript</a></li></ul>'
    '<p>Support the show: <a href="https://members.example.com/{show}">become a member</a> 💛</p><p><small>Music: “Low Tide” by Ferreira-Lobo, CC BY 4.0</small></p>',
    "<p>Winter pruning! {a} explains the difference between a heading cut &amp; a thinning cut, and why you shouldn't prune stone fruit in December.</p>"
    "<p><strong>Listener question:</strong> “My Bramley has canker — cut it out or leave it?”</p>"
    '<p>Show notes &amp; photos → <a href="https://{show}.example.org/notes/{n}">{show}.example.org/notes/{n}</a></p>',
    "<p>We talk async Rust with a guest who has <em>opinions</em> about <code>Pin&lt;Box&lt;dyn Future&gt;&gt;</code>.</p>"
    "<pre><code>let handle = tokio::spawn(async move { fetch(&amp;url).await });</code></pre>"
    "<p>Mentioned: <a href=\"https://docs.example.com/async-book/\">the async book</a>, <code>cargo-flamegraph</code>, &lt;select!&gt; footguns.</p>",
    "<p>Dovetails by hand: saw to the line, not on it. {b}'s marking gauge tip at 18:20.</p><ol><li>Chisels: 6, 12 &amp; 19 mm</li><li>Dovetail saw, 15–16 TPI rip</li></ol>"
    "<p>Get 10% off at our sponsor with code <strong>VISE10</strong>.</p>",
    "<p>Is a 0% balance transfer worth the 3% fee? We do the maths 🧮 (spoiler: it depends on whether you'll clear it in the 0% window).</p>"
    "<p><em>Not financial advice.</em> Calculator: <a href=\"https://{show}.example.org/tools/bt-calc?fee=3&amp;months=18\">bt-calc</a></p>",
    "<p>Case #{n}: the lighthouse keeper who vanished in 1900 — three men, one unfinished meal, and a logbook entry that still makes no sense.</p>"
    "<p>⚠️ Content note: discussion of death. Sources listed at <a href=\"https://{show}.example.org/sources/{n}\">our site</a>.</p>",
]
COMMENTS = [
    "At {t} — the bit about the Ideal-X sailing from Newark: I think it was the 26th, not the 24th? Love the show regardless!",
    "Can you do an episode on the 2021 Suez blockage? 🚢",
    "Audio cut out for me around {t} on Android (Podcatcher 2.9.1). Anyone else?",
    "<3 this ep",
    "Tip: a card scraper beats 220 grit for figured maple. No tear-out.",
    "Does anyone know the song at the end? ♫",
    "The mic on your guest was really quiet, had to crank it to 100% 🔊",
    "Correction @ {t}: it's 'heading cut' not 'heading back cut' — or are they the same? Confused now 😅",
    "Listening from Kilcarrow, Co. Clare 🇮🇪 — greetings from the west!",
    "Why does the RSS show the episode twice in my app? One has the old artwork.",
    "Ran the numbers with your calculator: 18 months × £4,200 @ 3% fee beats 24.9% APR by miles. Thanks!",
    "\"Pin<Box<dyn Future>>\" jokes aside, the explanation of Unpin at {t} finally made it click.",
]
QUERIES = ["true crime", "history of shipping", "gardening winter pruning", "rust async", "\"dovetail joint\"", "personal finance UK ISA",
           "basketball pick and roll", "ceilidh", "mysteries -podcasts", "interview with Saoirse Dunleavy", "ep 142", "travel Japan on a budget",
           "cooking & fermentation", "sci-fi audio drama", "news in Spanish / noticias"]


def _show(rng: random.Random) -> tuple[str, str]:
    return pick(rng, SHOWS)


def _ep(rng: random.Random) -> str:
    return "ep_" + chars(rng, LOWER, 14)


def _ts(rng: random.Random) -> str:
    return f"{rng.randint(0, 1)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}".removeprefix("0:")


def _notes(rng: random.Random) -> str:
    _, slug = _show(rng)
    a, b = some(rng, HOSTS, 2, 2)
    return pick(rng, NOTES).replace("{a}", a.split()[0]).replace("{b}", b.split()[0]).replace("{show}", slug).replace("{n}", str(rng.randint(1, 320)))


def _studio(rng: random.Random) -> str:
    return jar(rng, "rails", tracking=0.3, extra=[("podloom_team", str(rng.randint(1000, 99999)))])


# ------------------------------------------------------------------ feeds


_APPS = ["Podcatcher/2.9.1 (Linux;Android 15) ExoPlayerLib/2.19.1", "OpenPodIndex-Crawler/1.3 (+https://index.example.org/bot)",
         "PodDirectory/1.0 (+https://directory.example.com/podcasters)", "Castbox-like/9.2 (feed refresh)", "FeedFetcher-Podwave; (+https://podwave.example.com/feedfetcher)",
         "Mozilla/5.0 (compatible; PodcastAddict/v5; +https://addict.example.net)", "AntennaPod-ish/3.6.1", "Miniflux/2.2.4; +https://miniflux.example.net",
         "NetNewsWire (RSS Reader; https://netnewswire.example.com/)"]


def rss_fetch(rng: random.Random) -> Request:
    _, slug = _show(rng)
    path = pick(rng, [f"/{slug}.xml", f"/{slug}/feed.xml", f"/shows/{rng.randint(1000, 99999)}/rss", f"/private/{chars(rng, ALNUM, 32)}/{slug}.xml"])
    extra = []
    if rng.random() < 0.6:
        extra.append(("if-none-match", f'W/"{hexs(rng, 16)}"'))
    if rng.random() < 0.5:
        extra.append(("if-modified-since", pick(rng, ["Fri, 04 Dec 2026 06:12:40 GMT", "Thu, 03 Dec 2026 21:00:00 GMT", "Mon, 30 Nov 2026 17:45:09 GMT"])))
    return api(rng, SRC, "rss_fetch", "GET", FEEDS, path, pick(rng, ["", "", "format=podcast2", f"v={rng.randint(1, 9)}"]), tool=pick(rng, ["go", "java", "okhttp", "node", "requests"]),
               ua=pick(rng, _APPS), accept=pick(rng, ["application/rss+xml, application/xml;q=0.9, */*;q=0.8", "*/*", "application/rss+xml"]), extra=extra)


def feed_import(rng: random.Random) -> Request:
    _, slug = _show(rng)
    obj = {"url": pick(rng, [f"https://oldhost.example.net/feeds/{slug}/rss", f"https://www.example.org/{slug}/podcast.xml?format=rss&limit=500", f"http://{slug}.example.org/feed/podcast/"]),
           "import_episodes": pick(rng, ["all", "latest_50"]), "keep_guids": True, "request_redirect": rng.random() < 0.7, "episode_number_from": pick(rng, ["itunes:episode", "title"])}
    return web(rng, SRC, "feed_import", "POST", STUDIO, "/api/imports", body=js_json(obj).encode(), ctype="application/json", cookie=_studio(rng),
               extra=xsrf(rng, "rails"), ref=f"https://{STUDIO}/shows/new/import")


def websub(rng: random.Random) -> Request:
    _, slug = _show(rng)
    return api(rng, SRC, "websub_ping", "POST", "hub.podloom.example.com", "/", body=form([("hub.mode", "publish"), ("hub.url", f"https://{FEEDS}/{slug}.xml")]).encode(),
               ctype="application/x-www-form-urlencoded", tool="ruby", ua="Podloom-WebSub/1.0")


def media_get(rng: random.Random) -> Request:
    _, slug = _show(rng)
    file = f"{slug}/{hexs(rng, 8)}/{pick(rng, ['episode', slug + '-ep' + str(rng.randint(1, 320)), 'final-mix-v3'])}.mp3"
    path = pick(rng, [f"/{file}", f"/track/{chars(rng, ALNUM, 10)}/pfx.trackr.example.com/e/{MEDIA}/{file}",
                      f"/e/op3.example.org/e/{MEDIA}/{file}", f"/redirect/{b64_short(rng)}/{file}"])
    q = pick(rng, ["", "", "_from=podloom", f"listenerid={hexs(rng, 16)}", "dest-id=" + str(rng.randint(1, 99))])
    lo = pick(rng, [0, 0, 0, rng.randint(1, 40) * 65536])
    rng_hdr = pick(rng, [f"bytes={lo}-", "bytes=0-1", f"bytes={lo}-{lo + 2_097_151}"])
    ua = pick(rng, ["AppleCoreMedia/1.0.0.23B85 (iPhone; U; CPU OS 26_1 like Mac OS X; en_gb)", "Podcatcher/2.9.1 (Linux;Android 15) ExoPlayerLib/2.19.1",
                    "androidx.media3.exoplayer/1.5.0", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Mobile Safari/537.36",
                    "SmartSpeaker/4.1 (Linux; audio)", "CarPlayer/2.0 (automotive)", "Lavf/61.7.100"])
    return api(rng, SRC, "media_download", "GET", MEDIA, path, q, tool=pick(rng, ["cfnetwork", "okhttp", "go"]), ua=ua, accept="*/*",
               extra=[("range", rng_hdr), ("icy-metadata", "1")] if rng.random() < 0.2 else [("range", rng_hdr)])


def b64_short(rng: random.Random) -> str:
    return chars(rng, ALNUM + "-_", 22)


# ------------------------------------------------------------------ studio


def episode_upload(rng: random.Random) -> Request:
    show, slug = _show(rng)
    n = rng.randint(1, 320)
    title = pick(rng, [f"#{n}: The Box That Changed the World", "Winter Pruning (and Why Not to Prune Plums)", "Async Rust, Pin & Friends", "Hand-cut Dovetails 101",
                       "Balance Transfers: Worth It?", f"Case {n}: The Lighthouse", "Pick & Roll Defence — Drop vs. Hedge", "Kyoto on £40/day"])
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    fields = [("authenticity_token", b64_short(rng) + b64_short(rng)), ("episode[title]", title), ("episode[description]", _notes(rng)),
              ("episode[season]", str(rng.randint(1, 6))), ("episode[number]", str(n)), ("episode[episode_type]", pick(rng, ["full", "full", "trailer", "bonus"])),
              ("episode[explicit]", pick(rng, ["0", "0", "1"])), ("episode[publish_at]", f"{date_on(rng, ahead=True)}T06:00"), ("episode[keywords]", pick(rng, ["history, shipping, containers", "gardening,pruning,apples", "rust;async;tokio", ""]))]
    parts: list[Part] = [*text_parts(fields), ("episode[audio]", fake_mp3(rng, rng.randint(1500, 4000), title, show), f"{slugify(title)[:40]}-master.mp3", "audio/mpeg")]
    if rng.random() < 0.3:
        parts.append(("episode[artwork]", fake_png(rng, rng.randint(500, 1200), 3000, 3000), "cover-3000.png", "image/png"))
    return web(rng, SRC, "episode_upload", "POST", STUDIO, f"/shows/{slug}/episodes", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}",
               nav=True, agent=a, cookie=_studio(rng), ref=f"https://{STUDIO}/shows/{slug}/episodes/new")


def resumable(rng: random.Random) -> Request:
    total = rng.randint(20, 140) * 1_048_576
    chunk = rng.randint(900, 2500)
    start = rng.randint(0, total // 1_048_576 - 1) * 1_048_576
    up = uuid4(rng)
    if rng.random() < 0.3:
        meta = f"filename {b64(pick(rng, ['ep143-master.mp3', 'Episode 12 FINAL (2).wav', 'interview_raw.m4a']))},filetype {b64('audio/mpeg')}"
        return web(rng, SRC, "upload_create", "POST", UPLOAD, "/files/", body=b"", cookie=_studio(rng),
                   origin=f"https://{STUDIO}", ref=f"https://{STUDIO}/", site="same-site",
                   extra=[("tus-resumable", "1.0.0"), ("upload-length", str(total)), ("upload-metadata", meta)])
    if rng.random() < 0.5:
        return web(rng, SRC, "upload_chunk", "PATCH", UPLOAD, f"/files/{up}", body=fake_mp3(rng, chunk), ctype="application/offset+octet-stream",
                   origin=f"https://{STUDIO}", ref=f"https://{STUDIO}/", site="same-site", extra=[("tus-resumable", "1.0.0"), ("upload-offset", str(start))])
    return web(rng, SRC, "upload_chunk_presigned", "PUT", UPLOAD, f"/raw/{up}", qs([("partNumber", str(rng.randint(1, 30))), ("uploadId", chars(rng, ALNUM, 40)),
                                                                                    ("X-Amz-Signature", hexs(rng, 64))]),
               body=fake_mp3(rng, chunk), ctype="audio/mpeg", origin=f"https://{STUDIO}", ref=f"https://{STUDIO}/", site="same-site", accept="*/*")


def b64(s: str) -> str:
    return base64.b64encode(s.encode()).decode()


def episode_patch(rng: random.Random) -> Request:
    obj: dict[str, object] = {"title": pick(rng, ["#142: The Box That Changed the World (Remastered)", "Winter Pruning", "Async Rust — Pin & Unpin"]),
                              "description_html": _notes(rng), "summary": pick(rng, ["", "Containers, Newark & the 1956 voyage.", "Heading vs thinning cuts."]),
                              "explicit": False, "block": {"apple": False, "directory": rng.random() < 0.1}, "funding": [{"url": "https://members.example.com/hph", "text": "Support us ❤"}]}
    if rng.random() < 0.3:
        obj["guid_locked"] = True
    return web(rng, SRC, "episode_edit", "PATCH", STUDIO, f"/api/v1/episodes/{_ep(rng)}", body=js_json(obj).encode(), ctype="application/json",
               cookie=_studio(rng), extra=xsrf(rng, "rails"))


def chapters(rng: random.Random) -> Request:
    t = 0.0
    chaps: list[dict[str, object]] = []
    for title in ["Intro", "Cold open", pick(rng, ["The big idea", "Heading vs. thinning", "Pin<T> explained", "Marking out"]), "Sponsor: Bench Co.",
                  pick(rng, ["Listener mail", "Q&A", "Your questions"]), "Outro & next week"][: rng.randint(3, 6)]:
        c: dict[str, object] = {"startTime": round(t, 1), "title": title}
        if rng.random() < 0.3:
            c["img"] = f"https://{MEDIA}/img/{hexs(rng, 12)}.jpg"
        if rng.random() < 0.3:
            c["url"] = pick(rng, ["https://www.example.org/books/the-box", "https://docs.example.com/async-book/", "https://shop.example.com/chisels?ref=bench"])
        if title.startswith("Sponsor"):
            c["toc"] = False
        chaps.append(c)
        t += rng.uniform(60, 900)
    obj = {"version": "1.2.0", "chapters": chaps}
    return web(rng, SRC, "chapters_save", "PUT", STUDIO, f"/api/v1/episodes/{_ep(rng)}/chapters", body=js_json(obj).encode(), ctype="application/json+chapters",
               cookie=_studio(rng), extra=xsrf(rng, "rails"))


def _vtt(rng: random.Random) -> str:
    lines = ["WEBVTT", "", "NOTE generated by Podloom, edited by hand"]
    t = 0.0
    who = some(rng, HOSTS, 2, 2)
    for text in some(rng, ["Welcome back to the show.", "Today: a metal box that changed the world. Sort of.", "So — &quot;heading cut&quot; vs &quot;thinning cut&quot;?",
                           "Right, and the trick is <i>not</i> to prune plums in winter.", "[laughs] okay, okay.", "Pin, Box, dyn Future… say that three times fast.",
                           "Saw to the line, not on it.", "You'll pay a 3% fee up front, so on £4,200 that's £126.", "[music fades]", "Thanks for listening — see you next week!"], 4, 8):
        end = t + rng.uniform(1.5, 7.0)
        lines += ["", f"{_clock(t)} --> {_clock(end)}", f"<v {pick(rng, who).split()[0]}>{text}"]
        t = end
    return "\n".join(lines) + "\n"


def _clock(s: float) -> str:
    return f"{int(s // 3600):02d}:{int(s % 3600 // 60):02d}:{s % 60:06.3f}"


def transcript(rng: random.Random) -> Request:
    ep = _ep(rng)
    if rng.random() < 0.5:
        vtt = _vtt(rng).encode()
        return web(rng, SRC, "transcript_put", "PUT", STUDIO, f"/api/v1/episodes/{ep}/transcript", qs([("format", "vtt"), ("language", pick(rng, ["en", "en-GB", "es"]))]),
                   body=vtt, ctype="text/vtt; charset=utf-8", cookie=_studio(rng), extra=xsrf(rng, "rails"))
    srt = "\r\n".join(f"{i + 1}\r\n{_clock(i * 4.0).replace('.', ',')} --> {_clock(i * 4.0 + 3.8).replace('.', ',')}\r\n{line}\r\n"
                      for i, line in enumerate(some(rng, ["Welcome back to Half Past History.", "I'm Priyanka—", "—and I'm Tendai.", "Let's talk about Newark, 1956.",
                                                          "It's 58 containers. Fifty-eight!", "(laughter)", "Okay, ad break, back in 2 mins."], 3, 7)))
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    parts: list[Part] = [("authenticity_token", (b64_short(rng) * 2).encode(), None, None), ("transcript[file]", srt.encode(), pick(rng, ["ep142.srt", "captions_final.srt"]), "application/x-subrip"),
                         *text_parts([("transcript[language]", "en"), ("transcript[speakers]", "Priyanka,Tendai")])]
    return web(rng, SRC, "transcript_upload", "POST", STUDIO, f"/episodes/{ep}/transcripts", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}",
               nav=True, agent=a, cookie=_studio(rng))


def asr_hook(rng: random.Random) -> Request:
    words = []
    t = 0.0
    for w in pick(rng, ["welcome back to the show today a metal box that changed the world", "so the trick is not to prune plums in winter",
                        "you'll pay a three percent fee up front"]).split():
        words.append({"w": w, "s": round(t, 2), "e": round(t + 0.3, 2), "c": round(rng.uniform(0.71, 0.99), 2), "spk": pick(rng, ["A", "B"])})
        t += rng.uniform(0.25, 0.5)
    obj = {"job_id": f"tr_{chars(rng, ALNUM, 18)}", "status": pick(rng, ["completed", "completed", "failed"]), "language_code": "en",
           "metadata": {"episode": _ep(rng)}, "words": words, "error": None}
    body = py_json(obj).encode()
    return api(rng, SRC, "transcription_webhook", "POST", API, "/hooks/transcription", body=body, ctype="application/json", tool="requests",
               ua="Scribewell-Webhook/1.4", extra=[("x-scribewell-signature", hmac_hex(rng, body))])


def ad_markers(rng: random.Random) -> Request:
    marks = [{"position": p, "offset_ms": off, "max_ads": rng.randint(1, 3), "max_duration_ms": rng.choice([30000, 60000, 90000])}
             for p, off in [("pre", 0), ("mid", rng.randint(600, 1800) * 1000), ("mid", rng.randint(1900, 3000) * 1000), ("post", -1)][: rng.randint(1, 4)]]
    obj = {"markers": marks, "house_ads_fallback": rng.random() < 0.5, "exclude_categories": some(rng, ["gambling", "alcohol", "political", "crypto"], 0, 3)}
    return web(rng, SRC, "ad_markers", "PUT", STUDIO, f"/api/v1/episodes/{_ep(rng)}/ad-markers", body=js_json(obj).encode(), ctype="application/json",
               cookie=_studio(rng), extra=xsrf(rng, "rails"))


def show_settings(rng: random.Random) -> Request:
    show, slug = _show(rng)
    g, f = human(rng)
    obj = {"title": show, "author": " & ".join(some(rng, HOSTS, 1, 2)), "owner": {"name": f"{g} {f}", "email": mailbox(rng, g, f)},
           "language": pick(rng, ["en", "en-gb", "es", "de"]), "categories": [pick(rng, ["History", "Education > How To", "Technology", "Leisure > Home & Garden", "Business > Investing", "True Crime", "Sports > Basketball"])],
           "explicit": False, "copyright": f"© 2026 {show}. All rights reserved.", "locked": rng.random() < 0.4, "podcast_guid": uuid4(rng),
           "website": f"https://{slug}.example.org", "funding": {"url": f"https://members.example.com/{slug}", "label": "Join the club 🍎"},
           "custom_rss_head": pick(rng, ["", f'<podcast:txt purpose="verify">{hexs(rng, 24)}</podcast:txt>', "<itunes:new-feed-url>https://feeds.podloom.example.com/" + slug + ".xml</itunes:new-feed-url>"])}
    return web(rng, SRC, "show_settings", "PATCH", STUDIO, f"/api/v1/shows/{slug}", body=js_json(obj).encode(), ctype="application/json", cookie=_studio(rng),
               extra=xsrf(rng, "rails"))


def artwork(rng: random.Random) -> Request:
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    _, slug = _show(rng)
    body = multipart([("authenticity_token", (b64_short(rng) * 2).encode(), None, None), ("show[artwork]", fake_png(rng, rng.randint(800, 2000), 3000, 3000), "artwork.png", "image/png")], b)
    return web(rng, SRC, "show_artwork", "POST", STUDIO, f"/shows/{slug}/artwork", body=body, ctype=f"multipart/form-data; boundary={b}", agent=a, cookie=_studio(rng))


def analytics(rng: random.Random) -> Request:
    _, slug = _show(rng)
    pairs = [("from", date_on(rng)), ("to", date_on(rng)), ("interval", pick(rng, ["day", "week", "month"])),
             ("group_by", pick(rng, ["app", "country", "episode", "device", "app,country"])), ("tz", pick(rng, ["Europe/London", "America/Chicago", "Australia/Sydney"])),
             ("iab", "2.2")]
    if rng.random() < 0.65:
        return web(rng, SRC, "analytics_query", "GET", STUDIO, f"/api/v1/shows/{slug}/analytics/downloads", qs(pairs), cookie=_studio(rng),
                   ref=f"https://{STUDIO}/shows/{slug}/analytics")
    if rng.random() < 0.5:
        return web(rng, SRC, "analytics_export", "GET", STUDIO, f"/shows/{slug}/analytics/export.csv", qs(pairs[:3]), nav=True, cookie=_studio(rng), accept="text/csv,*/*;q=0.8")
    return api(rng, SRC, "analytics_api", "GET", API, f"/v1/shows/{slug}/analytics/listeners", uri_query(pairs), tool=pick(rng, ["requests", "node", "go"]),
               auth=f"Bearer plm_{chars(rng, ALNUM, 40)}")


def studio_page(rng: random.Random) -> Request:
    _, slug = _show(rng)
    return web(rng, SRC, "studio_page", "GET", STUDIO, pick(rng, [f"/shows/{slug}", f"/shows/{slug}/episodes", f"/shows/{slug}/episodes/new", f"/shows/{slug}/monetization",
                                                                  "/dashboard", f"/shows/{slug}/distribution"]),
               pick(rng, ["", "", "status=scheduled", "q=" + quote("dovetail"), "tab=apple"]), nav=True, cookie=_studio(rng), ref=f"https://{STUDIO}/dashboard")


def episode_delete(rng: random.Random) -> Request:
    return web(rng, SRC, "episode_delete", "DELETE", STUDIO, f"/api/v1/episodes/{_ep(rng)}", qs([("keep_audio", pick(rng, ["true", "false"]))]),
               cookie=_studio(rng), extra=xsrf(rng, "rails"))


def private_feed(rng: random.Random) -> Request:
    _, slug = _show(rng)
    if rng.random() < 0.5:
        return web(rng, SRC, "private_feed_revoke", "DELETE", STUDIO, f"/api/v1/shows/{slug}/subscribers/{rng.randint(1, 9999)}/token", cookie=_studio(rng), extra=xsrf(rng, "rails"))
    g, f = human(rng)
    obj = {"email": mailbox(rng, g, f), "name": f"{g} {f}", "tier": pick(rng, ["supporter", "patron", "gift"]), "send_welcome": True}
    return api(rng, SRC, "private_feed_add", "POST", API, f"/v1/shows/{slug}/subscribers", body=js_json(obj).encode(), ctype="application/json", tool="php",
               auth=f"Bearer plm_{chars(rng, ALNUM, 40)}", ua="WooMembers-Podloom/1.2 GuzzleHttp/7")


# ------------------------------------------------------------------ player and listeners


def embed(rng: random.Random) -> Request:
    _, slug = _show(rng)
    q = qs([("theme", pick(rng, ["dark", "light", "auto"])), ("start", pick(rng, ["", "1m30s", "754"])), ("color", pick(rng, ["", "ff5a1f", "2b6cb0"]))])
    return web(rng, SRC, "embed_player", "GET", PLAY, f"/embed/{pick(rng, ['episode', 'show'])}/{_ep(rng) if rng.random() < 0.7 else slug}", q, frame=True,
               site="cross-site", ref=pick(rng, [f"https://{slug}.example.org/episodes/142", "https://blog.example.com/2026/12/best-podcasts-of-the-year/"]))


def beacon(rng: random.Random) -> Request:
    ev = pick(rng, ["play", "progress", "progress", "progress", "pause", "seek", "complete", "rate_change"])
    obj = {"e": ev, "ep": _ep(rng), "pos": round(rng.uniform(0, 3600), 1), "dur": rng.randint(900, 4200), "rate": pick(rng, [1, 1, 1.25, 1.5, 2]),
           "sid": chars(rng, ALNUM, 16), "src": pick(rng, ["embed", "web", "share"]), "ts": unix(rng) * 1000}
    if rng.random() < 0.7:
        return web(rng, SRC, "player_beacon", "POST", PLAY, "/b", body=js_json(obj).encode(), ctype="text/plain;charset=UTF-8", accept="*/*",
                   site="same-origin", ref=f"https://{PLAY}/embed/episode/{obj['ep']}")
    return web(rng, SRC, "player_pixel", "GET", PLAY, "/p.gif", uri_query([(k, str(v)) for k, v in obj.items()]), accept="image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
               ref=f"https://{PLAY}/embed/episode/{obj['ep']}")


def search(rng: random.Random) -> Request:
    q = pick(rng, QUERIES)
    if rng.random() < 0.5:
        return web(rng, SRC, "listener_search", "GET", LISTEN, "/search", qs([("q", q), ("type", pick(rng, ["shows", "episodes", "all"]))]), nav=True,
                   cookie=jar(rng, "express", tracking=0.6), site=pick(rng, ["same-origin", "none"]), ref=f"https://{LISTEN}/")
    if rng.random() < 0.5:
        return web(rng, SRC, "search_suggest", "GET", API, "/v1/search/suggest", uri_query([("q", q[: rng.randint(2, len(q))]), ("limit", "8"), ("lang", "en")]),
                   site="same-site", ref=f"https://{LISTEN}/")
    return api(rng, SRC, "search_app", "GET", API, "/v1/search", uri_query([("q", q), ("genre", pick(rng, ["", "history", "technology", "true-crime"])), ("explicit", "false"), ("page", "1")]),
               tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "listen"))


def comment(rng: random.Random) -> Request:
    text = pick(rng, COMMENTS).replace("{t}", _ts(rng))
    ep = _ep(rng)
    obj = {"body": text, "timestamp_s": pick(rng, [None, rng.randint(10, 3600)]), "parent_id": pick(rng, [None, None, rng.randint(1, 99999)])}
    if rng.random() < 0.6:
        return web(rng, SRC, "episode_comment", "POST", LISTEN, f"/api/episodes/{ep}/comments", body=js_json(obj).encode(), ctype="application/json",
                   cookie=jar(rng, "express", tracking=0.6), extra=xsrf(rng, "express"), ref=f"https://{LISTEN}/episodes/{ep}")
    return api(rng, SRC, "episode_comment_app", "POST", API, f"/v1/episodes/{ep}/comments", body=js_json(obj).encode(), ctype="application/json",
               tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "listen"))


def rating(rng: random.Random) -> Request:
    _, slug = _show(rng)
    obj = {"stars": pick(rng, [5, 5, 5, 4, 3, 1]), "title": pick(rng, ["Best history pod", "Great but ads too loud", "My Sunday ritual", "meh", "Audio issues lately"]),
           "review": pick(rng, ["Clever, funny & properly researched. The container ep is a masterpiece.", "Content 5/5, but the ad volume is ~2x the show volume. Please normalise!",
                                "I've learnt more about pruning from this than from 3 books.", "Too much chit-chat in the first 10 min.", ""])}
    return web(rng, SRC, "show_rating", "PUT", LISTEN, f"/api/shows/{slug}/my-rating", body=js_json(obj).encode(), ctype="application/json",
               cookie=jar(rng, "express", tracking=0.6), extra=xsrf(rng, "express"))


def progress(rng: random.Random) -> Request:
    obj = {"episodes": [{"id": _ep(rng), "position": rng.randint(0, 3600), "played": rng.random() < 0.2, "updated_at": stamp(rng)} for _ in range(rng.randint(1, 5))],
           "device": pick(rng, ["iPhone17,2", "Pixel 9", "CarPlay", "web"])}
    return api(rng, SRC, "progress_sync", "PUT", API, "/v1/me/progress", body=js_json(obj).encode(), ctype="application/json", tool=pick(rng, ["okhttp", "cfnetwork"]),
               auth=bearer(rng, f"https://{API}", "listen"), ua=pick(rng, [None, "Podloom/6.4.0 (iPhone; iOS 26.1; build 912)"]))


def subscriptions(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return api(rng, SRC, "subscriptions_list", "GET", API, "/v1/me/subscriptions", uri_query([("since", str(unix(rng))), ("fields", "id,title,artwork,latest_episode")]),
                   tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "listen"))
    _, slug = _show(rng)
    kind, method = pick(rng, [("subscribe", "PUT"), ("unsubscribe", "DELETE")])
    return api(rng, SRC, kind, method, API, f"/v1/me/subscriptions/{slug}",
               tool=pick(rng, ["okhttp", "cfnetwork"]), auth=bearer(rng, f"https://{API}", "listen"))


def opml(rng: random.Random) -> Request:
    outlines = "\n".join(f'      <outline type="rss" text="{t.replace("&", "&amp;")}" xmlUrl="https://{FEEDS}/{s}.xml" />' for t, s in some(rng, SHOWS, 2, 6))
    doc = f'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>My podcasts</title></head>\n  <body>\n    <outline text="feeds">\n{outlines}\n    </outline>\n  </body>\n</opml>\n'
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    return web(rng, SRC, "opml_import", "POST", LISTEN, "/api/me/import/opml", body=multipart([("file", doc.encode(), pick(rng, ["podcasts.opml", "subscriptions.xml", "export (1).opml"]), "text/x-opml")], b),
               ctype=f"multipart/form-data; boundary={b}", agent=a, cookie=jar(rng, "express", tracking=0.6), extra=xsrf(rng, "express"))


def voice_message(rng: random.Random) -> Request:
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    g, f = human(rng)
    _, slug = _show(rng)
    parts: list[Part] = [*text_parts([("name", g), ("location", pick(rng, ["Ashcombe", "Port Alder, WA", "Kilcarrow", ""])), ("email", mailbox(rng, g, f)),
                                      ("question", pick(rng, ["Quick q about plum pruning", "Suggestion for a future case", "Love the show!"])), ("ok_to_air", "yes")]),
                         ("audio", fake_webm(rng, rng.randint(1500, 4000)), "voicemail.webm", "audio/webm;codecs=opus")]
    return web(rng, SRC, "voice_message", "POST", LISTEN, f"/shows/{slug}/voicemail", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", agent=a,
               cookie=jar(rng, "express", tracking=0.6), extra=xsrf(rng, "express"))


def oembed(rng: random.Random) -> Request:
    _, slug = _show(rng)
    return api(rng, SRC, "oembed", "GET", PLAY, "/oembed", uri_query([("url", f"https://{LISTEN}/episodes/{_ep(rng)}"), ("format", "json"), ("maxwidth", pick(rng, ["600", "100%"]))]),
               tool=pick(rng, ["php", "requests", "go"]), ua=pick(rng, ["WordPress/6.7.1; https://" + slug + ".example.org", "Iframely/1.3.1 (+https://iframely.example.com/)", None]))


# ------------------------------------------------------------------ ads


def vast(rng: random.Random) -> Request:
    return web(rng, SRC, "vast_request", "GET", "ads.loomads.example.net", "/vast/4.2", uri_query([("pub", "podloom"), ("show", _show(rng)[1]), ("ep", _ep(rng)), ("pos", pick(rng, ["pre", "mid", "post"])),
                                                                                               ("dur", str(rng.choice([30, 60]))), ("cb", str(rng.randint(10**9, 10**10))), ("gdpr", "1"),
                                                                                               ("gdpr_consent", "CQ" + chars(rng, ALNUM + "-_", 60))]),
               accept="application/xml, text/xml, */*", site="cross-site", ref=f"https://{PLAY}/embed/episode/{_ep(rng)}")


def ad_hook(rng: random.Random) -> Request:
    kind = pick(rng, ["campaign.booked", "campaign.paused", "impressions.reported", "creative.rejected"])
    data: dict[str, object] = {"campaign_id": f"cmp_{chars(rng, ALNUM, 12)}", "advertiser": pick(rng, ["Bench Co.", "Fernbrook Tea", "Ledgerly Accounting", "Wanderlite Luggage"])}
    if kind == "campaign.booked":
        data.update({"flight": {"start": date_on(rng, ahead=True), "end": date_on(rng, ahead=True)}, "cpm": {"amount": money(rng, 12, 35), "currency": "USD"},
                     "insertions": [{"position": pick(rng, ["pre", "mid", "post"]), "max_duration_ms": 30000}], "targeting": {"geo": some(rng, ["GB", "IE", "US", "CA", "AU"], 1, 3),
                                                                                                                           "categories": some(rng, ["IAB1-5", "IAB10-2", "IAB19-18", "IAB13"], 1, 2), "exclude_shows": [pick(rng, SHOWS)[1]]},
                     "creative": {"audio_url": f"https://cdn.loomads.example.net/cr/{hexs(rng, 16)}.mp3", "loudness_lufs": round(rng.uniform(-19, -14), 1)}})
    elif kind == "impressions.reported":
        data.update({"date": date_on(rng), "rows": [{"show": pick(rng, SHOWS)[1], "impressions": rng.randint(10, 50000), "country": pick(rng, ["GB", "US", "IE"])} for _ in range(rng.randint(1, 4))]})
    elif kind == "creative.rejected":
        data["reason"] = pick(rng, ["Loudness -9.8 LUFS exceeds -14 max", "Mentions a competitor show", "Audio contains 2s of silence at start"])
    obj = {"type": kind, "id": uuid4(rng), "sent_at": stamp(rng), "data": data}
    body = js_json(obj).encode()
    return api(rng, SRC, "ad_partner_webhook", "POST", API, "/hooks/ads/loomads", body=body, ctype="application/json", tool="node",
               ua="LoomAds-Webhooks/3.0", extra=[("x-loomads-signature", "sha256=" + hmac_hex(rng, body)), ("x-loomads-event", kind)])


def podcast_platform(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (14, rss_fetch), (2, feed_import), (2, websub), (16, media_get), (5, episode_upload), (5, resumable), (4, episode_patch), (3, chapters),
        (4, transcript), (2, asr_hook), (2, ad_markers), (2, show_settings), (1, artwork), (7, analytics), (5, studio_page), (1, episode_delete),
        (2, private_feed), (5, embed), (13, beacon), (8, search), (7, comment), (2, rating), (5, progress), (4, subscriptions), (1, opml),
        (2, voice_message), (2, oembed), (4, vast), (4, ad_hook),
    ])

