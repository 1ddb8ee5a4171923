
"""A self-hosted git forge ("Slipway") run by two organisations: the web UI
(server-rendered pages, form posts with a `_csrf` field, fetches for
previews and reactions), its REST API used by CLIs, bots and CI, git's smart
HTTP transport, CI runners reporting commit statuses, and the forge's own
outgoing push and pull-request webhooks to a CI server and a chat bridge.

People paste what developers paste: tracebacks, stack traces, SQL, shell
sessions, Dockerfiles, CI YAML, templates, diffs and ```suggestion blocks in
a dozen languages.
"""

from __future__ import annotations

import base64
import random
from urllib.parse import quote

from .common import (
    AGENTS,
    ALNUM,
    Part,
    Request,
    api,
    b64url,
    boundary_for,
    chars,
    date_on,
    fake_gz,
    fake_png,
    form,
    hexs,
    hmac_hex,
    human,
    jar,
    js_json,
    mailbox,
    multipart,
    pick,
    proxied,
    py_json,
    qs,
    rbytes,
    run,
    some,
    stamp,
    text_parts,
    uri_query,
    uuid4,
    web,
)

SRC = "code_hosting"
FORGES = ["git.tidemark.example.com", "code.brambling.example.org"]
CI = "ci.tidemark.example.com"
CHAT = "chat.tidemark.example.com"
proxied("nginx", FORGES[0])
proxied("cdn", FORGES[1])

REPOS = {
    FORGES[0]: ["platform/billing-api", "platform/infra", "web/storefront", "mobile/ios-app", "data/etl-jobs",
                "platform/auth-gateway", "tools/slipctl", "web/design-system"],
    FORGES[1]: ["brambling/brambling-core", "brambling/docs-site", "brambling/plugins", "yuki/brambling-lsp",
                "tendai/notes", "brambling/website"],
}
USERS = ["kwame", "aoife.d", "bartosz", "hiroko-n", "tendai", "jasper", "lucia.ibanez", "noor", "radek", "freya",
         "renovate-bot", "ci-bot", "deepa.r", "cormac"]
BRANCHES = ["main", "develop", "feature/retry-backoff", "fix/refund-mrr", "chore/bump-deps", "release/2.14",
            "renovate/golang-1.x", "feat/dark-mode", "hiroko/parser-errors", "spike/otel-tracing", "docs/install-arm64"]

# ------------------------------------------------------------------ what people paste

SNIPPETS: dict[str, str] = {
    "python": '''def retry(fn, attempts=5, base=0.2):
    for i in range(attempts):
        try:
            return fn()
        except (ConnectionError, TimeoutError) as exc:
            if i == attempts - 1:
                raise
            delay = base * 2 ** i + random.uniform(0, base)
            log.warning("retrying %s in %.2fs: %s", fn.__name__, delay, exc)
            time.sleep(delay)''',
    "traceback": '''Traceback (most recent call last):
  File "/srv/billing/app/workers/invoice.py", line 212, in run
    total = sum(line.amount for line in invoice.lines)
            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/srv/billing/app/workers/invoice.py", line 212, in <genexpr>
    total = sum(line.amount for line in invoice.lines)
TypeError: unsupported operand type(s) for +: 'int' and 'NoneType\'''',
    "go": '''func (c *Client) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := c.http.Do(req.WithContext(ctx))
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if attempt >= c.maxRetries {
			return resp, fmt.Errorf("giving up after %d attempts: %w", attempt+1, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(backoff(attempt)):
		}
	}
}''',
    "rust": '''impl<'a> Lexer<'a> {
    fn next_token(&mut self) -> Result<Token<'a>, LexError> {
        match self.chars.peek() {
            Some(&(i, c)) if c.is_ascii_digit() => self.number(i),
            Some(&(_, '"')) => self.string(),
            Some(&(i, c)) => Err(LexError::Unexpected { at: i, found: c }),
            None => Ok(Token::Eof),
        }
    }
}''',
    "tsx": '''export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState<T>(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

// <SearchBox onChange={(e) => setQuery(e.target.value)} placeholder="Search…" />''',
    "sql": '''ALTER TABLE invoices ADD COLUMN paid_at timestamptz;
UPDATE invoices SET paid_at = updated_at WHERE status = 'paid' AND paid_at IS NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_invoices_customer_paid
    ON invoices (customer_id, paid_at DESC) WHERE deleted_at IS NULL;''',
    "sql_query": '''SELECT c.id, c.email, count(o.id) AS orders_30d
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id AND o.created_at > now() - interval '30 days'
WHERE c.email NOT LIKE '%@example.com'
GROUP BY c.id, c.email
HAVING count(o.id) = 0
ORDER BY c.created_at DESC
LIMIT 50;''',
    "bash": '''#!/usr/bin/env bash
set -euo pipefail
VERSION="${1:?usage: release.sh <version>}"
git tag -s "v${VERSION}" -m "Release ${VERSION}"
for arch in amd64 arm64; do
  GOOS=linux GOARCH=$arch go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \\
    -o "dist/slipctl-linux-${arch}" ./cmd/slipctl
done
(cd dist && sha256sum slipctl-* > SHA256SUMS)
curl -fsSL -H "Authorization: token ${RELEASE_TOKEN}" -F "attachment=@dist/SHA256SUMS" \\
  "https://git.tidemark.example.com/api/v1/repos/tools/slipctl/releases/${RELEASE_ID}/assets"''',
    "console": '''$ git push -u origin feature/retry-backoff
Enumerating objects: 14, done.
Counting objects: 100% (14/14), done.
Delta compression using up to 10 threads
Writing objects: 100% (8/8), 1.92 KiB | 1.92 MiB/s, done.
remote: Slipway: branch 'main' is protected; open a pull request instead.
To ssh://git.tidemark.example.com:2222/platform/billing-api.git
 ! [remote rejected] feature/retry-backoff -> feature/retry-backoff (pre-receive hook declined)
error: failed to push some refs to 'ssh://git.tidemark.example.com:2222/platform/billing-api.git\'''',
    "dockerfile": '''FROM python:3.12-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \\
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
USER 10001
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app.wsgi:application"]''',
    "yaml": '''steps:
  test:
    image: golang:1.23
    commands:
      - go vet ./...
      - go test -race -coverprofile=cover.out ./...
    when:
      event: [push, pull_request]
  publish:
    image: woodpeckerci/plugin-docker-buildx
    settings:
      repo: registry.tidemark.example.com/platform/billing-api
      tags: ["${CI_COMMIT_SHA:0:8}", latest]
    when:
      branch: main''',
    "java": '''java.lang.NullPointerException: Cannot invoke "String.trim()" because "name" is null
	at com.tidemark.catalog.ProductMapper.toDto(ProductMapper.java:41)
	at java.base/java.util.stream.ReferencePipeline$3$1.accept(ReferencePipeline.java:197)
	at java.base/java.util.ArrayList$ArrayListSpliterator.forEachRemaining(ArrayList.java:1708)
	at com.tidemark.catalog.CatalogService.list(CatalogService.java:88)
	at com.tidemark.catalog.web.CatalogController.index(CatalogController.java:35)''',
    "c": '''static int read_header(FILE *fp, struct hdr *h) {
    unsigned char buf[16];
    if (fread(buf, 1, sizeof buf, fp) != sizeof buf)
        return -1;
    h->magic = buf[0] | (buf[1] << 8);
    h->len = (uint32_t)buf[4] | (uint32_t)buf[5] << 8 | (uint32_t)buf[6] << 16 | (uint32_t)buf[7] << 24;
    return h->magic == 0x5357 ? 0 : -2;
}''',
    "ruby": '''scope :overdue, -> { where("due_on < ?", Date.current).where.not(state: %w[paid void]) }

def reminder_text
  "Hi #{customer.first_name}, invoice ##{number} is #{(Date.current - due_on).to_i} days overdue."
end''',
    "php": '''<?php foreach ($items as $item): ?>
  <li class="item"><a href="/p/<?= urlencode($item['slug']) ?>"><?= htmlspecialchars($item['name'], ENT_QUOTES) ?></a></li>
<?php endforeach; ?>''',
    "html": '''<form method="post" action="{{ url_for('auth.login', next=request.args.get('next')) }}">
  {{ form.csrf_token }}
  <input type="email" name="email" autocomplete="username" required>
  <input type="password" name="password" autocomplete="current-password" required>
  <button type="submit" onclick="this.disabled = true; this.form.submit();">Sign in</button>
</form>
<script src="/static/js/login.js" defer></script>''',
    "js": '''const params = new URLSearchParams(window.location.search);
const next = params.get("next") || "/";
if (!/^\\/(?!\\/)/.test(next)) {
  throw new Error(`refusing to redirect to ${next}`);
}
document.querySelector("#status").innerHTML = `<span class="ok">Signed in as ${escapeHtml(user.name)}</span>`;
window.location.assign(next);''',
    "nginx": '''location /api/ {
    proxy_pass http://billing_upstream;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_read_timeout 120s;
    client_max_body_size 20m;
}''',
    "hcl": '''resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "expire-old-logs"
    status = "Enabled"
    filter { prefix = "nginx/" }
    expiration { days = 90 }
  }
}''',
    "kotlin": '''suspend fun fetchProfile(id: String): Result<Profile> = runCatching {
    withContext(Dispatchers.IO) {
        api.profile(id).body() ?: error("empty body for $id")
    }
}''',
    "makefile": '''.PHONY: test lint
test:
\tgo test ./... -count=1
lint:
\tgolangci-lint run --timeout=5m ./...''',
    "regex": '''SEMVER = re.compile(
    r"^v?(?P<major>0|[1-9]\\d*)\\.(?P<minor>0|[1-9]\\d*)\\.(?P<patch>0|[1-9]\\d*)"
    r"(?:-(?P<pre>[0-9A-Za-z.-]+))?(?:\\+(?P<build>[0-9A-Za-z.-]+))?$"
)''',
    "swift": '''guard let url = URL(string: "https://api.tidemark.example.com/v2/me"),
      var comps = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return }
comps.queryItems = [URLQueryItem(name: "fields", value: "id,name,avatar")]
let (data, _) = try await URLSession.shared.data(from: comps.url!)''',
    "powershell": '''Get-ChildItem -Path .\\dist -Filter *.zip | ForEach-Object {
    $hash = (Get-FileHash $_.FullName -Algorithm SHA256).Hash.ToLower()
    "$hash  $($_.Name)" | Out-File -Append -Encoding ascii .\\dist\\SHA256SUMS
}''',
}
FENCE = {"traceback": "pytb", "console": "console", "sql_query": "sql", "java": "", "makefile": "make", "regex": "python"}


