# ruff: noqa: RUF001 - real text uses typographic characters
"""geo_maps: a mapping and GIS product (a Flask map app with MapLibre GL, a
tile server, a geocoding and routing API, a GeoServer-style OGC endpoint
and a STAC/OGC API Features service): vector and raster tiles, fonts and
sprites, geocoding in many languages and scripts, GeoJSON edits, WKT in
forms and query strings, bounding boxes, routing with waypoints and custom
models, CQL/ECQL and OGC filter parameters as OpenLayers, QGIS and OWSLib
send them, a SQL map API, KML/GPX/zip uploads and mobile location pings."""

from __future__ import annotations

import math
import random
from urllib.parse import quote

from .common import (
    Request,
    b64url,
    bearer,
    boundary_for,
    browser,
    browser_of,
    chars,
    client,
    cookie_jar,
    csrf,
    fake_zip,
    form,
    gson_json,
    hexs,
    ios_json,
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

SRC = "geo_maps"
WEB = "maps.example.com"
TILES = "tiles.example.net"
API = "api.maps.example.com"
OWS = "geo.example.org"
FEAT = "features.example.org"

CITIES = [  # (name, lon, lat)
    ("Lyon", 4.8357, 45.7640), ("Madrid", -3.7038, 40.4168), ("Berlin", 13.4050, 52.5200), ("Osaka", 135.5023, 34.6937),
    ("Amman", 35.9106, 31.9539), ("Saint Petersburg", 30.3351, 59.9343), ("Athens", 23.7275, 37.9838),
    ("Jaipur", 75.7873, 26.9124), ("Seoul", 126.9780, 37.5665), ("Shanghai", 121.4737, 31.2304), ("Bangkok", 100.5018, 13.7563),
    ("Haifa", 34.9896, 32.7940), ("Istanbul", 28.9784, 41.0082), ("Warsaw", 21.0122, 52.2297), ("Ho Chi Minh City", 106.6297, 10.8231),
    ("Galway", -9.0568, 53.2707), ("Limerick", -8.6305, 52.6638), ("Denver", -104.9903, 39.7392), ("São Paulo", -46.6333, -23.5505),
    ("Cape Town", 18.4241, -33.9249), ("Reykjavík", -21.9426, 64.1466), ("Québec", -71.2080, 46.8139), ("Zürich", 8.5417, 47.3769),
]
ADDRESSES = [
    ("Rue des Lilas 14, 69003 Lyon", "fr"), ("Calle del Almendro 7, 2º izq., 28005 Madrid", "es"),
    ("Kastanienweg 23a, 10435 Berlin", "de"), ("大阪府大阪市北区梅田3丁目4-5", "ja"), ("شارع الياسمين 12، عمّان", "ar"),
    ("ул. Садовая, д. 15, кв. 8, Санкт-Петербург", "ru"), ("Οδός Ερμού 42, Αθήνα 105 63", "el"), ("12, गांधी मार्ग, जयपुर", "hi"),
    ("서울특별시 마포구 양화로 45", "ko"), ("上海市徐汇区漕溪北路88号", "zh"), ("ถนนสุขุมวิท 21 แขวงคลองเตยเหนือ กรุงเทพมหานคร", "th"),
    ("רחוב הרצל 10, חיפה", "he"), ("İstiklal Cd. No:5, Beyoğlu/İstanbul", "tr"), ("ul. Świętokrzyska 18 lok. 4, 00-050 Warszawa", "pl"),
    ("12 Đường Lê Lợi, Quận 1, TP. Hồ Chí Minh", "vi"), ("Sráid an Chaisleáin, Gaillimh, H91 XK2P", "en"),
    ("St. Mary's Rd & O'Connell St, Limerick", "en"), ("1600 Elm St Apt #4, Springfield, IL 62701", "en"),
    ("Rua Augusta, 1500 - Consolação, São Paulo - SP, 01304-001", "pt"), ("Laugavegur 31, 101 Reykjavík", "en"),
    ("Bahnhofstrasse 1, 8001 Zürich", "de"), ("123 Main St., Denver, CO 80202", "en"), ("Rue Saint-Jean 6, Québec, QC G1R 1N8", "fr"),
    ("Via dell'Orso 21, 00186 Roma", "it"), ("Kerkstraat 12-III, 1017 GB Amsterdam", "nl"), ("Strandvägen 7B, 114 56 Stockholm", "sv"),
]
SEARCHES = ["coffee", "pharmacy open now", "Café de l'Horloge", "Bäckerei", "ラーメン", "मंदिर", "ev charging 50kw+",
            "parking near stadium", "O'Neill's pub", "hospital", "gare", "Hauptbahnhof", "park & ride", "wc", "post office",
            "playground (fenced)", "bike repair", "24h supermarket", "museo", "빵집", "мост", "Λιμάνι", "dog-friendly beach"]
PARTIALS = ["rue des li", "kastani", "梅田", "o'con", "st. ma", "1600 el", "ул. Сад", "İstik", "Świętok", "Lê L", "rua aug",
            "bahnhofs", "via dell'o", "kerkstr", "laugav", "서울 마포", "漕溪", "ถนนสุขุ", "רחוב הר", "Ερμ"]
LAYERS = ["topp:states", "osm:buildings", "city:parcels", "city:trees", "transport:bus_stops", "hydro:rivers",
          "landuse:zoning_2026", "census:tracts", "infra:streetlights", "parks:playgrounds"]


def near(rng: random.Random, city: tuple[str, float, float] | None = None, spread: float = 0.05) -> tuple[float, float]:
    _, lon, lat = city or pick(rng, CITIES)
    return round(lon + (rng.random() - 0.5) * spread, 6), round(lat + (rng.random() - 0.5) * spread, 6)


def tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2 ** z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def ring(rng: random.Random, lon: float, lat: float, k: int | None = None, r: float = 0.01) -> list[tuple[float, float]]:
    k = k or rng.randint(4, 9)
    pts = []
    for i in range(k):
        a = 2 * math.pi * i / k + rng.random() * 0.3
        d = r * (0.6 + rng.random() * 0.6)
        pts.append((round(lon + d * math.cos(a), 6), round(lat + d * math.sin(a) * 0.7, 6)))
    return [*pts, pts[0]]


def wkt_coords(pts: list[tuple[float, float]]) -> str:
    return ", ".join(f"{x} {y}" for x, y in pts)


def wkt(rng: random.Random, lon: float, lat: float) -> str:
    t = rng.random()
    if t < 0.25:
        return f"POINT({lon} {lat})"
    if t < 0.6:
        return f"POLYGON(({wkt_coords(ring(rng, lon, lat))}))"
    if t < 0.75:
        line = [(round(lon + i * 0.002, 6), round(lat + (rng.random() - 0.5) * 0.003, 6)) for i in range(rng.randint(3, 7))]
        return f"LINESTRING({wkt_coords(line)})"
    if t < 0.9:
        lines = []
        for _ in range(rng.randint(2, 3)):
            ox, oy = near(rng, ("", lon, lat), 0.02)
            lines.append("(" + wkt_coords([(round(ox + i * 0.001, 6), round(oy + i * 0.0007, 6)) for i in range(rng.randint(2, 5))]) + ")")
        return "MULTILINESTRING(" + ", ".join(lines) + ")"
    polys = ["((" + wkt_coords(ring(rng, *near(rng, ("", lon, lat), 0.03), r=0.004)) + "))" for _ in range(2)]
    return "MULTIPOLYGON(" + ", ".join(polys) + ")"


def bbox(rng: random.Random, lon: float, lat: float, d: float = 0.02) -> tuple[float, float, float, float]:
    w = d * (0.5 + rng.random())
    return round(lon - w, 6), round(lat - w * 0.6, 6), round(lon + w, 6), round(lat + w * 0.6, 6)


def polyline(pts: list[tuple[float, float]], precision: int = 5) -> str:
    """Google's encoded polyline algorithm (lat, lon order)."""
    out = []
    plat = plon = 0
    f = 10 ** precision
    for lon, lat in pts:
        ilat, ilon = round(lat * f), round(lon * f)
        for v in (ilat - plat, ilon - plon):
            v = ~(v << 1) if v < 0 else v << 1
            while v >= 0x20:
                out.append(chr((0x20 | (v & 0x1F)) + 63))
                v >>= 5
            out.append(chr(v + 63))
        plat, plon = ilat, ilon
    return "".join(out)


def app_cookie(rng: random.Random) -> str:
    return cookie_jar(rng, "flask", extra=[("map_view", f"{rng.randint(3, 18)}/{rng.uniform(-60, 60):.4f}/{rng.uniform(-120, 140):.4f}")], analytics=0.4)


REF = f"https://{WEB}/"


# ------------------------------------------------------------------ tiles, styles, fonts


def vector_tile(rng: random.Random) -> Request:
    lon, lat = near(rng, spread=0.4)
    z = rng.randint(6, 16)
    x, y = tile_xy(lon, lat, z)
    src = pick(rng, ["v3", "v3", "contours", "buildings-3d", "transit"])
    qs = pick(rng, ["", form([("key", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20))]), form([("v", "2026-11-28")])])
    return browser(rng, SRC, "vector_tile", "GET", TILES, f"/tiles/{src}/{z}/{x}/{y}.pbf", qs, referer=REF,
                   site="cross-site", origin=f"https://{WEB}", accept="*/*")


