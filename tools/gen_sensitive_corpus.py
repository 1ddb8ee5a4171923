#!/usr/bin/env python3
"""Generate the labelled sensitive-information corpus (issue #17).

    python tools/gen_sensitive_corpus.py [--seed 17] [-n 9000] [--out FILE|-]

Writes one JSON object per line (stdout by default) and prints, on stderr,
which locales and template families the seed holds out and how many
entities and distractors each split holds. benchmarks/sensitive_info_corpus.py
builds the same records in memory through `records()`.

A record::

    {"id", "split": "tune"|"holdout", "locale", "family", "text",
     "entities": [{"type", "start", "end", "format"}],
     "distractors": [{"kind", "start", "end"}]}

`start`/`end` are Python `str` indices (code points), end exclusive; `type`
is EMAIL, PHONE_NUMBER, IP_ADDRESS or CREDIT_CARD_NUMBER. `format` (how the
entity was written) and `distractors` (where the look-alikes that must NOT
be reported are) are for diagnostics only: a detector is scored on type and
exact span of `entities`; everything outside them is a non-entity.

Deterministic: record i depends only on (seed, i) and on Faker's version,
which is pinned (FAKER_VERSION; pyproject.toml pins the same): Faker's data
tables change between releases, so another version gives another corpus and
`records()` refuses to run on one.

Split by source: the seed picks about a quarter of the locales and about a
quarter of the template families to hold out; a record is `holdout` when its
locale or its family is held out. Nothing here is tuned on either side; the
detector is tuned on `tune` only.

Labelling choices (each one is a place where a detector could be argued
right either way; the corpus avoids the argument rather than settle it):
- Phone extensions: Faker's en_US formats with `x123` extensions are dropped
  (redrawn), not labelled without the extension.
- A phone written as a bare digit run (no `+`, no separator, no parenthesis,
  e.g. en_US `5913417776`, en_IN `9141777631`) always comes with a cue
  (`Tel:`, `phone=`, a `phone` column...): without one nobody can tell it
  from an account number, so labelling it either way would be a guess.
- Distractors never hold a 13-19 digit run (plain or grouped by single
  spaces/dashes) that passes Luhn: such a run *is* card-shaped and a labeller
  could not call it "not a card"; those draws are redrawn. ISBN-13s and
  13-digit millisecond timestamps are exempt: they start with 97/1, which no
  card issuer uses.
- Four-part version numbers and OIDs whose parts are all <= 255 (`2.0.1.7`,
  `2.5.4.3`) are dotted quads; they always carry their cue (`version`,
  `build`, `v`, `-beta`, `OID`). Postcodes, unix timestamps and SSN-like ids
  always carry their label too.
- CIDR blocks, IPv6 zone ids and 12-digit Maestro numbers are left out (no
  label would be uncontroversial); Faker's legacy 15-digit JCB numbers
  (1800/2131 prefixes, retired) are not used.
"""

# Full-width and typographic punctuation is the point here (Japanese and
# European text), not a look-alike typo:
# ruff: noqa: RUF001

from __future__ import annotations

import argparse
import ipaddress
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, TypedDict

from faker import Faker

SEED = 17
FAKER_VERSION = "40.54.0"
DEFAULT_N = 9000

EMAIL, PHONE, IP, CARD = "EMAIL", "PHONE_NUMBER", "IP_ADDRESS", "CREDIT_CARD_NUMBER"
TYPES = (EMAIL, PHONE, IP, CARD)

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT",
           "pt_BR", "nl_NL", "ja_JP", "en_IN", "pl_PL", "sv_SE")


class Entity(TypedDict):
    type: str
    start: int
    end: int
    format: str


class Distractor(TypedDict):
    kind: str
    start: int
    end: int


class Record(TypedDict):
    id: str
    split: str
    locale: str
    family: str
    text: str
    entities: list[Entity]
    distractors: list[Distractor]


# ---------------------------------------------------------------------------
# Pieces and the text builder
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """One entity or distractor, with what templates need to place it.

    `prefix`/`suffix` are literal text glued to the value but outside its
    label (`[` ... `]:443` around an IPv6 address, `:8080` after an IPv4)."""

    text: str
    etype: str | None  # None: a distractor
    kind: str  # entity format, or distractor kind
    key: str  # machine key (form field, JSON key, CSV column)
    label: str  # human label in the record's language
    lead: str  # an inline lead-in phrase ("call me at"), may be ""
    needs_cue: bool = False  # must be placed after its label/lead or key
    prefix: str = ""
    suffix: str = ""


@dataclass
class Builder:
    parts: list[str] = field(default_factory=list)
    pos: int = 0
    entities: list[Entity] = field(default_factory=list)
    distractors: list[Distractor] = field(default_factory=list)

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def value(self, p: Piece, scheme: str = "") -> None:
        """The piece with its prefix/suffix; only the value itself is labelled."""
        self.add(p.prefix + scheme)
        start = self.pos
        self.add(p.text)
        if p.etype is not None:
            self.entities.append({"type": p.etype, "start": start, "end": self.pos, "format": p.kind})
        else:
            self.distractors.append({"kind": p.kind, "start": start, "end": self.pos})
        self.add(p.suffix)

    def text(self) -> str:
        return "".join(self.parts)


# ---------------------------------------------------------------------------
# Language tables: lead-ins and labels
# ---------------------------------------------------------------------------

LANG = {"en_US": "en", "en_GB": "en", "en_IN": "en", "de_DE": "de", "fr_FR": "fr", "es_ES": "es",
        "it_IT": "it", "pt_BR": "pt", "nl_NL": "nl", "ja_JP": "ja", "pl_PL": "pl", "sv_SE": "sv"}

# Inline lead-ins, per language and entity type.
LEADS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {EMAIL: ("email me at", "my email is", "contact", "write to", "send it to", "reply to", "Email:", "E-mail:"),
           PHONE: ("call me at", "my number is", "phone", "Phone:", "Tel.", "mobile", "reach me on", "text me at", "WhatsApp"),
           IP: ("from IP", "IP:", "the server at", "client address", "blocked", "login from", "host"),
           CARD: ("card number", "Card:", "charged to card", "my card is", "CC:", "pay with")},
    "de": {EMAIL: ("schreiben Sie an", "meine E-Mail ist", "E-Mail:", "Kontakt:", "bitte an", "Mail an"),
           PHONE: ("rufen Sie mich an unter", "Telefon:", "Tel.", "Handy:", "meine Nummer ist", "erreichbar unter"),
           IP: ("von IP", "IP-Adresse:", "Server", "Zugriff von", "gesperrt:"),
           CARD: ("Kartennummer", "Kreditkarte:", "meine Karte", "belastet auf Karte")},
    "fr": {EMAIL: ("écrivez-moi à", "mon courriel est", "e-mail :", "contact :", "envoyez à"),
           PHONE: ("appelez-moi au", "tél. :", "téléphone :", "mon numéro est le", "portable :"),
           IP: ("depuis l'IP", "adresse IP :", "le serveur", "connexion depuis"),
           CARD: ("numéro de carte", "carte bancaire :", "ma carte", "CB :")},
    "es": {EMAIL: ("escríbeme a", "mi correo es", "correo:", "email:", "contacto:"),
           PHONE: ("llámame al", "teléfono:", "tel.", "móvil:", "mi número es el"),
           IP: ("desde la IP", "IP:", "el servidor", "acceso desde"),
           CARD: ("número de tarjeta", "tarjeta:", "mi tarjeta es la", "cargo a la tarjeta")},
    "it": {EMAIL: ("scrivimi a", "la mia email è", "email:", "contatto:", "inviare a"),
           PHONE: ("chiamami al", "telefono:", "tel.", "cellulare:", "il mio numero è"),
           IP: ("dall'IP", "indirizzo IP:", "il server", "accesso da"),
           CARD: ("numero di carta", "carta:", "la mia carta è", "addebito sulla carta")},
    "pt": {EMAIL: ("me escreva em", "meu e-mail é", "e-mail:", "contato:", "envie para"),
           PHONE: ("me ligue no", "telefone:", "tel.", "celular:", "WhatsApp:", "meu número é"),
           IP: ("do IP", "endereço IP:", "o servidor", "acesso de"),
           CARD: ("número do cartão", "cartão:", "meu cartão é", "cobrança no cartão")},
    "nl": {EMAIL: ("mail me op", "mijn e-mail is", "e-mail:", "contact:", "stuur naar"),
           PHONE: ("bel me op", "telefoon:", "tel.", "mobiel:", "mijn nummer is"),
           IP: ("vanaf IP", "IP-adres:", "de server", "toegang vanaf"),
           CARD: ("kaartnummer", "creditcard:", "mijn kaart is", "afgeschreven van kaart")},
    "ja": {EMAIL: ("メール：", "メールアドレスは", "連絡先：", "Email:", "送信先"),
           PHONE: ("電話：", "電話番号は", "TEL:", "携帯：", "連絡先"),
           IP: ("IPアドレス：", "接続元", "サーバー", "IP:"),
           CARD: ("カード番号：", "クレジットカード", "カード番号は")},
    "pl": {EMAIL: ("napisz na", "mój e-mail to", "e-mail:", "kontakt:", "wyślij na"),
           PHONE: ("zadzwoń pod", "telefon:", "tel.", "komórka:", "mój numer to"),
           IP: ("z IP", "adres IP:", "serwer", "logowanie z"),
           CARD: ("numer karty", "karta:", "moja karta to", "obciążenie karty")},
    "sv": {EMAIL: ("mejla mig på", "min e-post är", "e-post:", "kontakt:", "skicka till"),
           PHONE: ("ring mig på", "telefon:", "tel.", "mobil:", "mitt nummer är"),
           IP: ("från IP", "IP-adress:", "servern", "inloggning från"),
           CARD: ("kortnummer", "kort:", "mitt kort är", "debiterat kort")},
}

