# ruff: noqa: RUF001 - translations are in many scripts
"""i18n_strings: a translation-management tool saving strings — ICU
MessageFormat plurals and selects, printf / Python / .NET / mustache
placeholders, HTML in strings, context notes for translators — and file
imports (gettext .po, i18next JSON, XLIFF, Android strings.xml), in many
languages including RTL and CJK."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, hexs, js_json, pick, py_json, stamp

from .common import (
    BROWSERS,
    Request,
    boundary,
    browser,
    client,
    cookies,
    csrf_header,
    multipart,
    some,
    uri_query,
)

SRC = "i18n_strings"
HOSTS = ["translate.example.com", "l10n.example.org", "i18n.example.net"]
API_HOST = "api.translate.example.com"

# (key, English source, note for translators, {locale: translation})
STRINGS: list[tuple[str, str, str, dict[str, str]]] = [
    ("cart.items", "{count, plural, one {# item} other {# items}}", "Shown next to the cart icon",
     {"de": "{count, plural, one {# Artikel} other {# Artikel}}", "fr": "{count, plural, one {# article} other {# articles}}",
      "pl": "{count, plural, one {# produkt} few {# produkty} many {# produktów} other {# produktu}}",
      "ar": "{count, plural, zero {لا عناصر} one {عنصر واحد} two {عنصران} few {# عناصر} many {# عنصرًا} other {# عنصر}}",
      "ja": "{count, plural, other {#個の商品}}", "ru": "{count, plural, one {# товар} few {# товара} many {# товаров} other {# товара}}"}),
    ("inbox.unread", "You have {count, plural, =0 {no new messages} one {one new message} other {# new messages}}.", "Inbox header",
     {"es": "{count, plural, =0 {No tienes mensajes nuevos} one {Tienes un mensaje nuevo} other {Tienes # mensajes nuevos}}.",
      "he": "{count, plural, =0 {אין לך הודעות חדשות} one {יש לך הודעה חדשה אחת} two {יש לך שתי הודעות חדשות} other {יש לך # הודעות חדשות}}.",
      "zh": "您有{count, plural, =0 {0 条新消息} other {# 条新消息}}。", "ko": "{count, plural, =0 {새 메시지가 없습니다} other {새 메시지 #개}}."}),
    ("share.invite", "{gender, select, female {She invited you} male {He invited you} other {They invited you}} to {project}", "gender of the inviter",
     {"fr": "{gender, select, female {Elle vous a invité} male {Il vous a invité} other {Iel vous a invité}} à {project}",
      "it": "{gender, select, female {Ti ha invitato} male {Ti ha invitato} other {Ti ha invitato}} a {project}"}),
    ("greeting", "Hello, %s!", "printf placeholder is the user's first name",
     {"de": "Hallo, %s!", "tr": "Merhaba %s!", "fa": "سلام، %s!", "hi": "नमस्ते, %s!", "th": "สวัสดี %s!"}),
    ("upload.progress", "Uploading %(done)d of %(total)d files…", "Python named placeholders — keep them unchanged",
     {"de": "%(done)d von %(total)d Dateien werden hochgeladen…", "pt": "Enviando %(done)d de %(total)d arquivos…",
      "uk": "Завантаження %(done)d з %(total)d файлів…", "ja": "%(total)d 件中 %(done)d 件をアップロード中…"}),
    ("order.shipped", "Your order {0} was shipped on {1:d}.", ".NET composite format: {0} order number, {1} date",
     {"nl": "Je bestelling {0} is verzonden op {1:d}.", "sv": "Din beställning {0} skickades {1:d}."}),
    ("welcome.banner", "Welcome back, {{name}}! You have {{count}} tasks due today.", "mustache / i18next interpolation",
     {"es": "¡Hola de nuevo, {{name}}! Tienes {{count}} tareas para hoy.", "vi": "Chào mừng trở lại, {{name}}! Bạn có {{count}} việc cần làm hôm nay.",
      "el": "Καλώς ήρθες ξανά, {{name}}! Έχεις {{count}} εργασίες για σήμερα."}),
    ("terms.accept", "I agree to the <a href=\"/terms\">Terms of Service</a> and <a href=\"/privacy\">Privacy Policy</a>.", "Keep the links; translate the link text",
     {"de": "Ich stimme den <a href=\"/terms\">Nutzungsbedingungen</a> und der <a href=\"/privacy\">Datenschutzerklärung</a> zu.",
      "ar": "أوافق على <a href=\"/terms\">شروط الخدمة</a> و<a href=\"/privacy\">سياسة الخصوصية</a>.",
      "zh": "我同意<a href=\"/terms\">服务条款</a>和<a href=\"/privacy\">隐私政策</a>。"}),
    ("billing.trial_ends", "Your trial ends in <strong>{days}</strong> days. <br/>Upgrade to keep your data.", "HTML allowed: strong, br",
     {"fr": "Votre essai se termine dans <strong>{days}</strong> jours. <br/>Passez à l'offre payante pour conserver vos données.",
      "pl": "Okres próbny kończy się za <strong>{days}</strong> dni. <br/>Przejdź na płatny plan, aby zachować dane."}),
    ("errors.required", "%s is required", "form validation; %s is the field label",
     {"ko": "%s 항목은 필수입니다", "ar": "%s مطلوب", "he": "%s הוא שדה חובה", "it": "%s è obbligatorio"}),
    ("date.range", "{start, date, medium} – {end, date, medium}", "date range in reports",
     {"ja": "{start, date, medium}～{end, date, medium}", "de": "{start, date, medium} – {end, date, medium}"}),
    ("price.per_month", "{price, number, ::currency/EUR} per month", "ICU number skeleton",
     {"fr": "{price, number, ::currency/EUR} par mois", "nl": "{price, number, ::currency/EUR} per maand"}),
    ("file.size", "{size, number} MB of {limit, number} MB used", "storage meter",
     {"zh": "已使用 {size, number} MB / {limit, number} MB", "ru": "Использовано {size, number} МБ из {limit, number} МБ"}),
    ("nav.back", "← Back", "button; arrow flips in RTL", {"ar": "→ رجوع", "he": "→ חזרה", "fa": "→ بازگشت"}),
    ("comments.count", "%d comment", "singular; plural form in msgid_plural", {"de": "%d Kommentar", "cs": "%d komentář"}),
    ("tooltip.shortcut", "Press <kbd>Ctrl</kbd> + <kbd>K</kbd> to search", "kbd tags are kept",
     {"ja": "<kbd>Ctrl</kbd> + <kbd>K</kbd> で検索", "es": "Pulsa <kbd>Ctrl</kbd> + <kbd>K</kbd> para buscar"}),
    ("email.footer", "You're receiving this because you signed up at {site}. <a href=\"{unsubscribe_url}\">Unsubscribe</a>", "email footer",
     {"pt": "Você está recebendo isto porque se cadastrou em {site}. <a href=\"{unsubscribe_url}\">Cancelar inscrição</a>"}),
    ("onboarding.step", "Step {current} of {total}: {title}", "", {"tr": "Adım {current}/{total}: {title}", "hi": "चरण {current}/{total}: {title}"}),
    ("search.no_results", "No results for “{query}”. Try a different spelling?", "curly quotes around the search query",
     {"de": "Keine Ergebnisse für „{query}“. Andere Schreibweise versuchen?", "fr": "Aucun résultat pour « {query} ». Essayez une autre orthographe ?",
      "ja": "「{query}」に一致する結果はありません。"}),
    ("profile.updated", "Profile updated ✔", "toast", {"ko": "프로필이 업데이트되었습니다 ✔", "th": "อัปเดตโปรไฟล์แล้ว ✔"}),
]

LOCALES = ["de", "fr", "es", "pt", "it", "nl", "pl", "ru", "uk", "tr", "ar", "he", "fa", "ja", "zh", "ko", "hi", "th", "vi", "el", "sv", "cs"]
PROJECTS = ["web-app", "mobile", "marketing-site", "emails", "help-center"]
COMMENTS = ["Is 'trial' a free period here or a test? Context please.", "Too long for the button on mobile — can we shorten?",
            "Please keep the placeholder {count} as is.", "In Polish we need the 'few' form here.", "Source string has a typo: 'recieve'.",
            "RTL: the arrow should point the other way.", "Glossary: we say „Arbeitsbereich“, not „Workspace“.", "用“您”还是“你”？请确认语气。"]


def _pick_string(rng: random.Random) -> tuple[str, str, str, str, str]:
    key, src, note, tr = pick(rng, STRINGS)
    loc = pick(rng, sorted(tr))
    return key, src, note, loc, tr[loc]


def _po(rng: random.Random, loc: str) -> str:
    head = ('msgid ""\nmsgstr ""\n"Project-Id-Version: web-app 4.2\\n"\n"Report-Msgid-Bugs-To: l10n@example.com\\n"\n'
            f'"POT-Creation-Date: 2026-12-0{rng.randint(1, 6)} 10:{rng.randrange(10, 60)}+0000\\n"\n'
            f'"Language: {loc}\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n')
    if loc in ("pl", "ru", "uk", "cs"):
        head += '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
    elif loc in ("ja", "zh", "ko", "th", "vi"):
        head += '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
    else:
        head += '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    entries = []
    for key, src, note, tr in some(rng, STRINGS, 3, 7):
        msg = tr.get(loc, "")
        flag = "#, python-format\n" if "%(" in src else ("#, c-format\n" if "%s" in src or "%d" in src else "")
        ref = f"#: app/templates/{key.split('.')[0]}.html:{rng.randint(3, 220)}\n"
        extracted = f"#. {note}\n" if note else ""
        esc_src = src.replace("\\", "\\\\").replace('"', '\\"')
        esc_msg = msg.replace("\\", "\\\\").replace('"', '\\"')
        ctxt = f'msgctxt "{key}"\n' if rng.random() < 0.4 else ""
        fuzzy = "#, fuzzy\n" if rng.random() < 0.1 and not flag else ""
        entries.append(f"{extracted}{ref}{flag}{fuzzy}{ctxt}msgid \"{esc_src}\"\nmsgstr \"{esc_msg}\"\n")
    return head + "\n" + "\n".join(entries)


def _xliff(rng: random.Random, loc: str) -> str:
    units = []
    for key, src, note, tr in some(rng, STRINGS, 2, 5):
        def esc(s: str) -> str:
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        tgt = tr.get(loc)
        target = f"\n        <target state=\"translated\">{esc(tgt)}</target>" if tgt else ""
        notes = f"\n        <note>{esc(note)}</note>" if note else ""
        units.append(f"      <trans-unit id=\"{key}\" datatype=\"html\">\n        <source>{esc(src)}</source>{target}{notes}\n      </trans-unit>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            f'  <file source-language="en" target-language="{loc}" datatype="plaintext" original="ng2.template">\n    <body>\n'
            + "\n".join(units) + "\n    </body>\n  </file>\n</xliff>\n")


def _android(rng: random.Random, loc: str) -> str:
    items = []
    for key, src, _note, tr in some(rng, STRINGS, 2, 5):
        val = tr.get(loc, src).replace("&", "&amp;").replace("<", "&lt;").replace("'", "\\'")
        items.append(f'    <string name="{key.replace(".", "_")}">{val}</string>')
    return '<?xml version="1.0" encoding="utf-8"?>\n<resources>\n' + "\n".join(items) + "\n</resources>\n"


def _i18next(rng: random.Random, loc: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, src, _note, tr in some(rng, STRINGS, 3, 8):
        ns, _, leaf = key.rpartition(".")
        ns = ns or "common"
        sub = out.setdefault(ns, {})
        assert isinstance(sub, dict)
        sub[leaf] = tr.get(loc, src)
    return out


def one(rng: random.Random) -> Request:
    host = pick(rng, HOSTS)
    b = pick(rng, BROWSERS)
    project = pick(rng, PROJECTS)
    fw = pick(rng, ["django", "django", "flask", "fastapi"])
    key, src, note, loc, target = _pick_string(rng)
    lang = loc if rng.random() < 0.6 else "en"
    r = rng.random()
    if r < 0.3:  # editor saves one translation
        payload: dict[str, object] = {"key": key, "locale": loc, "value": target, "source": src, "state": pick(rng, ["translated", "reviewed", "needs_review"]),
                                      "context": note, "updated_at": stamp(rng)}
        if "plural" in src and rng.random() < 0.5:
            payload["plural_forms"] = {"one": "# item", "other": "# items"}
        return browser(rng, SRC, "save_translation", "PUT", host, f"/api/projects/{project}/keys/{key}/translations/{loc}",
                       body=js_json(payload).encode(), ctype="application/json", b=b, lang=lang, cookie=cookies(rng, fw),
                       extra=csrf_header(rng, fw), referer=f"https://{host}/projects/{project}/editor?lang={loc}")
    if r < 0.45:  # Weblate-style translate form
        pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("checksum", hexs(rng, 16)), ("contentsum", hexs(rng, 16)),
                 ("translationsum", hexs(rng, 16)), ("target_0", target), ("review", pick(rng, ["10", "20", "30"])),
                 ("explanation", ""), ("save", "")]
        if rng.random() < 0.3:
            pairs.insert(5, ("fuzzy", "yes"))
        return browser(rng, SRC, "translate_form", "POST", host, f"/translate/{project}/strings/{loc}/", f"checksum={hexs(rng, 16)}&offset={rng.randint(1, 400)}",
                       body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", navigate=True, b=b, lang=lang,
                       cookie=cookies(rng, "django"), referer=f"https://{host}/translate/{project}/strings/{loc}/?q=state%3A%3Ctranslated")
    if r < 0.55:  # new source key with translator notes
        payload2 = {"key": key + pick(rng, ["", "_v2", ".short", ".tooltip"]), "source": src, "description": note or "—",
                    "tags": some(rng, ["checkout", "emails", "mobile", "beta", "legal"], 0, 2), "max_length": pick(rng, [None, 40, 80, 120]),
                    "screenshots": [f"https://cdn.example.net/l10n/screens/{chars(rng, ALNUM, 10)}.png"] if rng.random() < 0.3 else []}
        return browser(rng, SRC, "new_key", "POST", host, f"/api/projects/{project}/keys", body=js_json(payload2).encode(),
                       ctype="application/json", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
    if r < 0.67:  # file upload: .po / xliff / android
        bnd = boundary(rng, b)
        kind = pick(rng, ["po", "po", "xliff", "android"])
        if kind == "po":
            data, name, ct = _po(rng, loc), f"{loc}.po", "text/x-gettext-translation"
        elif kind == "xliff":
            data, name, ct = _xliff(rng, loc), f"messages.{loc}.xlf", "application/x-xliff+xml"
        else:
            data, name, ct = _android(rng, loc), "strings.xml", "text/xml"
        body = multipart([("csrfmiddlewaretoken", chars(rng, ALNUM, 64).encode(), None, None), ("file", data.encode(), name, ct),
                          ("method", pick(rng, [b"translate", b"fuzzy", b"suggest"]), None, None), ("conflicts", b"replace-translated", None, None)], bnd)
        return browser(rng, SRC, f"upload_{kind}", "POST", host, f"/upload/{project}/strings/{loc}/", body=body,
                       ctype=f"multipart/form-data; boundary={bnd}", navigate=True, b=b, lang=lang, cookie=cookies(rng, "django"),
                       referer=f"https://{host}/projects/{project}/strings/{loc}/")
    if r < 0.77:  # CLI push of i18next JSON
        payload3 = {"locale": loc, "namespace": "translation", "format": "i18next_v4", "data": _i18next(rng, loc), "overwrite": rng.random() < 0.3}
        return client(rng, SRC, "cli_push", "POST", API_HOST, f"/v2/projects/{project}/import", body=py_json(payload3).encode(),
                      ctype="application/json", lib=pick(rng, ["node", "requests", "go"]), ua=pick(rng, ["l10n-cli/3.4.1 node/22.11.0", None]),
                      auth=f"Token {chars(rng, ALNUM, 40)}")
    if r < 0.85:  # translator comment
        payload4 = {"key": key, "locale": loc, "text": pick(rng, COMMENTS), "scope": pick(rng, ["translation", "source", "global"])}
        return browser(rng, SRC, "comment", "POST", host, f"/api/projects/{project}/comments", body=js_json(payload4).encode(),
                       ctype="application/json", b=b, lang=lang, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
    if r < 0.93:  # search in the editor
        q = pick(rng, [src[:24], target[:16], "plural", "%(count)d", "{{name}}", "<strong>", "state:<translated", "key:billing.*", "Datenschutz", "ログイン"])
        qs = uri_query([("q", q), ("lang", loc), ("page", str(rng.randint(1, 5))), ("sort_by", pick(rng, ["-priority,position", "context", "-timestamp"]))])
        return browser(rng, SRC, "search", "GET", host, f"/api/projects/{project}/units", qs, b=b, lang=lang, cookie=cookies(rng, fw))
    # machine translation suggestion request
    payload5 = {"source": src, "source_lang": "en", "target_lang": loc, "glossary": pick(rng, [None, "default"]), "preserve_placeholders": True}
    return browser(rng, SRC, "mt_suggest", "POST", host, "/api/mt/suggest", body=js_json(payload5).encode(), ctype="application/json",
                   b=b, lang=lang, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))


def i18n_strings(rng: random.Random, n: int) -> list[Request]:
    return [one(rng) for _ in range(n)]
