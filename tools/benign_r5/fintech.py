# ruff: noqa: RUF001 - real text uses typographic characters
"""fintech: a retail and small-business banking app (Django web banking, a
FastAPI mobile API, payment-provider webhooks): transfers with free-text
memos and references, IBANs and BICs, payees, cards and card tokens,
statement downloads and uploads (CSV, OFX, SEPA XML), budgets and
categorisation rules, 3-D Secure returns, open-banking consents and
signed webhooks, in several currencies and languages."""

from __future__ import annotations

import base64
import hashlib
import json
import random

from .common import (
    ALNUM,
    Request,
    ascii_fold,
    b64url,
    bearer,
    boundary_for,
    browser,
    browser_of,
    chars,
    client,
    cookie_jar,
    csrf,
    doc_ip,
    epoch,
    fake_jpeg,
    fake_pdf,
    form,
    gson_json,
    hexs,
    ios_json,
    js_json,
    multipart,
    person,
    phone,
    pick,
    py_json,
    rbytes,
    run,
    some,
    stamp,
    text_parts,
    upcoming,
    uuid4,
)

SRC = "fintech"
WEB = "online.bank.example.com"
API = "api.bank.example.com"
BIZ = "business.bank.example.com"
HOOKS = "hooks.bank.example.com"
ACS = "acs.3ds.example.net"

# ------------------------------------------------------------------ money

_BBAN = {"DE": "n18", "GB": "a4n14", "IE": "a4n14", "FR": "n23", "NL": "a4n10", "ES": "n20", "IT": "a1n22",
         "BE": "n12", "AT": "n16", "PL": "n24", "CH": "n17", "SE": "n20", "PT": "n21", "FI": "n14"}
BANKS = [("Harbourline Bank", "HRBL"), ("Kestrel Savings", "KSTR"), ("Beispielbank Nord", "BSPN"),
         ("Banque Exemple", "BQEX"), ("Banca Esempio", "BCES"), ("Voorbeeld Bank", "VBBK"),
         ("Ejemplo Caja Rural", "EJCR"), ("Przykładowy Bank", "PRZB"), ("Mustersparkasse", "MSPK")]
CURRENCIES = ["EUR", "EUR", "EUR", "GBP", "GBP", "USD", "CHF", "PLN", "SEK", "DKK", "JPY", "CZK"]


def iban(rng: random.Random, country: str | None = None) -> str:
    cc = country or pick(rng, list(_BBAN))
    spec = _BBAN[cc]
    bban = ""
    i = 0
    while i < len(spec):
        kind = spec[i]
        j = i + 1
        while j < len(spec) and spec[j].isdigit():
            j += 1
        count = int(spec[i + 1:j])
        bban += chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if kind == "a" else "0123456789", count)
        i = j
    digits = "".join(str(int(c, 36)) for c in bban + cc + "00")
    check = 98 - int(digits) % 97
    return f"{cc}{check:02d}{bban}"


def spaced(s: str) -> str:
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def bic(rng: random.Random, cc: str) -> str:
    code = pick(rng, BANKS)[1]
    return code + cc + pick(rng, ["2X", "FF", "MM", "22", "B1"]) + pick(rng, ["", "", "XXX", "100"])


