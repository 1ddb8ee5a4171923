# ruff: noqa: RUF001 - real text uses typographic characters
"""gaming: a gaming community (Flask forum, a match-stats API fed by a game
server plugin, a launcher app): player names with l33t and clan tags, chat
and guild posts with emoticons, match reports with scores, patch-note
discussions, mod and config snippets."""

from __future__ import annotations

import random

from benign_record import form, js_json, pick, py_json, stamp, uuid4

from .common import (
    BROWSERS,
    Request,
    boundary,
    browser,
    client,
    cookies,
    csrf_header,
    multipart,
    query,
    run,
    some,
    text_parts,
)

SRC = "gaming"
HOST = "forums.example.net"
API = "stats.example.net"
FW = "flask"

PLAYERS = ["[ABC] xX_Sn1per_Xx", "[FTW]N00bSlay3r", "{GG} DarkL0rd", "ǤħøṡŦ", "~*Pr1nc3ss*~", "[NL]Henk_de_Tank", "xXx_Br0Wn13_xXx",
           "«RØNIN»", "L33tH4x0r", "[DE] Kartoffel", "MLG_Gr4ndm4", "-=[KoA]=- Zer0", "Mr. Sn00ze", "ʕ•ᴥ•ʔ Bear", "[Ω] Kronos",
           "#1 Healer Lily", "TTV_shroomzie", "o0OFalconO0o", "[JP] さくら", "El_Tigre_777", "[PL] Żubr", "Tw!stedMetal"]
CHAT = [
    "gg wp <3", "lol that clutch tho :-)", "ez clap", ">_< lagged out again", "¯\\_(ツ)_/¯ idk man", "brb 5 min",
    "need heals!!! :(", "omg ty <3 <3", "who's up for ranked tonight? 8pm EST", "nerf sniper pls 🙄", "o7", "rip :'(",
    "^_^ nice one", "XD XD", "dont feed mid plz", "1v3 clutch incoming... nvm :P", "T_T i missed every shot",
    "fr fr that was insane", "gg ff 15?", "<(^_^<) party time (>^_^)>", "ggez... jk ur good 😅", "afk dinner",
]
GUILD_POSTS = [
    "**Raid night is moving to Thursdays!** Be online by 19:30 server time, raid starts 19:45 sharp. Bring flasks + food buffs. "
    "Sign up in #raid-signups :)",
    "Recruiting! [ABC] is looking for 2 healers & 1 tank for mythic progression. Requirements: 620+ ilvl, logs avg 75+, Discord w/ mic. "
    "We're chill but serious about progression. DM Sn1per or reply here <3",
    "PSA: do NOT click the 'free skins' link going around in whisper chat. It's a phishing site — staff will never ask for your password.",
    "Weekly tournament results:\n1st – [FTW] (3-0)\n2nd – {GG} (2-1)\n3rd – [NL] (1-2)\nGG everyone, see you next Sat!",
    "Anyone else getting stuck at 99% on the launcher after the patch? Tried verify files, no luck >_<",
    "Hallo zusammen! Wir sind [DE], eine entspannte Gilde für Feierabend-Spieler (25+). Raids Mi/So 20 Uhr.",
    "Kto chce grać w sobotę? Szukamy jeszcze 2 osób do drużyny :)",
    "Finally hit Diamond after 300 games!!! Thanks to everyone who duo'd with me ^_^",
]
PATCH_COMMENTS = [
    "The 15% damage nerf to the AR is way too much. TTK went from 0.38s to 0.45s, it's unusable at range now.",
    "Love the new map but spawn on B is broken, you can get spawn-trapped from the tower.",
    "Patch 3.14.2 notes say 'fixed memory leak' but I'm still seeing RAM usage climb to 12 GB after ~2 hrs.",
    "FINALLY they fixed the ladder bug lmao",
    "Why did they remove the FOV slider?? I need 100+ or I get motion sick :(",
    "Hot take: the healer changes are fine, people just need to position better. ¯\\_(ツ)_/¯",
    "Can confirm the crash on AMD 7900 XTX with driver 25.11.1, rolling back to 25.9 fixed it.",
]
# (file name, paste syntax, content)
CONFIGS: list[tuple[str, str, str]] = [
    ("autoexec.cfg", "plain", "// autoexec.cfg\nsensitivity \"1.8\"\nfps_max \"240\"\ncl_crosshairsize \"2\"\nbind \"mwheelup\" \"+jump\"\nbind \"f\" \"+lookatweapon\"\nhost_writeconfig\n"),
    ("settings.ini", "ini", "[Graphics]\nResolution=2560x1440\nFullscreen=true\nVSync=false\nShadowQuality=Medium\nFOV=103\n\n[Audio]\nMasterVolume=0.7\n"),
    ("init.lua", "lua", "-- my_mod/init.lua\nlocal M = {}\nfunction M.on_load()\n  print(\"[my_mod] loaded v1.2\")\n  game.set_option(\"hud_scale\", 0.9)\nend\nreturn M\n"),
    ("mod.json", "json", "{\n  \"modName\": \"BetterInventory\",\n  \"version\": \"2.0.1\",\n  \"dependencies\": [\"CoreLib>=1.4\"],\n  \"settings\": {\"stackSize\": 999, \"autoSort\": true}\n}\n"),
    ("server.properties", "ini", "# server.properties\nmax-players=20\ndifficulty=hard\npvp=true\nmotd=\\u00a76Welcome to [ABC] SMP! \\u00a7r<3\nview-distance=12\nwhite-list=true\n"),
    ("launch.txt", "plain", "launch options: -novid -high -fullscreen +fps_max 0 -tickrate 128"),
]
MOD_TITLES = {"autoexec.cfg": "My pro config (240 fps)", "settings.ini": "Low-end PC settings (stable 60)",
              "init.lua": "HUD tweak mod", "mod.json": "BetterInventory 2.0.1", "server.properties": "[ABC] SMP server settings",
              "launch.txt": "Launch options that fixed my stutter"}
