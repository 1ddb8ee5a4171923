# ruff: noqa: RUF001 - the corpus is about these characters: dashes, full-width punctuation, dotless i
"""Code people paste into comment fields: bug reports, forum answers, tutorial
comments. This is where rule sets like the CRS false-positive most, so the
corpus keeps it as its own source.

All snippets were written for this project.
"""

from __future__ import annotations

import random

SNIPPETS: dict[str, list[str]] = {
    "python": [
        "for i in range(10):\n    print(i)",
        "import time\n\ntime.sleep(0.5)  # back off before retrying",
        "with open('report.csv', newline='') as f:\n    rows = list(csv.DictReader(f))",
        "def greet(name: str) -> str:\n    return f\"Hello, {name}!\"",
        "users = [u for u in users if u.is_active and not u.is_staff]",
        "import subprocess\nsubprocess.run(['git', 'status'], check=True)",
        "os.path.join(BASE_DIR, 'static', 'img')",
        "Order.objects.filter(status='paid').order_by('-created_at')[:10]",
        "cursor.execute(\"SELECT name FROM users WHERE id = %s\", (user_id,))",
        "try:\n    value = int(raw)\nexcept ValueError:\n    value = 0",
        "@app.route('/api/items/<int:item_id>', methods=['GET', 'DELETE'])\ndef item(item_id): ...",
        "print(json.dumps(data, indent=2, ensure_ascii=False))",
        "x = {'a': 1, 'b': [1, 2, 3]}\nprint(x.get('c', 'default'))",
        "async def main():\n    await asyncio.gather(*(fetch(u) for u in urls))",
        "df.groupby('region')['sales'].sum().sort_values(ascending=False)",
    ],
    "javascript": [
        "const doubled = items.map((x) => x * 2);",
        "document.querySelector('#save').addEventListener('click', onSave);",
        "fetch('/api/orders?page=2').then((r) => r.json()).then(render);",
        "if (a && b) { return true; } else { return false; }",
        "let total = cart.reduce((sum, item) => sum + item.price * item.qty, 0);",
        "setTimeout(() => setVisible(false), 3000);",
        "export default function App() {\n  return <Layout title=\"Home\"><Main /></Layout>;\n}",
        "const { data, error } = useSWR(`/api/user/${id}`, fetcher);",
        "console.log(JSON.stringify(obj, null, 2));",
        "window.addEventListener('resize', debounce(onResize, 200));",
        "app.get('/health', (req, res) => res.send('ok'));",
        "const el = document.createElement('div');\nel.className = 'toast';\nel.textContent = msg;",
        "for (const [key, value] of Object.entries(config)) console.log(key, value);",
        "new Date().toISOString().slice(0, 10)",
    ],
    "sql": [
        "SELECT name, email FROM users WHERE created_at > '2024-01-01' ORDER BY name;",
        "SELECT count(*) FROM orders GROUP BY status HAVING count(*) > 10;",
        "UPDATE products SET price = price * 1.1 WHERE category = 'tools';",
        "INSERT INTO tags (name) VALUES ('python'), ('sql');",
        "DELETE FROM sessions WHERE expires_at < now();",
        "SELECT a.id, b.total FROM accounts a JOIN invoices b ON b.account_id = a.id;",
        "SELECT city FROM customers UNION SELECT city FROM suppliers ORDER BY city;",
        "CREATE INDEX idx_orders_user ON orders (user_id, created_at DESC);",
        "ALTER TABLE users ADD COLUMN last_login timestamptz;",
        "SELECT * FROM products WHERE name LIKE '%chair%' LIMIT 20 OFFSET 40;",
        "WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '7 days')\nSELECT count(*) FROM recent;",
        "EXPLAIN ANALYZE SELECT * FROM events WHERE user_id = 42;",
        "SELECT coalesce(nickname, first_name) AS display FROM people;",
    ],
    "shell": [
        "ls -la /var/log/nginx",
        "cat ~/.ssh/config | grep Host",
        "curl -s https://api.example.com/v1/status | jq .",
        "tar -czf backup.tar.gz ./data && echo done",
        "find . -name '*.pyc' -delete",
        "grep -rn 'TODO' src/ | wc -l",
        "docker compose up -d && docker compose logs -f web",
        "export PATH=\"$HOME/.local/bin:$PATH\"",
        "sudo systemctl restart nginx",
        "git log --oneline -n 20 | cat",
        "ps aux | grep python",
        "chmod +x ./deploy.sh; ./deploy.sh --dry-run",
        "kubectl get pods -n staging -o wide",
        "pip install -r requirements.txt",
        "echo $SHELL; which python3",
    ],
    "go": [
        "if err != nil {\n\treturn fmt.Errorf(\"open config: %w\", err)\n}",
        "for _, v := range values {\n\tsum += v\n}",
        "http.HandleFunc(\"/\", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(\"hi\")) })",
        "ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)\ndefer cancel()",
    ],
    "rust": [
        "let v: Vec<u32> = (1..=10).filter(|x| x % 2 == 0).collect();",
        "match value {\n    Some(x) => println!(\"{x}\"),\n    None => {}\n}",
        "fn area(w: f64, h: f64) -> f64 { w * h }",
        "#[derive(Debug, Clone, PartialEq)]\nstruct Point { x: i32, y: i32 }",
    ],
    "java": [
        "List<String> names = users.stream().map(User::getName).collect(Collectors.toList());",
        "public static void main(String[] args) { System.out.println(\"Hello\"); }",
        "try (var in = Files.newBufferedReader(path)) { return in.readLine(); }",
        "Map<String, Integer> counts = new HashMap<>();",
    ],
    "php": [
        "<?php echo htmlspecialchars($name, ENT_QUOTES); ?>",
        "$items = array_filter($items, fn($i) => $i['qty'] > 0);",
        "foreach ($rows as $row) { echo $row['title'] . \"\\n\"; }",
    ],
    "css": [
        ".card { display: flex; gap: 1rem; border-radius: 8px; }",
        "@media (max-width: 600px) { .sidebar { display: none; } }",
        "body { font-family: system-ui, sans-serif; background: url('/img/bg.png') no-repeat; }",
        ":root { --accent: #0a84ff; }\na:hover { color: var(--accent); }",
    ],
    "html": [
        "<div class=\"card\">\n  <h2>Title</h2>\n  <p>Some text</p>\n</div>",
        "<a href=\"/docs\" target=\"_blank\" rel=\"noopener\">Docs</a>",
        "<img src=\"/static/logo.png\" alt=\"Logo\" width=\"120\">",
        "<form method=\"post\" action=\"/subscribe\">\n  <input type=\"email\" name=\"email\" required>\n</form>",
        "<button type=\"submit\" class=\"btn btn-primary\">Save</button>",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<ul>\n  <li>One</li>\n  <li>Two</li>\n</ul>",
    ],
    "config": [
        "server:\n  port: 8080\n  host: 0.0.0.0\nlogging:\n  level: debug",
        "[tool.pytest.ini_options]\naddopts = \"-q\"\ntestpaths = [\"tests\"]",
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]",
        "location /api/ {\n    proxy_pass http://127.0.0.1:8000;\n    proxy_set_header Host $host;\n}",
        "{\n  \"scripts\": { \"build\": \"vite build\", \"test\": \"vitest\" }\n}",
        "DATABASE_URL=postgres://app:secret@localhost:5432/app\nDEBUG=false",
    ],
    "regex": [
        "^[\\w.+-]+@[\\w-]+\\.[\\w.]+$",
        "(\\d{4})-(\\d{2})-(\\d{2})",
        "re.sub(r'\\s+', ' ', text).strip()",
    ],
    "errors": [
        "Traceback (most recent call last):\n  File \"app.py\", line 42, in <module>\n    main()\nKeyError: 'user_id'",
        "TypeError: Cannot read properties of undefined (reading 'map')\n    at App (App.jsx:12:23)",
        "ERROR:  syntax error at or near \"FROM\"\nLINE 1: SELECT name, FROM users;",
        "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"s\" is null",
        "Error: ENOENT: no such file or directory, open '/app/config/settings.json'",
        "Fatal error: Uncaught Error: Call to undefined function mysqli_connect() in /var/www/html/index.php:3",
    ],
}

