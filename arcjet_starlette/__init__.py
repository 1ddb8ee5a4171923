"""Arcjet for Starlette and FastAPI.

- ``ArcjetMiddleware``: a pure ASGI middleware running the client's rules on
  every request (``app.add_middleware(ArcjetMiddleware, client=aj)``).
- ``ArcjetDependency``: per-route rules as a FastAPI dependency.

The decision is on ``request.state.arcjet_decision``.
"""

from arcjet_starlette.dependency import ArcjetDenied, ArcjetDependency, arcjet_denied_handler
from arcjet_starlette.middleware import ArcjetMiddleware

__all__ = ["ArcjetDenied", "ArcjetDependency", "ArcjetMiddleware", "arcjet_denied_handler"]
