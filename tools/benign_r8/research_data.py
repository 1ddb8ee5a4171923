# ruff: noqa: RUF001 - real text uses typographic characters
"""A scientific data portal ("Meridian Research Data", an ocean and
astronomy observatory's repository): dataset search with field, boolean,
range and spatial syntax; landing pages; deposit metadata forms (creators
with ORCID iDs, related identifiers for code and notebooks, funding);
uploads of CSV, NetCDF, FITS, HDF5 and Parquet files, also resumable; DOI
minting; a JSON:API with bracketed filters; ERDDAP and OPeNDAP subsetting
URLs; a TAP service taking ADQL; a SPARQL endpoint; a STAC API with CQL2
filters; citation exports and reference-list uploads in BibTeX and RIS;
OAI-PMH harvesters; scripted bulk downloads from R, MATLAB, wget and Python.
"""

from __future__ import annotations

import base64
import random
import struct
from urllib.parse import quote

from .common import (
    AGENTS,
    ALNUM,
    Part,
    Request,
    api,
    boundary_for,
    chars,
    date_on,
    form,
    hexs,
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
    xsrf,
)

SRC = "research_data"
DATA = "data.meridian-research.example.org"
API = "api.meridian-research.example.org"
ERDDAP = "erddap.meridian-research.example.org"
TAP = "tap.meridian-research.example.org"
STAC = "stac.meridian-research.example.org"
UPLOAD = "upload.meridian-research.example.org"
proxied("nginx", DATA, API, ERDDAP, TAP, STAC, UPLOAD)

SEARCHES = [
    'title:"sea surface temperature" AND keywords:(argo OR glider) AND temporal:[2019-01-01 TO 2024-12-31]',
    "variables:chlor_a AND format:NetCDF", 'salin* -"model output"', 'spatial:"POLYGON((-10 50, 2 50, 2 60, -10 60, -10 50))" AND type:dataset',
    "creator.name:Nakagawa~ AND year:>=2020", 'subject:"Astronomy & Astrophysics" NOT retracted:true', '(soil OR sediment) AND "heavy metals" AND license:CC-BY-4.0',
    "doi:10.5072/MRD.*", "NGC 7331 H-alpha", "dissolved oxygen buoy hourly", 'instrument:"QHY600M" AND exptime:[120 TO *]', "funder.award:NE/X0*",
    "title:(plankton OR phytoplankton) AND region:\"Celtic Sea\"", "δ18O foraminifera", "keywords:\"ocean acidification\" AND has:notebook",
]
VARIABLES = ["analysed_sst", "chlor_a", "temp", "psal", "doxy", "pres", "u10", "v10", "Kd_490"]


def _orcid(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(15)]
    digits[0:4] = [0, 0, 0, 0]
    digits[4] = rng.choice([1, 2, 3])
    total = 0
    for d in digits:
        total = (total + d) * 2
    check = (12 - total % 11) % 11
    s = "".join(map(str, digits)) + ("X" if check == 10 else str(check))
    return "-".join(s[i:i + 4] for i in range(0, 16, 4))


def _doi(rng: random.Random) -> str:
    return f"10.5072/MRD.{rng.randint(1000, 9999)}"


def _site(rng: random.Random) -> str:
    return jar(rng, "django", tracking=0.3, extra=[("mrd_consent", "essential")])


def _token(rng: random.Random) -> str:
    return f"Token mrd_{chars(rng, ALNUM, 40)}"


def _creator(rng: random.Random) -> dict[str, object]:
    g, f = human(rng)
    return {"name": f"{f}, {g}", "givenName": g, "familyName": f, "nameType": "Personal",
            "nameIdentifiers": [{"nameIdentifier": _orcid(rng), "nameIdentifierScheme": "ORCID"}],
            "affiliation": [pick(rng, ["Meridian Ocean Observatory", "University of Ashcombe, School of Earth Sciences", "Glenmoray Marine Lab", "Cedar Falls Institute of Astronomy"])]}


# ------------------------------------------------------------------ small science files


def _fits(rng: random.Random) -> bytes:
    g, f = human(rng)
    cards = ["SIMPLE  =                    T / conforms to FITS standard", "BITPIX  =                  -32 / array data type",
             "NAXIS   =                    2 / number of array dimensions", "NAXIS1  =                 2048", "NAXIS2  =                 2048",
             f"OBJECT  = '{pick(rng, ['NGC 7331', 'M 33', 'IC 1396', 'SN 2026abc'])}'           / target", "TELESCOP= 'MRO-1.2m'", "INSTRUME= 'QHY600M '",
             f"DATE-OBS= '2026-{rng.randint(8, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(18, 23)}:{rng.randint(10, 59)}:08.120'",
             f"EXPTIME =                {pick(rng, ['300.0', '120.0', '600.0'])} / [s]", f"FILTER  = '{pick(rng, ['Ha 7nm', 'OIII 7nm', 'L', 'g-sdss'])}'",
             f"RA      =            {rng.uniform(0, 360):.5f}", f"DEC     =            {rng.uniform(-20, 70):.6f}", "EQUINOX =               2000.0",
             f"OBSERVER= '{g[0]}. {f}'", "COMMENT Calibrated: bias, dark & flat (pipeline v2.3)", "HISTORY ccdproc 2.4.2", "END"]
    header = "".join(c.encode("ascii", "replace").decode()[:80].ljust(80) for c in cards)
    header = header.ljust(2880)
    return header.encode("ascii") + rbytes(rng, rng.randint(400, 1200))


