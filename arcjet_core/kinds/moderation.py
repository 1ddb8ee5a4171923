"""Content moderation for Guard's ``ModerateContent``: the analyzer scores a
text with the compiled-in moderation model (``wasm/prompt``, its second
model: the prompt classifier's de-obfuscation and hashed word and character
n-grams, its own weights, trained by ``tools/moderation``). It flags
harassment, hate, threats, sexual content, self-harm encouragement and
abusive profanity.
"""

from __future__ import annotations

from dataclasses import dataclass

from arcjet_core.errors import ArcjetAnalyzerError

from ._base import AnalyzerPart
from ._standalone import standalone_outcome

# The classifier reads at most this many characters, so one call stays well
# inside the analyzer's deadline. moderate_text() judges a longer text on
# this prefix; Guard's ModerateContent refuses it instead (an ERROR result),
# as the prompt-injection rules do.
MAX_TEXT_CHARS = 64 << 10

_PART = AnalyzerPart(0, {"kind": "MODERATE_CONTENT", "index": 0}, prompt_bytes=0, prompt_chars=MAX_TEXT_CHARS)


@dataclass(frozen=True)
class ModerationVerdict:
    detected: bool
    score: float


def moderate_text(text: str) -> ModerationVerdict:
    """The moderation verdict for ``text``. Never raises for any text (a longer
    one is judged on its first 64 Ki characters); raises ArcjetError (an
    ``ArcjetAnalyzerError``) only when the analyzer itself fails."""
    outcome = standalone_outcome(_PART, prompt=text[:MAX_TEXT_CHARS])
    if outcome.conclusion == "ERROR":
        raise ArcjetAnalyzerError(str(outcome.reason.get("message", "analyzer could not moderate the text")))
    score = outcome.reason.get("score")
    return ModerationVerdict(bool(outcome.reason.get("detected")),
                             float(score) if isinstance(score, (int, float)) else 0.0)