GAMES = ["apex-arena", "starforge", "mythic-realms", "blockcraft", "rally-x", "tactical-ops"]
MAPS = ["Dust Valley", "Frostbite", "Neo Tokyo", "Ancient Ruins", "Harbor", "Skyline"]


def chat(rng: random.Random) -> Request:
    doc = {"channel": pick(rng, ["#general", "#lfg", "#guild", "#trade", "#off-topic"]), "author": pick(rng, PLAYERS),
           "text": pick(rng, CHAT), "client_msg_id": uuid4(rng), "ts": stamp(rng)}
    return browser(rng, SRC, "chat", "POST", HOST, "/api/chat/messages", body=js_json(doc).encode(), ctype="application/json",
                   referer=f"https://{HOST}/chat", cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def guild_post(rng: random.Random) -> Request:
    text = pick(rng, GUILD_POSTS)
    body = form([("csrf_token", uuid4(rng).replace("-", "") + "." + uuid4(rng)[:20]), ("title", pick(rng, [
        "Raid schedule change", "[RECRUITING] healers/tank", "PSA: phishing links", "Tourney results 🏆", "Launcher stuck at 99%",
        "[DE] sucht Mitglieder", "Sobota – szukamy graczy", "Diamond finally!!!"])), ("body", text),
        ("forum", pick(rng, ["guild-recruitment", "general", "tech-support", "tournaments"])), ("signature", pick(rng, PLAYERS))]).encode()
    return browser(rng, SRC, "guild_post", "POST", HOST, "/forum/new-thread", body=body, ctype="application/x-www-form-urlencoded",
                   navigate=True, referer=f"https://{HOST}/forum/new-thread", cookie=cookies(rng, FW),
                   lang=pick(rng, ["en", "en", "de", "pl", "nl"]))


def match_report(rng: random.Random) -> Request:
    teams = some(rng, ["[ABC]", "[FTW]", "{GG}", "[NL]", "[DE]", "-=[KoA]=-", "[Ω]"], 2, 2)
    players = [{"name": p, "kills": rng.randint(0, 35), "deaths": rng.randint(0, 25), "assists": rng.randint(0, 20),
                "score": rng.randint(0, 9000), "ping": rng.randint(8, 140)} for p in some(rng, PLAYERS, 4, 10)]
    doc = {"match_id": uuid4(rng), "game": pick(rng, GAMES), "map": pick(rng, MAPS), "mode": pick(rng, ["ranked", "casual", "tournament"]),
           "teams": {teams[0]: rng.randint(0, 16), teams[1]: rng.randint(0, 16)}, "duration_s": rng.randint(600, 3000),
           "players": players, "server": f"eu-west-{rng.randint(1, 4)}", "ended_at": stamp(rng)}
    return client(rng, SRC, "match_report", "POST", API, "/v1/matches", body=py_json(doc).encode(), ctype="application/json",
                  lib=pick(rng, ["go", "requests", "node"]), auth="Bearer srv_" + uuid4(rng).replace("-", ""),
                  ua="GameServerStats/1.9 (+plugin)" if rng.random() < 0.5 else None)


def patch_comment(rng: random.Random) -> Request:
    doc = {"thread": f"patch-{pick(rng, ['3.14.0', '3.14.1', '3.14.2', '4.0-beta'])}-notes", "body_md": pick(rng, PATCH_COMMENTS),
           "reply_to": rng.randrange(10**5) if rng.random() < 0.4 else None}
    return browser(rng, SRC, "patch_comment", "POST", HOST, "/api/threads/comments", body=js_json(doc).encode(),
                   ctype="application/json", referer=f"https://{HOST}/news/patch-notes", cookie=cookies(rng, FW),
                   extra=csrf_header(rng, FW))


def mod_upload(rng: random.Random) -> Request:
    br = pick(rng, BROWSERS)
    bd = boundary(rng, br)
    name, _, cfg = pick(rng, CONFIGS)
    parts = text_parts([("csrf_token", uuid4(rng).replace("-", "")), ("title", MOD_TITLES[name]),
                        ("game", pick(rng, GAMES)), ("description", pick(rng, ["Works w/ patch 3.14.2. Drop into /cfg and restart.",
                                                                              "Feedback welcome <3", "Requires CoreLib >= 1.4"]))])
    parts.append(("file", cfg.encode(), name, "application/octet-stream"))
    return browser(rng, SRC, "mod_upload", "POST", HOST, "/mods/upload", body=multipart(parts, bd),
                   ctype=f"multipart/form-data; boundary={bd}", navigate=True, cookie=cookies(rng, FW), b=br)


def config_paste(rng: random.Random) -> Request:
    name, syntax, cfg = pick(rng, CONFIGS)
    doc = {"title": pick(rng, ["my cfg", "help pls", name, "keybinds", "what am I doing wrong?"]), "content": cfg,
           "syntax": syntax, "expires": pick(rng, ["1d", "1w", "never"])}
    return browser(rng, SRC, "config_paste", "POST", HOST, "/api/pastes", body=js_json(doc).encode(), ctype="application/json",
                   cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def profile(rng: random.Random) -> Request:
    doc = {"display_name": pick(rng, PLAYERS), "bio": pick(rng, ["just here for the memes :P", "Top 500 healer (S12) ^_^",
                                                                  "ex-pro, now casual. dm for coaching", "<3 cats & fps games",
                                                                  "«no one can stop the RØNIN»", "GER/ENG | 24 | 🎮"]),
           "clan_tag": pick(rng, ["[ABC]", "[FTW]", "{GG}", "", "[Ω]"]), "region": pick(rng, ["EU", "NA", "APAC"])}
    return browser(rng, SRC, "profile", "PATCH", HOST, "/api/me", body=js_json(doc).encode(), ctype="application/json",
                   cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def leaderboard(rng: random.Random) -> Request:
    pairs = [("game", pick(rng, GAMES)), ("season", str(rng.randint(8, 14))), ("region", pick(rng, ["eu", "na", "apac"])),
             ("page", str(rng.randint(1, 20)))]
    if rng.random() < 0.4:
        pairs.append(("player", pick(rng, PLAYERS)))
    return browser(rng, SRC, "leaderboard", "GET", HOST, "/leaderboard", query(pairs), navigate=True, cookie=cookies(rng, FW),
                   referer=f"https://{HOST}/")


def launcher(rng: random.Random) -> Request:
    doc = {"install_id": uuid4(rng), "version": pick(rng, ["3.14.2", "3.14.1"]), "os": pick(rng, ["Windows 11 23H2", "SteamOS 3.7", "macOS 15.2"]),
           "gpu": pick(rng, ["NVIDIA GeForce RTX 4070", "AMD Radeon RX 7900 XTX", "Apple M3"]), "event": pick(rng, ["update_stuck", "crash", "launch"]),
           "progress": pick(rng, [99, 100, 42]), "log_tail": "[12:01:33] verifying files...\n[12:01:35] 18342/18343 ok\n[12:01:35] waiting for lock"}
    return client(rng, SRC, "launcher_telemetry", "POST", "launcher.example.net", "/v2/events", body=py_json(doc).encode(),
                  ctype="application/json", lib=pick(rng, ["go", "node"]), ua="GameLauncher/3.14.2 (Windows NT 10.0; x64)")


def gaming(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [(5, chat), (3, guild_post), (3, match_report), (3, patch_comment), (1, mod_upload),
                        (1, config_paste), (1, profile), (2, leaderboard), (1, launcher)])
