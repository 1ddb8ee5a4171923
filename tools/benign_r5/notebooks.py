# ruff: noqa: RUF001 - real text uses typographic characters
"""notebooks: a hosted data-science notebook service (JupyterHub in front of
Jupyter Server, a hosted REST API and CLI): notebooks saved as JSON with
Python, SQL, R and shell-magic cells and their outputs, markdown cells,
execute and SQL-run requests, kernels and sessions, file-browser uploads
(CSV as text, parquet as base64 and as binary multipart), scheduled-job
definitions, connections, dataset previews, git commits, exports and
comments on cells."""

from __future__ import annotations

import base64
import random

from .common import (
    ALNUM,
    Request,
    boundary_for,
    browser,
    browser_of,
    chars,
    client,
    cookie_jar,
    csrf,
    fake_png,
    form,
    hexs,
    js_json,
    multipart,
    pick,
    py_json,
    rbytes,
    run,
    some,
    stamp,
    text_parts,
    uri_query,
    uuid4,
)

SRC = "notebooks"
HUB = "hub.notebooks.example.com"
API = "api.notebooks.example.com"
USERS = ["zoe", "ciaran", "wanjiru", "mateusz", "haruka", "priya", "jb", "niamh", "emre", "lotte", "kai", "fatima"]
FOLDERS = ["", "analysis/", "etl/", "reports/2026-11/", "scratch/", "projects/churn/", "team-shared/", "experiments/ab-test-42/"]
NAMES = ["Untitled.ipynb", "Untitled1.ipynb", "churn_model.ipynb", "weekly_kpis.ipynb", "etl_orders.ipynb", "eda – customers.ipynb",
         "forecast_v2.ipynb", "ab_test_readout.ipynb", "survey (cleaned).ipynb", "sql_scratch.ipynb", "r_mixed_models.ipynb", "geo_heatmap.ipynb"]

# ------------------------------------------------------------------ cell sources

