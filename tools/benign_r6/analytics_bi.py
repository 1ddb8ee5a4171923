# ruff: noqa: RUF001
"""A BI and analytics app (Flask-AppBuilder backend in the Superset mould,
with Metabase-style question and dashboard endpoints): dashboards with
filters in the query string, query-builder questions as JSON filter trees,
native SQL written by analysts, chart and layout configs, CSV uploads,
scheduled reports, embedding, comments, and the scripts that pull data."""

from __future__ import annotations

import json
import random
from urllib.parse import quote

from .common import (
    DESKTOP,
    Request,
    app,
    beacon,
    browser_boundary,
    chance,
    csrf,
    digits,
    fields,
    formb,
    jar,
    jsb,
    jwt,
    lib_boundary,
    multipart,
    nav,
    past_day,
    person,
    pick,
    pyb,
    qs,
    qs_pct,
    run,
    some,
    token,
    uuid4,
    xhr,
)

SRC = "analytics_bi"
HOST = "insights.fernwoodco.example.com"
BASE = f"https://{HOST}"

SCHEMAS = ["analytics", "marts", "staging", "finance", "product"]
REGIONS = ["EMEA", "NA", "APAC", "LATAM", "DACH", "UK&I", "Nordics"]
COUNTRIES = ["IE", "GB", "DE", "FR", "NL", "US", "CA", "BR", "JP", "AU", "IN", "ES", "PL"]
CHANNELS = ["organic", "paid_search", "paid_social", "email", "referral", "direct", "partner"]
PLANS = ["free", "starter", "team", "business", "enterprise"]
DASHBOARDS = ["sales-overview", "weekly-kpis", "churn-and-retention", "marketing-funnel", "support-sla", "finance-month-end",
              "product-usage", "board-pack-q4", "cohort-analysis", "inventory-health"]
VIZ = ["echarts_timeseries_line", "echarts_timeseries_bar", "pie", "big_number_total", "big_number", "table", "pivot_table_v2",
       "echarts_area", "world_map", "heatmap_v2", "funnel", "box_plot", "mixed_timeseries", "treemap_v2", "sankey_v2"]


def _cookie(rng: random.Random) -> str:
    extra = [("remember_token", f"{rng.randint(1, 400)}|{token(rng, 128)}")] if chance(rng, 0.4) else []
    return jar(rng, "fab", extra=extra, analytics=0.05)


def _ref(path: str) -> str:
    return f"{BASE}{path}"


def _j(rng: random.Random, kind: str, method: str, path: str, obj: object, referer: str, query: str = "") -> Request:
    return xhr(rng, SRC, kind, method, HOST, path, query, body=jsb(obj), ctype="application/json", cookie=_cookie(rng),
               extra=csrf(rng, "fab"), referer=_ref(referer))


def _in(rng: random.Random, items: list[str], lo: int, hi: int) -> str:
    return ", ".join(f"'{x}'" for x in some(rng, items, lo, hi))


# ------------------------------------------------------------------ SQL written by analysts


