# ruff: noqa: RUF001 - real text uses typographic characters
"""legal_docs: a contract and e-signature tool (FastAPI + a rich-text editor,
webhooks to integrations): clauses with section signs and (a)/(ii)
numbering, defined terms in quotes, redlines, signers with apostrophes and
diacritics, comments, templates and envelope APIs."""

from __future__ import annotations

import random

from benign_record import doc_ip, form, js_json, pick, py_json, stamp, uuid4

from .common import (
    BROWSERS,
    Request,
    bearer,
    boundary,
    browser,
    client,
    cookies,
    fake_pdf,
    multipart,
    person,
    query,
    run,
    some,
    text_parts,
)

SRC = "legal_docs"
HOST = "sign.example.com"
FW = "fastapi"

CLAUSES = [
    "This Master Services Agreement (the \"Agreement\") is entered into as of December 1, 2026 (the \"Effective Date\") by and "
    "between Example Corp., a Delaware corporation (hereinafter \"Provider\"), and Sample Holdings LLC (hereinafter \"Customer\").",
    "1.1 \"Confidential Information\" means any non-public information disclosed by either party, whether orally or in writing, "
    "that is designated as confidential or that reasonably should be understood to be confidential.",
    "Subject to Section 4.2(b), either Party may terminate this Agreement upon thirty (30) days' written notice if the other Party "
    "materially breaches this Agreement and fails to cure such breach within such period.",
    "The fees set forth in Exhibit A are exclusive of taxes. Customer shall pay all invoices within forty-five (45) days; late "
    "amounts accrue interest at 1.5% per month or the maximum rate permitted by law, whichever is less.",
    "Notwithstanding the foregoing, the limitations in this § 9 shall not apply to (i) a Party's indemnification obligations, "
    "(ii) breach of § 7 (Confidentiality), or (iii) gross negligence or willful misconduct.",
    "Each Party represents and warrants that (a) it has full power and authority to enter into this Agreement; (b) the execution "
    "hereof does not conflict with any other agreement to which it is a party; and (c) it shall comply with all applicable laws.",
    "IN NO EVENT SHALL EITHER PARTY BE LIABLE FOR ANY INDIRECT, INCIDENTAL, SPECIAL OR CONSEQUENTIAL DAMAGES, INCLUDING LOST "
    "PROFITS, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGES.",
    "This Agreement shall be governed by the laws of the State of New York, without regard to its conflict-of-laws principles. "
    "The parties submit to the exclusive jurisdiction of the courts located in New York County.",
    "§ 3 Abs. 2: Der Auftragnehmer verpflichtet sich, die Leistungen gemäß Anlage 1 („Leistungsbeschreibung“) zu erbringen.",
    "Article 5 – Durée. Le présent contrat est conclu pour une durée d'un (1) an à compter de sa signature, renouvelable par "
    "tacite reconduction, sauf dénonciation par l'une des parties avec un préavis de trois (3) mois.",
    "The Tenant shall not sublet the Premises or any part thereof without the Landlord's prior written consent, which shall not "
    "be unreasonably withheld, conditioned or delayed.",
    "Any notice under this Agreement shall be in writing and delivered to the addresses set out above (or such other address as "
    "a Party may designate per this Section 12.3).",
    "Force Majeure. Neither Party shall be liable for delay caused by events beyond its reasonable control, including acts of "
    "God, war, terrorism, pandemic, labor disputes or failures of public utilities.",
    "Cláusula 8.ª – Las partes se someten a los Juzgados y Tribunales de Madrid, con renuncia expresa a cualquier otro fuero.",
]
REDLINES = [
    ("thirty (30) days'", "sixty (60) days'"), ("forty-five (45) days", "thirty (30) days"), ("1.5% per month", "1% per month"),
    ("State of New York", "State of Delaware"), ("shall not be unreasonably withheld", "may be withheld in Landlord's sole discretion"),
    ("(iii) gross negligence or willful misconduct", "(iii) gross negligence, fraud or willful misconduct"),
    ("trois (3) mois", "deux (2) mois"), ("Section 4.2(b)", "Section 4.2(c)"),
]
COMMENTS = [
    "Can we cap liability at 12 months' fees instead of 2x? See § 9.2.", "Legal: please confirm \"Affiliate\" is defined in § 1.",
    "Customer won't accept auto-renewal — suggest we delete clause 5(b).", "Typo: \"it's\" → \"its\" in (ii).",
    "Per call w/ O'Donnell on 12/3: they're OK w/ NY law if venue is SDNY.", "Bitte § 3 Abs. 2 an die neue Anlage 1 anpassen.",
    "Nous proposons un préavis de 2 mois au lieu de 3.", "Is \"hereinafter\" needed here? We already define the term in the recitals.",
    "Resolved — accepted counterparty's change to Section 12.3.", "@María can you check the indemnity carve-outs (i)–(iii)?",
]
DOC_TITLES = ["MSA – Example Corp / Sample Holdings", "Mutual NDA (2026 template)", "Residential Lease – 12 O'Connell St",
              "Statement of Work #7", "Dienstleistungsvertrag – Beispiel GmbH", "Contrat de prestation – Exemple SARL",
              "Employment Offer – Sr. Engineer", "Data Processing Addendum (GDPR Art. 28)", "Contrato de arrendamiento"]