# Short human labels ("Label: value" lines, table headers).
LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {EMAIL: ("Email", "E-mail", "Contact"), PHONE: ("Phone", "Tel", "Mobile"),
           IP: ("IP", "IP address", "Client IP"), CARD: ("Card", "Card number", "PAN")},
    "de": {EMAIL: ("E-Mail", "Mail"), PHONE: ("Telefon", "Tel.", "Mobil"), IP: ("IP-Adresse", "IP"),
           CARD: ("Kartennummer", "Kreditkarte")},
    "fr": {EMAIL: ("E-mail", "Courriel"), PHONE: ("Téléphone", "Tél.", "Portable"), IP: ("Adresse IP", "IP"),
           CARD: ("Carte", "N° de carte")},
    "es": {EMAIL: ("Correo", "Email"), PHONE: ("Teléfono", "Tel.", "Móvil"), IP: ("IP", "Dirección IP"),
           CARD: ("Tarjeta", "Nº de tarjeta")},
    "it": {EMAIL: ("Email", "Posta"), PHONE: ("Telefono", "Tel.", "Cellulare"), IP: ("IP", "Indirizzo IP"),
           CARD: ("Carta", "Numero carta")},
    "pt": {EMAIL: ("E-mail", "Email"), PHONE: ("Telefone", "Tel.", "Celular"), IP: ("IP", "Endereço IP"),
           CARD: ("Cartão", "Nº do cartão")},
    "nl": {EMAIL: ("E-mail", "Mail"), PHONE: ("Telefoon", "Tel.", "Mobiel"), IP: ("IP", "IP-adres"),
           CARD: ("Kaart", "Kaartnummer")},
    "ja": {EMAIL: ("メール", "Eメール"), PHONE: ("電話", "TEL", "携帯"), IP: ("IPアドレス", "IP"),
           CARD: ("カード番号", "カード")},
    "pl": {EMAIL: ("E-mail", "Poczta"), PHONE: ("Telefon", "Tel.", "Komórka"), IP: ("IP", "Adres IP"),
           CARD: ("Karta", "Numer karty")},
    "sv": {EMAIL: ("E-post", "Mejl"), PHONE: ("Telefon", "Tel.", "Mobil"), IP: ("IP", "IP-adress"),
           CARD: ("Kort", "Kortnummer")},
}

KEYS = {EMAIL: ("email", "e_mail", "contact_email", "user_email", "mail", "replyTo"),
        PHONE: ("phone", "tel", "mobile", "phone_number", "contact_phone", "phoneNumber"),
        IP: ("ip", "client_ip", "remote_addr", "src", "x_forwarded_for", "peer"),
        CARD: ("card", "card_number", "cc", "pan", "cardNumber", "payment_card")}

# Distractor labels that depend on the language; others are the same everywhere.
POSTCODE_LABELS = {"en_US": ("ZIP", "ZIP code"), "en_GB": ("Postcode",), "en_IN": ("PIN", "PIN code"),
                   "de_DE": ("PLZ",), "fr_FR": ("code postal", "CP"), "es_ES": ("CP", "código postal"),
                   "it_IT": ("CAP",), "pt_BR": ("CEP",), "nl_NL": ("postcode",), "ja_JP": ("〒", "郵便番号"),
                   "pl_PL": ("kod pocztowy",), "sv_SE": ("postnummer",)}
ID_LABELS = {"en_US": ("SSN",), "en_GB": ("NI number", "NINO"), "en_IN": ("Aadhaar",), "de_DE": ("SV-Nummer",),
             "fr_FR": ("NIR", "n° de sécu"), "es_ES": ("NSS",), "it_IT": ("codice fiscale",), "pt_BR": ("CPF",),
             "nl_NL": ("BSN",), "ja_JP": ("マイナンバー",), "pl_PL": ("PESEL",), "sv_SE": ("personnummer",)}
ORDER_WORDS = {"en": ("Order", "Invoice", "Tracking number", "Ref", "Account no.", "Case"),
               "de": ("Bestellung", "Rechnung", "Sendungsnummer", "Kundennummer", "Aktenzeichen"),
               "fr": ("Commande", "Facture", "Numéro de suivi", "Réf.", "N° client"),
               "es": ("Pedido", "Factura", "Nº de seguimiento", "Ref.", "Nº de cliente"),
               "it": ("Ordine", "Fattura", "Codice di tracciamento", "Rif.", "Codice cliente"),
               "pt": ("Pedido", "Nota fiscal", "Código de rastreio", "Protocolo", "Nº do cliente"),
               "nl": ("Bestelling", "Factuur", "Trackingnummer", "Klantnummer", "Referentie"),
               "ja": ("注文番号", "請求書番号", "追跡番号", "お客様番号", "受付番号"),
               "pl": ("Zamówienie", "Faktura", "Numer przesyłki", "Nr klienta", "Sygnatura"),
               "sv": ("Order", "Faktura", "Spårningsnummer", "Kundnummer", "Ärende")}
VERSION_WORDS = ("version", "Version", "build", "release", "upgraded to", "ver.", "running", "firmware")
DATE_FORMATS = {"en_US": ("%m/%d/%Y", "%b %d, %Y", "%m/%d/%y"), "en_GB": ("%d/%m/%Y", "%d %b %Y"),
                "en_IN": ("%d/%m/%Y", "%d-%m-%Y"), "de_DE": ("%d.%m.%Y", "%d.%m.%y"), "fr_FR": ("%d/%m/%Y",),
                "es_ES": ("%d/%m/%Y", "%d-%m-%Y"), "it_IT": ("%d/%m/%Y", "%d.%m.%Y"), "pt_BR": ("%d/%m/%Y",),
                "nl_NL": ("%d-%m-%Y",), "ja_JP": ("%Y/%m/%d", "%Y年%m月%d日"), "pl_PL": ("%d.%m.%Y",),
                "sv_SE": ("%Y-%m-%d",)}


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_DIGIT_RUN = re.compile(r"\d(?:[ -]?\d)*")


def card_shaped(text: str) -> bool:
    """A 13-19 digit run (plain or grouped by single spaces/dashes) that passes
    Luhn and is not glued to a letter: what a labeller could not call "not a card"."""
    for m in _DIGIT_RUN.finditer(text):
        digits = m.group().replace(" ", "").replace("-", "")
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            return True
    return False


