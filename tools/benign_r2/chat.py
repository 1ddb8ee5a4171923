# ruff: noqa: RUF001 - real text uses these characters: en dashes, multiplication signs, full-width punctuation
"""chat_messages: a team chat web app (and its Electron desktop shell) talking
to its REST API and to the polling fallbacks of its websocket (socket.io
long-polling, SockJS xhr_send): messages with emoji, @mentions, #channels,
`inline code` and code blocks, shared links and slang in several languages;
edits, deletes, reactions, typing indicators, read receipts, history pages.
"""

from __future__ import annotations

import json
import random
from urllib.parse import quote

from .common import (
    BROWSERS,
    Browser,
    Request,
    b64url,
    browser_request,
    chars,
    compact,
    epoch,
    pick,
    randbytes,
    site_cookies,
    ulid,
    url_query,
    uuid4,
)

HOSTS = ["chat.example.com", "team.example.net", "talk.example.org", "messages.example.de"]
USERS = ["ana", "ben.o", "chloe", "dmitri", "emre", "fatou", "giulia", "haruto", "ines", "jakub", "kofi", "lea",
         "mo", "nora.k", "oscar", "priya", "quentin", "rosa", "sean.oneill", "tomasz", "yui", "zeynep"]
CHANNELS = ["general", "random", "dev", "ops", "support-escalations", "design", "deploys", "sales-emea", "alerts",
            "kitchen", "help-it", "release-2026-12", "data", "frontend", "backend", "qa"]

MESSAGES: dict[str, list[str]] = {
    "en": [
        "lol yeah that's what I thought 😂", "@{user} can you take a look at #{channel} when you get a sec?",
        "deploy's done ✅", "did anyone else get logged out just now?", "try `git pull --rebase` then push again",
        "the query was just `select count(*) from orders where status = 'open'` and it took 40s 🙃",
        "brb, coffee ☕", "ngl that demo went way better than expected",
        "here's the runbook: https://docs.example.com/runbooks/db-failover?tab=steps#rollback",
        "can we drop the 3pm sync today? I'm double booked", "+1", "ok I'll update the ticket & ping ops",
        "who owns the `payments-worker` service?", "it says `ECONNRESET` on every retry 🤷",
        "running `npm run build` locally works fine, CI fails 🤔", "lmk if you need anything from me",
        "sleep is for the weak 😴 jk, logging off", "haha nice one @{user} 🎉🎉",
        "order #{n} shipped to the wrong address again smh", "ignore the alert in #alerts, it's the staging box",
        "can you share the table from yesterday's meeting?", "wfh tomorrow, dentist at 10 🦷",
        "PR is up: https://git.example.com/team/app/pull/{n} - small one, just renames `userId` -> `accountId`",
        "exec summary is in the drive, 3rd slide has the numbers", "where's the 'delete channel' option?? I can only archive",
        "omw 🏃", "tbh I'd just `DROP` the temp table and rerun the import", "👀", "thx!!", "np 👍",
        "anyone know why `docker compose up` hangs on \"Waiting for db\"?", "LGTM, ship it 🚢",
        "fyi the union of both lists is in the sheet, tab 2", "is it just me or is the VPN super slow today",
        "let's move this to a thread 🧵", "meeting notes: https://wiki.example.org/display/ENG/2026-12-07+Standup",
        "can someone with admin rights run the migration? `./manage.py migrate orders 0042`",
        "I'll be out Fri & Mon 🌴", "where do I select the sprint in the new board view?",
        "🔥🔥🔥", "does `sleep 5 && curl localhost:8080/health` count as a readiness probe 😅",
        "from now on please tag releases as `vYYYY.MM.N`", "ugh, forgot to update the changelog again",
        "@here standup in 5", "@channel office closes at 4 today for the holiday party 🎄",
    ],
    "de": ["Bin gleich da", "Hat jemand den Schlüssel für Raum 2.14?", "@{user} kannst du kurz drüberschauen?",
           "Mittag? 🍕", "Läuft bei mir 👍", "Der Build ist wieder grün ✅", "Ich update das Ticket gleich",
           "Wer hat die Tabelle mit den Q4-Zahlen?", "Danke dir! 🙏", "Muss kurz weg, bin in 20 min zurück"],
    "fr": ["je suis en réu, je te rappelle après", "qqn a le lien du dashboard ?", "merci !! 🙏",
           "c'est l'équipe d'Hélène qui gère ça", "ok pour moi 👌", "j'ai mis à jour la doc dans #{channel}",
           "t'inquiète, je m'en occupe", "l'appli plante quand on sélectionne « Tous »"],
    "es": ["jajaja 😂", "ya lo subí al drive", "¿alguien sabe por qué falla el build?", "voy en 5 min",
           "@{user} ¿lo puedes revisar?", "¡genial, gracias! 🎉"],
    "pt": ["valeu!", "tô chegando", "alguém viu o e-mail do cliente?", "show, bora 🚀"],
    "ja": ["了解です！", "今から会議です🙏", "ありがとうございます😊", "明日は在宅です", "@{user} さん、確認お願いします"],
    "tr": ["tamamdır 👍", "toplantı 10 dakika gecikecek", "eline sağlık 🙌"],
    "pl": ["dzięki!", "zaraz będę", "kto ma dostęp do proda?", "spoko, ogarnę to jutro"],
}
CODE_BLOCKS = [
    "```\nSELECT id, email FROM users WHERE created_at > now() - interval '1 day';\n```",
    "```bash\nkubectl rollout restart deploy/api -n prod\nkubectl get pods -n prod -w\n```",
    "```js\nconst res = await fetch(`/api/orders?status=${status}`);\nif (!res.ok) throw new Error(res.statusText);\n```",
    "```\nTraceback (most recent call last):\n  File \"worker.py\", line 88, in run\n    job.execute()\nTimeoutError: job exceeded 300s\n```",
    "```yaml\nretries: 3\nbackoff: exponential\ntimeout: 30s\n```",
    "```diff\n- if (user.role == 'admin')\n+ if (user.roles.includes('admin'))\n```",
    "```python\nfor row in rows:\n    print(row['id'], row['status'])\n```",
]
EMOJI = ["👍", "❤️", "😂", "🎉", "👀", "🙏", "✅", "🔥", "😅", "🚀", "thumbsup", "white_check_mark", "eyes", "tada",
         "heart", "joy", "pray", "+1", "100", "raised_hands"]
