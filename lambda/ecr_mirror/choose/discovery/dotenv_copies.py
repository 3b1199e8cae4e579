"""The `.env` files a repository's scripts make by copying a template (pure).

Compose reads `.env` from the project directory; a repository that keeps only `.env.example` (or `.env.template`,
`.env.dist`, ...) and copies it there in a setup script, a CI step or a Makefile rule (`cp .env.example .env`;
`.env:` with `@test -f $@ || cp .env.template $@`) runs compose with the template's values. `dotenv_copies` gives
each copy as written: (the template's name, the directory part of the `.env` it writes). A template is a file whose
name holds `env` and is not `.env` itself; a copy to another name is not one.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

_CP_RE = re.compile(
    r"(?<![\w./-])cp[ \t]+(?:-[A-Za-z]+[ \t]+)*(?P<q1>['\"]?)(?P<source>[^\s'\";|&$`]+)(?P=q1)[ \t]+"
    r"(?P<q2>['\"]?)(?P<target>[^\s'\";|&`]+)(?P=q2)(?=[ \t]*(?:$|[;&|#)]))",
    re.MULTILINE,
)
_RULE_RE = re.compile(r"^(?P<target>[^\s:#=$]*\.env)[ \t]*:(?![:=])")  # a Makefile rule that makes a `.env`


def _recipe_targets(text: str) -> str:
    """`text` with `$@` of a recipe line replaced by its rule's target where that is a `.env` file."""
    out: list[str] = []
    target: str | None = None
    for line in text.splitlines():
        if not line.startswith("\t"):
            match = _RULE_RE.match(line)
            target = match.group("target") if match else (None if line.strip() else target)
        elif target is not None:
            line = line.replace("$@", target)  # noqa: PLW2901 - the recipe line as make runs it
        out.append(line)
    return "\n".join(out)


def dotenv_copies(texts: Iterable[str]) -> frozenset[tuple[str, str]]:
    """(template name, `.env` directory as written, "" for none) of each copy of a template onto a `.env`."""
    copies: set[tuple[str, str]] = set()
    for text in texts:
        if "cp" not in text or ".env" not in text:
            continue
        for match in _CP_RE.finditer(_recipe_targets(text) if "$@" in text else text):
            source, target = match.group("source"), match.group("target")
            name = posixpath.basename(source)
            if posixpath.basename(target) == ".env" and "env" in name and name != ".env":
                copies.add((name, posixpath.normpath(posixpath.dirname(target) or ".").removeprefix("./")))
    return frozenset(copies)


def copied_template(directory: str, copies: frozenset[tuple[str, str]], exists: Iterable[str]) -> str | None:
    """The template copied onto `directory`'s `.env` (a path relative to the walk, "" for its top): one of `exists`
    (the names of the files there) whose copy writes a `.env` in a directory `directory` ends with."""
    present = set(exists)
    normal = posixpath.normpath(directory or ".")
    for name, written in sorted(copies):
        fits = written in (".", normal) or normal.endswith("/" + written)
        if fits and name in present:
            return name
    return None
