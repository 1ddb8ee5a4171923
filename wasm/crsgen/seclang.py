"""SecLang text -> directives, the way ModSecurity reads a configuration file.

A line ending in a backslash continues on the next line (the backslash and the
newline are removed, the next line's indentation is kept: inside an action
list it is whitespace around an action, which is trimmed). A line whose first
non-blank character is `#` is a comment (with its continuations). Arguments
are separated by blanks; an argument in double (or single) quotes may contain
blanks, and a backslash escapes the next character there. The quotes are
removed and the backslashes are kept: what a backslash means depends on the
argument (a regex keeps `\\d`; an action list unescapes `\\'` in its values).
"""

from __future__ import annotations

from dataclasses import dataclass


class SecLangError(ValueError):
    """Text ModSecurity would refuse to load."""


@dataclass(frozen=True)
class Directive:
    name: str
    args: tuple[str, ...]
    file: str
    line: int  # first line, 1-based


@dataclass(frozen=True)
class Action:
    name: str
    value: str | None  # quotes removed, `\\'` unescaped


def read_directives(text: str, file: str) -> list[Directive]:
    out: list[Directive] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        first = i
        line = lines[i].removesuffix("\r")
        while line.endswith("\\") and i + 1 < len(lines):
            i += 1
            line = line[:-1] + lines[i].removesuffix("\r")
        i += 1
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        words = split_arguments(stripped, file, first + 1)
        out.append(Directive(words[0], tuple(words[1:]), file, first + 1))
    return out


def split_arguments(line: str, file: str, lineno: int) -> list[str]:
    words: list[str] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] in " \t":
            i += 1
            continue
        if line[i] in "\"'":
            quote = line[i]
            j = i + 1
            while j < n and line[j] != quote:
                j += 2 if line[j] == "\\" else 1
            if j >= n:
                raise SecLangError(f"{file}:{lineno}: unterminated {quote} quote")
            words.append(line[i + 1 : j])
            i = j + 1
            continue
        j = i
        while j < n and line[j] not in " \t":
            j += 1
        words.append(line[i:j])
        i = j
    return words


def split_actions(text: str) -> list[Action]:
    """`id:1,phase:2,msg:'a, b',t:none` -> actions in order. Commas inside a
    single-quoted value do not split; `\\'` inside one is a quote."""
    actions: list[Action] = []
    for raw in _split_unquoted(text, ","):
        raw = raw.strip()
        if not raw:
            continue
        name, colon, value = raw.partition(":")
        actions.append(Action(name.strip(), _unquote(value.strip()) if colon else None))
    return actions


def split_variables(text: str) -> list[str]:
    """`ARGS|!ARGS:foo|REQUEST_HEADERS:'/^x-/'` -> the elements, in order."""
    return [part.strip() for part in _split_unquoted(text, "|") if part.strip()]


def _split_unquoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted and c == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if c == "'":
            quoted = not quoted
        elif c == sep and not quoted:
            parts.append("".join(current))
            current = []
            i += 1
            continue
        current.append(c)
        i += 1
    parts.append("".join(current))
    return parts


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == "'" and value[-1] == "'":
        return value[1:-1].replace("\\'", "'")
    return value