def digits(rng: random.Random, n: int, first: str = "0123456789") -> str:
    if n <= 0:
        return ""
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def split_groups(s: str, sizes: Sequence[int]) -> list[str]:
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return [g for g in out if g]


# ---------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------

@dataclass
class Ctx:
    """What a template needs: the record's generators and its language."""

    rng: random.Random
    fake: Faker
    locale: str
    b: Builder = field(default_factory=Builder)

    @property
    def lang(self) -> str:
        return LANG[self.locale]

    # -- entities ---------------------------------------------------------
    def entity(self, etype: str | None = None, *, cue_ok: bool = True) -> Piece:
        """A fresh entity; with cue_ok=False, one that is recognisable without
        a label next to it (for places where none is: CSV cells)."""
        t = etype or self.rng.choice(TYPES)
        for _ in range(50):
            text, fmt, needs_cue, prefix, suffix = ENTITY_MAKERS[t](self)
            if cue_ok or not needs_cue:
                break
        else:
            raise RuntimeError(f"{t}: no draw without a cue in 50 tries")
        return Piece(text=text, etype=t, kind=fmt, key=self.rng.choice(KEYS[t]),
                     label=self.rng.choice(LABELS[self.lang][t]), lead=self.rng.choice(LEADS[self.lang][t]),
                     needs_cue=needs_cue, prefix=prefix, suffix=suffix)

    # -- distractors ------------------------------------------------------
    def distractor(self, kind: str | None = None, *, cue_ok: bool = True) -> Piece:
        """A fresh distractor, never card-shaped (see the module docstring);
        with cue_ok=False, one that needs no label next to it."""
        kinds = DISTRACTOR_KINDS if cue_ok else NO_CUE_KINDS
        k = kind or self.rng.choice(kinds)
        for _ in range(50):
            p = DISTRACTOR_MAKERS[k](self)
            if (cue_ok or not p.needs_cue) and (k in LUHN_EXEMPT or not card_shaped(p.text + p.suffix)):
                return p
        raise RuntimeError(f"distractor {k!r}: no fitting draw in 50 tries")

    def sentence(self) -> str:
        return str(self.fake.sentence(nb_words=self.rng.randint(4, 12)))


Made = tuple[str, str, bool, str, str]  # text, format, needs_cue, prefix, suffix


def make_email(c: Ctx) -> Made:
    r = c.rng.random()
    if r < 0.3:
        return str(c.fake.email()), "faker_email", False, "", ""
    if r < 0.55:
        return str(c.fake.free_email()), "faker_free_email", False, "", ""
    if r < 0.8:
        return str(c.fake.company_email()), "faker_company_email", False, "", ""
    # Forms Faker does not make: plus-addressing, dotted names, subdomains, capitals.
    user = str(c.fake.user_name())
    first, last = str(c.fake.first_name_nonbinary()), str(c.fake.last_name())
    ascii_name = re.sub(r"[^a-z.]", "", (first + "." + last).lower()) or user
    domain = str(c.fake.domain_name())
    v = c.rng.choice(("plus", "dotted", "subdomain", "caps"))
    if v == "plus":
        return f"{user}+{c.rng.choice(('news', 'shop', 'github', 'x1', 'promo'))}@{domain}", "plus_tag", False, "", ""
    if v == "dotted" and "." in ascii_name:
        a, _, z = ascii_name.partition(".")
        if a and z:
            return f"{a}.{z}@{domain}", "dotted_name", False, "", ""
    if v == "subdomain":
        sub = c.rng.choice(("mail", "eu", "corp", "support", "list"))
        return f"{user}@{sub}.{domain}", "subdomain", False, "", ""
    return f"{user.capitalize()}@{domain.upper() if c.rng.random() < 0.3 else domain.capitalize()}", "caps", False, "", ""


# Country codes and national number shapes used for the international forms
# built here: (leading digits of the national significant number, groups).
PHONE_PLANS: dict[str, tuple[str, tuple[tuple[tuple[str, ...], tuple[int, ...]], ...], bool]] = {
    # locale: (country code, plans, written with a "(0)" trunk prefix sometimes)
    "en_US": ("1", ((("2", "3", "4", "5", "6", "7", "8", "9"), (3, 3, 4)),), False),
    "en_GB": ("44", ((("7",), (4, 6)), (("20",), (2, 4, 4)), (("1",), (4, 6))), True),
    "en_IN": ("91", ((("9", "8", "7", "6"), (5, 5)), (("98", "99"), (3, 3, 4)), (("11", "22"), (2, 4, 4))), False),
    "de_DE": ("49", ((("30", "40", "89", "69"), (2, 8)), (("151", "160", "170", "176"), (3, 8)),
                     (("221", "711", "621"), (3, 7))), True),
    "fr_FR": ("33", ((("1", "2", "3", "4", "5", "6", "7", "9"), (1, 2, 2, 2, 2)),), True),
    "es_ES": ("34", ((("6", "7"), (3, 3, 3)), (("91", "93", "96"), (2, 3, 2, 2)), (("6",), (3, 2, 2, 2))), False),
    "it_IT": ("39", ((("3",), (3, 3, 4)), (("3",), (3, 7)), (("06", "02"), (2, 4, 4)), (("055", "011"), (3, 6))), False),
    "pt_BR": ("55", ((("119", "219", "319", "419", "519", "619", "719", "819", "859"), (2, 5, 4)),
                     (("113", "213", "313", "413"), (2, 4, 4))), False),
    "nl_NL": ("31", ((("6",), (1, 8)), (("6",), (1, 2, 2, 2, 2)), (("20", "10", "30"), (2, 3, 4))), True),
    "ja_JP": ("81", ((("90", "80", "70"), (2, 4, 4)), (("3",), (1, 4, 4)), (("6",), (1, 4, 4))), False),
    "pl_PL": ("48", ((("5", "6", "7", "8"), (3, 3, 3)), (("22", "12"), (2, 3, 2, 2))), False),
    "sv_SE": ("46", ((("70", "72", "73", "76"), (2, 3, 2, 2)), (("8",), (1, 3, 3, 2))), True),
}


def _bare(s: str) -> bool:
    return s.isdigit()


def make_phone(c: Ctx) -> Made:
    r = c.rng.random()
    if r < 0.45:
        for _ in range(20):
            s = str(c.fake.phone_number())
            if "x" not in s.lower():  # extensions: dropped, see the module docstring
                return s, "faker_national", _bare(s), "", ""
    if r < 0.55:
        for _ in range(20):
            m = str(c.fake.msisdn())
            if not m.startswith("0"):
                return "+" + m, "msisdn_plus", False, "", ""
    cc, plans, trunk = PHONE_PLANS[c.locale]
    lead_digits, sizes = c.rng.choice(plans)
    nsn = c.rng.choice(lead_digits)
    nsn += digits(c.rng, sum(sizes) - len(nsn))
    groups = split_groups(nsn, sizes)
    style = c.rng.choice(("spaces", "spaces", "dashes", "dots", "parens", "trunk", "00", "compact", "plus_parens", "slash"))
    if style == "spaces":
        return f"+{cc} " + " ".join(groups), "intl_spaces", False, "", ""
    if style == "dashes":
        return f"+{cc}-" + "-".join(groups), "intl_dashes", False, "", ""
    if style == "dots":
        return f"+{cc}." + ".".join(groups), "intl_dots", False, "", ""
    if style == "parens" and len(groups) > 1:
        rest = c.rng.choice((" ", "-")).join(groups[1:])
        return f"+{cc} ({groups[0]}) {rest}", "intl_parens", False, "", ""
    if style == "trunk" and trunk:
        head = c.rng.choice((f"+{cc} (0)", f"+{cc}(0)", f"+{cc} (0) "))
        return head + groups[0] + " " + " ".join(groups[1:]), "intl_trunk", False, "", ""
    if style == "00":
        return f"00{cc} " + " ".join(groups), "intl_00", False, "", ""
    if style == "plus_parens":
        return f"(+{cc}) " + " ".join(groups), "intl_plus_parens", False, "", ""
    if style == "slash" and len(groups) > 1:
        return f"+{cc} {groups[0]}/" + "".join(groups[1:]), "intl_slash", False, "", ""
    return f"+{cc}{nsn}", "intl_compact", False, "", ""