def sql(rng: random.Random) -> str:
    d0, d1 = past_day(rng), pick(rng, ["2026-11-30", "2026-12-01", "CURRENT_DATE"])
    d1s = d1 if d1 == "CURRENT_DATE" else f"'{d1}'"
    lim = pick(rng, ["100", "500", "1000", "10000"])
    return pick(rng, [
        f"SELECT DATE_TRUNC('week', o.created_at) AS week,\n       c.region,\n       COUNT(DISTINCT o.order_id) AS orders,\n"
        f"       SUM(o.total_amount) AS revenue\nFROM {pick(rng, SCHEMAS)}.orders o\nJOIN {pick(rng, SCHEMAS)}.customers c ON c.customer_id = o.customer_id\n"
        f"WHERE o.created_at >= '{d0}'\n  AND o.status NOT IN ('test', 'cancelled')\nGROUP BY 1, 2\nORDER BY 1 DESC, revenue DESC",

        f"WITH first_orders AS (\n  SELECT customer_id, MIN(created_at)::date AS first_order_date\n  FROM marts.orders\n  GROUP BY customer_id\n),\n"
        "cohorts AS (\n  SELECT DATE_TRUNC('month', f.first_order_date) AS cohort,\n"
        "         DATE_PART('month', AGE(o.created_at, f.first_order_date)) AS months_since,\n         COUNT(DISTINCT o.customer_id) AS customers\n"
        "  FROM marts.orders o\n  JOIN first_orders f USING (customer_id)\n  GROUP BY 1, 2\n)\n"
        "SELECT cohort, months_since, customers,\n       customers::float / FIRST_VALUE(customers) OVER (PARTITION BY cohort ORDER BY months_since) AS retention\n"
        f"FROM cohorts\nWHERE cohort >= '{d0}'\nORDER BY cohort, months_since",

        f"-- top products by revenue, last 90 days\nSELECT p.sku,\n       p.name,\n       SUM(li.quantity) AS units,\n       SUM(li.quantity * li.unit_price) AS revenue,\n"
        "       RANK() OVER (ORDER BY SUM(li.quantity * li.unit_price) DESC) AS rnk\nFROM marts.line_items li\nJOIN marts.products p ON p.product_id = li.product_id\n"
        f"WHERE li.ordered_at BETWEEN '{d0}' AND {d1s}\nGROUP BY p.sku, p.name\nHAVING SUM(li.quantity) > {rng.randint(5, 50)}\nORDER BY revenue DESC\nLIMIT {rng.choice([10, 20, 50])}",

        f"select\n  plan,\n  count(*) filter (where churned_at is not null) as churned,\n  count(*) as total,\n"
        "  round(100.0 * count(*) filter (where churned_at is not null) / nullif(count(*), 0), 2) as churn_pct\n"
        f"from analytics.subscriptions\nwhere started_at < '{d0}'\n  and plan in ({_in(rng, PLANS, 2, 5)})\ngroup by plan\norder by churn_pct desc;",

        "SELECT\n  user_id,\n  event_name,\n  event_ts,\n  LAG(event_ts) OVER (PARTITION BY user_id ORDER BY event_ts) AS prev_ts,\n"
        "  event_ts - LAG(event_ts) OVER (PARTITION BY user_id ORDER BY event_ts) AS gap\nFROM product.events\n"
        f"WHERE event_name IN ('signup_completed', 'first_project_created', 'invite_sent')\n  AND event_ts >= NOW() - INTERVAL '{rng.choice([7, 14, 30])} days'\nLIMIT {lim}",

        f"SELECT country, channel, SUM(spend) AS spend, SUM(conversions) AS conv,\n       SUM(spend) / NULLIF(SUM(conversions), 0) AS cpa\n"
        f"FROM marts.marketing_daily\nWHERE date >= '{d0}' AND country IN ({_in(rng, COUNTRIES, 2, 6)})\nGROUP BY ROLLUP (country, channel)\nORDER BY country NULLS LAST, cpa",

        "SELECT t.ticket_id, t.priority, t.created_at, t.first_response_at,\n"
        "       EXTRACT(EPOCH FROM (t.first_response_at - t.created_at)) / 3600 AS hours_to_first_response,\n"
        "       CASE WHEN t.first_response_at - t.created_at > INTERVAL '4 hours' AND t.priority = 'urgent' THEN 'breached'\n"
        "            WHEN t.first_response_at IS NULL THEN 'open'\n            ELSE 'ok' END AS sla_status\n"
        f"FROM support.tickets t\nWHERE t.created_at >= '{d0}'\n  AND t.subject NOT ILIKE '%[test]%'\nORDER BY hours_to_first_response DESC NULLS FIRST\nLIMIT {lim}",

        "SELECT\n  date_trunc('day', created_at) AS day,\n"
        "  percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,\n  percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95\n"
        f"FROM product.page_loads\nWHERE path LIKE '/app/%' AND created_at > '{d0}'\nGROUP BY 1\nORDER BY 1",

        "WITH mrr AS (\n  SELECT date_trunc('month', invoice_date) AS month, customer_id, SUM(amount_eur) AS mrr\n"
        "  FROM finance.invoices WHERE type = 'subscription' GROUP BY 1, 2\n), movements AS (\n"
        "  SELECT month, customer_id, mrr,\n         mrr - COALESCE(LAG(mrr) OVER (PARTITION BY customer_id ORDER BY month), 0) AS delta\n  FROM mrr\n)\n"
        "SELECT month,\n       SUM(CASE WHEN delta > 0 THEN delta ELSE 0 END) AS expansion,\n       SUM(CASE WHEN delta < 0 THEN delta ELSE 0 END) AS contraction\n"
        "FROM movements\nGROUP BY month\nORDER BY month",

        f"SELECT c.name, c.email, SUM(o.total_amount) AS ltv\nFROM marts.customers c\nLEFT JOIN marts.orders o ON o.customer_id = c.customer_id\n"
        f"WHERE c.last_name = '{pick(rng, ['O' + chr(39) * 2 + 'Neill', 'Nguyen', 'Ní Bhriain', 'D' + chr(39) * 2 + 'Souza', 'García'])}'\nGROUP BY c.name, c.email",

        f"SELECT warehouse, sku, on_hand, reorder_point,\n       on_hand - reorder_point AS headroom\nFROM marts.inventory_snapshot\n"
        f"WHERE snapshot_date = (SELECT MAX(snapshot_date) FROM marts.inventory_snapshot)\n  AND on_hand < reorder_point * {pick(rng, ['1', '1.2', '1.5'])}\nORDER BY headroom",

        "select region, quarter, revenue,\n       sum(revenue) over (partition by region order by quarter rows between unbounded preceding and current row) as ytd,\n"
        f"       revenue / lag(revenue, 4) over (partition by region order by quarter) - 1 as yoy\nfrom finance.revenue_by_quarter\nwhere region in ({_in(rng, REGIONS, 1, 4)})",

        f"SELECT utm_source, utm_campaign, COUNT(*) AS signups\nFROM product.signups\nWHERE created_at::date BETWEEN '{d0}' AND {d1s}\n"
        "  AND (utm_campaign ILIKE '%black%friday%' OR utm_campaign ILIKE 'bf\\_%')\nGROUP BY 1, 2\nORDER BY 3 DESC",

        "SELECT * FROM staging.stripe_charges ORDER BY created DESC LIMIT 50",

        f"SELECT COUNT(*) FROM marts.orders WHERE created_at >= '{d0}'",

        "-- Superset Jinja: respects the dashboard's native filters\nSELECT country, SUM(revenue) AS revenue\nFROM marts.orders_daily\n"
        "WHERE order_date >= '{{ from_dttm }}' AND order_date < '{{ to_dttm }}'\n"
        "{% if filter_values('region') %}\n  AND region IN {{ filter_values('region') | where_in }}\n{% endif %}\nGROUP BY country",

        "SELECT plan, COUNT(*) AS accounts\nFROM analytics.accounts\nWHERE 1 = 1\n  [[AND plan = {{plan}}]]\n  [[AND {{created_at}}]]\nGROUP BY plan\nORDER BY accounts DESC",

        f"SELECT id, subject, body\nFROM support.tickets\nWHERE body ILIKE '%{pick(rng, ['refund', 'invoice', 'password reset', 'cancel', 'double charged'])}%'\n"
        f"  AND created_at > now() - interval '30 days'\nORDER BY created_at DESC\nLIMIT {lim};",

        "SELECT a.account_id, a.name, u.seats_used, a.seats_purchased,\n       ROUND(u.seats_used * 100.0 / a.seats_purchased, 1) AS utilisation\n"
        "FROM analytics.accounts a\nJOIN (SELECT account_id, COUNT(DISTINCT user_id) AS seats_used FROM product.active_users_28d GROUP BY 1) u\n  ON u.account_id = a.account_id\n"
        "WHERE a.plan = 'enterprise'\nUNION ALL\nSELECT NULL, 'TOTAL', SUM(u2.n), NULL, NULL FROM (SELECT COUNT(*) AS n FROM product.active_users_28d) u2",
    ])


# ------------------------------------------------------------------ dashboards and questions