def raster_tile(rng: random.Random) -> Request:
    lon, lat = near(rng, spread=0.6)
    z = rng.randint(3, 19)
    x, y = tile_xy(lon, lat, z)
    layer, ext = pick(rng, [("satellite", "webp"), ("terrain", "png"), ("hillshade", "png"), ("satellite", "jpg")])
    retina = pick(rng, ["", "@2x"])
    return browser(rng, SRC, "raster_tile", "GET", TILES, f"/tiles/{layer}/{z}/{x}/{y}{retina}.{ext}", "",
                   referer=REF, site="cross-site", dest="image", mode="cors", origin=f"https://{WEB}",
                   accept="image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8")


def glyphs(rng: random.Random) -> Request:
    stack = pick(rng, ["Noto Sans Regular,Arial Unicode MS Regular", "Open Sans Semibold,Arial Unicode MS Bold",
                       "Noto Sans CJK JP Regular", "Noto Sans Arabic Regular,Noto Sans Regular", "Roboto Italic"])
    start = pick(rng, [0, 256, 512, 768, 1024, 8192, 12288, 19968, 44032, 65280])
    path = "/fonts/" + quote(stack, safe=",") + f"/{start}-{start + 255}.pbf"
    return browser(rng, SRC, "glyphs", "GET", TILES, path, "", referer=REF, site="cross-site", origin=f"https://{WEB}")


def style(rng: random.Random) -> Request:
    path = pick(rng, ["/styles/streets-v3/style.json", "/styles/dark/style.json", "/styles/outdoor/sprite@2x.json",
                      "/styles/outdoor/sprite@2x.png", "/styles/streets-v3/sprite.json", "/tiles/v3/tiles.json"])
    return browser(rng, SRC, "style", "GET", TILES, path, form([("lang", pick(rng, ["en", "de", "ja", "ar", "local"]))]),
                   referer=REF, site="cross-site", origin=f"https://{WEB}")


def map_page(rng: random.Random) -> Request:
    lon, lat = near(rng, spread=0.2)
    z = rng.uniform(9, 18)
    path = pick(rng, ["/", "/place/" + uuid4(rng)[:8], "/directions", "/my-maps/" + hexs(rng, 10)])
    frag_qs = form([("ll", f"{lat},{lon}"), ("z", f"{z:.2f}")] + ([("layer", pick(rng, ["satellite", "terrain", "transit", "bike"]))] if rng.random() < 0.4 else []))
    return browser(rng, SRC, "map_page", "GET", WEB, path, frag_qs, page=True, cookie=app_cookie(rng) if rng.random() < 0.6 else None,
                   site=pick(rng, ["none", "same-origin", "cross-site"]), referer=pick(rng, [None, "https://search.example.com/", REF]))


# ------------------------------------------------------------------ geocoding


def geocode(rng: random.Random) -> Request:
    addr, lang = pick(rng, ADDRESSES)
    pairs = [("q", addr), ("limit", str(pick(rng, [1, 5, 10]))), ("lang", lang)]
    if rng.random() < 0.4:
        pairs.append(("countrycodes", pick(rng, ["fr", "es", "de", "jp", "jo", "ru", "gr", "in", "kr", "cn", "th", "il", "tr", "pl", "vn", "ie", "us", "br"])))
    if rng.random() < 0.3:
        pairs.append(("format", pick(rng, ["geojson", "jsonv2"])))
    if rng.random() < 0.4:
        return browser(rng, SRC, "geocode", "GET", API, "/v1/search", uri_query(pairs), referer=REF, site="same-site",
                       origin=f"https://{WEB}", lang=lang, accept="application/json")
    return client(rng, SRC, "geocode", "GET", API, "/v1/search", form(pairs), lib=pick(rng, ["requests", "httpx", "go", "node"]),
                  extra=[("x-api-key", chars(rng, "abcdef0123456789", 32))])


