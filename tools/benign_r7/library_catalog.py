# ruff: noqa: RUF001 - real text uses typographic characters
"""A public library system: the OPAC (a Django discovery layer) with field
and boolean search, holds and renewals, patron accounts and reading lists,
cataloguers' edits of MARC-style records, interlibrary loan, event sign-ups,
self-check kiosks and SIP/REST API clients.
"""

from __future__ import annotations

import random

from .common import (
    BROWSERS,
    Part,
    Request,
    b64url,
    bearer,
    boundary,
    browser,
    chars,
    client,
    cookie_jar,
    csrf,
    day,
    epoch,
    form,
    hexs,
    js_json,
    multipart,
    person,
    phone,
    pick,
    py_json,
    query,
    run,
    some,
    stamp,
    text_parts,
    uuid4,
)

SRC = "library_catalog"
OPAC = "catalogue.fairhavenlibraries.example.org"
STAFF = "staff.fairhavenlibraries.example.org"
API = "api.fairhavenlibraries.example.org"
WWW = "www.fairhavenlibraries.example.org"
BRANCHES = ["central", "northcote", "riverton", "old-mill", "bookmobile"]
TITLES = [("The Salt Path of Memory", "Ferris, Anwen"), ("A Brief History of Lighthouses", "Kowalczyk, Tomasz"),
          ("Cooking with Seaweed", "Nakamura, Rei"), ("The Quiet Orchard", "Delacroix, Camille"), ("Python for Librarians", "Ng, Vivian"),
          ("Wildflowers of the Southern Coast", "Pritchard, Gwen"), ("Small Boats, Big Seas", "Ó Súilleabháin, Ruairí"),
          ("The Children of Marsh Lane", "Okonkwo, Adaeze"), ("Knitting the Northern Isles", "Haugen, Maren"),
          ("Ghosts of the Corn Exchange", "Fitzgerald, Declan"), ("Les Jardins d’hiver", "Moreau, Élodie"),
          ("Das Haus am Fluss", "Strömberg, Björn")]
SUBJECTS = ["Lighthouses -- History", "Cooking (Seaweed)", "Coastal ecology -- England", "Knitting -- Patterns", "Local history -- Fairhaven",
            "Detective and mystery stories", "Python (Computer program language)", "Wild flowers -- Identification", "Sailing -- Safety measures",
            "Ghosts -- England", "Gardening -- Winter"]
QUERIES = [
    'title:"salt path" AND author:ferris', 'subject:"local history" NOT subject:maps', "author:(okonkwo OR okafor)",
    'lighthou* AND "19th century"', 'title:knit* AND format:book', "isbn:9780000000002", 'series:"Harbour mysteries" #3',
    '"python for librarians"', 'subject:"Detective and mystery stories" AND language:fre', "callnumber:[641.5 TO 641.59]",
    'kw:seaweed -"ice cream"', "ti:quiet orchard au:delacroix", "author:\"Ó Súilleabháin\"", "publisher:\"Tidewater Press\" AND year:[2010 TO 2026]",
    "dewey:387.155*", "knitting patterns fair isle", "ghost?", "(sailing OR boating) AND safety", "lccn:2026012345", "hound of the baskervilles",
    'genre:"graphic novels" audience:teen', "Das Haus am Fluss", "large print", "audiobook cd harry", "jardins d'hiver",
]


def _patron(rng: random.Random) -> str:
    return cookie_jar(rng, "django", ga=0.3, extra=[("branch", pick(rng, BRANCHES))])


def _staff(rng: random.Random) -> str:
    return cookie_jar(rng, "django", ga=0.0, extra=[("workstation", f"CIRC-{pick(rng, BRANCHES).upper()}-{rng.randint(1, 6)}")])


def _bib(rng: random.Random) -> int:
    return rng.randrange(10**5, 10**6)