def _block(rng: random.Random, lang: str | None = None) -> str:
    lang = lang or pick(rng, list(SNIPPETS))
    return f"```{FENCE.get(lang, lang)}\n{SNIPPETS[lang]}\n```"


def _repo(rng: random.Random, host: str | None = None) -> tuple[str, str]:
    host = host or pick(rng, FORGES)
    return host, pick(rng, REPOS[host])


def _sha(rng: random.Random) -> str:
    return hexs(rng, 40)


def _ui(rng: random.Random) -> str:
    return jar(rng, "", tracking=0.0, extra=[("slipway_session", hexs(rng, 32)), ("_csrf", b64url(rbytes(rng, 24))),
                                             ("lang", pick(rng, ["en-US", "en-GB", "de-DE", "ja-JP"]))])


def _token(rng: random.Random) -> str:
    return pick(rng, [f"token {hexs(rng, 40)}", f"Bearer slw_pat_{chars(rng, ALNUM, 36)}", f"token slw_pat_{chars(rng, ALNUM, 36)}"])


def _issue_body(rng: random.Random) -> str:
    k = rng.randrange(6)
    if k == 0:
        return (f"### What happened\n\nThe nightly invoice job fails for customers with a credit note on the same day.\n\n{_block(rng, 'traceback')}\n\n"
                "### Steps to reproduce\n\n1. Create an invoice with two lines\n2. Issue a credit note for line 2 (amount left blank)\n"
                "3. Run `make run-worker JOB=invoice`\n\n### Expected\n\nThe blank amount is treated as `0`, or the credit note is rejected at creation.\n\n"
                f"### Environment\n\n- billing-api `{pick(rng, ['2.13.4', '2.14.0-rc.2', 'main@' + hexs(rng, 8)])}`\n- Python 3.12.7, Postgres 16.4")
    if k == 1:
        return (f"Seeing this on every `/catalog` request since the {pick(rng, ['2.14', 'latest'])} deploy:\n\n{_block(rng, 'java')}\n\n"
                "Looks like products imported from the supplier feed can have `name = null`. "
                f"Example SKU: `{chars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ', 3)}-{rng.randrange(10000, 99999)}`.\n\ncc @{pick(rng, USERS)}")
    if k == 2:
        return (f"The docs say to run\n\n{_block(rng, 'bash')}\n\nbut on macOS `sha256sum` doesn't exist (it's `shasum -a 256`). "
                "Could the script detect that, or the README mention it?\n\n- [ ] update `scripts/release.sh`\n- [ ] add a note to `RELEASING.md`")
    if k == 3:
        return (f"Pushing a new branch gets rejected even though it isn't `main`:\n\n{_block(rng, 'console')}\n\n"
                "Branch protection pattern is `main` but I think it is being matched as a glob against `*main*`? "
                "Settings → Branches screenshot attached.")
    if k == 4:
        return ("This query takes ~14 s on prod (plan below) — we need it for the win-back campaign export.\n\n"
                f"{_block(rng, 'sql_query')}\n\n<details><summary>EXPLAIN (ANALYZE, BUFFERS)</summary>\n\n```\n"
                "Limit  (cost=48211.09..48211.21 rows=50 width=41) (actual time=14102.332..14102.340 rows=50 loops=1)\n"
                "  ->  Sort  (cost=48211.09..48230.44 rows=7741 width=41)\n"
                "        Sort Key: c.created_at DESC\n"
                "        ->  HashAggregate  (cost=47655.52..47955.23 rows=7741 width=41)\n"
                "              Filter: (count(o.id) = 0)\n"
                "              ->  Hash Right Join  (cost=1220.50..44912.02 rows=548700 width=45)\n"
                "                    Hash Cond: (o.customer_id = c.id)\n"
                "                    ->  Seq Scan on orders o  (cost=0.00..40118.00 rows=548700 width=16)\n"
                "                          Filter: (created_at > (now() - '30 days'::interval))\n```\n\n</details>")
    return (f"Feature request: let `slipctl pr create` read the description from a file (`--body-file`), "
            f"like we already do for releases.\n\nCurrently I work around it with:\n\n{_block(rng, pick(rng, ['bash', 'powershell']))}\n\n"
            "Happy to send a PR if this sounds OK 🙂")


