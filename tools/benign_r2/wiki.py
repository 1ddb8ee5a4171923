"""docs_wiki: a documentation wiki / knowledge base editor saving pages.
Tech writers and engineers write runbooks, onboarding notes, reporting
queries, config references and policies; the editor saves them as MediaWiki
markup (index.php?action=submit and api.php action=edit), reStructuredText,
AsciiDoc or the editor's HTML subset (<p>, <b>, <i>, <a href>, <ul>, <li>,
<code>, <pre>, <table>), with titles, tags, revision comments and internal
links; SQL, shell and config examples sit in code blocks as they would.

Each page is written once as a small block model and rendered to the four
markups the way each editor would store it.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass

from .common import (
    Request,
    browser_request,
    chars,
    compact,
    epoch,
    form,
    hexs,
    iso,
    pick,
    site_cookies,
    uuid4,
)

HOSTS = ["wiki.example.com", "kb.example.org", "docs.example.net", "intranet.example.de", "handbook.example.fr"]

# blocks: ("h", "2", text) | ("p", text) | ("ul", items) | ("code", lang, text) | ("table", header, rows) | ("note", text)
# inline: `code`, **bold**, *italic*, [[Page|label]], [https://url label]


@dataclass
class Page:
    title: str
    tags: list[str]
    blocks: list[tuple[object, ...]]
    lang: str = "en"


PAGES: list[Page] = [
    Page("Database maintenance: nightly vacuum and backups", ["runbook", "postgres", "ops"], [
        ("p", "Our primary database runs on PostgreSQL 16. Autovacuum handles most tables, but **orders** and **order_items** "
              "get a manual `VACUUM (ANALYZE)` every night because of the bulk updates from the import job. See [[Backups|Backups and restore]] for the restore side."),
        ("h", "2", "Finding bloated tables"),
        ("p", "Run this on a replica, not on the primary:"),
        ("code", "sql", "SELECT relname, n_live_tup, n_dead_tup,\n       round(n_dead_tup::numeric / greatest(n_live_tup, 1) * 100, 1) AS dead_pct\n"
                        "FROM pg_stat_user_tables\nWHERE n_dead_tup > 10000\nORDER BY n_dead_tup DESC\nLIMIT 10;"),
        ("p", "If `dead_pct` is above 20 for a table that is not in the list below, open a ticket in [[Ops/Queue|the ops queue]]."),
        ("h", "2", "The nightly job"),
        ("code", "text", "# /etc/cron.d/db-maintenance\n30 2 * * * postgres /usr/local/bin/db-maint --tables orders,order_items --analyze >> /var/log/db-maint.log 2>&1"),
        ("table", ["Table", "Schedule", "Command"], [["orders", "02:30 daily", "`VACUUM (ANALYZE) orders;`"],
                                                   ["order_items", "02:45 daily", "`VACUUM (ANALYZE) order_items;`"],
                                                   ["audit_log", "Sun 04:00", "drop partitions older than 13 months"]]),
        ("note", "Never run `VACUUM FULL` during business hours: it takes an exclusive lock on the table."),
        ("h", "2", "Backups"),
        ("code", "bash", "pg_dump --format=custom --jobs=4 --file=/backups/shop_$(date +%F).dump shop\naws s3 cp /backups/ s3://example-backups/db/ --recursive --exclude \"*\" --include \"*.dump\""),
    ]),
    Page("Reporting: monthly revenue query", ["reporting", "sql", "finance"], [
        ("p", "Finance asks for this every first Monday. The query combines web and marketplace orders with a `UNION ALL`, "
              "because the marketplace orders live in their own table."),
        ("code", "sql", "SELECT date_trunc('month', o.created_at) AS month,\n       'web' AS channel,\n       sum(o.total_cents) / 100.0 AS revenue\n"
                        "FROM orders o\nWHERE o.status IN ('paid', 'shipped', 'delivered')\n  AND o.created_at >= date '2026-01-01'\nGROUP BY 1\n"
                        "UNION ALL\nSELECT date_trunc('month', m.ordered_at), 'marketplace', sum(m.gross_amount)\nFROM marketplace_orders m\n"
                        "WHERE m.cancelled = false\nGROUP BY 1\nORDER BY month, channel;"),
        ("p", "Refunds are **not** subtracted here; use the *net revenue* view for that (see [[Reporting/Net revenue]])."),
        ("table", ["Column", "Type", "Notes"], [["month", "timestamptz", "first day of the month, UTC"],
                                                 ["channel", "text", "`web` or `marketplace`"],
                                                 ["revenue", "numeric", "gross, incl. VAT, in EUR"]]),
        ("ul", ["Exclude test orders: `where customer_id not in (select id from customers where is_test)`",
                "Currency conversion happens at order time; don't convert again.",
                "If the numbers don't match the ERP, check the time zone first (Europe/Berlin vs UTC)."]),
    ]),
    Page("Onboarding: setting up your laptop", ["onboarding", "dev"], [
        ("p", "Welcome! This page gets you from a fresh laptop to a running dev environment in about an hour. "
              "Ask in #help-it if anything here is out of date."),
        ("h", "2", "Install the tools"),
        ("code", "bash", "brew install git python@3.12 node@22 postgresql@16 redis\ngit clone git@git.example.com:shop/web.git && cd web\n"
                         "cp .env.example .env\nmake bootstrap   # creates the venv, runs npm ci and the migrations\nmake run"),
        ("p", "On Windows, use WSL 2 and run everything inside Ubuntu; paths like `C:\\Users\\you\\code` are slow."),
        ("h", "2", "Accounts you need"),
        ("ul", ["VPN (ask IT, takes a day)", "Git - your manager adds you to the *shop* group",
                "The staging admin: [https://admin.staging.example.com/ admin.staging]", "On-call tool, if you join the rota"]),
        ("note", "Don't copy production data to your laptop. Use `make seed` for realistic fake data."),
    ]),
    Page("Nginx reverse proxy configuration", ["nginx", "config", "ops"], [
        ("p", "Every app server sits behind nginx. The snippet below is the template in `roles/nginx/templates/site.conf.j2`; "
              "values in braces are filled in by Ansible."),
        ("code", "nginx", "server {\n    listen 443 ssl http2;\n    server_name {{ server_name }};\n\n    location /static/ {\n        alias /srv/app/static/;\n"
                          "        expires 30d;\n    }\n\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n        proxy_set_header Host $host;\n"
                          "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n        proxy_set_header X-Forwarded-Proto $scheme;\n"
                          "        proxy_read_timeout 60s;\n    }\n}"),
        ("table", ["Setting", "Default", "Why"], [["client_max_body_size", "20m", "uploads of PDFs and photos"],
                                                   ["proxy_read_timeout", "60s", "exports can take a while"],
                                                   ["gzip_types", "text/css application/javascript application/json", "-"]]),
        ("p", "After changing it: `sudo nginx -t && sudo systemctl reload nginx`."),
    ]),
    Page("Runbook: rotating API keys", ["runbook", "security", "api"], [
        ("p", "Partner API keys are rotated every 90 days, or right away if one leaks. The old key keeps working for 24 hours."),
        ("h", "2", "Steps"),
        ("ul", ["Create the new key in the admin: *Settings > API keys > New key*.",
                "Send it to the partner through the secure share link, never by email.",
                "Check the partner is using it: `select count(*) from api_requests where key_id = :new_id and created_at > now() - interval '1 hour';`",
                "Revoke the old key."]),
        ("code", "bash", "curl -X DELETE \"https://api.example.com/v1/keys/$OLD_KEY_ID\" \\\n  -H \"Authorization: Bearer $ADMIN_TOKEN\" \\\n  -H \"Idempotency-Key: $(uuidgen)\""),
        ("note", "If the partner's integration breaks after the rotation, **don't** re-enable the old key; extend the grace period instead."),
    ]),
    Page("Data retention policy", ["policy", "gdpr", "legal"], [
        ("p", "This policy says how long we keep each kind of data and how it is deleted. It was approved by Legal on 2026-10-14 "
              "and replaces the 2023 version."),
        ("table", ["Data", "Kept for", "How it is deleted"], [["Order records", "10 years (tax law)", "archived, then deleted by the yearly job"],
                                                             ["Support tickets", "3 years after closing", "nightly `DELETE` job, in batches of 1,000"],
                                                             ["Access logs", "30 days", "log partitions are dropped"],
                                                             ["Marketing consent", "until withdrawn + 3 years", "manual review"]]),
        ("p", "A customer can ask for deletion at any time (Art. 17 GDPR). Support selects *Delete customer data* in the admin; "
              "orders are anonymised rather than deleted, because we must keep invoices."),
    ]),
    Page("Feature flags: how to roll out safely", ["feature-flags", "process"], [
        ("p", "Every user-facing change ships behind a flag. Flags live in `config/flags.yaml` and can be overridden per tenant in the admin."),
        ("code", "yaml", "new_checkout:\n  enabled: true\n  rollout: 25        # percent of sessions\n  segments: [staff, beta-testers]\n  "
                         "expires: 2027-01-31\nreports.v2:\n  enabled: false"),
        ("ul", ["Start with `staff`, then 5 %, 25 %, 100 %.", "Watch the error rate dashboard for 24 h at each step.",
                "Remove the flag and the old code path within two sprints of reaching 100 %."]),
        ("p", "The JSON the admin API returns for a flag looks like `{\"key\": \"new_checkout\", \"enabled\": true, \"rollout\": 25}`."),
    ]),
    Page("Support macros: refunds and replacements", ["support", "macros"], [
        ("p", "Macros insert text with placeholders. Keep them short and human; customers can tell."),
        ("code", "text", "Hi {{ticket.requester.first_name}},\n\nthanks for the photo - that table leg should not look like that!\n"
                         "{% if order.total > 100 %}We'll send a replacement part by express.{% else %}We've refunded {{order.total}} to your original payment method.{% endif %}\n\n"
                         "Best,\n{{current_user.first_name}}"),
        ("table", ["Macro", "When to use"], [["Refund - damaged", "photo shows damage, order under 100 EUR"],
                                             ["Replacement part", "furniture, single part broken"],
                                             ["Where is my order", "no tracking update for 5+ days"]]),
        ("note", "Never promise a delivery date. Say *usually within 3-5 working days*."),
    ]),
    Page("Deploying the worker on Kubernetes", ["kubernetes", "deploy", "worker"], [
        ("p", "The background worker runs as its own Deployment. It reads jobs from Redis and must be able to reach the database."),
        ("code", "yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\n  labels:\n    app.kubernetes.io/name: worker\nspec:\n  replicas: 3\n"
                         "  template:\n    spec:\n      containers:\n        - name: worker\n          image: registry.example.com/shop/worker:2026.12.03\n"
                         "          command: [\"python\", \"-m\", \"worker\", \"--queue=default\", \"--concurrency=4\"]\n          env:\n"
                         "            - name: DATABASE_URL\n              valueFrom:\n                secretKeyRef: {name: db, key: url}"),
        ("p", "To drain a worker before maintenance: `kubectl scale deploy/worker --replicas=0 -n shop` and wait until the queue length in the dashboard drops to 0."),
    ]),
    Page("Style guide: writing error messages", ["style-guide", "writing", "ux"], [
        ("p", "Good error messages say what happened, why, and what to do next. Avoid blame and jargon."),
        ("table", ["Instead of", "Write"], [["Error 0x80070020", "Couldn't delete the file because it's open in another program."],
                                             ["Invalid input", "Enter a date like 31/12/2026."],
                                             ["Operation failed; retry", "We couldn't save your changes. Check your connection and try again."],
                                             ["Select a value!", "Select a country to see the delivery options."]]),
        ("ul", ["Use contractions (*can't*, *won't*) - they sound friendlier.", "Don't use ALL CAPS or exclamation marks.",
                "Put the fix in the button label: *Update payment method*, not *OK*."]),
    ]),
    Page("Cron schedules reference", ["reference", "scheduler"], [
        ("p", "Our scheduler uses standard five-field cron syntax, evaluated in the tenant's time zone."),
        ("table", ["Expression", "Meaning"], [["`*/15 * * * *`", "every 15 minutes"], ["`0 2 * * 1-5`", "02:00 on weekdays"],
                                              ["`30 3 1 * *`", "03:30 on the first of the month"], ["`0 0 * * 0`", "midnight on Sundays"]]),
        ("p", "Jobs that run longer than their interval are skipped, not queued: a `*/5` job that takes 7 minutes runs every 10."),
    ]),
    Page("Urlaubsregelung & Vertretung", ["hr", "team"], [
        ("p", "Urlaub bitte mindestens **zwei Wochen** vorher im HR-Tool eintragen. Für Bereitschaftsdienste sucht ihr euch selbst eine Vertretung "
              "und tragt sie in die Tabelle ein."),
        ("ul", ["Zwischen 20.12. und 6.1. ist das Büro nur eingeschränkt besetzt.", "Resturlaub verfällt am 31.3. des Folgejahres.",
                "Fragen? Schreibt an [[Team/HR|das HR-Team]]."]),
        ("table", ["Zeitraum", "Vertretung", "Kommentar"], [["KW 52", "Jürgen", "nur vormittags"], ["KW 1", "Małgorzata", "-"]]),
    ], "de"),
    Page("Procédure de clôture mensuelle", ["finance", "procédure"], [
        ("p", "La clôture a lieu le 3e jour ouvré du mois. L'équipe comptable vérifie d'abord que toutes les commandes du mois sont bien facturées."),
        ("code", "sql", "SELECT count(*)\nFROM commandes c\nLEFT JOIN factures f ON f.commande_id = c.id\nWHERE f.id IS NULL\n  AND c.date_commande < date_trunc('month', now());"),
        ("p", "Si le résultat n'est pas 0, ouvrez un ticket auprès de l'équipe d'Hélène avant de continuer."),
    ], "fr"),
    Page("リリース手順", ["release", "手順"], [
        ("p", "リリースは毎週水曜日に行います。事前に **ステージング** で動作確認をしてください。"),
        ("ul", ["リリースブランチを作成する", "`make release VERSION=2026.12.1` を実行する", "#deploys チャンネルで報告する"]),
        ("note", "金曜日のリリースは原則禁止です。"),
    ], "ja"),
]

SUMMARIES = ["fix typo", "Updated the query for the new schema", "add table of retention periods", "Reworded intro",
             "clarify step 3 (don't revoke the old key too early)", "formatting", "Added the nginx reload command",
             "Update for Postgres 16", "remove outdated section about the old VPN", "link to the net revenue page",
             "Tippfehler korrigiert", "mise à jour de la requête", "表を追加", "Revert vandalism? no - restored the cron table",
             "Merged with the old 'Backups' page; delete that one later", "select -> SELECT for consistency",
             "per review with Legal (see ticket LEGAL-212)", ""]
INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|\[(https?://\S+) ([^\]]+)\]")


def inline(text: str, fmt: str) -> str:
    def sub(m: re.Match[str]) -> str:
        code, bold, ital, page, label, url, ulabel = m.groups()
        if code is not None:
            return {"wiki": f"<code>{code}</code>", "rst": f"``{code}``", "adoc": f"`+{code}+`", "html": f"<code>{esc(code)}</code>"}[fmt]
        if bold is not None:
            return {"wiki": f"'''{bold}'''", "rst": f"**{bold}**", "adoc": f"*{bold}*", "html": f"<b>{esc(bold)}</b>"}[fmt]
        if ital is not None:
            return {"wiki": f"''{ital}''", "rst": f"*{ital}*", "adoc": f"_{ital}_", "html": f"<i>{esc(ital)}</i>"}[fmt]
        if page is not None:
            lab = label or page
            slug = page.replace(" ", "_")
            return {"wiki": f"[[{page}|{lab}]]" if label else f"[[{page}]]", "rst": f":doc:`{lab} </{slug.lower()}>`",
                    "adoc": f"xref:{slug.lower()}.adoc[{lab}]", "html": f'<a href="/wiki/{slug}">{esc(lab)}</a>'}[fmt]
        return {"wiki": f"[{url} {ulabel}]", "rst": f"`{ulabel} <{url}>`_", "adoc": f"{url}[{ulabel}]",
                "html": f'<a href="{url}">{esc(ulabel)}</a>'}[fmt]

    if fmt == "html":
        # escape the text between inline marks, the marks themselves are rendered by sub()
        out, pos = [], 0
        for m in INLINE.finditer(text):
            out.append(esc(text[pos:m.start()]))
            out.append(sub(m))
            pos = m.end()
        out.append(esc(text[pos:]))
        return "".join(out)
    return INLINE.sub(sub, text)


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render(page: Page, fmt: str) -> str:
    out: list[str] = []
    if fmt == "rst":
        out += ["=" * len(page.title), page.title, "=" * len(page.title), ""]
    elif fmt == "adoc":
        out += [f"= {page.title}", ":toc:", f":keywords: {', '.join(page.tags)}", ""]
    for block in page.blocks:
        kind = block[0]
        if kind == "h":
            text = str(block[2])
            out += {"wiki": [f"== {text} ==", ""], "rst": [text, "-" * len(text), ""], "adoc": [f"== {text}", ""],
                    "html": [f"<p><b>{esc(text)}</b></p>"]}[fmt]
        elif kind == "p":
            text = inline(str(block[1]), fmt)
            out += [f"<p>{text}</p>"] if fmt == "html" else [text, ""]
        elif kind == "note":
            text = inline(str(block[1]), fmt)
            out += {"wiki": ["{{Note|" + text + "}}", ""], "rst": [".. note::", "", "   " + text, ""],
                    "adoc": [f"NOTE: {text}", ""], "html": [f"<p><i>Note:</i> {text}</p>"]}[fmt]
        elif kind == "ul":
            items = block[1]
            assert isinstance(items, list)
            if fmt == "html":
                out += ["<ul>"] + [f"<li>{inline(str(i), fmt)}</li>" for i in items] + ["</ul>"]
            else:
                mark = {"wiki": "*", "rst": "-", "adoc": "*"}[fmt]
                out += [f"{mark} {inline(str(i), fmt)}" for i in items] + [""]
        elif kind == "code":
            lang, code = str(block[1]), str(block[2])
            if fmt == "wiki":
                out += [f'<syntaxhighlight lang="{lang}">', code, "</syntaxhighlight>", ""] if lang != "text" else ["<pre>", code, "</pre>", ""]
            elif fmt == "rst":
                out += [f".. code-block:: {lang}", ""] + ["   " + line if line else "" for line in code.split("\n")] + [""]
            elif fmt == "adoc":
                out += [f"[source,{lang}]", "----", code, "----", ""]
            else:
                out += [f'<pre><code class="language-{lang}">{esc(code)}</code></pre>' if lang != "text" else f"<pre>{esc(code)}</pre>"]
        elif kind == "table":
            header, rows = block[1], block[2]
            assert isinstance(header, list) and isinstance(rows, list)
            if fmt == "wiki":
                out += ['{| class="wikitable"', "! " + " !! ".join(header)]
                for r in rows:
                    out += ["|-", "| " + " || ".join(inline(c, fmt) for c in r)]
                out += ["|}", ""]
            elif fmt == "rst":
                out += [".. list-table::", "   :header-rows: 1", ""]
                for r in [header, *rows]:
                    out += [f"   * - {inline(r[0], fmt)}"] + [f"     - {inline(c, fmt)}" for c in r[1:]]
                out += [""]
            elif fmt == "adoc":
                out += ['[cols="' + ",".join("1" for _ in header) + '",options="header"]', "|==="]
                out += ["| " + " | ".join(header), ""]
                for r in rows:
                    out += ["| " + " | ".join(inline(c, fmt).replace("|", "\\|") for c in r)]
                out += ["|===", ""]
            else:
                out += ["<table>", "<tr>" + "".join(f"<td><b>{esc(h)}</b></td>" for h in header) + "</tr>"]
                out += ["<tr>" + "".join(f"<td>{inline(c, fmt)}</td>" for c in r) + "</tr>" for r in rows]
                out += ["</table>"]
    if fmt == "wiki":
        out += [f"[[Category:{t.capitalize()}]]" for t in page.tags[:2]]
    return "\n".join(out).rstrip("\n") + "\n"


def variant(rng: random.Random, page: Page) -> Page:
    """A page as it is while being edited: some blocks not written yet, a paragraph added."""
    blocks = list(page.blocks)
    if len(blocks) > 3 and rng.random() < 0.5:
        blocks = blocks[: rng.randrange(3, len(blocks) + 1)]
    if rng.random() < 0.3 and page.lang == "en":
        blocks.append(("p", pick(rng, ["TODO: ask Priya whether this still applies after the migration.",
                                       "Last reviewed: December 2026. If something here is wrong, just fix it - it's a wiki.",
                                       "See also [[Ops/On-call|On-call handbook]] and [[Runbooks]].",
                                       "Questions go to #ops; for anything urgent page the on-call engineer."])))
    return Page(page.title, page.tags, blocks, page.lang)


def edit_token(rng: random.Random) -> str:
    return hexs(rng, 32) + hexs(rng, 8) + "+\\"


def mw_stamp(rng: random.Random) -> str:
    return iso(epoch(rng)).replace("-", "").replace(":", "").replace("T", "")[:14]


def mediawiki_submit(rng: random.Random, page: Page, host: str) -> Request:
    text = render(page, "wiki").replace("\n", "\r\n")
    title = page.title.replace(" ", "_")
    pairs = [("wpAntispam", ""), ("wpSection", ""), ("wpStarttime", mw_stamp(rng)), ("wpEdittime", mw_stamp(rng)),
             ("editRevId", str(rng.randrange(1000, 90_000))), ("wpScrolltop", str(rng.randrange(0, 2000))),
             ("wpAutoSummary", hashlib.md5(b"").hexdigest()), ("oldid", "0"), ("parentRevId", str(rng.randrange(1000, 90_000))),
             ("format", "text/x-wiki"), ("model", "wikitext"), ("wpTextbox1", text),
             ("wpSummary", pick(rng, SUMMARIES))]
    if rng.random() < 0.3:
        pairs.append(("wpMinoredit", "1"))
    pairs += [("wpWatchthis", "1"), ("wpSave", pick(rng, ["Save changes", "Publish changes", "Änderungen speichern", "Publier les modifications"])),
              ("mode", "text"), ("wpUltimateParam", "1"), ("wpEditToken", edit_token(rng))]
    q = f"title={title.replace('&', '%26')}&action=submit"
    return browser_request(rng, "docs_wiki", "form", "POST", host, "/index.php", q, body=form(pairs).encode(),
                           content_type="application/x-www-form-urlencoded",
                           referer=f"https://{host}/index.php?title={title}&action=edit", lang=page.lang,
                           cookie=f"wiki_session={chars(rng, 'abcdefghijklmnopqrstuvwxyz0123456789', 32)}; wikiUserID={rng.randrange(2, 900)}; "
                                  f"wikiUserName={page.tags[0].capitalize()}Writer")


def mediawiki_api(rng: random.Random, page: Page, host: str) -> Request:
    pairs = [("action", "edit"), ("format", "json"), ("formatversion", "2"), ("title", page.title),
             ("text", render(page, "wiki")), ("summary", pick(rng, SUMMARIES)),
             ("baserevid", str(rng.randrange(1000, 90_000))), ("basetimestamp", iso(epoch(rng))), ("starttimestamp", iso(epoch(rng))),
             ("contentmodel", "wikitext"), ("assert", "user"), ("errorformat", "html"), ("uselang", page.lang),
             ("token", edit_token(rng))]
    return browser_request(rng, "docs_wiki", "form", "POST", host, "/api.php", body=form(pairs).encode(),
                           content_type="application/x-www-form-urlencoded; charset=UTF-8", mode="cors",
                           referer=f"https://{host}/index.php?title={page.title.replace(' ', '_')}&veaction=editsource",
                           accept="application/json, text/javascript, */*; q=0.01", lang=page.lang,
                           extra=[("x-requested-with", "XMLHttpRequest")],
                           cookie=f"wiki_session={chars(rng, 'abcdefghijklmnopqrstuvwxyz0123456789', 32)}; wikiUserID={rng.randrange(2, 900)}")


def kb_save(rng: random.Random, page: Page, host: str) -> Request:
    fmt = pick(rng, ["rst", "adoc", "html", "html"])
    content = render(page, fmt)
    pid = pick(rng, [uuid4(rng), str(rng.randrange(100, 99_999))])
    space = pick(rng, ["ENG", "OPS", "SUP", "HR", "FIN", "DOCS"])
    op = pick(rng, ["put", "put", "create", "autosave", "preview"])
    obj: dict[str, object]
    if op == "autosave":
        obj = {"content": content, "format": fmt, "draft": True, "client_rev": rng.randrange(1, 60)}
        return _kb(rng, host, "PATCH", f"/api/v1/pages/{pid}/draft", obj, page)
    if op == "preview":
        obj = {"markup": fmt if fmt != "html" else "html-lite", "source": content}
        return _kb(rng, host, "POST", "/api/v1/render", obj, page)
    obj = {"title": page.title, "space": space, "format": {"rst": "restructuredtext", "adoc": "asciidoc", "html": "html-lite"}[fmt],
           "body": content, "tags": page.tags, "revision_comment": pick(rng, SUMMARIES),
           "parent_id": pick(rng, [None, uuid4(rng)]), "language": page.lang}
    if op == "put":
        obj["base_revision"] = rng.randrange(1, 300)
        return _kb(rng, host, "PUT", f"/api/v1/pages/{pid}", obj, page)
    return _kb(rng, host, "POST", f"/api/v1/spaces/{space}/pages", obj, page)


def _kb(rng: random.Random, host: str, method: str, path: str, obj: dict[str, object], page: Page) -> Request:
    extra = [("x-csrf-token", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 43))]
    if method == "PUT" and rng.random() < 0.5:
        extra.append(("if-match", f'"{hexs(rng, 16)}"'))
    return browser_request(rng, "docs_wiki", "json", method, host, path, body=compact(obj).encode(),
                           content_type="application/json", mode="cors", accept="application/json",
                           referer=f"https://{host}/pages/edit/{rng.randrange(100, 99_999)}", lang=page.lang,
                           cookie=site_cookies(rng, pick(rng, ["spring", "django", "rails"]), analytics=0.1), extra=extra)


def html_form(rng: random.Random, page: Page, host: str) -> Request:
    aid = rng.randrange(100, 99_999)
    pairs = [("authenticity_token", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 86) + "=="),
             ("_method", "patch"), ("article[title]", page.title), ("article[body]", render(page, "html").replace("\n", "\r\n")),
             ("article[tag_list]", ", ".join(page.tags)), ("article[revision_comment]", pick(rng, SUMMARIES)),
             ("article[visibility]", pick(rng, ["internal", "public", "team"])), ("commit", "Save article")]
    return browser_request(rng, "docs_wiki", "form", "POST", host, f"/kb/articles/{aid}", body=form(pairs).encode(),
                           content_type="application/x-www-form-urlencoded", referer=f"https://{host}/kb/articles/{aid}/edit",
                           lang=page.lang, cookie=site_cookies(rng, "rails", analytics=0.1))


def docs_wiki(rng: random.Random, n: int) -> list[Request]:
    makers = [mediawiki_submit, mediawiki_submit, mediawiki_api, kb_save, kb_save, kb_save, html_form]
    out = []
    for _ in range(n):
        page = variant(rng, pick(rng, PAGES))
        out.append(pick(rng, makers)(rng, page, pick(rng, HOSTS)))
    return out
