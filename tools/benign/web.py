# ruff: noqa: RUF001 - the corpus is about these characters: dashes, full-width punctuation, dotless i
"""Sources driven by people in browsers: page views, searches, forms,
comments, posts, code pasted into comments, uploads, sign-in flows."""

from __future__ import annotations

import random
from urllib.parse import quote

from . import bodies, clients, code, text, tokens, vocab
from .request import Request, browser, form_post, site, xhr

SLUG_WORDS = ("why we switched to postgres", "10 tips for better sleep", "how to select the right table",
              "union of sets explained", "drop shipping in 2024", "order tracking now live",
              "spring sale starts today", "our new office in zürich", "where to eat in köln",
              "café au lait vs latte", "release notes 4.2", "what's new in the api",
              "insert coins to continue", "the script behind our launch video")


def slug(rng: random.Random) -> str:
    words = rng.choice(SLUG_WORDS)
    return "-".join(tokens.ascii_fold(w) for w in words.replace("'", "").split())


def tracking(rng: random.Random) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    r = rng.random()
    if r < 0.35:
        out += [("utm_source", rng.choice(["newsletter", "google", "facebook", "twitter", "linkedin", "partner_blog"])),
                ("utm_medium", rng.choice(["email", "cpc", "social", "referral", "organic"])),
                ("utm_campaign", rng.choice(["spring_sale_2024", "launch-week", "q2 webinar", "black-friday", "retargeting"]))]
        if rng.random() < 0.4:
            out.append(("utm_content", rng.choice(["hero-button", "footer link", "cta_2", "variant-b"])))
        if rng.random() < 0.2:
            out.append(("utm_term", text.search_term(rng)))
    elif r < 0.45:
        out.append(("gclid", tokens.chars(rng, tokens.ALNUM + "_-", 91)))
    elif r < 0.52:
        out.append(("fbclid", "IwAR" + tokens.chars(rng, tokens.ALNUM + "_-", 57)))
    elif r < 0.56:
        out.append(("mc_cid", tokens.hexstr(rng, 10)))
        out.append(("mc_eid", tokens.hexstr(rng, 10)))
    return out