def _nc_name(s: str) -> bytes:
    raw = s.encode()
    return struct.pack(">I", len(raw)) + raw + b"\0" * (-len(raw) % 4)


def _netcdf(rng: random.Random) -> bytes:
    dims = [("time", 0), ("lat", rng.choice([180, 720])), ("lon", rng.choice([360, 1440]))]
    out = b"CDF\x01" + struct.pack(">I", rng.randint(1, 400))
    out += struct.pack(">II", 0x0A, len(dims)) + b"".join(_nc_name(n) + struct.pack(">I", size) for n, size in dims)
    atts = [("title", pick(rng, ["Daily SST, Celtic Sea, 0.25 deg", "Chlorophyll-a L3 composite", "Glider section MRD-G2, CTD"])), ("Conventions", "CF-1.8, ACDD-1.3"),
            ("institution", "Meridian Ocean Observatory"), ("history", f"{date_on(rng)} created with xarray 2025.10.1")]
    out += struct.pack(">II", 0x0C, len(atts))
    for n, v in atts:
        val = v.encode()
        out += _nc_name(n) + struct.pack(">II", 2, len(val)) + val + b"\0" * (-len(val) % 4)
    return out + b"\0" * 8 + rbytes(rng, rng.randint(300, 900))


def _csv(rng: random.Random) -> str:
    lines = [f"# station: MRD-BUOY-0{rng.randint(1, 9)}", f"# lat: {rng.uniform(49.5, 51.5):.3f}, lon: {rng.uniform(-6.5, -3.5):.3f}",
             "# units: time=UTC, temp=degC, sal=PSU, do=mg/L; missing = -9999", "time,depth_m,temp_c,salinity_psu,do_mgl,qc_flag"]
    for h in range(rng.randint(5, 14)):
        temp = pick(rng, [f"{rng.uniform(11, 16):.2f}"] * 6 + ["NaN", "-9999"])
        lines.append(f"2026-10-{rng.randint(1, 28):02d}T{h:02d}:00:00Z,{pick(rng, ['1.5', '5.0', '10.0'])},{temp},{rng.uniform(34.8, 35.4):.2f},{rng.uniform(6.5, 8.5):.2f},{pick(rng, '1114')}")
    return "\n".join(lines) + "\n"


def _file(rng: random.Random) -> Part:
    k = rng.randrange(6)
    if k == 0:
        return ("file", _csv(rng).encode(), pick(rng, ["buoy07_2026-10.csv", "CTD_profiles_v2.csv", "data (final).csv"]), "text/csv")
    if k == 1:
        return ("file", _netcdf(rng), pick(rng, ["sst_daily_2024.nc", "chl_L3_8day_202609.nc", "glider_MRD-G2_section14.nc"]), "application/x-netcdf")
    if k == 2:
        return ("file", _fits(rng), pick(rng, ["NGC7331_Ha_300s_0014.fits", "light_L_120s_bin1_001.fit", "SN2026abc_g_stack.fits"]), "image/fits")
    if k == 3:
        return ("file", b"\x89HDF\r\n\x1a\n\x00\x00\x00\x00\x00\x08\x08\x00\x04\x00\x10\x00" + rbytes(rng, rng.randint(300, 900)), "model_run_042.h5", "application/x-hdf5")
    if k == 4:
        return ("file", b"PAR1" + rbytes(rng, rng.randint(300, 900)) + b"PAR1", "observations_2019_2026.parquet", "application/vnd.apache.parquet")
    return ("file", (pick(rng, ["import xarray as xr\nds = xr.open_dataset('sst_daily_2024.nc')\nds.analysed_sst.sel(lat=slice(48, 52)).mean('time').plot()\n",
                                "library(ncdf4)\nnc <- nc_open(\"chl_L3_8day_202609.nc\")\nchl <- ncvar_get(nc, \"chlor_a\")\nimage(log10(chl))\n"])).encode(),
            pick(rng, ["plot_sst.py", "read_chl.R"]), "text/x-python" if k % 2 else "text/plain")


# ------------------------------------------------------------------ discovery


def search(rng: random.Random) -> Request:
    q = pick(rng, SEARCHES)
    if rng.random() < 0.55:
        pairs = [("q", q), ("sort", pick(rng, ["relevance", "-published", "title"])), ("type", pick(rng, ["", "dataset", "software"])),
                 ("f.subject", pick(rng, ["", "Oceanography", "Astronomy & Astrophysics"])), ("page", str(rng.randint(1, 4)))]
        return web(rng, SRC, "dataset_search", "GET", DATA, "/search", qs([(k, v) for k, v in pairs if v]), nav=True, cookie=_site(rng),
                   ref=f"https://{DATA}/", site=pick(rng, ["same-origin", "none"]))
    return api(rng, SRC, "search_api", "GET", API, "/api/records", uri_query([("q", q), ("size", pick(rng, ["20", "100"])), ("page", str(rng.randint(1, 9))), ("sort", pick(rng, ["mostrecent", "bestmatch"])), ("all_versions", "false")]),
               tool=pick(rng, ["requests", "r", "curl", "httpx"]), accept="application/json")


