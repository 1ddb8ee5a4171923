"""sso_flows: OAuth 2.0 / OpenID Connect and SAML 2.0 as identity providers
and service providers really send them: authorization requests with PKCE,
code callbacks, form_post responses carrying id_token JWTs, signed SAML
responses and RelayState posted to an ACS, HTTP-Redirect AuthnRequests,
token endpoint calls (client_assertion, refresh, client credentials),
introspection, userinfo and logout.
"""

from __future__ import annotations

import hashlib
import random
import zlib
from urllib.parse import quote, quote_plus

from .common import (
    Request,
    b64,
    b64url,
    browser_request,
    chars,
    cookie_header,
    epoch,
    form,
    hexs,
    iso,
    jwt,
    person,
    pick,
    randbytes,
    sdk_headers,
    session_cookies,
    uuid4,
)

IDPS = [
    ("login.example.com", "https://login.example.com", "/oauth2/v2.0"),
    ("idp.example.org", "https://idp.example.org/realms/acme", "/realms/acme/protocol/openid-connect"),
    ("auth.example.net", "https://auth.example.net/", "/oauth"),
    ("acme.idp.example.com", "https://acme.idp.example.com/oauth2/default", "/oauth2/default/v1"),
    ("sso.example.de", "https://sso.example.de", "/connect"),
    ("accounts.example.com", "https://accounts.example.com", "/o/oauth2"),
]
SPS = ["app.example.com", "portal.example.org", "crm.example.net", "wiki.example.de", "hr.example.co.uk",
       "files.example.fr", "tickets.example.com"]
CALLBACKS = ["/auth/callback", "/signin-oidc", "/oauth2/callback", "/api/auth/callback/oidc", "/login/oauth2/code/acme",
             "/sso/oidc/callback", "/accounts/oidc/acme/login/callback/"]
SCOPES = ["openid profile email", "openid email offline_access", "openid profile email groups",
          "openid https://graph.example.com/User.Read offline_access", "openid profile email api://crm/read api://crm/write",
          "openid"]
GROUPS = ["Engineering", "Sales EMEA", "R&D", "Finance & Controlling", "all-staff", "app-admins", "Support Tier 2",
          "CN=VPN Users,OU=Groups,DC=corp,DC=example,DC=com", "O'Hare Office"]


def claims(rng: random.Random, iss: str, aud: str, nonce: str) -> dict[str, object]:
    name, email = person(rng)
    now = epoch(rng)
    given, family = name.split(" ", 1)
    c: dict[str, object] = {"iss": iss, "sub": pick(rng, [uuid4(rng), str(rng.randrange(10**20, 10**21)), "00u" + chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 17)]),
                            "aud": aud, "exp": now + 3600, "iat": now, "auth_time": now - rng.randrange(5, 600),
                            "nonce": nonce, "email": email, "email_verified": True, "name": name,
                            "given_name": given, "family_name": family}
    if rng.random() < 0.6:
        c["at_hash"] = b64url(randbytes(rng, 16))
    if rng.random() < 0.4:
        c["sid"] = uuid4(rng)
    if rng.random() < 0.5:
        c["preferred_username"] = email
        c["locale"] = pick(rng, ["en-GB", "de-DE", "fr", "tr-TR", "ja"])
    if rng.random() < 0.4:
        c["groups"] = rng.sample(GROUPS, rng.randrange(1, 4))
    if rng.random() < 0.3:
        c["amr"] = rng.sample(["pwd", "mfa", "otp", "hwk"], rng.randrange(1, 3))
    return c


def state(rng: random.Random) -> str:
    return pick(rng, [b64url(randbytes(rng, 32)), hexs(rng, 32),
                      "CfDJ8" + b64url(randbytes(rng, 180)),
                      b64url(f'{{"returnTo":"/{pick(rng, ["dashboard", "settings/billing", "files?folder=Q4%202026", ""])}","csrf":"{hexs(rng, 16)}"}}'.encode())])


