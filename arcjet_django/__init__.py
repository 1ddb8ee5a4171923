"""Arcjet for Django.

- ``arcjet_django.middleware.ArcjetMiddleware`` in ``settings.MIDDLEWARE``,
  configured by ``settings.ARCJET`` (see ``arcjet_django.conf``);
- ``arcjet_django.decorators.arcjet_protect`` for per-view rules;
- ``arcjet_django.throttling.ArcjetThrottle`` for Django REST framework;
- ``"arcjet_django"`` in ``INSTALLED_APPS`` adds system checks for ARCJET.

The decision is ``request.arcjet_decision``.
"""

from arcjet_django.decorators import arcjet_protect

__all__ = ["arcjet_protect"]
