# ruff: noqa: RUF001 - posts are written in many scripts, with typographic punctuation
"""forum_bbcode: forum topics and replies in BBCode (phpBB/Misago style form
posts) and markdown (Discourse-style JSON), quotes, signatures, polls, edits
with reasons, previews — in many languages, with emoji."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, hexs, js_json, pick

from .common import BROWSERS, Request, browser, cookies, csrf_header, some

SRC = "forum_bbcode"
HOSTS = ["forum.example.com", "community.example.org", "discuss.example.net", "board.example.de", "foro.example.es"]

HANDLES = ["gardenhermit", "Kasia_W", "tobi.r", "nightowl_88", "Mjölnir", "sourdough_sam", "Ayşe K.", "retrofan",
           "la_ciclista", "ぽんず", "dev_null_42", "MarcoPolo", "Оксана", "cheddar", "frostbyte", "wanderlust",
           "Jean-Pierre", "Ünal", "老王", "quietmoth"]

TOPICS_EN = [
    "Best budget road bike for a beginner?", "Sourdough starter smells like nail polish — normal?",
    "[Solved] Home Assistant doesn't see my Zigbee stick after update", "Show us your winter balcony garden 🌱",
    "Trip report: 10 days in Hokkaido by rail", "Which e-reader for reading in bed?",
    "Help: tomatoes splitting after rain", "Django 5.1 upgrade — migrations hang on Postgres",
    "Anyone else's heat pump icing up at -5 °C?", "Recommend a good Python book for a 14-year-old",
    "Board game night: rules question about Catan robber", "Photo critique: first attempt at astrophotography",
    "What's your 3D printer bed temperature for PETG?", "Moving to Lisbon in March — neighbourhood tips?",
]
TOPICS_INTL = [
    ("de", "Welche Winterreifen für einen Kombi? Erfahrungen gesucht"),
    ("de", "Balkonkraftwerk anmelden – wie lief das bei euch?"),
    ("fr", "Quel objectif pour débuter en photo de rue ?"),
    ("fr", "Recette : la vraie tarte Tatin de ma grand-mère 🍎"),
    ("es", "¿Alguien ha hecho el Camino del Norte en invierno?"),
    ("pt", "Dúvida sobre regar suculentas no inverno"),
    ("pl", "Pierwszy rower szosowy – Giant czy Merida?"),
    ("ru", "Как настроить роутер для стабильного Wi‑Fi на даче?"),
    ("ja", "初めての自作キーボード、スイッチのおすすめは？"),
    ("zh", "请问大家冬天怎么养多肉？🌵"),
    ("tr", "Kış lastiği önerisi: hangi marka?"),
    ("ar", "ما هو أفضل تطبيق لتعلم اللغة اليابانية؟"),
    ("it", "Consigli per la prima lievitazione naturale?"),
    ("nl", "Ervaringen met een warmtepompboiler?"),
]

BODIES_EN = [
    "Thanks everyone for the replies! In the end I went with the {x} and I'm really happy with it so far.",
    "I had exactly the same problem last winter. What fixed it for me was {x}, but YMMV.",
    "Not sure if this is the right subforum, mods feel free to move it 🙏",
    "Quick update: it's been two weeks and everything still works. Marking as solved ✅",
    "Can you post a photo? Hard to tell from the description alone.",
    "+1 for {x}. Had mine for three years, zero issues.",
    "Honestly I'd wait for the January sales, prices usually drop by 20-30%.",
    "I wrote a longer guide on this a while back, see the link below.",
    "That's a really common mistake, don't worry — we've all been there 😅",
    "Welcome to the forum! Please read the FAQ before posting, most of this is covered there.",
    "Interesting! I never thought of trying {x}. Will report back.",
    "Agree with the above. Also: check the firmware version first, 2.4.1 had a known bug.",
    "Is it just me or has this gotten worse since the last update?",
]
BODIES_INTL = {
    "de": ["Danke für die schnellen Antworten! Ich habe mich für {x} entschieden.", "Bei mir hat es geholfen, {x} auszuprobieren. Viel Erfolg! 👍"],
    "fr": ["Merci à tous ! J'ai finalement choisi {x}, très content pour l'instant.", "Même souci chez moi l'hiver dernier… {x} a réglé le problème."],
    "es": ["¡Gracias a todos! Al final me decidí por {x}.", "A mí me funcionó {x}, prueba a ver 😊"],
    "pt": ["Valeu, pessoal! Acabei escolhendo {x}.", "Comigo funcionou {x}. Boa sorte!"],
    "pl": ["Dzięki za odpowiedzi! Ostatecznie wybrałem {x}.", "U mnie pomogło {x}, spróbuj."],
    "ru": ["Спасибо всем за ответы! В итоге взял {x}.", "У меня помогло {x}, попробуйте 🙂"],
    "ja": ["皆さんありがとうございます！結局{x}にしました。", "私の場合は{x}で解決しました 🙇"],
    "zh": ["谢谢大家！最后我选了{x}。", "我是用{x}解决的，供参考 👍"],
    "tr": ["Cevaplar için teşekkürler! Sonunda {x} aldım.", "Bende {x} işe yaradı, bir dene."],
    "ar": ["شكرًا للجميع! اخترت في النهاية {x}.", "جرّب {x}، نجح معي 🙏"],
    "it": ["Grazie a tutti! Alla fine ho scelto {x}.", "A me ha funzionato {x}, prova!"],
    "nl": ["Bedankt allemaal! Uiteindelijk gekozen voor {x}.", "Bij mij hielp {x}, succes!"],
}
THINGS = ["the Kindle Paperwhite", "a 28 mm lens", "rye flour", "the Conbee II", "a new chain", "Continental tyres",
          "feeding it twice a day", "a USB extension cable", "the 2.4.3 firmware", "lowering the flow temperature",
          "a Raspberry Pi 5", "Cherry MX Brown switches", "neem oil", "the rail pass"]

CODE_SNIPPETS = [
    "pip install --upgrade zigpy-znp\nha core restart",
    "Traceback (most recent call last):\n  File \"manage.py\", line 22, in <module>\n    main()\n  File \"/srv/app/venv/lib/python3.12/site-packages/django/db/migrations/executor.py\", line 135, in migrate\n    state = self._migrate_all_forwards(state, plan, full_plan, fake=fake, fake_initial=fake_initial)\ndjango.db.utils.OperationalError: deadlock detected",
    "automation:\n  - alias: \"Hallway light at sunset\"\n    trigger:\n      - platform: sun\n        event: sunset\n        offset: \"-00:15:00\"\n    action:\n      - service: light.turn_on\n        target:\n          entity_id: light.hallway",
    "for i in range(10):\n    print(f\"{i}: {i ** 2}\")",
    "M140 S80 ; bed temp\nM104 S240 ; nozzle temp\nG28 ; home all axes",
    ".post-body img {\n  max-width: 100%;\n  height: auto;\n}",
    "$ python3 -m venv .venv && source .venv/bin/activate\n$ pip install -r requirements.txt",
    "sudo apt update && sudo apt install --no-install-recommends ffmpeg",
    "const total = items.reduce((sum, i) => sum + i.price * i.qty, 0);",
]

SIGNATURES = [
    "[size=85][i]Trek Domane AL2 · Brompton C Line · too many spare tubes[/i][/size]",
    "[color=#666666]Sent from my balcony 🌿[/color]",
    "[url=https://blog.example.com]My garden blog[/url] | [url=https://www.example.org/gallery]Photos[/url]",
    "HA 2026.12 on a Pi 5 · Zigbee2MQTT · 43 devices and counting",
    "[b]Rules[/b] | [url=/faq]FAQ[/url] | Be excellent to each other.",
    "„Wer später bremst, ist länger schnell.“",
    "🇯🇵 2019 · 🇮🇸 2022 · 🇵🇹 2026",
    "[img]https://img.example.net/userbars/sourdough-club.png[/img]",
]

EDIT_REASONS = ["typo", "fixed link", "added photos", "marked as solved", "formatting", "Rechtschreibung",
                "correction de l'orthographe", "removed personal info", "updated with the answer", "タイトル修正"]


def _lang_text(rng: random.Random) -> tuple[str, str, str]:
    """(lang, title, body)"""
    x = pick(rng, THINGS)
    if rng.random() < 0.5:
        return "en", pick(rng, TOPICS_EN), " ".join(s.format(x=x) for s in some(rng, BODIES_EN, 1, 3))
    lang, title = pick(rng, TOPICS_INTL)
    return lang, title, pick(rng, BODIES_INTL[lang]).format(x=x)


def _bbcode(rng: random.Random, body: str) -> str:
    out = body
    extras: list[str] = []
    if rng.random() < 0.35:
        who = pick(rng, HANDLES)
        pid = rng.randrange(10_000, 999_999)
        quoted = pick(rng, BODIES_EN).format(x=pick(rng, THINGS))
        attr = pick(rng, [f'"{who}"', f'"{who}" post_id={pid} time={1_790_000_000 + pid} user_id={pid // 7}', who])
        out = f"[quote={attr}]{quoted}[/quote]\n\n{out}"
    if rng.random() < 0.3:
        extras.append(f"[url=https://www.example.com/{pick(rng, ['guides/winter-tyres', 'wiki/Zigbee', 'recipes/tarte-tatin', 'kb/4411'])}]{pick(rng, ['this guide', 'the wiki page', 'hier', 'ici', 'aquí'])}[/url]")
    if rng.random() < 0.25:
        extras.append(f"[img]https://img.example.net/{chars(rng, ALNUM, 7)}.jpg[/img]")
    if rng.random() < 0.2:
        extras.append(f"[code]{pick(rng, CODE_SNIPPETS)}[/code]")
    if rng.random() < 0.2:
        extras.append(pick(rng, ["[b]Edit:[/b] solved, see below.", "[i]P.S.[/i] sorry for my English", "[list]\n[*]frame size 54\n[*]105 groupset\n[*]budget ~1200 €\n[/list]",
                                 "[spoiler]the robber goes back to the desert[/spoiler]", "[s]Lisbon[/s] Porto, actually!", "[size=150]Thank you all! 🎉[/size]"]))
    if rng.random() < 0.15:
        extras.append(f"[youtube]{chars(rng, ALNUM + '-_', 11)}[/youtube]")
    return "\n\n".join([out, *extras])


def _markdown(rng: random.Random, body: str) -> str:
    out = body
    if rng.random() < 0.35:
        who = pick(rng, HANDLES).replace(" ", "_")
        quoted = pick(rng, BODIES_EN).format(x=pick(rng, THINGS))
        out = f"[quote=\"{who}, post:{rng.randrange(1, 60)}, topic:{rng.randrange(1000, 90000)}\"]\n{quoted}\n[/quote]\n\n{out}"
    if rng.random() < 0.25:
        out += f"\n\n```{pick(rng, ['', 'python', 'yaml', 'bash', 'text'])}\n{pick(rng, CODE_SNIPPETS)}\n```"
    if rng.random() < 0.3:
        out += f"\n\nMore here: [{pick(rng, ['the docs', 'my write-up', 'this thread'])}](https://discuss.example.net/t/{rng.randrange(1000, 90000)})"
    if rng.random() < 0.2:
        out += f"\n\n![IMG_{rng.randrange(1000, 9999)}|690x460](upload://{chars(rng, ALNUM, 27)}.jpeg)"
    if rng.random() < 0.2:
        out += "\n\n**Edit:** " + pick(rng, ["it works now!", "see @" + pick(rng, HANDLES).replace(" ", "_") + "'s answer", "_never mind_, it was the cable 🤦"])
    return out


POLLS = [
    ("Which tyre width do you run in winter?", ["25 mm", "28 mm", "32 mm", "35 mm+"]),
    ("Best time for the meetup?", ["Sat 10:00", "Sat 14:00", "Sun 11:00"]),
    ("Wie oft füttert ihr euren Sauerteig?", ["täglich", "alle 2–3 Tage", "einmal pro Woche"]),
    ("Favourite Catan expansion?", ["Seafarers", "Cities & Knights", "Traders & Barbarians", "None, base game only!"]),
]


def one(rng: random.Random) -> Request:
    host = pick(rng, HOSTS)
    b = pick(rng, BROWSERS)
    lang, title, body = _lang_text(rng)
    topic = rng.randrange(1000, 90_000)
    forum_id = rng.randrange(2, 40)
    r = rng.random()
    if r < 0.22:  # phpBB-style new topic / reply form (BBCode)
        sid = hexs(rng, 32)
        message = _bbcode(rng, body)
        pairs = [("subject", title if rng.random() < 0.6 else "Re: " + title), ("addbbcode20", "100"), ("message", message),
                 ("attach_sig", "on"), ("topic_cur_post_id", str(rng.randrange(10**5, 10**6))), ("lastclick", str(1_796_000_000 + rng.randrange(10**6))),
                 ("post", "Submit"), ("creation_time", str(1_796_000_000 + rng.randrange(10**6))), ("form_token", hexs(rng, 40))]
        mode = pick(rng, ["post", "reply"])
        qs = f"mode={mode}&f={forum_id}" + (f"&t={topic}" if mode == "reply" else "")
        return browser(rng, SRC, f"bbcode_{mode}", "POST", host, "/posting.php", qs, body=form(pairs).encode(),
                       ctype="application/x-www-form-urlencoded", navigate=True, lang=lang, b=b,
                       cookie=f"phpbb3_{chars(rng, 'abcdefghijklmnopqrstuvwxyz', 5)}_u={rng.randrange(2, 90000)}; phpbb3_{chars(rng, 'abcdefghijklmnopqrstuvwxyz', 5)}_sid={sid}",
                       referer=f"https://{host}/posting.php?{qs}")
    if r < 0.45:  # Discourse-style markdown post (JSON)
        payload: dict[str, object] = {"raw": _markdown(rng, body), "topic_id": topic, "category": forum_id,
                                      "reply_to_post_number": pick(rng, [None, rng.randrange(1, 40)]), "archetype": "regular",
                                      "whisper": False, "nested_post": True, "draft_key": f"topic_{topic}"}
        if rng.random() < 0.3:
            payload = {"title": title, "raw": _markdown(rng, body), "category": forum_id, "tags": some(rng, ["help", "winter", "beginner", "solved", "hardware", "recipes"], 0, 2),
                       "archetype": "regular", "draft_key": "new_topic"}
        return browser(rng, SRC, "markdown_post", "POST", host, "/posts.json", body=js_json(payload).encode(),
                       ctype="application/json", lang=lang, b=b, accept="application/json, text/javascript, */*; q=0.01",
                       extra=[("x-csrf-token", chars(rng, ALNUM + "-_", 86)), ("discourse-logged-in", "true"), ("discourse-present", "true"), ("x-requested-with", "XMLHttpRequest")],
                       cookie=f"_t={chars(rng, ALNUM + '%', 120)}; _forum_session={chars(rng, ALNUM + '%', 180)}",
                       referer=f"https://{host}/t/{title.lower()[:20].replace(' ', '-')}/{topic}")
    if r < 0.58:  # Misago/Django forum reply (JSON, BBCode-ish markup)
        fw = "django"
        payload2 = {"post": _bbcode(rng, body), "attachments": [], "category": forum_id, "thread": topic}
        return browser(rng, SRC, "thread_reply", "POST", host, f"/api/threads/{topic}/posts/", body=js_json(payload2).encode(),
                       ctype="application/json", lang=lang, b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw),
                       referer=f"https://{host}/t/{topic}/")
    if r < 0.68:  # edit with reason
        payload3 = {"post": {"raw": _markdown(rng, body), "edit_reason": pick(rng, EDIT_REASONS), "raw_old": body}}
        pid = rng.randrange(10**5, 10**6)
        return browser(rng, SRC, "edit_post", "PUT", host, f"/posts/{pid}", body=js_json(payload3).encode(),
                       ctype="application/json", lang=lang, b=b, accept="application/json, text/javascript, */*; q=0.01",
                       extra=[("x-csrf-token", chars(rng, ALNUM + "-_", 86)), ("x-requested-with", "XMLHttpRequest")],
                       cookie=f"_t={chars(rng, ALNUM, 100)}; _forum_session={chars(rng, ALNUM, 160)}")
    if r < 0.77:  # signature / profile
        pairs = [("signature", pick(rng, SIGNATURES)), ("form_token", hexs(rng, 40)), ("creation_time", str(1_796_000_000 + rng.randrange(10**6))),
                 ("submit", "Submit")]
        return browser(rng, SRC, "signature", "POST", host, "/ucp.php", "i=ucp_profile&mode=signature", body=form(pairs).encode(),
                       ctype="application/x-www-form-urlencoded", navigate=True, lang=lang, b=b,
                       cookie=f"phpbb3_abcde_u={rng.randrange(2, 90000)}; phpbb3_abcde_sid={hexs(rng, 32)}; phpbb3_abcde_k=",
                       referer=f"https://{host}/ucp.php?i=ucp_profile&mode=signature")
    if r < 0.85:  # poll
        q, opts = pick(rng, POLLS)
        if rng.random() < 0.5:
            raw = f"{body}\n\n[poll type=regular results=always public=true chartType=bar]\n# {q}\n" + "\n".join(f"* {o}" for o in opts) + "\n[/poll]"
            return browser(rng, SRC, "poll", "POST", host, "/posts.json", body=js_json({"title": title, "raw": raw, "category": forum_id, "archetype": "regular"}).encode(),
                           ctype="application/json", lang=lang, b=b, extra=[("x-csrf-token", chars(rng, ALNUM + "-_", 86)), ("x-requested-with", "XMLHttpRequest")],
                           cookie=f"_t={chars(rng, ALNUM, 100)}; _forum_session={chars(rng, ALNUM, 160)}")
        pairs = [("subject", title), ("message", _bbcode(rng, body)), ("poll_title", q), ("poll_option_text", "\n".join(opts)),
                 ("poll_max_options", "1"), ("poll_length", pick(rng, ["0", "7", "14"])), ("poll_vote_change", "on"), ("post", "Submit"),
                 ("form_token", hexs(rng, 40))]
        return browser(rng, SRC, "poll", "POST", host, "/posting.php", f"mode=post&f={forum_id}", body=form(pairs).encode(),
                       ctype="application/x-www-form-urlencoded", navigate=True, lang=lang, b=b,
                       cookie=f"phpbb3_qwert_u={rng.randrange(2, 90000)}; phpbb3_qwert_sid={hexs(rng, 32)}")
    if r < 0.93:  # preview
        payload4 = {"post": _bbcode(rng, body) if rng.random() < 0.5 else _markdown(rng, body)}
        return browser(rng, SRC, "preview", "POST", host, "/api/parse-markup/", body=js_json(payload4).encode(),
                       ctype="application/json", lang=lang, b=b, cookie=cookies(rng, "django"), extra=csrf_header(rng, "django"))
    # forum search and thread view
    q = pick(rng, [title.split("?")[0][:40], pick(rng, THINGS), "winter tyres", "zigbee stick", "タトゥー OK 温泉", "sourdough hydration 75%"])
    qs = form([("keywords", q), ("terms", "all"), ("author", ""), ("sc", "1"), ("sf", pick(rng, ["all", "titleonly"])), ("sr", "posts"), ("sk", "t"), ("sd", "d"), ("st", "0"), ("submit", "Search")])
    return browser(rng, SRC, "search", "GET", host, "/search.php", qs, navigate=True, lang=lang, b=b,
                   cookie=f"phpbb3_zxcvb_u=1; phpbb3_zxcvb_sid={hexs(rng, 32)}", referer=f"https://{host}/search.php")


def forum_bbcode(rng: random.Random, n: int) -> list[Request]:
    return [one(rng) for _ in range(n)]
