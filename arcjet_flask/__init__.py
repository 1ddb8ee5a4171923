"""Arcjet for Flask: ``Arcjet(app)`` / ``init_app``, ``@aj.protect(...)``, ``@aj.exempt``.

The decision of the current request is ``flask.g.arcjet_decision``.
"""

from arcjet_flask.extension import Arcjet

__all__ = ["Arcjet"]