def landing(rng: random.Random) -> Request:
    rid = rng.randint(1000, 99999)
    return web(rng, SRC, "landing_page", "GET", DATA, f"/records/{rid}", pick(rng, ["", "", f"v={rng.randint(1, 4)}", "preview=1&file=data.csv", "tab=files"]), nav=True,
               site=pick(rng, ["cross-site", "none", "same-origin"]), ref=pick(rng, ["https://doi.example.org/", "https://scholar.example.com/", f"https://{DATA}/search?q=sst"]),
               cookie=_site(rng) if rng.random() < 0.5 else None)


def jsonapi(rng: random.Random) -> Request:
    pairs = [("filter[subject]", pick(rng, ["oceanography", "astronomy", "geochemistry"])), ("filter[temporal][gte]", date_on(rng)[:4] + "-01-01"),
             ("filter[bbox]", pick(rng, ["-10,48,2,60", "-6.5,49.5,-3.5,51.5"])), ("filter[format]", pick(rng, ["netcdf", "csv", "fits"])),
             ("fields[datasets]", "title,doi,temporal,spatial,license"), ("include", pick(rng, ["creators", "files", "creators,files"])), ("page[size]", "50"),
             ("page[number]", str(rng.randint(1, 5))), ("sort", pick(rng, ["-published", "title"]))]
    return api(rng, SRC, "jsonapi_query", "GET", API, "/v2/datasets", uri_query(some(rng, pairs, 4, 9)), tool=pick(rng, ["requests", "r", "node", "go"]),
               accept="application/vnd.api+json", auth=pick(rng, [None, _token(rng)]))


def _erddap_q(raw: str) -> str:
    return quote(raw, safe="=&,()[]:!*'-._~/")


