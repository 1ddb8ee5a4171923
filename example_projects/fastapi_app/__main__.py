"""python -m example_projects.fastapi_app  (from the repository root)"""

import os

import uvicorn

# Local run: accept loopback client IPs. Leave ARCJET_ENV unset in production.
os.environ.setdefault("ARCJET_ENV", "development")
uvicorn.run(
    "example_projects.fastapi_app.main:app",
    host=os.environ.get("HOST", "127.0.0.1"),
    port=int(os.environ.get("PORT", "8000")),
    workers=int(os.environ.get("WEB_CONCURRENCY", "1")),
)