def page_path(rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    kind = rng.randrange(10)
    if kind == 0:
        return "/", []
    if kind == 1:
        return f"/blog/2024/0{rng.randint(1, 9)}/{slug(rng)}", []
    if kind == 2:
        product = text.pick(rng, vocab.PRODUCTS)
        return f"/products/{text.pick(rng, vocab.PRODUCT_CATEGORIES)}/{rng.randint(1000, 99999)}-{quote(tokens.ascii_fold(product).replace(' ', '-'), safe='-')}", []
    if kind == 3:
        return "/account/orders", [("page", str(rng.randint(1, 12))), ("status", rng.choice(["all", "shipped", "open"]))]
    if kind == 4:
        return f"/docs/{rng.choice(['guides', 'api', 'reference'])}/{rng.choice(['getting-started', 'select-a-plan', 'webhooks', 'sql-export', 'scripting'])}", []
    if kind == 5:
        return f"/{rng.choice(['de', 'fr', 'ja', 'es'])}/{quote(rng.choice(['stühle', 'größen', 'café', 'カテゴリー', 'niños', 'tische']))}", []
    if kind == 6:
        return f"/c/{text.pick(rng, vocab.PRODUCT_CATEGORIES)}", [("sort", rng.choice(["price_asc", "price_desc", "newest", "rating"])),
                                                                 ("page", str(rng.randint(1, 30))),
                                                                 ("price", f"{rng.randint(0, 50)}-{rng.randint(60, 500)}")]
    if kind == 7:
        nxt = rng.choice(["/account/orders?page=2", "/checkout?step=2", "/settings/billing#invoices", "/docs/api?v=2"])
        return rng.choice(["/login", "/signin", "/accounts/login/"]), [(rng.choice(["next", "returnUrl", "redirect", "return_to"]), nxt)]
    if kind == 8:
        return f"/u/{tokens.ascii_fold(text.person(rng)[1]).replace(' ', '')}", [("tab", rng.choice(["posts", "about", "likes"]))]
    return f"/events/{rng.randint(100, 999)}", [("date", f"2024-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"),
                                              ("tz", text.pick(rng, vocab.TIMEZONES))]


def page_views(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        host = site(rng)
        path, params = page_path(rng)
        params += tracking(rng)
        referer = text.pick(rng, clients.REFERRERS) if rng.random() < 0.4 else (
            f"https://{host}/" if rng.random() < 0.7 else None)
        cookies = tokens.cookie_header(tokens.cookie_jar(rng, session=rng.random() < 0.6)) if rng.random() < 0.85 else None
        headers = clients.browser_headers(rng, browser(rng), host, referer=referer, cookies=cookies or None)
        out.append(Request("page_views", "page", "GET", path, bodies.query(params), headers))
    return out


def search(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        host = site(rng)
        term = text.search_term(rng)
        if rng.random() < 0.7:
            params = [("q", term)]
            if rng.random() < 0.4:
                params.append(("category", text.pick(rng, vocab.PRODUCT_CATEGORIES)))
            if rng.random() < 0.3:
                params.append(("sort", rng.choice(["relevance", "price_asc", "newest"])))
            if rng.random() < 0.3:
                params.append(("page", str(rng.randint(2, 9))))
            headers = clients.browser_headers(rng, browser(rng), host, referer=f"https://{host}/",
                                              cookies=tokens.cookie_header(tokens.cookie_jar(rng, session=False)))
            out.append(Request("search", "query", "GET", rng.choice(["/search", "/s", "/suche", "/recherche"]),
                               bodies.query(params), headers))
        else:
            prefix = term[: rng.randint(2, max(2, len(term)))]
            out.append(xhr(rng, "search", "GET", "/api/search/suggest", None, kind="query",
                           query=bodies.query([("term", prefix), ("limit", "8")]), host=host))
    return out


def address_fields(rng: random.Random, prefix: str = "") -> list[tuple[str, str]]:
    city, postcode, country = rng.choice(vocab.CITIES)
    line2 = rng.choice(["", "", f"Apt. #{rng.randint(1, 40)}", f"c/o {' '.join(text.person(rng))}", "2. OG links", "Bldg B, Suite 200"])
    return [(f"{prefix}address1", f"{rng.randint(1, 250)} {text.pick(rng, vocab.STREETS)}"), (f"{prefix}address2", line2),
            (f"{prefix}city", city), (f"{prefix}postcode", postcode), (f"{prefix}country", country)]


def phone(rng: random.Random) -> str:
    return rng.choice([f"+1 (555) 01{rng.randint(0, 9)}-{rng.randint(1000, 9999)}", f"+41 79 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                       f"+49 (0)221 {rng.randint(100000, 999999)}", f"0{rng.randint(100, 999)}/{rng.randint(100000, 999999)}",
                       f"+81-3-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}", f"+44 20 7946 0{rng.randint(100, 999)}"])


def signup_forms(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        first, last = text.person(rng)
        kind = rng.randrange(5)
        fields = [tokens.csrf_field(rng)]
        if kind == 0:
            path = rng.choice(["/signup", "/register", "/accounts/signup/", "/users"])
            pw = tokens.password(rng)
            prefix = "user[" if path == "/users" else ""
            close = "]" if prefix else ""
            fields += [(f"{prefix}first_name{close}", first), (f"{prefix}last_name{close}", last),
                       (f"{prefix}email{close}", tokens.email(rng, first, last)),
                       (f"{prefix}password{close}", pw), (f"{prefix}password_confirmation{close}", pw)]
            if rng.random() < 0.5:
                fields.append(("company", text.pick(rng, vocab.COMPANIES)))
            if rng.random() < 0.5:
                fields += [("newsletter", "on"), ("terms", "1")]
        elif kind == 1:
            path = rng.choice(["/contact", "/kontakt", "/support/new"])
            fields += [("name", f"{first} {last}"), ("email", tokens.email(rng, first, last)), ("phone", phone(rng)),
                       ("subject", text.subject(rng)), ("message", text.message(rng))]
        elif kind == 2:
            path = "/account/profile"
            fields += [("display_name", f"{first} {last[:1]}."), ("bio", text.paragraph(rng, 1, 3)),
                       ("website", f"https://{tokens.ascii_fold(last).replace(' ', '').replace(chr(39), '')}.example.com/"),
                       ("location", rng.choice(vocab.CITIES)[0]), ("timezone", text.pick(rng, vocab.TIMEZONES)),
                       ("language", text.pick(rng, vocab.LANGUAGES))]
        elif kind == 3:
            path = "/careers/apply"
            fields += [("full_name", f"{first} {last}"), ("email", tokens.email(rng, first, last)), ("phone", phone(rng)),
                       ("linkedin", f"https://www.linkedin.com/in/{tokens.ascii_fold(first + '-' + last).replace(' ', '-').replace(chr(39), '')}-{tokens.hexstr(rng, 6)}/"),
                       ("position", rng.choice(["Senior Data Engineer (SQL, Python)", "Frontend Developer – React/TypeScript",
                                                "Union Organizer", "Table Games Dealer", "Shell Scripting & DevOps"])),
                       ("cover_letter", text.message(rng)), ("salary_expectation", f"{rng.randint(50, 140)}k {text.pick(rng, vocab.CURRENCIES)}")]
        else:
            path = "/account/addresses"
            fields += [("label", rng.choice(["Home", "Work", "Mum & Dad", "Zuhause", "Büro"])), ("name", f"{first} {last}"),
                       *address_fields(rng), ("phone", phone(rng)), ("default", rng.choice(["0", "1"]))]
        out.append(form_post(rng, "signup_forms", path, bodies.urlencode(fields)))
    return out


def checkout_forms(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        first, last = text.person(rng)
        fields = [tokens.csrf_field(rng), ("email", tokens.email(rng, first, last)),
                  ("shipping_first_name", first), ("shipping_last_name", last), *address_fields(rng, "shipping_")]
        if rng.random() < 0.4:
            b_first, b_last = text.person(rng)
            fields += [("billing_same", "0"), ("billing_name", f"{b_first} {b_last}"), *address_fields(rng, "billing_")]
        else:
            fields.append(("billing_same", "1"))
        fields += [("shipping_method", rng.choice(["standard", "express", "pickup-store-12", "dhl_paket"])),
                   ("payment_method", rng.choice(["card", "paypal", "invoice", "twint", "klarna"]))]
        if rng.random() < 0.5:
            fields += [("stripeToken", f"tok_{tokens.chars(rng, tokens.ALNUM, 24)}"), ("card_last4", f"{rng.randint(0, 9999):04d}")]
        if rng.random() < 0.3:
            fields.append(("coupon", rng.choice(["SPRING-2024", "WELCOME10", "O'BRIEN-FAMILY", "FREESHIP", "VIP_50%"])))
        if rng.random() < 0.35:
            fields.append(("gift_message", text.paragraph(rng, 1, 2)))
        if rng.random() < 0.35:
            fields.append(("delivery_instructions", rng.choice([
                "Leave at the back door; don't ring the bell -- dog!", "Bitte beim Nachbarn (Weiß, 2. OG) abgeben.",
                "Gate code: #4512*", "Call 10 min before arrival", "Put it in the \"parcel box\" left of the garage.",
                "Deliver between 9 and 5 only", "If not home, drop at the shop across the street (O'Malley's)."])))
        if rng.random() < 0.25:
            fields.append(("order_notes", text.sentence(rng)))
        fields += [("terms", "on"), ("cart_token", tokens.hexstr(rng, 32))]
        out.append(form_post(rng, "checkout_forms", rng.choice(["/checkout", "/checkout/confirm", "/cart/checkout"]),
                             bodies.urlencode(fields), query=rng.choice(["", "step=2", "step=payment"])))
    return out


def comments(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        first, last = text.person(rng)
        kind = rng.randrange(3)
        if kind == 0:
            fields = [tokens.csrf_field(rng), ("author", f"{first} {last}"), ("email", tokens.email(rng, first, last)),
                      ("url", rng.choice(["", f"https://{tokens.ascii_fold(first).replace(' ', '')}.example.net/"])),
                      ("comment", text.message(rng)), ("comment_post_ID", str(rng.randint(10, 9000))), ("comment_parent", "0")]
            out.append(form_post(rng, "comments", "/wp-comments-post.php", bodies.urlencode(fields)))
        elif kind == 1:
            fields = [tokens.csrf_field(rng), ("rating", str(rng.randint(1, 5))), ("title", text.review_title(rng)),
                      ("review", text.paragraph(rng, 1, 4)), ("nickname", f"{first} {last[:1]}."),
                      ("recommend", rng.choice(["yes", "no"]))]
            out.append(form_post(rng, "comments", f"/products/{rng.randint(1000, 99999)}/reviews", bodies.urlencode(fields)))
        else:
            data = {"body": text.message(rng), "parent_id": rng.choice([None, rng.randint(1, 50000)]),
                    "thread": f"t-{rng.randint(1, 9999)}", "notify": rng.random() < 0.5}
            out.append(xhr(rng, "comments", "POST", f"/api/threads/{rng.randint(1, 9999)}/comments", bodies.json_body(rng, data)))
    return out


def markdown_posts(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        title = rng.choice([text.subject(rng), text.review_title(rng), text.sentence(rng)[:80]])
        body = text.markdown_post(rng)
        kind = rng.randrange(3)
        if kind == 0:
            data = {"title": title, "raw": body, "category": rng.randint(1, 30),
                    "tags": rng.sample(vocab.TAGS, rng.randint(0, 3)), "archetype": "regular"}
            out.append(xhr(rng, "markdown_posts", "POST", "/posts.json", bodies.json_body(rng, data)))
        elif kind == 1:
            data = {"title": title, "body": body, "labels": rng.sample(vocab.TAGS, rng.randint(0, 2))}
            out.append(xhr(rng, "markdown_posts", "POST", "/api/repos/example/app/issues", bodies.json_body(rng, data)))
        else:
            fields = [tokens.csrf_field(rng), ("post[title]", title), ("post[body]", body),
                      ("post[tag_list]", ", ".join(rng.sample(vocab.TAGS, rng.randint(1, 3)))), ("commit", "Publish")]
            out.append(form_post(rng, "markdown_posts", "/posts", bodies.urlencode(fields)))
    return out


def code_comments(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        kind = rng.randrange(6)
        if kind <= 1:
            data = {"raw": code.code_comment(rng), "topic_id": rng.randint(1, 90000), "reply_to_post_number": rng.choice([None, 1, 2, 5])}
            out.append(xhr(rng, "code_comments", "POST", "/posts.json", bodies.json_body(rng, data)))
        elif kind == 2:
            fields = [tokens.csrf_field(rng), ("comment[body]", code.code_comment(rng)), ("commit", "Comment")]
            out.append(form_post(rng, "code_comments", f"/questions/{rng.randint(1000, 999999)}/answers", bodies.urlencode(fields)))
        elif kind == 3:
            data = {"body": code.code_comment(rng) if rng.random() < 0.7 else code.inline_code_sentence(rng)}
            out.append(xhr(rng, "code_comments", "POST", f"/api/repos/example/app/issues/{rng.randint(1, 5000)}/comments",
                           bodies.json_body(rng, data)))
        elif kind == 4:
            fields = [tokens.csrf_field(rng), ("name", " ".join(text.person(rng))), ("comment", code.code_comment(rng))]
            out.append(form_post(rng, "code_comments", "/blog/comments", bodies.urlencode(fields)))
        else:
            host = rng.choice(["docs.example.com", "forum.example.dev", "help.example.com"])
            headers = clients.browser_headers(rng, browser(rng), host, referer=f"https://{host}/",
                                              cookies=tokens.cookie_header(tokens.cookie_jar(rng, session=False)))
            out.append(Request("code_comments", "query", "GET", "/search",
                               bodies.query([("q", rng.choice(code.DEV_SEARCHES))]), headers))
    return out


def uploads(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        first, last = text.person(rng)
        b = browser(rng)
        host = site(rng)
        kind = rng.randrange(5)
        if kind == 0:
            name = rng.choice(["IMG_4821.JPG", "photo.jpg", f"{first} {last}.jpg", "Zoë at the beach (2).jpeg", "avatar-final.jpg",
                               "Screenshot 2024-03-12 at 10.14.22.jpg", "DSC_0042.JPG", "Фото.jpg", "写真.jpg"])
            files = [bodies.Upload("avatar" if rng.random() < 0.5 else "photo", name, "image/jpeg", bodies.jpeg(rng))]
            fields = [("alt", rng.choice(["Me", f"{first} {last}", "Profile picture", "Portrait – summer 2023"]))]
        elif kind == 1:
            name = rng.choice([f"Résumé – {first} {last}.pdf", f"CV_{tokens.ascii_fold(last).replace(' ', '_')}_2024.pdf", "invoice #10442.pdf",
                               "Lebenslauf (final).pdf", "report (1).pdf", "Q1 results & outlook.pdf", "contract_v2_signed.pdf"])
            files = [bodies.Upload("document", name, "application/pdf", bodies.pdf(rng, name))]
            fields = [("full_name", f"{first} {last}"), ("email", tokens.email(rng, first, last)), ("note", text.sentence(rng))]
        elif kind == 2:
            rows = ["name,email,city,notes"] + [
                f"\"{p[0]} {p[1]}\",{tokens.email(rng, *p)},\"{rng.choice(vocab.CITIES)[0]}\",\"{text.sentence(rng).replace(chr(34), chr(34) * 2)}\""
                for p in (text.person(rng) for _ in range(rng.randint(2, 8)))]
            files = [bodies.Upload("file", rng.choice(["contacts.csv", "import (3).csv", "Kunden_März.csv", "export-2024-03-01.csv"]),
                                   "text/csv", "\r\n".join(rows).encode())]
            fields = [("delimiter", ","), ("has_header", "true"), ("encoding", "utf-8")]
        elif kind == 3:
            files = [bodies.Upload("attachment", rng.choice(["notes.txt", "README.md", "error log.txt", "steps to reproduce.txt"]),
                                   rng.choice(["text/plain", "text/markdown"]), text.markdown_post(rng).encode())]
            fields = [("ticket", str(rng.randint(10000, 99999))), ("comment", text.sentence(rng))]
        else:
            files = [bodies.Upload("files[]", rng.choice(["Proposal – O'Connor & Sons.docx", "minutes 2024-03-04.docx", "Angebot_Müller.docx"]),
                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bodies.docx(rng)),
                     bodies.Upload("files[]", rng.choice(["IMG_0007.HEIC", "IMG_2231.HEIC"]), "image/heic", bodies.heic(rng))]
            fields = [("folder", rng.choice(["Shared/Clients", "Projects/2024", "Ablage/Rechnungen"])), ("overwrite", "false")]
        fields.insert(0, tokens.csrf_field(rng))
        bound = bodies.boundary(rng, b.family)
        data = bodies.multipart(bound, fields, files)
        headers = clients.browser_headers(rng, b, host, method="POST", referer=f"https://{host}/upload",
                                          cookies=tokens.cookie_header(tokens.cookie_jar(rng)),
                                          content_type=f"multipart/form-data; boundary={bound}", body_length=len(data))
        out.append(Request("uploads", "multipart", "POST", rng.choice(["/upload", "/account/avatar", "/api/files", "/tickets/attach"]),
                           "", headers, data))
    return out


def auth_flows(rng: random.Random, n: int) -> list[Request]:
    out = []
    for _ in range(n):
        first, last = text.person(rng)
        kind = rng.randrange(7)
        host = site(rng)
        redirect = f"https://{host}/auth/callback"
        if kind == 0:
            fields = [tokens.csrf_field(rng), (rng.choice(["email", "username", "login"]), tokens.email(rng, first, last)),
                      ("password", tokens.password(rng)), ("remember_me", rng.choice(["on", "1", "true"]))]
            out.append(form_post(rng, "auth_flows", rng.choice(["/login", "/session", "/accounts/login/"]), bodies.urlencode(fields),
                                 query=rng.choice(["", "next=%2Faccount%2F", "returnUrl=%2Fcheckout%3Fstep%3D2"]), host=host))
        elif kind == 1:
            params = [("response_type", "code"), ("client_id", tokens.chars(rng, tokens.ALNUM, 32)), ("redirect_uri", redirect),
                      ("scope", rng.choice(["openid profile email", "openid email offline_access", "read:user user:email"])),
                      ("state", tokens.state_param(rng)), ("nonce", tokens.chars(rng, tokens.ALNUM, 22)),
                      ("code_challenge", tokens.b64url(tokens.random_bytes(rng, 32))), ("code_challenge_method", "S256")]
            if rng.random() < 0.3:
                params += [("prompt", "consent"), ("login_hint", tokens.email(rng, first, last))]
            headers = clients.browser_headers(rng, browser(rng), "auth.example.com", referer=f"https://{host}/login",
                                              cookies=tokens.cookie_header(tokens.cookie_jar(rng, session=False)))
            out.append(Request("auth_flows", "query", "GET", "/authorize", bodies.query(params), headers))
        elif kind == 2:
            params = [("code", tokens.chars(rng, tokens.ALNUM + "-_", 43)), ("state", tokens.state_param(rng))]
            if rng.random() < 0.5:
                params += [("scope", "email profile openid https://www.googleapis.com/auth/userinfo.email"), ("authuser", "0"), ("prompt", "consent")]
            headers = clients.browser_headers(rng, browser(rng), host, referer="https://accounts.google.com/",
                                              cookies=tokens.cookie_header(tokens.cookie_jar(rng)))
            out.append(Request("auth_flows", "query", "GET", "/auth/callback", bodies.query(params), headers))
        elif kind == 3:
            fields = [("grant_type", rng.choice(["authorization_code", "refresh_token"])), ("client_id", tokens.chars(rng, tokens.ALNUM, 32))]
            if fields[0][1] == "authorization_code":
                fields += [("code", tokens.chars(rng, tokens.ALNUM + "-_", 43)), ("redirect_uri", redirect),
                           ("code_verifier", tokens.chars(rng, tokens.ALNUM + "-._~", 64))]
            else:
                fields.append(("refresh_token", rng.choice([tokens.jwt(rng), tokens.chars(rng, tokens.ALNUM, 48)])))
            data = bodies.urlencode(fields).encode()
            headers = clients.app_headers(rng, "auth.example.com", agent=rng.choice(clients.SDK_AGENTS), method="POST",
                                          authorization="Basic " + tokens.b64(f"{tokens.chars(rng, tokens.ALNUM, 20)}:{tokens.chars(rng, tokens.ALNUM, 40)}".encode()),
                                          content_type="application/x-www-form-urlencoded", body_length=len(data))
            out.append(Request("auth_flows", "form", "POST", "/oauth/token", "", headers, data))
        elif kind == 4:
            assertion = (f"<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_{tokens.hexstr(rng, 40)}\" Version=\"2.0\" "
                         f"IssueInstant=\"{tokens.iso_time(rng)}\"><saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
                         f"https://idp.example.com/saml</saml:Issuer><saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
                         f"<saml:Subject><saml:NameID>{bodies.xml_text(tokens.email(rng, first, last))}</saml:NameID></saml:Subject>"
                         f"<saml:AttributeStatement><saml:Attribute Name=\"displayName\"><saml:AttributeValue>{bodies.xml_text(first + ' ' + last)}"
                         f"</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>"
                         f"<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignatureValue>{tokens.b64(tokens.random_bytes(rng, 256))}"
                         f"</ds:SignatureValue></ds:Signature></saml:Assertion></samlp:Response>")
            fields = [("SAMLResponse", tokens.b64(assertion.encode())), ("RelayState", rng.choice([f"https://{host}/dashboard", tokens.state_param(rng)]))]
            out.append(form_post(rng, "auth_flows", "/saml/acs", bodies.urlencode(fields), host=host))
        elif kind == 5:
            params = [("token", tokens.b64url(tokens.random_bytes(rng, 32))), ("email", tokens.email(rng, first, last))]
            headers = clients.browser_headers(rng, browser(rng), host, cookies=None)
            out.append(Request("auth_flows", "query", "GET", rng.choice(["/password/reset", "/magic-link", "/verify-email"]),
                               bodies.query(params), headers))
        else:
            fields = [tokens.csrf_field(rng), ("otp", f"{rng.randint(0, 999999):06d}"), ("remember_device", rng.choice(["on", "off"]))]
            out.append(form_post(rng, "auth_flows", "/login/2fa", bodies.urlencode(fields), host=host))
    return out
