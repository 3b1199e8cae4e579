"""The images a Gradle build's tasks give a test suite as a system property or an environment variable (pure).

A library that starts its database with Testcontainers reads the image from a property with a default (zonky's
`environment.getProperty("zonky.test.database.postgres.docker.image", "postgres:11-alpine")`, jdbi's
`System.getProperty(...)`); the build runs its tests once per version, each `Test` task setting that property
(`systemProperty 'name', value`) or, for a Spring `Environment`, the environment variable Spring's relaxed binding
maps to it (`environment 'ZONKY_TEST_DATABASE_POSTGRES_DOCKER_IMAGE', "postgres:${version.postgres}-alpine"`), in
tasks made in a loop over a list of the same file (`testSuites.each { suite -> suite.versions.each { version ->
task "test_${suite.name}_${version.name}"(type: Test) { ... } } }`). Read here, for the names given (those a
Testcontainers source reads its image from, jvm_properties.py):

- `systemProperty NAME, VALUE` and `environment NAME, VALUE` (with or without parentheses; Groovy or Kotlin DSL), in
  any task of the file;
- VALUE a single-quoted string as written; a double-quoted one with its `${...}` and `$name` placeholders resolved
  (in Kotlin `$name` is the name alone; in Groovy `$name.field` reads a field): a parameter of an enclosing loop
  (`LIST.each { p -> ...}`, `forEach`, an implicit `it`, `for (p in LIST)`), once per item of what it iterates (a list
  bound in the file, gradle_values.py, or a field of an outer loop's item, `suite.versions`; `.tail()` drops the
  first item) with the item's fields (`version.postgres`, `version['postgres']`); or a name the file binds to a
  string; an item without the field (the task's `if (version.postgres)` skips it) gives nothing;
- each value that is an image reference, at the line of the setting (`use`: `environment NAME (Test task)`).

A value from anything else (a project property, `System.getenv`, a call) is not known and is left out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gradle_values import Value, build_values, parse_value
from ecr_mirror.choose.discovery.jib import _block_end
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

KIND = "Gradle build file"
_SETTING_RE = re.compile(
    r"""(?<![\w.])(?P<call>systemProperty|environment)\s*\(?\s*(?:'(?P<a>[^'\n]+)'|"(?P<b>[^"$\n]+)")\s*,\s*"""
    r"""(?:'(?P<single>[^'\n]*)'|"(?P<double>(?:[^"\\\n]|\\.)*)"|(?P<name>[A-Za-z_][\w.]*)\s*(?:\)|$|;|\n))"""
)
_CHAIN = r"[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*(?:\(\s*\))?)*"
_LOOP_RE = re.compile(
    r"(?P<iter>" + _CHAIN + r"|\[[^\[\]\n]*\]|(?:listOf|setOf|arrayOf)\([^()\n]*\))\s*\.\s*(?:each|forEach)\s*"
    r"(?:\(\s*)?\{\s*(?:(?P<param>[A-Za-z_]\w*)\s*(?::\s*[\w<>?]+\s*)?->)?"
)
_LITERAL_LIST_RE = re.compile(r"\[|(?:listOf|setOf|arrayOf)\(")
_FOR_RE = re.compile(
    r"\bfor\s*\(\s*(?:def\s+|val\s+)?(?P<param>[A-Za-z_]\w*)\s+in\s+(?P<iter>" + _CHAIN + r")\s*\)\s*\{"
)
_GROOVY_PLACEHOLDER_RE = re.compile(r"\$\{\s*(?P<braced>[^{}]+?)\s*\}|\$(?P<bare>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
_KOTLIN_PLACEHOLDER_RE = re.compile(r"\$\{\s*(?P<braced>[^{}]+?)\s*\}|\$(?P<bare>[A-Za-z_]\w*)")
_STEP_RE = re.compile(r"""\s*(?:\.\s*([A-Za-z_]\w*)(\(\s*\))?|\[\s*(?:'([^'\n]*)'|"([^"\n]*)")\s*\])""")
_NAME_RE = re.compile(r"(?:(?:rootProject|project)\s*\.\s*)?(?:ext\s*\.\s*)?([A-Za-z_]\w*)")
_MAX_VALUES = 256


def relaxed_name(name: str) -> str:
    """The environment variable Spring Boot's relaxed binding reads a property from: dots to underscores, dashes
    removed, upper case (`zonky.test.database.postgres.docker.image` -> `ZONKY_TEST_DATABASE_POSTGRES_DOCKER_IMAGE`)."""
    return name.replace(".", "_").replace("-", "").upper()


def _loops(text: str) -> list[tuple[int, int, str, str]]:
    """(body start, body end, parameter, iterated expression) of each loop of the file."""
    out: list[tuple[int, int, str, str]] = []
    for match in [*_LOOP_RE.finditer(text), *_FOR_RE.finditer(text)]:
        brace = text.rfind("{", match.start(), match.end())
        out.append((brace + 1, _block_end(text, brace + 1), match["param"] or "it", match["iter"]))
    return out


def _steps(value: Value, rest: str) -> Value:
    """`value` followed by the fields (`.postgres`, `['postgres']`) and calls (`.tail()`) written in `rest`."""
    at = 0
    while at < len(rest):
        step = _STEP_RE.match(rest, at)
        if step is None:
            return None
        field = step[1] or step[3] or step[4]
        if step[2] is not None:  # a call without arguments: `.tail()` drops the first item; others keep the list
            value = value[1:] if field == "tail" and isinstance(value, list) else value
        elif isinstance(value, dict):
            value = value.get(field)
        else:
            return None
        at = step.end()
    return value


def _evaluate(expression: str, scope: dict[str, Value], bound: dict[str, list[Value]]) -> list[Value]:
    """The values of `NAME.field['field'].call()`: NAME a loop parameter in `scope`, or a name the file binds."""
    head = _NAME_RE.match(expression.strip())
    if head is None:
        return []
    rest = expression.strip()[head.end() :]
    name = head[1]
    starts = [scope[name]] if name in scope else bound.get(name, [])
    return [value for start in starts if (value := _steps(start, rest)) is not None]


def _scopes(
    enclosing: list[tuple[str, str]], bound: dict[str, list[Value]], scope: dict[str, Value]
) -> Iterator[dict[str, Value]]:
    """Each binding of the enclosing loops' parameters (outermost first) to one item of what it iterates."""
    if not enclosing:
        yield scope
        return
    (param, iterated), inner = enclosing[0], enclosing[1:]
    literal = _LITERAL_LIST_RE.match(iterated) is not None  # `['13', '14'].each`, `listOf("13", "14").forEach`
    for items in [parse_value(iterated, 0)[0]] if literal else _evaluate(iterated, scope, bound):
        for item in items if isinstance(items, list) else []:
            yield from _scopes(inner, bound, {**scope, param: item})


def _strings(written: str, kotlin: bool, scope: dict[str, Value], bound: dict[str, list[Value]]) -> list[str]:
    """The strings a double-quoted value stands for in `scope` (none when a placeholder is not known)."""
    pattern = _KOTLIN_PLACEHOLDER_RE if kotlin else _GROOVY_PLACEHOLDER_RE
    pieces: list[list[str]] = []
    at = 0
    for match in pattern.finditer(written):
        pieces.append([written[at : match.start()]])
        values = _evaluate(match["braced"] or match["bare"], scope, bound)
        strings = sorted({value for value in values if isinstance(value, str) and "$" not in value})
        if not strings:
            return []
        pieces.append(strings)
        at = match.end()
    pieces.append([written[at:]])
    return ["".join(parts) for parts in itertools.islice(itertools.product(*pieces), _MAX_VALUES)]


def _values(match: re.Match[str], kotlin: bool, scope: dict[str, Value], bound: dict[str, list[Value]]) -> list[str]:
    if match["single"] is not None:
        return [match["single"]]
    if match["double"] is not None:
        return _strings(match["double"], kotlin, scope, bound)
    return [value for value in _evaluate(match["name"], scope, bound) if isinstance(value, str) and "$" not in value]


def gradle_setting_images(
    text: str, origin: str, properties: Collection[str], variables: Collection[str]
) -> list[Found]:
    """The images the build file `text` gives the system properties `properties` and the environment variables
    `variables` of its tasks."""
    if not (properties or variables) or ("systemProperty" not in text and "environment" not in text):
        return []
    kotlin = origin.endswith(".kts")
    lines = LineIndex(text)
    bound: dict[str, list[Value]] | None = None
    loops: list[tuple[int, int, str, str]] | None = None
    found: list[Found] = []
    for match in _SETTING_RE.finditer(text):
        name = match["a"] or match["b"]
        wanted = properties if match["call"] == "systemProperty" else variables
        if name not in wanted or lines.led_by(match.start(), ("//", "*", "/*")):
            continue
        bound = build_values(text) if bound is None else bound
        loops = _loops(text) if loops is None else loops
        enclosing = sorted((start, param, it) for start, end, param, it in loops if start <= match.start() < end)
        values: list[str] = []
        for scope in _scopes([(param, it) for _, param, it in enclosing], bound, {}):
            values += [value for value in _values(match, kotlin, scope, bound) if value not in values]
        line = lines.line(match.start())
        for value in values:
            if reference_or_none(value) is None:
                continue
            item = Found(value, origin, line, use=f"{match['call']} {name} (Test task)", kind=KIND)
            found += [item] if item not in found else []
    return found
