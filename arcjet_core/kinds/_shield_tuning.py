"""Shield's OWASP CRS tuning: which rules run, and which request parts a rule
skips. The CRS idioms, as keyword arguments:

- ``disabled_rules`` is ``SecRuleRemoveById`` / ``SecRuleRemoveByTag``: ids
  (``942100``), inclusive id ranges (``"942100-942199"``) or tags
  (``"attack-xss"``, ``"paranoia-level/2"``);
- ``exclusions`` is ``ctl:ruleRemoveTargetById``: a request part (``ARGS:body``)
  left out of some rules, for the rich-text field every real app has;
- ``crs_settings`` is crs-setup.conf's ``setvar:tx.<name>=<value>`` for the
  settings an application tunes (allowed methods and content types, argument
  limits, restricted extensions and headers);
- ``second_opinion`` names rules whose matches shield's own detectors must
  confirm (``ShieldSecondOpinion``). An application's entry replaces shield's
  default second opinion (DEFAULT_SECOND_OPINION) for the rules it names: the
  analyzer lets the last entry that names a rule decide, and the
  application's come after the defaults.

Everything is checked when the rule is made, naming the parameter; the
analyzer checks once more against the compiled rule set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from arcjet_core.errors import ArcjetMisconfiguration

# Request parts an exclusion can name (ModSecurity's variable names).
EXCLUDABLE = frozenset({
    "ARGS", "ARGS_GET", "ARGS_POST", "ARGS_NAMES", "ARGS_GET_NAMES", "ARGS_POST_NAMES",
    "REQUEST_COOKIES", "REQUEST_COOKIES_NAMES", "REQUEST_HEADERS", "REQUEST_HEADERS_NAMES",
    "FILES", "FILES_NAMES", "XML", "REQUEST_BODY", "REQUEST_FILENAME", "REQUEST_BASENAME",
    "REQUEST_URI", "REQUEST_URI_RAW", "REQUEST_LINE", "QUERY_STRING",
})
# CRS rule ids are six digits (900000-999999).
_ID_RANGE = re.compile(r"^\s*(\d{6})\s*-\s*(\d{6})\s*$")
_TAG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]*$")

IdRange = tuple[int, int]

# crs-setup.conf settings shield accepts, with the kind of value each takes.
# Left out on purpose: the paranoia level and anomaly threshold (their own
# parameters), sampling_percentage (it switches the rules off for a share of
# requests), early_blocking and the response settings (no meaning here),
# enable_default_collections (persistent collections: shield's per-client
# state is its suspicion in storage).
CRS_SETTINGS: dict[str, str] = {
    "allowed_methods": "words",
    "allowed_request_content_type": "words",
    "allowed_request_content_type_charset": "words",
    "allowed_http_versions": "words",
    "restricted_extensions": "words",
    "restricted_headers_basic": "words",
    "restricted_headers_extended": "words",
    "max_num_args": "count",
    "arg_name_length": "count",
    "arg_length": "count",
    "total_arg_length": "count",
    "max_file_size": "count",
    "combined_file_sizes": "count",
    "critical_anomaly_score": "count",
    "error_anomaly_score": "count",
    "warning_anomaly_score": "count",
    "notice_anomaly_score": "count",
    "crs_validate_utf8_encoding": "flag",
    "enforce_bodyproc_urlencoded": "flag",
    "allow_method_override_parameter": "flag",
}


@dataclass(frozen=True, slots=True)
class ShieldExclusion:
    """Leave ``target`` out of ``rules`` (every rule when empty).

    ``target`` is ``"ARGS:comment"``, ``"ARGS:/^body_/"`` (a regex on the
    name), ``"REQUEST_COOKIES:session"``, ``"REQUEST_HEADERS:Referer"`` or a
    whole part such as ``"REQUEST_COOKIES"``. ``rules`` takes what
    ``disabled_rules`` takes: ids, ``"942100-942199"`` ranges and tags.
    Shield's own detectors honour it too (``detector_categories``): every
    detector when ``rules`` is empty, and the detector an attack tag stands
    for (``"attack-sqli"``: SQL injection); ids name CRS rules only.
    """

    target: str
    rules: tuple[int | str, ...] = ()


@dataclass(frozen=True, slots=True)
class ShieldSecondOpinion:
    """A match of one of ``rules`` on a value counts only when shield's own
    detectors also find, in that value as the rule transformed it, an attack
    of one of ``categories`` (``"SQL_INJECTION"``, ``"XSS"``,
    ``"COMMAND_INJECTION"``, ...) at ``min_severity`` or above: ``"LOW"``
    (any finding, the default), ``"MEDIUM"`` or ``"HIGH"``.

    ``rules`` takes what ``disabled_rules`` takes: ids, ``"942100-942199"``
    ranges and tags. An entry replaces shield's default second opinion for
    the rules it names (and any earlier entry of yours that names them): it
    never adds to it, so ``min_severity`` is the one that applies.
    """

    rules: tuple[int | str, ...]
    categories: tuple[str, ...]
    min_severity: str = "LOW"


@dataclass(frozen=True, slots=True)
class RuleSelection:
    """Ids and tags, split and checked: what the analyzer is sent."""

    ids: tuple[IdRange, ...] = ()
    tags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"ids": [list(r) for r in self.ids], "tags": list(self.tags)}


def rule_selection(items: object, param: str) -> RuleSelection:
    """Ids, ``"lo-hi"`` ranges and tags, checked."""
    if isinstance(items, (str, int)) or not isinstance(items, Sequence):
        raise TypeError(f"{param} must be a sequence of rule ids, 'lo-hi' ranges or tags, got {items!r}")
    ids: list[IdRange] = []
    tags: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (int, str)):
            raise TypeError(f"{param} entries must be rule ids (int), 'lo-hi' ranges or tags (str), got {item!r}")
        if isinstance(item, int):
            if not 900000 <= item <= 999999:
                raise ArcjetMisconfiguration(f"{param}: {item} is not a CRS rule id (900000-999999)")
            ids.append((item, item))
            continue
        text = item.strip()
        if text.isdigit():
            raise ArcjetMisconfiguration(f"{param}: rule ids are ints, got the string {item!r}")
        span = _ID_RANGE.match(text)
        if span:
            lo, hi = int(span.group(1)), int(span.group(2))
            if lo > hi:
                raise ArcjetMisconfiguration(f"{param}: range {item!r} ends before it starts")
            ids.append((lo, hi))
        elif _TAG.match(text):
            tags.append(text)
        else:
            raise ArcjetMisconfiguration(f"{param}: {item!r} is neither a rule id, a 'lo-hi' range nor a tag")
    return RuleSelection(tuple(sorted(set(ids))), tuple(sorted(set(tags))))


def check_target(target: object, param: str) -> str:
    """``VAR`` or ``VAR:name`` or ``VAR:/regex/`` with VAR a part we can exclude."""
    if not isinstance(target, str):
        raise TypeError(f"{param} target must be a str such as 'ARGS:comment', got {target!r}")
    name, sep, key = target.strip().partition(":")
    if name.upper() not in EXCLUDABLE:
        known = ", ".join(sorted(EXCLUDABLE))
        raise ArcjetMisconfiguration(f"{param}: {target!r} names no request part we can exclude ({known})")
    if sep and not key:
        raise ArcjetMisconfiguration(f"{param}: {target!r} has an empty name after ':'")
    if len(key) >= 2 and key.startswith("/") and key.endswith("/"):
        try:
            re.compile(key[1:-1])
        except re.error as exc:
            raise ArcjetMisconfiguration(f"{param}: {target!r} has an invalid regex: {exc}") from None
    return f"{name.upper()}{sep}{key}"


def exclusions_of(value: object, param: str = "exclusions") -> tuple[ShieldExclusion, ...]:
    """``[ShieldExclusion(...), ...]`` or ``{"ARGS:body": ["attack-xss"], ...}``, checked."""
    if isinstance(value, Mapping):
        value = [ShieldExclusion(str(k), tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in value.items()]
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{param} must be a sequence of ShieldExclusion or a mapping of target to rules, got {value!r}")
    out: list[ShieldExclusion] = []
    for item in value:
        if not isinstance(item, ShieldExclusion):
            raise TypeError(f"{param} entries must be ShieldExclusion, got {item!r}")
        rule_selection(item.rules, f"{param}[{item.target!r}].rules")
        out.append(ShieldExclusion(check_target(item.target, param), tuple(item.rules)))
    return tuple(out)


def exclusions_json(exclusions: Sequence[ShieldExclusion]) -> list[dict[str, object]]:
    """What the analyzer's SHIELD configuration takes."""
    return [{"target": e.target, **rule_selection(e.rules, "exclusions").to_json()} for e in exclusions]