_REVIEW = [
    "nit: `strings.Builder` would avoid the extra allocations in this loop",
    "Can we get a test for the `nil` case? That's what broke in #{n}.",
    "This does a sequential scan on `orders` — is there an index on `(customer_id, created_at)`? See the plan in #{n}.",
    "Why `unsafe` here? `u32::from_le_bytes(buf[4..8].try_into()?)` does the same thing safely.",
    "Should this be `>=`? With `>` the last retry never happens.",
    "We can't log the full request here, it contains the `Authorization` header. Maybe redact like `redact(headers, {\"authorization\", \"cookie\"})`?",
    "I'd move this into `internal/retry` so the CLI can reuse it.",
    "LGTM once CI is green 🚀",
    "`innerHTML` with user input — can we use `textContent` or the `escapeHtml` helper?",
    "Does this still work when `$HOME` has a space in it? Quote `\"$HOME/.config/slipctl\"`.",
    "The `ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price` will silently overwrite manual overrides, is that intended?",
    "Typo: `recieve` → `receive` (also in the error message on L88)",
    "+1 to what @{u} said; also `time.After` in a loop leaks timers until they fire, use `time.NewTimer` and `Stop()`.",
    "Maybe `?.` here — `user?.profile?.avatarUrl ?? DEFAULT_AVATAR`",
    "This changes the public API (`Parse(r io.Reader)` → `Parse(ctx, r)`), needs a CHANGELOG entry and a minor bump.",
]

_SUGGEST = [
    ("go", "\t\tif err != nil {\n\t\t\treturn nil, fmt.Errorf(\"load config %q: %w\", path, err)\n\t\t}"),
    ("python", "        delay = min(base * 2 ** i, max_delay) + random.uniform(0, base)"),
    ("tsx", "  }, [value, ms]); // eslint-disable-line react-hooks/exhaustive-deps"),
    ("rust", "            Some(&(i, c)) => Err(LexError::Unexpected { at: i, found: c, line: self.line }),"),
    ("sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer_created ON orders (customer_id, created_at);"),
    ("yaml", "    when:\n      - event: [push, pull_request]\n        branch: [main, release/*]"),
    ("bash", "for f in \"${files[@]}\"; do\n  [[ -f \"$f\" ]] || continue\n  shellcheck -x \"$f\"\ndone"),
    ("dockerfile", "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt"),
    ("ruby", "  where(\"due_on < ?\", Date.current).where.not(state: %w[paid void draft])"),
    ("c", "    if (fread(buf, 1, sizeof buf, fp) != sizeof buf)\n        return ferror(fp) ? -EIO : -1;"),
    ("kotlin", "        api.profile(id).body() ?: throw IllegalStateException(\"empty body for $id\")"),
    ("js", "document.querySelector(\"#status\").textContent = `Signed in as ${user.name}`;"),
]


def _review_text(rng: random.Random) -> str:
    t = pick(rng, _REVIEW).replace("{n}", str(rng.randint(40, 990))).replace("{u}", pick(rng, USERS))
    if rng.random() < 0.45:
        lang, code = pick(rng, _SUGGEST)
        t += f"\n\n```suggestion\n{code}\n```" if rng.random() < 0.7 else f"\n\n```{lang}\n{code}\n```"
    return t


def _path(rng: random.Random) -> str:
    return pick(rng, ["internal/retry/retry.go", "app/workers/invoice.py", "src/components/SearchBox.tsx", "src/lexer.rs",
                      "migrations/0042_invoice_paid_at.sql", "scripts/release.sh", "Dockerfile", ".woodpecker.yml",
                      "src/main/java/com/tidemark/catalog/ProductMapper.java", "lib/reader.c", "app/models/invoice.rb",
                      "templates/auth/login.html", "deploy/nginx/billing.conf", "infra/s3.tf", "README.md",
                      "docs/guide/getting started.md", "Sources/API/Client.swift", "cmd/slipctl/main.go"])


# ------------------------------------------------------------------ web UI