def sp_cookies(rng: random.Random, sp: str) -> str:
    jar: list[tuple[str, str]] = []
    if rng.random() < 0.4:
        corr = b64url(randbytes(rng, 32))
        jar += [(f".AspNetCore.OpenIdConnect.Nonce.CfDJ8{b64url(randbytes(rng, 120))}", "N"),
                (f".AspNetCore.Correlation.{corr}", "N")]
    elif rng.random() < 0.5:
        jar += [("oidc_state", b64url(randbytes(rng, 24))), ("oidc_pkce", b64url(randbytes(rng, 40)))]
    jar += session_cookies(rng)
    return cookie_header(jar)


def authorize(rng: random.Random) -> Request:
    host, _iss, base = pick(rng, IDPS)
    sp = pick(rng, SPS)
    verifier = b64url(randbytes(rng, 32))
    challenge = b64url(hashlib.sha256(verifier.encode()).digest())
    pairs = [("client_id", pick(rng, [uuid4(rng), "0oa" + chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 17), "crm-web"])),
             ("response_type", pick(rng, ["code", "code", "code id_token"])),
             ("redirect_uri", f"https://{sp}{pick(rng, CALLBACKS)}"), ("scope", pick(rng, SCOPES)),
             ("state", state(rng)), ("nonce", b64url(randbytes(rng, 16))),
             ("code_challenge", challenge), ("code_challenge_method", "S256")]
    if rng.random() < 0.4:
        pairs.append(("response_mode", pick(rng, ["form_post", "query", "fragment"])))
    if rng.random() < 0.3:
        pairs.append(("prompt", pick(rng, ["login", "select_account", "consent", "none"])))
    if rng.random() < 0.3:
        pairs.append(("login_hint", person(rng)[1]))
    if rng.random() < 0.2:
        pairs.append(("ui_locales", pick(rng, ["de", "fr-FR", "en-US", "ja"])))
    q = "&".join(f"{k}={quote(v, safe='')}" if rng.random() < 0.5 else f"{k}={quote_plus(v)}" for k, v in pairs)
    return browser_request(rng, "sso_flows", "oauth", "GET", host, f"{base}/authorize", q, fetch_site="cross-site",
                           referer=f"https://{sp}/", cookie=cookie_header(session_cookies(rng, "spring")) if rng.random() < 0.5 else None,
                           lang=pick(rng, ["en", "de", "fr"]))


def callback(rng: random.Random) -> Request:
    host, iss, _base = pick(rng, IDPS)
    sp = pick(rng, SPS)
    code = pick(rng, [b64url(randbytes(rng, 32)), uuid4(rng) + "." + uuid4(rng) + "." + uuid4(rng),
                      "0." + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 600),
                      "4/0A" + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 70)])
    pairs = [("code", code), ("state", state(rng))]
    if rng.random() < 0.5:
        pairs.append(("session_state", uuid4(rng) + ("." + b64url(randbytes(rng, 16)) if rng.random() < 0.5 else "")))
    if rng.random() < 0.5:
        pairs.append(("iss", iss))
    if rng.random() < 0.3:
        pairs.append(("scope", pick(rng, SCOPES)))
    q = "&".join(f"{k}={quote(v, safe='')}" for k, v in pairs)
    return browser_request(rng, "sso_flows", "oauth", "GET", sp, pick(rng, CALLBACKS), q, fetch_site="cross-site",
                           referer=f"https://{host}/", cookie=sp_cookies(rng, sp))


def form_post(rng: random.Random) -> Request:
    host, iss, _base = pick(rng, IDPS)
    sp = pick(rng, SPS)
    nonce = b64url(randbytes(rng, 16))
    client_id = uuid4(rng)
    token = jwt(rng, claims(rng, iss, client_id, nonce), kid=pick(rng, [b64url(randbytes(rng, 20)), hexs(rng, 40), "rsa1"]))
    pairs = []
    if rng.random() < 0.6:
        pairs.append(("code", b64url(randbytes(rng, 40))))
    pairs += [("id_token", token), ("state", state(rng))]
    if rng.random() < 0.6:
        pairs.append(("session_state", uuid4(rng)))
    body = form(pairs).encode()
    return browser_request(rng, "sso_flows", "form", "POST", sp, pick(rng, CALLBACKS), body=body,
                           content_type="application/x-www-form-urlencoded", fetch_site="cross-site",
                           origin=f"https://{host}", referer=f"https://{host}/", cookie=sp_cookies(rng, sp))


