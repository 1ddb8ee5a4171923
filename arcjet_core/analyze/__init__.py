"""The Wasm analyzer bridge.

One call per protect() evaluates every content rule the analyzer knows (bot
detection, email syntax, shield): ``Ruleset.analyze``, pure and synchronous.
Verifying a claimed crawler by DNS is a separate step: ``dns_candidates``
says what to verify, a ``DnsVerifier`` (sync or async) gives the verdicts,
``apply_dns`` folds each into the output.

The module is compiled once per process (cached on disk), instantiated once
per thread, configured once per client and thread.
"""

from ._dns import DnsVerifier, Verdict, apply_dns, client_verifier, default_verifier, dns_candidates
from ._ruleset import AnalyzeOutput, RuleOutcome, Ruleset

__all__ = [
    "AnalyzeOutput",
    "DnsVerifier",
    "RuleOutcome",
    "Ruleset",
    "Verdict",
    "apply_dns",
    "client_verifier",
    "default_verifier",
    "dns_candidates",
]
