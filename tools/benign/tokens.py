# ruff: noqa: RUF001 - the corpus is about these characters: dashes, full-width punctuation, dotless i
"""Opaque values the way real frameworks and services format them: session
ids, CSRF tokens, JWTs, analytics and CDN cookies, base64 blobs.

Every value is random (from the caller's seeded generator); only the shape
copies the real thing.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import random
import string
import unicodedata
from urllib.parse import quote

from . import text, vocab

ALNUM = string.ascii_letters + string.digits
LOWER_ALNUM = string.ascii_lowercase + string.digits
EPOCH = 1_709_251_200  # 2024-03-01T00:00:00Z: every timestamp is relative to it


def chars(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def hexstr(rng: random.Random, n: int) -> str:
    return chars(rng, "0123456789abcdef", n)


def uuid4(rng: random.Random) -> str:
    h = hexstr(rng, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


def timestamp(rng: random.Random, spread: int = 86_400 * 60) -> int:
    return EPOCH + rng.randrange(spread)


def iso_time(rng: random.Random) -> str:
    t = dt.datetime.fromtimestamp(timestamp(rng), tz=dt.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + rng.choice(["Z", ".000Z", "+00:00", f".{rng.randrange(1000):03d}Z"])


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def random_bytes(rng: random.Random, n: int) -> bytes:
    return bytes(rng.getrandbits(8) for _ in range(n))


def jwt(rng: random.Random, claims: dict[str, object] | None = None) -> str:
    alg = rng.choice(["HS256", "RS256", "ES256"])
    header: dict[str, object] = {"alg": alg, "typ": "JWT"}
    if alg != "HS256":
        header["kid"] = hexstr(rng, 16)
    first, last = text.person(rng)
    now = timestamp(rng)
    payload: dict[str, object] = {
        "sub": rng.choice([uuid4(rng), str(rng.randint(1, 9_999_999)), f"auth0|{hexstr(rng, 24)}"]),
        "name": f"{first} {last}",
        "email": email(rng, first, last),
        "iat": now, "exp": now + rng.choice([900, 3600, 86_400]),
        "iss": rng.choice(["https://auth.example.com/", "https://example.eu.auth0.com/", "accounts.example.com"]),
        "aud": rng.choice(["api.example.com", "https://api.example.com", ["web", "mobile"]]),
    }
    if rng.random() < 0.5:
        payload["scope"] = rng.choice(["openid profile email", "read:orders write:orders", "offline_access"])
    if rng.random() < 0.3:
        payload["roles"] = rng.sample(["user", "admin", "editor", "billing", "support"], rng.randint(1, 2))
    if claims:
        payload.update(claims)
    signature = random_bytes(rng, {"HS256": 32, "RS256": 256, "ES256": 64}[alg])
    parts = [json.dumps(header, separators=(",", ":")).encode(), json.dumps(payload, separators=(",", ":")).encode()]
    return ".".join([b64url(parts[0]), b64url(parts[1]), b64url(signature)])


_FOLD = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "ı": "i", "đ": "d", "þ": "th", "ð": "d"})


def ascii_fold(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s.lower().translate(_FOLD))
    return "".join(c for c in decomposed if c.isascii())


def email(rng: random.Random, first: str, last: str) -> str:
    """An address made from a name, the way people pick them: ASCII-folded,
    dotted, sometimes with digits or a plus tag, now and then keeping the
    apostrophe (o'brien@ is a valid address)."""
    keep = "._-'" if rng.random() < 0.05 else "._-"
    local = "".join(c for c in ascii_fold(f"{first}.{last}") if c.isalnum() or c in keep).strip(".")
    if not local or not any(c.isalnum() for c in local):
        local = "user" + str(rng.randint(1, 9999))
    if rng.random() < 0.3:
        local += str(rng.randint(1, 99))
    if rng.random() < 0.1:
        local += "+" + rng.choice(["shop", "news", "work", "2024"])
    return f"{local}@{text.pick(rng, vocab.EMAIL_DOMAINS)}"


def password(rng: random.Random) -> str:
    """What people and password managers put in password fields."""
    r = rng.random()
    if r < 0.45:  # generated: any printable symbol
        return chars(rng, ALNUM + "!@#$%^&*()-_=+[]{};:,.<>/?|~'\"`\\", rng.randint(14, 24))
    if r < 0.7:  # passphrase
        return rng.choice(["-", " ", ".", "_"]).join(rng.sample(
            ["correct", "horse", "battery", "staple", "table", "union", "select", "orange", "river",
             "Sonne", "Mond", "étoile", "sleep", "drop", "window", "script", "garden"], 4))
    return rng.choice(["Summer2024!", "P@ssw0rd123", "ilovemydog", "Qwerty#1", "O'Brien1984",
                       "<3kittens<3", "letmein;)", "tr0ub4dor&3", "a1b2c3d4", "Passwort!123"])


# ------------------------------------------------------------------- cookies


def ga(rng: random.Random) -> list[tuple[str, str]]:
    cid = f"{rng.randint(100_000_000, 2_147_483_647)}.{timestamp(rng)}"
    out = [("_ga", f"GA1.1.{cid}")]
    if rng.random() < 0.6:
        out.append((f"_ga_{chars(rng, string.ascii_uppercase + string.digits, 10)}",
                    f"GS1.1.{timestamp(rng)}.{rng.randint(1, 40)}.{rng.randint(0, 1)}.{timestamp(rng)}.0.0.0"))
    if rng.random() < 0.5:
        out.append(("_gid", f"GA1.2.{rng.randint(100_000_000, 2_147_483_647)}.{timestamp(rng)}"))
    if rng.random() < 0.3:
        out.append(("_gcl_au", f"1.1.{rng.randint(100_000_000, 2_147_483_647)}.{timestamp(rng)}"))
    return out


def meta_pixel(rng: random.Random) -> list[tuple[str, str]]:
    return [("_fbp", f"fb.1.{timestamp(rng)}{rng.randint(100, 999)}.{rng.randint(100_000_000, 2_147_483_647)}")]


def cloudflare(rng: random.Random) -> list[tuple[str, str]]:
    out = [("__cf_bm", f"{chars(rng, ALNUM + '_.', 43)}-{timestamp(rng)}-1.0.1.1-"
                       f"{chars(rng, ALNUM + '_.', 86)}")]
    if rng.random() < 0.3:
        out.append(("cf_clearance", f"{chars(rng, ALNUM + '_.', 43)}-{timestamp(rng)}-1.2.1.1-{chars(rng, ALNUM + '_.', 160)}"))
    return out


def consent(rng: random.Random) -> list[tuple[str, str]]:
    r = rng.random()
    if r < 0.4:
        groups = ",".join(f"C000{i}%3A{rng.randint(0, 1) if i > 1 else 1}" for i in range(1, 5))
        value = (f"isGpcEnabled=0&datestamp=Fri+Mar+{rng.randint(10, 28)}+2024+{rng.randint(8, 22)}%3A{rng.randint(10, 59)}%3A{rng.randint(10, 59)}"
                 f"+GMT%2B0100+(Central+European+Standard+Time)&version=202402.1.0&browserGpcFlag=0&isIABGlobal=false"
                 f"&hosts=&consentId={uuid4(rng)}&interactionCount=1&isAnonUser=1&landingPath=NotLandingPage"
                 f"&groups={groups}&AwaitingReconsent=false")
        return [("OptanonAlertBoxClosed", "2024-03-0" + str(rng.randint(1, 9)) + "T10:12:44.512Z"), ("OptanonConsent", value)]
    if r < 0.7:
        consent_id = b64(random_bytes(rng, 24))[:32]
        functional, analytics, performance, ads = (rng.choice(["yes", "no"]) for _ in range(4))
        return [("cookieyes-consent", f"consentid:{consent_id},consent:yes,action:yes,necessary:yes,"
                                      f"functional:{functional},analytics:{analytics},performance:{performance},advertisement:{ads}")]
    return [("cookie_consent", rng.choice(["accepted", "necessary", "all", "%7B%22analytics%22%3Atrue%7D"]))]


def segment(rng: random.Random) -> list[tuple[str, str]]:
    out = [("ajs_anonymous_id", quote(json.dumps(uuid4(rng))))]  # a JSON string, URL-encoded: %22...%22
    if rng.random() < 0.4:
        out.append(("ajs_user_id", quote(json.dumps(str(rng.randint(1000, 99999))))))
    return out


def hotjar(rng: random.Random) -> list[tuple[str, str]]:
    data = {"id": uuid4(rng), "created": timestamp(rng) * 1000, "existing": rng.random() < 0.5}
    return [(f"_hjSessionUser_{rng.randint(1_000_000, 3_999_999)}", b64(json.dumps(data, separators=(",", ":")).encode()))]


def amplitude(rng: random.Random) -> list[tuple[str, str]]:
    data = {"deviceId": uuid4(rng), "sessionId": timestamp(rng) * 1000, "optOut": False,
            "lastEventTime": timestamp(rng) * 1000, "lastEventId": rng.randint(1, 300)}
    return [(f"AMP_{hexstr(rng, 10)}", b64(quote(json.dumps(data, separators=(",", ":"))).encode()))]


def hubspot(rng: random.Random) -> list[tuple[str, str]]:
    t = timestamp(rng) * 1000
    return [("hubspotutk", hexstr(rng, 32)), ("__hstc", f"{rng.randint(10**8, 10**9)}.{hexstr(rng, 32)}.{t}.{t}.{t}.1"),
            ("__hssrc", "1")]


def stripe(rng: random.Random) -> list[tuple[str, str]]:
    return [("__stripe_mid", uuid4(rng) + hexstr(rng, 6)), ("__stripe_sid", uuid4(rng) + hexstr(rng, 6))]


def preferences(rng: random.Random) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if rng.random() < 0.5:
        out.append(("theme", rng.choice(["dark", "light", "system"])))
    if rng.random() < 0.4:
        out.append((rng.choice(["locale", "lang", "django_language", "NEXT_LOCALE"]), text.pick(rng, vocab.LANGUAGES)))
    if rng.random() < 0.2:
        out.append(("recently_viewed", quote(",".join(str(rng.randint(1000, 99999)) for _ in range(rng.randint(1, 6))))))
    if rng.random() < 0.15:
        out.append(("cart", f"{hexstr(rng, 32)}%3Fkey%3D{hexstr(rng, 32)}"))
    return out


# Session cookies of the framework a site runs on.

def django_session(rng: random.Random) -> list[tuple[str, str]]:
    return [("csrftoken", chars(rng, ALNUM, 32)), ("sessionid", chars(rng, LOWER_ALNUM, 32))]


def rails_session(rng: random.Random) -> list[tuple[str, str]]:
    blob = b64(random_bytes(rng, rng.randint(120, 420)))
    value = f"{blob}--{b64(random_bytes(rng, 12))}--{b64(random_bytes(rng, 16))}"
    return [(f"_{rng.choice(['shop', 'app', 'store', 'forum'])}_session", quote(value, safe=""))]


def laravel_session(rng: random.Random) -> list[tuple[str, str]]:
    def sealed() -> str:
        data = {"iv": b64(random_bytes(rng, 16)), "value": b64(random_bytes(rng, 144)),
                "mac": hexstr(rng, 64), "tag": ""}
        return quote(b64(json.dumps(data, separators=(",", ":")).encode()), safe="")
    return [("XSRF-TOKEN", sealed()), (f"{rng.choice(['laravel', 'shop', 'app'])}_session", sealed())]


def express_session(rng: random.Random) -> list[tuple[str, str]]:
    return [("connect.sid", quote(f"s:{chars(rng, ALNUM + '-_', 32)}.{b64(random_bytes(rng, 32)).rstrip('=')}", safe=""))]


def next_auth(rng: random.Random) -> list[tuple[str, str]]:
    return [("__Host-next-auth.csrf-token", f"{hexstr(rng, 64)}%7C{hexstr(rng, 64)}"),
            ("__Secure-next-auth.callback-url", quote("https://app.example.com/dashboard", safe="")),
            ("__Secure-next-auth.session-token", ".".join([b64url(b'{"alg":"dir","enc":"A256GCM"}'), "",
                                                           b64url(random_bytes(rng, 12)), b64url(random_bytes(rng, 400)),
                                                           b64url(random_bytes(rng, 16))]))]


def php_session(rng: random.Random) -> list[tuple[str, str]]:
    return [("PHPSESSID", chars(rng, LOWER_ALNUM, 26))]


def java_session(rng: random.Random) -> list[tuple[str, str]]:
    return [("JSESSIONID", chars(rng, "0123456789ABCDEF", 32) + rng.choice(["", ".node1", ".worker2"]))]


def aspnet_session(rng: random.Random) -> list[tuple[str, str]]:
    return [(f".AspNetCore.Antiforgery.{chars(rng, ALNUM, 11)}", "CfDJ8" + chars(rng, ALNUM + "-_", 150)),
            (".AspNetCore.Cookies", "CfDJ8" + chars(rng, ALNUM + "-_", 400)),
            ("ARRAffinity", hexstr(rng, 64))]


def wordpress_session(rng: random.Random) -> list[tuple[str, str]]:
    user = rng.choice(["mary", "obrien", "zoe.dangelo", "editor", "admin"])
    t = timestamp(rng)
    return [(f"wordpress_logged_in_{hexstr(rng, 32)}", f"{user}%7C{t}%7C{chars(rng, ALNUM, 43)}%7C{hexstr(rng, 64)}"),
            ("wp-settings-time-1", str(t)), ("wp-settings-1", "libraryContent%3Dbrowse%26editor%3Dtinymce")]


def jwt_cookie(rng: random.Random) -> list[tuple[str, str]]:
    return [(rng.choice(["token", "jwt", "access_token", "id_token"]), jwt(rng))]


SESSIONS = [django_session, rails_session, laravel_session, express_session, next_auth, php_session,
            java_session, aspnet_session, wordpress_session, jwt_cookie]


def cookie_jar(rng: random.Random, session: bool = True) -> list[tuple[str, str]]:
    """The cookies a returning browser sends one site: its framework's
    session cookie, consent, analytics and CDN cookies, preferences."""
    jar: list[tuple[str, str]] = []
    if session:
        jar += rng.choice(SESSIONS)(rng)
    for maker, share in ((ga, 0.7), (consent, 0.45), (cloudflare, 0.35), (meta_pixel, 0.3), (segment, 0.2),
                         (hotjar, 0.15), (amplitude, 0.1), (hubspot, 0.15), (stripe, 0.15), (preferences, 0.6)):
        if rng.random() < share:
            jar += maker(rng)
    rng.shuffle(jar)
    return jar


def cookie_header(jar: list[tuple[str, str]]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar)


def csrf_field(rng: random.Random) -> tuple[str, str]:
    """The hidden CSRF field of a server-rendered form, by framework."""
    return rng.choice([
        ("csrfmiddlewaretoken", chars(rng, ALNUM, 64)),
        ("authenticity_token", b64(random_bytes(rng, 64))),
        ("_token", chars(rng, ALNUM, 40)),
        ("__RequestVerificationToken", "CfDJ8" + chars(rng, ALNUM + "-_", 150)),
        ("_csrf", chars(rng, ALNUM + "-_", 36)),
        ("form_key", chars(rng, ALNUM, 16)),
    ])


def state_param(rng: random.Random) -> str:
    """An OAuth state or a return-to parameter that packs JSON in base64url."""
    data = {"returnTo": rng.choice(["/account?tab=billing", "/checkout/step/2", "/", "/docs/getting-started#install"]),
            "nonce": chars(rng, ALNUM, 22), "ts": timestamp(rng)}
    return b64url(json.dumps(data, separators=(",", ":")).encode())