def autocomplete(rng: random.Random) -> Request:
    lon, lat = near(rng)
    pairs = [("text", pick(rng, PARTIALS)), ("focus.point.lat", str(lat)), ("focus.point.lon", str(lon)), ("size", "7"),
             ("layers", pick(rng, ["address,venue,street", "venue", "locality,region"]))]
    return browser(rng, SRC, "autocomplete", "GET", API, "/v1/autocomplete", uri_query(pairs), referer=REF, site="same-site",
                   origin=f"https://{WEB}", accept="application/json")


def reverse(rng: random.Random) -> Request:
    lon, lat = near(rng)
    pairs = [("lat", str(lat)), ("lon", str(lon)), ("zoom", str(rng.choice([10, 14, 16, 18]))), ("addressdetails", "1"),
             ("accept-language", pick(rng, ["en", "de,en;q=0.8", "ja", "ar"]))]
    if rng.random() < 0.5:
        return client(rng, SRC, "reverse_geocode", "GET", API, "/v1/reverse", form(pairs), lib=pick(rng, ["okhttp", "ios"]),
                      auth=bearer(rng, "https://id.maps.example.com", "geo"), ua=pick(rng, ["Wayfarer/7.2.0 (Android 15) okhttp/4.12.0", "Wayfarer/7.2.1 CFNetwork/3860.100.1 Darwin/25.0.0"]))
    return browser(rng, SRC, "reverse_geocode", "GET", API, "/v1/reverse", form(pairs), referer=REF, site="same-site", origin=f"https://{WEB}")


def poi_bbox(rng: random.Random) -> Request:
    lon, lat = near(rng)
    b = bbox(rng, lon, lat)
    pairs = [("bbox", ",".join(str(v) for v in b)), ("category", pick(rng, ["cafe", "pharmacy", "ev_charger", "toilets", "playground", "hospital,clinic"])),
             ("limit", "200")]
    if rng.random() < 0.3:
        pairs.append(("q", pick(rng, SEARCHES)))
    if rng.random() < 0.3:
        pairs.append(("open_at", stamp(rng)[:16]))
    return browser(rng, SRC, "poi_bbox", "GET", WEB, "/api/pois", form(pairs), referer=REF, cookie=app_cookie(rng), accept="application/json")


def place_search(rng: random.Random) -> Request:
    lon, lat = near(rng)
    return browser(rng, SRC, "place_search", "GET", WEB, "/search", form([("q", pick(rng, SEARCHES)), ("near", f"{lat},{lon}"), ("r", pick(rng, ["500", "2km", "5km"]))]),
                   page=True, referer=REF, cookie=app_cookie(rng), lang=pick(rng, ["en", "de", "ja", "fr", "es", "ko"]))


# ------------------------------------------------------------------ features and geometry


def feature(rng: random.Random, lon: float, lat: float) -> dict[str, object]:
    kind = rng.random()
    geom: dict[str, object]
    if kind < 0.4:
        geom = {"type": "Point", "coordinates": [lon, lat]}
    elif kind < 0.75:
        geom = {"type": "Polygon", "coordinates": [[list(p) for p in ring(rng, lon, lat, r=0.002)]]}
    else:
        geom = {"type": "LineString", "coordinates": [[round(lon + i * 0.0011, 6), round(lat + (rng.random() - 0.5) * 0.001, 6)] for i in range(rng.randint(2, 8))]}
    props = {"name": pick(rng, ["Grandma's house", "Trailhead (north lot)", "Allotment #14", "Café l'Étoile", "Flood-prone corner",
                                "Fence line — check w/ neighbour", "Bus stop \"Market Sq.\"", "Picnic spot 🌳", "Zone B / phase 2"]),
             "notes": pick(rng, ["", "Ring twice — bell's broken", "Gate code is on the fridge :)", "Path closed Nov–Mar",
                                 "Measured on site 2026-11-12, ±0.5 m", "Parking: 4 €/day, cash only", "Owner: D'Souza (plot 7)"]),
             "category": pick(rng, ["home", "hike", "survey", "work", "misc"]), "stroke": pick(rng, ["#e03131", "#1971c2", "#2f9e44"]),
             "stroke-width": rng.choice([2, 3, 4]), "fill-opacity": 0.25}
    return {"type": "Feature", "geometry": geom, "properties": props}


def feature_create(rng: random.Random) -> Request:
    lon, lat = near(rng)
    obj = feature(rng, lon, lat)
    body = js_json(obj).encode()
    return browser(rng, SRC, "feature_create", "POST", WEB, f"/api/maps/{hexs(rng, 10)}/features", body=body,
                   ctype="application/geo+json", accept="application/geo+json, application/json", referer=REF,
                   cookie=app_cookie(rng), extra=csrf(rng, "flask"))


def feature_edit(rng: random.Random) -> Request:
    lon, lat = near(rng)
    obj = feature(rng, lon, lat)
    obj["id"] = rng.randrange(1, 10**6)
    method = pick(rng, ["PUT", "PATCH"])
    if method == "PATCH":
        obj = {"properties": {"notes": pick(rng, ["Updated after site visit", "Moved pin 20 m east", "name typo: O'Neil → O'Neill"])}}
    return browser(rng, SRC, "feature_edit", method, WEB, f"/api/maps/{hexs(rng, 10)}/features/{rng.randrange(1, 10**6)}",
                   body=js_json(obj).encode(), ctype="application/geo+json" if method == "PUT" else "application/merge-patch+json",
                   accept="application/json", referer=REF, cookie=app_cookie(rng), extra=csrf(rng, "flask"))


def collection_import(rng: random.Random) -> Request:
    lon, lat = near(rng)
    fc = {"type": "FeatureCollection", "name": pick(rng, ["survey_2026_11", "trees", "walk"]),
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
          "features": [feature(rng, *near(rng, ("", lon, lat), 0.01)) for _ in range(rng.randint(2, 6))]}
    return client(rng, SRC, "featurecollection_import", "POST", WEB, f"/api/maps/{hexs(rng, 10)}/import", body=py_json(fc).encode(),
                  ctype="application/geo+json", lib=pick(rng, ["requests", "httpx"]), auth="Token " + hexs(rng, 40))


def wkt_form(rng: random.Random) -> Request:
    """The 'draw an area' form: the geometry travels as WKT in a hidden field."""
    lon, lat = near(rng)
    pairs = [("csrf_token", "Im" + b64url(rbytes(rng, 30)) + "." + b64url(rbytes(rng, 20))),
             ("name", pick(rng, ["Study area A", "Delivery zone – north", "Noise complaint area", "Zone 30 (proposed)", "Plot 7 & 8"])),
             ("geometry", wkt(rng, lon, lat)), ("srid", "4326"),
             ("description", pick(rng, ["", "Drawn from the 2025 aerials; boundary approx.", "Includes the car park but not the school grounds."]))]
    return browser(rng, SRC, "wkt_form", "POST", WEB, "/areas/new", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, referer=f"https://{WEB}/areas/new", cookie=app_cookie(rng))