def dashboard_page(rng: random.Random) -> Request:
    slug = pick(rng, DASHBOARDS)
    pairs: list[tuple[str, str]] = []
    if chance(rng, 0.6):
        pairs.append(("date_range", pick(rng, ["past30days", "past7days", "thisquarter", "2026-10-01~2026-12-01", "previousmonth", "past12months~"])))
    if chance(rng, 0.5):
        for r in some(rng, REGIONS, 1, 3):
            pairs.append(("region", r))
    if chance(rng, 0.3):
        pairs.append(("plan", pick(rng, PLANS)))
    if chance(rng, 0.3):
        pairs.append(("country", pick(rng, COUNTRIES)))
    path = f"/dashboard/{rng.randint(1, 140)}-{slug}" if chance(rng, 0.5) else f"/superset/dashboard/{slug}/"
    if path.startswith("/superset") and chance(rng, 0.6):
        pairs = [("native_filters_key", token(rng, 43))] + ([("standalone", "1")] if chance(rng, 0.1) else [])
    return nav(rng, SRC, "dashboard_page", HOST, path, qs(pairs), cookie=_cookie(rng), b=pick(rng, DESKTOP),
               referer=pick(rng, [_ref("/dashboard/list/"), _ref("/"), None]), site="same-origin")


def dashboard_api(rng: random.Random) -> Request:
    did = rng.randint(1, 140)
    path = pick(rng, [f"/api/v1/dashboard/{did}", f"/api/v1/dashboard/{did}/charts", f"/api/v1/dashboard/{did}/datasets",
                      f"/api/dashboard/{did}", f"/api/v1/dashboard/{did}/filter_state/{token(rng, 43)}"])
    return xhr(rng, SRC, "dashboard_api", "GET", HOST, path, cookie=_cookie(rng), referer=_ref(f"/superset/dashboard/{did}/"))


def rison_uri(s: str) -> str:
    """rison.encode_uri: encodeURIComponent, then , : @ $ / put back and spaces as +."""
    out = quote(s, safe="-_.!~*'()")
    for enc, ch in (("%2C", ","), ("%3A", ":"), ("%40", "@"), ("%24", "$"), ("%2F", "/"), ("%20", "+")):
        out = out.replace(enc, ch)
    return out


def _rison_list(rng: random.Random, col: str, opr: str, value: str) -> str:
    return (f"(filters:!((col:{col},opr:{opr},value:{value})),order_column:changed_on_delta_humanized,"
            f"order_direction:desc,page:{rng.randint(0, 4)},page_size:{pick(rng, ['25', '50', '100'])})")


def chart_list(rng: random.Random) -> Request:
    kind = pick(rng, ["chart", "dashboard", "dataset", "saved_query"])
    col = {"chart": "slice_name", "dashboard": "dashboard_title", "dataset": "table_name", "saved_query": "label"}[kind]
    val = pick(rng, ["sales", "churn", "'weekly kpis'", "orders", "funnel", "mrr", "'board pack'", "support"])
    q = _rison_list(rng, col, pick(rng, ["ct", "chart_all_text", "title_or_slug"]), val)
    return xhr(rng, SRC, "list_api", "GET", HOST, f"/api/v1/{kind}/", "q=" + rison_uri(q), cookie=_cookie(rng), referer=_ref(f"/{kind}/list/"))


def explore_page(rng: random.Random) -> Request:
    pairs = pick(rng, [[("slice_id", str(rng.randint(1, 2000)))],
                       [("form_data_key", token(rng, 43)), ("slice_id", str(rng.randint(1, 2000)))],
                       [("datasource_type", "table"), ("datasource_id", str(rng.randint(1, 300)))],
                       [("viz_type", pick(rng, VIZ)), ("datasource_type", "table"), ("datasource_id", str(rng.randint(1, 300)))]])
    return nav(rng, SRC, "explore_page", HOST, "/explore/", qs(pairs), cookie=_cookie(rng), referer=_ref(f"/superset/dashboard/{rng.randint(1, 140)}/"))


def _adhoc(rng: random.Random) -> dict[str, object]:
    if chance(rng, 0.6):
        col = pick(rng, ["country", "region", "plan", "channel", "status", "order_total", "created_at"])
        op = pick(rng, ["IN", "NOT IN", "==", "!=", ">", "<=", "IS NOT NULL", "LIKE", "TEMPORAL_RANGE"])
        comp: object = {"IN": some(rng, COUNTRIES, 1, 4), "NOT IN": ["test", "internal"], "==": pick(rng, PLANS), "!=": "cancelled",
                        ">": rng.randint(0, 500), "<=": rng.randint(100, 5000), "IS NOT NULL": None, "LIKE": pick(rng, ["%gmbh%", "Acme%", "%.ie"]),
                        "TEMPORAL_RANGE": pick(rng, ["Last month", "Last quarter", f"{past_day(rng)} : {past_day(rng)}", "No filter"])}[op]
        return {"expressionType": "SIMPLE", "subject": col, "operator": op, "comparator": comp, "clause": "WHERE",
                "isExtra": False, "isNew": False, "filterOptionName": f"filter_{token(rng, 8).lower()}_{token(rng, 8).lower()}"}
    expr = pick(rng, ["order_total > 0 AND status <> 'test'", "country IN ('IE', 'GB') OR region = 'UK&I'", "email NOT LIKE '%@fernwoodco.example.com'",
                      "created_at >= CURRENT_DATE - INTERVAL '90 days'", "COALESCE(discount_code, '') = ''", "lower(utm_source) = 'newsletter'"])
    return {"expressionType": "SQL", "sqlExpression": expr, "clause": pick(rng, ["WHERE", "WHERE", "HAVING"]),
            "filterOptionName": f"filter_{token(rng, 8).lower()}_{token(rng, 8).lower()}"}


def _metric(rng: random.Random) -> object:
    if chance(rng, 0.4):
        return pick(rng, ["count", "sum__revenue", "avg__order_total"])
    expr, label = pick(rng, [("SUM(revenue) / COUNT(DISTINCT order_id)", "AOV"), ("COUNT(DISTINCT customer_id)", "Customers"),
                             ("SUM(CASE WHEN churned THEN 1 ELSE 0 END) * 1.0 / COUNT(*)", "Churn rate"),
                             ("SUM(spend) / NULLIF(SUM(conversions), 0)", "CPA"), ("APPROX_COUNT_DISTINCT(session_id)", "Sessions")])
    return {"expressionType": "SQL", "sqlExpression": expr, "label": label, "hasCustomLabel": True,
            "optionName": f"metric_{token(rng, 8).lower()}_{token(rng, 8).lower()}"}


