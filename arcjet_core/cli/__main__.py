"""``python -m arcjet_core.cli``."""

import sys

from arcjet_core.cli import main

sys.exit(main())
