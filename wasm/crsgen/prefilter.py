"""What every match of a regex contains: the engine runs the regex only on a
value that contains one of the rule's literals (ASCII case-insensitively) and
one of its bytes.

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

Of several sound sets, the analysis keeps the one benign values contain least
often (`rarity`): `select` over `(`, `union` over `on`. The byte sets
(`required_bytes`) are the same analysis on single bytes: any one-byte matcher
is a candidate, so they exist where no literal does (`c"a"t` obfuscations).
"""

from __future__ import annotations

from dataclasses import dataclass

from .pcre import Alt, Assert, Chars, Concat, Group, Node, Repeat
from .rarity import bytes_cost, literals_cost

MAX_PRODUCT = 64  # per exact set and per product of exact sets
MAX_LITERALS = 64  # per prefilter set: 256 added no prefilter here, only a bigger automaton
MAX_CLASS = 8  # a class of at most this many case-folded bytes expands into alternatives
MAX_REPEAT_EXPANSION = 4  # `x{2,4}` expands; `x{2,9}` does not
MAX_BYTES = 64  # a byte set wider than this passes nearly every value
# A set that most benign values contain saves nothing: the regex runs anyway,
# after a scan that found one of its literals.
MAX_LITERAL_COST = 0.5
KEEP = 3  # candidates carried up per node, cheapest first

Literals = frozenset[str]
Bytes = frozenset[int]


@dataclass(frozen=True)
class _Info:
    exact: Literals | None
    candidates: tuple[Literals, ...]


def required_literals(tree: Node) -> list[str] | None:
    """The cheapest sound literal set for `tree`, sorted, or None when no useful one exists."""
    info = _analyse(tree)
    options = list(info.candidates)
    if info.exact is not None and "" not in info.exact:
        options.append(info.exact)
    options = [minimal(o) for o in options if o and "" not in o and len(o) <= MAX_LITERALS]
    if not options:
        return None
    best = min(options, key=score)
    if literals_cost(best) > MAX_LITERAL_COST:
        return None
    return sorted(best)


def required_bytes(tree: Node) -> list[int] | None:
    """The cheapest sound byte set for `tree` (both cases of a folded letter),
    sorted, or None when every candidate is wider than `MAX_BYTES` bytes or
    some match may be empty."""
    options = [c for c in _byte_candidates(tree) if c and len(c) <= MAX_BYTES]
    if not options:
        return None
    best: Bytes = min(options, key=_byte_score)
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


def score(literals: Literals) -> tuple[float, int, int, list[str]]:
    """Lower is better: how often benign values hold one of the literals, then
    the shortest literal (longer is better), then fewer literals; the
    literals themselves break ties so the choice is deterministic."""
    shortest = min((len(lit) for lit in literals), default=0)
    return round(literals_cost(literals), 9), -shortest, len(literals), sorted(literals)


def _byte_score(members: Bytes) -> tuple[float, int, list[int]]:
    return round(bytes_cost(members), 9), len(members), sorted(members)


# -- byte sets -----------------------------------------------------------------
def _byte_candidates(node: Node) -> tuple[Bytes, ...]:
    """Byte sets each of which every match of `node` hits (none: an empty match is possible)."""
    if isinstance(node, Chars):
        return (node.members,) if node.members else ()
    if isinstance(node, Assert):
        return ()
    if isinstance(node, Group):
        return _byte_candidates(node.child)
    if isinstance(node, Concat):
        found: list[Bytes] = []
        for item in node.items:
            found.extend(_byte_candidates(item))
        return _keep_bytes(found)
    if isinstance(node, Alt):
        per_branch = [_byte_candidates(b) for b in node.branches]
        if any(not options for options in per_branch):
            return ()
        unions = [
            frozenset().union(*(pick(options) for options in per_branch))
            for pick in (_cheapest_bytes, _narrowest_bytes)
        ]
        return _keep_bytes(unions)
    return _byte_candidates(node.child) if node.min >= 1 else ()


def _cheapest_bytes(options: tuple[Bytes, ...]) -> Bytes:
    return min(options, key=_byte_score)


def _narrowest_bytes(options: tuple[Bytes, ...]) -> Bytes:
    return min(options, key=lambda c: (len(c), _byte_score(c)))


def _keep_bytes(candidates: list[Bytes]) -> tuple[Bytes, ...]:
    """The cheapest few and the narrowest (an alternation above may need a narrow one)."""
    unique = sorted(set(candidates), key=_byte_score)
    if not unique:
        return ()
    keep = unique[:KEEP]
    narrowest = min(unique, key=lambda c: (len(c), _byte_score(c)))
    if narrowest not in keep:
        keep.append(narrowest)
    return tuple(keep)


# -- literal sets ----------------------------------------------------------------
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
    if len(a) * len(b) > MAX_PRODUCT:
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
        if exact is None or b.exact is None or len(exact) + len(b.exact) > MAX_PRODUCT:
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
    # Each branch's cheapest set, its longest literals (cheap one by one,
    # branches' cheap single bytes add up), or its smallest set (when the
    # other unions are too big).
    for pick in (_best, _longest, _smallest):
        union = minimal(frozenset().union(*(pick(options) for options in per_branch)))
        if len(union) <= MAX_LITERALS:
            candidates.append(union)
    return _Info(exact, _prune(candidates))


def _best(options: list[Literals]) -> Literals:
    return min(options, key=score)


def _longest(options: list[Literals]) -> Literals:
    return min(options, key=lambda c: (-min(len(lit) for lit in c), score(c)))


def _smallest(options: list[Literals]) -> Literals:
    return min(options, key=lambda c: (len(c), score(c)))


def _repeat(node: Repeat) -> _Info:
    child = _analyse(node.child)
    exact: Literals | None = None
    if child.exact is not None and node.max is not None and node.max <= MAX_REPEAT_EXPANSION:
        exact = frozenset()
        power: Literals | None = frozenset({""})
        for count in range(node.max + 1):
            if count >= node.min:
                assert power is not None
                if len(exact) + len(power) > MAX_PRODUCT:
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
    """Keep the few candidates worth carrying up: the cheapest few and the
    smallest (an alternation above may need a small one)."""
    sound = {minimal(c) for c in candidates if c and "" not in c and len(c) <= MAX_LITERALS}
    if not sound:
        return ()
    ranked = sorted(sound, key=score)
    keep = ranked[:KEEP]
    smallest = min(ranked, key=lambda c: (len(c), score(c)))
    if smallest not in keep:
        keep.append(smallest)
    return tuple(keep)
