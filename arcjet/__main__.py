"""``python -m arcjet``: the ``arcjet`` command line."""

import sys

from arcjet_core.cli import main

sys.exit(main())
