"""The Wasm analyzer bridge.

One call per protect() evaluates every content rule the analyzer knows (bot
detection, email syntax, shield) and computes the fingerprints the engine asked for.
The module is compiled once per process (cached on disk), instantiated once
per thread, configured once per client and thread.
"""

from ._dns import DnsVerifier
from ._ruleset import AnalyzeOutput, RuleOutcome, Ruleset

__all__ = ["AnalyzeOutput", "DnsVerifier", "RuleOutcome", "Ruleset"]
