# ruff: noqa: RUF001 - real text uses typographic characters
"""qa_site: a programming Q&A site (Flask + a JSON API): questions and answers
in markdown, most with inline or fenced code in Python, JavaScript, SQL or
Bash, as on a real Q&A site; tags, votes, comments, edits and searches."""

from __future__ import annotations

import random

from benign_record import form, js_json, pick, stamp, uuid4

from .common import Request, browser, client, cookies, csrf_header, query, run, some

SRC = "qa_site"
HOST = "ask.example.com"
FW = "flask"

F = "```"

QUESTIONS: list[tuple[str, list[str], str]] = [
    ("Why does my list comprehension return None values?", ["python", "list-comprehension"],
     "I'm trying to uppercase a list of names but get `[None, None, None]`:\n\n" + F + "python\nnames = ['ana', 'bo', 'cy']\n"
     "result = [print(n.upper()) for n in names]\nprint(result)\n" + F + "\n\nWhat am I doing wrong?"),
    ("How to select the latest row per group in PostgreSQL?", ["sql", "postgresql", "greatest-n-per-group"],
     "I have an `orders` table and want the most recent order for each customer.\n\n" + F + "sql\nSELECT customer_id, id, created_at\n"
     "FROM orders\nORDER BY customer_id, created_at DESC;\n" + F + "\n\nThis gives me all rows. I tried `GROUP BY customer_id` but "
     "Postgres complains that `id` must appear in the GROUP BY clause or be used in an aggregate function."),
    ("fetch() returns Promise { <pending> } instead of data", ["javascript", "async-await", "fetch-api"],
     "```js\nfunction getUser(id) {\n  return fetch(`/api/users/${id}`).then(r => r.json());\n}\n\nconst user = getUser(42);\n"
     "console.log(user); // Promise { <pending> }\n```\n\nHow do I get the actual object out?"),
    ("Bash: loop over files with spaces in their names", ["bash", "shell", "filenames"],
     "This breaks on `My Document.txt`:\n\n" + F + "bash\nfor f in $(ls *.txt); do\n  wc -l $f\ndone\n" + F
     + "\n\nI get `wc: My: No such file or directory`. How should I quote this?"),
    ("Django ORM: filter on a related model's field", ["python", "django", "django-orm"],
     "Models:\n\n" + F + "python\nclass Author(models.Model):\n    name = models.CharField(max_length=100)\n\nclass Book(models.Model):\n"
     "    author = models.ForeignKey(Author, on_delete=models.CASCADE)\n    title = models.CharField(max_length=200)\n" + F
     + "\n\nHow do I get all books whose author's name starts with \"A\"? `Book.objects.filter(author.name__startswith='A')` is a syntax error."),
    ("Why is my LEFT JOIN behaving like an INNER JOIN?", ["sql", "mysql", "join"],
     F + "sql\nSELECT u.id, u.email, COUNT(o.id) AS orders\nFROM users u\nLEFT JOIN orders o ON o.user_id = u.id\n"
     "WHERE o.status = 'paid'\nGROUP BY u.id, u.email;\n" + F + "\n\nUsers with no paid orders disappear from the result. I expected 0."),
    ("TypeError: 'NoneType' object is not subscriptable when parsing JSON", ["python", "json", "requests"],
     F + "python\nimport requests\n\nresp = requests.get('https://api.example.com/items', timeout=10)\ndata = resp.json().get('results')\n"
     "print(data[0]['name'])\n" + F + "\n\nTraceback:\n\n" + F + "\nTraceback (most recent call last):\n  File \"main.py\", line 5, in <module>\n"
     "    print(data[0]['name'])\nTypeError: 'NoneType' object is not subscriptable\n" + F),
    ("How to remove duplicates from an array of objects by key?", ["javascript", "arrays"],
     "I have `[{id: 1, n: 'a'}, {id: 1, n: 'b'}, {id: 2, n: 'c'}]` and want one object per `id` (first wins). Is there something "
     "nicer than two nested loops?"),
    ("sed: replace only the first occurrence in a file", ["sed", "bash", "linux"],
     "`sed -i 's/foo/bar/' config.ini` replaces the first match on *every* line. I only want the first match in the whole file. "
     "GNU sed 4.9 on Ubuntu 24.04."),
    ("pandas: groupby and keep rows where value is max", ["python", "pandas", "dataframe"],
     F + "python\ndf = pd.DataFrame({'team': ['A', 'A', 'B'], 'player': ['x', 'y', 'z'], 'pts': [10, 14, 7]})\n"
     "df.groupby('team')['pts'].max()\n" + F + "\n\nThis loses the `player` column. How do I keep the whole row?"),
    ("SQLAlchemy 2.0: how to write an upsert (INSERT … ON CONFLICT)?", ["python", "sqlalchemy", "postgresql"],
     "In raw SQL I'd write:\n\n" + F + "sql\nINSERT INTO prices (sku, price) VALUES (%s, %s)\nON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price;\n"
     + F + "\n\nWhat's the SQLAlchemy 2.0 style equivalent with `session.execute()`?"),
    ("Why does `[] + {}` give \"[object Object]\"?", ["javascript", "type-coercion"],
     "Saw this in a talk. `[] + {}` is `\"[object Object]\"` but `{} + []` in the console is `0`. What's going on?"),
    ("Find and delete files older than 30 days, but not in .git", ["bash", "find"],
     F + "bash\nfind /var/backups -type f -mtime +30 -print\n" + F + "\n\nHow do I exclude any `.git` directory and then actually delete them safely?"),
    ("Comment lire un fichier CSV avec des accents en Python ?", ["python", "csv", "encoding"],
     "J'obtiens `UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9` avec :\n\n" + F + "python\nwith open('données.csv') as f:\n"
     "    for row in csv.reader(f):\n        print(row)\n" + F),
    ("Wie kann ich in SQL zwei Spalten zu einer zusammenfügen?", ["sql", "sql-server"],
     "Ich möchte `vorname` und `nachname` als `name` ausgeben. `SELECT vorname + ' ' + nachname` liefert NULL, wenn eine Spalte NULL ist."),
]
ANSWERS = [
    "`print()` returns `None`, so the comprehension collects those. Build the list and print it separately:\n\n" + F
    + "python\nresult = [n.upper() for n in names]\nprint(result)\n" + F,
    "Use `DISTINCT ON`, which is Postgres-specific but perfect for this:\n\n" + F + "sql\nSELECT DISTINCT ON (customer_id) customer_id, id, created_at\n"
    "FROM orders\nORDER BY customer_id, created_at DESC;\n" + F + "\n\nFor portable SQL use `ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY created_at DESC)` in a CTE and keep `rn = 1`.",
    "`fetch` is asynchronous, so you need to `await` it (inside an `async` function or a module with top-level await):\n\n"
    "```js\nconst user = await getUser(42);\nconsole.log(user.name);\n```",
    "Never parse `ls`. Let the shell glob and quote the variable:\n\n" + F + "bash\nfor f in ./*.txt; do\n  wc -l -- \"$f\"\ndone\n" + F
    + "\n\nThe `--` protects against file names starting with `-`.",
    "Use double underscores to follow the relation: `Book.objects.filter(author__name__startswith=\"A\")`. "
    "Add `.select_related(\"author\")` if you'll access `book.author` in a loop.",
    "Your `WHERE o.status = 'paid'` filters out the NULL rows the LEFT JOIN produced. Move the condition into the `ON` clause:\n\n"
    + F + "sql\nLEFT JOIN orders o ON o.user_id = u.id AND o.status = 'paid'\n" + F,
    "The API returned something without a `results` key (probably an error). Check `resp.raise_for_status()` and print `resp.text` first. "
    "Also `.get('results', [])` avoids the `None`.",
    "```js\nconst unique = [...new Map(arr.map(o => [o.id, o])).values()];\n```\n\nNote this keeps the *last* one per id; reverse first if you want the first.",
    "With GNU sed: `sed -i '0,/foo/s//bar/' config.ini`. The `0,/re/` address range ends at the first match.",
    F + "python\ndf.loc[df.groupby('team')['pts'].idxmax()]\n" + F + "\n\n`idxmax` gives the index label of the max per group.",
    F + "python\nfrom sqlalchemy.dialects.postgresql import insert\n\nstmt = insert(Price).values(sku=sku, price=price)\n"
    "stmt = stmt.on_conflict_do_update(index_elements=[Price.sku], set_={\"price\": stmt.excluded.price})\nsession.execute(stmt)\nsession.commit()\n" + F,
    "At the start of a statement `{}` is parsed as an empty *block*, not an object, so `{} + []` is really `+[]`, which is `0`.",
    F + "bash\nfind /var/backups -path '*/.git' -prune -o -type f -mtime +30 -print\n# check the list, then:\n"
    "find /var/backups -path '*/.git' -prune -o -type f -mtime +30 -delete\n" + F,
    "Le fichier est probablement en Latin-1 / cp1252. Essayez `open('données.csv', encoding='cp1252', newline='')`.",
    "Nimm `CONCAT(vorname, ' ', nachname)` – das behandelt NULL als leeren String. Alternativ `CONCAT_WS(' ', vorname, nachname)`.",
    "Just a heads-up: the docs for this changed in 3.12, see the \"What's New\" page. Otherwise +1 to the answer above.",
]
COMMENTS = [
    "Can you post the full traceback?", "Which version of Python are you on?", "This worked, thanks! 🙏",
    "Possible duplicate of \"How to loop over files in a directory?\"", "What does `EXPLAIN ANALYZE` show?",
    "Note that `DISTINCT ON` requires the ORDER BY to start with the same columns.", "Please don't post code as images.",
    "@{u} you're right, I had a typo in the column name 🤦", "Works on Node 22, fails on 18. Any idea?",
    "Edit: fixed the indentation in the snippet.", "+1, also `set -euo pipefail` at the top of the script helps a lot.",
]
TAGS = ["python", "javascript", "sql", "bash", "postgresql", "mysql", "django", "pandas", "node.js", "reactjs", "typescript",
        "linux", "git", "docker", "regex", "sqlalchemy", "fastapi", "json", "csv", "async-await"]