# Exclusions reach shield's own detectors too, so that leaving a field out of
# "attack-sqli" leaves it out of SQL injection detection, not only out of the
# CRS's 942 rules: an exclusion without rules leaves the target out of every
# detector, and a CRS tag below out of the detector for the same attack. Ids
# and ranges name CRS rules only. Our detectors read these parts by name
# (wasm/shield/src/exclude.rs); the others (REQUEST_URI, XML, ...) only the CRS.
TAG_CATEGORIES: dict[str, str] = {
    "attack-sqli": "SQL_INJECTION", "attack-xss": "XSS", "attack-lfi": "PATH_TRAVERSAL",
    "attack-rfi": "FILE_INCLUSION_REMOTE", "attack-rce": "COMMAND_INJECTION", "attack-injection-php": "PHP_INJECTION",
    "attack-injection-java": "JAVA_INJECTION", "attack-ssti": "TEMPLATE_INJECTION", "attack-ssrf": "SSRF",
}
DETECTOR_PARTS = frozenset({
    "ARGS", "ARGS_GET", "ARGS_POST", "ARGS_NAMES", "ARGS_GET_NAMES", "ARGS_POST_NAMES", "REQUEST_COOKIES",
    "REQUEST_HEADERS", "FILES",
})


def detector_categories(exclusion: ShieldExclusion) -> tuple[str, ...]:
    """The categories of our detectors ``exclusion`` leaves its target out of."""
    if exclusion.target.partition(":")[0] not in DETECTOR_PARTS:
        return ()
    if not exclusion.rules:
        return tuple(sorted(SECOND_OPINION_CATEGORIES))
    tags = rule_selection(exclusion.rules, "exclusions").tags
    return tuple(sorted({TAG_CATEGORIES[t] for t in tags if t in TAG_CATEGORIES}))


