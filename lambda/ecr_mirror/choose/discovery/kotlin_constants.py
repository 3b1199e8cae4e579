"""Kotlin `const val` string constants of the tree that a Kotlin Testcontainers source gives a container (pure).

A Kotlin test suite keeps the images its tests start in one file of constants, `package org.acme.db` then `const val
MONGO_VERSION = "mongo:4.4.22"` (a top-level property), or in an `object Images { const val SEARCH = "..." }` or a
class's `companion object`, and its tests import them: `import org.acme.db.MONGO_VERSION` then
`MongoDBContainer(DockerImageName.parse(MONGO_VERSION))`, or `Images.SEARCH`. A `const val` is a compile-time
constant, its initialiser a constant string (https://kotlinlang.org/docs/properties.html#compile-time-constants);
this reader writes each use of one as its literal, so the source's own reading (testcontainers.py) sees
`DockerImageName.parse("mongo:4.4.22")`; the text keeps its lines.

Read: `const val NAME = VALUE` (`: String` too; any modifier but `private`), VALUE a literal, a template of the
same scope's constants (`"rabbitmq:$TAG"`, `"${TAG}"`) or a join with `+` of such literals and names (private ones
too). A top-level constant belongs to the file's `package`; one inside `object NAME { ... }` to NAME, one inside a
`companion object` to the class around it. A source reaches a top-level constant bare when it imports it (`import
org.acme.db.MONGO_VERSION`, `import org.acme.db.*`, `... as ALIAS`) or declares the same package (a package's
top-level declarations are visible in it, https://kotlinlang.org/docs/packages.html), an object's as `Images.NAME`
(cli/discover_jvm_classes.py hands these to jvm_class_constants.inlined) or bare through `import
org.acme.Images.NAME`; not a name the source declares itself (a `val`, a parameter). Not read: a name two files of one
package (or two objects of one name) give different values, a constant joined from a call or another scope's
constant, a constant used inside a string template of the source (`"$MONGO_VERSION"`), and a raw string (`\"\"\"`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# the tokens the scopes are read from: strings and comments (skipped; an unclosed one ends the text, so that no
# token is searched for twice), the declarations a brace opens, and the braces
_TOKEN_RE = re.compile(
    r'"""(?:.*?)(?:"""|\Z)|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|//[^\n]*|/\*.*?(?:\*/|\Z)'
    r"|(?<![\w.])(?P<decl>companion[ \t]+object|object|class|interface|fun)\b(?:[ \t]+(?P<name>[A-Za-z_]\w*))?"
    r"|(?P<const>(?<![\w.])const[ \t]+val[ \t]+(?P<cname>[A-Za-z_]\w*))"
    r"|(?P<brace>[{}])",
    re.DOTALL,
)
_STRING = r'"(?:[^"\\\n$]++|\\.|\$\{?+[A-Za-z_]\w*+\}?+)*+"'
# after `const val NAME`: an optional `: String`, then the value (parts of it on the following lines too)
_VALUE_RE = re.compile(
    r"[ \t]*(?::[ \t]*String[ \t]*)?=\s*(?P<value>(?:" + _STRING + r"|[A-Za-z_]\w*)"
    r"(?:\s*+\+\s*+(?:" + _STRING + r"|[A-Za-z_]\w*+))*+)(?=[ \t]*+(?:;|//|\n|\Z))"
)
_PART_RE = re.compile(_STRING + r"|[A-Za-z_]\w*")
_TEMPLATE_RE = re.compile(r"\\(.)|\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)")
_PACKAGE_RE = re.compile(r"^[ \t]*package[ \t]+(?P<package>[\w.]+)", re.MULTILINE)
_IMPORT_RE = re.compile(
    r"^[ \t]*import[ \t]+(?P<path>[\w.]+?)\.(?P<name>[A-Za-z_]\w*|\*)(?:[ \t]+as[ \t]+(?P<alias>[A-Za-z_]\w*))?[ \t]*;?"
    r"[ \t]*$",
    re.MULTILINE,
)
# a bare name, not a member (`x.NAME`), a call (`NAME(`), a template's (`$NAME`), a named argument (`NAME =`) nor a
# declaration's (`NAME:`); strings and comments are passed over as they are
_BARE_RE = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|(?<![\w.$])(?P<name>[A-Za-z_]\w*)\b(?![\w$]|\s*\(|[ \t]*:|[ \t]*=(?!=))'
)
_OWN_RE = re.compile(r"\b(?:val|var)[ \t]+([A-Za-z_]\w*)|[(,][ \t\n]*(?:va[lr][ \t]+)?([A-Za-z_]\w*)[ \t]*:")
_MAX_ROUNDS = 8  # constants joined from constants joined from constants ...


@dataclass
class KotlinConstants:
    """The string constants of the tree's Kotlin files: (package, name) -> literal of the top-level ones, and
    (object or class, name) -> literal of those of an object or a companion object."""

    top_level: dict[tuple[str, str], str] = field(default_factory=dict)
    members: dict[tuple[str, str], str] = field(default_factory=dict)


def _scoped(text: str) -> dict[str | None, dict[str, tuple[str, bool]]]:
    """scope -> name -> (value expression, private) of the `const val`s of `text`: scope None for the top-level
    ones, else the object's name (the class's, for a companion object); one in another scope is left out."""
    out: dict[str | None, dict[str, tuple[str, bool]]] = {}
    stack: list[str | None] = []  # per open brace: the object or class it opened, or "" for another block
    pending: tuple[str, str | None] | None = None
    for match in _TOKEN_RE.finditer(text):
        if match["decl"]:
            pending = (match["decl"].split()[0], match["name"])
        elif match["brace"] == "{":
            kind, name = pending or ("", None)
            if kind == "companion":  # its constants are the class's around it
                name = stack[-1] if stack and stack[-1] else None
            stack.append(name if kind in ("object", "class", "companion", "interface") and name else "")
            pending = None
        elif match["brace"] == "}":
            if stack:
                stack.pop()
            pending = None
        elif match["const"] and (not stack or stack[-1]):
            value = _VALUE_RE.match(text, match.end())
            if value is not None:
                private = re.search(r"\bprivate[ \t]+(?:\w+[ \t]+)*$", text[max(0, match.start() - 60) : match.start()])
                scope = stack[-1] if stack else None
                out.setdefault(scope, {})[match["cname"]] = (value["value"], private is not None)
    return out


def _literal(part: str, known: dict[str, str]) -> str | None:
    """The value of a string literal whose templates name constants of `known`; None when one is not known."""
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        if match.group(1) is not None:
            return {"n": "\n", "t": "\t"}.get(match.group(1), match.group(1))
        value = known.get(match.group(2) or match.group(3))
        missing = missing or value is None
        return value or ""

    out = _TEMPLATE_RE.sub(fill, part[1:-1])
    return None if missing else out


def _joined(expression: str, known: dict[str, str]) -> str | None:
    """The value of a join of literals and names of `known`; None when a part is not known (yet)."""
    out = ""
    for part in _PART_RE.findall(expression):
        value = _literal(part, known) if part.startswith('"') else known.get(part)
        if value is None:
            return None
        out += value
    return out


def _values(declared: dict[str, tuple[str, bool]], outer: dict[str, str]) -> dict[str, str]:
    """name -> literal of the constants of one scope (`outer`: the top-level ones an object's may join)."""
    known: dict[str, str] = {}
    for _ in range(_MAX_ROUNDS):
        added = {
            name: value
            for name, (expression, _) in declared.items()
            if name not in known and (value := _joined(expression, outer | known)) is not None
        }
        if not added:
            break
        known |= added
    return {name: value for name, value in known.items() if not declared[name][1]}


def kotlin_constants(texts: list[str]) -> KotlinConstants:
    """The public string constants of the Kotlin `texts`; a name two of them give different values is left out."""
    top: dict[tuple[str, str], set[str]] = {}
    members: dict[tuple[str, str], set[str]] = {}
    for text in texts:
        package = match["package"] if (match := _PACKAGE_RE.search(text)) else ""
        scoped = _scoped(text)
        outer = _values(scoped.get(None, {}), {}) | {
            name: value
            for name, (expression, private) in scoped.get(None, {}).items()
            if private and (value := _joined(expression, {})) is not None
        }
        for scope, declared in scoped.items():
            for name, value in _values(declared, outer if scope else {}).items():
                (members if scope else top).setdefault((scope or package, name), set()).add(value)
    return KotlinConstants(
        {key: found.pop() for key, found in top.items() if len(found) == 1},
        {key: found.pop() for key, found in members.items() if len(found) == 1},
    )


def _visible(text: str, constants: KotlinConstants) -> dict[str, str]:
    """bare name -> literal of the constants `text` imports or shares a package with (not a name it declares)."""
    package = match["package"] if (match := _PACKAGE_RE.search(text)) else ""
    out = {name: value for (owner, name), value in constants.top_level.items() if owner == package}
    for match in _IMPORT_RE.finditer(text):
        path, name, alias = match["path"], match["name"], match["alias"]
        if name == "*":
            out |= {own: value for (owner, own), value in constants.top_level.items() if owner == path}
            continue
        value = constants.top_level.get((path, name)) or constants.members.get((path.rpartition(".")[2], name))
        if value is not None:
            out[alias or name] = value
    if out:
        own = {name for match in _OWN_RE.finditer(text) for name in match.groups() if name}
        out = {name: value for name, value in out.items() if name not in own}
    return out


def kotlin_inlined(text: str, constants: KotlinConstants) -> str:
    """`text` with each bare name of a constant it imports or shares a package with written as its literal (lines
    kept; `package` and `import` lines as they are)."""
    if not (visible := _visible(text, constants)):
        return text

    def bare(match: re.Match[str]) -> str:
        value = visible.get(match["name"] or "")
        return match.group() if value is None else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return "\n".join(
        line if re.match(r"[ \t]*(?:import|package)\b", line) else _BARE_RE.sub(bare, line) for line in text.split("\n")
    )