def amount(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5:
        v = rng.randrange(500, 15000) / 100
    elif r < 0.85:
        v = rng.randrange(15000, 250000) / 100
    else:
        v = rng.randrange(250000, 2500000) / 100
    return f"{v:.2f}"


MEMOS = [
    "Rent - Flat 2B, O'Connor's share", "inv #2024-117; thanks!", "Rent Dec", "December rent – Flat 4, 12 Larch Rd",
    "Dinner @ Luigi's 🍝 (split 3 ways)", "Nov + Dec electricity -- see email from Ciarán", "Ref: PO-88213 / line 4",
    "Holiday deposit \"Casa Azul\" 14-21 Feb", "Miete 12/2026 – Whg. 3. OG links", "Nebenkosten-Nachzahlung 2025",
    "Loyer décembre — appt 4, M. Lefèvre", "Remboursement billets de train (Lyon → Paris)", "Alquiler dic. (piso 2ºB)",
    "Cuota comunidad 4º trimestre", "Czynsz za grudzień, m. 14", "Huur december kamer 2", "Affitto dicembre - int. 7",
    "school trip (Year 5) - 50% deposit", "Paying you back for the tickets :) x", "Gift for Mum <3",
    "Tax year 2025/26 top-up", "Invoice 2026-0412 + 2026-0413", "Car share Oct/Nov = 12 trips * £4.50",
    "Sub fee 'Premium' plan", "Reimbursement — taxi 14/11, 15/11", "Drinks at the Fox & Hounds",
    "Wedding gift 💍 for Niamh & Eoin", "Pocket money (week 49)", "Savings -> ISA", "Birthday! 🎂🎉",
    "Deposit for 3-bed @ 21 Willow Close", "Share of Airbnb (Lisbon) — 4 nights", "Loan repayment 3/12",
    "Football subs - U11s", "Pizza night, no anchovies this time!", "Consulting Nov: 18.5h x €85",
    "Payroll 2026-11 / EMP-0042", "VAT Q3 (ref. 123 4567 89)", "Bike from marketplace, as agreed", "",
    "Thanks for sorting the parking fine :-)", "50/50 on the new sofa", "Christmas hamper – staff whip-round",
    "Order #A-77812 (2 items)", "Zahlung Rechnung Nr. 2026/0815", "Facture n° F-2026-1198 acompte 30 %",
    "Kita-Beitrag Dez.", "Music family plan, my share", "Re: invoice dispute — partial payment",
]
REFERENCES = ["INV-2026-0117", "RF18 5390 0754 7034", "PO 88213", "0000458821", "RENT-DEC", "ORD-77812",
              "SO/2026/11/04", "ACCT 44-19-207", "KID-4471", "F2026-1198", "REF 2026/0815", "CUST-0093X"]
PAYEES = ["Siobhán O'Connor", "Jürgen Müller-Hahn", "M. & Mme Lefèvre", "D'Angelo Lettings Ltd",
          "Brzęczyszczykiewicz Nieruchomości Sp. z o.o.", "Ngũgĩ wa Thiong'o", "Anaïs Dubois-Carré",
          "Landlord (Mr Okonkwo)", "Kestrel Property Mgmt", "Zoë & Ryan", "St. Clair Primary PTA",
          "Wanjirũ Kamau", "Haus & Garten GmbH", "Café l'Étoile SARL", "Van den Broeck BV", "Ó Súilleabháin Plumbing",
          "Ibáñez Hermanos S.L.", "Mum", "Rowan (flatmate)", "Council Tax – Northvale"]
MERCHANTS = ["CORNER GROCER 3391", "HILLTOP PETROL STN", "NORTHLINE RAIL", "STREAMBOX SUBSCR*MONTHLY",
             "CAFE ALBA", "PIXELMART ONLINE", "BAKERY ST. JUDE'S", "PHARMACIE DU PONT", "KIOSK AM MARKT",
             "TAXI*CITYCAB 0412", "GYMFLOW MEMBERSHIP", "BOOKS & BEANS", "FERRETERÍA LÓPEZ", "ŻABKA-LIKE 1182",
             "AIRPORT PARKING T2", "WATER CO. DD", "FLOWERS BY ZOË", "HARDWARE-HUB.EXAMPLE"]
CATEGORIES = ["Groceries", "Eating out 🍜", "Transport", "Rent & bills", "Subscriptions", "Kids", "Health",
              "Holidays ✈️", "Gifts 🎁", "Coffee ☕", "Pets", "Home & garden", "Lebensmittel", "Courses",
              "Savings goals", "Side hustle", "Charity", "Car (fuel + parking)", "Bills/Utilities", "Misc."]


def who(rng: random.Random) -> str:
    g, f, _ = person(rng)
    return f"{g} {f}"


def web_cookie(rng: random.Random) -> str:
    return cookie_jar(rng, "django", extra=[("lang", pick(rng, ["en", "de", "fr", "es", "pl", "nl"])),
                                            ("hb_device", hexs(rng, 24))], analytics=0.2)


def spa(rng: random.Random, kind: str, method: str, path: str, qs: str = "", obj: object = None,
        referer: str = "/", lang: str = "en") -> Request:
    body = js_json(obj).encode() if obj is not None else None
    extra = csrf(rng, "django") if method != "GET" else []
    if method in ("POST", "PUT") and rng.random() < 0.6:
        extra.append(("idempotency-key", uuid4(rng)))
    return browser(rng, SRC, kind, method, WEB, path, qs, body=body, ctype="application/json" if body else None,
                   accept="application/json", referer=f"https://{WEB}{referer}", cookie=web_cookie(rng),
                   lang=lang, extra=extra)


APP_UA_IOS = ["Harbourline/6.14.2 (com.example.harbourline; build:61402; iOS 18.7.0) Alamofire/5.10.2",
              "Harbourline/6.13.0 (com.example.harbourline; build:61300; iOS 26.1.0) Alamofire/5.10.2"]
APP_UA_ANDROID = ["Harbourline/6.14.1 (Android 15; SM-S921B) okhttp/4.12.0", "Harbourline/6.14.1 (Android 16; Pixel 9) okhttp/4.12.0"]


def app(rng: random.Random, kind: str, method: str, path: str, qs: str = "", obj: object = None) -> Request:
    ios = rng.random() < 0.5
    auth = bearer(rng, f"https://auth.{API.split('.', 1)[1]}", "accounts payments")
    extra = [("x-device-id", uuid4(rng).upper() if ios else hexs(rng, 16)), ("x-app-version", "6.14")]
    if method == "POST":
        extra.append(("idempotency-key", uuid4(rng)))
    if ios:
        body = ios_json(obj).encode() if obj is not None else None
        return client(rng, SRC, kind, method, API, path, qs, body=body, ctype="application/json" if body else None,
                      lib="ios", auth=auth, extra=extra, ua=pick(rng, APP_UA_IOS))
    body = gson_json(obj).encode() if obj is not None else None
    return client(rng, SRC, kind, method, API, path, qs, body=body,
                  ctype="application/json; charset=UTF-8" if body else None, lib="okhttp", auth=auth,
                  extra=extra, ua=pick(rng, APP_UA_ANDROID))


# ------------------------------------------------------------------ web pages


def dashboard(rng: random.Random) -> Request:
    path = pick(rng, ["/", "/accounts/", "/accounts/overview", "/cards/", "/payments/", "/budgets/", "/settings/",
                      "/payees/", "/payments/new/", "/budgets/rules", "/documents/", "/help/"])
    qs = pick(rng, ["", "", "", form([("m", f"2026-{rng.randint(1, 11):02d}")]),
                    form([("from", "push"), ("nid", hexs(rng, 12))]), form([("welcome", "1")]),
                    form([("payee", str(rng.randrange(10**5))), ("amount", amount(rng))]),
                    form([("page", str(rng.randint(2, 9)))])])
    return browser(rng, SRC, "page", "GET", WEB, path, qs, page=True, cookie=web_cookie(rng),
                   referer=pick(rng, [None, f"https://{WEB}/", f"https://{WEB}/login/?next={path}"]),
                   lang=pick(rng, ["en", "en", "de", "fr", "es", "pl", "nl"]))


def account_page(rng: random.Random) -> Request:
    acct = rng.randrange(10**7, 10**8)
    qs = form([("tab", pick(rng, ["transactions", "details", "statements", "standing-orders"]))] +
              ([("month", f"2026-{rng.choice([9, 10, 11]):02d}")] if rng.random() < 0.5 else []))
    return browser(rng, SRC, "account_page", "GET", WEB, f"/accounts/{acct}/", qs, page=True, cookie=web_cookie(rng),
                   referer=f"https://{WEB}/accounts/")


def transactions(rng: random.Random) -> Request:
    acct = uuid4(rng)
    pairs = [("account", acct), ("limit", str(pick(rng, [25, 50, 100])))]
    if rng.random() < 0.5:
        pairs.append(("from", f"2026-{rng.choice([8, 9, 10, 11]):02d}-01"))
        pairs.append(("to", f"2026-11-{rng.randint(10, 30)}"))
    if rng.random() < 0.4:
        pairs.append(("category", pick(rng, CATEGORIES)))
    if rng.random() < 0.3:
        pairs.append(("min_amount", str(rng.choice([10, 50, 100, 500]))))
    if rng.random() < 0.3:
        pairs.append(("type", pick(rng, ["debit", "credit", "card", "transfer", "direct_debit"])))
    if rng.random() < 0.4:
        pairs.append(("cursor", b64url(js_json({"ts": epoch(rng), "id": rng.randrange(10**6)}).encode())))
    return spa(rng, "transactions", "GET", "/api/v2/transactions", form(pairs), referer="/accounts/")


SEARCHES = ["O'Connor", "rent", "amazon mktp", "rent & bills", "café", "inv #2024-117", "refund", "-42.10",
            "CORNER GROCER", "Müller", "\"christmas hamper\"", "uber OR taxi", "£", "ISA", "10%", "D'Angelo Lettings",
            "Loyer décembre", "PO 88213", "gym", "parking fine", "standing order", "2026-11-14"]


def txn_search(rng: random.Random) -> Request:
    q = pick(rng, SEARCHES)
    return spa(rng, "txn_search", "GET", "/api/v2/transactions/search",
               form([("q", q), ("scope", pick(rng, ["all", "current", "savings"]))]), referer="/accounts/")


# ------------------------------------------------------------------ transfers


def transfer_spa(rng: random.Random) -> Request:
    cc = pick(rng, list(_BBAN))
    to = iban(rng, cc)
    cur = pick(rng, CURRENCIES)
    value = amount(rng)
    if cur == "JPY":
        value = str(int(float(value) * 100))
    obj: dict[str, object] = {
        "from_account_id": uuid4(rng),
        "creditor": {"name": pick(rng, PAYEES), "iban": spaced(to) if rng.random() < 0.4 else to,
                     "bic": bic(rng, cc) if rng.random() < 0.6 else None},
        "amount": {"value": value, "currency": cur},
        "remittance_information": pick(rng, MEMOS),
        "end_to_end_reference": pick(rng, REFERENCES) if rng.random() < 0.4 else "",
        "execution_date": upcoming(rng, 0, 20) if rng.random() < 0.3 else None,
        "instant": rng.random() < 0.5,
        "save_payee": rng.random() < 0.3,
    }
    return spa(rng, "transfer", "POST", "/api/v2/payments/sepa-credit-transfers", obj=obj, referer="/payments/new",
               lang=pick(rng, ["en", "de", "fr", "es", "nl", "it"]))


def transfer_app(rng: random.Random) -> Request:
    obj = {"sourceAccountId": uuid4(rng), "payeeId": uuid4(rng), "amount": amount(rng),
           "currency": pick(rng, ["GBP", "EUR", "EUR", "USD"]), "reference": pick(rng, MEMOS)[:35],
           "scheduledFor": None if rng.random() < 0.7 else upcoming(rng, 1, 30),
           "biometricAssertion": b64url(rbytes(rng, 70))}
    return app(rng, "transfer_app", "POST", "/v3/payments", obj=obj)


def transfer_form(rng: random.Random) -> Request:
    """The no-JS fallback: a classic form post to confirm a payment."""
    cc = pick(rng, ["GB", "IE", "DE", "FR"])
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("from_account", str(rng.randrange(10**7, 10**8))),
             ("payee_name", pick(rng, PAYEES)), ("iban", spaced(iban(rng, cc))),
             ("amount", amount(rng)), ("currency", pick(rng, ["EUR", "GBP"])), ("reference", pick(rng, MEMOS)),
             ("when", pick(rng, ["now", "later"])), ("confirm", "Send payment")]
    if cc == "GB":
        pairs.insert(4, ("sort_code", f"{rng.randrange(100):02d}-{rng.randrange(100):02d}-{rng.randrange(100):02d}"))
    body = form(pairs).encode()
    return browser(rng, SRC, "transfer_form", "POST", WEB, "/payments/confirm/", body=body,
                   ctype="application/x-www-form-urlencoded", page=True, cookie=web_cookie(rng),
                   referer=f"https://{WEB}/payments/new/")