def _signer(rng: random.Random) -> dict[str, object]:
    g, f, email = person(rng)
    return {"name": f"{g} {f}", "email": email, "role": pick(rng, ["signer", "signer", "approver", "cc"]),
            "order": rng.randint(1, 3), "title": pick(rng, ["CEO", "General Counsel", "Head of Procurement", "Tenant", "Landlord", "Geschäftsführer", ""])}


def edit_clause(rng: random.Random) -> Request:
    text = pick(rng, CLAUSES)
    did = uuid4(rng)
    doc = {"block_id": uuid4(rng), "type": "clause", "numbering": pick(rng, ["1.1", "4.2(b)", "§ 9", "(a)", "(ii)", "12.3", "Art. 5"]),
           "text": text, "marks": [{"type": "defined_term", "from": 0, "to": 10}] if '"' in text else [], "version": rng.randint(2, 40)}
    return browser(rng, SRC, "edit_clause", "PATCH", HOST, f"/api/documents/{did}/blocks", body=js_json(doc).encode(),
                   ctype="application/json", referer=f"https://{HOST}/documents/{did}/edit", cookie=cookies(rng, FW, ga=0.2),
                   lang=pick(rng, ["en", "en", "de", "fr", "es"]))


def redline(rng: random.Random) -> Request:
    old, new = pick(rng, REDLINES)
    did = uuid4(rng)
    doc = {"suggestions": [{"op": "replace", "old": old, "new": new, "author": _signer(rng)["name"], "created": stamp(rng)}],
           "mode": "suggest"}
    return browser(rng, SRC, "redline", "POST", HOST, f"/api/documents/{did}/suggestions", body=js_json(doc).encode(),
                   ctype="application/json", referer=f"https://{HOST}/documents/{did}/edit", cookie=cookies(rng, FW, ga=0.2))


def comment(rng: random.Random) -> Request:
    did = uuid4(rng)
    doc = {"anchor": {"block_id": uuid4(rng), "start": rng.randrange(0, 80), "end": rng.randrange(80, 200)},
           "body": pick(rng, COMMENTS), "mentions": [], "resolved": False}
    return browser(rng, SRC, "comment", "POST", HOST, f"/api/documents/{did}/comments", body=js_json(doc).encode(),
                   ctype="application/json", referer=f"https://{HOST}/documents/{did}/edit", cookie=cookies(rng, FW, ga=0.2))


def create_envelope(rng: random.Random) -> Request:
    doc = {"title": pick(rng, DOC_TITLES), "template_id": uuid4(rng) if rng.random() < 0.5 else None,
           "signers": [_signer(rng) for _ in range(rng.randint(1, 4))],
           "message": pick(rng, ["Please review and sign by Friday. Thanks!", "Hi — here's the final version incl. the redlines we agreed on.",
                                 "Anbei der Vertrag zur Unterschrift.", "Veuillez trouver ci-joint le contrat pour signature."]),
           "expires_in_days": pick(rng, [7, 14, 30]), "reminders": True}
    return client(rng, SRC, "envelope_api", "POST", "api.sign.example.com", "/v1/envelopes", body=py_json(doc).encode(),
                  ctype="application/json", lib=pick(rng, ["requests", "httpx", "node", "curl"]), auth=bearer(rng, "https://sign.example.com"),
                  extra=[("idempotency-key", uuid4(rng))])


