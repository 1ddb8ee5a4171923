"""Rules that `arcjet check-ip --rules tests.cli.rules_fixture:RULES` loads."""

from arcjet_core import Mode, filter_request, fixed_window, shield

RULES = [
    shield(mode=Mode.LIVE),
    filter_request(mode=Mode.LIVE, deny=['ip.src in { 198.51.100.0/24 }']),
    filter_request(mode=Mode.DRY_RUN, deny=['ip.src.country == "US"']),
    fixed_window(mode=Mode.LIVE, max=10, window=60),
]
ARCJET = {"KEY": "site", "RULES": RULES[:2]}
