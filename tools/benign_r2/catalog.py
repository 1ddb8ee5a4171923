# ruff: noqa: RUF001 - real text uses these characters: en dashes, multiplication signs, full-width punctuation
"""catalog_filters: shop and listing pages with rich query strings, both as
page navigations (often arriving from ads and newsletters with UTM and click
ids) and as the storefront's own fetch() calls: faceted filters in bracket
syntax, price and date ranges, multi-key sorting, opaque base64 cursors,
sparse fieldsets and includes, search terms with quotes, minus signs and
OR, and terms in many languages.
"""

from __future__ import annotations

import random
from urllib.parse import quote

from .common import (
    Request,
    b64,
    b64url,
    browser_request,
    chars,
    compact,
    epoch,
    hexs,
    pick,
    query,
    site_cookies,
    url_query,
    uuid4,
)

HOSTS = ["shop.example.com", "www.example.de", "store.example.fr", "tienda.example.es", "negozio.example.it",
         "sklep.example.pl", "magaza.example.com.tr", "shop.example.jp", "listings.example.net", "jobs.example.org",
         "cars.example.co.uk", "homes.example.com"]
CATEGORIES = ["shoes", "women/dresses", "men/jackets", "electronics/laptops", "home/furniture/tables", "kids/toys",
              "garden", "sports/running", "damen/schuhe", "herren/jacken", "chaussures-femme", "zapatillas", "scarpe-donna",
              "buty-damskie", "ayakkabi", "メンズ/スニーカー", "beauty/skincare", "books/cookbooks"]
BRANDS = ["nike", "adidas", "new-balance", "levis", "ikea", "bosch", "de-longhi", "l-oreal", "marks-spencer",
          "h&m", "tommy-hilfiger", "dr-martens", "muji", "uniqlo", "apple", "lenovo", "asics", "on-running"]
COLOURS = ["black", "white", "navy", "red", "beige", "olive", "schwarz", "bleu-marine", "rojo", "grigio", "czarny"]
SIZES = ["XS", "S", "M", "L", "XL", "38", "39", "40", "41", "42", "43", "44", "10.5", "EU 42", "W32/L34"]
TERMS = [
    "\"red dress\" -kids", "usb-c OR thunderbolt dock", "size:42 brand:\"New Balance\"", "running shoes women",
    "laptop 16gb ram -refurbished", "O'Neill jacket", "levi's 501", "coffee table oak 120x80", "\"drop leaf\" table",
    "select fitted sheet 140x200", "Größe 38 Winterstiefel", "chaussures à talons", "bañador mujer", "scarpe da trail",
    "buty do biegania", "kışlık mont", "スニーカー 白", "ワンピース", "kids' table & chairs", "50% off",
    "wireless earbuds < 100", "M&S cardigan", "dr. martens 1460", "iphone 15 case -leather", "\"union jack\" cushion",
    "order of the phoenix hardcover", "sleep mask silk", "table lamp (brass)", "2-seater sofa grey", "airpods pro 2",
    "bosch drill 18v", "cafetière italienne", "Rotwein trocken", "T-shirt 100% cotton", "sneakers -nike",
]
SORTS = ["-created_at,name", "price", "-price", "relevance", "-rating,price", "newest", "price_asc", "price_desc",
         "bestseller", "-popularity", "name:asc", "updated_at:desc", "distance", "-discount"]
FIELDS = ["name,price,slug,thumbnail", "id,title,price.amount,images[0]", "name,price,stock", "title,brand,rating,reviews_count"]
INCLUDES = ["brand,variants", "images", "brand,category,variants.prices", "seller"]


def cursor(rng: random.Random) -> str:
    payload = compact({"id": rng.randrange(10**5, 10**7), "ts": epoch(rng), "dir": pick(rng, ["next", "prev"])})
    return pick(rng, [b64(payload.encode()), b64url(payload.encode()), b64url(f"{rng.randrange(10**6)}:{hexs(rng, 8)}".encode()),
                      b64url(f'{{"offset":{rng.randrange(24, 2400)}}}'.encode())])