def cop_check(rng: random.Random) -> Request:
    """Confirmation of payee: does the name match the account?"""
    obj = {"name": pick(rng, PAYEES), "sort_code": f"{rng.randrange(10**6):06d}",
           "account_number": f"{rng.randrange(10**8):08d}", "account_type": pick(rng, ["personal", "business"])}
    return spa(rng, "confirmation_of_payee", "POST", "/api/v2/payees/verify", obj=obj, referer="/payees/new")


def fx_quote(rng: random.Random) -> Request:
    sell, buy = some(rng, ["EUR", "GBP", "USD", "CHF", "PLN", "SEK", "JPY", "CAD", "AUD"], 2, 2)
    pairs = [("sell", sell), ("buy", buy), ("amount", amount(rng)), ("side", pick(rng, ["sell", "buy"]))]
    if rng.random() < 0.5:
        return app(rng, "fx_quote", "GET", "/v3/fx/quote", form(pairs))
    return spa(rng, "fx_quote", "GET", "/api/v2/fx/quotes", form(pairs), referer="/payments/international")


def standing_order(rng: random.Random) -> Request:
    cc = pick(rng, list(_BBAN))
    obj = {"payee": {"name": pick(rng, PAYEES), "iban": iban(rng, cc)}, "amount": amount(rng), "currency": "EUR",
           "frequency": pick(rng, ["weekly", "monthly", "monthly", "quarterly", "yearly"]),
           "day_of_month": rng.randint(1, 28), "first_payment": upcoming(rng, 3, 40),
           "last_payment": upcoming(rng, 100, 200) if rng.random() < 0.3 else None,
           "reference": pick(rng, MEMOS)}
    return spa(rng, "standing_order", "POST", "/api/v2/standing-orders", obj=obj, referer="/payments/standing-orders/")


def split_bill(rng: random.Random) -> Request:
    people = [{"name": who(rng), "share": amount(rng)} for _ in range(rng.randint(2, 5))]
    obj = {"transactionId": uuid4(rng), "note": pick(rng, ["Dinner @ Luigi's 🍝", "Cabin weekend – food & fuel",
                                                              "Taxi home (2am...)", "Flat cleaning Nov", "Gift for Mr O'Neill's retirement"]),
           "participants": people, "remindAfterDays": rng.choice([3, 7])}
    return app(rng, "split_bill", "POST", "/v3/split-requests", obj=obj)


# ------------------------------------------------------------------ payees, cards, debits


def payee_create(rng: random.Random) -> Request:
    cc = pick(rng, list(_BBAN))
    g, f, email = person(rng)
    obj = {"display_name": pick(rng, [*PAYEES, f"{g} {f}"]), "nickname": pick(rng, ["", "Landlord", "Mum", "Piano lessons", "Window cleaner", "Kita"]),
           "iban": iban(rng, cc), "bic": bic(rng, cc), "email": email if rng.random() < 0.3 else "",
           "address": pick(rng, ["", "12 Larch Road, Northvale NV3 8QT", "Hauptstraße 17a, 12345 Beispielstadt",
                                 "4 rue des Tilleuls, 69003 Lyon", "Calle del Olmo 9, 2ºB, 28001 Madrid"])}
    return spa(rng, "payee_create", "POST", "/api/v2/payees", obj=obj, referer="/payees/new")