def _zero_run_ipv6(c: Ctx) -> ipaddress.IPv6Address:
    """A Faker IPv6 address with a run of zero groups (Faker's never compress)."""
    groups = [int(g, 16) for g in str(c.fake.ipv6()).split(":")]
    style = c.rng.random()
    if style < 0.2:  # documentation / link-local / ULA prefixes, host part small
        head = c.rng.choice(([0x2001, 0xDB8], [0xFE80], [0xFD00 | c.rng.randrange(256)], [0x2A00, 0x1450]))
        tail_n = c.rng.randint(1, 3)
        groups = head + [0] * (8 - len(head) - tail_n) + [c.rng.randrange(1, 0x10000) for _ in range(tail_n)]
    else:
        n = c.rng.randint(2, 5)
        at = c.rng.randint(0, 8 - n)
        groups[at:at + n] = [0] * n
    packed = b"".join(g.to_bytes(2, "big") for g in groups)
    return ipaddress.IPv6Address(packed)


def make_ip(c: Ctx) -> Made:
    r = c.rng.random()
    if r < 0.2:
        return str(c.fake.ipv4()), "ipv4", False, "", ""
    if r < 0.35:
        return str(c.fake.ipv4_public()), "ipv4_public", False, "", ""
    if r < 0.42:
        return str(c.fake.ipv4_private()), "ipv4_private", False, "", ""
    if r < 0.48:
        return str(c.fake.ipv4_public()), "ipv4_port", False, "", f":{c.rng.choice((80, 443, 8080, 22, 5432, 3000, 51820))}"
    if r < 0.6:
        return str(c.fake.ipv6()), "ipv6_faker", False, "", ""
    if r < 0.8:
        addr = _zero_run_ipv6(c)
        text = addr.compressed.upper() if c.rng.random() < 0.15 else addr.compressed
        return text, "ipv6_compressed", False, "", ""
    if r < 0.88:
        return ipaddress.IPv6Address(str(c.fake.ipv6())).exploded, "ipv6_exploded", False, "", ""
    if r < 0.93:
        return f"::ffff:{c.fake.ipv4_public()}", "ipv6_mapped", False, "", ""
    if r < 0.96:
        return c.rng.choice(("::1", "fe80::1", "2001:db8::1", "fe80::")), "ipv6_short", False, "", ""
    return _zero_run_ipv6(c).compressed, "ipv6_port", False, "[", f"]:{c.rng.choice((443, 8443, 80, 9000))}"


CARD_TYPES = ("visa16", "visa16", "visa13", "visa19", "mastercard", "mastercard", "amex", "discover", "diners", "jcb16")


def group_card(num: str, sep: str) -> str:
    n = len(num)
    sizes: tuple[int, ...]
    if n == 15:
        sizes = (4, 6, 5)  # Amex
    elif n == 14:
        sizes = (4, 6, 4)  # Diners
    elif n == 13:
        sizes = (4, 3, 3, 3)
    else:
        sizes = (4, 4, 4, 4, 4)
    return sep.join(split_groups(num, sizes))


def make_card(c: Ctx) -> Made:
    ctype = c.rng.choice(CARD_TYPES)
    num = str(c.fake.credit_card_number(card_type=ctype))
    sep = c.rng.choice(("", " ", " ", "-"))
    name = {"": "plain", " ": "spaces", "-": "dashes"}[sep]
    return group_card(num, sep), f"{ctype}_{name}", False, "", ""


ENTITY_MAKERS: dict[str, Callable[[Ctx], Made]] = {EMAIL: make_email, PHONE: make_phone, IP: make_ip, CARD: make_card}


# ---------------------------------------------------------------------------
# Distractors
# ---------------------------------------------------------------------------

def _d(c: Ctx, text: str, kind: str, keys: Sequence[str], leads: Sequence[str], *, cue: bool = False,
       label: str | None = None, suffix: str = "") -> Piece:
    lead = c.rng.choice(leads) if leads else ""
    return Piece(text=text, etype=None, kind=kind, key=c.rng.choice(keys), label=label or lead or c.rng.choice(keys),
                 lead=lead, needs_cue=cue, suffix=suffix)


def _when(c: Ctx) -> datetime:
    base = datetime(2015, 1, 1, tzinfo=timezone.utc)
    return base + timedelta(seconds=c.rng.randrange(12 * 365 * 86400))


def d_user_agent(c: Ctx) -> Piece:
    major = c.rng.randint(90, 130)
    ua = c.rng.choice((f"Chrome/{major}.0.{c.rng.randint(4000, 6999)}.{c.rng.randint(10, 250)}",
                       f"Firefox/{major}.0", f"Safari/{c.rng.randint(530, 620)}.{c.rng.randint(1, 40)}",
                       f"Edg/{major}.0.{c.rng.randint(1000, 2999)}.{c.rng.randint(10, 99)}"))
    return _d(c, ua, "user_agent", ("user_agent", "ua", "browser"), ("browser", "User-Agent:", "UA"))


def d_version(c: Ctx) -> Piece:
    a, b, d, e = c.rng.randint(0, 12), c.rng.randint(0, 30), c.rng.randint(0, 40), c.rng.randint(0, 200)
    form = c.rng.choice(("v3", "3", "4_suffix", "4", "v4", "ua", "pip", "rc"))
    if form == "ua":
        return d_user_agent(c)
    if form == "v3":
        return _d(c, f"v{a}.{b}.{d}", "version", ("version", "app_version"), (*VERSION_WORDS, "", "", ""))
    if form == "3":
        return _d(c, f"{a}.{b}.{d}", "version", ("version", "sdk_version"), VERSION_WORDS)
    if form == "4_suffix":
        sfx = c.rng.choice(("-beta", "-rc1", "-alpha.2", "-SNAPSHOT", "-dev", "+build.7"))
        return _d(c, f"{a}.{b}.{d}.{e}{sfx}", "version4", ("version", "build"), VERSION_WORDS, cue=True)
    if form == "4":
        return _d(c, f"{a}.{b}.{d}.{e}", "version4", ("version", "build", "firmware"), VERSION_WORDS, cue=True)
    if form == "v4":
        return _d(c, f"v{a}.{b}.{d}.{e}", "version4", ("version", "tag"), (*VERSION_WORDS, ""))
    if form == "pip":
        pkg = c.rng.choice(("requests", "django", "numpy", "flask", "urllib3", "openssl", "nginx"))
        return _d(c, f"{pkg}=={a}.{b}.{d}" if c.rng.random() < 0.5 else f"{pkg} {a}.{b}.{d}", "version",
                  ("dependency", "package"), ("pinned", "installed", "requires", ""))
    return _d(c, f"{a}.{b}.{d}-rc.{c.rng.randint(1, 5)}", "version", ("version",), VERSION_WORDS)


def d_date(c: Ctx) -> Piece:
    w = _when(c)
    fmt = c.rng.choice(DATE_FORMATS[c.locale] + ("%Y-%m-%d",))
    r = c.rng.random()
    if r < 0.35:
        fmt += c.rng.choice((" %H:%M:%S", " %H:%M", ", %H:%M"))
    text = w.strftime(fmt)
    return _d(c, text, "date", ("date", "created", "updated", "due", "dob"), ("on", "date:", "since", "until", "due", ""))


def d_iso_ts(c: Ctx) -> Piece:
    w = _when(c)
    form = c.rng.choice(("Z", "ms", "offset", "space", "micro"))
    if form == "Z":
        text = w.strftime("%Y-%m-%dT%H:%M:%SZ")
    elif form == "ms":
        text = w.strftime("%Y-%m-%dT%H:%M:%S.") + f"{c.rng.randrange(1000):03d}Z"
    elif form == "offset":
        off = c.rng.choice(("+01:00", "+02:00", "-05:00", "+05:30", "+09:00", "-03:00"))
        text = w.strftime("%Y-%m-%dT%H:%M:%S") + off
    elif form == "space":
        text = w.strftime("%Y-%m-%d %H:%M:%S")
    else:
        text = w.strftime("%Y-%m-%d %H:%M:%S.") + f"{c.rng.randrange(10**6):06d}"
    return _d(c, text, "iso_timestamp", ("timestamp", "created_at", "time", "ts"), ("at", "timestamp", ""))