INTROS = [
    "This worked for me:", "Try something like:", "Here's what I ended up with:",
    "Minimal repro below.", "Same problem here, my code:", "The fix was one line:",
    "For anyone finding this later --", "Output of the command:", "Stack trace:",
    "Shouldn't this be", "In the tutorial, step 3 says to run", "Quick question about this query:",
    "Bei mir funktioniert es so:", "Voici mon code :", "こうしたら動きました：",
]

OUTROS = [
    "Hope that helps!", "Any idea what I'm doing wrong?", "Works on 3.12, not on 3.10.",
    "Thanks in advance.", "Edit: fixed a typo.", "Is this the intended behaviour?",
    "(Tested on Chrome 124 and Firefox 125.)", "Not sure if it's a bug or me :)",
]

# What developers type into a docs or forum search box.
DEV_SEARCHES = [
    "select * from users where", "union vs union all postgres", "python sleep function",
    "javascript array map", "bash if else", "what is /dev/null", "../ relative path",
    "onload event react", "iframe embed youtube", "etc/passwd format", "windows system32 drivers",
    "cmd.exe /c start", "exec format error docker", "document.cookie samesite",
    "alert() not working", "<script> defer vs async", "drop table if exists", "sql injection prevention",
    "xss prevention django", "eval is evil", "os.system vs subprocess", "${VAR:-default} bash",
    "{{ }} jinja escaping", "<%= %> erb", "wget -O -", "curl -X POST json", "chmod 777 meaning",
]


def language_of(rng: random.Random) -> str:
    return rng.choice(sorted(SNIPPETS))


def snippet(rng: random.Random, language: str | None = None) -> tuple[str, str]:
    lang = language or language_of(rng)
    return lang, rng.choice(SNIPPETS[lang])


def code_comment(rng: random.Random) -> str:
    """A comment with a fenced code block (markdown), or pasted bare."""
    lang, code = snippet(rng)
    fence = lang if lang not in ("errors", "config", "regex") else ""
    parts = [rng.choice(INTROS)]
    if rng.random() < 0.75:
        parts.append(f"```{fence}\n{code}\n```")
    else:
        parts.append(code)
    if rng.random() < 0.5:
        parts.append(rng.choice(OUTROS))
    return "\n\n".join(parts)


def inline_code_sentence(rng: random.Random) -> str:
    _, code = snippet(rng, rng.choice(["python", "javascript", "sql", "shell"]))
    first_line = code.split("\n", 1)[0]
    return f"{rng.choice(['Use', 'Try', 'I ran', 'Why does', 'Replace it with'])} `{first_line}` {rng.choice(['instead.', 'and it worked.', 'fail here?', 'first.'])}"