def wkt_query(rng: random.Random) -> Request:
    lon, lat = near(rng)
    pairs = [("intersects", wkt(rng, lon, lat)), ("srid", "4326"), ("layer", pick(rng, LAYERS)), ("limit", "500")]
    if rng.random() < 0.4:
        pairs.append(("buffer_m", str(rng.choice([10, 50, 250]))))
    return browser(rng, SRC, "wkt_query", "GET", WEB, "/api/features", form(pairs), referer=REF, cookie=app_cookie(rng), accept="application/json")


def geofence(rng: random.Random) -> Request:
    lon, lat = near(rng)
    obj = {"name": pick(rng, ["Depot", "School run", "Warehouse 3", "Home"]), "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring(rng, lon, lat, r=0.003)]]},
           "triggers": some(rng, ["enter", "exit", "dwell"], 1, 2), "dwell_seconds": rng.choice([60, 300, 900]),
           "notify": {"webhook": "https://ops.example.net/hooks/geofence?fleet=" + str(rng.randrange(100))}}
    return client(rng, SRC, "geofence_create", "POST", API, "/v1/geofences", body=js_json(obj).encode(), ctype="application/json",
                  lib="axios", auth="Bearer " + chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 40))


# ------------------------------------------------------------------ OGC: WMS, WFS, CQL, OGC API, STAC


def cql(rng: random.Random, lon: float, lat: float) -> str:
    b = bbox(rng, lon, lat)
    return pick(rng, [
        f"INTERSECTS(the_geom, POLYGON(({wkt_coords(ring(rng, lon, lat))})))",
        f"BBOX(the_geom, {b[0]}, {b[1]}, {b[2]}, {b[3]}, 'EPSG:4326')",
        f"DWITHIN(geom, POINT({lon} {lat}), {rng.choice([100, 250, 500, 1000])}, meters)",
        f"population > {rng.choice([5000, 50000, 100000])} AND country_code = '{pick(rng, ['FR', 'DE', 'ES', 'JP', 'IE'])}'",
        "name LIKE 'Saint%'", "name ILIKE '%straße%'", "strToLowerCase(owner) LIKE '%o''brien%'",
        "type IN ('school','hospital','library')", "status <> 'demolished' AND height_m BETWEEN 10 AND 40",
        "survey_date DURING 2026-01-01T00:00:00Z/2026-06-30T23:59:59Z", "owner IS NULL OR owner = ''",
        f"species = 'Quercus robur' AND dbh_cm >= {rng.choice([30, 50, 80])}", "INCLUDE",
        f"zone_code IN ('R1','R2','MU') AND NOT (area_m2 < {rng.choice([200, 400])})",
        "route_type = 3 AND wheelchair_boarding = 1", "lit = 'yes' OR lamp_type LIKE 'LED%'",
    ])


def wfs_getfeature(rng: random.Random) -> Request:
    lon, lat = near(rng)
    layer = pick(rng, LAYERS)
    pairs = [("service", "WFS"), ("version", pick(rng, ["2.0.0", "1.1.0"])), ("request", "GetFeature"), ("typeNames" if rng.random() < 0.6 else "typeName", layer),
             ("outputFormat", pick(rng, ["application/json", "application/json", "GML3", "shape-zip", "csv"])),
             ("srsName", pick(rng, ["EPSG:4326", "EPSG:3857", "urn:ogc:def:crs:EPSG::4326"]))]
    if rng.random() < 0.8:
        pairs.append(("CQL_FILTER", cql(rng, lon, lat)))
    else:
        pairs.append(("bbox", ",".join(str(v) for v in bbox(rng, lon, lat)) + ",EPSG:4326"))
    pairs.append(("count" if pairs[1][1] == "2.0.0" else "maxFeatures", str(pick(rng, [50, 100, 1000, 5000]))))
    if rng.random() < 0.3:
        pairs.append(("propertyName", pick(rng, ["name,type,the_geom", "id,species,dbh_cm,geom", "zone_code,area_m2"])))
    who = rng.random()
    if who < 0.45:
        return browser(rng, SRC, "wfs_getfeature", "GET", OWS, "/geoserver/ows", form(pairs), referer=REF, site="cross-site",
                       origin=f"https://{WEB}", accept="application/json, text/plain, */*")
    if who < 0.75:
        return client(rng, SRC, "wfs_getfeature", "GET", OWS, "/geoserver/ows", uri_query(pairs), lib="curl",
                      ua=pick(rng, ["Mozilla/5.0 QGIS/34400/Windows 11 Version 2009", "Mozilla/5.0 QGIS/34000/Ubuntu 24.04.3 LTS", "Mozilla/5.0 QGIS/34210/macOS 15.6"]))
    return client(rng, SRC, "wfs_getfeature", "GET", OWS, "/geoserver/ows", form(pairs), lib="requests", ua="OWSLib 0.32.1 (https://owslib.readthedocs.io)")


def wfs_post_filter(rng: random.Random) -> Request:
    lon, lat = near(rng)
    b = bbox(rng, lon, lat)
    layer = pick(rng, LAYERS)
    prop = pick(rng, [("name", "St*"), ("owner", "*O'Brien*"), ("species", "Tilia*")])
    xml = f"""<wfs:GetFeature xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" service="WFS" version="2.0.0" outputFormat="application/json" count="500">
  <wfs:Query typeNames="{layer}" srsName="EPSG:4326">
    <fes:Filter>
      <fes:And>
        <fes:BBOX>
          <fes:ValueReference>the_geom</fes:ValueReference>
          <gml:Envelope srsName="EPSG:4326">
            <gml:lowerCorner>{b[1]} {b[0]}</gml:lowerCorner>
            <gml:upperCorner>{b[3]} {b[2]}</gml:upperCorner>
          </gml:Envelope>
        </fes:BBOX>
        <fes:PropertyIsLike wildCard="*" singleChar="." escapeChar="!">
          <fes:ValueReference>{prop[0]}</fes:ValueReference>
          <fes:Literal>{prop[1]}</fes:Literal>
        </fes:PropertyIsLike>
      </fes:And>
    </fes:Filter>
  </wfs:Query>
</wfs:GetFeature>"""
    return browser(rng, SRC, "wfs_filter_post", "POST", OWS, "/geoserver/wfs", body=xml.encode(), ctype="text/xml; charset=UTF-8",
                   referer=REF, site="cross-site", origin=f"https://{WEB}", accept="application/json")


