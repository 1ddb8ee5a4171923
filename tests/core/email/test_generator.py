"""tools/gen_email_domains.py: how it reads a package's list (without running
its code) and which entries it keeps. Fetching needs the network: not here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[3] / "tools" / "gen_email_domains.py"


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_email_domains", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


MODULE = '''
blocklist = {
    'mailinator.com',
    'Sub.Example.ORG.',
}
allowlist: set[str] = set()
locals()['tsilkcalb'[::-1]] = blocklist  # never run: the file is parsed, not imported
'''


def test_the_set_is_read_as_a_literal(gen: ModuleType) -> None:
    assert gen.set_literal(MODULE, "blocklist") == {"mailinator.com", "Sub.Example.ORG."}
    with pytest.raises(SystemExit, match="no module-level assignment"):
        gen.set_literal(MODULE, "whitelist")
    with pytest.raises(SystemExit, match="not a set of strings"):
        gen.set_literal("blocklist = {1, 2}", "blocklist")


@pytest.mark.parametrize(("raw", "kept"), [
    ("Sub.Example.ORG.", "sub.example.org"),
    (" münchen.de ", "xn--mnchen-3ya.de"),
    ("localhost", None),  # one label: a list entry must be a domain under a TLD
    ("bad domain.com", None),
    ("-x.com", None),
])
def test_normalise(gen: ModuleType, raw: str, kept: str | None) -> None:
    assert gen.normalise(raw) == kept


def test_sources_are_pinned(gen: ModuleType) -> None:
    for source in gen.SOURCES:
        assert len(source.sha256) == 64 and source.licence == "MIT"
        assert source.output in (TOOL.parents[1] / "arcjet_core" / "analyze" / "data" / "SOURCE.email-domains").read_text()