def payee_edit(rng: random.Random) -> Request:
    pid = uuid4(rng)
    if rng.random() < 0.35:
        return spa(rng, "payee_delete", "DELETE", f"/api/v2/payees/{pid}", referer="/payees/")
    obj = {"nickname": pick(rng, ["Rent (new landlord)", "Piano – Mrs D'Souza", "Zoë's pocket money", "Old account – don't use"]),
           "favourite": rng.random() < 0.5}
    return spa(rng, "payee_edit", "PATCH", f"/api/v2/payees/{pid}", obj=obj, referer="/payees/")


def card_action(rng: random.Random) -> Request:
    card = "card_" + chars(rng, ALNUM, 24)
    act = rng.random()
    if act < 0.3:
        return app(rng, "card_freeze", "POST", f"/v3/cards/{card}/freeze", obj={"reason": pick(rng, ["misplaced", "travel", "suspicious_activity"])})
    if act < 0.6:
        obj = {"limits": {"atm_daily": rng.choice([200, 300, 500]), "online": rng.random() < 0.9,
                          "contactless": rng.random() < 0.9, "gambling_block": rng.random() < 0.5,
                          "countries_blocked": some(rng, ["RU", "BY", "KP", "IR", "US"], 0, 2)}}
        return spa(rng, "card_limits", "PATCH", f"/api/v2/cards/{card}", obj=obj, referer="/cards/")
    return spa(rng, "card_pin_view", "POST", f"/api/v2/cards/{card}/pin-reveal",
               obj={"challenge_response": b64url(rbytes(rng, 48))}, referer="/cards/")


def card_token(rng: random.Random) -> Request:
    """Adding a card through a payment provider's hosted fields, then saving the token."""
    obj = {"payment_method": "pm_" + chars(rng, ALNUM, 24), "token": "tok_" + chars(rng, ALNUM, 24),
           "brand": pick(rng, ["visa", "mastercard", "amex", "maestro"]), "last4": f"{rng.randrange(10**4):04d}",
           "exp_month": rng.randint(1, 12), "exp_year": rng.randint(2027, 2032),
           "cardholder_name": who(rng), "billing_postcode": pick(rng, ["NV3 8QT", "D02 X285", "10115", "75011", "28001"])}
    return spa(rng, "card_token_save", "POST", "/api/v2/funding-sources", obj=obj, referer="/cards/add")