def detector_exclusions_json(exclusions: Sequence[ShieldExclusion]) -> list[dict[str, object]]:
    """The exclusions as our detectors take them: a target and its categories."""
    return [{"target": e.target, "categories": list(cats)} for e in exclusions if (cats := detector_categories(e))]


def check_detector_exclusions(exclusions: Sequence[ShieldExclusion], param: str = "exclusions") -> None:
    """Without the CRS, every exclusion must reach our detectors: one that
    only names CRS rules would be silently ignored."""
    for e in exclusions:
        if not detector_categories(e):
            raise ArcjetMisconfiguration(
                f"{param}[{e.target!r}] tunes only the OWASP CRS, which runs only when paranoia_level (1-4) is "
                f"given: shield's detectors read {', '.join(sorted(DETECTOR_PARTS))} and take no rules (every "
                f"detector) or the tags {', '.join(sorted(TAG_CATEGORIES))}")


# Where shield's defaults differ from crs-setup.conf's, and why. Inside an
# application the framework already answers a method no route takes (405),
# and REST APIs live on PUT, PATCH and DELETE, which CRS's default list
# (GET HEAD POST OPTIONS) denies outright. The content types add, to CRS's
# list, bodies browsers and API clients send every day: text/plain
# (navigator.sendBeacon), CSP and Reporting API reports, JSON:API, JSON Patch
# and JSON Merge Patch (RFC 6902, RFC 7396: how REST APIs take PATCH), raw
# uploads. Bodies shield cannot parse into arguments are still read whole by
# our own detectors (text) or not at all (octet-stream uploads).
DEFAULT_CRS_SETTINGS: dict[str, str] = {
    "allowed_methods": "GET HEAD POST OPTIONS PUT PATCH DELETE",
    "allowed_request_content_type": (
        "|application/x-www-form-urlencoded| |multipart/form-data| |text/xml| |application/xml| "
        "|application/soap+xml| |application/json| |text/plain| |application/octet-stream| "
        "|application/csp-report| |application/reports+json| |application/vnd.api+json| "
        "|application/json-patch+json| |application/merge-patch+json|"
    ),
}