def erddap(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        v = pick(rng, ["analysed_sst", "chlor_a", "Kd_490"])
        lat0 = rng.randint(45, 55)
        lon0 = rng.randint(-12, -2)
        raw = f"{v}[(2024-{rng.randint(1, 6):02d}-01T09:00:00Z):1:(2024-{rng.randint(7, 12):02d}-01T09:00:00Z)][({lat0}.0):1:({lat0 + 5}.0)][({lon0}.0):1:({lon0 + 6}.0)]"
        ext = pick(rng, ["csv", "nc", "json", "png", "htmlTable"])
        return api(rng, SRC, "erddap_griddap", "GET", ERDDAP, f"/erddap/griddap/{pick(rng, ['sst_daily_025', 'chl_L3_8day', 'kd490_monthly'])}.{ext}", _erddap_q(raw),
                   tool=pick(rng, ["requests", "r", "curl", "wget"]), ua=pick(rng, [None, "erddapy/2.2.4", "rerddap/1.1.0"]))
    raw = (f"platform_number,time,latitude,longitude,pres,temp,psal&time>={date_on(rng)}&time<{date_on(rng, ahead=True)}&latitude>={rng.randint(40, 50)}"
           f"&latitude<={rng.randint(51, 60)}&pres<={pick(rng, ['10', '50', '200'])}&orderBy(\"time\")")
    if rng.random() < 0.5:
        raw += f'&platform_number="{rng.randint(1900000, 7900000)}"'
    return web(rng, SRC, "erddap_tabledap", "GET", ERDDAP, f"/erddap/tabledap/argo_profiles.{pick(rng, ['htmlTable', 'csv', 'json'])}", _erddap_q(raw), nav=True,
               ref=f"https://{ERDDAP}/erddap/tabledap/argo_profiles.html")


def opendap(rng: random.Random) -> Request:
    raw = pick(rng, [f"temperature[0:1:{rng.randint(10, 200)}][0:1:0],depth", "time,lat,lon,analysed_sst[0:1:0][100:1:140][300:1:360]",
                     f'doxy,pres&time>="2024-0{rng.randint(1, 9)}-01"&pres<50'])
    return api(rng, SRC, "opendap_subset", "GET", ERDDAP, f"/opendap/hyrax/ocean/{pick(rng, ['glider_2024.nc', 'sst_daily_2024.nc', 'buoy07.nc'])}.{pick(rng, ['ascii', 'dods', 'nc4'])}",
               _erddap_q(raw), tool=pick(rng, ["curl", "requests", "r"]),
               ua=pick(rng, [None, "netCDF-C/4.9.2", "pydap/3.5.1"]))


ADQL = [
    "SELECT TOP 100 source_id, ra, dec, phot_g_mean_mag FROM survey.sources WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, 1.0)) AND phot_g_mean_mag < 14 ORDER BY phot_g_mean_mag",
    "SELECT o.obs_id, o.t_min, o.t_max, o.em_min, o.access_url FROM ivoa.obscore AS o WHERE o.dataproduct_type = 'image' AND o.s_ra BETWEEN {ra} AND {ra2} AND o.obs_collection LIKE 'MRO%'",
    "SELECT COUNT(*) AS n, FLOOR(phot_g_mean_mag) AS gbin FROM survey.sources GROUP BY gbin HAVING COUNT(*) > 10 ORDER BY gbin",
    "SELECT s.*, DISTANCE(POINT('ICRS', s.ra, s.dec), POINT('ICRS', t.ra, t.dec)) AS dist FROM survey.sources AS s JOIN TAP_UPLOAD.targets AS t ON 1 = CONTAINS(POINT('ICRS', s.ra, s.dec), CIRCLE('ICRS', t.ra, t.dec, 0.0014))",
    "SELECT column_name, datatype, unit, ucd FROM TAP_SCHEMA.columns WHERE table_name = 'survey.sources' ORDER BY column_index",
    "SELECT TOP 50 obs_id, target_name, filter, exptime FROM mro.frames WHERE target_name = 'NGC 7331' AND filter IN ('Ha 7nm', 'OIII 7nm') AND exptime >= 300",
]


def tap(rng: random.Random) -> Request:
    ra = rng.uniform(0, 350)
    query = pick(rng, ADQL).replace("TOP 100", f"TOP {pick(rng, [100, 500, 2000])}").replace("> 10", f"> {rng.randint(5, 50)}").replace("{ra}", f"{ra:.3f}").replace("{ra2}", f"{ra + 10:.3f}").replace("{dec}", f"{rng.uniform(-30, 70):.3f}")
    pairs = [("REQUEST", "doQuery"), ("LANG", "ADQL"), ("FORMAT", pick(rng, ["votable", "csv", "votable/td", "application/x-votable+xml;serialization=binary2"])), ("QUERY", query)]
    k = rng.randrange(3)
    if k == 0:
        return api(rng, SRC, "tap_sync", "POST", TAP, "/tap/sync", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", tool="requests",
                   ua=pick(rng, ["pyvo/1.6 astropy/7.1.0 python-requests/2.32.5", "python-requests/2.32.5"]))
    if k == 1:
        return api(rng, SRC, "tap_async_create", "POST", TAP, "/tap/async", body=form([*pairs, ("PHASE", "RUN"), ("MAXREC", pick(rng, ["10000", "2000000"]))]).encode(),
                   ctype="application/x-www-form-urlencoded", tool="java", ua="TOPCAT/4.10-1 (Java 21.0.5; Linux amd64) STIL/4.3-2")
    return api(rng, SRC, "tap_sync_get", "GET", TAP, "/tap/sync", uri_query(pairs), tool="curl")


def tap_upload(rng: random.Random) -> Request:
    rows = "".join(f"<TR><TD>{rng.uniform(0, 360):.5f}</TD><TD>{rng.uniform(-30, 70):.5f}</TD><TD>t{i}</TD></TR>" for i in range(rng.randint(3, 8)))
    vot = ('<?xml version="1.0" encoding="UTF-8"?>\n<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE name="targets">'
           '<FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main"/><FIELD name="dec" datatype="double" unit="deg" ucd="pos.eq.dec;meta.main"/>'
           f'<FIELD name="id" datatype="char" arraysize="*"/><DATA><TABLEDATA>{rows}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n')
    b = boundary_for(rng, tool="requests")
    parts: list[Part] = [*text_parts([("REQUEST", "doQuery"), ("LANG", "ADQL"), ("QUERY", ADQL[3]), ("UPLOAD", "targets,param:targets")]),
                         ("targets", vot.encode(), "targets.xml", "application/x-votable+xml")]
    return api(rng, SRC, "tap_upload_join", "POST", TAP, "/tap/sync", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", tool="requests",
               ua="pyvo/1.6 astropy/7.1.0 python-requests/2.32.5")


SPARQL = [
    'PREFIX dcat: <http://www.w3.org/ns/dcat#>\nPREFIX dct: <http://purl.org/dc/terms/>\nSELECT ?ds ?title WHERE {\n  ?ds a dcat:Dataset ;\n      dct:title ?title ;\n'
    '      dcat:keyword "salinity" .\n  FILTER(LANG(?title) = "en")\n} LIMIT 50',
    "PREFIX dct: <http://purl.org/dc/terms/>\nSELECT (COUNT(?ds) AS ?n) ?year WHERE {\n  ?ds dct:issued ?d .\n  BIND(YEAR(?d) AS ?year)\n} GROUP BY ?year ORDER BY DESC(?year)",
    'PREFIX dcat: <http://www.w3.org/ns/dcat#>\nPREFIX dct: <http://purl.org/dc/terms/>\nSELECT ?ds ?url WHERE {\n  ?ds dcat:distribution ?dist .\n  ?dist dcat:mediaType "application/x-netcdf" ;\n'
    "        dcat:downloadURL ?url .\n  OPTIONAL { ?ds dct:license ?lic }\n  FILTER(!BOUND(?lic) || CONTAINS(STR(?lic), \"by/4.0\"))\n}",
]


def sparql(rng: random.Random) -> Request:
    q = pick(rng, SPARQL)
    q += f" OFFSET {rng.randint(0, 40) * 50}" if "LIMIT" in q else f"\nLIMIT {pick(rng, [100, 500, 1000, 5000])} OFFSET {rng.randint(0, 20) * 100}"
    if rng.random() < 0.5:
        return api(rng, SRC, "sparql_get", "GET", API, "/sparql", uri_query([("query", q)]), tool=pick(rng, ["requests", "java"]), accept="application/sparql-results+json",
                   ua=pick(rng, ["sparqlwrapper 2.0.0 (rdflib.github.io/sparqlwrapper)", None]))
    return api(rng, SRC, "sparql_post", "POST", API, "/sparql", body=q.encode(), ctype="application/sparql-query", tool=pick(rng, ["requests", "node"]),
               accept="application/sparql-results+json")


def stac(rng: random.Random) -> Request:
    lon, lat = rng.uniform(-8, 1), rng.uniform(49, 56)
    obj: dict[str, object] = {"collections": some(rng, ["sentinel-2-l2a", "landsat-c2-l2", "mrd-sst-daily"], 1, 2), "bbox": [round(lon, 3), round(lat, 3), round(lon + 0.8, 3), round(lat + 0.6, 3)],
                              "datetime": f"2026-0{rng.randint(5, 7)}-01T00:00:00Z/2026-0{rng.randint(8, 9)}-30T23:59:59Z", "limit": pick(rng, [50, 100, 250]),
                              "sortby": [{"field": "properties.datetime", "direction": "desc"}]}
    if rng.random() < 0.5:
        obj["filter-lang"] = "cql2-text"
        obj["filter"] = pick(rng, ["eo:cloud_cover < 10 AND platform = 'sentinel-2b'", "eo:cloud_cover BETWEEN 0 AND 20 AND s2:nodata_pixel_percentage < 5",
                                   "S_INTERSECTS(geometry, POINT(-4.14 50.37)) AND \"view:sun_elevation\" > 30"])
    else:
        obj["filter-lang"] = "cql2-json"
        obj["filter"] = {"op": "and", "args": [{"op": "<", "args": [{"property": "eo:cloud_cover"}, pick(rng, [5, 10, 20])]},
                                               {"op": "in", "args": [{"property": "platform"}, ["sentinel-2a", "sentinel-2b", "sentinel-2c"]]}]}
    return api(rng, SRC, "stac_search", "POST", STAC, "/api/stac/v1/search", body=py_json(obj).encode(), ctype="application/json", tool=pick(rng, ["requests", "httpx"]),
               ua=pick(rng, ["pystac-client/0.8.5", "python-httpx/0.28.1"]), accept="application/geo+json")


# ------------------------------------------------------------------ deposits


def metadata(rng: random.Random) -> Request:
    obj = {"titles": [{"title": pick(rng, ["MRD-BUOY-07 hourly CTD and dissolved oxygen, 2019–2026", "Hα and [O III] imaging of NGC 7331, MRO 1.2 m", "Glider sections across the Celtic Sea front (summer 2024)",
                                           "Sediment heavy-metal concentrations, Ashcombe estuary", "Code & notebooks for: 'Seasonal δ¹⁸O variability in planktic foraminifera'"])}],
           "creators": [_creator(rng) for _ in range(rng.randint(1, 4))], "publicationYear": 2026, "types": {"resourceTypeGeneral": pick(rng, ["Dataset", "Software", "Image"])},
           "descriptions": [{"description": pick(rng, ["Hourly CTD (SBE 37-SMP) & optode O2 at 1.5, 5 and 10 m. QC flags per IOOS QARTOD (1 = pass, 4 = fail). Missing = -9999.",
                                                       "Calibrated frames (bias/dark/flat), WCS-solved. Seeing 1.8–2.6″. See README for the <code>ccdproc</code> pipeline.",
                                                       "ICP-MS concentrations (mg/kg dry wt) for Cd, Cu, Pb, Zn; detection limits in the 'dl' columns; <DL reported as negative values."]),
                             "descriptionType": "Abstract"}],
           "subjects": [{"subject": s} for s in some(rng, ["Oceanography", "Dissolved oxygen", "CTD", "Galaxies", "Emission-line imaging", "Sediment geochemistry", "Paleoclimate"], 2, 4)],
           "rightsList": [{"rights": pick(rng, ["CC-BY-4.0", "CC0-1.0", "CC-BY-NC-4.0"])}],
           "relatedIdentifiers": some(rng, [{"relatedIdentifier": "https://git.example.org/meridian/buoy-qc", "relatedIdentifierType": "URL", "relationType": "IsDerivedFrom"},
                                            {"relatedIdentifier": "https://hub.example.org/v2/git/meridian%2Fsst-notebooks/HEAD?labpath=analysis.ipynb", "relatedIdentifierType": "URL", "relationType": "IsSupplementedBy"},
                                            {"relatedIdentifier": _doi(rng), "relatedIdentifierType": "DOI", "relationType": "IsNewVersionOf"},
                                            {"relatedIdentifier": "10.5072/journal.ocean.2026.0142", "relatedIdentifierType": "DOI", "relationType": "IsCitedBy"}], 0, 3),
           "fundingReferences": [{"funderName": pick(rng, ["Natural Environment Research Council", "Ashcombe Marine Trust"]), "awardNumber": f"NE/X0{rng.randint(10000, 99999)}/1"}],
           "geoLocations": [{"geoLocationBox": {"westBoundLongitude": -6.5, "eastBoundLongitude": -3.5, "southBoundLatitude": 49.5, "northBoundLatitude": 51.5}}] if rng.random() < 0.5 else [],
           "dates": [{"date": f"2019-03-01/{date_on(rng)}", "dateType": "Collected"}], "version": f"{rng.randint(1, 3)}.{rng.randint(0, 4)}"}
    method = pick(rng, ["POST", "PUT"])
    path = "/api/deposits" if method == "POST" else f"/api/deposits/{rng.randint(1000, 99999)}/metadata"
    return web(rng, SRC, "deposit_metadata", method, DATA, path, body=js_json(obj).encode(), ctype="application/json", cookie=_site(rng), extra=xsrf(rng, "django"),
               ref=f"https://{DATA}/deposit/new")


def upload(rng: random.Random) -> Request:
    dep = rng.randint(1000, 99999)
    f = _file(rng)
    if rng.random() < 0.5:
        a = pick(rng, AGENTS)
        b = boundary_for(rng, a)
        parts = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64).encode(), None, None), f, *text_parts([("description", pick(rng, ["", "raw", "QC'd v2", "README first!"]))])]
        return web(rng, SRC, "file_upload", "POST", DATA, f"/deposit/{dep}/files", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", agent=a,
                   cookie=_site(rng), extra=xsrf(rng, "django"))
    return api(rng, SRC, "file_put_api", "PUT", API, f"/api/deposits/{dep}/files/{quote(str(f[2]))}", body=f[1], ctype="application/octet-stream",
               tool=pick(rng, ["requests", "curl", "r"]), auth=_token(rng))