def search(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, QUERIES))]
    if rng.random() < 0.5:
        pairs += [("format", pick(rng, ["book", "ebook", "audiobook", "dvd", "large_print"])), ("available", pick(rng, ["true", "false"]))]
    if rng.random() < 0.4:
        pairs += [("branch", pick(rng, BRANCHES)), ("sort", pick(rng, ["relevance", "pubdate_desc", "title_asc", "author_asc"]))]
    if rng.random() < 0.2:
        pairs.append(("page", str(rng.randint(2, 6))))
    return browser(rng, SRC, "search", "GET", OPAC, "/search", query(pairs), page=True, cookie=_patron(rng) if rng.random() < 0.7 else None,
                   referer=f"https://{OPAC}/")


def advanced_search(rng: random.Random) -> Request:
    pairs = []
    for i in range(rng.randint(2, 3)):
        pairs += [(f"field{i}", pick(rng, ["title", "author", "subject", "series", "isbn", "keyword"])),
                  (f"term{i}", pick(rng, ["salt path", "ferris", "lighthouses", "Harbour mysteries", "knit*", "\"local history\""])),
                  (f"op{i}", pick(rng, ["AND", "OR", "NOT"]))]
    pairs += [("year_from", str(rng.randint(1950, 2015))), ("year_to", "2026"), ("lang", pick(rng, ["", "eng", "fre", "ger", "wel"])), ("submit", "Search")]
    return browser(rng, SRC, "advanced_search", "GET", OPAC, "/search/advanced", query(pairs), page=True, cookie=_patron(rng))


def facets(rng: random.Random) -> Request:
    return browser(rng, SRC, "facet_api", "GET", OPAC, "/api/search/facets",
                   query([("q", pick(rng, QUERIES)), ("facet", "subject"), ("facet", "format"), ("facet", "pubyear")]), cookie=_patron(rng))


def record(rng: random.Random) -> Request:
    return browser(rng, SRC, "record_page", "GET", OPAC, f"/record/{_bib(rng)}", pick(rng, ["", "", "tab=holdings", "tab=marc", "from=list"]),
                   page=True, cookie=_patron(rng), referer=f"https://{OPAC}/search")


def callnumber_browse(rng: random.Random) -> Request:
    start = pick(rng, ["641.5", "387.155", "746.432", "QA76.73.P98", "914.23", "F FER", "JF OKO", "B ELLERY"])
    return browser(rng, SRC, "shelf_browse", "GET", OPAC, "/browse/callnumber", query([("start", start), ("direction", pick(rng, ["next", "prev"])), ("n", "20")]),
                   page=True, cookie=_patron(rng))


def autocomplete(rng: random.Random) -> Request:
    return browser(rng, SRC, "autocomplete", "GET", OPAC, "/api/suggest", query([("q", pick(rng, ["salt pa", "lighth", "o'br", "ó súi", "knit", "the quiet", "pyth"])),
                                                                              ("type", pick(rng, ["title", "author", "all"]))]), cookie=_patron(rng))


def place_hold(rng: random.Random) -> Request:
    pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 64)), ("bib", str(_bib(rng))),
             ("pickup", pick(rng, BRANCHES)), ("not_needed_after", pick(rng, ["", day(rng)])), ("notify", pick(rng, ["email", "sms", "phone"])),
             ("item_level", pick(rng, ["", "", "vol. 2"]))]
    return browser(rng, SRC, "place_hold", "POST", OPAC, "/holds/place", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=_patron(rng))


def renew(rng: random.Random) -> Request:
    ids = [str(rng.randrange(10**7, 10**8)) for _ in range(rng.randint(1, 4))]
    body = js_json({"checkouts": ids, "all": False}).encode()
    return browser(rng, SRC, "renew", "POST", OPAC, "/api/account/renew", body=body, ctype="application/json", cookie=_patron(rng),
                   extra=csrf(rng, "django"), referer=f"https://{OPAC}/account/checkouts")


def account_page(rng: random.Random) -> Request:
    return browser(rng, SRC, "account_page", "GET", OPAC, pick(rng, ["/account", "/account/checkouts", "/account/holds", "/account/history", "/account/fines", "/account/lists"]),
                   pick(rng, ["", "", "sort=due_date", "page=2"]), page=True, cookie=_patron(rng))