def _form_data(rng: random.Random) -> dict[str, object]:
    return {"datasource": f"{rng.randint(1, 300)}__table", "viz_type": pick(rng, VIZ),
            "metrics": [_metric(rng) for _ in range(rng.randint(1, 3))],
            "groupby": some(rng, ["country", "region", "plan", "channel", "product_category"], 0, 2),
            "adhoc_filters": [_adhoc(rng) for _ in range(rng.randint(0, 3))],
            "time_grain_sqla": pick(rng, ["P1D", "P1W", "P1M", None]), "row_limit": pick(rng, [100, 1000, 10000]),
            "color_scheme": pick(rng, ["supersetColors", "bnbColors", "googleCategory10c"]), "show_legend": chance(rng, 0.8),
            "x_axis_title": pick(rng, ["", "Week"]), "y_axis_format": pick(rng, ["SMART_NUMBER", ",.2f", ".1%", "$,.0f"])}


def chart_data(rng: random.Random) -> Request:
    fd = _form_data(rng)
    obj: dict[str, object] = {
        "datasource": {"id": rng.randint(1, 300), "type": "table"}, "force": chance(rng, 0.1),
        "queries": [{"filters": [], "extras": {"having": "", "where": ""}, "applied_time_extras": {},
                     "columns": fd["groupby"], "metrics": fd["metrics"], "orderby": [[fd["metrics"][0], False]] if isinstance(fd["metrics"], list) else [],
                     "annotation_layers": [], "row_limit": fd["row_limit"], "series_limit": 0, "order_desc": True,
                     "time_range": pick(rng, ["Last week", "Last month", "No filter", f"{past_day(rng)} : now"]),
                     "url_params": {}, "custom_params": {}, "custom_form_data": {}}],
        "form_data": fd, "result_format": "json", "result_type": "full"}
    sid = rng.randint(1, 2000)
    return _j(rng, "chart_data", "POST", "/api/v1/chart/data", obj, f"/superset/dashboard/{rng.randint(1, 140)}/",
              qs([("form_data", json.dumps({"slice_id": sid}, separators=(",", ":"))), ("dashboard_id", str(rng.randint(1, 140)))]))


def _mbql_filter(rng: random.Random) -> list[object]:
    leaves: list[object] = []
    for _ in range(rng.randint(1, 3)):
        f = ["field", rng.randint(10, 400), None]
        leaves.append(pick(rng, [["=", f, pick(rng, REGIONS)], ["!=", f, "test"], [">", f, rng.randint(0, 1000)],
                                 ["between", f, rng.randint(0, 50), rng.randint(100, 900)], ["contains", f, pick(rng, ["gmbh", "ltd", "café"]), {"case-sensitive": False}],
                                 ["time-interval", ["field", rng.randint(10, 400), {"temporal-unit": "day"}], -rng.choice([7, 30, 90]), "day"],
                                 ["is-null", f], ["starts-with", f, pick(rng, ["O'", "Mc", "van "])]]))
    if len(leaves) == 1:
        return leaves[0] if isinstance(leaves[0], list) else leaves
    tree: list[object] = [pick(rng, ["and", "and", "or"]), *leaves]
    if chance(rng, 0.3):
        tree = ["and", tree, ["not", ["=", ["field", rng.randint(10, 400), None], "internal"]]]
    return tree


def saved_question(rng: random.Random) -> Request:
    name = pick(rng, ["Orders by region (30d)", "Trials that converted", "Refunds > €100", "Tickets breaching SLA", "Top 20 SKUs",
                      "Signups by utm_campaign", "Accounts without an owner", "Churned – enterprise"])
    obj: dict[str, object] = {
        "name": name, "display": pick(rng, ["table", "bar", "line", "pie", "scalar", "row"]), "collection_id": rng.randint(1, 60),
        "description": pick(rng, [None, "Excludes test orders. Ask #data if numbers look off.", "Used in the Monday KPI email"]),
        "dataset_query": {"type": "query", "database": rng.randint(1, 4),
                          "query": {"source-table": rng.randint(1, 120), "filter": _mbql_filter(rng),
                                    "aggregation": [pick(rng, [["count"], ["sum", ["field", rng.randint(10, 400), None]], ["distinct", ["field", rng.randint(10, 400), None]]])],
                                    "breakout": [["field", rng.randint(10, 400), {"temporal-unit": pick(rng, ["day", "week", "month"])}]] if chance(rng, 0.6) else [],
                                    "order-by": [["desc", ["aggregation", 0]]], "limit": pick(rng, [None, 20, 100])}},
        "visualization_settings": {"graph.dimensions": ["created_at"], "graph.metrics": ["count"]} if chance(rng, 0.5) else {}}
    return _j(rng, "saved_question", "POST", "/api/card", obj, "/question/notebook")


def native_question(rng: random.Random) -> Request:
    q = sql(rng)
    obj: dict[str, object] = {
        "database": rng.randint(1, 4), "type": "native",
        "native": {"query": q, "template-tags": {
            "plan": {"id": uuid4(rng), "name": "plan", "display-name": "Plan", "type": "text"},
            "created_at": {"id": uuid4(rng), "name": "created_at", "display-name": "Created at", "type": "dimension",
                           "dimension": ["field", rng.randint(10, 400), None], "widget-type": "date/all-options"}} if "{{plan}}" in q else {}},
        "parameters": [{"type": "category", "target": ["variable", ["template-tag", "plan"]], "value": pick(rng, PLANS)}] if "{{plan}}" in q else []}
    return _j(rng, "native_question", "POST", "/api/dataset", obj, "/question#" + token(rng, 20))


def sqllab_execute(rng: random.Random) -> Request:
    obj: dict[str, object] = {
        "client_id": token(rng, 10), "database_id": rng.randint(1, 4), "json": True, "runAsync": chance(rng, 0.5),
        "schema": pick(rng, SCHEMAS), "sql": sql(rng), "sql_editor_id": str(rng.randint(1, 900)), "tab": pick(rng, ["Untitled Query 1", "cohorts v2", "sla check", "adhoc"]),
        "tmp_table_name": "", "select_as_cta": False, "ctas_method": "TABLE", "queryLimit": pick(rng, [1000, 10000, 100000]),
        "expand_data": True, "templateParams": pick(rng, ["", '{"region": ["EMEA"]}'])}
    return _j(rng, "sqllab_execute", "POST", "/api/v1/sqllab/execute/", obj, "/sqllab/")