STATUSES = ["active", "away", "dnd", "offline"]

ELECTRON = Browser("chrome", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                   "ExampleChat/4.41.105 Chrome/128.0.6613.186 Electron/32.2.5 Safari/537.36",
                   '"Not;A=Brand";v="24", "Chromium";v="128"', False, "Windows")
ELECTRON_MAC = Browser("chrome", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "ExampleChat/4.41.105 Chrome/128.0.6613.186 Electron/32.2.5 Safari/537.36",
                       '"Not;A=Brand";v="24", "Chromium";v="128"', False, "macOS")
LANGS = ["en"] * 8 + ["de", "de", "fr", "fr", "es", "pt", "ja", "tr", "pl"]


def text(rng: random.Random, lang: str) -> str:
    s = pick(rng, MESSAGES[lang]).format(user=pick(rng, USERS), channel=pick(rng, CHANNELS), n=rng.randrange(1000, 99_999))
    r = rng.random()
    if r < 0.08:
        s += "\n" + pick(rng, CODE_BLOCKS)
    elif r < 0.2:
        s += " " + pick(rng, MESSAGES[lang]).format(user=pick(rng, USERS), channel=pick(rng, CHANNELS), n=rng.randrange(1000, 99_999))
    return s


def mentions(s: str) -> list[str]:
    return [w.strip("@,.?!:") for w in s.split() if w.startswith("@") and w[1:].strip("@,.?!:") in USERS]


def client(rng: random.Random) -> Browser:
    return ELECTRON if rng.random() < 0.12 else ELECTRON_MAC if rng.random() < 0.05 else pick(rng, BROWSERS)


def api(rng: random.Random, kind: str, method: str, path: str, obj: object | None, *, query: str = "",
        raw: bytes | None = None, ctype: str = "application/json") -> Request:
    host = pick(rng, HOSTS)
    body = raw if raw is not None else (compact(obj).encode() if obj is not None else None)
    extra = [("x-client-version", pick(rng, ["web@2026.12.03-4f1c2a9", "web@2026.11.28-9ab01de", "desktop@4.41.105"]))]
    if rng.random() < 0.5:
        extra.append(("authorization", "Bearer " + pick(rng, ["xoxc-", "cs_", ""]) + chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 48)))
    if rng.random() < 0.3:
        extra.append(("x-request-id", uuid4(rng)))
    return browser_request(rng, "chat_messages", kind, method, host, path, query, body=body,
                           content_type=ctype if body is not None else None, mode="cors",
                           referer=f"https://{host}/client/{pick(rng, CHANNELS)}", accept="application/json",
                           cookie=site_cookies(rng, pick(rng, ["express", "next", "rails"]), analytics=0.15),
                           lang=pick(rng, ["en", "de", "fr", "es", "ja"]), extra=extra, browser=client(rng))


def send(rng: random.Random) -> Request:
    lang = pick(rng, LANGS)
    s = text(rng, lang)
    obj: dict[str, object] = {"client_msg_id": uuid4(rng), "text": s}
    if rng.random() < 0.3:
        obj["thread_ts"] = f"{epoch(rng)}.{rng.randrange(10**6):06d}"
    if ms := mentions(s):
        obj["mentions"] = ms
    if rng.random() < 0.15:
        obj["attachments"] = [{"file_id": "F" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10),
                               "name": pick(rng, ["screenshot.png", "notes.txt", "Q4 numbers.xlsx", "IMG_2231.HEIC"])}]
    if rng.random() < 0.2:
        obj["unfurl_links"] = rng.random() < 0.5
    cid = "C" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)
    return api(rng, "json", "POST", f"/api/v1/channels/{cid}/messages", obj)