def login(rng: random.Random) -> Request:
    pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 64)), ("card", f"2{rng.randrange(10**12, 10**13)}"),
             ("pin", str(rng.randrange(1000, 10000))), ("next", "/account")]
    return browser(rng, SRC, "login", "POST", OPAC, "/login", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=cookie_jar(rng, "django"))


def list_edit(rng: random.Random) -> Request:
    body = js_json({"name": pick(rng, ["Book club 2027", "For Mum – large print", "Holiday reads ☀️", "Lighthouse research", "Kids: dinosaurs!!"]),
                    "description": pick(rng, ["", "Things to get through before the February meeting", "Anything with a ★ is a re-read"]),
                    "public": rng.random() < 0.3, "items": [{"bib": _bib(rng), "note": pick(rng, ["", "recommended by Gwen", "ch. 4 esp."])} for _ in range(rng.randint(1, 5))]}).encode()
    return browser(rng, SRC, "reading_list", "PUT", OPAC, f"/api/lists/{rng.randrange(10**4, 10**5)}", body=body, ctype="application/json",
                   cookie=_patron(rng), extra=csrf(rng, "django"))


def ill_request(rng: random.Random) -> Request:
    g, f, email = person(rng)
    title, author = pick(rng, [("Coastal Defences of the Channel, 1540–1945", "Harrow, J. D."), ("Journal of Maritime Folklore, vol. 12 no. 3 (1998)", ""),
                               ("Die Leuchttürme der Ostsee", "Brandt, Ola"), ("Proceedings of the 4th Conference on Tidal Ecology", "")])
    pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 64)), ("type", pick(rng, ["book", "article", "chapter"])),
             ("title", title), ("author", author), ("year", str(rng.randint(1960, 2024))), ("isbn_issn", pick(rng, ["", "0000-0019", "978-0-00-000000-2"])),
             ("pages", pick(rng, ["", "pp. 45–67", "chapter 3"])), ("max_cost", pick(rng, ["0", "5.00", "10.00"])), ("needed_by", day(rng)),
             ("notes", pick(rng, ["", "For my dissertation – happy to read in the library only.", "Any edition is fine.", "The British Library has a copy (shelfmark X.123/4567)."])),
             ("email", email), ("name", f"{g} {f}")]
    return browser(rng, SRC, "ill_request", "POST", OPAC, "/ill/request", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=_patron(rng))


def event_signup(rng: random.Random) -> Request:
    g, f, email = person(rng)
    pairs = [("event", pick(rng, ["rhyme-time-northcote", "code-club-8-11", "family-history-drop-in", "author-talk-anwen-ferris", "repair-cafe-dec", "knit-and-natter"])),
             ("name", f"{g} {f}"), ("email", email), ("phone", phone(rng)), ("attendees", str(rng.randint(1, 4))),
             ("access_needs", pick(rng, ["", "", "Step-free access please", "BSL interpreter if possible", "Bringing a buggy"])),
             ("child_ages", pick(rng, ["", "3, 5", "8"])), ("photo_consent", pick(rng, ["yes", "no"]))]
    return browser(rng, SRC, "event_signup", "POST", WWW, "/events/register", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=cookie_jar(rng, "django", ga=0.5))


def events_page(rng: random.Random) -> Request:
    return browser(rng, SRC, "events_page", "GET", WWW, "/events", query([("branch", pick(rng, BRANCHES)), ("audience", pick(rng, ["children", "teens", "adults", "all"])),
                                                                        ("month", pick(rng, ["2026-12", "2027-01"]))]), page=True, cookie=cookie_jar(rng, "django", ga=0.5))


def suggest_purchase(rng: random.Random) -> Request:
    body = js_json({"title": pick(rng, ["The Lighthouse Keeper’s Daughter", "Winter Tides", "Fermenting at Home, 2nd ed."]), "author": pick(rng, ["Ellery, M.", "Park, Ji-ho", ""]),
                    "format": pick(rng, ["book", "ebook", "audiobook"]), "reason": pick(rng, ["Our book club is reading it in March", "Local author!", "Not in any branch"])}).encode()
    return browser(rng, SRC, "purchase_suggestion", "POST", OPAC, "/api/suggestions", body=body, ctype="application/json", cookie=_patron(rng), extra=csrf(rng, "django"))