PY_CELLS = [
    "import pandas as pd\nimport numpy as np\nimport matplotlib.pyplot as plt\n\npd.set_option(\"display.max_columns\", 50)\n%matplotlib inline",
    "df = pd.read_csv(\"data/raw/customers_2026-11.csv\", parse_dates=[\"signup_date\"])\ndf.head()",
    "df.info()\ndf.describe(include=\"all\").T",
    "df[\"tenure_days\"] = (pd.Timestamp(\"2026-12-01\") - df[\"signup_date\"]).dt.days\ndf = df[df[\"country\"].isin([\"IE\", \"GB\", \"DE\"])]\ndf.groupby(\"plan\")[\"mrr\"].agg([\"mean\", \"median\", \"count\"])",
    "fig, ax = plt.subplots(figsize=(10, 4))\ndf.resample(\"W\", on=\"signup_date\").size().plot(ax=ax)\nax.set_title(\"Weekly sign-ups\")\nax.set_ylabel(\"n\")\nplt.tight_layout()",
    "from sklearn.model_selection import train_test_split\nfrom sklearn.ensemble import GradientBoostingClassifier\nfrom sklearn.metrics import roc_auc_score\n\nX = df[features]\ny = df[\"churned\"]\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)\nclf = GradientBoostingClassifier(n_estimators=300, max_depth=3).fit(X_train, y_train)\nprint(f\"AUC: {roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]):.3f}\")",
    "features = [c for c in df.columns if c not in {\"customer_id\", \"churned\", \"email\"}]\nlen(features)",
    "import os\nfrom sqlalchemy import create_engine, text\n\nengine = create_engine(os.environ[\"WAREHOUSE_URL\"])\nwith engine.connect() as conn:\n    orders = pd.read_sql(text(\"SELECT * FROM analytics.orders WHERE created_at >= :since\"), conn, params={\"since\": \"2026-11-01\"})\norders.shape",
    "# quick sanity check\nassert df[\"customer_id\"].is_unique, \"dupes!\"\ndf.isna().mean().sort_values(ascending=False).head(10)",
    "def clean_name(s: str) -> str:\n    \"\"\"Strip whitespace, fix O'Brien-style apostrophes.\"\"\"\n    return s.strip().replace(\"’\", \"'\").title()\n\ndf[\"name\"] = df[\"name\"].map(clean_name)",
    "import polars as pl\n\nlf = pl.scan_parquet(\"s3://analytics-example/events/dt=2026-11-*/part-*.parquet\")\n(lf.filter(pl.col(\"event\") == \"checkout\")\n   .group_by(\"country\")\n   .agg(pl.len().alias(\"n\"), pl.col(\"value\").sum())\n   .sort(\"n\", descending=True)\n   .collect())",
    "import requests\nr = requests.get(\"https://api.example.org/v1/rates\", params={\"base\": \"EUR\", \"symbols\": \"GBP,USD,JPY\"}, timeout=10)\nr.raise_for_status()\nrates = r.json()[\"rates\"]\nrates",
    "for i, (name, grp) in enumerate(df.groupby(\"region\")):\n    if i > 3:\n        break\n    print(name, len(grp), grp[\"mrr\"].sum())",
    "%%time\nresult = df.merge(orders, on=\"customer_id\", how=\"left\").fillna({\"total\": 0})",
    "%load_ext autoreload\n%autoreload 2\nfrom src.features import build_features",
    "%timeit df.groupby(\"k\").sum()",
    "import subprocess\nsubprocess.run([\"git\", \"pull\", \"--ff-only\"], check=True)",
    "x = np.linspace(0, 2 * np.pi, 200)\nplt.plot(x, np.sin(x), label=\"sin\")\nplt.plot(x, np.cos(x), \"--\", label=\"cos\")\nplt.legend(); plt.show()",
    "df.to_parquet(\"data/processed/customers_clean.parquet\", index=False)\nprint(\"saved ✔\")",
    "query = f\"\"\"\nSELECT country, COUNT(*) AS n\nFROM customers\nWHERE signup_date >= '{start}'\nGROUP BY country\n\"\"\"\npd.read_sql(query, engine)",
]
SQL_CELLS = [
    "%%sql\nSELECT c.customer_id, c.name, SUM(o.total) AS revenue\nFROM customers c\nJOIN orders o ON o.customer_id = c.customer_id\nWHERE o.created_at >= '2026-01-01'\nGROUP BY 1, 2\nORDER BY revenue DESC\nLIMIT 20;",
    "%%sql\nDROP TABLE IF EXISTS staging_orders;\nCREATE TABLE staging_orders AS\nSELECT *\nFROM raw.orders\nWHERE _loaded_at > (SELECT MAX(_loaded_at) FROM analytics.orders);",
    "%%sql\nDELETE FROM analytics.orders\nWHERE order_id IN (SELECT order_id FROM staging_orders);\n\nINSERT INTO analytics.orders\nSELECT * FROM staging_orders;",
    "%%sql\nWITH weekly AS (\n  SELECT date_trunc('week', created_at) AS wk, COUNT(*) AS n\n  FROM events\n  WHERE event = 'signup'\n  GROUP BY 1\n)\nSELECT wk, n, n - LAG(n) OVER (ORDER BY wk) AS delta\nFROM weekly\nORDER BY wk;",
    "%sql SELECT COUNT(*) FROM customers WHERE country = 'IE' AND last_name LIKE 'O''%'",
    "%%sql\nUPDATE dim_customer\nSET segment = 'enterprise'\nWHERE seats >= 250 AND segment IS NULL;",
    "%%sql\nCREATE OR REPLACE VIEW mart.churn_features AS\nSELECT c.customer_id,\n       DATE_PART('day', NOW() - c.signup_date) AS tenure_days,\n       COALESCE(SUM(o.total), 0) AS lifetime_value,\n       COUNT(DISTINCT s.ticket_id) AS tickets\nFROM customers c\nLEFT JOIN orders o USING (customer_id)\nLEFT JOIN support s USING (customer_id)\nGROUP BY 1, 2;",
    "%%sql\nSELECT table_name, column_name, data_type\nFROM information_schema.columns\nWHERE table_schema = 'analytics'\nORDER BY table_name, ordinal_position;",
    "%%sql\nTRUNCATE TABLE scratch.tmp_ab_results;\nCOPY scratch.tmp_ab_results FROM 's3://analytics-example/ab/42/results.csv' CSV HEADER;",
    "%%sql\nSELECT variant, AVG(converted::int) AS cr, COUNT(*) AS n\nFROM ab_assignments a\nJOIN conversions c ON c.user_id = a.user_id AND c.ts BETWEEN a.ts AND a.ts + INTERVAL '7 days'\nWHERE experiment_id = 42\nGROUP BY variant;",
]
SHELL_CELLS = [
    "!pip install -q polars==1.14.0 pyarrow",
    "!pip install --upgrade \"scikit-learn>=1.5,<1.7\" shap",
    "%pip install jupysql duckdb-engine",
    "%%bash\nset -euo pipefail\nfor f in data/raw/*.csv; do\n  echo \"$f\"; wc -l \"$f\"\ndone",
    "%%bash\ncurl -sSL \"https://data.example.org/exports/latest.csv?token=$EXPORT_TOKEN\" -o data/raw/latest.csv\nls -lh data/raw | tail -n 5",
    "!ls -la ../data | head -20",
    "!nvidia-smi",
    "!git status && git log --oneline -5",
    "%%bash\ncd /home/jovyan/work && tar -czf backup_$(date +%F).tgz notebooks/ && rm -rf /tmp/nbcache/*",
    "!cat /etc/os-release | grep PRETTY",
    "!du -sh ~/.cache/pip",
    "%env AWS_DEFAULT_REGION=eu-west-1",
]
R_CELLS = [
    "library(dplyr)\nlibrary(ggplot2)\n\ndf <- read.csv(\"data/survey.csv\", stringsAsFactors = FALSE)\ndf %>% filter(country == \"IE\") %>% group_by(month) %>% summarise(n = n(), mean_score = mean(score, na.rm = TRUE))",
    "m <- lme4::lmer(score ~ treatment + (1 | school), data = df)\nsummary(m)",
    "ggplot(df, aes(x = age, y = score, colour = group)) +\n  geom_point(alpha = 0.4) +\n  geom_smooth(method = \"lm\") +\n  theme_minimal()",
    "install.packages(c(\"tidyverse\", \"lme4\"), repos = \"https://cloud.r-project.org\")",
    "df$name <- gsub(\"’\", \"'\", df$name)  # O’Brien -> O'Brien\ntable(df$county)",
]
MD_CELLS = [
    "# Churn analysis — Nov 2026\n\n**Goal:** understand why SMB customers churn in the first 90 days.\n\n*Data:* `customers_2026-11.csv` (export from the CRM), `analytics.orders`.",
    "## Model\n\nLogistic baseline: $$\\hat{y} = \\sigma(w^\\top x + b)$$ then gradient boosting. Metric: ROC-AUC (target > 0.80).",
    "<div class=\"alert alert-block alert-warning\">\n<b>Heads up:</b> the ETL cells below drop & recreate <code>staging_orders</code>. Don't run them against prod!\n</div>",
    "### TODO\n- [ ] handle missing `region`\n- [x] dedupe on `customer_id`\n- [ ] ask Zoë about the O'Brien & Sons outlier (MRR €48k?!)",
    "| metric | v1 | v2 |\n|---|---|---|\n| AUC | 0.74 | 0.81 |\n| precision@10% | 0.31 | 0.42 |",
    "Notes from Wanjirũ: *\"the spike in week 47 is the Black Friday campaign, exclude it\"*.",
    "## Ergebnisse\n\nDie Konversionsrate in Variante B ist um 1,8 pp höher (p = 0.03).",
    "![funnel](attachment:funnel.png)\n\nSee also: [dashboard](https://bi.example.com/d/42?from=now-30d&to=now)",
]