def edit(rng: random.Random) -> Request:
    s = text(rng, pick(rng, LANGS))
    if rng.random() < 0.3:
        s = s.replace("teh", "the") + " (edited: typo)"
    mid = ulid(rng)
    return api(rng, "json", "PATCH", f"/api/v1/messages/{mid}", {"text": s, "edited_at": epoch(rng)})


def delete(rng: random.Random) -> Request:
    mid = ulid(rng)
    if rng.random() < 0.7:
        return api(rng, "json", "DELETE", f"/api/v1/messages/{mid}", None)
    return api(rng, "json", "POST", "/api/chat.delete", {"channel": "C" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10),
                                                         "ts": f"{epoch(rng)}.{rng.randrange(10**6):06d}", "as_user": True})


def react(rng: random.Random) -> Request:
    mid = ulid(rng)
    e = pick(rng, EMOJI)
    if rng.random() < 0.75:
        return api(rng, "json", "POST", f"/api/v1/messages/{mid}/reactions", {"emoji": e})
    return api(rng, "json", "DELETE", f"/api/v1/messages/{mid}/reactions/{quote(e, safe='')}", None)


def typing(rng: random.Random) -> Request:
    cid = "C" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)
    if rng.random() < 0.5:
        return api(rng, "json", "POST", f"/api/v1/channels/{cid}/typing", {})
    return api(rng, "json", "POST", "/api/v1/typing", {"channel_id": cid, "state": pick(rng, ["start", "stop"])})


def receipts(rng: random.Random) -> Request:
    cid = "C" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)
    if rng.random() < 0.5:
        return api(rng, "json", "POST", "/api/v1/read-receipts", {"channel_id": cid, "last_read": ulid(rng)})
    return api(rng, "json", "PUT", "/api/v1/presence", {"status": pick(rng, STATUSES),
                                                       "status_text": pick(rng, ["", "In a meeting", "🌴 OOO until Mon",
                                                                                 "Focus time 🎧", "Krank 🤒", "En réunion"]),
                                                       "status_emoji": pick(rng, ["", ":palm_tree:", ":headphones:", ":spiral_calendar_pad:"])})


def history(rng: random.Random) -> Request:
    cid = "C" + chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)
    q = [("limit", pick(rng, ["30", "50", "100"]))]
    if rng.random() < 0.7:
        q.append(("before", ulid(rng)))
    if rng.random() < 0.3:
        q.append(("cursor", b64url(compact({"ts": epoch(rng), "id": ulid(rng)}).encode())))
    if rng.random() < 0.2:
        q.append(("q", pick(rng, ["deploy failed", "from:@priya", "in:#ops has:link", "\"select count\"", "Rechnung"])))
    return api(rng, "json", "GET", f"/api/v1/channels/{cid}/messages", None, query=url_query(q))


def socketio(rng: random.Random) -> Request:
    sid = b64url(randbytes(rng, 15))
    t = b64url(randbytes(rng, 5))[:7]
    q = f"EIO=4&transport=polling&t={t}&sid={quote(sid, safe='')}"
    lang = pick(rng, LANGS)
    event = pick(rng, ["message", "message", "typing", "react", "ack"])
    if event == "message":
        payload: object = ["message", {"room": pick(rng, CHANNELS), "text": text(rng, lang), "nonce": uuid4(rng)}]
    elif event == "typing":
        payload = ["typing", {"room": pick(rng, CHANNELS), "typing": rng.random() < 0.7}]
    elif event == "react":
        payload = ["reaction:add", {"messageId": ulid(rng), "emoji": pick(rng, EMOJI)}]
    else:
        payload = ["ack", {"lastSeq": rng.randrange(10_000)}]
    frame = "42" + compact(payload)
    if rng.random() < 0.2:
        frame = "3\x1e" + frame  # a pong batched with the event
    return api(rng, "text", "POST", "/socket.io/", None, query=q, raw=frame.encode(), ctype="text/plain;charset=UTF-8")


def sockjs(rng: random.Random) -> Request:
    server = f"{rng.randrange(1000):03d}"
    session = chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 8)
    lang = pick(rng, LANGS)
    inner = compact({"msg": "method", "method": "sendMessage", "id": str(rng.randrange(1, 400)),
                     "params": [{"_id": chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 17),
                                 "rid": pick(rng, CHANNELS), "msg": text(rng, lang)}]})
    frame = json.dumps([inner], ensure_ascii=False)
    return api(rng, "text", "POST", f"/sockjs/{server}/{session}/xhr_send", None, raw=frame.encode(),
               ctype="text/plain;charset=UTF-8")


def chat_messages(rng: random.Random, n: int) -> list[Request]:
    makers = [send] * 8 + [edit, edit, delete, react, react, typing, receipts, history, socketio, socketio, sockjs]
    return [pick(rng, makers)(rng) for _ in range(n)]
