"""tools/gen_ip_data.py on small synthetic packages (fetching needs the network: not here)."""

from __future__ import annotations

import io
import ipaddress
import struct
import tarfile
import zipfile
from pathlib import Path

from tools.gen_ip_data import asn_layers, country_layers, origin_layers


def ip(text: str) -> int:
    return int(ipaddress.ip_address(text))


def npm_tgz(path: Path, files: dict[str, str]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def origin_wheel(path: Path, labels: list[tuple[str, str]], v4: list[tuple[str, str, int]],
                 v6: list[tuple[str, str, int]]) -> Path:
    blob = struct.pack("<8sHQHII", b"IPORIGIN", 1, 1759663461, len(labels), len(v4), len(v6))
    for provider, kind in labels:
        text = f"{provider}\t{kind}".encode()
        blob += struct.pack("<H", len(text)) + text
    for first, last, label in v4:
        blob += struct.pack("<IIH", ip(first), ip(last), label)
    for first, last, label in v6:
        blob += struct.pack("<16s16sH", ip(first).to_bytes(16, "big"), ip(last).to_bytes(16, "big"), label)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("iporigin/data/ranges.bin", blob)
    return path


def test_country_layers_nesting_and_private_space(tmp_path: Path) -> None:
    tgz = npm_tgz(tmp_path / "geo.tgz", {
        "geo-whois-asn-country-ipv4-num.csv": "\n".join([
            f"{ip('10.0.0.0')},{ip('10.255.255.255')},AU",        # private: cut out
            f"{ip('2.0.0.0')},{ip('2.0.0.255')},DE",
            f"{ip('2.0.0.16')},{ip('2.0.0.16')},be",              # nested, lower case
        ]) + "\n",
        "geo-whois-asn-country-ipv6-num.csv": f"{ip('2001:db8::')},{ip('2001:db8::ffff')},US\n"
                                              f"{ip('2a00::')},{ip('2a00::ffff')},FR\n",
    })
    countries = [""]
    v4, v6 = country_layers(tgz, countries)
    code = {c: i for i, c in enumerate(countries)}
    assert v4 == [(ip("2.0.0.0"), ip("2.0.0.15"), code["DE"]), (ip("2.0.0.16"), ip("2.0.0.16"), code["BE"]),
                  (ip("2.0.0.17"), ip("2.0.0.255"), code["DE"])]
    assert v6 == [(ip("2a00::"), ip("2a00::ffff"), code["FR"])]  # documentation space cut out


def test_asn_layers_number_the_table(tmp_path: Path) -> None:
    tgz = npm_tgz(tmp_path / "asn.tgz", {
        "asn-ipv4-num.csv": f'{ip("8.8.8.0")},{ip("8.8.8.255")},15169,"Google LLC"\n',
        "asn-ipv6-num.csv": f'{ip("2001:4860::")},{ip("2001:4860::ffff")},15169,Google LLC\n',
    })
    v4, v6, table = asn_layers(tgz)
    assert table == [(0, ""), (15169, "Google LLC")]
    assert v4 == [(ip("8.8.8.0"), ip("8.8.8.255"), 1)] and v6 == [(ip("2001:4860::"), ip("2001:4860::ffff"), 1)]


def test_origin_layers_exclusions_and_relay(tmp_path: Path) -> None:
    wheel = origin_wheel(
        tmp_path / "iporigin-0-py3-none-any.whl",
        [("Amazon AWS", "hosting"), ("Contabo", "hosting"), ("Apple Private Relay", "vpn"), ("Tor", "tor")],
        [("3.0.0.0", "3.0.0.255", 0), ("5.0.0.0", "5.0.0.255", 1), ("172.224.0.0", "172.224.0.255", 2),
         ("185.220.101.0", "185.220.101.255", 3), ("192.168.0.0", "192.168.0.255", 0)],
        [("2a02:26f7::", "2a02:26f7::ffff", 2)],
    )
    v4, v6, labels, built = origin_layers(wheel)
    assert labels == [("", ""), ("Amazon AWS", "hosting"), ("Apple Private Relay", "relay"), ("Tor", "tor")]
    assert v4 == [(ip("3.0.0.0"), ip("3.0.0.255"), 1), (ip("172.224.0.0"), ip("172.224.0.255"), 2),
                  (ip("185.220.101.0"), ip("185.220.101.255"), 3)]  # Contabo and private space gone
    assert v6 == [(ip("2a02:26f7::"), ip("2a02:26f7::ffff"), 2)]
    assert built == "2025-10-05"