def resumable(rng: random.Random) -> Request:
    total = rng.randint(50, 4000) * 1_048_576
    if rng.random() < 0.4:
        meta = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in [("filename", pick(rng, ["era5_subset_2000-2025.nc", "MRO_night_2026-10-14.tar", "cruise_JC288_adcp.h5"])),
                                                                                  ("deposit", str(rng.randint(1000, 99999))), ("checksum", "md5 " + hexs(rng, 32))])
        return api(rng, SRC, "tus_create", "POST", UPLOAD, "/files/", body=b"", tool="requests", auth=_token(rng), ua="tuspy/1.1.0",
                   extra=[("tus-resumable", "1.0.0"), ("upload-length", str(total)), ("upload-metadata", meta)])
    off = rng.randint(0, 40) * 8_388_608
    return api(rng, SRC, "tus_patch", "PATCH", UPLOAD, f"/files/{hexs(rng, 32)}", body=rbytes(rng, rng.randint(800, 2400)), ctype="application/offset+octet-stream",
               tool="requests", auth=_token(rng), ua="tuspy/1.1.0", extra=[("tus-resumable", "1.0.0"), ("upload-offset", str(off))])


def manifest(rng: random.Random) -> Request:
    lines = "".join(f"{hexs(rng, 64)}  data/{n}\n" for n in some(rng, ["buoy07_2026-10.csv", "sst_daily_2024.nc", "README.md", "qc/flags.csv", "frames/NGC7331_Ha_300s_0014.fits"], 2, 5))
    return api(rng, SRC, "bagit_manifest", "PUT", API, f"/api/deposits/{rng.randint(1000, 99999)}/files/manifest-sha256.txt", body=lines.encode(), ctype="text/plain; charset=utf-8",
               tool="requests", auth=_token(rng))


