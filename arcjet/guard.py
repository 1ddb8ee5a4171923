"""The reference SDK's ``arcjet.guard`` module."""

from arcjet_core.guard import *  # noqa: F403
from arcjet_core.guard import __all__ as __all__