def d_unix_ts(c: Ctx) -> Piece:
    sec = int(_when(c).timestamp())
    text = str(sec) if c.rng.random() < 0.6 else str(sec * 1000 + c.rng.randrange(1000))
    return _d(c, text, "unix_timestamp", ("ts", "created_at", "timestamp", "exp", "iat"),
              ("timestamp", "epoch", "ts=", "unix time", "created_at:"), cue=True)


def d_order(c: Ctx) -> Piece:
    words = ORDER_WORDS[c.lang]
    form = c.rng.choice(("hash", "inv", "ups", "long", "usps", "ref"))
    if form == "hash":
        text = f"{c.rng.choice(words)} #{digits(c.rng, c.rng.randint(6, 10), '123456789')}"
    elif form == "inv":
        text = f"INV-{_when(c).year}-{c.rng.randrange(10**6):06d}"
    elif form == "ups":
        text = "1Z" + "".join(c.rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6)) + digits(c.rng, 10)
    elif form == "long":
        text = f"{c.rng.choice(words)}: {digits(c.rng, c.rng.randint(12, 22))}"
    elif form == "usps":
        run = "94" + digits(c.rng, 20)
        text = f"{c.rng.choice(words)}: " + " ".join(split_groups(run, (4, 4, 4, 4, 4, 2)))
    else:
        text = f"{c.rng.choice(words)} {c.rng.choice('ABCDEFGHKLMNPRSTX')}{c.rng.randint(10, 99)}-{digits(c.rng, 8)}"
    return _d(c, text, "order_number", ("order_id", "invoice", "tracking", "reference", "account"), ())


def _group3(n: int, sep: str) -> str:
    s = str(n)
    out = []
    while len(s) > 3:
        out.append(s[-3:])
        s = s[:-3]
    out.append(s)
    return sep.join(reversed(out))


def d_price(c: Ctx) -> Piece:
    whole = c.rng.choice((c.rng.randint(1, 99), c.rng.randint(100, 9999), c.rng.randint(10000, 9999999)))
    cents = f"{c.rng.randrange(100):02d}"
    loc = c.locale
    if loc == "en_US":
        text = f"${_group3(whole, ',')}.{cents}"
    elif loc == "en_GB":
        text = f"£{_group3(whole, ',')}.{cents}"
    elif loc == "en_IN":
        s = str(whole)
        head, tail = s[:-3], s[-3:]
        grouped = ",".join(re.findall(r"\d{1,2}(?=(?:\d{2})*$)", head)) + "," + tail if head else tail
        text = f"₹{grouped}.{cents}"
    elif loc == "ja_JP":
        text = c.rng.choice((f"¥{_group3(whole, ',')}", f"{_group3(whole, ',')}円"))
    elif loc == "pt_BR":
        text = f"R$ {_group3(whole, '.')},{cents}"
    elif loc in ("fr_FR", "pl_PL", "sv_SE"):
        cur = {"fr_FR": "€", "pl_PL": "zł", "sv_SE": "kr"}[loc]
        thousands = c.rng.choice((" ", "\u202f"))  # French/Polish/Swedish group with (narrow) spaces
        text = f"{_group3(whole, thousands)},{cents} {cur}"
    else:
        text = c.rng.choice((f"{_group3(whole, '.')},{cents} €", f"€ {_group3(whole, '.')},{cents}", f"EUR {_group3(whole, '.')},{cents}"))
    return _d(c, text, "price", ("price", "total", "amount", "subtotal"), ("total", "price", "for", "paid", ""))


def d_postcode(c: Ctx) -> Piece:
    if c.rng.random() < 0.4:
        addr = str(c.fake.address()).replace("\n", ", ")
        return _d(c, addr, "address", ("address", "shipping_address"), ("ship to", "address:", ""))
    return _d(c, str(c.fake.postcode()), "postcode", ("zip", "postcode", "postal_code"), POSTCODE_LABELS[c.locale], cue=True)


def d_isbn(c: Ctx) -> Piece:
    isbn = str(c.fake.isbn13() if c.rng.random() < 0.6 else c.fake.isbn10())
    if c.rng.random() < 0.3:
        isbn = isbn.replace("-", "")
    return _d(c, isbn, "isbn", ("isbn",), ("ISBN", "ISBN:", "ISBN-13:" if len(isbn.replace("-", "")) == 13 else "ISBN-10:"), cue=True)


def d_uuid(c: Ctx) -> Piece:
    u = str(c.fake.uuid4())
    return _d(c, u.upper() if c.rng.random() < 0.15 else u, "uuid", ("id", "request_id", "uuid", "trace_id"), ("request", "id", "trace", ""))


def d_coords(c: Ctx) -> Piece:
    lat, lng = float(c.fake.latitude()), float(c.fake.longitude())
    form = c.rng.choice(("comma", "paren", "kv", "dms"))
    if form == "comma":
        text = f"{lat:.4f}, {lng:.4f}"
    elif form == "paren":
        text = f"({lat:.6f}, {lng:.6f})"
    elif form == "kv":
        text = f"lat={lat:.5f}&lon={lng:.5f}"
    else:
        def dms(v: float, pos: str, neg: str) -> str:
            a = abs(v)
            d = int(a)
            m = int((a - d) * 60)
            s = round(((a - d) * 60 - m) * 60)
            return f"{d}°{m:02d}′{min(s, 59):02d}″{pos if v >= 0 else neg}"
        text = f"{dms(lat, 'N', 'S')} {dms(lng, 'E', 'W')}"
    return _d(c, text, "coordinates", ("location", "coords", "geo"), ("at", "location:", "GPS", ""))


def d_handle(c: Ctx) -> Piece:
    h = "@" + str(c.fake.user_name())
    if c.rng.random() < 0.3:
        h += str(c.rng.randint(1, 99))
    return _d(c, h, "handle", ("twitter", "handle", "github", "mention"), ("cc", "ping", "thanks", "follow", ""))


def d_url(c: Ctx) -> Piece:
    host = str(c.fake.domain_name())
    form = c.rng.choice(("item", "status", "page", "date", "img"))
    if form == "item":
        text = f"https://{host}/item/{digits(c.rng, c.rng.randint(6, 12), '123456789')}?ref={_when(c).year}"
    elif form == "status":
        text = f"https://x.com/{c.fake.user_name()}/status/{digits(c.rng, 19, '1')}"
    elif form == "page":
        text = f"https://www.{host}/p/{digits(c.rng, 13, '4')}?page={c.rng.randint(2, 40)}&utm_id={c.rng.randint(1000, 99999)}"
    elif form == "date":
        w = _when(c)
        text = f"https://{host}/blog/{w:%Y/%m/%d}/{c.fake.slug()}-{c.rng.randint(2, 999)}"
    else:
        text = f"http://cdn.{host}/img/{c.rng.randint(100, 4000)}x{c.rng.randint(100, 4000)}/{c.fake.uuid4()}.jpg"
    return _d(c, text, "url", ("url", "link", "referer", "href"), ("see", "link:", "at", ""))


def d_iban(c: Ctx) -> Piece:
    iban = str(c.fake.iban())
    if c.rng.random() < 0.5:
        iban = " ".join(split_groups(iban, (4,) * 9))
    return _d(c, iban, "iban", ("iban", "account"), ("IBAN", "IBAN:", "Konto", "bank account"), cue=True)


def d_ssn(c: Ctx) -> Piece:
    if c.locale == "en_IN":
        text = " ".join(split_groups(digits(c.rng, 12, "23456789"), (4, 4, 4)))
    elif c.locale == "ja_JP":
        text = digits(c.rng, 12) if c.rng.random() < 0.5 else " ".join(split_groups(digits(c.rng, 12), (4, 4, 4)))
    else:
        text = str(c.fake.ssn())
    return _d(c, text, "national_id", ("ssn", "national_id", "tax_id"), ID_LABELS[c.locale], cue=True)