def file_delete(rng: random.Random) -> Request:
    return web(rng, SRC, "draft_file_delete", "DELETE", DATA, f"/api/deposits/{rng.randint(1000, 99999)}/files/{quote(pick(rng, ['data (final).csv', 'old_v1.nc', 'test.fits']))}",
               cookie=_site(rng), extra=xsrf(rng, "django"))


def publish(rng: random.Random) -> Request:
    dep = rng.randint(1000, 99999)
    if rng.random() < 0.5:
        return web(rng, SRC, "deposit_publish", "POST", DATA, f"/api/deposits/{dep}/actions/publish", body=js_json({"embargoUntil": pick(rng, [None, date_on(rng, ahead=True)]),
                                                                                                                  "notes": pick(rng, ["", "v2: fixed salinity offset (+0.03 PSU) after 2024-06"])}).encode(),
                   ctype="application/json", cookie=_site(rng), extra=xsrf(rng, "django"))
    obj = {"data": {"type": "dois", "attributes": {"event": "publish", "doi": _doi(rng), "url": f"https://{DATA}/records/{dep}",
                                                   "titles": [{"title": "MRD-BUOY-07 hourly CTD and dissolved oxygen, 2019–2026"}], "publisher": {"name": "Meridian Research Data"},
                                                   "publicationYear": 2026, "types": {"resourceTypeGeneral": "Dataset"}, "creators": [_creator(rng)]}}}
    return api(rng, SRC, "doi_mint", "POST", "api.doi-registry.example.org", "/dois", body=js_json(obj).encode(), ctype="application/vnd.api+json", tool="requests",
               auth="Basic " + base64.b64encode(f"MRD.REPO:{chars(rng, ALNUM, 20)}".encode()).decode())


def notebook_link(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return web(rng, SRC, "notebook_launch", "GET", DATA, f"/records/{rng.randint(1000, 99999)}/launch", qs([("provider", pick(rng, ["binder", "jupyterhub"])),
                                                                                                             ("path", pick(rng, ["analysis.ipynb", "notebooks/01_qc.ipynb", "figures/fig3.ipynb"]))]),
                   nav=True, cookie=_site(rng))
    obj = {"relatedIdentifiers": [{"relatedIdentifier": pick(rng, ["https://hub.example.org/v2/git/meridian%2Fsst-notebooks/HEAD?labpath=analysis.ipynb",
                                                                   "https://notebooks.example.com/gist/hnakagawa/4f1c2e?filepath=fig3.ipynb",
                                                                   "https://git.example.org/meridian/buoy-qc/-/blob/v2.1/notebooks/01_qc.ipynb"]),
                                   "relatedIdentifierType": "URL", "relationType": "IsSupplementedBy", "resourceTypeGeneral": "ComputationalNotebook"}]}
    return web(rng, SRC, "notebook_link", "PATCH", DATA, f"/api/deposits/{rng.randint(1000, 99999)}/metadata", body=js_json(obj).encode(), ctype="application/merge-patch+json",
               cookie=_site(rng), extra=xsrf(rng, "django"))


def access_request(rng: random.Random) -> Request:
    g, f = human(rng)
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("name", f"{g} {f}"), ("email", mailbox(rng, g, f)), ("affiliation", pick(rng, ["University of Ashcombe", "Glenmoray Marine Lab", "independent researcher"])),
             ("orcid", _orcid(rng)), ("purpose", pick(rng, ["PhD chapter 3: O2 minimum events vs. stratification (2019–2024). Will cite the DOI and share derived products.",
                                                            "Validating a regional model (NEMO 1/12°); need the raw 10-min data, not the hourly means.",
                                                            "Teaching — MSc module 'Ocean Observing' (20 students), non-commercial."])),
             ("agree_terms", "on")]
    return web(rng, SRC, "restricted_access_request", "POST", DATA, f"/records/{rng.randint(1000, 99999)}/request-access", body=form(pairs).encode(),
               ctype="application/x-www-form-urlencoded", nav=True, cookie=_site(rng))


