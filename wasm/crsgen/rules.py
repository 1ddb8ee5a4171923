"""Directives -> the rule table of `wasm/crs/src/ir.rs` (as JSON-ready dicts),
plus everything that cannot run and why.

A rule (with its whole chain) that needs something outside `support` is left
out of the table and recorded in `Compiled.dropped`; nothing unsupported is
skipped silently. Rules of phases 3-5 are left out and counted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import support
from .pcre import Node, PcreError, parse
from .prefilter import required_bytes, required_literals
from .rustre import to_rust
from .seclang import (
    Action,
    Directive,
    SecLangError,
    read_directives,
    split_actions,
    split_variables,
)

Json = dict[str, Any]
Report = Callable[[str, str], None]

_MACRO = re.compile(r"%\{([^}]*)\}")
_ACTION_NAMES = {name.lower(): name for name in support.ACTIONS}
_OPERATOR_NAMES = {name.lower(): name for name in support.OPERATORS | support.FILE_OPERATORS}
_OPERATOR_NAMES.update({k.lower(): v for k, v in support.OPERATOR_ALIASES.items()})
_TRANSFORM_NAMES = {name.lower(): name for name in support.TRANSFORMATIONS}
_TRANSFORM_NAMES.update({k.lower(): v for k, v in support.TRANSFORMATION_ALIASES.items()})
_CTL_NAMES = {name.lower(): name for name in support.CTL_OPTIONS}


@dataclass(frozen=True)
class Problem:
    """Something the engine does not support. `kind`: directive, variable,
    operator, transformation, action, setvar, ctl, regex, macro or data."""

    kind: str
    what: str
    file: str
    line: int


@dataclass
class Dropped:
    """A rule (with its chain) that cannot run."""

    id: int
    paranoia_level: int | None
    file: str
    line: int
    problems: list[Problem]


@dataclass
class Compiled:
    version: str = ""
    items: list[Json] = field(default_factory=list)
    data_files: dict[str, list[str]] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)
    # Problems that belong to no rule (an unknown directive, ...).
    global_problems: list[Problem] = field(default_factory=list)
    other_phase_rules: int = 0
    ignored: list[Directive] = field(default_factory=list)
    # attack tag -> ids of rules carrying it that it gives no category.
    unmapped_tags: dict[str, list[int]] = field(default_factory=dict)
    target_updates: int = 0


@dataclass
class _Link:
    """One SecRule/SecAction, built, before its chain is complete."""

    rule: Json
    chains: bool
    problems: list[Problem]
    line: int


def compile_files(paths: list[Path], data_dir: Path) -> Compiled:
    compiler = _Compiler(data_dir)
    for path in paths:
        compiler.file(path)
    compiler.finish()
    return compiler.out


class _Compiler:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.out = Compiled()
        self.by_id: dict[int, Json] = {}
        self.dropped_ids: set[int] = set()
        self.chain: list[_Link] = []

    def file(self, path: Path) -> None:
        stem = path.name.removesuffix(".example").removesuffix(".conf")
        for d in read_directives(path.read_text(encoding="utf-8"), path.name):
            self.directive(d, stem)

    def finish(self) -> None:
        if self.chain:
            raise SecLangError(f"line {self.chain[-1].line}: the last rule's chain is not complete")

    def directive(self, d: Directive, stem: str) -> None:
        name = d.name
        if name in ("SecRule", "SecAction"):
            self.rule(d, stem)
            return
        if self.chain:
            raise SecLangError(f"{d.file}:{d.line}: {name} inside an unfinished chain")
        if name == "SecMarker":
            self.out.items.append({"item": "marker", "name": _arg(d, 0)})
        elif name == "SecComponentSignature":
            self.out.version = _arg(d, 0).rpartition("/")[2]
            self.out.ignored.append(d)
        elif name == "SecDefaultAction":
            self.default_action(d)
        elif name == "SecRuleUpdateTargetById":
            self.update_target(d)
        else:
            self.out.global_problems.append(Problem("directive", name, d.file, d.line))

    def default_action(self, d: Directive) -> None:
        # The engine's default is CRS's: log, and `block` means pass.
        for action in split_actions(_arg(d, 0)):
            if action.name not in ("phase", "log", "auditlog", "pass"):
                what = f"SecDefaultAction {action.name}"
                self.out.global_problems.append(Problem("directive", what, d.file, d.line))

    def update_target(self, d: Directive) -> None:
        rule_id = int(_arg(d, 0))
        if len(d.args) != 2:
            what = "SecRuleUpdateTargetById with a replacement target"
            self.out.global_problems.append(Problem("directive", what, d.file, d.line))
            return
        if rule_id in self.dropped_ids:
            return
        rule = self.by_id.get(rule_id)
        if rule is None:
            what = f"SecRuleUpdateTargetById for unknown rule {rule_id}"
            self.out.global_problems.append(Problem("directive", what, d.file, d.line))
            return
        problems: list[Problem] = []
        targets = rule.setdefault("targets", [])
        for element in split_variables(d.args[1]):
            parsed = _target(element, d, problems)
            if parsed is None:
                continue
            kind, target = parsed
            if kind == "!":
                _fold_exclusion(targets, target, d, problems)
            else:
                targets.append(target)
        self.out.global_problems.extend(problems)
        self.out.target_updates += 1

    # -- rules -------------------------------------------------------------
    def rule(self, d: Directive, stem: str) -> None:
        starter = self.chain[0].rule if self.chain else None
        link = _build_rule(d, stem, starter, self)
        if self.chain:
            self.chain[-1].rule["chain"] = link.rule
        self.chain.append(link)
        if link.chains:
            return
        chain, self.chain = self.chain, []
        head = chain[0].rule
        problems = [p for link in chain for p in link.problems]
        if head["phase"] not in support.REQUEST_PHASES:
            self.out.other_phase_rules += 1
            return
        if problems:
            rule_id = head.get("id", 0)
            self.dropped_ids.add(rule_id)
            pl = head.get("paranoia_level")
            self.out.dropped.append(Dropped(rule_id, pl, d.file, chain[0].line, problems))
            return
        item = {"item": "rule", **head}
        self.out.items.append(item)
        if head.get("id"):
            self.by_id[head["id"]] = item

    def data_file(self, name: str, d: Directive, problems: list[Problem]) -> None:
        if name in self.out.data_files:
            return
        path = self.data_dir / name
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem("data", f"{name}: {exc.__class__.__name__}", d.file, d.line))
            return
        self.out.data_files[name] = data_phrases(text)


def data_phrases(text: str) -> list[str]:
    """A `.data` file's phrases as libmodsecurity reads them: one per line,
    lines that are empty or whose first non-blank character is `#` dropped,
    the others kept as they are (a trailing CR removed)."""
    phrases = []
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        if not line or line.lstrip().startswith("#"):
            continue
        phrases.append(line)
    return phrases


def _arg(d: Directive, index: int) -> str:
    if index >= len(d.args):
        raise SecLangError(f"{d.file}:{d.line}: {d.name} needs more arguments")
    return d.args[index]


def _build_rule(d: Directive, stem: str, starter: Json | None, compiler: _Compiler) -> _Link:
    problems: list[Problem] = []

    def problem(kind: str, what: str) -> None:
        problems.append(Problem(kind, what, d.file, d.line))

    if d.name == "SecAction":
        if len(d.args) > 1:
            raise SecLangError(f"{d.file}:{d.line}: SecAction takes one argument")
        variables, operator_text, action_text = None, "@unconditionalMatch", _arg(d, 0)
    else:
        if len(d.args) not in (2, 3):
            raise SecLangError(f"{d.file}:{d.line}: SecRule takes 2 or 3 arguments")
        variables, operator_text = d.args[0], d.args[1]
        action_text = d.args[2] if len(d.args) == 3 else ""

    rule: Json = {}
    actions: Json = {}
    tags: list[str] = []
    transforms: list[str] = []
    chains = False
    for action in split_actions(action_text):
        chains = _action(action, rule, actions, tags, transforms, problem) or chains
    phase = starter["phase"] if starter is not None else rule.pop("phase", 2)
    rule.pop("phase", None)
    rule["phase"] = phase
    rule["file"] = stem
    if tags:
        rule["tags"] = tags
        level = [t.rpartition("/")[2] for t in tags if t.startswith("paranoia-level/")]
        if level and level[0].isdigit():
            rule["paranoia_level"] = int(level[0])
        category = _category(tags, stem, rule.get("id", 0), compiler.out.unmapped_tags)
        if category is not None:
            rule["category"] = category
    if variables is not None:
        rule["targets"] = _targets(variables, d, problems)
    rule["operator"] = _operator(operator_text, d, problems, compiler)
    if transforms:
        rule["transforms"] = transforms
    rule["actions"] = actions
    for text in _evaluated_texts(rule):
        for macro in _MACRO.findall(text):
            collection = re.split(r"[.:]", macro, maxsplit=1)[0].upper()
            if collection not in support.VARIABLES | support.MACRO_ONLY_VARIABLES:
                problem("macro", f"%{{{macro}}}")
    return _Link(rule, chains, problems, d.line)


def _action(
    action: Action,
    rule: Json,
    actions: Json,
    tags: list[str],
    transforms: list[str],
    problem: Report,
) -> bool:
    """Apply one action; True for `chain`."""
    name = _ACTION_NAMES.get(action.name.lower())
    value = action.value
    if name is None:
        problem("action", action.name)
        return False
    if name == "chain":
        return True
    if name == "id":
        rule["id"] = int((value or "").strip("'"))
    elif name == "phase":
        text = (value or "").strip("'").lower()
        rule["phase"] = support.PHASE_BY_NAME.get(text) or int(text)
    elif name == "tag":
        tags.append(value or "")
    elif name == "msg":
        rule["msg"] = value or ""
    elif name == "severity":
        sev = (value or "").strip("'").upper()
        rule["severity"] = support.SEVERITY_BY_NUMBER.get(sev, sev)
    elif name == "t":
        _transformation(value or "", transforms, problem)
    elif name in support.DISRUPTIVE_ACTIONS:
        if value is not None:
            problem("action", f"{name}:{value}")
        actions["disruptive"] = name
    elif name in ("log", "nolog"):
        if name == "nolog":
            actions["log"] = False
        else:
            actions.pop("log", None)
    elif name == "capture":
        actions["capture"] = True
    elif name == "multiMatch":
        actions["multi_match"] = True
    elif name == "skipAfter":
        actions["skip_after"] = value or ""
    elif name == "skip":
        actions["skip"] = int(value or "0")
    elif name == "setvar":
        setvar = _setvar(value or "", problem)
        if setvar is not None:
            actions.setdefault("setvar", []).append(setvar)
    elif name == "ctl":
        option, _, arg = (value or "").partition("=")
        canonical = _CTL_NAMES.get(option.strip().lower())
        if canonical is None:
            problem("ctl", option.strip())
        else:
            actions.setdefault("ctl", []).append({"name": canonical, "value": arg.strip()})
    return False


def _transformation(value: str, transforms: list[str], problem: Report) -> None:
    if value.lower() == "none":
        transforms.clear()
        return
    canonical = _TRANSFORM_NAMES.get(value.lower())
    if canonical is None:
        problem("transformation", value)
    else:
        transforms.append(canonical)


def _setvar(value: str, problem: Report) -> Json | None:
    text = value.strip()
    if text.startswith("!"):
        target, op, val = text[1:], "delete", ""
    elif "=" in text:
        target, val = text.split("=", 1)
        op = "set"
        if val.startswith("+"):
            op, val = "add", val[1:]
        elif val.startswith("-"):
            op, val = "sub", val[1:]
    else:
        target, op, val = text, "set", "1"
    collection, dot, name = target.strip().partition(".")
    if not dot or not name:
        problem("setvar", text)
        return None
    if collection.lower() not in support.SETVAR_COLLECTIONS:
        problem("setvar", f"collection {collection.upper()}")
        return None
    return {"collection": collection.lower(), "name": _lower_outside_macros(name), "op": op, "value": val}


def _lower_outside_macros(name: str) -> str:
    # TX names are case-insensitive; macro names inside keep their spelling.
    out, last = [], 0
    for m in _MACRO.finditer(name):
        out.append(name[last : m.start()].lower())
        out.append(m.group(0))
        last = m.end()
    out.append(name[last:].lower())
    return "".join(out)


def _category(tags: list[str], stem: str, rule_id: int, unmapped: dict[str, list[int]]) -> str | None:
    attack = [t for t in tags if t.startswith("attack-")]
    if not attack:
        return None
    for t in attack:
        if t not in support.CATEGORY_BY_TAG:
            unmapped.setdefault(t, []).append(rule_id)
    if stem in support.CATEGORY_BY_FILE:
        return support.CATEGORY_BY_FILE[stem]
    for t in attack:
        if t in support.CATEGORY_BY_TAG:
            return support.CATEGORY_BY_TAG[t]
    return None


# -- targets ---------------------------------------------------------------
def _targets(text: str, d: Directive, problems: list[Problem]) -> list[Json]:
    targets: list[Json] = []
    exclusions: list[Json] = []
    for element in split_variables(text):
        parsed = _target(element, d, problems)
        if parsed is None:
            continue
        kind, target = parsed
        (exclusions if kind == "!" else targets).append(target)
    for exclusion in exclusions:
        _fold_exclusion(targets, exclusion, d, problems)
    return targets


def _target(element: str, d: Directive, problems: list[Problem]) -> tuple[str, Json] | None:
    """`!REQUEST_COOKIES:/^__utm/` -> ("!", target); kind is "", "!" or "&"."""
    kind = element[0] if element[0] in "!&" else ""
    body = element[len(kind) :]
    name, colon, selector_text = body.partition(":")
    collection = name.strip().upper()
    if collection not in support.VARIABLES:
        problems.append(Problem("variable", collection, d.file, d.line))
        return None
    target: Json = {"collection": collection}
    if colon:
        selector = _selector(collection, selector_text.strip(), d, problems)
        if selector is None:
            return None
        target["selector"] = selector
    if kind == "&":
        target["count"] = True
    return kind, target


def _selector(collection: str, text: str, d: Directive, problems: list[Problem]) -> Json | None:
    if len(text) >= 2 and text[0] == "'" and text[-1] == "'":
        text = text[1:-1]
    if collection == "XML":
        if text not in support.XML_PATHS:
            problems.append(Problem("variable", f"XML:{text}", d.file, d.line))
            return None
        return {"key": text}
    if len(text) >= 2 and text[0] == "/" and text[-1] == "/":
        translated = _translate(text[1:-1], d, problems)
        return None if translated is None else {"regex": translated[0]}
    return {"key": text}


def _fold_exclusion(targets: list[Json], exclusion: Json, d: Directive, problems: list[Problem]) -> None:
    selector = exclusion.get("selector")
    if selector is None:
        what = f"!{exclusion['collection']} (a whole collection excluded)"
        problems.append(Problem("variable", what, d.file, d.line))
        return
    for target in targets:
        if target["collection"] == exclusion["collection"] and not target.get("count"):
            target.setdefault("exclude", []).append(selector)


# -- operators -------------------------------------------------------------
def _operator(text: str, d: Directive, problems: list[Problem], compiler: _Compiler) -> Json:
    body = text
    negate = body.startswith("!")
    if negate:
        body = body[1:]
    if body.startswith("@"):
        name_text, _, param = body[1:].partition(" ")
    else:  # no operator named: @rx
        name_text, param = "rx", body
    name = _OPERATOR_NAMES.get(name_text.lower())
    op: Json = {"name": name or name_text}
    if negate:
        op["negate"] = True
    if name is None or name not in support.OPERATORS:
        problems.append(Problem("operator", "@" + (name or name_text), d.file, d.line))
        return op
    if name in support.FILE_OPERATORS:
        for file in param.split():
            compiler.data_file(file, d, problems)
    if name == "rx":
        # As ModSecurity: everything after the one blank is the pattern.
        translated = _translate(param, d, problems)
        if translated is not None:
            op["param"], tree = translated
            if not negate:
                literals = required_literals(tree)
                if literals is not None:
                    op["prefilter"] = literals
                members = required_bytes(tree)
                if members is not None:
                    op["prefilter_bytes"] = members
        return op
    if param.strip():
        op["param"] = param.strip()
    return op


def _translate(pattern: str, d: Directive, problems: list[Problem]) -> tuple[str, Node] | None:
    if _MACRO.search(pattern):
        problems.append(Problem("regex", "macro in a regex (compiled per request)", d.file, d.line))
        return None
    try:
        parsed = parse(pattern)
    except PcreError as exc:
        problems.append(Problem("regex", f"invalid PCRE: {exc}", d.file, d.line))
        return None
    if parsed.unsupported:
        for construct in dict.fromkeys(parsed.unsupported):
            problems.append(Problem("regex", construct, d.file, d.line))
        return None
    return to_rust(parsed.tree), parsed.tree


def _evaluated_texts(rule: Json) -> list[str]:
    """Texts the engine expands macros in: setvar names and values, and
    operator arguments (rx arguments may not hold macros at all)."""
    texts = []
    op = rule["operator"]
    if op.get("name") != "rx" and "param" in op:
        texts.append(op["param"])
    for setvar in rule["actions"].get("setvar", []):
        texts.extend((setvar["name"], setvar["value"]))
    return texts
