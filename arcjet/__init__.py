"""Drop-in module name: code written for the Arcjet Python SDK imports from here."""

from arcjet_core import *  # noqa: F403
from arcjet_core import __all__ as __all__
