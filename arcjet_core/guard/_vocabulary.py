"""``security_metadata``: the reference's shared key names for describing an action."""

from __future__ import annotations

from arcjet_core.metadata import Metadata


def security_metadata(
    *,
    user: str | None = None,
    agent: str | None = None,
    workflow: str | None = None,
    data_class: str | None = None,
    destination: str | None = None,
    reversibility: str | None = None,
    resource: str | None = None,
) -> Metadata:
    """A metadata mapping of the fields given (None fields are left out).

    Keys as the reference spells them, so logs read the same across SDKs:
    ``data_class`` is written ``"data-class"``. Metadata is stored as is: no
    secrets or PII.
    """
    fields = (
        ("user", user),
        ("agent", agent),
        ("workflow", workflow),
        ("data-class", data_class),
        ("destination", destination),
        ("reversibility", reversibility),
        ("resource", resource),
    )
    return {key: value for key, value in fields if value is not None}