DF_HTML = ("<div>\n<style scoped>\n    .dataframe tbody tr th:only-of-type {\n        vertical-align: middle;\n    }\n\n    .dataframe tbody tr th {\n        vertical-align: top;\n    }\n\n"
           "    .dataframe thead th {\n        text-align: right;\n    }\n</style>\n<table border=\"1\" class=\"dataframe\">\n  <thead>\n    <tr style=\"text-align: right;\">\n"
           "      <th></th>\n      <th>customer_id</th>\n      <th>name</th>\n      <th>plan</th>\n      <th>mrr</th>\n    </tr>\n  </thead>\n  <tbody>\n{rows}  </tbody>\n</table>\n</div>")
TRACEBACK = ["\u001b[0;31m---------------------------------------------------------------------------\u001b[0m",
             "\u001b[0;31mKeyError\u001b[0m                                  Traceback (most recent call last)",
             "Cell \u001b[0;32mIn[7], line 1\u001b[0m\n\u001b[0;32m----> 1\u001b[0m df[\u001b[38;5;124m\"\u001b[39m\u001b[38;5;124mregion\u001b[39m\u001b[38;5;124m\"\u001b[39m]\u001b[38;5;241m.\u001b[39mvalue_counts()\n",
             "\u001b[0;31mKeyError\u001b[0m: 'region'"]


def df_html(rng: random.Random) -> tuple[str, str]:
    rows_h = ""
    rows_t = "   customer_id              name   plan     mrr\n"
    for i in range(5):
        cid = rng.randrange(10000, 99999)
        nm = pick(rng, ["O'Brien & Sons", "Zoë's Bakes", "Ngũgĩ Logistics", "Müller GmbH", "Blue Kettle Café", "D'Angelo S.r.l."])
        plan = pick(rng, ["basic", "pro", "enterprise"])
        mrr = rng.randrange(20, 5000)
        esc = nm.replace("&", "&amp;")
        rows_h += f"    <tr>\n      <th>{i}</th>\n      <td>{cid}</td>\n      <td>{esc}</td>\n      <td>{plan}</td>\n      <td>{mrr}.00</td>\n    </tr>\n"
        rows_t += f"{i}  {cid}  {nm:>16}  {plan:>5}  {mrr}.00\n"
    return DF_HTML.replace("{rows}", rows_h), rows_t