def direct_debits(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return spa(rng, "mandates_list", "GET", "/api/v2/direct-debits",
                   form([("status", pick(rng, ["active", "cancelled", "all"])), ("sort", "-last_collected"), ("page", str(rng.randint(1, 4)))]),
                   referer="/payments/direct-debits/")
    mid = "MD" + chars(rng, "0123456789ABCDEFGHJKMNPQRSTVWXYZ", 12)
    return spa(rng, "mandate_cancel", "POST", f"/api/v2/direct-debits/{mid}/cancel",
               obj={"reason": pick(rng, ["Switched provider", "Moved house – no longer need this", "Duplicate mandate"]),
                    "notify_originator": True}, referer="/payments/direct-debits/")


# ------------------------------------------------------------------ statements


def statement_download(rng: random.Random) -> Request:
    fmt = pick(rng, ["csv", "csv", "ofx", "qif", "pdf", "camt053", "mt940"])
    pairs = [("format", fmt), ("from", f"2026-{rng.choice([1, 4, 7, 10]):02d}-01"), ("to", "2026-11-30")]
    if fmt == "csv":
        pairs += [("delimiter", pick(rng, [",", ";", "\t"])), ("decimal", pick(rng, [".", ","])),
                  ("encoding", pick(rng, ["utf-8", "utf-8-sig", "windows-1252"]))]
    return browser(rng, SRC, "statement_download", "GET", WEB, f"/accounts/{rng.randrange(10**7, 10**8)}/statements/export",
                   form(pairs), page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/accounts/")


def _csv(rng: random.Random, sep: str) -> str:
    rows = [sep.join(["Date", "Description", "Amount", "Currency", "Balance", "Notes"])]
    bal = rng.randrange(1000, 9000)
    for _ in range(rng.randint(4, 12)):
        desc = pick(rng, [*MERCHANTS, f"SO {pick(rng, PAYEES).upper()}", "INTEREST, GROSS", "TRANSFER FROM SAVINGS"])
        amt = -rng.randrange(100, 20000) / 100 if rng.random() < 0.8 else rng.randrange(1000, 300000) / 100
        bal += int(amt)
        note = pick(rng, ["", "", "", pick(rng, MEMOS)])
        if sep in desc or '"' in desc or "," in note or sep in note or '"' in note:
            note = '"' + note.replace('"', '""') + '"'
        if sep in desc:
            desc = f'"{desc}"'
        rows.append(sep.join([f"2026-11-{rng.randint(1, 30):02d}", desc, f"{amt:.2f}", "GBP", f"{bal:.2f}", note]))
    return "\r\n".join(rows) + "\r\n"


def _ofx(rng: random.Random) -> str:
    tx = []
    for _ in range(rng.randint(2, 6)):
        amt = -rng.randrange(100, 20000) / 100
        tx.append(f"<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>202611{rng.randint(1, 30):02d}120000[0:GMT]\n<TRNAMT>{amt:.2f}\n"
                  f"<FITID>{hexs(rng, 16).upper()}\n<NAME>{ascii_fold(pick(rng, MERCHANTS))}\n<MEMO>{pick(rng, MEMOS).replace('&', '&amp;').replace('<', '&lt;')}\n</STMTTRN>")
    return ("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n"
            "COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n<CODE>0\n"
            "<SEVERITY>INFO\n</STATUS>\n<DTSERVER>20261130120000\n<LANGUAGE>ENG\n</SONRS>\n</SIGNONMSGSRSV1>\n"
            "<BANKMSGSRSV1>\n<STMTTRNRS>\n<TRNUID>1\n<STMTRS>\n<CURDEF>GBP\n<BANKACCTFROM>\n<BANKID>" + f"{rng.randrange(10**6):06d}"
            + "\n<ACCTID>" + f"{rng.randrange(10**8):08d}" + "\n<ACCTTYPE>CHECKING\n</BANKACCTFROM>\n<BANKTRANLIST>\n"
            "<DTSTART>20261101\n<DTEND>20261130\n" + "\n".join(tx) + "\n</BANKTRANLIST>\n</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n")


def statement_upload(rng: random.Random) -> Request:
    """Importing another bank's export into the budgeting tool."""
    b = browser_of(rng, pick(rng, ["chromium", "chromium", "firefox", "safari"]))
    bd = boundary_for(rng, b.family)
    if rng.random() < 0.6:
        sep = pick(rng, [",", ";"])
        data, fname, ct = _csv(rng, sep).encode("utf-8"), pick(rng, ["transactions.csv", "Umsaetze_2026-11.csv", "export (3).csv", "statement_nov.csv"]), "text/csv"
        extra = [("delimiter", sep), ("date_format", pick(rng, ["YYYY-MM-DD", "DD/MM/YYYY", "DD.MM.YYYY"]))]
    else:
        data, fname, ct = _ofx(rng).encode("cp1252", "replace"), pick(rng, ["download.ofx", "Statement_2026_11.ofx"]), "application/x-ofx"
        extra = []
    parts = [*text_parts([("account_id", uuid4(rng)), *extra, ("skip_duplicates", "true")]), ("file", data, fname, ct)]
    body = multipart(parts, bd)
    return browser(rng, SRC, "statement_upload", "POST", WEB, "/api/v2/imports", body=body,
                   ctype=f"multipart/form-data; boundary={bd}", accept="application/json", cookie=web_cookie(rng),
                   referer=f"https://{WEB}/budgets/import", extra=csrf(rng, "django"), b=b)


def sepa_bulk(rng: random.Random) -> Request:
    """A business customer uploads a pain.001 batch file from their accounting package."""
    n = rng.randint(2, 5)
    txs = []
    total = 0.0
    for i in range(n):
        cc = pick(rng, list(_BBAN))
        amt = float(amount(rng))
        total += amt
        nm = pick(rng, PAYEES).replace("&", "&amp;")
        txs.append(f"""      <CdtTrfTxInf>
        <PmtId><EndToEndId>E2E-{rng.randrange(10**6):06d}-{i + 1}</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">{amt:.2f}</InstdAmt></Amt>
        <CdtrAgt><FinInstnId><BICFI>{bic(rng, cc)}</BICFI></FinInstnId></CdtrAgt>
        <Cdtr><Nm>{nm}</Nm></Cdtr>
        <CdtrAcct><Id><IBAN>{iban(rng, cc)}</IBAN></Id></CdtrAcct>
        <RmtInf><Ustrd>{pick(rng, REFERENCES)} {pick(rng, ['Rechnung', 'Invoice', 'Facture', 'Factura'])}</Ustrd></RmtInf>
      </CdtTrfTxInf>""")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>MSG-{hexs(rng, 12).upper()}</MsgId>
      <CreDtTm>{stamp(rng)[:19]}</CreDtTm>
      <NbOfTxs>{n}</NbOfTxs>
      <CtrlSum>{total:.2f}</CtrlSum>
      <InitgPty><Nm>{pick(rng, ['Haus & Garten GmbH', 'Van den Broeck BV', 'Café l&apos;Étoile SARL', 'Kestrel Property Mgmt'])}</Nm></InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>BATCH-{rng.randrange(1000, 9999)}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <ReqdExctnDt><Dt>{upcoming(rng, 1, 10)}</Dt></ReqdExctnDt>
      <Dbtr><Nm>Payroll account</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>{iban(rng, 'DE')}</IBAN></Id></DbtrAcct>
{chr(10).join(txs)}
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
"""
    if rng.random() < 0.5:
        bd = boundary_for(rng, "chromium")
        body = multipart([("file", xml.encode(), f"pain001_{rng.randrange(100, 999)}.xml", "text/xml"),
                          *text_parts([("approve_with", "second_signatory")])], bd)
        return browser(rng, SRC, "sepa_bulk_upload", "POST", BIZ, "/api/batches", body=body,
                       ctype=f"multipart/form-data; boundary={bd}", accept="application/json",
                       cookie=cookie_jar(rng, "django", analytics=0.1), referer=f"https://{BIZ}/batches/new",
                       extra=csrf(rng, "django"), b=browser_of(rng, "chromium", desktop=True))
    return client(rng, SRC, "sepa_bulk_api", "POST", BIZ, "/api/batches", body=xml.encode(),
                  ctype="application/xml", lib=pick(rng, ["dotnet", "java"]),
                  auth="Bearer " + b64url(rbytes(rng, 40)), extra=[("x-request-id", uuid4(rng))])


def tax_docs(rng: random.Random) -> Request:
    doc = pick(rng, ["interest-certificate", "annual-statement", "jahressteuerbescheinigung", "ifu", "form-1099-int"])
    return browser(rng, SRC, "document_download", "GET", WEB, f"/documents/{doc}/2025.pdf", form([("download", "1")]),
                   page=True, cookie=web_cookie(rng), referer=f"https://{WEB}/documents/")


# ------------------------------------------------------------------ budgets and rules


def budget_category(rng: random.Random) -> Request:
    name = pick(rng, CATEGORIES)
    obj = {"name": name, "emoji": pick(rng, ["🛒", "🍜", "🚆", "🏠", "💡", "🐶", "🎁", None]),
           "monthly_limit": {"amount": str(rng.choice([50, 100, 150, 200, 400, 750, 1200])), "currency": pick(rng, ["EUR", "GBP"])},
           "rollover": rng.random() < 0.4, "parent": pick(rng, [None, None, "Household", "Fun money"]),
           "notes": pick(rng, ["", "incl. school dinners", "Not the big shop — that's 'Groceries'", "Coffee + lunch (work days only)"])}
    if rng.random() < 0.3:
        return spa(rng, "budget_update", "PUT", f"/api/v2/budgets/categories/{rng.randrange(1, 400)}", obj=obj, referer="/budgets/")
    return spa(rng, "budget_create", "POST", "/api/v2/budgets/categories", obj=obj, referer="/budgets/")


def budget_rule(rng: random.Random) -> Request:
    conds: list[dict[str, object]] = []
    for _ in range(rng.randint(1, 3)):
        field = pick(rng, ["description", "merchant", "amount", "counterparty_iban", "reference", "mcc"])
        if field == "amount":
            conds.append({"field": field, "operator": pick(rng, ["gt", "lt", "between"]),
                          "value": rng.choice([5, 10, 20, 50, 100]) if rng.random() < 0.7 else [10, 60]})
        elif field == "mcc":
            conds.append({"field": field, "operator": "in", "value": some(rng, ["5411", "5812", "5814", "4121", "5541"], 1, 3)})
        else:
            conds.append({"field": field, "operator": pick(rng, ["contains", "equals", "starts_with", "matches"]),
                          "value": pick(rng, ["CAFE", "CORNER GROCER", "TAXI*", "O'Connor", "RENT", "Kita", "STREAMBOX",
                                               "GYMFLOW|GYM FLOW", "^SO ", "Fox & Hounds"]),
                          "case_sensitive": False})
    obj = {"name": pick(rng, ["Coffee", "Taxis → Transport", "Rent split", "Subscriptions", "Kids' clubs", "Gym"]),
           "match": pick(rng, ["all", "any"]), "conditions": conds,
           "actions": [{"type": "set_category", "category": pick(rng, CATEGORIES)}] +
                      ([{"type": "add_tag", "tag": pick(rng, ["#shared", "#tax-deductible", "#work"])}] if rng.random() < 0.4 else []),
           "apply_to_existing": rng.random() < 0.5}
    return spa(rng, "categorisation_rule", "POST", "/api/v2/rules", obj=obj, referer="/budgets/rules")


def recategorise(rng: random.Random) -> Request:
    obj = {"category": pick(rng, CATEGORIES), "note": pick(rng, ["", "split w/ Rowan", "work lunch – expense it!", "one-off"]),
           "tags": some(rng, ["shared", "tax", "holiday-2027", "reimbursable"], 0, 2)}
    return app(rng, "recategorise", "PATCH", f"/v3/transactions/{uuid4(rng)}", obj=obj)


# ------------------------------------------------------------------ 3-D Secure, open banking


def three_ds(rng: random.Random) -> Request:
    """The ACS posts the cardholder's browser back to the merchant side."""
    if rng.random() < 0.6:
        cres = b64url(js_json({"threeDSServerTransID": uuid4(rng), "acsTransID": uuid4(rng),
                               "challengeCompletionInd": "Y", "messageType": "CRes", "messageVersion": "2.2.0",
                               "transStatus": pick(rng, ["Y", "Y", "Y", "N"])}).encode())
        pairs = [("cres", cres)]
        if rng.random() < 0.5:
            pairs.append(("threeDSSessionData", b64url(js_json({"order": rng.randrange(10**6)}).encode())))
    else:
        pairs = [("PaRes", base64.b64encode(rbytes(rng, 900)).decode()), ("MD", hexs(rng, 40))]
    body = form(pairs).encode()
    return browser(rng, SRC, "3ds_return", "POST", WEB, "/payments/3ds/return", body=body,
                   ctype="application/x-www-form-urlencoded", page=True, site="cross-site",
                   origin=f"https://{ACS}", referer=f"https://{ACS}/", cookie=web_cookie(rng),
                   dest=pick(rng, ["iframe", "document"]), activated=False)


def three_ds_method(rng: random.Random) -> Request:
    data = b64url(js_json({"threeDSServerTransID": uuid4(rng), "threeDSMethodNotificationURL": f"https://{WEB}/payments/3ds/method"}).encode())
    body = form([("threeDSMethodData", data)]).encode()
    return browser(rng, SRC, "3ds_method", "POST", WEB, "/payments/3ds/method", body=body,
                   ctype="application/x-www-form-urlencoded", page=True, site="cross-site", origin=f"https://{ACS}",
                   dest="iframe", cookie=web_cookie(rng), activated=False)


def ob_callback(rng: random.Random) -> Request:
    pairs = [("code", b64url(rbytes(rng, 32))), ("state", b64url(rbytes(rng, 16))),
             ("id_token", "eyJ" + b64url(rbytes(rng, 40)) + "." + b64url(rbytes(rng, 180)) + "." + b64url(rbytes(rng, 64)))]
    if rng.random() < 0.15:
        pairs = [("error", "access_denied"), ("error_description", "The PSU cancelled the consent"), ("state", b64url(rbytes(rng, 16)))]
    return browser(rng, SRC, "open_banking_callback", "GET", WEB, "/connections/callback", form(pairs), page=True,
                   site="cross-site", referer="https://aspsp.example.org/", cookie=web_cookie(rng))


def consent_create(rng: random.Random) -> Request:
    obj = {"provider": pick(rng, ["beispielbank-nord", "banque-exemple", "kestrel-savings", "voorbeeld-bank"]),
           "permissions": some(rng, ["ReadAccountsDetail", "ReadBalances", "ReadTransactionsCredits",
                                     "ReadTransactionsDebits", "ReadStandingOrdersDetail"], 2, 5),
           "valid_until": upcoming(rng, 80, 90), "redirect_uri": f"https://{WEB}/connections/callback"}
    return spa(rng, "consent_create", "POST", "/api/v2/connections", obj=obj, referer="/connections/")


# ------------------------------------------------------------------ webhooks


def _pretty(obj: object) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False)


def stripe_hook(rng: random.Random) -> Request:
    t = epoch(rng)
    ev = pick(rng, ["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded",
                    "charge.dispute.created", "payout.paid", "customer.subscription.updated"])
    obj = {"id": "evt_" + chars(rng, ALNUM, 24), "object": "event", "api_version": "2025-10-29.clover",
           "created": t, "type": ev, "livemode": False, "pending_webhooks": 1,
           "request": {"id": "req_" + chars(rng, ALNUM, 14), "idempotency_key": uuid4(rng)},
           "data": {"object": {"id": "pi_" + chars(rng, ALNUM, 24), "object": "payment_intent",
                               "amount": rng.randrange(500, 500000), "currency": pick(rng, ["eur", "gbp", "usd"]),
                               "description": pick(rng, ["Top-up via card", "Invoice INV-2026-0117", "Gift card – Zoë"]),
                               "metadata": {"account_ref": hexs(rng, 10), "memo": pick(rng, MEMOS)},
                               "status": "succeeded" if ev.endswith("succeeded") else "requires_payment_method"}}}
    body = _pretty(obj).encode()
    return client(rng, SRC, "psp_webhook", "POST", HOOKS, "/webhooks/stripe", body=body,
                  ctype="application/json; charset=utf-8", lib="curl",
                  ua="Stripe/1.0 (+https://stripe.com/docs/webhooks)", accept="*/*; q=0.5, application/xml",
                  extra=[("cache-control", "no-cache"), ("stripe-signature", f"t={t},v1={hexs(rng, 64)},v0={hexs(rng, 64)}")])


def adyen_hook(rng: random.Random) -> Request:
    code = pick(rng, ["AUTHORISATION", "CAPTURE", "REFUND", "CHARGEBACK", "REPORT_AVAILABLE"])
    obj = {"live": "false", "notificationItems": [{"NotificationRequestItem": {
        "additionalData": {"hmacSignature": base64.b64encode(rbytes(rng, 32)).decode(),
                           "cardSummary": f"{rng.randrange(10**4):04d}", "expiryDate": f"{rng.randint(1, 12):02d}/20{rng.randint(27, 31)}",
                           "shopperReference": f"cust-{rng.randrange(10**6)}"},
        "amount": {"currency": pick(rng, ["EUR", "GBP", "SEK"]), "value": rng.randrange(100, 99999)},
        "eventCode": code, "eventDate": stamp(rng)[:19] + "+01:00", "merchantAccountCode": "HarbourlineECOM",
        "merchantReference": pick(rng, REFERENCES), "pspReference": chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 16),
        "paymentMethod": pick(rng, ["visa", "mc", "ideal", "sepadirectdebit"]), "reason": pick(rng, ["", "Approved", "Insufficient Funds"]),
        "success": "true"}}]}
    return client(rng, SRC, "psp_notification", "POST", HOOKS, "/webhooks/adyen", body=js_json(obj).encode(),
                  ctype="application/json", lib="java", ua="Adyen HttpClient 1.0",
                  auth="Basic " + base64.b64encode(b"adyen-hooks:" + hexs(rng, 16).encode()).decode())