# Shield's own detectors' categories: what a second opinion can ask for.
SECOND_OPINION_CATEGORIES = frozenset({
    "SQL_INJECTION", "XSS", "PATH_TRAVERSAL", "FILE_INCLUSION_REMOTE", "COMMAND_INJECTION", "PHP_INJECTION",
    "JAVA_INJECTION", "TEMPLATE_INJECTION", "SSRF",
})

# The least severity a second opinion can ask for, least first.
SEVERITIES = ("LOW", "MEDIUM", "HIGH")

# The CRS's noisiest generic rules, confirmed by our own detectors
# (``crs_tuning=True``, the default). Each
# fired on benign requests of the tune side of our benign corpora
# (tests/shield/corpus.py, benchmarks/shield_fp.py) and in ModSecurity on the
# same requests, so these are the CRS's own false positives, not our engine's:
#
# - 942190, 942270, 942350, 942360: SQL keywords in prose ("select a pickup
#   point", "126 Select Road", "union team will select", "; delete unused
#   fixtures", a GraphQL `user(`). Confirmed at HIGH: our tokenizer gives a
#   quoted SQL word in prose ("'select a pickup point'") a Medium, as it
#   does the start of an injection, and only a High tells them apart. At
#   HIGH our detectors deny the request on their own, so these four rules
#   add no detection of their own any more: on the tune side of the
#   attack sets, disabling them outright lost no SQL injection;
# - 932230, 932235, 932250, 932370: Unix and Windows command words in prose
#   ("time zones", "Join us", "Sleep well", "Print it") and GraphQL
#   (`{ node`), confirmed at any severity by our command scanner, which
#   finds a command only with shell syntax around it. It misses a prose
#   word after a separator with no shell argument (`; echo vulnerable`,
#   `\nping -c 3 127.0.0.1`): 6 of the 105 command-injection requests of
#   the tune side that the CRS as shipped denied;
# - 920120: `'`, `"`, `;` or `=` in an upload's file name ("O'Connor &
#   Sons.docx"): a concern only as the carrier of an injection, which our
#   detectors look for in the name;
# - 941370: a JavaScript global object's name followed, anywhere later in the
#   value, by `)` or `[` and then a `]` ("docs](https://example.com/#top) and
#   ![screenshot](...)", the markdown of every post with an image after a
#   link to a page's top), confirmed by our XSS detector, which reads the
#   attack's own shape: the global's property reached by a computed name or
#   through a comment (`top["al"+"ert"]`, `(document)["cookie"]`,
#   `document /*x*/ . cookie`; `xss.global_access`). Every 941370 test of the
#   CRS's regression set is still denied.
#
# An application's ``second_opinion`` entry for one of these rules replaces
# its entry here (see ShieldSecondOpinion).
DEFAULT_SECOND_OPINION: tuple[ShieldSecondOpinion, ...] = (
    ShieldSecondOpinion((942190, 942270, 942350, 942360), ("SQL_INJECTION",), "HIGH"),
    ShieldSecondOpinion((932230, 932235, 932250, 932370), ("COMMAND_INJECTION",), "LOW"),
    ShieldSecondOpinion((920120,), ("SQL_INJECTION", "XSS", "COMMAND_INJECTION", "PATH_TRAVERSAL"), "LOW"),
    ShieldSecondOpinion((941370,), ("XSS",), "LOW"),
)