def d_mac(c: Ctx) -> Piece:
    mac = str(c.fake.mac_address())
    form = c.rng.random()
    if form < 0.25:
        mac = mac.replace(":", "-").upper()
    elif form < 0.4:
        h = mac.replace(":", "")
        mac = ".".join((h[0:4], h[4:8], h[8:12]))
    return _d(c, mac, "mac_address", ("mac", "hw_addr", "bssid"), ("MAC", "MAC address", "device", "BSSID"))


OIDS4 = ("2.5.4.3", "2.5.4.10", "2.5.29.17", "2.5.29.19", "2.5.29.37", "1.3.6.1", "2.5.4.6")


def d_oid(c: Ctx) -> Piece:
    if c.rng.random() < 0.3:
        return _d(c, c.rng.choice(OIDS4), "oid", ("oid",), ("OID", "OID:", "urn:oid:"), cue=True)
    base = c.rng.choice(("1.3.6.1.4.1", "1.2.840.113549.1", "1.3.6.1.2.1", "2.16.840.1.101.3.4", "1.2.840.10045"))
    tail = ".".join(str(c.rng.randint(1, 500)) for _ in range(c.rng.randint(1, 4)))
    return _d(c, f"{base}.{tail}", "oid", ("oid",), ("OID", "oid", "SNMP", ""))


def d_misc(c: Ctx) -> Piece:
    form = c.rng.choice(("years", "pages", "section", "pct", "bytes", "http", "count", "time", "dims"))
    y = c.rng.randint(1990, 2024)
    text = {
        "years": f"{y}-{y + c.rng.randint(1, 9)}",
        "pages": f"pp. {(p := c.rng.randint(1, 400))}-{p + c.rng.randint(2, 40)}",
        "section": f"§ {c.rng.randint(1, 12)}.{c.rng.randint(1, 9)}.{c.rng.randint(1, 20)}",
        "pct": f"{c.rng.randint(1, 99)}.{c.rng.randint(0, 9)}%",
        "bytes": f"{_group3(c.rng.randint(1000, 99999999), ',')} bytes",
        "http": f"HTTP {c.rng.choice((200, 201, 301, 404, 429, 500, 503))}",
        "count": f"{_group3(c.rng.randint(1000, 9999999), c.rng.choice((',', '.', ' ')))} {c.rng.choice(('visitors', 'rows', 'items', 'km'))}",
        "time": f"{c.rng.randint(0, 23):02d}:{c.rng.randint(0, 59):02d}:{c.rng.randint(0, 59):02d}",
        "dims": f"{c.rng.randint(10, 400)} x {c.rng.randint(10, 400)} x {c.rng.randint(10, 400)} mm",
    }[form]
    return _d(c, text, "misc_number", ("note", "info", "value"), ("", "about", "see"))


DISTRACTOR_MAKERS: dict[str, Callable[[Ctx], Piece]] = {
    "version": d_version, "date": d_date, "iso_timestamp": d_iso_ts, "unix_timestamp": d_unix_ts,
    "order_number": d_order, "price": d_price, "postcode": d_postcode, "isbn": d_isbn, "uuid": d_uuid,
    "coordinates": d_coords, "handle": d_handle, "url": d_url, "iban": d_iban, "national_id": d_ssn,
    "mac_address": d_mac, "oid": d_oid, "misc_number": d_misc,
}
DISTRACTOR_KINDS = tuple(DISTRACTOR_MAKERS)
LUHN_EXEMPT = frozenset({"isbn", "unix_timestamp"})
# Kinds with draws that need no label next to them (postcodes, ids, IBANs...
# always do; versions and OIDs sometimes).
NO_CUE_KINDS = tuple(k for k in DISTRACTOR_KINDS if k not in ("unix_timestamp", "isbn", "iban", "national_id"))


# ---------------------------------------------------------------------------
# Placing a piece inline (prose, chat, tickets, replies)
# ---------------------------------------------------------------------------

WRAPS = (("(", ")"), ("[", "]"), ("<", ">"), ('"', '"'), ("'", "'"), ("`", "`"), ("“", "”"), ("{", "}"))
WRAPS_LANG = {"fr": (("« ", " »"), ("«", "»")), "de": (("„", "“"), ("»", "«")), "ja": (("「", "」"), ("（", "）"), ("【", "】")),
              "pl": (("„", "”"),), "sv": (("”", "”"),)}
PUNCT = (",", ".", ";", ":", "!", "?", "…")


def inline(c: Ctx, p: Piece, *, allow_bare: bool = True) -> None:
    """The piece in running text: maybe a lead-in, maybe wrapped, maybe
    followed by punctuation. Only the value is labelled."""
    rng, b, ja = c.rng, c.b, c.lang == "ja"
    use_lead = p.needs_cue or not allow_bare or rng.random() < 0.6
    if use_lead and p.lead:
        b.add(p.lead)
        if ja:
            glued = rng.random() < 0.67
        else:
            glued = p.lead.endswith(("=", "urn:oid:")) or (p.lead.endswith(":") and rng.random() < 0.1)
        # "IP:::1" would be ambiguous: a value starting with ":" is never glued to a colon.
        if p.lead.endswith(":") and (p.prefix + p.text).startswith(":"):
            glued = False
        b.add("" if glued else " ")
    elif use_lead and p.needs_cue:
        b.add(p.label + (": " if not ja else "："))
    scheme = ""
    if p.etype == EMAIL and rng.random() < 0.08:
        scheme = "mailto:"
    elif p.etype == PHONE and rng.random() < 0.08 and not re.search(r"[ ()/]", p.text):
        scheme = "tel:"
    if rng.random() < 0.4:
        opener, closer = rng.choice(WRAPS + WRAPS_LANG.get(c.lang, ()))
    else:
        opener = closer = ""
    b.add(opener)
    b.value(p, scheme)
    b.add(closer)
    if rng.random() < 0.45:
        # "2001:db8::" followed by ":" would be ambiguous: no colon after a value ending in one.
        punct = PUNCT[:3] + PUNCT[4:] if (p.text + p.suffix + closer).endswith(":") else PUNCT
        b.add(rng.choice(("、", "。", "！", "？", "：")) if ja and rng.random() < 0.6 else rng.choice(punct))


def glue_ja(c: Ctx) -> str:
    """Japanese prose writes values right next to kana (no space); used after a value."""
    return c.rng.choice(("までご連絡ください。", "です。", "へ送ってください。", "から接続がありました。", "。"))


def running_text(c: Ctx, pieces: Sequence[Piece]) -> None:
    """Faker sentences in the locale with the pieces placed between them:
    at string start/end, line start/end, mid-line."""
    rng, b = c.rng, c.b
    ja = c.lang == "ja"
    space = "" if ja else " "
    trailing = rng.random() < 0.75  # else the last value may end the string
    for i, p in enumerate(pieces):
        if i == 0 and rng.random() < 0.15 and not p.needs_cue:
            # string start: the value is the very first thing
            b.value(p)
            b.add(rng.choice(PUNCT[:3]) + space if rng.random() < 0.5 else (space or " "))
            continue
        # Two values side by side with only a space between them ("+49 30 1234 0049 170 ...")
        # would be ambiguous: after the first, a sentence always comes between.
        if i > 0 or rng.random() < 0.85:
            b.add(c.sentence())
            b.add(rng.choice((space, space, "\n")) if not ja else rng.choice(("", "\n")))
        inline(c, p)
        if i == len(pieces) - 1 and not trailing:
            break
        if ja and rng.random() < 0.4:
            b.add(glue_ja(c))
        else:
            b.add(rng.choice((space or " ", space or " ", "\n")))
    if trailing:
        b.add(c.sentence())


# ---------------------------------------------------------------------------
# Template families
# ---------------------------------------------------------------------------

def mixed(c: Ctx, n_ent: tuple[int, int] = (3, 7), n_dis: tuple[int, int] = (3, 6)) -> list[Piece]:
    pieces = [c.entity() for _ in range(c.rng.randint(*n_ent))] + [c.distractor() for _ in range(c.rng.randint(*n_dis))]
    c.rng.shuffle(pieces)
    return pieces