def _marc(rng: random.Random) -> list[dict[str, object]]:
    title, author = pick(rng, TITLES)
    fields: list[dict[str, object]] = [
        {"tag": "020", "ind": "  ", "sub": [["a", f"978{rng.randrange(10**9, 10**10)} (paperback)"], ["q", "pbk."]]},
        {"tag": "100", "ind": "1 ", "sub": [["a", author + ","], ["e", "author."]]},
        {"tag": "245", "ind": "14" if title.startswith("The ") else "10", "sub": [["a", title + " /"], ["c", author.split(", ")[-1] + " " + author.split(",")[0] + "."]]},
        {"tag": "264", "ind": " 1", "sub": [["a", "Fairhaven :"], ["b", "Tidewater Press,"], ["c", f"[{rng.randint(2010, 2026)}]"]]},
        {"tag": "300", "ind": "  ", "sub": [["a", f"xii, {rng.randint(120, 480)} pages :"], ["b", "illustrations (some colour), maps ;"], ["c", "24 cm"]]},
        {"tag": "336", "ind": "  ", "sub": [["a", "text"], ["b", "txt"], ["2", "rdacontent"]]},
        {"tag": "500", "ind": "  ", "sub": [["a", pick(rng, ["Includes index.", "Originally published: 1998.", "\"A Tidewater book.\""])]]},
        {"tag": "504", "ind": "  ", "sub": [["a", f"Includes bibliographical references (pages {rng.randint(300, 400)}-{rng.randint(401, 420)}) and index."]]},
    ]
    for s in some(rng, SUBJECTS, 1, 3):
        parts = s.split(" -- ")
        sub = [["a", parts[0]]] + [["x", p] for p in parts[1:]]
        fields.append({"tag": "650", "ind": " 0", "sub": sub})
    if rng.random() < 0.4:
        fields.append({"tag": "490", "ind": "1 ", "sub": [["a", "Harbour mysteries ;"], ["v", str(rng.randint(1, 9))]]})
    return fields


def marc_edit(rng: random.Random) -> Request:
    body = js_json({"leader": "00000nam a22000007i 4500", "fields": _marc(rng), "version": rng.randint(1, 30),
                    "note": pick(rng, ["Added 650s", "Fixed 245 indicators", "RDA upgrade", "Merged dup record"])}).encode()
    return browser(rng, SRC, "marc_edit", "PUT", STAFF, f"/api/cataloguing/bibs/{_bib(rng)}", body=body, ctype="application/json",
                   cookie=_staff(rng), extra=csrf(rng, "django"), referer=f"https://{STAFF}/cataloguing/editor")


def marc_text_import(rng: random.Random) -> Request:
    title, author = pick(rng, TITLES)
    mrk = "\n".join([
        "=LDR  00000nam a2200000 i 4500",
        f"=001  fh{rng.randrange(10**7, 10**8)}",
        f"=008  {rng.randint(20, 26)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}s2026\\\\\\\\enka\\\\\\\\\\b\\\\\\\\001\\0\\eng\\d",
        f"=020  \\\\$a978{rng.randrange(10**9, 10**10)}$qhardback",
        f"=100  1\\$a{author},$eauthor.",
        f"=245  10$a{title} /$c{author}.",
        "=264  \\1$aFairhaven :$bTidewater Press,$c2026.",
        f"=300  \\\\$a{rng.randint(100, 400)} pages ;$c22 cm",
        f"=650  \\0$a{pick(rng, SUBJECTS).replace(' -- ', '$x')}",
        f"=852  \\\\$a{pick(rng, BRANCHES)}$h{pick(rng, ['641.5 NAK', '387.155 KOW', 'F FER'])}",
    ]) + "\n"
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    parts: list[Part] = [("file", mrk.encode(), f"vendor_batch_{rng.randrange(100, 999)}.mrk", "application/octet-stream")]
    parts += text_parts([("profile", pick(rng, ["vendor-default", "overlay-by-isbn", "new-only"])), ("encoding", "utf-8")])
    body = multipart(parts, bnd)
    return browser(rng, SRC, "marc_import", "POST", STAFF, "/cataloguing/import", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   page=True, cookie=_staff(rng), b=b)