def wfs_transaction(rng: random.Random) -> Request:
    """QGIS saving edits to a WFS-T layer."""
    lon, lat = near(rng)
    layer = pick(rng, ["city:trees", "infra:streetlights", "parks:playgrounds"])
    ns, name = layer.split(":")
    pts = ring(rng, lon, lat, r=0.0005)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<Transaction xmlns="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:{ns}="http://{ns}.example.org" version="1.0.0" service="WFS">
  <Insert>
    <{layer}>
      <{ns}:the_geom>
        <gml:{"Point" if name != "playgrounds" else "Polygon"} srsName="EPSG:4326">
          {f'<gml:coordinates cs="," ts=" ">{lon},{lat}</gml:coordinates>' if name != "playgrounds" else '<gml:outerBoundaryIs><gml:LinearRing><gml:coordinates cs="," ts=" ">' + " ".join(f"{x},{y}" for x, y in pts) + '</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs>'}
        </gml:{"Point" if name != "playgrounds" else "Polygon"}>
      </{ns}:the_geom>
      <{ns}:notes>{pick(rng, ["Replaced 2026-11 &amp; re-staked", "Bench + bin", "New LED head (3000K)", "Surveyed by Ó Súilleabháin"])}</{ns}:notes>
      <{ns}:status>{pick(rng, ["active", "planned", "removed"])}</{ns}:status>
    </{layer}>
  </Insert>
  <Update typeName="{layer}">
    <Property><Name>status</Name><Value>inspected</Value></Property>
    <Filter xmlns="http://www.opengis.net/ogc"><FeatureId fid="{name}.{rng.randrange(1, 99999)}"/></Filter>
  </Update>
</Transaction>"""
    return client(rng, SRC, "wfs_transaction", "POST", OWS, "/geoserver/wfs", body=xml.encode(), ctype="text/xml",
                  lib="curl", ua="Mozilla/5.0 QGIS/34400/Windows 11 Version 2009",
                  auth="Basic " + b64url(f"surveyor{rng.randrange(1, 30)}:{chars(rng, 'abcdefghjkmnpqrstuvwxyz23456789', 12)}".encode()))


def wms(rng: random.Random) -> Request:
    lon, lat = near(rng)
    b = bbox(rng, lon, lat, 0.01)
    req = pick(rng, ["GetMap", "GetMap", "GetMap", "GetFeatureInfo", "GetLegendGraphic", "GetCapabilities"])
    pairs: list[tuple[str, str]] = [("SERVICE", "WMS"), ("VERSION", "1.3.0"), ("REQUEST", req)]
    if req == "GetCapabilities":
        pairs = [("SERVICE", "WMS"), ("REQUEST", "GetCapabilities"), ("VERSION", "1.3.0")]
    elif req == "GetLegendGraphic":
        pairs += [("FORMAT", "image/png"), ("LAYER", pick(rng, LAYERS)), ("STYLE", ""), ("LEGEND_OPTIONS", "fontAntiAliasing:true;fontSize:11;forceLabels:on")]
    else:
        layers = ",".join(some(rng, LAYERS, 1, 3))
        pairs += [("FORMAT", pick(rng, ["image/png", "image/png8", "image/jpeg"])), ("TRANSPARENT", "true"), ("LAYERS", layers), ("STYLES", ""),
                  ("CRS", "EPSG:4326"), ("WIDTH", "256"), ("HEIGHT", "256"), ("BBOX", f"{b[1]},{b[0]},{b[3]},{b[2]}")]
        if req == "GetFeatureInfo":
            pairs += [("QUERY_LAYERS", layers), ("INFO_FORMAT", pick(rng, ["application/json", "text/html"])), ("I", str(rng.randrange(256))), ("J", str(rng.randrange(256))),
                      ("FEATURE_COUNT", "10")]
        if rng.random() < 0.3:
            pairs.append(("CQL_FILTER", cql(rng, lon, lat)))
        if rng.random() < 0.2:
            pairs.append(("TIME", "2026-06-01/2026-11-30"))
    return browser(rng, SRC, "wms_" + req.lower(), "GET", OWS, "/geoserver/wms", form(pairs), referer=REF, site="cross-site",
                   dest="image" if req in ("GetMap", "GetLegendGraphic") else "empty",
                   accept="image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8" if req in ("GetMap", "GetLegendGraphic") else "*/*")


def wfs_meta(rng: random.Random) -> Request:
    req = pick(rng, ["GetCapabilities", "DescribeFeatureType"])
    pairs = [("SERVICE", "WFS"), ("REQUEST", req), ("VERSION", "2.0.0")]
    if req == "DescribeFeatureType":
        pairs.append(("TYPENAME", pick(rng, LAYERS)))
    return client(rng, SRC, "wfs_" + req.lower(), "GET", OWS, "/geoserver/ows", uri_query(pairs), lib="curl",
                  ua=pick(rng, ["Mozilla/5.0 QGIS/34400/Windows 11 Version 2009", "ArcGIS Pro 3.5.2 (00000000000) - ArcGISPro"]))


def ogcapi(rng: random.Random) -> Request:
    lon, lat = near(rng)
    coll = pick(rng, ["buildings", "trees", "parcels", "bus_stops", "addresses"])
    b = bbox(rng, lon, lat)
    pairs = [("f", "json"), ("limit", str(pick(rng, [10, 100, 1000]))), ("bbox", ",".join(str(v) for v in b))]
    if rng.random() < 0.7:
        filt = pick(rng, ["height > 25 AND roof_type = 'flat'", "S_INTERSECTS(geometry, " + f"POLYGON(({wkt_coords(ring(rng, lon, lat))})))",
                          "T_AFTER(built, DATE('1990-01-01'))", "street LIKE 'Rue de%' AND housenumber IN ('1','1bis','3')",
                          "CASEI(name) = casei('Café de l''Horloge')", "species IN ('Tilia cordata','Acer platanoides') AND height_m >= 8"])
        pairs += [("filter", filt), ("filter-lang", "cql2-text")]
    if rng.random() < 0.3:
        pairs.append(("datetime", "2026-01-01T00:00:00Z/.."))
    if rng.random() < 0.5:
        return client(rng, SRC, "ogcapi_items", "GET", FEAT, f"/collections/{coll}/items", uri_query(pairs), lib="requests",
                      accept="application/geo+json")
    return browser(rng, SRC, "ogcapi_items", "GET", FEAT, f"/collections/{coll}/items", form(pairs), referer=REF, site="cross-site",
                   origin=f"https://{WEB}", accept="application/geo+json")


def stac(rng: random.Random) -> Request:
    lon, lat = near(rng)
    obj: dict[str, object] = {"collections": some(rng, ["sentinel-2-l2a", "landsat-c2-l2", "naip", "dem-30m"], 1, 2),
                              "intersects": {"type": "Polygon", "coordinates": [[list(p) for p in ring(rng, lon, lat, r=0.05)]]},
                              "datetime": pick(rng, ["2026-06-01T00:00:00Z/2026-08-31T23:59:59Z", "2026-10-01/2026-11-30", "../2026-11-30T00:00:00Z"]),
                              "limit": 50}
    if rng.random() < 0.6:
        obj["filter-lang"] = "cql2-json"
        obj["filter"] = {"op": "and", "args": [{"op": "<", "args": [{"property": "eo:cloud_cover"}, rng.choice([5, 10, 20])]},
                                               {"op": "=", "args": [{"property": "s2:mgrs_tile"}, pick(rng, ["31TFL", "30TVK", "33UUU"])]}]}
    if rng.random() < 0.4:
        obj["sortby"] = [{"field": "properties.datetime", "direction": "desc"}]
    return client(rng, SRC, "stac_search", "POST", FEAT, "/stac/search", body=py_json(obj).encode(), ctype="application/json",
                  lib="requests", ua="pystac-client/0.9.0", accept="application/geo+json")


def sql_api(rng: random.Random) -> Request:
    """A CARTO-style SQL map API, called by the map app's dashboards and notebooks."""
    lon, lat = near(rng)
    b = bbox(rng, lon, lat)
    q = pick(rng, [
        f"SELECT name, ST_AsGeoJSON(the_geom) AS geom FROM parks WHERE ST_Intersects(the_geom, ST_MakeEnvelope({b[0]}, {b[1]}, {b[2]}, {b[3]}, 4326))",
        "SELECT zone_code, count(*) AS n, sum(area_m2) AS area FROM parcels GROUP BY zone_code ORDER BY area DESC",
        f"SELECT id, species, ST_Distance(geom::geography, ST_SetSRID(ST_Point({lon}, {lat}), 4326)::geography) AS d FROM trees ORDER BY d LIMIT 20",
        "SELECT * FROM bus_stops WHERE wheelchair_boarding = 1 AND name ILIKE '%market%'",
        "SELECT date_trunc('month', reported_at) AS month, category, count(*) FROM complaints WHERE reported_at >= '2026-01-01' GROUP BY 1, 2",
    ])
    pairs = [("q", q), ("format", pick(rng, ["GeoJSON", "json", "csv"])), ("api_key", chars(rng, "abcdef0123456789", 40))]
    return browser(rng, SRC, "sql_api", "GET", API, "/api/v2/sql", form(pairs), referer=f"https://{WEB}/dashboards/{hexs(rng, 8)}",
                   site="same-site", origin=f"https://{WEB}", accept="application/json")