def lines(s: str) -> list[str]:
    """nbformat stores multi-line sources as a list of lines."""
    parts = s.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def cell(rng: random.Random, kind: str, n: int) -> dict[str, object]:
    cid = hexs(rng, 8) + "-" + hexs(rng, 4) + "-" + hexs(rng, 4) + "-" + hexs(rng, 4) + "-" + hexs(rng, 12) if rng.random() < 0.4 else chars(rng, ALNUM, 8)
    if kind == "markdown":
        return {"cell_type": "markdown", "id": cid, "metadata": {}, "source": lines(pick(rng, MD_CELLS))}
    src = pick(rng, {"py": PY_CELLS, "sql": SQL_CELLS, "sh": SHELL_CELLS, "r": R_CELLS}[kind])
    outputs: list[dict[str, object]] = []
    r = rng.random()
    if r < 0.25:
        html, text = df_html(rng)
        outputs.append({"data": {"text/html": lines(html), "text/plain": lines(text)}, "execution_count": n, "metadata": {}, "output_type": "execute_result"})
    elif r < 0.4:
        outputs.append({"data": {"image/png": base64.b64encode(fake_png(rng, 300)).decode() + "\n", "text/plain": ["<Figure size 1000x400 with 1 Axes>"]},
                        "metadata": {}, "output_type": "display_data"})
    elif r < 0.6:
        outputs.append({"name": "stdout", "output_type": "stream", "text": lines(pick(rng, ["AUC: 0.812\n", "saved ✔\n", "data/raw/a.csv\n   1201 data/raw/a.csv\n",
                                                                                         "Successfully installed polars-1.14.0 pyarrow-18.1.0\n", "IE 412 18822.5\nGB 390 17110.0\n",
                                                                                         "CPU times: user 1.21 s, sys: 88 ms, total: 1.3 s\nWall time: 1.31 s\n"]))})
    elif r < 0.67:
        outputs.append({"ename": "KeyError", "evalue": "'region'", "output_type": "error", "traceback": TRACEBACK})
    c: dict[str, object] = {"cell_type": "code", "execution_count": n if outputs or rng.random() < 0.5 else None, "id": cid,
                            "metadata": pick(rng, [{}, {"tags": ["parameters"]}, {"scrolled": True}, {"jupyter": {"source_hidden": True}}]),
                            "outputs": outputs, "source": lines(src)}
    return c


def notebook(rng: random.Random, lang: str = "python") -> dict[str, object]:
    cells = []
    n = 1
    for _ in range(rng.randint(2, 7)):
        if lang == "r":
            k = pick(rng, ["r", "r", "markdown", "sh"])
        else:
            k = pick(rng, ["py", "py", "py", "sql", "sh", "markdown", "markdown"])
        cells.append(cell(rng, k, n))
        n += 1
    ks = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"} if lang == "python" else {"display_name": "R", "language": "R", "name": "ir"}
    li: dict[str, object] = ({"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py", "mimetype": "text/x-python", "name": "python",
                              "nbconvert_exporter": "python", "pygments_lexer": "ipython3", "version": pick(rng, ["3.11.10", "3.12.7", "3.13.1"])}
                             if lang == "python" else {"codemirror_mode": "r", "file_extension": ".r", "mimetype": "text/x-r-source", "name": "R", "pygments_lexer": "r", "version": "4.4.2"})
    return {"cells": cells, "metadata": {"kernelspec": ks, "language_info": li}, "nbformat": 4, "nbformat_minor": 5}


# ------------------------------------------------------------------ clients


def user(rng: random.Random) -> str:
    return pick(rng, USERS)


def lab(rng: random.Random, kind: str, method: str, path: str, qs: str = "", obj: object = None, *, u: str | None = None,
        ctype: str | None = None) -> Request:
    """JupyterLab in the browser: cookie auth plus the _xsrf header, JSON.stringify bodies."""
    u = u or user(rng)
    body = js_json(obj).encode() if obj is not None else None
    jar = cookie_jar(rng, "jupyter", extra=[(f"jupyterhub-user-{u}", "2|1:0|10:" + str(rng.randrange(10**9, 2 * 10**9)) + "|" + str(20 + len(u)) + f":jupyterhub-user-{u}|" + base64.b64encode(rbytes(rng, 36)).decode() + "|" + hexs(rng, 64))],
                     analytics=0.1)
    extra = csrf(rng, "jupyter")
    if ctype is None and body is not None:
        ctype = pick(rng, ["text/plain;charset=UTF-8", "application/json"])
    return browser(rng, SRC, kind, method, HUB, f"/user/{u}{path}", qs, body=body, ctype=ctype, accept="*/*",
                   referer=f"https://{HUB}/user/{u}/lab/tree/{pick(rng, FOLDERS)}{pick(rng, NAMES)}", cookie=jar, extra=extra,
                   b=browser_of(rng, desktop=True))


def token(rng: random.Random) -> str:
    return "token " + hexs(rng, 32)


def ts_qs(rng: random.Random) -> tuple[str, str]:
    return ("_", str(1_796_000_000_000 + rng.randrange(10**9)))


# ------------------------------------------------------------------ makers