USERS = ["codegirl_92", "anon_dev", "Jörg M.", "tim.o'reilly", "sql_wizard", "bashfan", "__pythonista__", "n00b2pro"]


def ask(rng: random.Random) -> Request:
    title, tags, md = pick(rng, QUESTIONS)
    doc = {"title": title, "body_md": md, "tags": tags + some(rng, TAGS, 0, 1), "draft_id": uuid4(rng),
           "notify_answers": True}
    return browser(rng, SRC, "ask_question", "POST", HOST, "/api/questions", body=js_json(doc).encode(), ctype="application/json",
                   referer=f"https://{HOST}/questions/ask", cookie=cookies(rng, FW), extra=csrf_header(rng, FW),
                   lang=pick(rng, ["en", "en", "fr", "de"]))


def answer(rng: random.Random) -> Request:
    qid = rng.randrange(10**6, 10**7)
    body = form([("csrf_token", ".".join([uuid4(rng).replace("-", ""), uuid4(rng)[:12]])), ("post_text", pick(rng, ANSWERS)),
                 ("question_id", str(qid))]).encode()
    return browser(rng, SRC, "answer", "POST", HOST, f"/questions/{qid}/answer/submit", body=body,
                   ctype="application/x-www-form-urlencoded", navigate=True,
                   referer=f"https://{HOST}/questions/{qid}", cookie=cookies(rng, FW))


