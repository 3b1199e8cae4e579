"""The images Scala tests start with Testcontainers (pure; testcontainers.py decides which files are read).

Scala tests start containers through testcontainers-scala (https://github.com/testcontainers/testcontainers-scala,
package `com.dimafeng.testcontainers`), whose containers take the image as their first parameter, by position or by
name: `GenericContainer(dockerImage = "redis:7")`, `GenericContainer.Def(exposedPorts = ..., dockerImage = IMAGE)`,
`MySQLContainer.Def(dockerImageName = DockerImageName.parse("mysql:8"))`, `KafkaContainer.Def(s"apache/kafka:$v")`
(https://github.com/testcontainers/testcontainers-scala/blob/master/docs/src/main/tut/usage.md), or through the Java
library (`new GenericContainer(...)`, `DockerImageName.parse(...)`). So, in a file that imports either:

- a `...Container` (also `new`, also its `.Def`, with type arguments `[...]`) given a string first or by the keyword
  `dockerImage`, `dockerImageName` or `imageName`: a literal, an `s"..."` interpolation or a name;
- `DockerImageName.parse(...)` given one of those (with `.withTag(...)`, as in Java: java_image_tags.py).

A name holds what the file binds it to with `val`, `var` or `def` (Scala's modifiers before them, `private`,
`final`, `override`, `lazy` and others, and a type after it): a literal, an interpolation, a join with `+`, another
name, or the default of an environment variable or system property (`sys.env.getOrElse("ZK_VERSION", "3.4")`,
`sys.props.getOrElse(...)`: the value the tests run with when it is not set); an abstract member (`protected val
kafkaVersion: String`) holds what a class of the same file overrides it with (`override val kafkaVersion =
"3.9.2"`). A name bound to a number literal (`final val IMAGE_VERSION = 411`) is read only inside an interpolation:
a project's own container class given a port first (`new HBaseContainer(exposedKdcPort, image)`) names no image.
A member of an object the file declares, `Obj.NAME` (a wrapper's companion object holding its default image:
`DockerImageName.parse(MinIOContainer.defaultDockerImageName)` beside `object MinIOContainer { val
defaultDockerImageName = s"$defaultImage:$defaultTag" }`), is that object's binding of NAME: a Scala object is a
singleton whose members are reached through its name
(https://docs.scala-lang.org/tour/singleton-objects.html#companion-objects); `Other.NAME` of an object the file does
not declare (a Java class's constant, `JavaPostgreSQLContainer.IMAGE`) is not read.
`variable_images` reads the file again with the value a workflow gives such a variable (workflow_environment.py).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.java_image_tags import given_values, parsed_images
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames, interpolation_parts
from ecr_mirror.oci.reference import reference_or_none

_COMMENTS = ("//", "*", "/*")

_MODIFIERS = r"(?:(?:private|protected|final|override|lazy|implicit|sealed)(?:\[\w*\])?\s+)*"
_TYPE = r"(?:\s*:\s*[\w.]+(?:\[[\w.\[\], ]*\])?)?"
# an environment variable or a system property with a default: `sys.env.getOrElse("VAR", ...)`
_DEFAULTED = r"""sys\s*\.\s*(?:env|props)\s*\.\s*getOrElse\(\s*"(?P<variable>[^"\\\n]+)"\s*,\s*"""
_BINDING_RE = re.compile(
    r"^[ \t]*" + _MODIFIERS + r"(?:val|var|def)\s+(?P<lhs>[A-Za-z_]\w*)" + _TYPE + r"\s*=\s*(?:" + _DEFAULTED + r")?"
    r"""(?:"(?P<value>[^"\\\n]+)"|s"(?P<interpolated>[^"\\\n]*)"|(?P<number>\d+(?:\.\d+)*)(?![\w.])"""
    r"|(?P<alias>[A-Za-z_]\w*)(?![\w.(\[]))(?(variable)\s*\))[ \t]*;?[ \t]*(?://.*)?$",
    re.MULTILINE,
)
# a literal, an interpolation, or a name (not a call or a member: `DockerImageName.parse(...)` is read apart)
_ARGUMENT = (
    r"""(?:(?<![A-Za-z_])"(?P<image>[^"\\\n]+)"|(?<![A-Za-z_])s"(?P<interpolated>[^"\\\n]*)\""""
    r"|(?P<name>[A-Za-z_]\w*)(?![\w.(\[]))"
)
_CONTAINER = r"\b[A-Z]\w*Container(?:\s*\.\s*Def)?\s*(?:\[[^\[\]()\n]*\])?\s*\("
_KEYWORD = r"(?:dockerImage|dockerImageName|imageName)\s*=\s*"
_FIRST_RE = re.compile(_CONTAINER + r"\s*(?:" + _KEYWORD + r")?" + _ARGUMENT + r"\s*[,)]")
_NAMED_RE = re.compile(_CONTAINER + r"(?:[^()]|\([^()]*\))*?,\s*" + _KEYWORD + _ARGUMENT + r"\s*[,)]")
# `object MinIOContainer {` (also `case object`, with modifiers)
_OBJECT_RE = re.compile(r"^[ \t]*" + _MODIFIERS + r"(?:case\s+)?object\s+(?P<name>[A-Za-z_]\w*)", re.MULTILINE)
# `Obj.name` where a name may stand (not `x.Obj.name`, not a call `Obj.name(`)
_MEMBER_RE = re.compile(r"(?<![\w.\"$])(?P<owner>[A-Za-z_]\w*)[ \t]*\.[ \t]*(?=[A-Za-z_]\w*(?![\w(\[]))")
# the end of a statement: `;` or the line's end, unless the next line starts with `.`, which cannot begin a
# statement, so the newline separates nothing (a chained call continues it; "Newline Characters",
# https://scala-lang.org/files/archive/spec/2.13/01-lexical-syntax.html)
_STATEMENT_END_RE = re.compile(r"[ \t]*;?[ \t]*(?://[^\n]*)?(?:\n(?![ \t]*\.)|\Z)")
_PARSE_RE = re.compile(r"\bDockerImageName\s*\.\s*parse\(\s*" + _ARGUMENT + r"\s*\)(?P<tag>\s*\.\s*withTag\(\s*)?")