# ------------------------------------------------------------------ routing


def osrm(rng: random.Random) -> Request:
    city = pick(rng, CITIES)
    pts = [near(rng, city, 0.15) for _ in range(rng.randint(2, 5))]
    profile = pick(rng, ["driving", "cycling", "walking"])
    coords = ";".join(f"{x},{y}" for x, y in pts)
    pairs = [("overview", pick(rng, ["full", "simplified", "false"])), ("geometries", pick(rng, ["polyline6", "geojson"])),
             ("steps", "true"), ("alternatives", pick(rng, ["true", "false", "2"]))]
    if rng.random() < 0.4:
        pairs.append(("annotations", "duration,distance,speed"))
    if rng.random() < 0.3:
        pairs.append(("exclude", pick(rng, ["toll", "motorway", "ferry", "toll,ferry"])))
    return browser(rng, SRC, "route_osrm", "GET", API, f"/route/v1/{profile}/{coords}", form(pairs), referer=f"https://{WEB}/directions",
                   site="same-site", origin=f"https://{WEB}", accept="application/json")


def valhalla(rng: random.Random) -> Request:
    city = pick(rng, CITIES)
    names = ["Home", "Work", "Kita St. Marien", "Grandma's", "Café l'Étoile", "Trailhead", "Station", None]
    locs = []
    for i in range(rng.randint(2, 4)):
        lon, lat = near(rng, city, 0.1)
        loc: dict[str, object] = {"lat": lat, "lon": lon, "type": "break" if i in (0,) else pick(rng, ["break", "through", "via"])}
        nm = pick(rng, names)
        if nm:
            loc["name"] = nm
        locs.append(loc)
    costing = pick(rng, ["auto", "bicycle", "pedestrian", "truck"])
    opts: dict[str, object] = {"bicycle": {"bicycle_type": "Hybrid", "use_hills": 0.3, "use_roads": 0.2},
                               "auto": {"use_tolls": 0.1, "use_highways": 0.6}, "pedestrian": {"walking_speed": 4.8, "step_penalty": 30},
                               "truck": {"height": 4.0, "width": 2.55, "weight": 18.0, "hazmat": False}}
    obj = {"locations": locs, "costing": costing, "costing_options": {costing: opts[costing]},
           "directions_options": {"units": pick(rng, ["kilometers", "miles"]), "language": pick(rng, ["en-US", "de-DE", "fr-FR", "ja-JP", "es-ES"])},
           "alternates": rng.randint(0, 2), "id": pick(rng, ["route", "my_work_route"])}
    if rng.random() < 0.5:
        return browser(rng, SRC, "route_valhalla", "POST", API, "/route", body=js_json(obj).encode(), ctype="application/json",
                       referer=f"https://{WEB}/directions", site="same-site", accept="application/json")
    return client(rng, SRC, "route_valhalla", "POST", API, "/route", body=gson_json(obj).encode(), ctype="application/json; charset=UTF-8",
                  lib="okhttp", auth=bearer(rng, "https://id.maps.example.com", "route"), ua="Wayfarer/7.2.0 (Android 15) okhttp/4.12.0")


def graphhopper(rng: random.Random) -> Request:
    city = pick(rng, CITIES)
    pts = [list(near(rng, city, 0.12)) for _ in range(rng.randint(2, 4))]
    model = {"priority": [{"if": "road_class == MOTORWAY", "multiply_by": "0"},
                          {"if": "surface == GRAVEL || surface == DIRT", "multiply_by": pick(rng, ["0.3", "0.8"])},
                          {"else_if": "max_speed > 60", "multiply_by": "0.5"}],
             "speed": [{"if": "true", "limit_to": str(rng.choice([25, 30, 90]))}]}
    obj = {"points": pts, "profile": pick(rng, ["bike", "car", "foot"]), "locale": pick(rng, ["en", "de", "fr", "pt_BR"]),
           "instructions": True, "calc_points": True, "points_encoded": False, "ch.disable": True, "custom_model": model,
           "snap_preventions": ["motorway", "ferry", "tunnel"], "details": ["road_class", "surface", "max_speed"]}
    return client(rng, SRC, "route_custom_model", "POST", API, "/gh/route", form([("key", hexs(rng, 36))]), body=py_json(obj).encode(),
                  ctype="application/json", lib="httpx")