def save_notebook(rng: random.Random) -> Request:
    path = pick(rng, FOLDERS) + pick(rng, NAMES)
    lang = "r" if "r_" in path else "python"
    obj = {"type": "notebook", "format": "json", "content": notebook(rng, lang)}
    return lab(rng, "notebook_save", "PUT", "/api/contents/" + uri_query([("p", path)])[2:].replace("%2F", "/"), obj=obj)


def get_contents(rng: random.Random) -> Request:
    folder = pick(rng, FOLDERS)
    if rng.random() < 0.5:
        return lab(rng, "contents_list", "GET", "/api/contents/" + folder, form([("content", "1"), ("hash", "0"), ts_qs(rng)]))
    path = folder + pick(rng, NAMES)
    return lab(rng, "notebook_open", "GET", "/api/contents/" + uri_query([("p", path)])[2:].replace("%2F", "/"),
               form([("type", "notebook"), ("content", "1"), ("hash", "1"), ts_qs(rng)]))


def checkpoint(rng: random.Random) -> Request:
    path = pick(rng, FOLDERS) + pick(rng, NAMES)
    return lab(rng, "checkpoint", "POST", "/api/contents/" + uri_query([("p", path)])[2:].replace("%2F", "/") + "/checkpoints")


def rename(rng: random.Random) -> Request:
    folder = pick(rng, FOLDERS)
    new = pick(rng, ["churn_model_v3.ipynb", "DO NOT RUN – etl_prod.ipynb", "eda (Zoë's copy).ipynb", "2026-12-01_weekly.ipynb", "old/weekly_kpis.ipynb"])
    if rng.random() < 0.25:
        return lab(rng, "file_delete", "DELETE", "/api/contents/" + uri_query([("p", folder + pick(rng, NAMES))])[2:].replace("%2F", "/"))
    return lab(rng, "file_rename", "PATCH", "/api/contents/" + uri_query([("p", folder + pick(rng, NAMES))])[2:].replace("%2F", "/"),
               obj={"path": folder + new})


def new_file(rng: random.Random) -> Request:
    obj = {"type": pick(rng, ["notebook", "file", "directory"]), "ext": ".ipynb"}
    if obj["type"] == "file":
        obj["ext"] = pick(rng, [".py", ".md", ".sql", ".txt"])
    return lab(rng, "contents_new", "POST", "/api/contents/" + pick(rng, FOLDERS), obj=obj)


def session(rng: random.Random) -> Request:
    path = pick(rng, FOLDERS) + pick(rng, NAMES)
    obj = {"path": path, "type": "notebook", "name": path.rsplit("/", 1)[-1], "kernel": {"name": pick(rng, ["python3", "python3", "ir", "conda-env-geo-py"])}}
    return lab(rng, "session_create", "POST", "/api/sessions", obj=obj, ctype="application/json")


def kernel_op(rng: random.Random) -> Request:
    kid = uuid4(rng)
    op = pick(rng, ["interrupt", "restart", "list", "specs", "delete", "status"])
    if op == "list":
        return lab(rng, "kernels_list", "GET", "/api/kernels", form([ts_qs(rng)]))
    if op == "specs":
        return lab(rng, "kernelspecs", "GET", "/api/kernelspecs", form([ts_qs(rng)]))
    if op == "status":
        return lab(rng, "server_status", "GET", "/api/status", form([ts_qs(rng)]))
    if op == "delete":
        return lab(rng, "kernel_shutdown", "DELETE", f"/api/kernels/{kid}")
    return lab(rng, f"kernel_{op}", "POST", f"/api/kernels/{kid}/{op}")