# ------------------------------------------------------------------ SAML

SAML_IDPS = [
    ("https://sts.example.net/" + "8f0c5a1e-3b7d-4c2a-9e61-2d4b5f7a9c10/", "login.example.net", "entra"),
    ("http://www.example.com/exk" + "1a2b3c4d5e6f7g8h9", "acme.idp.example.com", "okta"),
    ("https://idp.example.org/realms/acme", "idp.example.org", "keycloak"),
    ("https://shibboleth.example.edu/idp/shibboleth", "shibboleth.example.edu", "shib"),
    ("http://adfs.example.com/adfs/services/trust", "adfs.example.com", "adfs"),
]


def saml_id(rng: random.Random, style: str) -> str:
    if style in ("entra", "adfs"):
        return "_" + uuid4(rng)
    if style == "okta":
        return "id" + str(rng.randrange(10**25, 10**26))
    return "_" + hexs(rng, 40)


def cert(rng: random.Random) -> str:
    raw = b"\x30\x82\x02" + bytes([rng.randrange(0xA0, 0xFF)]) + b"\x30\x82\x01" + randbytes(rng, 680)
    s = b64(raw)
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76)) if rng.random() < 0.3 else s


def attributes(rng: random.Random, style: str, name: str, email: str) -> str:
    given, family = name.split(" ", 1)
    if style in ("entra", "adfs"):
        base = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/"
        attrs = [(base + "emailaddress", [email]), (base + "givenname", [given]), (base + "surname", [family]),
                 (base + "name", [email]), ("http://schemas.microsoft.com/identity/claims/displayname", [name])]
        if rng.random() < 0.5:
            attrs.append(("http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", [uuid4(rng) for _ in range(rng.randrange(1, 4))]))
    elif style == "shib":
        attrs = [("urn:oid:0.9.2342.19200300.100.1.3", [email]), ("urn:oid:2.5.4.42", [given]), ("urn:oid:2.5.4.4", [family]),
                 ("urn:oid:1.3.6.1.4.1.5923.1.1.1.9", [pick(rng, ["member@example.edu", "staff@example.edu", "student@example.edu"])])]
    else:
        attrs = [("email", [email]), ("firstName", [given]), ("lastName", [family])]
        if rng.random() < 0.6:
            attrs.append(("groups", rng.sample(GROUPS, rng.randrange(1, 4))))
    fmt = "urn:oasis:names:tc:SAML:2.0:attrname-format:" + ("uri" if style in ("shib", "entra", "adfs") else "basic")
    out = []
    for nm, vals in attrs:
        values = "".join(f'<saml:AttributeValue xsi:type="xs:string">{xml_escape(v)}</saml:AttributeValue>' for v in vals)
        out.append(f'<saml:Attribute Name="{nm}" NameFormat="{fmt}">{values}</saml:Attribute>')
    return "".join(out)


def xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&apos;")


