"""A DNS server on a loopback UDP port for the email tests, built on
dnspython's message API like the one in tests/core/analyze/test_dns.py, with
what MX checks need besides answers: an SOA in the authority section of
negative answers (its TTL is the negative-caching TTL), SERVFAIL for some
names, and names it never answers (a timeout)."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

import dns.exception
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset

SOA = "ns.test. hostmaster.test. 1 3600 600 86400 {minimum}"


@dataclass
class Zone:
    # (name, type) -> (ttl, values); names are absolute, lowercase.
    records: dict[tuple[str, str], tuple[int, list[str]]] = field(default_factory=dict)
    servfail: set[str] = field(default_factory=set)
    # (name, type): SERVFAIL for that question only.
    servfail_types: set[tuple[str, str]] = field(default_factory=set)
    silent: set[str] = field(default_factory=set)
    negative_ttl: int = 120

    def add(self, name: str, rdtype: str, *values: str, ttl: int = 300) -> None:
        self.records[(name.lower().rstrip(".") + ".", rdtype)] = (ttl, list(values))

    def exists(self, name: str) -> bool:
        return any(n == name for n, _ in self.records)


class DnsServer:
    def __init__(self, zone: Zone) -> None:
        self.zone = zone
        self.queries: list[tuple[str, str]] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port: int = self.sock.getsockname()[1]
        self.address = f"127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                data, addr = self.sock.recvfrom(4096)
            except OSError:
                return
            try:
                query = dns.message.from_wire(data)
            except dns.exception.DNSException:
                continue
            question = query.question[0]
            name, rdtype = str(question.name).lower(), dns.rdatatype.to_text(question.rdtype)
            self.queries.append((name, rdtype))
            if name in self.zone.silent:
                continue
            reply = dns.message.make_response(query)
            found = self.zone.records.get((name, rdtype))
            if name in self.zone.servfail or (name, rdtype) in self.zone.servfail_types:
                reply.set_rcode(dns.rcode.SERVFAIL)
            elif found:
                ttl, values = found
                reply.answer.append(dns.rrset.from_text_list(question.name, ttl, "IN", rdtype, values))
            else:
                if not self.zone.exists(name):
                    reply.set_rcode(dns.rcode.NXDOMAIN)
                soa = SOA.format(minimum=self.zone.negative_ttl)
                reply.authority.append(dns.rrset.from_text_list("test.", 3600, "IN", "SOA", [soa]))
            self.sock.sendto(reply.to_wire(), addr)

    def close(self) -> None:
        self.sock.close()


def standard_zone() -> Zone:
    """One domain per case the MX check distinguishes."""
    zone = Zone()
    zone.add("mx.test", "MX", "10 mail.mx.test.", ttl=600)
    zone.add("mail.mx.test", "A", "192.0.2.25")
    zone.add("nullmx.test", "MX", "0 .", ttl=900)
    zone.add("nullmx.test", "A", "192.0.2.26")  # has an address, but the null MX says no mail
    zone.add("a-only.test", "A", "192.0.2.27", ttl=200)
    zone.add("aaaa-only.test", "AAAA", "2001:db8::27", ttl=250)
    zone.add("txt-only.test", "TXT", '"v=spf1 -all"')  # exists, but no MX, A or AAAA
    zone.servfail.add("servfail.test.")
    zone.silent.add("silent.test.")
    return zone