def execute(rng: random.Random) -> Request:
    """The hosted service's HTTP execute endpoint (used where websockets are blocked)."""
    k = rng.random()
    src = pick(rng, PY_CELLS) if k < 0.55 else pick(rng, SQL_CELLS) if k < 0.75 else pick(rng, SHELL_CELLS) if k < 0.9 else pick(rng, R_CELLS)
    obj = {"notebook_id": uuid4(rng), "cell_id": chars(rng, ALNUM, 8), "code": src, "kernel_id": uuid4(rng), "silent": False,
           "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
    return lab(rng, "cell_execute", "POST", "/api/hosted/execute", obj=obj, ctype="application/json")


def command_api(rng: random.Random) -> Request:
    """A CLI/script running commands on a cluster context, Databricks-style."""
    lang = pick(rng, ["python", "sql", "sql", "r", "scala"])
    cmd = {"python": pick(rng, PY_CELLS), "sql": pick(rng, SQL_CELLS).replace("%%sql\n", "").replace("%sql ", ""), "r": pick(rng, R_CELLS),
           "scala": "val df = spark.read.parquet(\"s3://analytics-example/events/\")\ndf.filter($\"event\" === \"checkout\").groupBy(\"country\").count().show()"}[lang]
    obj = {"language": lang, "clusterId": f"{rng.randrange(1000, 9999)}-{rng.randrange(10**5, 10**6)}-{chars(rng, 'abcdefghijklmnopqrstuvwxyz', 8)}",
           "contextId": str(rng.randrange(10**18, 10**19)), "command": cmd}
    return client(rng, SRC, "command_execute", "POST", API, "/api/1.2/commands/execute", body=py_json(obj).encode(), ctype="application/json",
                  lib=pick(rng, ["requests", "httpx"]), auth="Bearer nbk_" + hexs(rng, 36), ua=pick(rng, [None, "nbhost-cli/0.9.3 python-httpx/0.28.1"]))


def sql_run(rng: random.Random) -> Request:
    sql = pick(rng, SQL_CELLS).replace("%%sql\n", "").replace("%sql ", "")
    obj = {"connection_id": uuid4(rng), "sql": sql, "limit": pick(rng, [100, 1000, 10000]), "params": {}, "dry_run": rng.random() < 0.1}
    return lab(rng, "sql_run", "POST", "/api/hosted/sql/run", obj=obj, ctype="application/json")


def upload_text(rng: random.Random) -> Request:
    """The file browser's drag-and-drop: small text files go as format=text."""
    name = pick(rng, ["customers_2026-11.csv", "lookup – regions.csv", "requirements.txt", "query.sql", "README.md", "config.yaml"])
    content = {
        "customers_2026-11.csv": "customer_id,name,country,plan,mrr,signup_date\n10001,O'Brien & Sons,IE,pro,480.00,2025-03-14\n10002,\"Zoë's Bakes\",GB,basic,29.00,2026-10-02\n10003,\"Müller, Lüdenscheidt GmbH\",DE,enterprise,4800.00,2024-11-30\n",
        "lookup – regions.csv": "code,region\nIE,EMEA\nDE,EMEA\nJP,APAC\nBR,LATAM\n",
        "requirements.txt": "pandas==2.2.3\npolars==1.14.0\npyarrow>=17\nscikit-learn>=1.5,<1.7\njupysql\nduckdb-engine; platform_system != \"Windows\"\n",
        "query.sql": "-- weekly active users\nSELECT date_trunc('week', ts) AS wk, COUNT(DISTINCT user_id)\nFROM events\nWHERE ts >= now() - interval '12 weeks'\nGROUP BY 1 ORDER BY 1;\n",
        "README.md": "# Churn project\n\nRun `make data` then open `churn_model.ipynb`.\n\n> Don't commit `data/raw/` (PII!).\n",
        "config.yaml": "warehouse:\n  host: db.internal.example.com\n  port: 5432\n  database: analytics\nfeatures:\n  - tenure_days\n  - mrr\n  - tickets_90d\n",
    }[name]
    path = pick(rng, FOLDERS) + name
    obj = {"name": name, "path": path, "format": "text", "type": "file", "content": content}
    return lab(rng, "file_upload_text", "PUT", "/api/contents/" + uri_query([("p", path)])[2:].replace("%2F", "/"), obj=obj)


def fake_parquet(rng: random.Random, n: int) -> bytes:
    return b"PAR1\x15\x04\x15" + rbytes(rng, n) + b"\x15\x00\x19\x1c" + b"schema\x15\x08" + rbytes(rng, 40) + b"(parquet-cpp-arrow version 18.1.0)" + rbytes(rng, 4) + b"PAR1"


def upload_base64(rng: random.Random) -> Request:
    """Binary files via the contents API: base64 in JSON, chunked for large files."""
    name = pick(rng, ["events_2026-11.parquet", "model.pkl", "logo.png", "customers_clean.parquet"])
    data = fake_parquet(rng, 600 + rng.randrange(900)) if name.endswith(".parquet") else fake_png(rng, 500) if name.endswith(".png") else b"\x80\x05\x95" + rbytes(rng, 700)
    path = pick(rng, FOLDERS) + name
    obj: dict[str, object] = {"name": name, "path": path, "format": "base64", "type": "file", "content": base64.b64encode(data).decode()}
    if rng.random() < 0.5:
        obj["chunk"] = pick(rng, [1, 2, 3, -1])
    return lab(rng, "file_upload_base64", "PUT", "/api/contents/" + uri_query([("p", path)])[2:].replace("%2F", "/"), obj=obj)


def upload_multipart(rng: random.Random) -> Request:
    """Datasets page: binary multipart upload to the hosted API."""
    b = browser_of(rng, desktop=True)
    bd = boundary_for(rng, b.family)
    name, data, ct = pick(rng, [("events_2026-11.parquet", fake_parquet(rng, 1500 + rng.randrange(2000)), "application/octet-stream"),
                                ("survey_raw.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + rbytes(rng, 1500), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                                ("orders.csv.gz", b"\x1f\x8b\x08\x00" + rbytes(rng, 1200), "application/gzip")])
    parts = [*text_parts([("dataset", pick(rng, ["events", "survey", "orders"])), ("description", pick(rng, ["Nov export, PII removed", "raw – don't share", "v2 (fixed O'Brien dupes)"]))]),
             ("file", data, name, ct)]
    body = multipart(parts, bd)
    return browser(rng, SRC, "dataset_upload", "POST", HUB, "/hub/api/hosted/datasets", body=body, ctype=f"multipart/form-data; boundary={bd}",
                   accept="application/json", referer=f"https://{HUB}/hub/datasets", cookie=cookie_jar(rng, "jupyter", analytics=0.1),
                   extra=csrf(rng, "jupyter"), b=b)


def scheduled_job(rng: random.Random) -> Request:
    obj = {"name": pick(rng, ["Weekly KPIs", "Nightly ETL (orders)", "Churn scores → CRM", "Month-end report"]),
           "input_uri": pick(rng, FOLDERS) + pick(rng, NAMES), "runtime_environment_name": pick(rng, ["python3", "conda-env-geo-py", "ir"]),
           "output_formats": some(rng, ["ipynb", "html", "pdf"], 1, 2), "parameters": {"start": "2026-11-01", "country": pick(rng, ["IE", "DE", "ALL"]), "dry_run": False},
           "schedule": pick(rng, ["0 6 * * 1-5", "30 2 * * *", "0 8 1 * *", "*/15 9-17 * * 1-5"]), "timezone": pick(rng, ["Europe/Dublin", "UTC", "Europe/Berlin"]),
           "tags": some(rng, ["etl", "finance", "ml"], 0, 2), "compute_type": pick(rng, ["small", "gpu-t4"]),
           "notify": {"on_failure": ["data-team@example.com"], "on_success": []}}
    if rng.random() < 0.3:
        return lab(rng, "job_update", "PATCH", f"/scheduler/job_definitions/{uuid4(rng)}", obj={"active": rng.random() < 0.5, "schedule": obj["schedule"]},
                   ctype="application/json")
    return lab(rng, "job_create", "POST", "/scheduler/job_definitions", obj=obj, ctype="application/json")


COMMENTS = ["Why do we drop `staging_orders` here? Won't that break the dashboard while it runs?", "@zoe can you double-check this join? Looks like it fans out.",
            "Nice! 🎉 AUC 0.81 👏", "Nit: use `pd.Timestamp.now(tz=\"UTC\")` instead of the hard-coded date.",
            "This cell takes ~12 min — maybe cache to parquet?", "The O'Brien & Sons row is a data-entry error (48k should be 4.8k).",
            "Warum filtern wir hier nur IE/GB/DE?", "Resolved in v2 ✔", "Please don't `!pip install` in shared notebooks — add it to requirements.txt instead 🙏"]


def comment(rng: random.Random) -> Request:
    obj = {"cell_id": chars(rng, ALNUM, 8), "body": pick(rng, COMMENTS), "mentions": some(rng, USERS, 0, 2), "thread_id": pick(rng, [None, uuid4(rng)])}
    return lab(rng, "cell_comment", "POST", f"/api/hosted/notebooks/{uuid4(rng)}/comments", obj=obj, ctype="application/json")


def connection(rng: random.Random) -> Request:
    obj = {"name": pick(rng, ["warehouse (read-only)", "analytics-pg", "duckdb local", "snowflake-ish"]), "type": pick(rng, ["postgresql", "duckdb", "mysql"]),
           "host": pick(rng, ["db.internal.example.com", "analytics.example.net", "192.0.2.40"]), "port": pick(rng, [5432, 3306]),
           "database": "analytics", "username": pick(rng, ["analyst_ro", "nb_service"]), "password_secret": "secret://nb/" + hexs(rng, 12),
           "options": {"sslmode": "require", "application_name": "notebooks"}}
    return lab(rng, "connection_create", "POST", "/api/hosted/connections", obj=obj, ctype="application/json")


def preview(rng: random.Random) -> Request:
    pairs = [("limit", "100"), ("offset", str(rng.choice([0, 100, 200]))), ("sort", pick(rng, ["-mrr", "signup_date", "name"]))]
    if rng.random() < 0.5:
        pairs.append(("where", pick(rng, ["country = 'IE'", "mrr > 1000 AND plan <> 'basic'", "name LIKE 'O''B%'", "signup_date >= '2026-01-01'"])))
    return lab(rng, "dataset_preview", "GET", f"/api/hosted/datasets/{uuid4(rng)}/preview", form(pairs))


def export(rng: random.Random) -> Request:
    fmt = pick(rng, ["html", "pdf", "script", "markdown", "webpdf"])
    path = pick(rng, FOLDERS) + pick(rng, NAMES)
    u = user(rng)
    return browser(rng, SRC, "nbconvert_export", "GET", HUB, f"/user/{u}/nbconvert/{fmt}/" + uri_query([("p", path)])[2:].replace("%2F", "/"),
                   form([("download", "true")]), page=True, cookie=cookie_jar(rng, "jupyter", analytics=0.1),
                   referer=f"https://{HUB}/user/{u}/lab", b=browser_of(rng, desktop=True))


def git_commit(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        obj: dict[str, object] = {"add": True, "filename": pick(rng, NAMES)}
        return lab(rng, "git_add", "POST", "/git/add", obj=obj, ctype="application/json")
    obj = {"commit_msg": pick(rng, ["wip", "EDA: fix O'Brien outlier", "Add weekly KPI cells & charts", "ETL: drop/recreate staging table", "Clear outputs"]),
           "amend": False, "author": None}
    return lab(rng, "git_commit", "POST", "/git/commit", obj=obj, ctype="application/json")


def lab_settings(rng: random.Random) -> Request:
    plugin = pick(rng, ["@jupyterlab/notebook-extension:tracker", "@jupyterlab/apputils-extension:themes", "@jupyterlab/fileeditor-extension:plugin"])
    raw = pick(rng, ['{\n    "theme": "JupyterLab Dark"\n}', '{\n    // autosave every 60s\n    "autosaveInterval": 60,\n    "kernelShutdown": true\n}',
                     '{\n    "codeCellConfig": {\n        "lineNumbers": true,\n        "lineWrap": "on"\n    }\n}'])
    return lab(rng, "lab_settings", "PUT", "/lab/api/settings/" + plugin, obj={"raw": raw}, ctype="application/json")


def lab_page(rng: random.Random) -> Request:
    u = user(rng)
    path = pick(rng, ["/lab", f"/lab/tree/{pick(rng, FOLDERS)}{pick(rng, NAMES)}", "/lab/workspaces/auto-x", "/tree"])
    return browser(rng, SRC, "lab_page", "GET", HUB, f"/user/{u}" + path.replace(" ", "%20").replace("–", "%E2%80%93").replace("'", "%27"),
                   pick(rng, ["", "", form([("reset", "")])]), page=True, cookie=cookie_jar(rng, "jupyter", analytics=0.1),
                   referer=pick(rng, [None, f"https://{HUB}/hub/home"]), b=browser_of(rng, desktop=True))


def hub_api(rng: random.Random) -> Request:
    u = user(rng)
    op = rng.random()
    auth = token(rng)
    if op < 0.4:
        return client(rng, SRC, "hub_server_start", "POST", HUB, f"/hub/api/users/{u}/server", body=py_json({"profile": pick(rng, ["small", "gpu-t4", "highmem"])}).encode(),
                      ctype="application/json", lib="requests", auth=auth)
    if op < 0.7:
        return client(rng, SRC, "hub_users", "GET", HUB, "/hub/api/users", form([("state", pick(rng, ["active", "inactive", "ready"])), ("limit", "200")]),
                      lib="requests", auth=auth)
    return client(rng, SRC, "hub_activity", "POST", HUB, f"/hub/api/users/{u}/activity",
                  body=py_json({"servers": {"": {"last_activity": stamp(rng)}}, "last_activity": stamp(rng)}).encode(), ctype="application/json",
                  lib="requests", auth=auth, ua="JupyterHub-Singleuser/5.2.1")


def papermill(rng: random.Random) -> Request:
    """CI runs a parameterised notebook through the hosted API."""
    obj = {"path": pick(rng, FOLDERS) + pick(rng, NAMES), "parameters": {"start": "2026-11-01", "end": "2026-11-30",
                                                                          "countries": some(rng, ["IE", "GB", "DE", "FR"], 1, 3), "threshold": 0.8},
           "kernel": "python3", "timeout_s": 3600, "output_path": f"runs/{hexs(rng, 8)}/output.ipynb"}
    return client(rng, SRC, "papermill_run", "POST", API, "/v1/runs", body=py_json(obj).encode(), ctype="application/json",
                  lib="requests", auth="Bearer nbk_" + hexs(rng, 36), ua="papermill-hosted/2.6.0 python-requests/2.32.5",
                  extra=[("x-ci-job", f"https://ci.example.com/jobs/{rng.randrange(10**6)}")])


def extensions(rng: random.Random) -> Request:
    return lab(rng, "extension_search", "GET", "/lab/api/extensions", form([("query", pick(rng, ["git", "lsp", "vim", "variable inspector", "sql"])), ("page", "1"), ("per_page", "30"), ts_qs(rng)]))


def notebooks(rng: random.Random, n: int) -> list[Request]:
    makers = [
        (20, save_notebook), (14, get_contents), (6, checkpoint), (4, rename), (3, new_file), (6, session), (10, kernel_op),
        (12, execute), (4, command_api), (6, sql_run), (5, upload_text), (4, upload_base64), (3, upload_multipart),
        (3, scheduled_job), (4, comment), (1, connection), (4, preview), (2, export), (3, git_commit), (2, lab_settings),
        (5, lab_page), (4, hub_api), (2, papermill), (1, extensions),
    ]
    return run(rng, n, makers)