def saml_response(rng: random.Random, acs: str, audience: str) -> str:
    issuer, _, style = pick(rng, SAML_IDPS)
    name, email = person(rng)
    now = epoch(rng)
    rid, aid = saml_id(rng, style), saml_id(rng, style)
    in_resp = pick(rng, ["ONELOGIN_" + hexs(rng, 40), "_" + hexs(rng, 32), "id-" + chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 20)])
    sig = (f'<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>'
           f'<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
           f'<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
           f'<ds:Reference URI="#{aid}"><ds:Transforms>'
           f'<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
           f'<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
           f'<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
           f'<ds:DigestValue>{b64(randbytes(rng, 32))}</ds:DigestValue></ds:Reference></ds:SignedInfo>'
           f'<ds:SignatureValue>{b64(randbytes(rng, 256))}</ds:SignatureValue>'
           f'<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert(rng)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>'
           f'</ds:Signature>')
    nameid_fmt = pick(rng, ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
                            "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                            "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"])
    nameid = email if nameid_fmt.endswith("emailAddress") else b64(randbytes(rng, 24))
    ctx = pick(rng, ["urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
                     "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified",
                     "http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/windows"])
    assertion = (
        f'<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'ID="{aid}" Version="2.0" IssueInstant="{iso(now)}"><saml:Issuer>{issuer}</saml:Issuer>{sig}'
        f'<saml:Subject><saml:NameID Format="{nameid_fmt}">{nameid}</saml:NameID>'
        f'<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData NotOnOrAfter="{iso(now + 300)}" Recipient="{acs}" InResponseTo="{in_resp}"/>'
        f'</saml:SubjectConfirmation></saml:Subject>'
        f'<saml:Conditions NotBefore="{iso(now - 30)}" NotOnOrAfter="{iso(now + 3600)}"><saml:AudienceRestriction>'
        f'<saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>'
        f'<saml:AuthnStatement AuthnInstant="{iso(now - rng.randrange(1, 900))}" SessionNotOnOrAfter="{iso(now + 28_800)}" '
        f'SessionIndex="{saml_id(rng, style)}"><saml:AuthnContext><saml:AuthnContextClassRef>{ctx}'
        f'</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>'
        f'<saml:AttributeStatement>{attributes(rng, style, name, email)}</saml:AttributeStatement></saml:Assertion>')
    return ('<?xml version="1.0" encoding="UTF-8"?>' if rng.random() < 0.5 else "") + (
        f'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        f'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{rid}" Version="2.0" IssueInstant="{iso(now)}" '
        f'Destination="{acs}" InResponseTo="{in_resp}"><saml:Issuer>{issuer}</saml:Issuer>'
        f'<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
        f'{assertion}</samlp:Response>')


def relay_state(rng: random.Random, sp: str) -> str:
    return pick(rng, [f"https://{sp}/dashboard", "/files/shared?view=list&sort=-modified", b64url(randbytes(rng, 24)),
                      "ss:mem:" + hexs(rng, 64), f"https://{sp}/wiki/display/ENG/On-call+%26+Escalation", ""])


def saml_post(rng: random.Random) -> Request:
    sp = pick(rng, SPS)
    acs = f"https://{sp}{pick(rng, ['/saml/acs', '/saml2/acs/', '/Saml2/Acs', '/sso/saml', '/auth/saml/callback'])}"
    xml = saml_response(rng, acs, pick(rng, [f"https://{sp}/saml/metadata", f"urn:example:{sp.split('.')[0]}", f"https://{sp}"]))
    encoded = b64(xml.encode())
    if rng.random() < 0.15:
        encoded = "\r\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))  # some IdPs wrap
    pairs = [("SAMLResponse", encoded)]
    rs = relay_state(rng, sp)
    if rs:
        pairs.append(("RelayState", rs))
    body = form(pairs).encode()
    _, idp_host, _ = pick(rng, SAML_IDPS)
    path = acs.split(sp, 1)[1]
    return browser_request(rng, "sso_flows", "form", "POST", sp, path, body=body,
                           content_type="application/x-www-form-urlencoded", fetch_site="cross-site",
                           origin=pick(rng, [f"https://{idp_host}", "null"]), referer=f"https://{idp_host}/",
                           cookie=cookie_header(session_cookies(rng)) if rng.random() < 0.6 else None)


def saml_redirect(rng: random.Random) -> Request:
    sp = pick(rng, SPS)
    _, idp_host, style = pick(rng, SAML_IDPS)
    now = epoch(rng)
    logout = rng.random() < 0.3
    if logout:
        xml = (f'<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
               f'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_{hexs(rng, 40)}" Version="2.0" '
               f'IssueInstant="{iso(now)}" Destination="https://{idp_host}/saml/slo"><saml:Issuer>https://{sp}/saml/metadata'
               f'</saml:Issuer><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{person(rng)[1]}'
               f'</saml:NameID><samlp:SessionIndex>{saml_id(rng, style)}</samlp:SessionIndex></samlp:LogoutRequest>')
        key, path = "SAMLRequest", pick(rng, ["/saml/slo", "/idp/profile/SAML2/Redirect/SLO", "/adfs/ls/"])
    else:
        xml = (f'<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
               f'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="ONELOGIN_{hexs(rng, 40)}" Version="2.0" '
               f'IssueInstant="{iso(now)}" Destination="https://{idp_host}/saml/sso" '
               f'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
               f'AssertionConsumerServiceURL="https://{sp}/saml/acs"><saml:Issuer>https://{sp}/saml/metadata</saml:Issuer>'
               f'<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" AllowCreate="true"/>'
               f'</samlp:AuthnRequest>')
        key, path = "SAMLRequest", pick(rng, ["/saml/sso", "/idp/profile/SAML2/Redirect/SSO", "/adfs/ls/", "/app/acme/sso/saml"])
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = c.compress(xml.encode()) + c.flush()
    pairs = [(key, b64(deflated))]
    rs = relay_state(rng, sp)
    if rs:
        pairs.append(("RelayState", rs))
    if rng.random() < 0.6:
        pairs += [("SigAlg", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"), ("Signature", b64(randbytes(rng, 256)))]
    q = "&".join(f"{k}={quote(v, safe='')}" for k, v in pairs)
    return browser_request(rng, "sso_flows", "saml", "GET", idp_host, path, q, fetch_site="cross-site",
                           referer=f"https://{sp}/", cookie=cookie_header(session_cookies(rng, "spring")) if rng.random() < 0.5 else None)


# ------------------------------------------------------------------ back channel


def token(rng: random.Random) -> Request:
    host, iss, base = pick(rng, IDPS)
    sp = pick(rng, SPS)
    client_id = pick(rng, [uuid4(rng), "0oa" + chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 17), "crm-backend"])
    endpoint = f"https://{host}{base}/token"
    grant = pick(rng, ["authorization_code", "authorization_code", "refresh_token", "client_credentials", "jwt_assertion"])
    extra: list[tuple[str, str]] = [("accept", "application/json")] if rng.random() < 0.6 else []
    pairs: list[tuple[str, str]]
    if grant == "authorization_code":
        pairs = [("grant_type", "authorization_code"), ("code", b64url(randbytes(rng, 40))),
                 ("redirect_uri", f"https://{sp}{pick(rng, CALLBACKS)}"), ("client_id", client_id)]
        if rng.random() < 0.5:
            pairs.append(("code_verifier", b64url(randbytes(rng, 32))))
    elif grant == "refresh_token":
        pairs = [("grant_type", "refresh_token"), ("refresh_token", pick(rng, [b64url(randbytes(rng, 48)), "1//" + b64url(randbytes(rng, 70)),
                                                                             jwt(rng, {"jti": uuid4(rng), "typ": "Refresh", "iss": iss}, alg="HS256")])),
                 ("client_id", client_id)]
        if rng.random() < 0.5:
            pairs.append(("scope", pick(rng, SCOPES)))
    elif grant == "client_credentials":
        pairs = [("grant_type", "client_credentials"), ("scope", pick(rng, ["api://crm/.default", "orders:read orders:write", "reports.read"]))]
        secret = b64url(randbytes(rng, 30))
        extra.append(("authorization", "Basic " + b64(f"{client_id}:{secret}".encode())))
    else:
        now = epoch(rng)
        pairs = [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                 ("assertion", jwt(rng, {"iss": client_id, "sub": person(rng)[1], "aud": endpoint, "iat": now, "exp": now + 300}))]
    if grant in ("authorization_code", "refresh_token") and rng.random() < 0.6:
        now = epoch(rng)
        assertion = jwt(rng, {"iss": client_id, "sub": client_id, "aud": endpoint, "jti": uuid4(rng), "iat": now, "nbf": now,
                              "exp": now + 300}, alg=pick(rng, ["RS256", "PS256", "ES256"]), kid=hexs(rng, 40).upper())
        pairs += [("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", assertion)]
    elif grant in ("authorization_code", "refresh_token"):
        pairs.append(("client_secret", chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-", 40)))
    body = form(pairs).encode()
    sdk = pick(rng, ["python", "go", "java", "node", "msal", "dotnet"])
    ctype = "application/x-www-form-urlencoded"
    if sdk == "msal":
        headers = [("host", host), ("user-agent", "Microsoft.Identity.Client/4.66.1"), ("x-client-sku", "MSAL.NetCore"), ("x-client-ver", "4.66.1"), ("x-client-os", "Linux"), ("client-request-id", uuid4(rng)), ("return-client-request-id", "true"), ("x-app-name", "crm-backend"), *extra, ("content-type", ctype + "; charset=utf-8"), ("content-length", str(len(body)))]
    elif sdk == "dotnet":
        headers = [("host", host), *extra, ("content-type", ctype), ("content-length", str(len(body)))]
    else:
        headers = sdk_headers(rng, sdk, host, body=body, content_type=ctype + ("; charset=UTF-8" if sdk == "java" else ""), extra=extra)
    return Request("sso_flows", "form", "POST", f"{base}/token", "", headers, body)


def introspect(rng: random.Random) -> Request:
    host, iss, base = pick(rng, IDPS)
    client = pick(rng, ["resource-server", "orders-api", uuid4(rng)])
    tok = pick(rng, [b64url(randbytes(rng, 32)), jwt(rng, {"iss": iss, "sub": uuid4(rng), "scope": pick(rng, SCOPES), "exp": epoch(rng)})])
    if rng.random() < 0.6:
        body = form([("token", tok), ("token_type_hint", "access_token")]).encode()
        extra = [("authorization", "Basic " + b64(f"{client}:{b64url(randbytes(rng, 24))}".encode()))]
        headers = sdk_headers(rng, pick(rng, ["python", "go", "java", "node"]), host, body=body,
                              content_type="application/x-www-form-urlencoded", extra=extra)
        return Request("sso_flows", "form", "POST", f"{base}/introspect", "", headers, body)
    headers = sdk_headers(rng, pick(rng, ["python", "go", "java", "node"]), host, body=None, content_type=None,
                          extra=[("authorization", "Bearer " + tok)])
    return Request("sso_flows", "oauth", "GET", f"{base}/userinfo", "", headers, None)


def logout(rng: random.Random) -> Request:
    host, iss, base = pick(rng, IDPS)
    sp = pick(rng, SPS)
    hint = jwt(rng, claims(rng, iss, uuid4(rng), b64url(randbytes(rng, 16))))
    pairs = [("id_token_hint", hint), ("post_logout_redirect_uri", f"https://{sp}/signed-out"), ("state", state(rng))]
    if rng.random() < 0.4:
        pairs.append(("client_id", uuid4(rng)))
    q = "&".join(f"{k}={quote(v, safe='')}" for k, v in pairs)
    path = pick(rng, [f"{base}/logout", f"{base}/endsession", "/oidc/logout", "/connect/endsession"])
    return browser_request(rng, "sso_flows", "oauth", "GET", host, path, q, fetch_site="cross-site",
                           referer=f"https://{sp}/account", cookie=cookie_header(session_cookies(rng, "spring")))


def sso_flows(rng: random.Random, n: int) -> list[Request]:
    makers = [authorize, authorize, callback, callback, callback, form_post, form_post, saml_post, saml_post, saml_post,
              saml_redirect, token, token, token, introspect, logout]
    return [pick(rng, makers)(rng) for _ in range(n)]
