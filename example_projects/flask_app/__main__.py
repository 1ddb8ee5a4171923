"""python -m example_projects.flask_app  (from the repository root)"""

import os

# Local run: accept loopback client IPs. Leave ARCJET_ENV unset in production.
os.environ.setdefault("ARCJET_ENV", "development")

from example_projects.flask_app.app import app  # after ARCJET_ENV is set

app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
