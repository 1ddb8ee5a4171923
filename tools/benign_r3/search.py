
"""search_dsl: search boxes and search APIs with advanced syntax — boolean
operators, quoted phrases, field:value, wildcards, ranges, Elasticsearch /
OpenSearch query DSL bodies, Solr parameters, GitHub-style qualifiers, JQL,
log-search queries and saved searches."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, js_json, pick, py_json

from .common import BROWSERS, Request, browser, client, cookies, csrf_header, some, uri_query

SRC = "search_dsl"
HOSTS = ["search.example.com", "library.example.org", "shop.example.net", "logs.example.com", "issues.example.org"]
ES_HOST = "es.internal.example.net:9200"

TERMS = ["climate adaptation", "heat pump", "machine learning", "sourdough", "kubernetes", "GDPR", "accessibility",
         "invoice", "refund policy", "Müller", "O'Brien", "São Paulo", "électricité", "データベース", "新能源", "café",
         "wireless headphones", "winter jacket", "USB-C hub", "python 3.12", "remote work", "dental implant"]
FIELDS = ["title", "author", "tag", "status", "lang", "category", "brand", "year", "type", "label", "assignee"]


def lucene(rng: random.Random) -> str:
    t1, t2, t3 = pick(rng, TERMS), pick(rng, TERMS), pick(rng, TERMS)
    y1 = rng.randint(2005, 2022)
    who = pick(rng, ["Jane Doe", "O'Neil, K.", "Müller, Jörg", "García Márquez"])
    forms = [
        f'"{t1}" AND ({t2} OR {t3})', f"{t1} -{t2.split()[0]}", f'+"{t1}" +{t2.split()[0]}', f"title:{t1.split()[0]}*",
        f'author:"{who}" AND year:[{y1} TO {y1 + rng.randint(1, 4)}]',
        f"({t1} OR {t2}) NOT {t3}", f"{t1}~2", f'"{t1} {t2.split()[0]}"~5', f"price:[10 TO 50] AND brand:{pick(rng, ['acme', 'contoso', 'example'])}",
        "date:[2020 TO 2024]", "date:[2026-01-01 TO now] AND status:published", f"lang:{pick(rng, ['de', 'fr', 'ja'])} {t1}",
        "tag:(python OR rust) AND NOT tag:deprecated", f"{t1} year:>{y1}", f"rating:>=4 {t2}", f"te?t AND {t1}",
        f"category:\"Home & Garden\" {t3}", f"_exists_:doi AND {t1}", f"{t1}^2 {t2}", "size:{100 TO *]",
    ]
    return pick(rng, forms)


def github_q(rng: random.Random) -> str:
    parts = some(rng, ["is:issue", "is:pr", "is:open", "is:closed", f"label:\"{pick(rng, ['bug', 'good first issue', 'needs triage', 'area: docs'])}\"",
                       f"author:{pick(rng, ['octo-cat', 'mkowalski', 'jdoe'])}", "no:assignee", f"created:>2026-{rng.randint(1, 11):02d}-01",
                       "sort:updated-desc", f"milestone:\"v{rng.randint(1, 5)}.{rng.randint(0, 9)}\"", "in:title", "-label:wontfix", "reason:completed",
                       f"repo:example-org/{pick(rng, ['web', 'api', 'docs'])}", "comments:>10", "archived:false"], 2, 5)
    return " ".join([*parts, pick(rng, TERMS)]) if rng.random() < 0.6 else " ".join(parts)


def jql(rng: random.Random) -> str:
    proj = pick(rng, ["ABC", "WEB", "OPS", "MOB"])
    forms = [
        f'project = {proj} AND status in ("In Progress", Done) ORDER BY created DESC',
        f'project = {proj} AND assignee = currentUser() AND resolution = Unresolved ORDER BY priority DESC, updated DESC',
        f'project in ({proj}, OPS) AND labels = "customer-reported" AND created >= -14d',
        f'text ~ "{pick(rng, TERMS)}" AND project = {proj}',
        'sprint in openSprints() AND issuetype = Bug AND priority in (Highest, High)',
        f'project = {proj} AND fixVersion = "2027.1" AND status != Closed ORDER BY rank',
        'reporter = "jane.doe@example.com" AND updated > "2026/11/01"',
        f'project = {proj} AND "Story Points" is EMPTY AND issuetype = Story',
        'summary ~ "login*" OR description ~ "SSO" ORDER BY key ASC',
        'component = Frontend AND status was "In Review" DURING ("2026/11/01", "2026/11/30")',
    ]
    return pick(rng, forms)


def logq(rng: random.Random) -> str:
    forms = [
        "service:web status:error @http.status_code:[500 TO 599]", 'env:prod AND service:"checkout-api" AND NOT @http.url_details.path:"/healthz"',
        "@duration:>2000000000 service:search", 'host:web-0* "connection reset"', "level:warn OR level:error source:python",
        'kubernetes.namespace:payments AND message:"timeout"', "status:error -@error.kind:CancelledError", '@user.email:*@example.com',
        'trace_id:' + chars(rng, "0123456789abcdef", 32), '{app="api"} |= "ERROR" | json | duration > 500ms',
        'sum by (status) (rate(http_requests_total{job="web"}[5m]))', 'index=web sourcetype=access_combined status>=500 | stats count by uri_path',
    ]
    return pick(rng, forms)


def es_query(rng: random.Random) -> dict[str, object]:
    t = pick(rng, TERMS)
    shape = pick(rng, ["bool", "multi", "qs", "agg", "nested"])
    if shape == "bool":
        q: dict[str, object] = {"bool": {"must": [{"match": {"title": {"query": t, "operator": "and"}}}],
                                         "filter": [{"term": {"status": "published"}}, {"range": {"published_at": {"gte": "2024-01-01", "lte": "now/d"}}}],
                                         "must_not": [{"term": {"tags": "draft"}}], "should": [{"match_phrase": {"body": {"query": t, "slop": 2}}}],
                                         "minimum_should_match": 0}}
    elif shape == "multi":
        q = {"multi_match": {"query": t, "fields": ["title^3", "summary^2", "body", "author.name"], "type": "best_fields", "fuzziness": "AUTO"}}
    elif shape == "qs":
        q = {"query_string": {"query": lucene(rng), "default_field": "body", "default_operator": "AND", "analyze_wildcard": True}}
    elif shape == "nested":
        q = {"nested": {"path": "variants", "query": {"bool": {"must": [{"term": {"variants.size": pick(rng, ["S", "M", "L", "42", "10.5"])}},
                                                                   {"range": {"variants.stock": {"gt": 0}}}]}}, "inner_hits": {}}}
    else:
        q = {"match_all": {}}
    body: dict[str, object] = {"query": q, "size": pick(rng, [10, 20, 25, 50]), "from": pick(rng, [0, 0, 20, 40]),
                               "sort": [{pick(rng, ["_score", "published_at", "price"]): {"order": pick(rng, ["desc", "asc"])}}],
                               "_source": some(rng, ["id", "title", "summary", "price", "author", "url", "published_at"], 2, 5)}
    if shape == "agg" or rng.random() < 0.4:
        body["aggs"] = {"by_category": {"terms": {"field": "category.keyword", "size": 20}},
                        "price_ranges": {"range": {"field": "price", "ranges": [{"to": 50}, {"from": 50, "to": 200}, {"from": 200}]}},
                        "per_month": {"date_histogram": {"field": "published_at", "calendar_interval": "month", "format": "yyyy-MM"}}}
    if rng.random() < 0.3:
        body["highlight"] = {"fields": {"body": {"fragment_size": 150, "number_of_fragments": 3}}, "pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
    if rng.random() < 0.2:
        body["search_after"] = [rng.randint(1, 99), f"doc-{chars(rng, ALNUM, 8)}"]
    return body


def one(rng: random.Random) -> Request:
    host = pick(rng, HOSTS)
    b = pick(rng, BROWSERS)
    fw = pick(rng, ["django", "flask", "fastapi"])
    r = rng.random()
    if r < 0.22:  # search box with boolean syntax
        q = lucene(rng) if rng.random() < 0.7 else pick(rng, TERMS)
        pairs = [("q", q), ("page", str(rng.randint(1, 6)))]
        if rng.random() < 0.5:
            pairs.append(("sort", pick(rng, ["relevance", "-date", "date", "price_asc"])))
        if rng.random() < 0.3:
            pairs += [("f[]", f"{pick(rng, FIELDS)}:{pick(rng, ['open', 'de', 'books', '2024'])}")]
        return browser(rng, SRC, "search_box", "GET", host, "/search", form(pairs), navigate=True, b=b,
                       cookie=cookies(rng, fw), referer=f"https://{host}/search?q={form([('', pick(rng, TERMS))])[1:]}")
    if r < 0.4:  # ES/OpenSearch DSL through the app's API
        body = js_json(es_query(rng)).encode()
        return browser(rng, SRC, "es_dsl", "POST", host, f"/api/search/{pick(rng, ['articles', 'products', 'docs'])}/_search", body=body,
                       ctype="application/json", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
    if r < 0.5:  # backend service querying the cluster directly
        body = py_json(es_query(rng)).encode()
        idx = pick(rng, ["articles-2026.12", "products_v3", "logs-web-*", "docs"])
        return client(rng, SRC, "es_client", "POST", ES_HOST, f"/{idx}/_search", pick(rng, ["", "typed_keys=true", "track_total_hits=true"]),
                      body=body, ctype=pick(rng, ["application/json", "application/vnd.elasticsearch+json; compatible-with=8"]),
                      lib=pick(rng, ["requests", "go"]), ua=pick(rng, ["elasticsearch-py/8.15.1 (Python/3.12.7; elastic-transport/8.15.1)", "opensearch-py/2.7.1", None]),
                      auth="ApiKey " + chars(rng, ALNUM, 60) + "==")
    if r < 0.6:  # GitHub-style issue search
        q = github_q(rng)
        return browser(rng, SRC, "issue_search", "GET", host, f"/example-org/{pick(rng, ['web', 'api', 'docs'])}/issues", form([("q", q)]),
                       navigate=True, b=b, cookie=cookies(rng, "rails"))
    if r < 0.7:  # JQL
        j = jql(rng)
        if rng.random() < 0.5:
            qs = uri_query([("jql", j), ("startAt", str(rng.choice([0, 50]))), ("maxResults", "50"), ("fields", "summary,status,assignee,priority")])
            return client(rng, SRC, "jql_api", "GET", "jira.example.com", "/rest/api/2/search", qs, lib=pick(rng, ["requests", "curl", "node"]),
                          auth="Basic " + chars(rng, ALNUM, 48) + "=")
        body = js_json({"jql": j, "startAt": 0, "maxResults": 50, "fields": ["summary", "status", "assignee"], "expand": ["names"]}).encode()
        return browser(rng, SRC, "jql_post", "POST", "jira.example.com", "/rest/api/3/search", body=body, ctype="application/json",
                       b=b, cookie=f"JSESSIONID={chars(rng, '0123456789ABCDEF', 32)}; atlassian.xsrf.token={chars(rng, ALNUM, 20)}_lin",
                       extra=[("x-atlassian-token", "no-check")])
    if r < 0.8:  # log search
        q = logq(rng)
        body = js_json({"query": q, "from": "now-15m", "to": "now", "limit": pick(rng, [50, 100, 1000]), "sort": "desc",
                        "columns": some(rng, ["timestamp", "host", "service", "message", "@http.status_code", "trace_id"], 2, 5)}).encode()
        return browser(rng, SRC, "log_search", "POST", host, "/api/v1/logs/query", body=body, ctype="application/json", b=b,
                       cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
    if r < 0.88:  # Solr-style params from a catalogue front end
        t = pick(rng, TERMS)
        pairs = [("q", pick(rng, [t, lucene(rng), f"title:({t})"])), ("defType", pick(rng, ["edismax", "lucene"])), ("qf", "title^2 body author"),
                 ("fq", f"{pick(rng, ['year', 'format', 'lang'])}:{pick(rng, ['[2015 TO *]', 'ebook', 'en', 'large-print'])}"),
                 ("fq", "{!tag=avail}available:true"), ("facet", "true"), ("facet.field", "{!ex=avail}format"), ("facet.field", "subject_facet"),
                 ("sort", pick(rng, ["score desc", "pub_date desc, title_sort asc"])), ("rows", "20"), ("start", str(rng.choice([0, 20, 40]))), ("wt", "json")]
        return client(rng, SRC, "solr", "GET", "solr.internal.example.org:8983", "/solr/catalog/select", form(pairs),
                      lib=pick(rng, ["requests", "httpx"]), ua=pick(rng, ["pysolr/3.10.0", None]))
    # saved search
    name = pick(rng, ["My open bugs", "EU orders > €500", "Unanswered questions (de)", "Prod 5xx last hour", "Recently updated — docs team", "Neue Anfragen"])
    query = pick(rng, [lucene(rng), jql(rng), github_q(rng), logq(rng)])
    body = js_json({"name": name, "query": query, "notify": pick(rng, ["never", "daily", "instant"]), "shared_with": some(rng, ["team:web", "team:support", "user:jdoe"], 0, 2)}).encode()
    return browser(rng, SRC, "saved_search", "POST", host, "/api/saved-searches", body=body, ctype="application/json",
                   b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))


def search_dsl(rng: random.Random, n: int) -> list[Request]:
    return [one(rng) for _ in range(n)]