def repo_page(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    n = rng.randrange(9)
    br = pick(rng, BRANCHES)
    if n == 0:
        path, q = f"/{repo}", ""
    elif n == 1:
        path, q = f"/{repo}/src/branch/{quote(br)}/{quote(_path(rng))}", ""
    elif n == 2:
        path, q = f"/{repo}/commits/branch/{quote(br)}", pick(rng, ["", "page=2", f"path={quote(_path(rng), safe='')}"])
    elif n == 3:
        path, q = f"/{repo}/pulls", qs([("state", pick(rng, ["open", "closed", "all"])), ("labels", pick(rng, ["", "12,15", "7"])),
                                        ("q", pick(rng, ["", "retry", "fix:", "deps", "[WIP]"])), ("sort", pick(rng, ["recentupdate", "oldest", "mostcomment"]))])
    elif n == 4:
        path, q = f"/{repo}/issues", qs([("type", pick(rng, ["all", "assigned", "your_repositories"])), ("state", "open"),
                                         ("q", pick(rng, ["", "panic", "\"null name\"", "label:bug", "timeout"])), ("milestone", pick(rng, ["0", "-1", "4"]))])
    elif n == 5:
        path, q = f"/{repo}/compare/{pick(rng, ['main', 'develop'])}...{quote(br, safe='')}", pick(rng, ["", "style=split&whitespace=ignore-all"])
    elif n == 6:
        path, q = f"/{repo}/blame/branch/{quote(br)}/{quote(_path(rng))}", ""
    elif n == 7:
        path, q = f"/{repo}/pulls/{rng.randint(1, 640)}/files", pick(rng, ["", "style=unified", "show-outdated=true&style=split"])
    else:
        path, q = f"/{repo}/actions", qs([("workflow", pick(rng, [".woodpecker.yml", "release.yml"])), ("actor", "0"), ("status", pick(rng, ["0", "2", "3"]))])
    return web(rng, SRC, "repo_page", "GET", host, path, q, nav=True, cookie=_ui(rng),
               ref=f"https://{host}/{repo}" if rng.random() < 0.7 else None, site=pick(rng, ["same-origin", "same-origin", "none"]))


def blob_raw(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    p = quote(_path(rng))
    if rng.random() < 0.5:
        return web(rng, SRC, "raw_file", "GET", host, f"/{repo}/raw/branch/{quote(pick(rng, BRANCHES))}/{p}", nav=True, cookie=_ui(rng),
                   accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    return api(rng, SRC, "raw_file_api", "GET", host, f"/api/v1/repos/{repo}/raw/{p}", uri_query([("ref", pick(rng, [*BRANCHES, _sha(rng)]))]),
               tool=pick(rng, ["curl", "requests", "go"]), auth=_token(rng))


_QUERIES = [
    'repo:platform/billing-api language:python "def retry"',
    "is:issue is:open label:bug author:kwame",
    "is:pr is:merged base:main review:approved updated:>=2026-11-01",
    "path:src/**/*.tsx useEffect",
    "symbol:parseConfig",
    '"SELECT * FROM orders" lang:sql',
    "/fn\\s+next_token/ lang:rust",
    "filename:Dockerfile FROM python:3.12",
    "org:platform TODO(retry) -path:vendor/",
    "content:\"proxy_set_header Host $host\" path:deploy/",
    "label:\"good first issue\" no:assignee sort:created-desc",
    "ERROR_CODE=E_CONN_RESET OR ECONNRESET",
    "user:tendai created:2026-11-01..2026-11-30",
    "NullPointerException ProductMapper",
    "<script src= path:templates/",
    "'\" escaping regression",
    "@Transactional(readOnly = true)",
    "go.mod golang.org/x/net v0.31.0",
]


def search(rng: random.Random) -> Request:
    host = pick(rng, FORGES)
    qv = pick(rng, _QUERIES)
    if rng.random() < 0.6:
        scope = pick(rng, ["/search", "/explore/repos", "/explore/code", f"/{pick(rng, REPOS[host])}/search"])
        return web(rng, SRC, "search", "GET", host, scope, qs([("q", qv), ("type", pick(rng, ["code", "issues", "repositories", "commits"])),
                                                                ("page", str(rng.randint(1, 3)))]), nav=True, cookie=_ui(rng), ref=f"https://{host}/")
    return api(rng, SRC, "search_api", "GET", host, "/api/v1/repos/issues/search",
               uri_query([("q", qv), ("state", "open"), ("type", pick(rng, ["issues", "pulls"])), ("limit", "50")]),
               tool=pick(rng, ["go", "requests", "node"]), auth=_token(rng), accept="application/json", ua=pick(rng, [None, "slipctl/0.19.2 (linux; amd64)"]))


def issue_new(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    a = pick(rng, AGENTS)
    title = pick(rng, ["Invoice worker crashes on blank credit-note amount", "NPE in ProductMapper when supplier name is null",
                       "release.sh: sha256sum missing on macOS", "Protected-branch check rejects non-main branches",
                       "Win-back export query is slow (14s)", "slipctl pr create --body-file", "Dark mode: code blocks unreadable",
                       "Support `<details>` in wiki pages", "Login redirect loses ?next= after SSO", "Crash when path contains `#`"])
    pairs = [("_csrf", b64url(rbytes(rng, 24))), ("title", title), ("content", _issue_body(rng)),
             ("label_ids", ",".join(str(rng.randint(1, 30)) for _ in range(rng.randint(0, 3)))), ("milestone_id", pick(rng, ["", "3", "7"])),
             ("project_id", ""), ("assignee_ids", pick(rng, ["", str(rng.randint(2, 60))])), ("redirect_after_creation", "")]
    if rng.random() < 0.5:
        b = boundary_for(rng, a)
        body = multipart(text_parts(pairs), b)
        return web(rng, SRC, "issue_create", "POST", host, f"/{repo}/issues/new", body=body, ctype=f"multipart/form-data; boundary={b}",
                   cookie=_ui(rng), agent=a, ref=f"https://{host}/{repo}/issues/new")
    return web(rng, SRC, "issue_create", "POST", host, f"/{repo}/issues/new", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
               nav=True, cookie=_ui(rng), agent=a, ref=f"https://{host}/{repo}/issues/new?template={quote('bug_report.md', safe='')}")


def issue_comment(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    n = rng.randint(1, 990)
    text = pick(rng, [_issue_body(rng), _review_text(rng),
                      f"Reproduced on `{pick(rng, BRANCHES)}`:\n\n{_block(rng)}", "Fixed by #" + str(rng.randint(1, 990)) + ", closing.",
                      f"Workaround until the fix lands:\n\n{_block(rng, pick(rng, ['bash', 'sql', 'nginx', 'python']))}",
                      "> The blank amount is treated as `0`\n\nI'd rather reject it — a blank credit note is almost always a mistake.",
                      "Duplicate of #" + str(rng.randint(1, 400)), "👀 taking a look"])
    if rng.random() < 0.55:
        pairs = [("_csrf", b64url(rbytes(rng, 24))), ("content", text), ("status", pick(rng, ["", "", "close", "reopen"]))]
        return web(rng, SRC, "issue_comment", "POST", host, f"/{repo}/issues/{n}/comments", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", cookie=_ui(rng), ref=f"https://{host}/{repo}/issues/{n}",
                   extra=[("x-requested-with", "XMLHttpRequest")])
    tool = pick(rng, ["requests", "go", "node", "curl"])
    obj = {"body": text}
    return api(rng, SRC, "issue_comment_api", "POST", host, f"/api/v1/repos/{repo}/issues/{n}/comments",
               body=(py_json(obj) if tool == "requests" else js_json(obj)).encode(), ctype="application/json", tool=tool, auth=_token(rng))


def review_comment(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    n = rng.randint(1, 640)
    obj: dict[str, object] = {"body": _review_text(rng), "path": _path(rng), "new_position": rng.randint(1, 300),
                              "old_position": 0, "commit_id": _sha(rng)}
    if rng.random() < 0.5:
        return web(rng, SRC, "review_comment", "POST", host, f"/{repo}/pulls/{n}/files/reviews/comments",
                   body=form([("_csrf", b64url(rbytes(rng, 24))), ("origin", "diff"), ("latest_commit_id", _sha(rng)),
                              ("side", pick(rng, ["proposed", "previous"])), ("line", str(rng.randint(1, 300))), ("path", str(obj["path"])),
                              ("diff_start_cid", ""), ("diff_end_cid", ""), ("diff_base_cid", ""),
                              ("content", str(obj["body"])), ("single_review", pick(rng, ["true", ""]))]).encode(),
                   ctype="application/x-www-form-urlencoded", cookie=_ui(rng), ref=f"https://{host}/{repo}/pulls/{n}/files")
    return web(rng, SRC, "review_comment_json", "POST", host, f"/api/v1/repos/{repo}/pulls/{n}/reviews/comments", body=js_json(obj).encode(),
               ctype="application/json", cookie=_ui(rng), ref=f"https://{host}/{repo}/pulls/{n}/files", extra=[("x-csrf-token", b64url(rbytes(rng, 24)))])


def review_submit(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    n = rng.randint(1, 640)
    obj = {"event": pick(rng, ["APPROVED", "REQUEST_CHANGES", "COMMENT"]), "body": pick(rng, ["", "Looks good, one nit inline.", "A couple of blocking comments on the retry loop, otherwise 👍",
                                                                                           "Approving, but please squash the fixup commits before merging."]),
           "commit_id": _sha(rng), "comments": [{"path": _path(rng), "new_position": rng.randint(1, 200), "body": _review_text(rng)} for _ in range(rng.randint(0, 3))]}
    tool = pick(rng, ["node", "go", "requests"])
    return api(rng, SRC, "review_submit", "POST", host, f"/api/v1/repos/{repo}/pulls/{n}/reviews",
               body=(py_json(obj) if tool == "requests" else js_json(obj)).encode(), ctype="application/json", tool=tool, auth=_token(rng),
               ua=pick(rng, [None, "review-bot/1.4", "slipctl/0.19.2 (darwin; arm64)"]))


def pr_create(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    head = pick(rng, BRANCHES[2:])
    body = (f"## What\n\n{pick(rng, ['Adds exponential backoff with jitter to the HTTP client.', 'Treat blank credit-note amounts as an error.', 'Bumps golang to 1.23.4 and x/net to v0.31.0.', 'Dark mode for code blocks.'])}\n\n"
            f"## Why\n\nFixes #{rng.randint(1, 990)}\n\n## How to test\n\n{_block(rng, pick(rng, ['bash', 'console', 'sql', 'makefile']))}\n\n"
            "## Checklist\n\n- [x] Tests added\n- [x] `make lint` passes\n- [ ] Docs updated\n- [ ] Migration is reversible")
    obj = {"title": pick(rng, ["feat(http): retry with backoff + jitter", "fix(billing): reject blank credit-note amounts", "chore(deps): update golang to 1.23.4",
                                "WIP: dark mode for <pre> blocks", "docs: install on arm64 (Raspberry Pi 5)", "refactor!: Parse takes a context"]),
           "head": head, "base": pick(rng, ["main", "develop", "release/2.14"]), "body": body,
           "labels": [rng.randint(1, 30) for _ in range(rng.randint(0, 2))], "draft": rng.random() < 0.2}
    if rng.random() < 0.5:
        return web(rng, SRC, "pr_create", "POST", host, f"/{repo}/compare/main...{quote(head, safe='')}",
                   body=form([("_csrf", b64url(rbytes(rng, 24))), ("title", str(obj["title"])), ("content", body), ("label_ids", ""),
                              ("milestone_id", ""), ("assignee_ids", ""), ("allow_maintainer_edit", "on")]).encode(),
                   ctype="application/x-www-form-urlencoded", nav=True, cookie=_ui(rng), ref=f"https://{host}/{repo}/compare/main...{quote(head, safe='')}")
    return api(rng, SRC, "pr_create_api", "POST", host, f"/api/v1/repos/{repo}/pulls", body=js_json(obj).encode(), ctype="application/json",
               tool="go", auth=_token(rng), ua="slipctl/0.19.2 (linux; amd64)", accept="application/json")


def pr_merge(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    n = rng.randint(1, 640)
    obj = {"Do": pick(rng, ["merge", "rebase", "squash", "fast-forward-only"]), "MergeTitleField": f"feat(http): retry with backoff (#{n})",
           "MergeMessageField": "* add retry loop\n* jitter\n* fixup! address review\n\nCo-authored-by: Hiroko Nakagawa <hiroko@tidemark.example.com>",
           "delete_branch_after_merge": rng.random() < 0.7, "head_commit_id": _sha(rng)}
    return api(rng, SRC, "pr_merge", "POST", host, f"/api/v1/repos/{repo}/pulls/{n}/merge", body=js_json(obj).encode(), ctype="application/json",
               tool=pick(rng, ["go", "node"]), auth=_token(rng), ua=pick(rng, ["merge-queue/2.0", "slipctl/0.19.2 (linux; amd64)"]))


def markdown_preview(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    text = pick(rng, [_issue_body(rng), _review_text(rng), f"| col | type |\n| --- | --- |\n| `id` | `uuid` |\n| `paid_at` | `timestamptz` |\n\n{_block(rng)}",
                      "```mermaid\nsequenceDiagram\n  Client->>API: POST /invoices\n  API-->>Worker: enqueue(invoice_id)\n  Worker->>DB: UPDATE invoices SET status = 'sent'\n```"])
    if rng.random() < 0.5:
        return web(rng, SRC, "markdown_preview", "POST", host, "/-/markup",
                   body=form([("_csrf", b64url(rbytes(rng, 24))), ("mode", "comment"), ("context", f"/{repo}"), ("text", text), ("wiki", "")]).encode(),
                   ctype="application/x-www-form-urlencoded", cookie=_ui(rng), ref=f"https://{host}/{repo}/issues/new", accept="*/*")
    return web(rng, SRC, "markdown_preview_api", "POST", host, "/api/v1/markdown", body=js_json({"Text": text, "Mode": "gfm", "Context": f"{host}/{repo}", "Wiki": False}).encode(),
               ctype="application/json", cookie=_ui(rng), accept="text/html", extra=[("x-csrf-token", b64url(rbytes(rng, 24)))])


def wiki_edit(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    title = pick(rng, ["Home", "Runbook: billing worker", "On-call handbook", "Local setup (macOS & Linux)", "Release process", "FAQ", "Architecture/Data flow"])
    content = (f"# {title}\n\n> Last reviewed {date_on(rng)} by @{pick(rng, USERS)}\n\n[[_TOC_]]\n\n## Quick start\n\n{_block(rng, pick(rng, ['bash', 'console', 'dockerfile']))}\n\n"
               "## Troubleshooting\n\n| Symptom | Likely cause | Fix |\n|---|---|---|\n| `ECONNRESET` from billing | upstream idle timeout < keepalive | set `proxy_read_timeout 120s` |\n"
               "| `pq: relation \"invoices\" does not exist` | migrations not run | `make migrate` |\n| 502 after deploy | old pods still draining | wait 60s or `kubectl rollout status deploy/billing` |\n\n"
               f"<details>\n<summary>nginx snippet</summary>\n\n{_block(rng, 'nginx')}\n\n</details>\n\nSee also [[Release process]] and [the API docs](/{repo}/src/branch/main/docs/api.md).")
    pairs = [("_csrf", b64url(rbytes(rng, 24))), ("title", title), ("content", content), ("message", pick(rng, ["", "Update troubleshooting table", "typo", "add nginx snippet"]))]
    slug = quote(title.replace(" ", "-"), safe="")
    return web(rng, SRC, "wiki_edit", "POST", host, f"/{repo}/wiki/{slug}", pick(rng, ["action=_edit", "action=_new"]), body=form(pairs).encode(),
               ctype="application/x-www-form-urlencoded", nav=True, cookie=_ui(rng), ref=f"https://{host}/{repo}/wiki/{slug}?action=_edit")


def file_edit(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    lang = pick(rng, list(SNIPPETS))
    content = base64.b64encode((SNIPPETS[lang] + "\n").encode()).decode()
    obj = {"branch": pick(rng, BRANCHES), "content": content, "message": pick(rng, ["Update " + _path(rng), "fix typo", "docs: clarify arm64 steps"]),
           "sha": _sha(rng), "author": {"name": " ".join(human(rng)), "email": f"{pick(rng, USERS).replace('.', '')}@tidemark.example.com"},
           "new_branch": pick(rng, [None, "patch-" + str(rng.randint(1, 9))]), "signoff": rng.random() < 0.3}
    return api(rng, SRC, "file_update", "PUT", host, f"/api/v1/repos/{repo}/contents/{quote(_path(rng))}", body=js_json(obj).encode(), ctype="application/json",
               tool=pick(rng, ["node", "go", "axios"]), auth=_token(rng), ua=pick(rng, [None, "renovate/39.42.1"]))


def file_edit_web(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    lang = pick(rng, list(SNIPPETS))
    p = _path(rng)
    pairs = [("_csrf", b64url(rbytes(rng, 24))), ("last_commit", _sha(rng)), ("tree_path", p), ("content", SNIPPETS[lang] + "\n"),
             ("commit_summary", ""), ("commit_message", ""), ("commit_choice", pick(rng, ["direct", "commit-to-new-branch"])),
             ("new_branch_name", f"{pick(rng, USERS)}-patch-{rng.randint(1, 9)}"), ("commit_email", "")]
    return web(rng, SRC, "file_edit_web", "POST", host, f"/{repo}/_edit/{quote(pick(rng, BRANCHES))}/{quote(p)}", body=form(pairs).encode(),
               ctype="application/x-www-form-urlencoded", nav=True, cookie=_ui(rng))


def attach(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    if rng.random() < 0.6:
        part: Part = ("file", fake_png(rng, rng.randint(400, 1500)), pick(rng, ["Screenshot 2026-11-28 at 10.14.22.png", "image.png", "branch-settings.png"]), "image/png")
    else:
        log = "\n".join(f"2026-11-{rng.randint(10, 30)}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z "
                        f"{pick(rng, ['INFO', 'WARN', 'ERROR'])} {pick(rng, ['worker=invoice', 'worker=dunning', 'http'])} "
                        f"{pick(rng, ['job started', 'retrying in 0.8s: read tcp 198.51.100.7:5432: i/o timeout', 'credit note amount is None', 'GET /healthz 200 1.2ms'])}"
                        for _ in range(rng.randint(6, 20)))
        part = ("file", (log + "\n").encode(), "worker.log", "text/plain")
    body = multipart([part], b)
    return web(rng, SRC, "attachment_upload", "POST", host, f"/{repo}/issues/attachments", body=body, ctype=f"multipart/form-data; boundary={b}",
               cookie=_ui(rng), agent=a, extra=[("x-csrf-token", b64url(rbytes(rng, 24)))])


def reaction(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    kind = pick(rng, ["issues", "comments"])
    ident = rng.randint(1, 40000)
    return web(rng, SRC, "reaction", "POST", host, f"/{repo}/{kind}/{ident}/reactions/{pick(rng, ['react', 'unreact'])}",
               body=form([("_csrf", b64url(rbytes(rng, 24))), ("content", pick(rng, ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"]))]).encode(),
               ctype="application/x-www-form-urlencoded", cookie=_ui(rng), accept="*/*")


def notifications(rng: random.Random) -> Request:
    host = pick(rng, FORGES)
    if rng.random() < 0.5:
        return web(rng, SRC, "notification_poll", "GET", host, "/api/v1/notifications/new", cookie=_ui(rng), ref=f"https://{host}/{pick(rng, REPOS[host])}")
    return web(rng, SRC, "notifications_page", "GET", host, "/notifications", qs([("type", pick(rng, ["unread", "read", "pinned"])), ("page", str(rng.randint(1, 4)))]),
               nav=True, cookie=_ui(rng))


# ------------------------------------------------------------------ settings, tokens, keys


def repo_settings(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    k = rng.randrange(3)
    if k == 0:
        pairs = [("_csrf", b64url(rbytes(rng, 24))), ("action", "update"), ("repo_name", repo.split("/")[1]),
                 ("description", pick(rng, ["Billing & invoicing service (Go + Postgres)", "Terraform for AWS eu-west-1 — *do not* apply from laptops", "Brambling: a tiny, fast static-site generator",
                                            "Design tokens, <Button/> & friends", "ETL jobs: S3 → Parquet → warehouse"])),
                 ("website", pick(rng, ["", f"https://docs.{host.split('.', 1)[1]}/", "https://brambling.example.org"])), ("template", ""), ("private", pick(rng, ["on", ""]))]
        return web(rng, SRC, "repo_settings", "POST", host, f"/{repo}/settings", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   nav=True, cookie=_ui(rng), ref=f"https://{host}/{repo}/settings")
    if k == 1:
        pairs = [("_csrf", b64url(rbytes(rng, 24))), ("rule_name", pick(rng, ["main", "release/*", "release/**", "v*.*.x", "!experimental/*"])),
                 ("enable_push", pick(rng, ["none", "whitelist", "all"])), ("whitelist_users", ",".join(str(rng.randint(2, 60)) for _ in range(rng.randint(0, 2)))),
                 ("enable_status_check", "on"), ("status_check_contexts", "ci/woodpecker/pr/test\nci/woodpecker/pr/lint\nsecurity/*"),
                 ("required_approvals", str(rng.randint(1, 2))), ("dismiss_stale_approvals", "on"), ("block_on_outdated_branch", pick(rng, ["on", ""])),
                 ("protected_file_patterns", pick(rng, ["", "*.lock;go.sum;migrations/**"])), ("unprotected_file_patterns", pick(rng, ["", "docs/**;*.md"]))]
        return web(rng, SRC, "branch_protection", "POST", host, f"/{repo}/settings/branches/edit", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", nav=True, cookie=_ui(rng), ref=f"https://{host}/{repo}/settings/branches")
    obj = {"description": pick(rng, ["Billing & invoicing", "Infra as code"]), "default_branch": pick(rng, ["main", "develop"]), "has_wiki": rng.random() < 0.6,
           "allow_squash_merge": True, "allow_rebase_explicit": False, "default_merge_style": pick(rng, ["squash", "merge", "rebase"]),
           "topics": some(rng, ["go", "postgres", "billing", "terraform", "aws", "static-site", "rust", "c++", "ci/cd"], 1, 4)}
    return api(rng, SRC, "repo_patch", "PATCH", host, f"/api/v1/repos/{repo}", body=py_json(obj).encode(), ctype="application/json",
               tool=pick(rng, ["requests", "httpx"]), auth=_token(rng), accept="application/json")


def labels(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    obj = {"name": pick(rng, ["kind/bug", "kind/feature", "priority/P1", "area: billing", "good first issue", "needs-triage", "breaking 💥", "deps/go"]),
           "color": pick(rng, ["#d73a4a", "#a2eeef", "#0e8a16", "#fbca04", "#5319e7", "#e4e669"]),
           "description": pick(rng, ["Something isn't working", "New feature or request", "Must fix before next release", "Changes a public API (semver-major)", ""]),
           "exclusive": rng.random() < 0.2}
    method = pick(rng, ["POST", "PATCH", "PATCH", "DELETE"])
    path = f"/api/v1/repos/{repo}/labels" + ("" if method == "POST" else f"/{rng.randint(1, 40)}")
    body = None if method == "DELETE" else js_json(obj).encode()
    return web(rng, SRC, "label_edit", method, host, path, body=body, ctype="application/json" if body else None, cookie=_ui(rng),
               extra=[("x-csrf-token", b64url(rbytes(rng, 24)))])


def api_token(rng: random.Random) -> Request:
    host = pick(rng, FORGES)
    if rng.random() < 0.3:
        return web(rng, SRC, "token_delete", "POST", host, "/user/settings/applications/delete",
                   body=form([("_csrf", b64url(rbytes(rng, 24))), ("id", str(rng.randint(1, 400)))]).encode(), ctype="application/x-www-form-urlencoded",
                   cookie=_ui(rng), ref=f"https://{host}/user/settings/applications")
    pairs = [("_csrf", b64url(rbytes(rng, 24))), ("name", pick(rng, ["renovate", "laptop slipctl", "ci-release (expires)", "grafana datasource", "Kwame's MacBook"])),
             ("scope", pick(rng, ["read:repository", "write:repository"])), ("scope", pick(rng, ["read:issue", "write:issue"])),
             ("scope", pick(rng, ["read:user", "read:organization", "write:package"]))]
    return web(rng, SRC, "token_create", "POST", host, "/user/settings/applications", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
               nav=True, cookie=_ui(rng), ref=f"https://{host}/user/settings/applications")


def ssh_key(rng: random.Random) -> Request:
    host = pick(rng, FORGES)
    given, _family = human(rng)
    kt = pick(rng, ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "sk-ssh-ed25519@openssh.com"])
    key = f"{kt} AAAA{base64.b64encode(rbytes(rng, 48 if 'ed25519' in kt else 270)).decode()} {fold_user(given)}@{pick(rng, ['laptop', 'MacBook-Pro.local', 'wsl', 'yubikey'])}"
    if rng.random() < 0.5:
        return web(rng, SRC, "ssh_key_add", "POST", host, "/user/settings/keys",
                   body=form([("_csrf", b64url(rbytes(rng, 24))), ("title", pick(rng, ["work laptop", "YubiKey 5C", "WSL Ubuntu"])), ("content", key), ("type", "ssh")]).encode(),
                   ctype="application/x-www-form-urlencoded", nav=True, cookie=_ui(rng), ref=f"https://{host}/user/settings/keys")
    return api(rng, SRC, "ssh_key_api", "POST", host, "/api/v1/user/keys", body=js_json({"title": "slipctl " + date_on(rng), "key": key, "read_only": False}).encode(),
               ctype="application/json", tool="go", auth=_token(rng), ua="slipctl/0.19.2 (linux; arm64)")


def fold_user(given: str) -> str:
    return "".join(c for c in given.lower() if c.isalpha() and c.isascii()) or "dev"


def hook_config(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    obj = {"type": pick(rng, ["slipway", "slack", "matrix"]), "active": True, "branch_filter": pick(rng, ["*", "main", "{main,release/*}"]),
           "events": some(rng, ["push", "pull_request", "pull_request_review", "issues", "issue_comment", "release", "status"], 2, 5),
           "config": {"url": pick(rng, [f"https://{CI}/api/hook", f"https://{CHAT}/hooks/{hexs(rng, 24)}", "https://deploy.tidemark.example.com/slipway?env=staging"]),
                      "content_type": "json", "secret": chars(rng, ALNUM, 32), "http_method": "post"},
           "authorization_header": pick(rng, ["", f"Bearer {chars(rng, ALNUM, 40)}"])}
    method = pick(rng, ["POST", "POST", "PATCH"])
    return api(rng, SRC, "webhook_config", method, host, f"/api/v1/repos/{repo}/hooks" + ("" if method == "POST" else f"/{rng.randint(1, 30)}"),
               body=py_json(obj).encode(), ctype="application/json", tool="requests", auth=_token(rng))


def branch_delete(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    br = quote(pick(rng, BRANCHES[2:]), safe="")
    if rng.random() < 0.5:
        return web(rng, SRC, "branch_delete", "POST", host, f"/{repo}/branches/delete", qs([("name", pick(rng, BRANCHES[2:]))]),
                   body=form([("_csrf", b64url(rbytes(rng, 24)))]).encode(), ctype="application/x-www-form-urlencoded", cookie=_ui(rng))
    return api(rng, SRC, "branch_delete_api", "DELETE", host, f"/api/v1/repos/{repo}/branches/{br}", tool=pick(rng, ["go", "curl", "node"]), auth=_token(rng))


def release(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    ver = f"v{rng.randint(0, 3)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
    if rng.random() < 0.5:
        notes = (f"## {ver} ({date_on(rng)})\n\n### ⚠ Breaking\n\n- `Parse(r io.Reader)` is now `Parse(ctx context.Context, r io.Reader)` (#{rng.randint(100, 900)})\n\n"
                 f"### Fixes\n\n- billing: blank credit-note amounts are rejected (#{rng.randint(100, 900)})\n- http: retries use jitter; `--max-retries=0` disables them\n\n"
                 f"### Upgrade\n\n{_block(rng, 'bash')}\n\n**Full changelog**: https://{host}/{repo}/compare/{ver}...main")
        obj = {"tag_name": ver, "target_commitish": "main", "name": ver, "body": notes, "draft": False, "prerelease": "-rc" in ver}
        return api(rng, SRC, "release_create", "POST", host, f"/api/v1/repos/{repo}/releases", body=js_json(obj).encode(), ctype="application/json",
                   tool=pick(rng, ["go", "node"]), auth=_token(rng), ua=pick(rng, ["goreleaser/2.4.8", "release-it/17.10.0"]))
    b = boundary_for(rng, tool="curl")
    name = f"slipctl_{ver[1:]}_{pick(rng, ['linux_amd64', 'linux_arm64', 'darwin_arm64'])}.tar.gz"
    body = multipart([("attachment", fake_gz(rng, rng.randint(600, 1800)), name, "application/octet-stream")], b)
    return api(rng, SRC, "release_asset", "POST", host, f"/api/v1/repos/{repo}/releases/{rng.randint(1, 90)}/assets", uri_query([("name", name)]),
               body=body, ctype=f"multipart/form-data; boundary={b}", tool="curl", auth=_token(rng))


# ------------------------------------------------------------------ git transport


def _pkt(s: str) -> str:
    return f"{len(s) + 4:04x}{s}"


def git_refs(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    svc = pick(rng, ["git-upload-pack", "git-upload-pack", "git-receive-pack"])
    return api(rng, SRC, "git_info_refs", "GET", host, f"/{repo}.git/info/refs", f"service={svc}", tool="curl",
               ua=pick(rng, ["git/2.47.1", "git/2.43.0", "git/2.39.5 (Apple Git-154)", "git/2.47.1.windows.1", "JGit/7.0.0"]),
               auth=pick(rng, [None, None, "Basic " + base64.b64encode(f"{pick(rng, USERS)}:{hexs(rng, 40)}".encode()).decode()]),
               extra=[("accept-encoding", "deflate, gzip, br, zstd"), ("pragma", "no-cache"), ("git-protocol", "version=2")])


def git_fetch(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    wants = "".join(_pkt(f"want {_sha(rng)}\n") for _ in range(rng.randint(1, 3)))
    haves = "".join(_pkt(f"have {_sha(rng)}\n") for _ in range(rng.randint(0, 6)))
    body = (_pkt("command=fetch") + _pkt("agent=git/2.47.1") + _pkt("object-format=sha1") + "0001" + _pkt("thin-pack") + _pkt("no-progress")
            + _pkt("ofs-delta") + wants + haves + _pkt("done\n") + "0000").encode()
    return api(rng, SRC, "git_upload_pack", "POST", host, f"/{repo}.git/git-upload-pack", body=body, ctype="application/x-git-upload-pack-request",
               tool="curl", ua="git/2.47.1", accept="application/x-git-upload-pack-result",
               extra=[("accept-encoding", "deflate, gzip, br, zstd"), ("git-protocol", "version=2")])


def git_push(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    ref = pick(rng, BRANCHES[2:])
    cmd = f"{_sha(rng)} {_sha(rng)} refs/heads/{ref}\0 report-status-v2 side-band-64k object-format=sha1 agent=git/2.47.1"
    body = (_pkt(cmd) + "0000").encode() + b"PACK\x00\x00\x00\x02" + rng.randint(1, 12).to_bytes(4, "big") + rbytes(rng, rng.randint(200, 900))
    return api(rng, SRC, "git_receive_pack", "POST", host, f"/{repo}.git/git-receive-pack", body=body, ctype="application/x-git-receive-pack-request",
               tool="curl", ua="git/2.47.1", accept="application/x-git-receive-pack-result",
               auth="Basic " + base64.b64encode(f"{pick(rng, USERS)}:{hexs(rng, 40)}".encode()).decode())


# ------------------------------------------------------------------ CI and webhooks


def ci_status(rng: random.Random) -> Request:
    host, repo = _repo(rng, FORGES[0]) if rng.random() < 0.7 else _repo(rng)
    state = pick(rng, ["pending", "success", "success", "failure", "error"])
    obj = {"state": state, "target_url": f"https://{CI}/repos/{rng.randint(1, 60)}/pipeline/{rng.randint(100, 9000)}" + pick(rng, ["", "/2", "/3"]),
           "description": {"pending": "Pipeline is running", "success": "Pipeline was successful", "failure": "Pipeline failed",
                           "error": "Pipeline errored: clone step exit code 128"}[state],
           "context": pick(rng, ["ci/woodpecker/pr/test", "ci/woodpecker/push/lint", "ci/woodpecker/pr/build-arm64", "security/trivy", "coverage/codecov"])}
    return api(rng, SRC, "ci_commit_status", "POST", host, f"/api/v1/repos/{repo}/statuses/{_sha(rng)}", body=js_json(obj).encode(), ctype="application/json",
               tool="go", auth=_token(rng), ua=pick(rng, [None, "woodpecker/2.8.1"]))


def runner_poll(rng: random.Random) -> Request:
    host = FORGES[0]
    obj = {"version": "0.2.11", "labels": some(rng, ["ubuntu-24.04:docker://node:20-bookworm", "arm64:host", "self-hosted", "gpu"], 1, 3),
           "tasks_version": rng.randint(1000, 90000)}
    return api(rng, SRC, "runner_fetch_task", "POST", host, "/api/actions/runner.v1.RunnerService/FetchTask", body=js_json(obj).encode(),
               ctype="application/json", tool="go", ua="connect-go/1.17.0 (go1.23.4)",
               extra=[("x-runner-uuid", uuid4(rng)), ("x-runner-token", hexs(rng, 40)), ("connect-protocol-version", "1")])


def push_hook(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    given, family = human(rng)
    msgs = ["fix(billing): reject blank credit-note amounts\n\nCloses #412", "chore(deps): update module golang.org/x/net to v0.31.0",
            "Merge pull request 'feat(http): retry with backoff' (#389) from feature/retry-backoff into main", "wip", "docs: README — arm64 install (Pi 5)",
            "Revert \"feat: dark mode for <pre>\"\n\nThis reverts commit 3f9c0d1e.", "test: cover nil name in ProductMapper", "fixup! address review: use time.NewTimer"]
    commits = [{"id": _sha(rng), "message": pick(rng, msgs), "url": f"https://{host}/{repo}/commit/{_sha(rng)}",
                "author": {"name": f"{given} {family}", "email": mailbox(rng, given, family, "tidemark.example.com"), "username": pick(rng, USERS)},
                "timestamp": stamp(rng), "added": some(rng, [_path(rng), _path(rng)], 0, 2), "modified": [_path(rng)], "removed": []} for _ in range(rng.randint(1, 4))]
    ref = pick(rng, BRANCHES)
    obj = {"ref": f"refs/heads/{ref}", "before": _sha(rng), "after": _sha(rng), "compare_url": f"https://{host}/{repo}/compare/{hexs(rng, 10)}...{hexs(rng, 10)}",
           "commits": commits, "total_commits": len(commits), "repository": {"id": rng.randint(1, 300), "full_name": repo, "private": True,
                                                                              "clone_url": f"https://{host}/{repo}.git", "default_branch": "main"},
           "pusher": {"login": pick(rng, USERS), "email": ""}}
    body = js_json(obj).encode()
    dest = pick(rng, [(CI, "/api/hook", f"access_token={b64url(rbytes(rng, 30))}"), (CHAT, f"/hooks/{hexs(rng, 24)}", ""), ("deploy.tidemark.example.com", "/slipway", "env=staging")])
    return api(rng, SRC, "push_webhook", "POST", dest[0], dest[1], dest[2], body=body, ctype="application/json", tool="go", ua="Go-http-client/1.1",
               extra=[("x-slipway-delivery", uuid4(rng)), ("x-slipway-event", "push"), ("x-slipway-event-type", "push"),
                      ("x-slipway-signature", hmac_hex(rng, body))])


def pr_hook(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    n = rng.randint(1, 640)
    obj = {"action": pick(rng, ["opened", "synchronized", "reviewed", "closed", "label_updated"]), "number": n,
           "pull_request": {"id": rng.randint(1000, 90000), "number": n, "title": pick(rng, ["feat(http): retry with backoff + jitter", "WIP: dark mode for <pre> blocks", "chore(deps): update golang to 1.23.4"]),
                            "body": pick(rng, ["Fixes #412", "## What\n\nAdds backoff.\n\n```go\nbackoff(attempt)\n```", ""]), "state": "open",
                            "head": {"ref": pick(rng, BRANCHES[2:]), "sha": _sha(rng)}, "base": {"ref": "main", "sha": _sha(rng)},
                            "html_url": f"https://{host}/{repo}/pulls/{n}", "merged": False, "user": {"login": pick(rng, USERS)}},
           "repository": {"full_name": repo}, "sender": {"login": pick(rng, USERS)}, "commit_id": ""}
    body = js_json(obj).encode()
    return api(rng, SRC, "pr_webhook", "POST", CI, "/api/hook", f"access_token={b64url(rbytes(rng, 30))}", body=body, ctype="application/json", tool="go",
               extra=[("x-slipway-delivery", uuid4(rng)), ("x-slipway-event", "pull_request"), ("x-slipway-event-type", "pull_request_" + str(obj["action"])),
                      ("x-slipway-signature", hmac_hex(rng, body))])


def ci_lint(rng: random.Random) -> Request:
    _host, repo = _repo(rng, FORGES[0])
    cfg = SNIPPETS["yaml"] if rng.random() < 0.6 else SNIPPETS["yaml"].replace("    commands:", "    command:")
    return web(rng, SRC, "ci_config_lint", "POST", CI, "/api/lint", body=js_json({"repo": repo, "config": cfg + "\n"}).encode(), ctype="application/json",
               cookie=jar(rng, "", tracking=0.0, extra=[("user_sess", b64url(rbytes(rng, 40)))]), ref=f"https://{CI}/repos/{repo}/settings", site="same-origin",
               origin=f"https://{CI}")


def pipeline_logs(rng: random.Random) -> Request:
    return web(rng, SRC, "ci_pipeline_page", "GET", CI, f"/repos/{rng.randint(1, 60)}/pipeline/{rng.randint(100, 9000)}/{rng.randint(1, 6)}", nav=True,
               ref=f"https://{pick(rng, FORGES)}/", site="same-site", cookie=jar(rng, "", tracking=0.0, extra=[("user_sess", b64url(rbytes(rng, 40)))]))


def commit_status_read(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    return api(rng, SRC, "combined_status", "GET", host, f"/api/v1/repos/{repo}/commits/{pick(rng, [_sha(rng), quote(pick(rng, BRANCHES), safe='')])}/status",
               uri_query([("page", "1"), ("limit", "30")]), tool=pick(rng, ["go", "node", "requests"]), auth=_token(rng), ua=pick(rng, [None, "merge-queue/2.0"]))


def chat_unfurl(rng: random.Random) -> Request:
    host, repo = _repo(rng)
    return api(rng, SRC, "link_preview", "GET", host, f"/{repo}/{pick(rng, ['issues', 'pulls'])}/{rng.randint(1, 900)}", tool="go",
               ua=pick(rng, ["Mozilla/5.0 (compatible; TeamChatBot-LinkExpanding 2.1; +https://chat.tidemark.example.com/bot)", "MatrixLinkPreview/1.0"]),
               accept="text/html")


def package_pull(rng: random.Random) -> Request:
    host = FORGES[0]
    name = pick(rng, ["platform/billing-api", "web/storefront", "tools/slipctl"])
    return api(rng, SRC, "container_registry", "GET", host, f"/v2/{name}/manifests/{pick(rng, ['latest', 'v2.14.0', 'sha256:' + hexs(rng, 64)])}",
               tool="go", ua="containerd/2.0.1", auth="Bearer " + b64url(rbytes(rng, 60)),
               accept="application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json")


def code_hosting(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (14, repo_page), (5, blob_raw), (9, search), (6, issue_new), (10, issue_comment), (9, review_comment), (4, review_submit),
        (5, pr_create), (2, pr_merge), (5, markdown_preview), (3, wiki_edit), (2, file_edit), (2, file_edit_web), (3, attach), (3, reaction),
        (4, notifications), (4, repo_settings), (2, labels), (2, api_token), (2, ssh_key), (2, hook_config), (2, branch_delete), (2, release),
        (4, git_refs), (3, git_fetch), (1, git_push), (7, ci_status), (2, runner_poll), (4, push_hook), (2, pr_hook), (1, ci_lint),
        (2, pipeline_logs), (3, commit_status_read), (2, chat_unfurl), (1, package_pull),
    ])


