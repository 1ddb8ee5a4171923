# ruff: noqa: RUF001 - mail is written with typographic punctuation
"""webmail: a webmail client's compose, draft, send and reply API — HTML
bodies with tables, inline styles and signatures, quoted replies, forwarded
header blocks, recipients with display names, attachment metadata and
uploads, and contact autocomplete."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, hexs, js_json, pick, uuid4

from .common import (
    BROWSERS,
    DAYS,
    MONTHS,
    Request,
    boundary,
    browser,
    cookies,
    csrf_header,
    multipart,
    person,
    phone,
    some,
    uri_query,
)

SRC = "webmail"
HOSTS = ["mail.example.com", "webmail.example.org", "inbox.example.net", "post.example.de"]

SUBJECTS = [
    "Invoice INV-{n} for November", "Re: Quarterly planning — agenda", "Fwd: Your booking confirmation #{n}",
    "Meeting notes 03/12", "Kitchen renovation quote (v2)", "Re: Re: Can we move Thursday's call?",
    "Welcome aboard, {g}!", "Angebot Nr. {n} – Ihre Anfrage", "Facture {n} / décembre", "Re: Reunión del lunes",
    "Photos from Saturday 📸", "Holiday rota — please check your dates", "Contract draft for review",
    "Re: [Project Falcon] staging is down?", "Your feedback on the Q4 report", "Lunch on Friday? 🍜",
    "Fwd: Parking permit renewal", "Re: Ticket #{n}: printer on 2nd floor", "Offerta aggiornata",
    "RE: AW: Lieferung KW 50",
]

LINES = [
    "Hi {g},", "Hello team,", "Dear {g} {f},", "Hallo {g},", "Bonjour {g},", "Hola {g}:", "Hi all,",
]
PARAS = [
    "Thanks for sending this over so quickly. I've had a look and it all seems fine to me.",
    "Please find attached the updated version. The changes are highlighted in yellow.",
    "Could we push the call to 3pm? Something came up this morning.",
    "As discussed, the total comes to €4,250.00 excl. VAT, payable within 30 days.",
    "I've added my comments in the document — mostly small things, nothing blocking.",
    "Just a quick reminder that the office will be closed on 24 and 25 December.",
    "Let me know if you have any questions, happy to jump on a quick call.",
    "The new starter, {g2}, joins us on Monday 4 January — please make them feel welcome!",
    "Vielen Dank für Ihre Anfrage. Anbei finden Sie unser Angebot.",
    "Merci pour votre retour rapide, je vous envoie le devis corrigé d'ici demain.",
    "Gracias por la información. Te confirmo la reunión el lunes a las 10:00.",
    "I'm out of office until 5 January with limited access to email.",
    "Sorry for the delay — the numbers took longer than expected.",
    "Could you check whether the 2nd-floor printer is on the new network? It's 198.51.100.24 now.",
    "Parking is behind the building, the code for the barrier is on the sign at reception.",
]
CLOSINGS = ["Best,", "Kind regards,", "Thanks,", "Cheers,", "Viele Grüße", "Bien cordialement,", "Saludos,", "Many thanks,"]
ROLES = ["Office Manager", "Senior Accountant", "Project Lead", "Head of Operations", "Facilities", "Product Designer",
         "Geschäftsführer", "Responsable commerciale"]
COMPANIES = ["Example Ltd", "Example GmbH", "Acme Example SARL", "Northwind Example Co.", "Example Logistics B.V."]


def _addr(rng: random.Random) -> dict[str, str]:
    g, f, mail = person(rng)
    name = pick(rng, [f"{g} {f}", f"{f}, {g}", f"{g} {f} ({pick(rng, COMPANIES)})", g])
    return {"name": name, "email": mail}


def _rfc(a: dict[str, str]) -> str:
    n = a["name"]
    if any(c in n for c in ',()"'):
        n = '"' + n.replace('"', '\\"') + '"'
    return f"{n} <{a['email']}>"


def _date(rng: random.Random) -> tuple[str, str]:
    d = rng.randint(1, 28)
    m = pick(rng, [11, 12])
    wd = DAYS[(d + (3 if m == 12 else 0)) % 7]
    hh, mm = rng.randrange(7, 20), rng.randrange(60)
    return (f"{wd}, {d} {MONTHS[m - 1]} 2026 at {hh:02d}:{mm:02d}",
            f"{wd}, {d} {MONTHS[m - 1]} 2026 {hh:02d}:{mm:02d}:{rng.randrange(60):02d} +0100")


def _text(rng: random.Random, me: tuple[str, str, str], to: dict[str, str]) -> list[str]:
    g2 = person(rng)[0]
    greet = pick(rng, LINES).format(g=to["name"].split(",")[-1].strip().split(" ")[0], f="", g2=g2).replace(" ,", ",")
    paras = [p.format(g2=g2) for p in some(rng, PARAS, 1, 3)]
    return [greet, *paras, pick(rng, CLOSINGS), me[0]]


def _signature_html(rng: random.Random, me: tuple[str, str, str]) -> str:
    return (f'<table cellpadding="0" cellspacing="0" style="font-family:Arial,sans-serif;font-size:12px;color:#444444">'
            f'<tr><td style="padding-right:12px;border-right:2px solid #0b5cad"><b>{me[0]} {me[1]}</b><br>{pick(rng, ROLES)}</td>'
            f'<td style="padding-left:12px">{pick(rng, COMPANIES)}<br><a href="tel:{phone(rng).replace(" ", "")}" style="color:#0b5cad">{phone(rng)}</a><br>'
            f'<a href="https://www.example.com" style="color:#0b5cad;text-decoration:none">www.example.com</a></td></tr></table>')


def _html(rng: random.Random, lines: list[str], me: tuple[str, str, str], quoted: str | None) -> str:
    font = pick(rng, ["Calibri, sans-serif", "Arial, Helvetica, sans-serif", "-apple-system, 'Segoe UI', Roboto, sans-serif", "Georgia, serif"])
    body = "".join(f"<p style=\"margin:0 0 12px 0\">{ln}</p>" for ln in lines[:-2])
    if rng.random() < 0.3:
        rows = "".join(f"<tr><td style=\"border:1px solid #dddddd;padding:4px 8px\">{item}</td><td style=\"border:1px solid #dddddd;padding:4px 8px;text-align:right\">€{rng.randrange(50, 3000)},00</td></tr>"
                       for item in some(rng, ["Design workshop", "Hosting (12 months)", "Tiles, 24 m²", "Labour", "Travel", "Licence renewal"], 2, 4))
        body += (f"<table style=\"border-collapse:collapse;margin:8px 0\"><thead><tr><th style=\"text-align:left;padding:4px 8px;background:#f3f3f3\">Item</th>"
                 f"<th style=\"text-align:right;padding:4px 8px;background:#f3f3f3\">Amount</th></tr></thead><tbody>{rows}</tbody></table>")
    body += "".join(f"<div>{ln}</div>" for ln in lines[-2:])
    if rng.random() < 0.6:
        body += f"<div><br></div><div class=\"signature\">-- <br>{_signature_html(rng, me)}</div>"
    if quoted:
        body += quoted
    return f"<div dir=\"ltr\" style=\"font-family:{font};font-size:14px\">{body}</div>"


def _quote(rng: random.Random, sender: dict[str, str], html: bool) -> str:
    when, _ = _date(rng)
    prev = [pick(rng, LINES).format(g="there", f="", g2=""), *(p.format(g2="Sam") for p in some(rng, PARAS, 1, 2)), pick(rng, CLOSINGS), sender["name"]]
    attribution = pick(rng, [f"On {when}, {_rfc(sender)} wrote:", f"Am {when.split(' at ')[0]} schrieb {sender['name']} <{sender['email']}>:",
                             f"Le {when.split(' at ')[0]}, {sender['name']} <{sender['email']}> a écrit :"])
    if html:
        inner = "".join(f"<div>{p}</div>" for p in prev)
        return (f"<br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">{attribution.replace('<', '&lt;').replace('>', '&gt;')}<br></div>"
                f"<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">{inner}</blockquote></div>")
    return f"\n\n{attribution}\n" + "\n".join(f"> {p}" for p in prev) + "\n"


def _forward_block(rng: random.Random, sender: dict[str, str], to: dict[str, str], subject: str) -> str:
    _, rfcdate = _date(rng)
    return ("\n\n---------- Forwarded message ---------\n"
            f"From: {_rfc(sender)}\nDate: {rfcdate}\nSubject: {subject}\nTo: {_rfc(to)}\n\n"
            + " ".join(some(rng, PARAS, 1, 2)).replace("{g2}", "Alex") + "\n")


ATTACH = [("Invoice_INV-{n}.pdf", "application/pdf"), ("Q4 report (final).xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          ("IMG_{n}.HEIC", "image/heic"), ("Angebot_{n}.pdf", "application/pdf"), ("floor plan.png", "image/png"),
          ("minutes-2026-12-03.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
          ("attendees.csv", "text/csv"), ("contrat signé.pdf", "application/pdf")]


def one(rng: random.Random) -> Request:
    host = pick(rng, HOSTS)
    b = pick(rng, BROWSERS)
    me = person(rng)
    to = [_addr(rng) for _ in range(rng.randint(1, 3))]
    cc = [_addr(rng) for _ in range(pick(rng, [0, 0, 1, 2]))]
    n = str(rng.randrange(1000, 99999))
    subject = pick(rng, SUBJECTS).format(n=n, g=to[0]["name"].split(" ")[0])
    lines = _text(rng, me, to[0])
    fw = pick(rng, ["django", "flask", "fastapi"])
    r = rng.random()
    if r < 0.45:  # compose/send or draft JSON
        replying = subject.startswith("Re") or rng.random() < 0.2
        forwarding = subject.startswith("Fwd")
        quoted = _quote(rng, to[0], True) if replying else None
        html = _html(rng, lines, me, quoted)
        text = "\n\n".join(lines) + (_quote(rng, to[0], False) if replying else "")
        if forwarding:
            text += _forward_block(rng, _addr(rng), {"name": f"{me[0]} {me[1]}", "email": me[2]}, subject[5:])
        atts = [{"id": uuid4(rng), "filename": fn.format(n=n), "content_type": ct, "size": rng.randrange(8_000, 4_000_000), "inline": False}
                for fn, ct in some(rng, ATTACH, 0, 2)]
        payload: dict[str, object] = {"from": {"name": f"{me[0]} {me[1]}", "email": me[2]}, "to": to, "cc": cc, "bcc": [],
                                      "subject": subject, "html": html, "text": text, "attachments": atts}
        if replying:
            payload["in_reply_to"] = f"<{hexs(rng, 16)}.{rng.randrange(10**6)}@mail.example.com>"
            payload["references"] = f"<{hexs(rng, 12)}@example.org> <{hexs(rng, 16)}.{rng.randrange(10**6)}@mail.example.com>"
        draft = rng.random() < 0.4
        if draft:
            payload["draft_id"] = uuid4(rng)
        path = f"/api/v1/drafts/{payload['draft_id']}" if draft else "/api/v1/messages/send"
        return browser(rng, SRC, "draft" if draft else "send", "PUT" if draft else "POST", host, path, body=js_json(payload).encode(),
                       ctype="application/json", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw),
                       referer=f"https://{host}/mail/compose")
    if r < 0.62:  # Roundcube-style form post
        body_text = "\n".join(lines)
        if rng.random() < 0.5:
            body_text += _quote(rng, to[0], False)
        elif rng.random() < 0.5:
            body_text += _forward_block(rng, _addr(rng), to[0], subject)
        pairs = [("_token", chars(rng, ALNUM, 32)), ("_task", "mail"), ("_action", "send"), ("_id", hexs(rng, 24)),
                 ("_attachments", ""), ("_from", str(rng.randrange(1, 4))), ("_to", ", ".join(_rfc(a) for a in to)),
                 ("_cc", ", ".join(_rfc(a) for a in cc)), ("_bcc", ""), ("_replyto", ""), ("_followupto", ""),
                 ("_subject", subject), ("editorSelector", "plain"), ("_priority", "0"), ("_store_target", "Sent"),
                 ("_draft_saveid", ""), ("_draft", ""), ("_is_html", "0"), ("_framed", "1"), ("_message", body_text)]
        return browser(rng, SRC, "form_send", "POST", host, "/", "_task=mail&_unlock=loading" + str(rng.randrange(10**12, 10**13)) + "&_framed=1",
                       body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", b=b, navigate=True,
                       cookie=f"roundcube_sessid={chars(rng, 'abcdefghijklmnopqrstuvwxyz0123456789', 26)}; roundcube_sessauth={chars(rng, ALNUM, 32)}-{rng.randrange(10**9, 2 * 10**9)}",
                       referer=f"https://{host}/?_task=mail&_action=compose&_id={hexs(rng, 24)}")
    if r < 0.74:  # attachment upload
        fn, ct = pick(rng, ATTACH)
        fname = fn.format(n=n)
        if ct == "text/csv":
            data = ("name,email,dietary\n" + "\n".join(f"{p[0]} {p[1]},{p[2]},{pick(rng, ['none', 'vegetarian', 'vegan', 'no nuts'])}" for p in (person(rng) for _ in range(rng.randint(2, 6)))) + "\n").encode()
        elif ct == "application/pdf":
            data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(rng.randrange(256) for _ in range(300)) + b"\n%%EOF\n"
        else:
            data = bytes(rng.randrange(256) for _ in range(400))
        bnd = boundary(rng, b)
        body = multipart([("file", data, fname, ct), ("draft_id", uuid4(rng).encode(), None, None)], bnd)
        return browser(rng, SRC, "attachment_upload", "POST", host, "/api/v1/attachments", body=body,
                       ctype=f"multipart/form-data; boundary={bnd}", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw),
                       referer=f"https://{host}/mail/compose")
    if r < 0.86:  # contact autocomplete
        q = pick(rng, ["o'c", "müll", "jörg", "d'souza", "smith", "ana", "\"muller, j", "@example.org", "zhang"])
        return browser(rng, SRC, "contact_search", "GET", host, "/api/v1/contacts/autocomplete", uri_query([("q", q), ("limit", "8")]),
                       b=b, cookie=cookies(rng, fw))
    if r < 0.94:  # signature settings
        me_sig = _signature_html(rng, me)
        payload2 = {"signature_html": me_sig, "signature_text": f"-- \n{me[0]} {me[1]}\n{pick(rng, ROLES)}, {pick(rng, COMPANIES)}\n{phone(rng)}",
                    "use_for_replies": rng.random() < 0.5, "position": pick(rng, ["below_quote", "above_quote"])}
        return browser(rng, SRC, "signature", "PUT", host, "/api/v1/settings/signature", body=js_json(payload2).encode(),
                       ctype="application/json", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
    # vacation responder via form
    pairs = [("csrf_token", hexs(rng, 40)), ("enabled", "y"), ("start", "2026-12-23"), ("end", "2027-01-04"),
             ("subject", pick(rng, ["Out of office", "Abwesenheitsnotiz", "Absent(e) jusqu'au 4 janvier"])),
             ("message", f"Hi,\n\nI'm away until 4 January with no access to email. For anything urgent please contact {_rfc(_addr(rng))}.\n\nThanks,\n{me[0]}")]
    return browser(rng, SRC, "vacation", "POST", host, "/settings/vacation", body=form(pairs).encode(),
                   ctype="application/x-www-form-urlencoded", navigate=True, b=b, cookie=cookies(rng, "flask"),
                   referer=f"https://{host}/settings/vacation")


def webmail(rng: random.Random, n: int) -> list[Request]:
    return [one(rng) for _ in range(n)]
