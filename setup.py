"""The one compiled part: the decision log's line builder hot path (C).

Everything else is in pyproject.toml. The extension is optional: without a
C compiler the install still succeeds and the decision log builds its lines
in Python (arcjet_core/decision_log/_line.py): the same bytes, ~2-7 µs more
a request on the 2-core VM (benchmarks/decision_log.py shows both).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "arcjet_core.decision_log._cline",
            ["arcjet_core/decision_log/_cline.c"],
            optional=True,
        ),
    ],
)