def utm(rng: random.Random) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    r = rng.random()
    if r < 0.25:
        out += [("utm_source", pick(rng, ["google", "newsletter", "facebook", "instagram", "tiktok", "partner_acme"])),
                ("utm_medium", pick(rng, ["cpc", "email", "social", "paid_social", "affiliate"])),
                ("utm_campaign", pick(rng, ["black_friday_2026", "winter-sale", "Q4 Retargeting (DE)", "xmas_gift_guide", "brand|search|exact"]))]
        if rng.random() < 0.5:
            out.append(("utm_content", pick(rng, ["hero_banner", "cta-bottom", "carousel_3", "v2"])))
        if rng.random() < 0.3:
            out.append(("utm_term", pick(rng, ["running shoes", "\"oak table\"", "laptop+16gb"])))
    if r < 0.15 or 0.25 <= r < 0.35:
        out.append(("gclid", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 86)))
        if rng.random() < 0.3:
            out.append(("gad_source", "1"))
    elif 0.35 <= r < 0.45:
        out.append(("fbclid", "IwAR" + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 58)))
    elif 0.45 <= r < 0.5:
        out.append(("msclkid", hexs(rng, 32)))
    elif 0.5 <= r < 0.53:
        out.append(("ttclid", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40)))
    elif 0.53 <= r < 0.56:
        out += [("mc_cid", hexs(rng, 10)), ("mc_eid", hexs(rng, 10))]
    return out


def facets(rng: random.Random) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    style = pick(rng, ["brackets", "brackets", "flat", "colon", "repeat"])
    brands = rng.sample(BRANDS, rng.randrange(0, 4))
    colours = rng.sample(COLOURS, rng.randrange(0, 3))
    sizes = rng.sample(SIZES, rng.randrange(0, 3))
    lo = rng.randrange(0, 200)
    hi = lo + rng.randrange(10, 800)
    if style == "brackets":
        out += [("filter[brand][]", b) for b in brands] + [("filter[color][]", c) for c in colours]
        out += [("filter[size][]", s) for s in sizes]
        if rng.random() < 0.6:
            out += [("price[gte]", str(lo)), ("price[lte]", str(hi))]
        if rng.random() < 0.3:
            out.append(("rating[gte]", pick(rng, ["3", "4", "4.5"])))
        if rng.random() < 0.3:
            out.append(("filter[in_stock]", "true"))
    elif style == "flat":
        if brands:
            out.append(("brand", ",".join(brands)))
        if colours:
            out.append(("color", "|".join(colours)))
        if rng.random() < 0.6:
            out.append(("price", pick(rng, [f"{lo}..{hi}", f"{lo}-{hi}", f"{lo}:{hi}", f"[{lo} TO {hi}]", f"<{hi}", f">={lo}"])))
        if rng.random() < 0.3:
            out.append(("year", f"{rng.randrange(2010, 2020)}-{rng.randrange(2020, 2027)}"))
    elif style == "colon":
        parts = [f"brand:{b}" for b in brands] + [f"colour:{c}" for c in colours] + [f"size:{s}" for s in sizes]
        if parts:
            out.append(("f", ";".join(parts)))
        if rng.random() < 0.5:
            out.append(("pmin", str(lo)))
            out.append(("pmax", str(hi)))
    else:
        out += [("brand", b) for b in brands] + [("size", s) for s in sizes]
        if rng.random() < 0.5:
            out += [("min_price", f"{lo}.00"), ("max_price", f"{hi}.99")]
    return out


def listing_params(rng: random.Random) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if rng.random() < 0.45:
        out.append((pick(rng, ["q", "q", "query", "search", "s", "keywords"]), pick(rng, TERMS)))
    out += facets(rng)
    if rng.random() < 0.6:
        out.append((pick(rng, ["sort", "sort", "order", "orderby", "sort_by"]), pick(rng, SORTS)))
    r = rng.random()
    if r < 0.3:
        out.append(("page", str(rng.randrange(2, 40))))
        if rng.random() < 0.5:
            out.append(("per_page", pick(rng, ["24", "48", "96"])))
    elif r < 0.5:
        out.append((pick(rng, ["cursor", "after", "page[after]", "next"]), cursor(rng)))
        if rng.random() < 0.5:
            out.append(("page[size]", pick(rng, ["20", "50"])))
    elif r < 0.6:
        out += [("offset", str(rng.randrange(0, 2000, 24))), ("limit", "24")]
    return out