def upload(rng: random.Random) -> Request:
    br = pick(rng, BROWSERS)
    bd = boundary(rng, br)
    title = pick(rng, DOC_TITLES)
    parts = text_parts([("title", title), ("folder", pick(rng, ["Contracts/2026", "NDAs", "Leases", "HR/Offers"]))])
    parts.append(("file", fake_pdf(rng, title), title.replace("/", "-").replace(" ", "_") + ".pdf", "application/pdf"))
    return browser(rng, SRC, "upload", "POST", HOST, "/api/documents/upload", body=multipart(parts, bd),
                   ctype=f"multipart/form-data; boundary={bd}", cookie=cookies(rng, FW, ga=0.2), b=br)


def sign(rng: random.Random) -> Request:
    s = _signer(rng)
    name = str(s["name"])
    body = form([("envelope", uuid4(rng)), ("signer_email", str(s["email"])), ("typed_signature", name),
                 ("initials", "".join(w[0] for w in name.split() if w[0].isalpha())), ("font", pick(rng, ["Dancing Script", "Caveat", "Homemade Apple"])),
                 ("consent_electronic", "true"), ("tz", pick(rng, ["America/New_York", "Europe/Dublin", "Europe/Berlin"]))]).encode()
    return browser(rng, SRC, "sign", "POST", HOST, f"/s/{uuid4(rng)}/complete", body=body, ctype="application/x-www-form-urlencoded",
                   navigate=True, referer=f"https://{HOST}/s/review")


def webhook(rng: random.Random) -> Request:
    doc = {"event": pick(rng, ["envelope.completed", "envelope.viewed", "recipient.signed", "envelope.declined"]),
           "envelope_id": uuid4(rng), "title": pick(rng, DOC_TITLES), "recipient": _signer(rng),
           "decline_reason": pick(rng, ["", "Section 4.2(b) doesn't reflect what we agreed — please revise.", ""]),
           "ip": doc_ip(rng), "occurred_at": stamp(rng)}
    return client(rng, SRC, "webhook", "POST", "crm.example.net", "/hooks/esign", body=py_json(doc).encode(), ctype="application/json",
                  lib="go", ua="ExampleSign-Webhooks/2.0", extra=[("x-signature", "sha256=" + uuid4(rng).replace("-", "") * 2)])


def template_search(rng: random.Random) -> Request:
    q = pick(rng, ["NDA", "§ 9 limitation", "hereinafter \"Customer\"", "lease sublet", "force majeure", "Geheimhaltung", "préavis", "DPA Art. 28"])
    return browser(rng, SRC, "template_search", "GET", HOST, "/api/templates", query([("q", q), ("lang", pick(rng, ["en", "de", "fr", "es"])), ("limit", "20")]),
                   referer=f"https://{HOST}/templates", cookie=cookies(rng, FW, ga=0.2))


def defined_terms(rng: random.Random) -> Request:
    terms = some(rng, ["Agreement", "Effective Date", "Provider", "Customer", "Confidential Information", "Affiliate", "Services",
                       "Deliverables", "Premises", "Force Majeure Event"], 2, 5)
    doc = {"terms": [{"term": t, "definition_ref": pick(rng, ["§ 1.1", "Recitals", "Section 2(a)", "Exhibit A"])} for t in terms]}
    did = uuid4(rng)
    return browser(rng, SRC, "defined_terms", "PUT", HOST, f"/api/documents/{did}/definitions", body=js_json(doc).encode(),
                   ctype="application/json", cookie=cookies(rng, FW, ga=0.2), referer=f"https://{HOST}/documents/{did}/edit")


def legal_docs(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [(4, edit_clause), (2, redline), (3, comment), (2, create_envelope), (1, upload), (2, sign),
                        (2, webhook), (1, template_search), (1, defined_terms)])