def sqllab_format(rng: random.Random) -> Request:
    return _j(rng, "sqllab_format", "POST", "/api/v1/sqllab/format_sql/", {"sql": " ".join(sql(rng).split())}, "/sqllab/")


def table_metadata(rng: random.Random) -> Request:
    db = rng.randint(1, 4)
    if chance(rng, 0.5):
        path = f"/api/v1/database/{db}/table_metadata/"
        q = qs([("name", pick(rng, ["orders", "customers", "line_items", "events", "tickets", "invoices", "marketing_daily"])), ("schema", pick(rng, SCHEMAS))])
    else:
        path = f"/api/v1/database/{db}/tables/"
        q = "q=" + rison_uri(f"(force:!f,schema_name:{pick(rng, SCHEMAS)})")
    return xhr(rng, SRC, "table_metadata", "GET", HOST, path, q, cookie=_cookie(rng), referer=_ref("/sqllab/"))


def query_history(rng: random.Random) -> Request:
    q = (f"(filters:!((col:user,opr:rel_o_m,value:{rng.randint(1, 400)}),(col:start_time,opr:gt,value:'{past_day(rng)}T00:00:00')),"
         f"order_column:start_time,order_direction:desc,page:0,page_size:25)")
    return xhr(rng, SRC, "query_history", "GET", HOST, "/api/v1/query/", "q=" + rison_uri(q), cookie=_cookie(rng), referer=_ref("/sqllab/history/"))


def chart_save(rng: random.Random) -> Request:
    cid = rng.randint(1, 2000)
    fd = _form_data(rng)
    obj: dict[str, object] = {"slice_name": pick(rng, ["Revenue by week", "AOV – EMEA vs NA", "Churn % by plan", "Signups (7d rolling)", "CSAT trend"]),
                              "description": pick(rng, [None, "Source: marts.orders. Excludes refunds."]), "viz_type": fd["viz_type"],
                              "params": json.dumps(fd, separators=(",", ":")), "query_context": None,
                              "cache_timeout": pick(rng, [None, 3600, 86400]), "dashboards": [rng.randint(1, 140)]}
    return _j(rng, "chart_save", "PUT", f"/api/v1/chart/{cid}", obj, f"/explore/?slice_id={cid}")


def dashboard_layout(rng: random.Random) -> Request:
    did = rng.randint(1, 140)
    title = pick(rng, ["Sales overview", "Weekly KPIs", "Support SLA", "Marketing funnel – Q4"])
    pos: dict[str, object] = {"DASHBOARD_VERSION_KEY": "v2", "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
                              "HEADER_ID": {"id": "HEADER_ID", "type": "HEADER", "meta": {"text": title}}}
    rows = []
    for _ in range(rng.randint(1, 3)):
        rid = f"ROW-{token(rng, 10)}"
        rows.append(rid)
        kids = []
        for _ in range(rng.randint(1, 3)):
            cid = f"CHART-{token(rng, 10)}"
            kids.append(cid)
            pos[cid] = {"type": "CHART", "id": cid, "children": [], "parents": ["ROOT_ID", "GRID_ID", rid],
                        "meta": {"width": pick(rng, [3, 4, 6, 12]), "height": pick(rng, [50, 60, 80]), "chartId": rng.randint(1, 2000)}}
        if chance(rng, 0.3):
            mid = f"MARKDOWN-{token(rng, 10)}"
            kids.append(mid)
            pos[mid] = {"type": "MARKDOWN", "id": mid, "children": [], "parents": ["ROOT_ID", "GRID_ID", rid],
                        "meta": {"width": 4, "height": 50, "code": pick(rng, ["## Notes\n- Numbers exclude VAT\n- Refreshed hourly",
                                                                              "**Heads up:** Nov 14 dip = payment outage (INC-2231)",
                                                                              "<h3 style=\"color:#888\">Definitions</h3><p>Active = 1+ session in 28d</p>"])}}
        pos[rid] = {"type": "ROW", "id": rid, "children": kids, "parents": ["ROOT_ID", "GRID_ID"], "meta": {"background": "BACKGROUND_TRANSPARENT"}}
    pos["GRID_ID"] = {"type": "GRID", "id": "GRID_ID", "children": rows, "parents": ["ROOT_ID"]}
    meta = {"color_scheme": "supersetColors", "refresh_frequency": pick(rng, [0, 300, 3600]), "cross_filters_enabled": True,
            "native_filter_configuration": [{"id": f"NATIVE_FILTER-{token(rng, 10)}", "name": "Region", "filterType": "filter_select",
                                             "targets": [{"datasetId": rng.randint(1, 300), "column": {"name": "region"}}],
                                             "defaultDataMask": {"filterState": {"value": some(rng, REGIONS, 1, 2)}}}]}
    obj: dict[str, object] = {"position_json": json.dumps(pos, separators=(",", ":")), "json_metadata": json.dumps(meta, separators=(",", ":")),
                              "dashboard_title": title, "css": pick(rng, ["", ".dashboard-header { background: #fafafa; }"])}
    return _j(rng, "dashboard_layout", "PUT", f"/api/v1/dashboard/{did}", obj, f"/superset/dashboard/{did}/?edit=true")