def scala_names(text: str, given: tuple[str, str] | None = None) -> SourceNames:
    """The names of a Scala file and what they hold: its `val`, `var` and `def` bindings, over those a Java-shaped
    reading finds (`+` joins); `given` is (variable, value) the environment gives in place of its default."""
    names = SourceNames.of(text)
    bindings = list(_BINDING_RE.finditer(text))
    for match in bindings:  # numbers first: an interpolation may come before the number it names
        if match["number"] is not None:
            names.numbers.setdefault(match["lhs"], match["number"])
    for match in bindings:
        lhs = match["lhs"]
        if given is not None and match["variable"] == given[0]:
            names.literals[lhs] = [(match.start("lhs"), given[1])]  # the variable's value, not its default
        elif match["value"] is not None:
            known = names.literals.setdefault(lhs, [])
            known += [] if (match.start("value"), match["value"]) in known else [(match.start("value"), match["value"])]
        elif match["interpolated"] is not None:
            if (parts := interpolation_parts(match["interpolated"], names.numbers)) is not None:
                names.joins.setdefault(lhs, []).append((match.start("interpolated"), parts))
        elif match["alias"] is not None and match["alias"] != lhs:
            names.aliases.setdefault(lhs, []).append(match["alias"])
    return names


def defaulted_variables(text: str) -> set[str]:
    """The environment variables and system properties a Scala file binds a name to with a default."""
    return {match["variable"] for match in _BINDING_RE.finditer(text) if match["variable"] is not None}


def variable_images(text: str, variable: str, value: str) -> list[tuple[int, str]]:
    """(line, image) of each image a Scala file starts when `variable` is `value` that it does not start with the
    variable's default (a comment's line and a string that is no image reference give none)."""
    lines = LineIndex(text)
    default = {(lines.line(at), image) for at, image in scala_container_images(text)}
    out: list[tuple[int, str]] = []
    for at, image in scala_container_images(text, (variable, value)):
        entry = (lines.line(at), image)
        if lines.led_by(at, _COMMENTS) or entry in default or entry in out or reference_or_none(image) is None:
            continue
        out.append(entry)
    return out


def _objects_unqualified(text: str) -> str:
    """The text with each `Obj.` before a member of an object the file declares blanked (its offsets kept), so that
    `Obj.NAME` reads as the file's binding of NAME."""
    objects = {match["name"] for match in _OBJECT_RE.finditer(text)}
    if not objects:
        return text
    return _MEMBER_RE.sub(lambda m: " " * len(m[0]) if m["owner"] in objects else m[0], text)


def scala_container_images(text: str, given: tuple[str, str] | None = None) -> list[tuple[int, str]]:
    """(offset, image as written) of each image a Scala file gives a container or `DockerImageName.parse`, with
    the value `given` for an environment variable in place of its default."""
    text = _objects_unqualified(text)
    names = scala_names(text, given)
    out = [
        given for pattern in (_FIRST_RE, _NAMED_RE) for m in pattern.finditer(text) for given in given_values(m, names)
    ]
    return out + parsed_images(text, _PARSE_RE, names, _STATEMENT_END_RE)