# Targets left out of one rule by default (``crs_tuning=True``), for benign
# shapes every deployment of a protocol sees, in the CRS's own idiom
# (ctl:ruleRemoveTargetById). Each rule keeps running on everything else,
# and our own detectors and the CRS's other rules still read these values.
#
# 930120 (sensitive OS and application file names: package.json, .htaccess,
# /tmp/); 930100/930110 (traversal) still read:
# - a GitHub push event's file lists (`commits[].added/removed/modified[]`):
#   repository paths, `package.json` among the most common;
# - signed or encrypted session cookies named `*_session` (Rails, Laravel):
#   base64 blobs in which `/tmp/` and the like turn up by chance.
#
# OData (Microsoft Graph, SharePoint, Dynamics, SAP) query options:
# - 942290 (MongoDB operators, `$ne`, `$where`, `$filter`, `$count`) on the
#   OData system options' names (`$filter`, `$top`, `$count`, ...), exact
#   names only: `user[$ne]` and `$where` are still read;
# - 942151 (SQL function names followed by `(`) on `$filter`'s value, an
#   expression language whose functions share SQL's names (`startswith(`,
#   `substring(`, `concat(`, `length(`); 942100 (our SQL injection engine)
#   and the other 942 rules still read it.
#
# 943120 (session fixation: a session id parameter in a request without a
# Referer) on a JSON body's generic `session_id` / `sessionId` key: fixation
# plants an id through a link or a cross-site form, and a browser cannot send
# a JSON body cross site without a CORS preflight, while an SDK's or an app's
# telemetry with that field and no Referer is every such request. The
# frameworks' own names (`jsessionid`, `phpsessid`, `laravel_session`, ...)
# are still read in JSON, and every name in a query or a form.
ODATA_SYSTEM_OPTIONS = (r"^\$(?:filter|select|expand|orderby|top|skip|count|search|format|apply|compute|skiptoken"
                        r"|deltatoken|levels|inlinecount)$")
# Rules of shield's own compiled beside the CRS that are part of its tuning,
# so ``crs_tuning=False`` (the CRS as it ships) turns them off. 903100
# (wasm/data/crs/rules/REQUEST-903-ARCJET-JSON-CONTENT-TYPES.conf) allows
# every ``application/*+json`` media type past 920420: the engine parses
# those bodies as JSON (ModSecurity's rule 200006), so every rule reads
# their members, as the CRS proposes upstream (coreruleset PR 4775).
# 904100/904101 (REQUEST-904-ARCJET-GRAPHQL.conf) leave a GraphQL document
# (``json.query`` or ``?query=`` starting with an operation keyword) out of
# 942290, whose MongoDB operators include the names GraphQL variables take
# (``$first``, ``$filter``, ``$sort``).
TUNING_RULE_IDS: tuple[int, ...] = (903100, 904100, 904101)

DEFAULT_EXCLUSIONS: tuple[ShieldExclusion, ...] = (
    ShieldExclusion(r"ARGS:/^json\.commits\.array_\d+\.(?:added|removed|modified)\.array_\d+$/", (930120,)),
    ShieldExclusion("REQUEST_COOKIES:/_session$/", (930120,)),
    ShieldExclusion(f"ARGS_NAMES:/{ODATA_SYSTEM_OPTIONS}/", (942290,)),
    ShieldExclusion(r"ARGS:/^\$filter$/", (942151,)),
    ShieldExclusion(r"ARGS_NAMES:/^json\.(?i:session[-_]?id)$/", (943120,)),
)