def isochrone(rng: random.Random) -> Request:
    lon, lat = near(rng)
    pairs = [("point", f"{lat},{lon}"), ("time_limit", str(rng.choice([300, 600, 900, 1800]))), ("profile", pick(rng, ["foot", "bike", "car"])),
             ("buckets", str(rng.choice([1, 3]))), ("reverse_flow", pick(rng, ["false", "true"]))]
    return browser(rng, SRC, "isochrone", "GET", API, "/v1/isochrone", form(pairs), referer=f"https://{WEB}/reach", site="same-site",
                   origin=f"https://{WEB}", accept="application/json")


def static_map(rng: random.Random) -> Request:
    city = pick(rng, CITIES)
    lon, lat = near(rng, city)
    pts = [near(rng, city, 0.05) for _ in range(rng.randint(3, 10))]
    pairs = [("center", f"{lon},{lat}"), ("zoom", str(rng.randint(10, 16))), ("size", pick(rng, ["600x400", "1200x630", "300x200@2x"])),
             ("markers", f"pin-s-a+e03131({pts[0][0]},{pts[0][1]})|pin-s-b+1971c2({pts[-1][0]},{pts[-1][1]})"),
             ("path", "stroke:3|color:0x1971c2cc|enc:" + polyline(pts)), ("style", pick(rng, ["streets-v3", "outdoor", "dark"]))]
    return browser(rng, SRC, "static_map", "GET", API, "/static/v1", form(pairs), referer=pick(rng, [f"https://{WEB}/share/" + hexs(rng, 8), "https://blog.example.net/2026/11/our-walk/"]),
                   site="cross-site", dest="image", mode="no-cors", accept="image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8")


def elevation(rng: random.Random) -> Request:
    city = pick(rng, CITIES)
    pts = [near(rng, city, 0.08) for _ in range(rng.randint(5, 25))]
    obj = {"encoded_polyline": polyline(pts, 6), "shape_format": "polyline6", "range": True, "resample_distance": rng.choice([30, 50, 100])}
    return browser(rng, SRC, "elevation_profile", "POST", API, "/v1/height", body=js_json(obj).encode(), ctype="application/json",
                   referer=f"https://{WEB}/directions", site="same-site", accept="application/json")


def overpass(rng: random.Random) -> Request:
    lon, lat = near(rng)
    b = bbox(rng, lon, lat, 0.01)
    tag = pick(rng, ['"amenity"="cafe"', '"shop"="bakery"', '"highway"="bus_stop"', '"leisure"="playground"', '"amenity"="drinking_water"', '"name"~"^St\\\\.? Mary"'])
    q = (f"[out:json][timeout:25];\n(\n  node[{tag}]({b[1]},{b[0]},{b[3]},{b[2]});\n  way[{tag}]({b[1]},{b[0]},{b[3]},{b[2]});\n);\n"
         "out body;\n>;\nout skel qt;")
    return browser(rng, SRC, "overpass_query", "POST", API, "/overpass/interpreter", body=form([("data", q)]).encode(),
                   ctype="application/x-www-form-urlencoded; charset=UTF-8", referer=f"https://{WEB}/query", site="same-site",
                   accept="*/*", b=browser_of(rng, desktop=True))


# ------------------------------------------------------------------ uploads