def item_edit(rng: random.Random) -> Request:
    pairs = [("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 64)), ("barcode", f"3{rng.randrange(10**12, 10**13)}"),
             ("callnumber", pick(rng, ["641.5 NAK", "387.155 KOW", "F FER", "JF OKO", "746.432 HAU", "QA76.73.P98 NG 2026"])),
             ("location", pick(rng, BRANCHES)), ("collection", pick(rng, ["adult-nonfic", "adult-fic", "junior", "local-studies", "reference"])),
             ("status", pick(rng, ["available", "damaged", "missing", "in_repair", "withdrawn"])), ("price", f"{rng.uniform(5, 40):.2f}"),
             ("public_note", pick(rng, ["", "Map in back pocket", "Includes CD"])), ("staff_note", pick(rng, ["", "Water damage p.34-40", "Donated by Friends of Fairhaven Library"]))]
    return browser(rng, SRC, "item_edit", "POST", STAFF, f"/items/{rng.randrange(10**6, 10**7)}/edit", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=_staff(rng))


def checkout_desk(rng: random.Random) -> Request:
    body = js_json({"patron": f"2{rng.randrange(10**12, 10**13)}", "item": f"3{rng.randrange(10**12, 10**13)}", "override": pick(rng, [None, "max_loans", "fines"]),
                    "dueDate": day(rng)}).encode()
    return browser(rng, SRC, "circ_checkout", "POST", STAFF, "/api/circulation/checkout", body=body, ctype="application/json", cookie=_staff(rng),
                   extra=csrf(rng, "django"))


def patron_note(rng: random.Random) -> Request:
    body = js_json({"patronId": rng.randrange(10**5, 10**6), "note": pick(rng, ["Paid £2.40 cash for lost CD case", "Prefers large print – set default format",
                                                                              "Address updated after ID check", "Home delivery service from Jan"]),
                    "type": pick(rng, ["circulation", "general"])}).encode()
    return browser(rng, SRC, "patron_note", "POST", STAFF, "/api/patrons/notes", body=body, ctype="application/json", cookie=_staff(rng), extra=csrf(rng, "django"))


def staff_report(rng: random.Random) -> Request:
    return browser(rng, SRC, "staff_report", "GET", STAFF, "/reports/run",
                   query([("report", pick(rng, ["overdues", "holds_shelf", "weeding_candidates", "circ_by_collection"])), ("branch", pick(rng, BRANCHES)),
                          ("from", day(rng, past=True)), ("format", pick(rng, ["html", "csv"]))]), page=True, cookie=_staff(rng))


def selfcheck(rng: random.Random) -> Request:
    body = py_json({"terminal": f"SC-{pick(rng, BRANCHES)}-{rng.randint(1, 3)}", "patron_barcode": f"2{rng.randrange(10**12, 10**13)}",
                    "item_barcodes": [f"3{rng.randrange(10**12, 10**13)}" for _ in range(rng.randint(1, 5))], "action": pick(rng, ["checkout", "checkin", "renew"]),
                    "ts": epoch(rng)}).encode()
    return client(rng, SRC, "selfcheck_kiosk", "POST", API, "/v1/selfcheck/transactions", body=body, ctype="application/json", lib="java",
                  ua="SelfServe/4.2 (Windows 10 IoT)", auth="Basic " + b64url(f"kiosk:{hexs(rng, 16)}".encode()))


def opac_api(rng: random.Random) -> Request:
    qs = query([("q", pick(rng, QUERIES)), ("fields", "title,author,isbn,availability"), ("limit", "20"), ("offset", str(rng.choice([0, 20, 40])))])
    return client(rng, SRC, "opac_api", "GET", API, "/v1/search", qs, lib=pick(rng, ["requests", "node", "httpx", "curl"]),
                  auth="Bearer " + hexs(rng, 40), accept="application/json")


def availability_api(rng: random.Random) -> Request:
    return client(rng, SRC, "availability_api", "GET", API, f"/v1/bibs/{_bib(rng)}/availability", "", lib=pick(rng, ["okhttp", "ios"]),
                  ua=pick(rng, ["FairhavenLibraries/2.6.0 (Android 14)", "Libby-like/1.0 CFNetwork/3826.600.41 Darwin/24.6.0"]),
                  auth=bearer(rng, "https://auth.fairhavenlibraries.example.org") if rng.random() < 0.5 else None)


def ebook_webhook(rng: random.Random) -> Request:
    body = js_json({"event": pick(rng, ["loan.created", "loan.returned", "hold.available"]), "id": uuid4(rng), "occurred": stamp(rng),
                    "title": {"id": f"EB{rng.randrange(10**6)}", "name": pick(rng, TITLES)[0], "format": pick(rng, ["epub", "audiobook"])},
                    "patron_ref": hexs(rng, 16)}).encode()
    return client(rng, SRC, "ebook_vendor_webhook", "POST", API, "/hooks/ebooks", body=body, ctype="application/json", lib="node",
                  ua="DigiLend-Webhooks/2.1", extra=[("x-digilend-signature", hexs(rng, 64))])


def oai_pmh(rng: random.Random) -> Request:
    return client(rng, SRC, "oai_harvest", "GET", API, "/oai",
                  query([("verb", "ListRecords"), ("metadataPrefix", pick(rng, ["marc21", "oai_dc"])), ("from", day(rng, past=True)), ("set", "local-studies")])
                  if rng.random() < 0.6 else query([("verb", "ListRecords"), ("resumptionToken", f"marc21/{rng.randrange(10**4)}/{rng.randrange(10**6)}//local-studies")]),
                  lib="requests", ua="RegionalUnionCatalogue-Harvester/1.3 (+https://union.example.net/about)", accept="text/xml")


def sru(rng: random.Random) -> Request:
    return client(rng, SRC, "sru_search", "GET", API, "/sru",
                  query([("version", "2.0"), ("operation", "searchRetrieve"),
                         ("query", pick(rng, ['dc.title any "salt path"', 'bath.isbn="9780000000002"', 'dc.creator="okonkwo" and dc.date>2015', 'cql.anywhere all "lighthouse history"'])),
                         ("maximumRecords", "10"), ("recordSchema", "marcxml")]), lib="java", ua="Z3950Gateway/2.0")


def fines_payment(rng: random.Random) -> Request:
    pairs = [("amount", f"{rng.uniform(0.3, 12):.2f}"), ("card_token", "tok_" + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24)),
             ("csrfmiddlewaretoken", chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 64)), ("fines[]", str(rng.randrange(10**6)))]
    return browser(rng, SRC, "fines_payment", "POST", OPAC, "/account/fines/pay", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=_patron(rng))