def fam_prose(c: Ctx) -> None:
    running_text(c, mixed(c))


def fam_support_ticket(c: Ctx) -> None:
    b = c.b
    b.add(f"Subject: {c.sentence()}\n")
    b.add(f"Priority: {c.rng.choice(('low', 'normal', 'high', 'urgent'))}\n")
    b.add("Ticket: ")
    b.value(c.distractor("order_number"))
    b.add(f"\nFrom: {c.fake.name()}")
    if c.rng.random() < 0.6:
        b.add(" <")
        b.value(c.entity(EMAIL))
        b.add(">")
    b.add("\n\n" + c.rng.choice(("Hello,", "Hi team,", "Hallo,", "Bonjour,", "Hola,", "Ciao,", "Olá,", "Hej,", "こんにちは、")) + "\n\n")
    running_text(c, mixed(c, (2, 6), (2, 5)))
    b.add("\n\n" + c.rng.choice(("Thanks,", "Best regards,", "Cheers,", "--")) + "\n" + str(c.fake.name()))


def fam_chat(c: Ctx) -> None:
    b = c.b
    people = [str(c.fake.first_name()) for _ in range(c.rng.randint(2, 3))]
    for p in mixed(c, (3, 6), (2, 5)):
        b.add(f"[{c.rng.randint(0, 23):02d}:{c.rng.randint(0, 59):02d}] {c.rng.choice(people)}: ")
        if c.rng.random() < 0.5:
            b.add(c.sentence() + " ")
        inline(c, p)
        b.add("\n")
        if c.rng.random() < 0.4:
            b.add(f"[{c.rng.randint(0, 23):02d}:{c.rng.randint(0, 59):02d}] {c.rng.choice(people)}: {c.sentence()}\n")


def fam_form_dump(c: Ctx) -> None:
    b = c.b
    style = c.rng.choice(("colon", "equals", "query", "padded"))
    pieces = mixed(c, (3, 7), (3, 6))
    if style == "query":
        b.add(f"POST /{c.rng.choice(('signup', 'checkout', 'contact', 'profile'))} ")
        for i, p in enumerate(pieces):
            b.add(("&" if i else "") + p.key + "=")
            b.value(p)
        b.add("\n")
        return
    b.add(f"name: {c.fake.name()}\n" if style != "equals" else f"name={c.fake.name()}\n")
    for p in pieces:
        if style == "colon":
            b.add(f"{p.key}: ")
        elif style == "equals":
            b.add(f"{p.key}=")
        else:
            b.add(f"{p.label} ".ljust(22, "."))
            b.add(" ")
        b.value(p)
        b.add("\n")


LEVELS = ("INFO", "WARN", "ERROR", "DEBUG")


def fam_log_line(c: Ctx) -> None:
    b = c.b
    for _ in range(c.rng.randint(2, 5)):
        if c.rng.random() < 0.35:
            # Apache/nginx combined log: the client IP opens the line
            b.value(c.entity(IP))
            w = _when(c)
            b.add(f' - - [{w:%d/%b/%Y:%H:%M:%S} +0000] "GET ')
            url = c.distractor("url")
            b.add(re.sub(r"^https?://[^/]+", "", url.text) or "/")
            b.add(f' HTTP/1.1" {c.rng.choice((200, 200, 301, 404))} {c.rng.randint(100, 90000)} "-" "Mozilla/5.0 (X11; Linux x86_64) ')
            b.value(d_user_agent(c))
            b.add('"\n')
            continue
        b.value(c.distractor("iso_timestamp"))
        b.add(f" {c.rng.choice(LEVELS)} [{c.rng.choice(('auth', 'billing', 'api', 'mailer', 'gateway'))}] ")
        b.add(c.rng.choice(("login ok", "payment failed", "request", "sent", "rate limited", "lookup")))
        for p in mixed(c, (1, 3), (1, 2)):
            b.add(f" {p.key}=")
            quoted = c.rng.random() < 0.3 or " " in p.text
            b.add('"' if quoted else "")
            b.value(p)
            b.add('"' if quoted else "")
        b.add("\n")


def fam_email_signature(c: Ctx) -> None:
    b = c.b
    running_text(c, mixed(c, (0, 2), (1, 2)))
    b.add(c.rng.choice(("\n\n-- \n", "\n\n--\n", "\n\nBest,\n", "\n\n")))
    b.add(f"{c.fake.name()}\n{c.fake.job()}, {c.fake.company()}\n")
    marks = c.rng.choice((("T", "M", "E"), ("Tel", "Mob", "Mail"), ("Phone:", "Mobile:", "Email:"), ("☎", "📱", "✉")))
    for mark, etype in zip(marks, (PHONE, PHONE, EMAIL), strict=True):
        if c.rng.random() < 0.85:
            b.add(f"{mark} ")
            b.value(c.entity(etype))
            b.add("\n")
    post = c.distractor("postcode")
    if post.needs_cue:
        b.add(f"{post.label} ")
    b.value(post)
    b.add("\n")
    if c.rng.random() < 0.5:
        b.value(c.distractor("url"))
        b.add(" | ")
        b.value(c.distractor("handle"))
        b.add("\n")


def _csv_cell(c: Ctx, p: Piece, delim: str) -> None:
    need = delim in p.text or '"' in p.text or "\n" in p.text
    q = need or c.rng.random() < 0.25
    c.b.add('"' if q else "")
    c.b.value(p)
    c.b.add('"' if q else "")


def fam_csv_rows(c: Ctx) -> None:
    b = c.b
    delim = c.rng.choice((",", ";", "\t", "|"))
    ecols = [c.rng.choice(TYPES) for _ in range(c.rng.randint(1, 3))]
    dcols = [c.rng.choice(NO_CUE_KINDS) for _ in range(c.rng.randint(1, 3))]
    cols: list[tuple[str, str]] = [("e", t) for t in ecols] + [("d", k) for k in dcols]
    c.rng.shuffle(cols)

    def new_row() -> list[Piece]:
        # The column header is the only cue in a CSV, and it is lines away:
        # nothing that needs a cue goes in a cell.
        return [c.entity(v, cue_ok=False) if kind == "e" else c.distractor(v, cue_ok=False) for kind, v in cols]

    first_row = new_row()
    b.add(delim.join(["name", *(p.key for p in first_row)]) + "\n")
    rows = [first_row] + [new_row() for _ in range(c.rng.randint(1, 3))]
    for row in rows:
        b.add(str(c.fake.name()))
        for p in row:
            b.add(delim)
            _csv_cell(c, p, delim)
        b.add("\n")


def _json_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def fam_json_snippet(c: Ctx) -> None:
    b = c.b
    pretty = c.rng.random() < 0.6
    nl, ind = ("\n", "  ") if pretty else ("", "")
    sp = " " if pretty or c.rng.random() < 0.5 else ""
    objs = [mixed(c, (2, 4), (2, 4)) for _ in range(c.rng.randint(1, 2))]
    b.add("[" + nl if len(objs) > 1 else "")
    for oi, pieces in enumerate(objs):
        b.add((ind if len(objs) > 1 else "") + "{" + nl)
        fields: list[tuple[str, Piece | str]] = [("name", str(c.fake.name())), *((p.key, p) for p in pieces)]
        for fi, (key, val) in enumerate(fields):
            b.add(ind * (2 if len(objs) > 1 else 1) + _json_str(key) + ":" + sp)
            if isinstance(val, str):
                b.add(_json_str(val))
            elif val.kind == "unix_timestamp":
                b.value(val)  # a JSON number
            else:
                # Values needing no JSON escape only: offsets stay those of the raw text.
                assert _json_str(val.prefix + val.text + val.suffix)[1:-1] == val.prefix + val.text + val.suffix
                b.add('"')
                b.value(val)
                b.add('"')
            b.add(("," if fi < len(fields) - 1 else "") + nl)
        b.add((ind if len(objs) > 1 else "") + "}" + ("," if oi < len(objs) - 1 else "") + (nl if len(objs) > 1 else ""))
    b.add("]" if len(objs) > 1 else "")