def second_opinion_of(value: object, param: str = "second_opinion") -> tuple[ShieldSecondOpinion, ...]:
    """``[ShieldSecondOpinion((942190,), ("SQL_INJECTION",), "HIGH"), ...]`` or
    ``{942190: ["SQL_INJECTION"], "932230-932250": ["COMMAND_INJECTION"]}`` (a
    finding of any severity confirms), checked, in the order given."""
    if isinstance(value, Mapping):
        return tuple(_second_opinion(ShieldSecondOpinion((rules,), categories), f"{param}[{rules!r}]", param)
                     for rules, categories in value.items())
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{param} must be a sequence of ShieldSecondOpinion or a mapping of rule ids, 'lo-hi' ranges "
                        f"or tags to categories, got {value!r}")
    out: list[ShieldSecondOpinion] = []
    for i, item in enumerate(value):
        if not isinstance(item, ShieldSecondOpinion):
            raise TypeError(f"{param} entries must be ShieldSecondOpinion, got {item!r}")
        out.append(_second_opinion(item, f"{param}[{i}]", f"{param}[{i}].rules"))
    return tuple(out)


def _second_opinion(entry: ShieldSecondOpinion, where: str, rules_param: str) -> ShieldSecondOpinion:
    """One entry, checked, with tuples for its sequences."""
    rules: object = entry.rules
    selection = rule_selection(rules, rules_param)
    if not selection.ids and not selection.tags:
        raise ArcjetMisconfiguration(f"{rules_param} names no rule")
    categories: object = entry.categories
    if isinstance(categories, str) or not isinstance(categories, Sequence) or not categories:
        raise ArcjetMisconfiguration(f"{where} must be a non-empty list of categories, got {categories!r}")
    # Without case, as mode, bot ids and email types are: "xss", "medium".
    names = [c.strip().upper() if isinstance(c, str) else c for c in categories]
    unknown = [c for c, name in zip(categories, names, strict=True) if name not in SECOND_OPINION_CATEGORIES]
    if unknown:
        known = ", ".join(sorted(SECOND_OPINION_CATEGORIES))
        raise ArcjetMisconfiguration(f"{where}: {unknown[0]!r} is not a shield category ({known})")
    severity: object = entry.min_severity
    if not isinstance(severity, str):
        raise TypeError(f"{where}.min_severity must be a str ({', '.join(SEVERITIES)}), got {severity!r}")
    if severity.strip().upper() not in SEVERITIES:
        raise ArcjetMisconfiguration(f"{where}.min_severity must be one of {', '.join(SEVERITIES)}, got {severity!r}")
    return ShieldSecondOpinion(tuple(entry.rules), tuple(names), severity.strip().upper())


def second_opinion_json(entries: Sequence[ShieldSecondOpinion]) -> list[dict[str, object]]:
    """What the analyzer's SHIELD configuration takes, in the order given:
    for a rule several entries name, the last one decides."""
    return [{**rule_selection(list(o.rules), "second_opinion").to_json(), "categories": list(o.categories),
             "min_severity": o.min_severity} for o in entries]


def crs_settings_of(value: object, param: str = "crs_settings") -> tuple[tuple[str, str], ...]:
    """``{"max_num_args": 255, "allowed_methods": "GET POST"}``, checked, over
    shield's defaults (DEFAULT_CRS_SETTINGS), as sorted (name, text) pairs."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{param} must be a mapping of CRS setting name to value, got {value!r}")
    out: dict[str, str] = dict(DEFAULT_CRS_SETTINGS)
    for name, setting in value.items():
        kind = CRS_SETTINGS.get(name) if isinstance(name, str) else None
        if kind is None:
            raise ArcjetMisconfiguration(f"{param}: {name!r} is not a CRS setting shield takes ({', '.join(CRS_SETTINGS)})")
        if kind == "words":
            if not isinstance(setting, str) or not setting.strip() or any(c in setting for c in "\0\r\n"):
                raise ArcjetMisconfiguration(f"{param}[{name!r}] must be a non-empty one-line str, got {setting!r}")
            out[name] = setting.strip()
        else:
            if isinstance(setting, bool) and kind == "flag":
                setting = int(setting)
            if isinstance(setting, bool) or not isinstance(setting, int) or setting < 0 or (kind == "flag" and setting > 1):
                want = "0 or 1 (or a bool)" if kind == "flag" else "a non-negative int"
                raise ArcjetMisconfiguration(f"{param}[{name!r}] must be {want}, got {setting!r}")
            out[name] = str(setting)
    return tuple(sorted(out.items()))
