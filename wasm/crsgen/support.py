"""What the engine (`wasm/crs`) runs: the generator reports everything else.

These sets are the contract with the engine's own tables (its variable,
operator and transformation registries mirror them). A rule that needs
anything outside them is left out of the generated table and listed in
`docs/crs-unsupported.md`.
"""

from __future__ import annotations

# Directives the generator understands. SecComponentSignature only names the
# CRS version; SecDefaultAction must be CRS's own "phase:N,log,auditlog,pass"
# (the engine's built-in default: a rule logs, `block` means pass and score).
DIRECTIVES = frozenset(
    {
        "SecRule",
        "SecAction",
        "SecMarker",
        "SecComponentSignature",
        "SecDefaultAction",
        # Applied at build time to the rule it names.
        "SecRuleUpdateTargetById",
    }
)
IGNORED_DIRECTIVES = frozenset({"SecComponentSignature"})

# Request variables (scalars and collections), by ModSecurity name.
VARIABLES = frozenset(
    {
        "ARGS",
        "ARGS_COMBINED_SIZE",
        "ARGS_GET",
        "ARGS_GET_NAMES",
        "ARGS_NAMES",
        "ARGS_POST",
        "ARGS_POST_NAMES",
        "FILES",
        "FILES_COMBINED_SIZE",
        "FILES_NAMES",
        "FILES_SIZES",
        "MATCHED_VAR",
        "MATCHED_VARS",
        "MATCHED_VAR_NAME",
        "MATCHED_VARS_NAMES",
        "MULTIPART_PART_HEADERS",
        "MULTIPART_STRICT_ERROR",
        "MULTIPART_UNMATCHED_BOUNDARY",
        "QUERY_STRING",
        "REMOTE_ADDR",
        "REQBODY_ERROR",
        "REQBODY_ERROR_MSG",
        "REQBODY_PROCESSOR",
        "REQUEST_BASENAME",
        "REQUEST_BODY",
        "REQUEST_BODY_LENGTH",
        "REQUEST_COOKIES",
        "REQUEST_COOKIES_NAMES",
        "REQUEST_FILENAME",
        "REQUEST_HEADERS",
        "REQUEST_HEADERS_NAMES",
        "REQUEST_LINE",
        "REQUEST_METHOD",
        "REQUEST_PROTOCOL",
        "REQUEST_URI",
        "REQUEST_URI_RAW",
        "TX",
        "UNIQUE_ID",
        "XML",
    }
)
# `XML:<xpath>`: element text and attribute values only.
XML_PATHS = frozenset({"/*", "//@*"})
# Macro-only names (`%{rule.id}`): the rule's own metadata.
MACRO_ONLY_VARIABLES = frozenset({"RULE"})

# Operators, by SecLang name (without `@`). Aliases map to these names.
OPERATORS = frozenset(
    {
        "beginsWith",
        "contains",
        "detectSQLi",
        "detectXSS",
        "endsWith",
        "eq",
        "ge",
        "gt",
        "ipMatch",
        "le",
        "lt",
        "pm",
        "pmFromFile",
        "rx",
        "streq",
        "unconditionalMatch",
        "validateByteRange",
        "validateUrlEncoding",
        "validateUtf8Encoding",
        "within",
    }
)
OPERATOR_ALIASES = {"pmf": "pmFromFile", "ipMatchF": "ipMatchFromFile"}
# Operators that read a data file beside the rules (`data_files` in the table).
FILE_OPERATORS = frozenset({"pmFromFile", "ipMatchFromFile"})

# Transformations, by SecLang name. `none` resets the pipeline.
TRANSFORMATIONS = frozenset(
    {
        "base64Decode",
        "cmdLine",
        "compressWhitespace",
        "cssDecode",
        "escapeSeqDecode",
        "hexDecode",
        "hexEncode",
        "htmlEntityDecode",
        "jsDecode",
        "length",
        "lowercase",
        "normalizePath",
        "normalizePathWin",
        "removeComments",
        "removeCommentsChar",
        "removeNulls",
        "removeWhitespace",
        "replaceComments",
        "sha1",
        "trim",
        "urlDecode",
        "urlDecodeUni",
        "utf8toUnicode",
    }
)
TRANSFORMATION_ALIASES = {"normalisePath": "normalizePath", "normalisePathWin": "normalizePathWin"}

DISRUPTIVE_ACTIONS = frozenset({"block", "deny", "drop", "pass", "allow"})
# Actions the engine acts on (besides the disruptive ones).
FLOW_ACTIONS = frozenset(
    {"chain", "capture", "multiMatch", "log", "nolog", "skip", "skipAfter", "setvar", "ctl", "t"}
)
# Metadata: kept in the table where reported (id, phase, tags, severity, msg)
# or dropped (ver, logdata, audit logging, status, ...): no effect on a verdict.
METADATA_ACTIONS = frozenset(
    {
        "id",
        "phase",
        "msg",
        "logdata",
        "tag",
        "severity",
        "ver",
        "rev",
        "maturity",
        "accuracy",
        "auditlog",
        "noauditlog",
        "status",
    }
)
ACTIONS = DISRUPTIVE_ACTIONS | FLOW_ACTIONS | METADATA_ACTIONS

# `setvar` collections: TX only (no persistent IP/GLOBAL/SESSION storage).
SETVAR_COLLECTIONS = frozenset({"tx"})

# `ctl:` options. auditEngine/auditLogParts change audit logging only (the
# engine has none) and are accepted as no-ops.
CTL_OPTIONS = frozenset(
    {
        "ruleRemoveById",
        "ruleRemoveByTag",
        "ruleRemoveTargetById",
        "ruleRemoveTargetByTag",
        "requestBodyProcessor",
        "forceRequestBodyVariable",
        "auditEngine",
        "auditLogParts",
    }
)

# The category reported for a rule, from its first mapped `attack-*` tag.
CATEGORY_BY_TAG = {
    "attack-sqli": "SQL_INJECTION",
    "attack-xss": "XSS",
    "attack-lfi": "PATH_TRAVERSAL",
    "attack-rfi": "FILE_INCLUSION_REMOTE",
    "attack-rce": "COMMAND_INJECTION",
    "attack-php": "PHP_INJECTION",
    "attack-injection-php": "PHP_INJECTION",
    "attack-java": "JAVA_INJECTION",
    "attack-injection-java": "JAVA_INJECTION",
    "attack-ssrf": "SSRF",
    "attack-ssti": "TEMPLATE_INJECTION",
    "attack-fixation": "SESSION_FIXATION",
    "attack-protocol": "PROTOCOL_ANOMALY",
    "attack-multipart-header": "PROTOCOL_ANOMALY",
    "attack-reputation-scanner": "SCANNER",
    "attack-generic": "GENERIC_INJECTION",
    "attack-injection-generic": "GENERIC_INJECTION",
}
# Rules of these files report this category whatever their tags say
# (911 tags its method check `attack-generic`).
CATEGORY_BY_FILE = {"REQUEST-911-METHOD-ENFORCEMENT": "METHOD"}

SEVERITY_BY_NUMBER = {
    "0": "EMERGENCY",
    "1": "ALERT",
    "2": "CRITICAL",
    "3": "ERROR",
    "4": "WARNING",
    "5": "NOTICE",
    "6": "INFO",
    "7": "DEBUG",
}

PHASE_BY_NAME = {"request": 2, "response": 4, "logging": 5}
REQUEST_PHASES = frozenset({1, 2})