def payrail_hook(rng: random.Random) -> Request:
    t = epoch(rng)
    obj = {"event": pick(rng, ["mandate.active", "payment.confirmed", "payment.failed", "payout.sent"]),
           "occurred_at": stamp(rng), "data": {"id": "PR" + chars(rng, "0123456789ABCDEFGHJKMNPQRSTVWXYZ", 14),
                                               "amount_minor": rng.randrange(100, 10**6), "currency": "GBP",
                                               "reference": pick(rng, REFERENCES),
                                               "failure_reason": pick(rng, [None, None, "refer_to_payer", "account_closed"])}}
    raw = py_json(obj)
    sig = hashlib.sha256((str(t) + raw).encode()).hexdigest()
    return client(rng, SRC, "direct_debit_webhook", "POST", HOOKS, "/webhooks/payrail", body=raw.encode(),
                  ctype="application/json", lib="requests", ua="PayRail-Webhooks/2.3",
                  extra=[("x-payrail-timestamp", str(t)), ("x-payrail-signature", f"sha256={sig}")])


# ------------------------------------------------------------------ sign-in, settings, support


PASSWORDS = ["correct horse battery staple", "Tr0mbone!Sunset#42", "s3cr3t-P@ss", "Zoë&Kai2019!", "fJ7$kq!9Lm2&",
             "Blue-Kettle-88", "mañana_lluvia_7", "h4rb0ur 'line' 99", "P4ss;word%2026", "<3MyDog-Biscuit"]


