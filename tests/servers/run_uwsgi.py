"""``python -m tests.servers.run_uwsgi ARGS``: uWSGI from the pyuwsgi wheel
(what its ``uwsgi`` console script does), runnable with ``python -m``."""

import sys

from pyuwsgi import run

if __name__ == "__main__":
    sys.argv[0] = "uwsgi"
    sys.exit(run())
