"""python -m example_projects.signup [demo]  (from the repository root)

Without an argument: serve the app on http://127.0.0.1:8000.
With ``demo``: post a few sample addresses to it in-process and print what
each got. Lookups use the system resolver (or ARCJET_DNS_SERVERS): offline,
NO_MX_RECORDS cannot be decided and those rows show the rule's ERROR.
"""

import os
import sys

# Local run: accept loopback client IPs. Leave ARCJET_ENV unset in production.
os.environ.setdefault("ARCJET_ENV", "development")

SAMPLES = [
    "ada@example.org",  # deliverable, not on a list
    "ada@gmail.com",  # FREE: accepted, reported
    "ada@mailinator.com",  # DISPOSABLE
    "ada@sub.guerrillamail.com",  # DISPOSABLE, by its parent domain
    "ada@nothing-here.invalid",  # NO_MX_RECORDS (.invalid never resolves, RFC 6761)
    "ada@",  # INVALID
]


def demo() -> None:
    from starlette.testclient import TestClient

    from example_projects.signup.app import create_app

    browser = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
    with TestClient(create_app(), client=("8.8.8.8", 50000)) as client:
        for address in SAMPLES:
            response = client.post("/signup", json={"email": address}, headers={"user-agent": browser})
            body = response.json()
            print(f"{address:28} {response.status_code}  {body.get('email_types')}  "
                  f"{body.get('error') or '; '.join(body.get('notes', []))}  {'; '.join(body.get('errors', []))}")


if sys.argv[1:] == ["demo"]:
    demo()
else:
    import uvicorn

    uvicorn.run("example_projects.signup.app:create_app", factory=True,
                host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")))