def card_signup(rng: random.Random) -> Request:
    g, f, email = person(rng)
    body = js_json({"givenName": g, "familyName": f, "email": email, "dob": f"{rng.randint(1940, 2015)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "address": {"line1": f"{rng.randint(1, 200)} Wrenfield Street", "city": "Fairhaven", "postcode": "TN23 1AA"},
                    "homeBranch": pick(rng, BRANCHES), "notices": pick(rng, ["email", "sms"]), "parentName": pick(rng, [None, "Joanna Pritchard"]),
                    "captcha": b64url(chars(rng, "abcdef0123456789", 48).encode())}).encode()
    return browser(rng, SRC, "card_signup", "POST", OPAC, "/api/register", body=body, ctype="application/json", cookie=cookie_jar(rng, "django"), extra=csrf(rng, "django"))


def library_catalog(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (22, search), (4, advanced_search), (4, facets), (14, record), (3, callnumber_browse), (7, autocomplete), (6, place_hold),
        (5, renew), (7, account_page), (3, login), (3, list_edit), (2, ill_request), (3, event_signup), (3, events_page),
        (1, suggest_purchase), (4, marc_edit), (1, marc_text_import), (3, item_edit), (4, checkout_desk), (1, patron_note),
        (1, staff_report), (4, selfcheck), (5, opac_api), (4, availability_api), (2, ebook_webhook), (1, oai_pmh), (2, sru),
        (1, fines_payment), (1, card_signup),
    ])
