"""Image settings JVM testkits keep in Typesafe Config (HOCON) files and start with Testcontainers (pure;
cli/discover_typesafe_config.py reads the files).

A library built on Typesafe Config (https://github.com/lightbend/config) ships its defaults in a `reference.conf`
of its module's resources, read by key (`config.getString("kafka-image")`) into a settings object; a testkit then
starts `DockerImageName.parse(settings.kafkaImage).withTag(settings.kafkaImageTag)` (alpakka-kafka's testkit). What
is read:

- `hocon_strings`: the string values of a HOCON file, by full path (`a.b { key = "v" }`, `a.b.key = v`, `key: v`), a
  whole-value substitution `${a.b.c}` resolved within the file (https://github.com/lightbend/config/blob/main/HOCON.md
  "Substitutions"); an include, a concatenation or a list is not read.
- `config_bindings`: the names a JVM source binds to `getString("key")` (Scala `val`, Java/Kotlin `String name =`).
- `started_members`: the members a Testcontainers source gives `DockerImageName.parse(x.member)`, with its
  `.withTag(x.member)`.
- `builder_tags`: a settings builder's `.withMemberName(value)` (the Akka settings style, `copy(member = value)`), a
  literal or a name the file binds to one: the tag a test starts that image with.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.line_index import LineIndex

_KEY = r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*"
_OPEN_RE = re.compile(r"^\s*(?P<key>" + _KEY + r")\s*[:=]?\s*\{\s*$")
_VALUE_RE = re.compile(
    r"""^\s*(?P<key>""" + _KEY + r""")\s*[:=]\s*(?:"(?P<quoted>[^"\\\n]*)"|\$\{(?P<ref>""" + _KEY + r""")\}"""
    r"""|(?P<bare>[\w./:@-]+))\s*(?:[#,].*|//.*)?$"""
)
_GET_RE = re.compile(
    r"""(?:\bval|\bvar|\bString)\s+(?P<name>[A-Za-z_]\w*)(?:\s*:\s*String)?\s*=\s*[\w.()]*?\.getString\(\s*"""
    r""""(?P<key>[^"\\\n]+)"\s*\)"""
)
_PARSE_RE = re.compile(
    r"\bDockerImageName\s*\.\s*parse\(\s*[A-Za-z_][\w.]*\.(?P<image>[A-Za-z_]\w*)\s*\)"
    r"(?:\s*\.\s*withTag\(\s*[A-Za-z_][\w.]*\.(?P<tag>[A-Za-z_]\w*)\s*\))?"
)
_LITERAL_RE = re.compile(r"""\b(?:val|var|String)\s+(?P<name>[A-Za-z_]\w*)\s*=\s*"(?P<value>[^"\\\n]+)"\s*;?\s*$""")


def hocon_strings(text: str) -> dict[str, tuple[int, str]]:
    """Each string value of the HOCON `text` by its full path: (1-based line, value), substitutions resolved."""
    raw: dict[str, tuple[int, str, bool]] = {}  # path -> (line, value or referenced path, is a reference)
    stack: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//")):
            continue
        if (opened := _OPEN_RE.match(line)) is not None:
            stack.append(opened["key"])
        elif stripped == "}":
            if stack:
                stack.pop()
        elif (assigned := _VALUE_RE.match(line)) is not None:
            path = ".".join([*stack, assigned["key"]])
            if assigned["ref"] is not None:
                raw[path] = (number, assigned["ref"], True)
            else:
                written = assigned["quoted"] if assigned["quoted"] is not None else assigned["bare"]
                raw[path] = (number, written, False)
    out: dict[str, tuple[int, str]] = {}
    for path, (number, written, reference) in raw.items():
        value, is_ref, seen = written, reference, {path}
        while is_ref and value in raw and value not in seen:
            seen.add(value)
            _, value, is_ref = raw[value]
        if not is_ref:
            out[path] = (number, value)
    return out


def config_bindings(text: str) -> dict[str, str]:
    """The names the JVM source `text` binds to `getString("key")`: name -> key."""
    return {match["name"]: match["key"] for match in _GET_RE.finditer(text)}


def started_members(text: str) -> list[tuple[int, str, str | None]]:
    """(line, image member, tag member or None) of each `DockerImageName.parse(x.member)` of the source `text`."""
    lines = LineIndex(text)
    return [(lines.line(m.start()), m["image"], m["tag"]) for m in _PARSE_RE.finditer(text)]


def builder_tags(text: str, member: str) -> list[tuple[int, str]]:
    """(line, value) of each `.withMember(value)` call of the source `text` (`member` in lower camel case): a
    literal, or a name the file binds to one."""
    literals = {m["name"]: m["value"] for line in text.splitlines() if (m := _LITERAL_RE.search(line))}
    call = re.compile(
        r"\.\s*with" + re.escape(member[:1].upper() + member[1:]) + r"""\(\s*(?:"(?P<value>[^"\\\n]+)"|(?P<name>"""
        r"""[A-Za-z_]\w*))\s*\)"""
    )
    lines = LineIndex(text)
    out: list[tuple[int, str]] = []
    for match in call.finditer(text):
        value = match["value"] if match["value"] is not None else literals.get(match["name"])
        if value is not None:
            out.append((lines.line(match.start()), value))
    return out