def fam_markdown_list(c: Ctx) -> None:
    b = c.b
    b.add(f"## {c.sentence()}\n\n")
    for i, p in enumerate(mixed(c)):
        bullet = c.rng.choice(("- ", "* ", f"{i + 1}. "))
        b.add(bullet)
        style = c.rng.random()
        if style < 0.3:
            b.add(f"**{p.label}:** ")
            b.value(p)
        elif style < 0.55:
            b.add(f"{p.label}: `")
            b.value(p)
            b.add("`")
        elif style < 0.7 and not p.needs_cue:
            b.value(p)  # line start
            b.add(c.rng.choice(("", f" — {c.sentence()}", " (primary)")))
        else:
            inline(c, p, allow_bare=False)
        b.add("\n")
    if c.rng.random() < 0.5:
        b.add("\n> " + c.sentence() + "\n")


def fam_html_fragment(c: Ctx) -> None:
    b = c.b
    b.add(f"<div class=\"contact\">\n<p>{c.sentence()} ")
    e = c.entity(EMAIL)
    b.add('<a href="mailto:')
    b.value(e)
    b.add('">')
    b.value(e)
    b.add("</a></p>\n")
    if c.rng.random() < 0.6:
        ph = c.entity(PHONE)
        compact = re.sub(r"[^\d+]", "", ph.text)
        b.add('<a href="tel:')
        b.value(Piece(compact, PHONE, "tel_href", ph.key, ph.label, ph.lead))
        b.add('">')
        b.value(ph)
        b.add("</a>\n")
    b.add("<table>\n")
    for p in mixed(c, (2, 5), (2, 5)):
        b.add(f"  <tr><th>{p.label}</th><td>")
        if p.etype is not None and c.rng.random() < 0.3:
            b.add("<span class=\"value\">")
            b.value(p)
            b.add("</span>")
        else:
            b.value(p)
        b.add("</td></tr>\n")
    b.add("</table>\n")
    if c.rng.random() < 0.5:
        p = c.entity()
        b.add(f'<input type="text" name="{p.key}" value="')
        b.value(p)
        b.add('">\n')
    b.add("</div>")


def fam_yaml_config(c: Ctx) -> None:
    b = c.b
    b.add(f"# {c.sentence()}\n{c.rng.choice(('service', 'app', 'smtp', 'billing'))}:\n")
    for p in mixed(c, (2, 5), (2, 5)):
        q = c.rng.choice(("", "", '"', "'"))
        b.add(f"  {p.key}: {q}")
        b.value(p)
        b.add(q + "\n")
    if c.rng.random() < 0.7:
        b.add("  allowed:\n")
        for _ in range(c.rng.randint(1, 3)):
            b.add("    - ")
            b.value(c.entity(IP))
            b.add("\n")


def fam_quoted_reply(c: Ctx) -> None:
    b = c.b
    running_text(c, mixed(c, (1, 3), (1, 2)))
    w = _when(c)
    b.add(f"\n\nOn {w:%a, %b %d, %Y at %H:%M}, {c.fake.name()} ")
    opener, closer = c.rng.choice((("<", ">"), ("(", ")"), ("", "")))
    b.add(opener)
    b.value(c.entity(EMAIL))
    b.add(closer + " wrote:\n")
    inner = Ctx(c.rng, c.fake, c.locale, Builder())
    running_text(inner, mixed(inner, (1, 4), (1, 3)))
    quoted = inner.b.text()
    # Re-home the inner labels under "> " line prefixes.
    offset_map: list[int] = []
    out: list[str] = ["> "]
    pos = b.pos + 2
    for ch in quoted:
        offset_map.append(pos)
        out.append(ch)
        pos += 1
        if ch == "\n":
            out.append("> ")
            pos += 2
    offset_map.append(pos)
    for ent in inner.b.entities:
        b.entities.append({"type": ent["type"], "start": offset_map[ent["start"]], "end": offset_map[ent["end"] - 1] + 1,
                           "format": ent["format"]})
    for dis in inner.b.distractors:
        b.distractors.append({"kind": dis["kind"], "start": offset_map[dis["start"]], "end": offset_map[dis["end"] - 1] + 1})
    b.add("".join(out))


FAMILIES: dict[str, Callable[[Ctx], None]] = {
    "prose": fam_prose, "support_ticket": fam_support_ticket, "chat": fam_chat, "form_dump": fam_form_dump,
    "log_line": fam_log_line, "email_signature": fam_email_signature, "csv_rows": fam_csv_rows,
    "json_snippet": fam_json_snippet, "markdown_list": fam_markdown_list, "html_fragment": fam_html_fragment,
    "yaml_config": fam_yaml_config, "quoted_reply": fam_quoted_reply,
}


# ---------------------------------------------------------------------------
# Splits and records
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Holdout:
    locales: tuple[str, ...]
    families: tuple[str, ...]


def holdout(seed: int = SEED) -> Holdout:
    """About a quarter of the locales and of the families, chosen by the seed."""
    rng = random.Random(f"holdout/{seed}")
    locs = tuple(sorted(rng.sample(LOCALES, round(len(LOCALES) / 4))))
    fams = tuple(sorted(rng.sample(sorted(FAMILIES), round(len(FAMILIES) / 4))))
    return Holdout(locs, fams)


def check_faker() -> None:
    import faker

    if faker.VERSION != FAKER_VERSION:
        raise RuntimeError(f"the corpus is defined by faker=={FAKER_VERSION} (installed: {faker.VERSION}); "
                           f"pip install faker=={FAKER_VERSION}")


def records(seed: int = SEED, n: int = DEFAULT_N) -> Iterator[Record]:
    """The corpus, record by record. Record i depends only on (seed, i)."""
    check_faker()
    held = holdout(seed)
    fakers: dict[str, Faker] = {}
    fam_names = sorted(FAMILIES)
    for i in range(n):
        rng = random.Random(f"{seed}/{i}")
        locale = rng.choice(LOCALES)
        family = rng.choice(fam_names)
        fake = fakers.get(locale)
        if fake is None:
            fake = fakers[locale] = Faker(locale)
        fake.seed_instance(f"{seed}/{i}/faker")
        ctx = Ctx(rng, fake, locale)
        FAMILIES[family](ctx)
        text = ctx.b.text()
        entities = sorted(ctx.b.entities, key=lambda e: e["start"])
        distractors = sorted(ctx.b.distractors, key=lambda d: d["start"])
        split = "holdout" if locale in held.locales or family in held.families else "tune"
        yield {"id": f"s{seed}-{i:06d}", "split": split, "locale": locale, "family": family, "text": text,
               "entities": entities, "distractors": distractors}


def summary(recs: Sequence[Record]) -> dict[str, dict[str, int]]:
    """Per split: records, entities per type, distractors, characters."""
    out: dict[str, Counter[str]] = {"tune": Counter(), "holdout": Counter()}
    for r in recs:
        s = out[r["split"]]
        s["records"] += 1
        s["chars"] += len(r["text"])
        s["distractors"] += len(r["distractors"])
        for e in r["entities"]:
            s[e["type"]] += 1
    return {k: dict(v) for k, v in out.items()}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("-n", type=int, default=DEFAULT_N, help="number of records")
    ap.add_argument("--out", default="-", help="JSON lines file, '-' for stdout")
    args = ap.parse_args(argv)
    recs = list(records(args.seed, args.n))
    held = holdout(args.seed)
    out: Any = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for r in recs:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    err = sys.stderr
    print(f"seed {args.seed}, faker {FAKER_VERSION}, {len(recs)} records", file=err)
    print(f"held-out locales:  {', '.join(held.locales)}", file=err)
    print(f"held-out families: {', '.join(held.families)}", file=err)
    for split, s in summary(recs).items():
        ents = ", ".join(f"{t} {s.get(t, 0)}" for t in TYPES)
        print(f"{split:8} {s.get('records', 0):6} records, {s.get('chars', 0):8} chars; {ents}; "
              f"distractors {s.get('distractors', 0)}", file=err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