def csv_upload(rng: random.Random) -> Request:
    b = pick(rng, DESKTOP)
    bd = browser_boundary(rng, b)
    head = pick(rng, [["date", "campaign", "spend", "clicks", "conversions"], ["account_id", "account_name", "owner", "arr_eur", "renewal_date"],
                      ["sku", "warehouse", "on_hand", "reorder_point"], ["employee", "team", "start_date", "fte"]])
    rows = [",".join(head)]
    for _ in range(rng.randint(4, 15)):
        row = []
        for h in head:
            if "date" in h:
                row.append(past_day(rng))
            elif h in ("spend", "arr_eur"):
                row.append(f"{rng.uniform(10, 90000):.2f}")
            elif h in ("clicks", "conversions", "on_hand", "reorder_point", "account_id"):
                row.append(str(rng.randint(0, 9000)))
            elif h == "fte":
                row.append(pick(rng, ["1.0", "0.8", "0.5"]))
            elif h in ("owner", "employee"):
                row.append(f'"{person(rng).name}"')
            elif h == "account_name":
                row.append(pick(rng, ['"Larkspur Ltd."', '"Harbour & Sons"', "Quarry Analytics GmbH", '"Café Lúnasa, Inc."']))
            else:
                row.append(pick(rng, ["bf_2026_search", "xmas_social", "brand", "WH-DUB-01", "Platform", "SKU-" + digits(rng, 5)]))
        rows.append(",".join(row))
    parts = fields([("database", str(rng.randint(1, 4))), ("schema", "uploads"), ("table_name", pick(rng, ["ad_spend_nov", "arr_snapshot", "stock_levels", "headcount_plan"])),
                    ("delimiter", ","), ("already_exists", pick(rng, ["fail", "replace", "append"])), ("header_row", "0"),
                    ("column_dates", "date" if "date" in head else ""), ("decimal_character", "."), ("index_column", "")])
    parts.append(("file", ("\n".join(rows) + "\n").encode("utf-8"), pick(rng, ["export.csv", "Nov spend (final).csv", "arr.csv", "data.csv"]), "text/csv"))
    return xhr(rng, SRC, "csv_upload", "POST", HOST, "/api/v1/database/csv_upload/", body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", cookie=_cookie(rng), b=b, extra=csrf(rng, "fab"), referer=_ref("/databaseview/list/#create"))


def csv_upload_script(rng: random.Random) -> Request:
    """A nightly job pushing a spreadsheet export with requests' files=."""
    lib = pick(rng, ["requests", "node"])
    bd = lib_boundary(rng, lib)
    rows = ["date,region,bookings,cancellations"] + [f"{past_day(rng)},{pick(rng, REGIONS)},{rng.randint(0, 900)},{rng.randint(0, 60)}"
                                                     for _ in range(rng.randint(5, 20))]
    parts = fields([("database", str(rng.randint(1, 4))), ("schema", "uploads"), ("table_name", "bookings_daily"), ("already_exists", "replace")])
    parts.append(("file", ("\n".join(rows) + "\n").encode(), "bookings_daily.csv", "text/csv"))
    return app(rng, SRC, "csv_upload_script", "POST", HOST, "/api/v1/database/csv_upload/", lib=lib, body=multipart(parts, bd),
               ctype=f"multipart/form-data; boundary={bd}", auth="Bearer " + jwt(rng, {"fresh": False, "sub": rng.randint(1, 400), "type": "access"}, alg="HS256"),
               accept="application/json")


def report_schedule(rng: random.Random) -> Request:
    rec = ",".join(person(rng).email for _ in range(rng.randint(1, 4)))
    obj: dict[str, object] = {"type": "Report", "name": pick(rng, ["Weekly sales – Monday 9am", "Daily SLA digest", "Month-end pack", "Board KPIs"]),
                              "description": "", "crontab": pick(rng, ["0 9 * * 1", "30 7 * * *", "0 8 1 * *", "0 */6 * * *", "0 17 * * 5"]),
                              "timezone": pick(rng, ["Europe/Dublin", "America/New_York", "UTC", "Asia/Ho_Chi_Minh"]), "active": True,
                              "report_format": pick(rng, ["PNG", "PDF", "CSV", "TEXT"]), "dashboard": rng.randint(1, 140),
                              "recipients": [{"type": pick(rng, ["Email", "Slack"]), "recipient_config_json": {"target": rec}}],
                              "working_timeout": 3600, "force_screenshot": chance(rng, 0.3), "custom_width": pick(rng, [None, 1600])}
    return _j(rng, "report_schedule", "POST", "/api/v1/report/", obj, "/report/list/")


def alert(rng: random.Random) -> Request:
    obj: dict[str, object] = {"type": "Alert", "name": pick(rng, ["Orders dropped below 50/hr", "Refund rate > 5%", "Stock-outs detected"]),
                              "crontab": pick(rng, ["*/15 * * * *", "0 * * * *"]), "database": rng.randint(1, 4),
                              "sql": pick(rng, ["SELECT COUNT(*) FROM marts.orders WHERE created_at > NOW() - INTERVAL '1 hour'",
                                                "SELECT SUM(refund_amount) / NULLIF(SUM(total_amount), 0) FROM marts.orders WHERE created_at::date = CURRENT_DATE",
                                                "SELECT COUNT(*) FROM marts.inventory_snapshot WHERE on_hand = 0"]),
                              "validator_type": "operator", "validator_config_json": {"op": pick(rng, ["<", ">", ">="]), "threshold": pick(rng, [50, 0.05, 1])},
                              "grace_period": 14400, "recipients": [{"type": "Email", "recipient_config_json": {"target": person(rng).email}}]}
    return _j(rng, "alert", "POST", "/api/v1/report/", obj, "/alert/list/")


def guest_token(rng: random.Random) -> Request:
    """The customer-facing app's backend minting an embed token."""
    tenant = rng.randint(1, 5000)
    obj: dict[str, object] = {"user": {"username": f"embed_{tenant}", "first_name": pick(rng, ["Portal", "Acme", "Larkspur"]), "last_name": "User"},
                              "resources": [{"type": "dashboard", "id": uuid4(rng)}],
                              "rls": [{"clause": f"tenant_id = {tenant}"}] + ([{"clause": f"region IN ({_in(rng, REGIONS, 1, 2)})"}] if chance(rng, 0.3) else [])}
    return app(rng, SRC, "guest_token", "POST", HOST, "/api/v1/security/guest_token/", lib=pick(rng, ["requests", "httpx", "node"]),
               body=pyb(obj), ctype="application/json", auth="Bearer " + jwt(rng, {"fresh": False, "sub": rng.randint(1, 50), "type": "access"}, alg="HS256"),
               extra=[("x-csrftoken", token(rng, 40))] if chance(rng, 0.5) else [], accept="application/json")


def embedded_view(rng: random.Random) -> Request:
    parent = pick(rng, ["https://app.larkspur-portal.example.com/reports", "https://customers.fernwoodco.example.com/analytics",
                        "https://partners.example.net/dashboard"])
    if chance(rng, 0.5):
        return nav(rng, SRC, "embedded_view", HOST, f"/embedded/{uuid4(rng)}", qs([("uiConfig", pick(rng, ["3", "11"])), ("show_filters", pick(rng, ["0", "1"]))]),
                   referer=parent, site="cross-site", user=False, dest="iframe")
    tok = jwt(rng, {"resource": {"dashboard": rng.randint(1, 140)}, "params": {"tenant_id": [rng.randint(1, 5000)]}, "exp": 1_797_000_000}, alg="HS256")
    return nav(rng, SRC, "embedded_view", HOST, f"/embed/dashboard/{tok}", referer=parent, site="cross-site", user=False, dest="iframe")


COMMENTS = [
    "@{p} the dip on 14 Nov is the payment outage – see INC-2231. Filter `status != 'test'` excludes it.",
    "Why does EMEA double-count here? I think the JOIN on customers fans out when a customer has 2 addresses.",
    "Can we add a 7-day rolling average? The daily line is too noisy for the board deck.",
    "Numbers match Finance's month-end pack now ✅ (after excluding credit notes)",
    "This uses `created_at`, not `paid_at` – so late payments shift revenue into the next month. Intentional?",
    "FYI I changed the colour scheme – red/green was unreadable for colour-blind folks.",
    "Looks great! Could we split 'Other' into LATAM vs APAC?",
    "Query takes 40s+ 🐢 – maybe materialise the cohort CTE as a dbt model?",
    "Pour info : les chiffres FR incluent la TVA.",
]


def comment(rng: random.Random) -> Request:
    cid = rng.randint(1, 2000)
    obj: dict[str, object] = {"text": pick(rng, COMMENTS).replace("{p}", person(rng).given.lower()), "chart_id": cid,
                              "anchor": pick(rng, [None, {"x": past_day(rng), "series": pick(rng, REGIONS)}])}
    return _j(rng, "chart_comment", "POST", f"/api/v1/chart/{cid}/comments", obj, f"/explore/?slice_id={cid}")


def dataset_metric(rng: random.Random) -> Request:
    did = rng.randint(1, 300)
    metrics = [{"metric_name": n, "expression": e, "verbose_name": v, "d3format": f, "description": pick(rng, [None, "Agreed with Finance 2026-10"])}
               for n, e, v, f in some(rng, [("aov", "SUM(revenue) / COUNT(DISTINCT order_id)", "Average order value", "$,.2f"),
                                            ("net_revenue", "SUM(revenue) - SUM(COALESCE(refund_amount, 0))", "Net revenue", "$,.0f"),
                                            ("conversion_rate", "COUNT(DISTINCT CASE WHEN converted THEN visitor_id END) * 1.0 / COUNT(DISTINCT visitor_id)", "Conversion rate", ".2%"),
                                            ("active_users", "COUNT(DISTINCT user_id)", "Active users", ",d"),
                                            ("p95_latency", "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY duration_ms)", "p95 latency (ms)", ",.0f")], 1, 3)]
    cols = [{"column_name": "is_weekend", "expression": "EXTRACT(DOW FROM order_date) IN (0, 6)", "type": "BOOLEAN"}] if chance(rng, 0.3) else []
    return _j(rng, "dataset_metrics", "PUT", f"/api/v1/dataset/{did}", {"metrics": metrics, "columns": cols} if cols else {"metrics": metrics},
              f"/tablemodelview/edit/{did}")


def rls_rule(rng: random.Random) -> Request:
    obj: dict[str, object] = {"name": pick(rng, ["Sales reps see own region", "Partners: own tenant", "Hide internal accounts"]),
                              "filter_type": pick(rng, ["Regular", "Base"]), "tables": [rng.randint(1, 300) for _ in range(rng.randint(1, 3))],
                              "roles": [rng.randint(1, 30)], "group_key": pick(rng, ["region", "tenant", ""]),
                              "clause": pick(rng, ["region = '{{ current_user_region() }}'", f"tenant_id = {rng.randint(1, 5000)}",
                                                   "account_type <> 'internal'", f"country IN ({_in(rng, COUNTRIES, 1, 4)})"]),
                              "description": ""}
    return _j(rng, "rls_rule", "POST", "/api/v1/rowlevelsecurity/", obj, "/rowlevelsecurity/list/")


def db_test(rng: random.Random) -> Request:
    engine, port = pick(rng, [("postgresql+psycopg2", 5432), ("mysql+mysqldb", 3306), ("snowflake", 443), ("bigquery", 0), ("trino", 8080)])
    host = pick(rng, ["warehouse.internal.fernwoodco.example.com", "replica-2.db.example.net", "analytics.example.org"])
    uri = f"{engine}://bi_reader:XXXXXXXXXX@{host}:{port}/{pick(rng, ['analytics', 'warehouse', 'prod_replica'])}" if port else f"bigquery://fernwood-analytics-{digits(rng, 4)}"
    obj: dict[str, object] = {"database_name": pick(rng, ["Warehouse (prod)", "Replica", "Sandbox"]), "sqlalchemy_uri": uri,
                              "extra": json.dumps({"engine_params": {"connect_args": {"sslmode": "require"}}, "metadata_cache_timeout": {}, "schemas_allowed_for_file_upload": ["uploads"]}),
                              "impersonate_user": False, "server_cert": None, "masked_encrypted_extra": "{}"}
    return _j(rng, "db_test_connection", "POST", "/api/v1/database/test_connection/", obj, "/databaseview/list/")


def annotation(rng: random.Random) -> Request:
    lid = rng.randint(1, 20)
    d = past_day(rng)
    obj: dict[str, object] = {"short_descr": pick(rng, ["Payment outage", "Black Friday", "Price increase", "Launched v3 onboarding", "Tracking bug (GA4)"]),
                              "long_descr": pick(rng, ["", "Stripe webhooks failed 09:10–11:45 UTC; orders backfilled.", "Prices +8% on Team & Business plans"]),
                              "start_dttm": f"{d} 00:00:00", "end_dttm": f"{d} 23:59:59", "json_metadata": ""}
    return _j(rng, "annotation", "POST", f"/api/v1/annotation_layer/{lid}/annotation/", obj, f"/annotationlayer/{lid}/annotation/")


def favorite(rng: random.Random) -> Request:
    kind = pick(rng, ["chart", "dashboard"])
    oid = rng.randint(1, 2000)
    return xhr(rng, SRC, "favorite", pick(rng, ["POST", "DELETE"]), HOST, f"/api/v1/{kind}/{oid}/favorites/", cookie=_cookie(rng),
               extra=csrf(rng, "fab"), referer=_ref(f"/{kind}/list/"))


def public_question(rng: random.Random) -> Request:
    params = [{"type": "category", "value": some(rng, REGIONS, 1, 2), "target": ["dimension", ["template-tag", "region"]]}]
    if chance(rng, 0.5):
        params.append({"type": "date/range", "value": f"{past_day(rng)}~{past_day(rng)}", "target": ["dimension", ["template-tag", "date_range"]]})
    return xhr(rng, SRC, "public_question", "GET", HOST, f"/api/public/card/{uuid4(rng)}/query",
               qs_pct([("parameters", json.dumps(params, separators=(",", ":")))]),
               referer=pick(rng, ["https://wiki.fernwoodco.example.com/kpis", "https://status.example.org/"]), site="cross-site")


def script_pull(rng: random.Random) -> Request:
    """A data scientist's notebook pulling chart data through the API."""
    obj: dict[str, object] = {"datasource": {"id": rng.randint(1, 300), "type": "table"},
                              "queries": [{"columns": some(rng, ["country", "region", "plan", "week"], 1, 2), "metrics": ["count", "sum__revenue"],
                                           "time_range": pick(rng, ["Last quarter", "Last year", "2026-01-01 : 2026-12-01"]),
                                           "filters": [{"col": "region", "op": "IN", "val": some(rng, REGIONS, 1, 3)}], "row_limit": 50000}],
                              "result_format": pick(rng, ["json", "csv"]), "result_type": "full"}
    return app(rng, SRC, "api_chart_data", "POST", HOST, "/api/v1/chart/data", lib=pick(rng, ["requests", "httpx"]), body=pyb(obj),
               ctype="application/json", auth="Bearer " + jwt(rng, {"fresh": True, "sub": rng.randint(1, 400), "type": "access"}, alg="HS256"),
               accept="application/json")


def log_events(rng: random.Random) -> Request:
    events = [{"event_name": pick(rng, ["mount_dashboard", "load_chart", "render_chart", "change_dashboard_filter", "spa_navigation", "export_csv_dashboard_chart"]),
               "ts": 1_795_000_000_000 + rng.randrange(10**10), "duration": rng.randint(10, 9000), "slice_id": rng.randint(1, 2000),
               "is_cached": chance(rng, 0.5), "path": f"/superset/dashboard/{rng.randint(1, 140)}/", "version": "v2"} for _ in range(rng.randint(1, 6))]
    return beacon(rng, SRC, "log_events", HOST, "/superset/log/", formb([("events", json.dumps(events, separators=(",", ":")))]),
                  "application/x-www-form-urlencoded", referer=_ref(f"/superset/dashboard/{rng.randint(1, 140)}/"), cookie=_cookie(rng),
                  query="explode=events")


def search(rng: random.Random) -> Request:
    return xhr(rng, SRC, "search", "GET", HOST, "/api/search", qs([("q", pick(rng, ["churn", "revenue by", "sla", "cohort", "nps", "o'neill", "café orders"])),
                                                                   ("models", pick(rng, ["card", "dashboard", "table", "collection"]))]),
               cookie=_cookie(rng), referer=_ref("/"))


def login(rng: random.Random) -> Request:
    p = person(rng)
    pairs = [("csrf_token", token(rng, 40) + "." + token(rng, 27)), ("username", p.email.split("@")[0]), ("password", token(rng, rng.randint(12, 20)))]
    return nav(rng, SRC, "login", HOST, "/login/", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=jar(rng, "fab", analytics=0.0), referer=_ref("/login/"))


def csv_export(rng: random.Random) -> Request:
    fd = _form_data(rng)
    fd["slice_id"] = rng.randint(1, 2000)
    obj: dict[str, object] = {"datasource": {"id": rng.randint(1, 300), "type": "table"}, "form_data": fd,
                              "queries": [{"columns": fd["groupby"], "metrics": fd["metrics"], "row_limit": 100000}], "result_format": pick(rng, ["csv", "xlsx"]),
                              "result_type": "full"}
    pairs = [("form_data", json.dumps(obj, separators=(",", ":"), ensure_ascii=False))]
    return nav(rng, SRC, "csv_export", HOST, "/api/v1/chart/data", method="POST", body=formb(pairs), ctype="application/x-www-form-urlencoded",
               cookie=_cookie(rng), referer=_ref(f"/superset/dashboard/{rng.randint(1, 140)}/"), user=False)


def card_query(rng: random.Random) -> Request:
    cid = rng.randint(1, 2000)
    params = [{"id": uuid4(rng)[:8], "type": pick(rng, ["string/=", "category"]), "value": some(rng, REGIONS, 1, 3),
               "target": ["dimension", ["field", rng.randint(10, 400), {"base-type": "type/Text"}]]}] if chance(rng, 0.7) else []
    obj: dict[str, object] = {"ignore_cache": chance(rng, 0.1), "collection_preview": False, "parameters": params,
                              "dashboard_id": rng.randint(1, 140)}
    return _j(rng, "card_query", "POST", f"/api/card/{cid}/query", obj, f"/dashboard/{rng.randint(1, 140)}")


def user_settings(rng: random.Random) -> Request:
    obj: dict[str, object] = {"locale": pick(rng, ["en", "de", "fr", "pt_BR", "vi", None]), "first_day_of_week": pick(rng, ["monday", "sunday"]),
                              "theme": pick(rng, ["light", "dark", "system"]), "sql_editor": {"autocomplete": chance(rng, 0.8), "font_size": pick(rng, [12, 13, 14])}}
    return _j(rng, "user_settings", "PUT", "/api/user/current/settings", obj, "/account/profile")


def analytics_bi(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (18, dashboard_page), (12, dashboard_api), (8, chart_list), (8, explore_page), (16, chart_data), (8, card_query),
        (5, saved_question), (6, native_question), (12, sqllab_execute), (2, sqllab_format), (6, table_metadata), (3, query_history),
        (4, chart_save), (3, dashboard_layout), (3, csv_upload), (2, csv_upload_script), (3, report_schedule), (2, alert), (4, guest_token), (5, embedded_view),
        (4, comment), (2, dataset_metric), (1, rls_rule), (1, db_test), (2, annotation), (3, favorite), (3, public_question),
        (4, script_pull), (8, log_events), (5, search), (2, login), (3, csv_export), (1, user_settings),
    ])