def navigation(rng: random.Random) -> Request:
    host = pick(rng, HOSTS)
    path = "/" + pick(rng, ["c/", "category/", "", "collections/", "s/", "k/"]) + pick(rng, CATEGORIES)
    if path.startswith("/s/") or path.startswith("/k/"):
        path = pick(rng, ["/search", "/suche", "/recherche", "/buscar", "/szukaj", "/arama", "/search"])
    params = listing_params(rng) + utm(rng)
    if rng.random() < 0.15:
        params.append(("view", pick(rng, ["grid", "list"])))
    if rng.random() < 0.1:
        params.append(("lang", pick(rng, ["de", "fr", "en", "ja", "tr"])))
    if rng.random() < 0.2:
        rng.shuffle(params)
    qs = query(params, raw_brackets=rng.random() < 0.4)
    from_ad = any(k in ("gclid", "fbclid", "msclkid", "ttclid", "utm_source") for k, _ in params)
    referer = (pick(rng, ["https://www.example.com/", "https://l.example.net/", "https://mail.example.org/"]) if from_ad
               else f"https://{host}{pick(rng, ['/', '/c/shoes', '/search?q=boots'])}")
    lang = {"de": "de", "fr": "fr", "es": "es", "it": "it", "pl": "pl", "tr": "tr", "jp": "ja"}.get(host.split(".")[-1], "en")
    return browser_request(rng, "catalog_filters", "page", "GET", host, quote(path.replace("//", "/")), qs,
                           fetch_site="cross-site" if from_ad else "same-origin", referer=referer,
                           cookie=site_cookies(rng, pick(rng, ["php", "laravel", "next", "rails"]), analytics=0.8) if rng.random() < 0.85 else None,
                           lang=lang)


def api_fetch(rng: random.Random) -> Request:
    host = pick(rng, HOSTS)
    params = listing_params(rng)
    if rng.random() < 0.4:
        params.append((pick(rng, ["fields[products]", "fields", "select"]), pick(rng, FIELDS)))
    if rng.random() < 0.3:
        params.append(("include", pick(rng, INCLUDES)))
    if rng.random() < 0.3:
        params.append(("facets", pick(rng, ["brand,color,size,price", "*", "category.lvl0,category.lvl1"])))
    if rng.random() < 0.2:
        params.append(("locale", pick(rng, ["de-DE", "fr-FR", "ja-JP", "en-GB"])))
    style = rng.random()
    qs = url_query(params) if style < 0.4 else query(params, raw_brackets=style < 0.7)
    path = pick(rng, ["/api/products", "/api/v2/catalog/search", "/api/listings", "/_next/data/" + hexs(rng, 20) + "/search.json",
                      "/graphql/persisted/" + hexs(rng, 16), "/api/storefront/products"])
    extra = [("x-requested-with", "XMLHttpRequest")] if rng.random() < 0.3 else []
    if rng.random() < 0.3:
        extra.append(("x-session-id", uuid4(rng)))
    return browser_request(rng, "catalog_filters", "json", "GET", host, path, qs, mode="cors",
                           referer=f"https://{host}/c/{pick(rng, CATEGORIES)}", accept="application/json",
                           cookie=site_cookies(rng, pick(rng, ["next", "express", "php"]), analytics=0.7), extra=extra)


def search_post(rng: random.Random) -> Request:
    # some storefronts POST their search state as JSON (Algolia-style multi-query)
    shop = pick(rng, HOSTS)
    host = pick(rng, ["search.example.net", "catalog-search.example.com"])
    params = listing_params(rng)
    body = compact({"requests": [{"indexName": pick(rng, ["products_de", "products_en", "listings_prod"]),
                                  "params": url_query([*params, ("hitsPerPage", "24"), ("clickAnalytics", "true")])}]})
    return browser_request(rng, "catalog_filters", "json", "POST", host, "/1/indexes/*/queries",
                           "x-algolia-agent=" + "Algolia%20for%20JavaScript%20(4.24.0)%3B%20Browser",
                           body=body.encode(), content_type="application/x-www-form-urlencoded", mode="cors",
                           fetch_site="cross-site", referer=f"https://{shop}/", origin=f"https://{shop}",
                           accept="*/*", extra=[("x-algolia-application-id", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10)),
                                                ("x-algolia-api-key", hexs(rng, 32))])


def catalog_filters(rng: random.Random, n: int) -> list[Request]:
    makers = [navigation] * 5 + [api_fetch] * 4 + [search_post]
    return [pick(rng, makers)(rng) for _ in range(n)]