def login(rng: random.Random) -> Request:
    _, _, email = person(rng)
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("username", pick(rng, [email, str(rng.randrange(10**7, 10**8))])),
             ("password", pick(rng, PASSWORDS)), ("remember_device", pick(rng, ["on", "off"])),
             ("next", pick(rng, ["/", "/accounts/", "/payments/new/?payee=" + str(rng.randrange(1000))]))]
    return browser(rng, SRC, "login", "POST", WEB, "/login/", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True,
                   cookie=cookie_jar(rng, "django", analytics=0.3), referer=f"https://{WEB}/login/")


def otp(rng: random.Random) -> Request:
    obj = {"challenge_id": uuid4(rng), "code": f"{rng.randrange(10**6):06d}", "method": pick(rng, ["sms", "totp", "app_push"]),
           "trust_this_device": rng.random() < 0.5}
    return spa(rng, "sca_verify", "POST", "/api/v2/auth/sca/verify", obj=obj, referer="/login/verify")


def settings_form(rng: random.Random) -> Request:
    _, _, email = person(rng)
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("email", email), ("phone", phone(rng)),
             ("address_line1", pick(rng, ["Flat 2B, 14 Harbour View", "Hauptstraße 17a", "4 rue des Tilleuls", "Apt. #5, 100 Elm St."])),
             ("address_line2", pick(rng, ["", "c/o O'Connor", "3. OG links", "Bâtiment C"])), ("city", pick(rng, ["Northvale", "Beispielstadt", "Lyon", "Springfield"])),
             ("postcode", pick(rng, ["NV3 8QT", "12345", "69003", "62701"])),
             ("statement_language", pick(rng, ["en", "de", "fr", "es"])), ("paperless", "on"),
             ("marketing_email", pick(rng, ["on", ""]))]
    return browser(rng, SRC, "profile_settings", "POST", WEB, "/settings/profile/", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", page=True, cookie=web_cookie(rng),
                   referer=f"https://{WEB}/settings/profile/")


DISPUTES = [
    "I don't recognise this payment to PIXELMART ONLINE on 14/11 – I've never shopped there. My card is still in my wallet.",
    "Charged twice for the same order (#A-77812). One of them should be refunded, the merchant says it's \"pending\" on their side.",
    "The hotel took a €300 'incidentals' hold and never released it. It's been 12 days!",
    "Subscription was cancelled on 01/10 (I have the confirmation email) but STREAMBOX SUBSCR*MONTHLY still charged me £9.99.",
    "Ich habe am 3.11. am Automaten 200 € abgehoben, aber das Geld kam nicht raus. Bitte prüfen.",
    "Le commerçant m'a débité 49,90 € alors que la commande a été annulée — pouvez-vous ouvrir une contestation ?",
    "Item never arrived; seller stopped replying after I asked about tracking. Amount: 184.20 USD.",
]


def dispute(rng: random.Random) -> Request:
    b = browser_of(rng)
    bd = boundary_for(rng, b.family)
    parts = text_parts([("transaction_id", uuid4(rng)), ("reason", pick(rng, ["unrecognised", "duplicate", "not_received", "cancelled_subscription", "atm"])),
                        ("description", pick(rng, DISPUTES)), ("contacted_merchant", pick(rng, ["yes", "no"]))])
    if rng.random() < 0.6:
        parts.append(("evidence", fake_jpeg(rng, 900 + rng.randrange(1500)) if rng.random() < 0.6 else fake_pdf(rng, "Order confirmation"),
                      pick(rng, ["IMG_4471.jpg", "receipt.jpg", "Order confirmation.pdf"]), None))
        fname = parts[-1][2] or ""
        parts[-1] = (parts[-1][0], parts[-1][1], fname, "application/pdf" if fname.endswith(".pdf") else "image/jpeg")
    body = multipart(parts, bd)
    return browser(rng, SRC, "dispute", "POST", WEB, "/api/v2/disputes", body=body,
                   ctype=f"multipart/form-data; boundary={bd}", accept="application/json", cookie=web_cookie(rng),
                   referer=f"https://{WEB}/transactions/dispute", extra=csrf(rng, "django"), b=b)