def kml(rng: random.Random) -> str:
    marks = []
    for _ in range(rng.randint(1, 4)):
        lon, lat = near(rng)
        nm = pick(rng, ["Trailhead", "Viewpoint", "Grandma &amp; Grandpa's", "Lunch stop", "Camp 2"])
        desc = pick(rng, ["<![CDATA[<b>Parking:</b> 4 €/day<br/>Open 7–19h<br/><a href=\"https://trails.example.org/t/41\">trail info</a>]]>",
                          "<![CDATA[<img src=\"https://photos.example.net/p/8812.jpg\" width=\"240\"/><p>Great view at sunset!</p>]]>",
                          "Water refill available", "", "<![CDATA[Steep — <i>not</i> for buggies]]>"])
        marks.append(f"""    <Placemark>
      <name>{nm}</name>
      <description>{desc}</description>
      <styleUrl>#icon-1899-0288D1</styleUrl>
      <Point>
        <coordinates>{lon},{lat},0</coordinates>
      </Point>
    </Placemark>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <name>{pick(rng, ["Hike – Nov 2026", "Lisbon trip", "Field survey (north)", "Wedding venues"])}</name>
    <Style id="icon-1899-0288D1"><IconStyle><color>ffd18802</color><scale>1</scale></IconStyle></Style>
{chr(10).join(marks)}
  </Document>
</kml>
"""


def gpx(rng: random.Random) -> str:
    lon, lat = near(rng)
    pts = []
    ele = rng.uniform(50, 900)
    for i in range(rng.randint(6, 20)):
        lon += rng.uniform(-0.0008, 0.0012)
        lat += rng.uniform(-0.0005, 0.0009)
        ele += rng.uniform(-3, 4)
        pts.append(f'      <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{ele:.1f}</ele><time>2026-11-{rng.randint(1, 30):02d}T09:{i // 2:02d}:{(i * 29) % 60:02d}Z</time></trkpt>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="{pick(rng, ['Garmin Connect', 'StravaGPX', 'OsmAnd~ 5.1.4'])}" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
  <metadata><name>{pick(rng, ['Morning Ride', 'Sunday hike w/ Zoë & Kai', 'Lauf am Fluss', 'Boucle du lac'])}</name><time>{stamp(rng)}</time></metadata>
  <trk>
    <name>{pick(rng, ['Track 1', "Coast path (O'Neill's to the harbour)", 'Runde 3'])}</name>
    <type>{pick(rng, ['cycling', 'hiking', 'running'])}</type>
    <trkseg>
{chr(10).join(pts)}
    </trkseg>
  </trk>
</gpx>
"""


def upload(rng: random.Random) -> Request:
    b = browser_of(rng, desktop=rng.random() < 0.8)
    bd = boundary_for(rng, b.family)
    t = rng.random()
    if t < 0.4:
        data, fname, ct = kml(rng).encode(), pick(rng, ["doc.kml", "Hike – Nov 2026.kml", "venues.kml"]), "application/vnd.google-earth.kml+xml"
    elif t < 0.8:
        data, fname, ct = gpx(rng).encode(), pick(rng, ["Morning_Ride.gpx", "activity_18812345.gpx", "track.gpx"]), "application/gpx+xml"
    elif t < 0.9:
        nm = pick(rng, ["parcels", "trees_2026", "zones"])
        data, fname, ct = fake_zip(rng, [f"{nm}.shp", f"{nm}.shx", f"{nm}.dbf", f"{nm}.prj", f"{nm}.cpg"]), f"{nm}.zip", "application/zip"
    else:
        data, fname, ct = b"SQLite format 3\x00" + rbytes(rng, 900), "survey.gpkg", "application/geopackage+sqlite3"
    if b.family == "safari" and fname.endswith((".gpx", ".gpkg")):
        ct = "application/octet-stream"
    parts = [*text_parts([("map_id", hexs(rng, 10)), ("layer_name", fname.rsplit(".", 1)[0]), ("crs", "EPSG:4326")]), ("file", data, fname, ct)]
    body = multipart(parts, bd)
    return browser(rng, SRC, "file_import", "POST", WEB, "/api/imports", body=body, ctype=f"multipart/form-data; boundary={bd}",
                   accept="application/json", referer=f"https://{WEB}/my-maps/import", cookie=app_cookie(rng), extra=csrf(rng, "flask"), b=b)


def sld_upload(rng: random.Random) -> Request:
    layer = pick(rng, LAYERS).split(":")[1]
    sld = f"""<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc">
  <NamedLayer>
    <Name>{layer}</Name>
    <UserStyle>
      <Title>{layer} by status</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>planned</Name>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>planned</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#f59f00</CssParameter></Fill></Mark><Size>8</Size></Graphic></PointSymbolizer>
        </Rule>
        <Rule>
          <Name>other</Name>
          <ElseFilter/>
          <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#2f9e44</CssParameter></Fill></Mark><Size>6</Size></Graphic></PointSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
"""
    return client(rng, SRC, "style_upload", "PUT", OWS, f"/geoserver/rest/workspaces/city/styles/{layer}_status",
                  form([("raw", "true")]), body=sld.encode(), ctype="application/vnd.ogc.sld+xml", lib="requests",
                  auth="Basic " + b64url(b"gis-admin:" + hexs(rng, 16).encode()))


# ------------------------------------------------------------------ app API and mobile


def saved_place(rng: random.Random) -> Request:
    lon, lat = near(rng)
    g = pick(rng, ["Grandma's", "Work (new office)", "Dr. Ní Bhriain – dentist", "Climbing gym", "Kita", "Zoë & Kai's"])
    obj = {"name": g, "lat": lat, "lon": lon, "list": pick(rng, ["Favourites", "Want to go", "Lisbon 🇵🇹", "Work"]),
           "note": pick(rng, ["", "Side entrance on Elm St.", "Parking behind the church", "Closed Mondays!", "Ask for Ciarán"]),
           "icon": pick(rng, ["star", "home", "heart", "flag"])}
    ios = rng.random() < 0.5
    auth = bearer(rng, "https://id.maps.example.com", "places")
    if ios:
        return client(rng, SRC, "saved_place", "POST", API, "/v1/me/places", body=ios_json(obj).encode(), ctype="application/json",
                      lib="ios", auth=auth, ua="Wayfarer/7.2.1 CFNetwork/3860.100.1 Darwin/25.0.0")
    return browser(rng, SRC, "saved_place", "POST", WEB, "/api/me/places", body=js_json(obj).encode(), ctype="application/json",
                   accept="application/json", referer=REF, cookie=app_cookie(rng), extra=csrf(rng, "flask"))


def location_ping(rng: random.Random) -> Request:
    lon, lat = near(rng)
    obj = {"trip_id": uuid4(rng), "points": [{"lat": round(lat + i * 1e-4, 6), "lon": round(lon + i * 1.3e-4, 6), "acc": rng.choice([5, 8, 12, 30]),
                                               "spd": round(rng.uniform(0, 14), 1), "brg": rng.randrange(360), "t": 1_795_000_000_000 + i * 5000}
                                              for i in range(rng.randint(1, 6))],
           "battery": round(rng.random(), 2), "charging": rng.random() < 0.2}
    return client(rng, SRC, "location_ping", "POST", API, "/v1/trips/points", body=gson_json(obj).encode(), ctype="application/json; charset=UTF-8",
                  lib="okhttp", auth=bearer(rng, "https://id.maps.example.com", "trips"), ua="Wayfarer/7.2.0 (Android 15) okhttp/4.12.0")


def offline_region(rng: random.Random) -> Request:
    lon, lat = near(rng, spread=0.5)
    b = bbox(rng, lon, lat, 0.2)
    obj = {"bounds": list(b), "minzoom": 8, "maxzoom": rng.choice([14, 15, 16]), "style": "outdoor",
           "name": pick(rng, ["Lake District", "Picos de Europa", "Connemara", "Hokkaidō trip", "Schwarzwald"])}
    return client(rng, SRC, "offline_region", "POST", API, "/v1/offline/regions", body=ios_json(obj).encode(), ctype="application/json",
                  lib="ios", auth=bearer(rng, "https://id.maps.example.com", "offline"), ua="Wayfarer/7.2.1 CFNetwork/3860.100.1 Darwin/25.0.0")


def share(rng: random.Random) -> Request:
    obj = {"map_id": hexs(rng, 10), "visibility": pick(rng, ["link", "public", "team"]), "allow_edits": rng.random() < 0.3,
           "message": pick(rng, ["", "Route for Saturday — meet at the café 9:30!", "Here's the survey area, pls check the north edge"])}
    return browser(rng, SRC, "share_map", "POST", WEB, "/api/shares", body=js_json(obj).encode(), ctype="application/json",
                   accept="application/json", referer=REF, cookie=app_cookie(rng), extra=csrf(rng, "flask"))


def measure(rng: random.Random) -> Request:
    lon, lat = near(rng)
    obj = {"type": pick(rng, ["distance", "area"]), "geometry_wkt": wkt(rng, lon, lat), "units": pick(rng, ["metric", "imperial"]),
           "label": pick(rng, ["fence length", "roof area (approx.)", "garden", ""])}
    return browser(rng, SRC, "measurement", "POST", WEB, "/api/measurements", body=js_json(obj).encode(), ctype="application/json",
                   accept="application/json", referer=REF, cookie=app_cookie(rng), extra=csrf(rng, "flask"))


def geo_maps(rng: random.Random, n: int) -> list[Request]:
    makers = [
        (22, vector_tile), (8, raster_tile), (4, glyphs), (3, style), (6, map_page), (10, geocode), (8, autocomplete),
        (5, reverse), (6, poi_bbox), (3, place_search), (5, feature_create), (4, feature_edit), (2, collection_import),
        (4, wkt_form), (4, wkt_query), (1, geofence), (8, wfs_getfeature), (2, wfs_post_filter), (2, wfs_transaction),
        (7, wms), (2, wfs_meta), (4, ogcapi), (2, stac), (3, sql_api), (5, osrm), (4, valhalla), (2, graphhopper),
        (2, isochrone), (3, static_map), (2, elevation), (2, overpass), (5, upload), (1, sld_upload), (3, saved_place),
        (4, location_ping), (1, offline_region), (2, share), (2, measure),
    ]
    return run(rng, n, makers)
