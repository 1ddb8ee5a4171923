"""Literals every match of a regex contains: the engine runs the regex only on a
value that contains one of them (ASCII case-insensitively).

The classic "required factors" analysis over the `pcre` syntax tree. For each
node it computes
  - `exact`: the finite set of strings the node can match, when small;
  - `candidates`: sets of literals such that every match of the node contains
    one literal of the set (each set alone is enough).
Concatenation: every item's candidates, plus the products of runs of items with
exact sets. Alternation: the union of one candidate per branch. A repeat with
minimum 0 requires nothing. Soundness is what matters (a wrong set makes the
engine miss an attack): every rule here only ever keeps sets that every match
must hit. Letters are folded to lower case; a byte >= 0x80 is never part of a
literal (the table stores literals as JSON strings, i.e. UTF-8).
"""

from __future__ import annotations

from dataclasses import dataclass

from .pcre import Alt, Assert, Chars, Concat, Group, Node, Repeat

MAX_LITERALS = 64  # per prefilter set, and per exact set
MAX_CLASS = 8  # a class of at most this many case-folded bytes expands into alternatives
MAX_REPEAT_EXPANSION = 4  # `x{2,4}` expands; `x{2,9}` does not

Literals = frozenset[str]


@dataclass(frozen=True)
class _Info:
    exact: Literals | None
    candidates: tuple[Literals, ...]


def required_literals(tree: Node) -> list[str] | None:
    """The best literal set for `tree`, sorted, or None when no useful one exists."""
    info = _analyse(tree)
    options = list(info.candidates)
    if info.exact is not None and "" not in info.exact:
        options.append(info.exact)
    options = [minimal(o) for o in options if o and "" not in o and len(o) <= MAX_LITERALS]
    if not options:
        return None
    best = max(options, key=score)
    if score(best)[0] < 1:
        return None
    return sorted(best)


def minimal(literals: Literals) -> Literals:
    """Drop every literal that contains another one of the set: a value that
    contains the longer one contains the shorter one too."""
    ordered = sorted(literals, key=len)
    kept: list[str] = []
    for lit in ordered:
        if not any(k in lit for k in kept):
            kept.append(lit)
    return frozenset(kept)


def weight(literal: str) -> int:
    """How selective a literal is: its length, but a lone letter, digit,
    space or tab is worth nothing (nearly every value has one)."""
    if len(literal) >= 2:
        return len(literal)
    return 0 if not literal or literal.isalnum() or literal in " \t" else 1


def score(literals: Literals) -> tuple[int, int]:
    return min(weight(lit) for lit in literals), -len(literals)


def _analyse(node: Node) -> _Info:
    if isinstance(node, Chars):
        return _chars(node)
    if isinstance(node, Assert):
        return _Info(frozenset({""}), ())
    if isinstance(node, Group):
        return _analyse(node.child)
    if isinstance(node, Concat):
        return _concat([_analyse(item) for item in node.items])
    if isinstance(node, Alt):
        return _alternation([_analyse(b) for b in node.branches])
    return _repeat(node)


def _chars(node: Chars) -> _Info:
    if any(b >= 0x80 for b in node.members):
        return _Info(None, ())
    folded = frozenset(chr(b).lower() for b in node.members)
    if not folded or len(folded) > MAX_CLASS:
        return _Info(None, ())
    return _Info(folded, (folded,))


def _product(a: Literals, b: Literals) -> Literals | None:
    if len(a) * len(b) > MAX_LITERALS:
        return None
    return frozenset(x + y for x in a for y in b)


def _concat(items: list[_Info]) -> _Info:
    candidates: list[Literals] = []
    for item in items:
        candidates.extend(item.candidates)
    # Runs of items with exact sets: from each start, the longest product that
    # stays small. Every match of the run is one of its strings.
    for start in range(len(items)):
        acc = items[start].exact
        if acc is None:
            continue
        for item in items[start + 1 :]:
            if item.exact is None:
                break
            nxt = _product(acc, item.exact)
            if nxt is None:
                break
            acc = nxt
        if "" not in acc:
            candidates.append(acc)
    exact: Literals | None = frozenset({""})
    for item in items:
        exact = None if exact is None or item.exact is None else _product(exact, item.exact)
    return _Info(exact, _prune(candidates))


def _alternation(branches: list[_Info]) -> _Info:
    exact: Literals | None = frozenset()
    for b in branches:
        if exact is None or b.exact is None or len(exact) + len(b.exact) > MAX_LITERALS:
            exact = None
            break
        exact = exact | b.exact
    per_branch: list[list[Literals]] = []
    for b in branches:
        options = list(b.candidates)
        if b.exact is not None and "" not in b.exact:
            options.append(b.exact)
        options = [minimal(o) for o in options if o and "" not in o]
        if not options:
            return _Info(exact, ())
        per_branch.append(options)
    candidates: list[Literals] = []
    # Each branch's best set, or (when their union is too big) its smallest.
    for pick in (_best, _smallest):
        union = minimal(frozenset().union(*(pick(options) for options in per_branch)))
        if len(union) <= MAX_LITERALS:
            candidates.append(union)
    return _Info(exact, _prune(candidates))


def _best(options: list[Literals]) -> Literals:
    return max(options, key=score)


def _smallest(options: list[Literals]) -> Literals:
    return min(options, key=len)


def _repeat(node: Repeat) -> _Info:
    child = _analyse(node.child)
    exact: Literals | None = None
    if child.exact is not None and node.max is not None and node.max <= MAX_REPEAT_EXPANSION:
        exact = frozenset()
        power: Literals | None = frozenset({""})
        for count in range(node.max + 1):
            if count >= node.min:
                assert power is not None
                if len(exact) + len(power) > MAX_LITERALS:
                    exact = None
                    break
                exact = exact | power
            if count < node.max:
                power = _product(power, child.exact) if power is not None else None
                if power is None:
                    exact = None
                    break
    if node.min == 0:
        return _Info(exact, ())
    candidates = list(child.candidates)
    if child.exact is not None and "" not in child.exact:
        power = child.exact
        for _ in range(min(node.min, MAX_REPEAT_EXPANSION) - 1):
            nxt = _product(power, child.exact)
            if nxt is None:
                break
            power = nxt
        candidates.append(power)
    return _Info(exact, _prune(candidates))


def _prune(candidates: list[Literals]) -> tuple[Literals, ...]:
    """Keep the few candidates worth carrying up: the best-scoring and the
    smallest (an alternation above may need a small one)."""
    sound = [minimal(c) for c in candidates if c and "" not in c and len(c) <= MAX_LITERALS]
    if not sound:
        return ()
    keep = {max(sound, key=score), min(sound, key=lambda c: (len(c), [-s for s in score(c)]))}
    return tuple(sorted(keep, key=lambda c: sorted(c)))