# ------------------------------------------------------------------ citations, identity, harvesting


def citation(rng: random.Random) -> Request:
    fmt, acc = pick(rng, [("bibtex", "application/x-bibtex"), ("ris", "application/x-research-info-systems"), ("csl", "application/vnd.citationstyles.csl+json"),
                          ("apa", "text/x-bibliography; style=apa")])
    k = rng.randrange(3)
    if k == 0:
        return web(rng, SRC, "citation_export", "GET", DATA, f"/records/{rng.randint(1000, 99999)}/export/{fmt}", nav=True, accept=acc + ",*/*;q=0.8", cookie=_site(rng))
    if k == 1:
        return api(rng, SRC, "doi_content_negotiation", "GET", DATA, f"/doi/{_doi(rng)}", tool=pick(rng, ["curl", "requests", "r"]), accept=acc)
    dois = [_doi(rng) for _ in range(rng.randint(2, 6))]
    return web(rng, SRC, "citation_batch", "POST", API, "/api/citations", body=js_json({"ids": dois, "format": fmt, "style": pick(rng, ["apa", "harvard-cite-them-right", "nature"])}).encode(),
               ctype="application/json", site="same-site", ref=f"https://{DATA}/collections/celtic-sea")


def refs_upload(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        text = ("@article{muller2024seasonal,\n  author  = {M{\\\"u}ller, J{\\\"o}rg and Garc{\\'\\i}a, Luc{\\'\\i}a and Nakagawa, Hiroko},\n"
                "  title   = {Seasonal {$\\delta^{18}$O} variability in planktic foraminifera from the {Celtic Sea}},\n  journal = {J. Geophys. Res.: Oceans},\n"
                "  year    = {2024},\n  volume  = {129},\n  pages   = {e2024JC021433},\n  doi     = {10.5072/jgr.2024.021433}\n}\n\n"
                f"@misc{{mrd_buoy07,\n  title     = {{{{MRD-BUOY-07}} hourly {{CTD}} \\& {{O$_2$}}}},\n  year      = {{2026}},\n  howpublished = {{\\url{{https://{DATA}/records/4412}}}},\n  note      = {{Version 2.1}}\n}}\n")
        name, ctype = pick(rng, ["references.bib", "library.bib", "ch3.bib"]), "application/x-bibtex"
    else:
        g, f = human(rng)
        text = (f"TY  - DATA\r\nAU  - {f}, {g}\r\nAU  - Sørensen, Håkon\r\nPY  - 2026\r\nTI  - Glider sections across the Celtic Sea front (summer 2024)\r\n"
                f"PB  - Meridian Research Data\r\nDO  - {_doi(rng)}\r\nUR  - https://{DATA}/records/{rng.randint(1000, 99999)}\r\nER  - \r\n\r\nTY  - JOUR\r\nAU  - Ibáñez, Lucía\r\n"
                "TI  - Frontal upwelling & O₂: a 5-year record\r\nJO  - Ocean Science Letters\r\nVL  - 12\r\nSP  - 101\r\nEP  - 118\r\nPY  - 2025\r\nER  - \r\n")
        name, ctype = pick(rng, ["export.ris", "citations.ris"]), "application/x-research-info-systems"
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    return web(rng, SRC, "reference_list_upload", "POST", DATA, f"/api/deposits/{rng.randint(1000, 99999)}/references/import",
               body=multipart([("file", text.encode(), name, ctype), ("csrfmiddlewaretoken", chars(rng, ALNUM, 64).encode(), None, None)], b),
               ctype=f"multipart/form-data; boundary={b}", agent=a, cookie=_site(rng), extra=xsrf(rng, "django"))


def orcid_callback(rng: random.Random) -> Request:
    return web(rng, SRC, "orcid_oauth_callback", "GET", DATA, "/oauth/complete/orcid/", qs([("code", chars(rng, ALNUM, 6)), ("state", chars(rng, ALNUM, 32))]), nav=True,
               site="cross-site", ref="https://orcid-login.example.org/", cookie=_site(rng))


def saml(rng: random.Random) -> Request:
    xml = (f'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_{hexs(rng, 32)}" Version="2.0" IssueInstant="{stamp(rng)[:19]}Z" '
           f'Destination="https://{DATA}/saml/acs/"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp.ashcombe-uni.example.ac.uk/idp/shibboleth</saml:Issuer>'
           f'<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>{base64.b64encode(rbytes(rng, 180)).decode()}</samlp:Response>')
    pairs = [("SAMLResponse", base64.b64encode(xml.encode()).decode()), ("RelayState", pick(rng, ["/deposit/new", f"/records/{rng.randint(1000, 99999)}", "/"]))]
    return web(rng, SRC, "institutional_sso", "POST", DATA, "/saml/acs/", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True,
               site="cross-site", ref="https://idp.ashcombe-uni.example.ac.uk/idp/profile/SAML2/Redirect/SSO", origin="null")


def oai(rng: random.Random) -> Request:
    pairs = pick(rng, [[("verb", "ListRecords"), ("metadataPrefix", pick(rng, ["oai_datacite", "oai_dc", "datacite4"])), ("from", date_on(rng)), ("set", pick(rng, ["oceanography", "astronomy", "community:celtic-sea"]))],
                       [("verb", "ListRecords"), ("resumptionToken", base64.b64encode(f"{date_on(rng)}|{rng.randint(100, 9000)}|oai_datacite".encode()).decode())],
                       [("verb", "GetRecord"), ("identifier", f"oai:{DATA}:{rng.randint(1000, 99999)}"), ("metadataPrefix", "oai_dc")],
                       [("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", f"{date_on(rng)}T{rng.randint(0, 23):02d}:00:00Z")]])
    return api(rng, SRC, "oai_pmh_harvest", "GET", API, "/oai2d", uri_query(pairs), tool=pick(rng, ["requests", "java", "go"]),
               ua=pick(rng, ["Sickle/0.7.0", "OAI-Harvester/3.1 (+https://aggregator.example.org/about)", "Metha/0.3.7"]), accept="text/xml")


def bulk_download(rng: random.Random) -> Request:
    rid = rng.randint(1000, 99999)
    name = pick(rng, ["sst_daily_2024.nc", "buoy07_2026-10.csv", "frames.tar", "NGC7331_Ha_300s_0014.fits", "observations_2019_2026.parquet"])
    tool = pick(rng, ["wget", "curl", "r", "requests", "java"])
    ua = {"java": "MATLAB R2025b", "r": "R (4.5.1 x86_64-pc-linux-gnu x86_64 linux-gnu) r-curl/6.2.1"}.get(tool)
    extra = [("range", f"bytes={rng.randint(1, 40) * 1_048_576}-")] if rng.random() < 0.3 else []
    return api(rng, SRC, "bulk_download", "GET", DATA, f"/records/{rid}/files/{quote(name)}", pick(rng, ["download=1", ""]), tool=tool, ua=ua, extra=extra,
               auth=pick(rng, [None, _token(rng)]))


def comment(rng: random.Random) -> Request:
    obj = {"body": pick(rng, ["Salinity at 10 m looks offset by ~+0.03 PSU after 2024-06-11 (sensor swap?). Compare with the CTD casts in 10.5072/MRD.4410.",
                              "Thanks for releasing this! Could you add the raw 10-min data? Hourly means smooth out the O₂ dips we're after.",
                              "Minor: the README says lon range -6.5…-3.5 but the NetCDF `geospatial_lon_max` attribute is -3.0.",
                              "Frame 0014 has a satellite trail across the NE quadrant — maybe flag it in the quality column?"]),
           "type": pick(rng, ["comment", "issue"])}
    return web(rng, SRC, "record_feedback", "POST", DATA, f"/api/records/{rng.randint(1000, 99999)}/comments", body=js_json(obj).encode(), ctype="application/json",
               cookie=_site(rng), extra=xsrf(rng, "django"))


def validate(rng: random.Random) -> Request:
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco">\n'
           f'  <gmd:fileIdentifier><gco:CharacterString>{uuid4(rng)}</gco:CharacterString></gmd:fileIdentifier>\n'
           '  <gmd:language><gco:CharacterString>eng</gco:CharacterString></gmd:language>\n'
           f'  <gmd:dateStamp><gco:Date>{date_on(rng)}</gco:Date></gmd:dateStamp>\n'
           '  <gmd:identificationInfo><gmd:MD_DataIdentification><gmd:citation><gmd:CI_Citation><gmd:title><gco:CharacterString>Glider sections across the Celtic Sea front</gco:CharacterString></gmd:title>'
           '</gmd:CI_Citation></gmd:citation><gmd:abstract><gco:CharacterString>Temperature &amp; salinity sections, 0–200 m.</gco:CharacterString></gmd:abstract></gmd:MD_DataIdentification></gmd:identificationInfo>\n'
           '</gmd:MD_Metadata>\n')
    return api(rng, SRC, "iso19115_validate", "POST", API, "/api/validate/iso19115", body=xml.encode(), ctype="application/xml", tool=pick(rng, ["requests", "java"]), accept="application/json")


def stats(rng: random.Random) -> Request:
    return api(rng, SRC, "usage_report", "GET", API, "/api/reports/counter", uri_query([("report", pick(rng, ["dsr", "tr", "dr"])), ("begin_date", f"{pick(rng, ['2025', '2026'])}-{rng.randint(1, 6):02d}"), ("end_date", f"2026-{rng.randint(7, 11):02d}"),
                                                                                     ("platform", "MRD"), ("attributes_to_show", "Access_Method|Data_Type")]),
               tool="requests", auth=_token(rng), accept="application/json")


def research_data(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (14, search), (9, landing), (7, jsonapi), (10, erddap), (4, opendap), (9, tap), (2, tap_upload), (4, sparql), (6, stac), (6, metadata), (8, upload),
        (4, resumable), (2, manifest), (2, file_delete), (4, publish), (3, notebook_link), (3, access_request), (8, citation), (3, refs_upload), (2, orcid_callback),
        (2, saml), (5, oai), (8, bulk_download), (3, comment), (2, validate), (2, stats),
    ])
