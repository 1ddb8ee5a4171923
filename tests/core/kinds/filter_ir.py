"""An independent reading of wasm/filter/IR.md: ``validate(ir)`` raises
``AssertionError`` when the parser emits something the evaluator is not
promised to accept.

Written from the contract, not from the parser, so the property tests can
check every IR the parser produces against it.
"""

from __future__ import annotations

import ipaddress
import json
import math

STRING_FIELDS = {
    "http.host",
    "http.request.method",
    "http.request.uri.path",
    "http.request.uri.query",
    "ip.src.country",
    "ip.src.region",
    "ip.src.city",
    "ip.src.continent",
    "ip.src.asnum.name",
    "ip.src.asnum.domain",
    "ip.src.asnum.type",
    "ip.src.asnum.country",
    "ip.src.service",
    "ip.src.postal_code",
    "ip.src.timezone.name",
}
KEYED_FIELDS = {"http.request.headers", "http.request.cookie", "http.request.uri.args", "local"}
INT_FIELDS = {"ip.src.asnum", "ip.src.accuracy_radius"}
FLOAT_FIELDS = {"ip.src.lat", "ip.src.lon"}
BOOL_FIELDS = {"ip.src.hosting", "ip.src.vpn", "ip.src.proxy", "ip.src.tor", "ip.src.relay"}
I64 = (-(2**63), 2**63 - 1)
# serde_json stops at 128 levels of objects and arrays, and the rule
# configuration ({"rules": [{"expressions": [{"ir": E}]}]}) puts E 5 levels down.
ANALYZER_IR_DEPTH = 128 - 5


def validate(ir: object) -> None:
    # What crosses to the analyzer is JSON: it must survive a strict round trip.
    assert json.loads(json.dumps(ir, allow_nan=False)) == ir
    assert json_depth(ir) <= ANALYZER_IR_DEPTH
    _expr(ir)


def json_depth(node: object) -> int:
    """Levels of JSON objects and arrays, the outermost counting as 1."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        item, depth = stack.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        )
        if children is not None:
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _one_key(node: object, keys: set[str]) -> str:
    assert isinstance(node, dict), node
    present = keys & set(node)
    assert len(present) == 1, node
    return present.pop()


def _expr(node: object) -> None:
    key = _one_key(node, {"and", "or", "xor", "not", "truth", "cmp", "in"})
    assert isinstance(node, dict)
    if key in ("and", "or"):
        assert set(node) == {key} and isinstance(node[key], list) and len(node[key]) >= 2, node
        for item in node[key]:
            _expr(item)
    elif key == "xor":
        assert set(node) == {"xor"} and isinstance(node["xor"], list) and len(node["xor"]) == 2
        for item in node["xor"]:
            _expr(item)
    elif key == "not":
        assert set(node) == {"not"}
        _expr(node["not"])
    elif key == "truth":
        assert set(node) == {"truth"} and _value(node["truth"]) == "bool", node
    elif key == "cmp":
        _compare(node)
    else:
        _member(node)


def _compare(node: dict[str, object]) -> None:
    assert set(node) == {"cmp", "lhs", "rhs"}, node
    op, lhs_type = node["cmp"], _value(node["lhs"])
    rhs = node["rhs"]
    if op == "matches":
        assert lhs_type == "string" and isinstance(rhs, dict) and set(rhs) == {"regex"}
        assert isinstance(rhs["regex"], str)
        return
    if op in ("contains", "wildcard", "strict_wildcard"):
        assert lhs_type == "string" and isinstance(rhs, dict) and set(rhs) == {"str"}
        assert isinstance(rhs["str"], str)
        return
    rhs_type = _value(rhs)
    assert op in ("eq", "ne", "lt", "le", "gt", "ge"), node
    numeric = {"int", "float"}
    assert lhs_type == rhs_type or {lhs_type, rhs_type} <= numeric, node
    if op not in ("eq", "ne"):
        assert lhs_type != "bool", node
    # "{"float": x} ... (only where a float field is compared)"
    if "float" in (_literal_kind(node["lhs"]), _literal_kind(rhs)):
        assert "float" in (_field_type(node["lhs"]), _field_type(rhs)), node


def _member(node: dict[str, object]) -> None:
    assert set(node) == {"in", "set"}, node
    lhs_type = _value(node["in"])
    items = node["set"]
    assert isinstance(items, list) and items, node
    allowed = {
        "string": {"str"},
        "int": {"int", "range"},
        "float": {"int", "float"},
        "ip": {"ip", "cidr", "range"},
    }[lhs_type]
    for item in items:
        key = _one_key(item, {"str", "int", "float", "ip", "cidr", "range"})
        assert isinstance(item, dict) and set(item) == {key}, item
        assert key in allowed, (lhs_type, item)
        if key == "cidr":
            ipaddress.ip_network(item["cidr"], strict=False)
        elif key == "range":
            ends = item["range"]
            assert isinstance(ends, list) and len(ends) == 2, item
            kinds = {_literal_kind(end) for end in ends}
            assert kinds == ({"ip"} if lhs_type == "ip" else {"int"}), item
            for end in ends:
                _value(end)
        else:
            _value(item)


def _literal_kind(node: object) -> str | None:
    if isinstance(node, dict) and len(node) == 1:
        (key,) = node
        if key in ("str", "int", "float", "ip", "bool"):
            return str(key)
    return None


def _field_type(node: object) -> str | None:
    if isinstance(node, dict) and "field" in node:
        return _value(node)
    return None


def _value(node: object) -> str:
    key = _one_key(node, {"field", "str", "int", "float", "ip", "bool", "fn"})
    assert isinstance(node, dict)
    if key == "field":
        name = node["field"]
        if name in KEYED_FIELDS:
            assert set(node) == {"field", "key"} and isinstance(node["key"], str), node
            if name == "http.request.headers":
                assert node["key"] == node["key"].lower(), node
            return "string"
        assert set(node) == {"field"}, node
        if name == "ip.src":
            return "ip"
        for kind, names in (
            ("string", STRING_FIELDS),
            ("int", INT_FIELDS),
            ("float", FLOAT_FIELDS),
            ("bool", BOOL_FIELDS),
        ):
            if name in names:
                return kind
        raise AssertionError(f"unknown field {name!r}")
    if key == "fn":
        assert set(node) == {"fn", "arg"}, node
        assert _value(node["arg"]) == "string", node
        return {"lower": "string", "upper": "string", "len": "int"}[str(node["fn"])]
    assert set(node) == {key}, node
    value = node[key]
    if key == "str":
        assert isinstance(value, str)
        return "string"
    if key == "int":
        assert type(value) is int and I64[0] <= value <= I64[1], node
        return "int"
    if key == "float":
        assert type(value) is float and math.isfinite(value), node
        return "float"
    if key == "ip":
        assert isinstance(value, str) and "%" not in value
        ipaddress.ip_address(value)
        return "ip"
    if key == "bool":
        assert type(value) is bool
        return "bool"
    raise AssertionError(node)