SUPPORT = ["Hi, my salary hasn't shown up yet – it usually arrives on the 25th?", "How do I change my standing order to the landlord (D'Angelo Lettings)?",
           "Can I get a letter confirming my address for the council?", "Card declined at CAFE ALBA, error says 'do not honour' ???",
           "Quick q: is there a fee for sending CHF to a Swiss IBAN?", "Hallo, wie kann ich mein Tageslimit erhöhen?",
           "My app shows £-0.00 as the balance, is that a bug? :)", "Need to update my surname after marriage (Ní Bhriain -> O'Brien)."]


def support_msg(rng: random.Random) -> Request:
    obj = {"conversationId": uuid4(rng), "text": pick(rng, SUPPORT), "clientMessageId": uuid4(rng),
           "attachments": []}
    if rng.random() < 0.5:
        return app(rng, "support_chat", "POST", "/v3/support/messages", obj=obj)
    return spa(rng, "support_chat", "POST", "/api/v2/support/messages", obj=obj, referer="/help/chat")


def push_register(rng: random.Random) -> Request:
    ios = rng.random() < 0.5
    tok = hexs(rng, 64) if ios else chars(rng, ALNUM + "-_", 22) + ":APA91b" + chars(rng, ALNUM + "-_", 134)
    obj = {"platform": "apns" if ios else "fcm", "token": tok, "locale": pick(rng, ["en_GB", "de_DE", "fr_FR", "pl_PL"]),
           "topics": some(rng, ["payments", "card", "security", "marketing"], 1, 3)}
    return app(rng, "push_register", "PUT", "/v3/devices/me/push", obj=obj)


def payment_link(rng: random.Random) -> Request:
    obj = {"amount": amount(rng), "currency": pick(rng, ["GBP", "EUR"]),
           "description": pick(rng, ["Dog walking – Nov (8 walks)", "Piano lessons x4 @ £30", "Cake order: 2x lemon drizzle",
                                     "Ticket: Winter Fair stall #14", "Repairs – 'leaky tap' job, 2h"]),
           "expires_at": upcoming(rng, 7, 30) + "T23:59:59Z", "allow_partial": False,
           "success_url": f"https://shop.example.org/thanks?order={rng.randrange(10**5)}&src=harbourline"}
    return spa(rng, "payment_link", "POST", "/api/v2/payment-links", obj=obj, referer="/business/links")


def accounting_export(rng: random.Random) -> Request:
    obj = {"target": pick(rng, ["xero_like", "sage_like", "datev"]), "period": {"from": "2026-10-01", "to": "2026-11-30"},
           "mapping": {c: f"{rng.randrange(4000, 8000)}" for c in some(rng, CATEGORIES, 2, 5)},
           "include_attachments": rng.random() < 0.5}
    return client(rng, SRC, "accounting_sync", "POST", BIZ, "/api/exports", body=py_json(obj).encode(),
                  ctype="application/json", lib=pick(rng, ["requests", "httpx"]),
                  auth="Bearer " + b64url(rbytes(rng, 32)), extra=[("idempotency-key", uuid4(rng))])


def balance_poll(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return app(rng, "balances", "GET", f"/v3/accounts/{uuid4(rng)}/balance", form([("as_of", stamp(rng)[:10])]))
    return app(rng, "balances", "GET", "/v3/accounts", form([("include", "balances,pots"), ("currency", pick(rng, ["GBP", "EUR"]))]))


def receipt_upload(rng: random.Random) -> Request:
    ios = rng.random() < 0.5
    bd = boundary_for(rng, "ios" if ios else "okhttp")
    parts = [*text_parts([("transactionId", uuid4(rng)), ("note", pick(rng, ["", "Client lunch – Ó Súilleabháin", "Parking (site visit)"]))]),
             ("receipt", fake_jpeg(rng, 1200 + rng.randrange(2500)), f"receipt_{rng.randrange(10**4)}.jpg", "image/jpeg")]
    body = multipart(parts, bd)
    auth = bearer(rng, "https://auth.bank.example.com", "accounts")
    return client(rng, SRC, "receipt_upload", "POST", API, "/v3/receipts", body=body,
                  ctype=f"multipart/form-data; boundary={bd}", lib="ios" if ios else "okhttp", auth=auth,
                  ua=pick(rng, APP_UA_IOS if ios else APP_UA_ANDROID))


def atm_locator(rng: random.Random) -> Request:
    lat, lon = 51.4 + rng.random() / 5, -0.2 + rng.random() / 5
    return browser(rng, SRC, "atm_locator", "GET", WEB, "/api/public/atms",
                   form([("lat", f"{lat:.5f}"), ("lon", f"{lon:.5f}"), ("radius_km", "2"), ("features", "deposit,wheelchair")]),
                   accept="application/json", referer=f"https://{WEB}/help/atms")


def rates_page(rng: random.Random) -> Request:
    return browser(rng, SRC, "rates_page", "GET", WEB, pick(rng, ["/savings/rates", "/mortgages/calculator", "/help/fees"]),
                   form([("amount", str(rng.choice([5000, 150000, 250000]))), ("term", str(rng.choice([2, 5, 25])))]) if rng.random() < 0.5 else "",
                   page=True, site=pick(rng, ["none", "same-origin", "cross-site"]),
                   referer=pick(rng, [None, "https://search.example.com/"]),
                   cookie=cookie_jar(rng, "django", analytics=0.7) if rng.random() < 0.5 else None)


def client_ip_log(rng: random.Random) -> Request:
    obj = {"event": "session_start", "ip": doc_ip(rng), "device": pick(rng, ["iPhone15,3", "SM-S921B", "Pixel 9"]),
           "jailbroken": False, "ts": stamp(rng)}
    return app(rng, "device_attest", "POST", "/v3/security/attest", obj=obj)


def fintech(rng: random.Random, n: int) -> list[Request]:
    makers = [
        (12, dashboard), (6, account_page), (14, transactions), (6, txn_search), (10, transfer_spa),
        (8, transfer_app), (4, transfer_form), (4, cop_check), (5, fx_quote), (3, standing_order), (3, split_bill),
        (4, payee_create), (3, payee_edit), (4, card_action), (2, card_token), (3, direct_debits),
        (4, statement_download), (4, statement_upload), (2, sepa_bulk), (2, tax_docs), (4, budget_category),
        (4, budget_rule), (4, recategorise), (3, three_ds), (1, three_ds_method), (2, ob_callback),
        (2, consent_create), (3, stripe_hook), (2, adyen_hook), (2, payrail_hook), (4, login), (3, otp),
        (2, settings_form), (2, dispute), (3, support_msg), (2, push_register), (2, payment_link),
        (1, accounting_export), (7, balance_poll), (2, receipt_upload), (2, atm_locator), (3, rates_page),
        (2, client_ip_log),
    ]
    return run(rng, n, makers)