def edit(rng: random.Random) -> Request:
    title, tags, md = pick(rng, QUESTIONS)
    pid = rng.randrange(10**6, 10**7)
    doc = {"title": title, "body_md": md + pick(rng, ["\n\n**Edit:** I'm on Python 3.12.", "\n\nEDIT 2: solved, see my answer below.",
                                                      "\n\n_Update_: same result on MySQL 8.4.", ""]),
           "tags": tags, "edit_summary": pick(rng, ["fixed code formatting", "added traceback", "clarified title", "retagged"]),
           "revision": rng.randint(1, 6)}
    return browser(rng, SRC, "edit_post", "PUT", HOST, f"/api/posts/{pid}", body=js_json(doc).encode(), ctype="application/json",
                   referer=f"https://{HOST}/posts/{pid}/edit", cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def comment(rng: random.Random) -> Request:
    pid = rng.randrange(10**6, 10**7)
    body = js_json({"text": pick(rng, COMMENTS).replace("{u}", pick(rng, USERS))}).encode()
    return browser(rng, SRC, "comment", "POST", HOST, f"/api/posts/{pid}/comments", body=body, ctype="application/json",
                   referer=f"https://{HOST}/questions/{pid}", cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def vote(rng: random.Random) -> Request:
    pid = rng.randrange(10**6, 10**7)
    body = js_json({"direction": pick(rng, ["up", "up", "up", "down", "none"])}).encode()
    return browser(rng, SRC, "vote", "POST", HOST, f"/api/posts/{pid}/vote", body=body, ctype="application/json",
                   referer=f"https://{HOST}/questions/{pid}", cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def search(rng: random.Random) -> Request:
    q = pick(rng, ["[python] list comprehension None", "left join where clause", "is:question [bash] spaces in filenames",
                   "\"Promise { <pending> }\"", "[sql] greatest-n-per-group", "pandas idxmax groupby", "sed first occurrence only",
                   "user:1234 [django]", "answers:0 [postgresql]", "UnicodeDecodeError 0xe9", "find -prune .git", "array dedupe by key js"])
    pairs = [("q", q), ("tab", pick(rng, ["relevance", "newest", "votes", "active"]))]
    if rng.random() < 0.3:
        pairs.append(("page", str(rng.randint(2, 5))))
    return browser(rng, SRC, "search", "GET", HOST, "/search", query(pairs), navigate=True,
                   referer=f"https://{HOST}/questions", cookie=cookies(rng, FW))


def tag_page(rng: random.Random) -> Request:
    tags = some(rng, TAGS, 1, 2)
    site = pick(rng, ["same-origin", "none"])
    return browser(rng, SRC, "tagged", "GET", HOST, "/questions/tagged/" + "+".join(tags),
                   query([("sort", pick(rng, ["newest", "votes", "unanswered"])), ("pagesize", pick(rng, ["15", "30", "50"]))]),
                   navigate=True, referer=None if site == "none" else f"https://{HOST}/tags", cookie=cookies(rng, FW), site=site)


def preview(rng: random.Random) -> Request:
    md = pick(rng, ANSWERS + [q[2] for q in QUESTIONS])
    return browser(rng, SRC, "markdown_preview", "POST", HOST, "/api/markdown/render", body=js_json({"text": md}).encode(),
                   ctype="application/json", accept="text/html, */*; q=0.01", referer=f"https://{HOST}/questions/ask",
                   cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def api_client(rng: random.Random) -> Request:
    pairs = [("tagged", pick(rng, TAGS)), ("sort", "activity"), ("order", "desc"), ("fromdate", str(1_796_000_000 + rng.randrange(10**6))),
             ("filter", "withbody"), ("pagesize", "100")]
    return client(rng, SRC, "api_client", "GET", "api.ask.example.com", "/2.3/questions", query(pairs),
                  lib=pick(rng, ["requests", "httpx", "curl", "node"]), extra=[("x-api-key", uuid4(rng).replace("-", ""))])


def flag(rng: random.Random) -> Request:
    body = js_json({"reason": pick(rng, ["duplicate", "needs-details", "off-topic", "spam"]), "comment": pick(rng, [
        "Duplicate of /questions/11227809", "Missing the error message and a minimal example.", "", "Asking for library recommendations."]),
        "at": stamp(rng)}).encode()
    pid = rng.randrange(10**6, 10**7)
    return browser(rng, SRC, "flag", "POST", HOST, f"/api/posts/{pid}/flags", body=body, ctype="application/json",
                   cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def qa_site(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [(3, ask), (4, answer), (2, edit), (3, comment), (2, vote), (3, search), (1, tag_page),
                        (2, preview), (1, api_client), (1, flag)])
