"""Images a Java container class of the tree joins from the string its constructor is given (pure).

A test library's own container class often holds its repository and takes only the version (Flink CDC's
`OceanBaseContainer(String version) { super(DockerImageName.parse(IMAGE + ":" + version)); }`, its
`ElasticsearchContainer(String version) { this(DockerImageName.parse(String.format("%s:%s", ELASTICSEARCH_IMAGE,
version))); }`, `VitessContainer(String tag) { super(IMAGE + ":" + tag); }` beside `VitessContainer() {
this(DEFAULT_TAG); }`): Testcontainers pulls the joined name (https://java.testcontainers.org/features/
creating_container/), so the version a test gives (`new ElasticsearchContainer("6.8.20")`) is a tag, not an image.

Read: in a Java source, a class extending a container class (`extends ...Container`) whose constructor taking one
`String` gives `super(...)` or `this(...)` (with `DockerImageName.parse(...)` around it or not) a join (`+`) of
literals, names the file binds to literals (source_names.py; also a `String` constant wrapped after its `=`) and the
parameter once, or a `String.format(...)` of a
literal whose only directives are `%s` and such parts; then each one-argument `new CLASS(ARG)` of a source that means
that class (its own file, one of its package, or one importing it: the library's class of the same simple name is
another), and `this(ARG)` in the class's own file (Java calls the one-`String` constructor for a string): ARG a
literal, a name the file binds to literals, or a `String` parameter of the method around the call, given by that
file's own calls of the method. Each is the joined image, at the line of the literal; that literal read alone as an
image (a version, unresolved, or `4.3.3.0-100000142024101215:latest`) is dropped (cli/discover_jvm_classes.py). A
constructor taking several `String`s and joining each at most once is read the same way, each call with as many
arguments giving every combination of their values, at the first argument's literal (cp-testcontainers'
`ZooKeeperContainer(String repository, String tag) { super(repository + "/cp-zookeeper:" + tag); }` and `new
ZooKeeperContainer(repository, tag)` with the factory's fields: `confluentinc/cp-zookeeper:7.8.0`, no longer
`confluentinc:latest`). Not
read: Kotlin, a constructor computing the image otherwise, a method's callers in other files.

So too a method of a Java Testcontainers source taking one `String` that returns the `DockerImageName` it joins from
it the same ways (cp-testcontainers' `CPTestContainerFactory`: `DockerImageName imageName(String componentName) {
return DockerImageName.parse(String.format("%s/%s:%s", repository, componentName, tag)); }`, fields `String
repository = "confluentinc";` and `String tag = "7.8.0";`): each call of it in the file (`new KafkaContainer(imageName(
"cp-kafka"))`) with a literal, or a name the file binds to literals, is the joined image, at the line of the string
(`method_images`); a field set again later (`withTag(String tag) { this.tag = tag; }`) is read with its initial value.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jvm_helpers import block
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

_PACKAGE_RE = re.compile(r"^\s*package\s+(?P<package>[\w.]+)\s*;", re.MULTILINE)
_SUBCLASS_RE = re.compile(r"\bclass\s+(?P<cls>[A-Z]\w*)\b[^{;=]*?\bextends\s+[\w.]*Container\b")
_GIVEN_RE = re.compile(r"\b(?:super|this)\(\s*(?:DockerImageName\s*\.\s*parse\(\s*)?")
_LITERAL = r'"[^"\\\n]*"'
_PART = r"(?:" + _LITERAL + r"|[A-Za-z_]\w*)"
_JOIN_RE = re.compile(r"(?P<join>" + _PART + r"(?:\s*\+\s*" + _PART + r")+)\s*\)")
_FORMAT_RE = re.compile(
    r"String\s*\.\s*format\(\s*(?P<format>" + _LITERAL + r")\s*,\s*(?P<args>" + _PART + r"(?:\s*,\s*" + _PART + r")*)"
    r"\s*\)"
)
_METHOD_RE = re.compile(r"(?<![\w.])(?P<name>[a-z]\w*)\s*\((?P<params>[^(){};]*)\)\s*(?:throws\s+[\w.,\s]+)?\{")
_STRING_PARAM_RE = re.compile(r"\s*(?:final\s+)?String\s+(?P<name>\w+)\s*")
_STRING_PARAMS = r"\s*(?:final\s+)?String\s+\w+\s*(?:,\s*(?:final\s+)?String\s+\w+\s*)*"
_ARGUMENT_RE = re.compile(r"\s*(?:\"(?P<literal>[^\"\\\n]+)\"|(?P<name>[A-Za-z_]\w*))\s*")
# a constant a formatter wrapped after its `=`: `private static final String IMAGE =` / `"docker.elastic.co/..."`
_WRAPPED_RE = re.compile(r"\bString\s+(?P<lhs>[A-Za-z_]\w*)\s*=[ \t]*\n\s*\"(?P<value>[^\"\\\n]+)\"\s*;")
# `DockerImageName imageName(String componentName) {`, then `return DockerImageName.parse(`
_IMAGE_METHOD_RE = re.compile(
    r"\bDockerImageName\s+(?P<method>[a-z]\w*)\s*\(\s*(?:final\s+)?String\s+(?P<param>\w+)\s*\)\s*\{"
)
_RETURN_PARSE_RE = re.compile(r"\s*return\s+DockerImageName\s*\.\s*parse\(\s*")
_MAX_IMAGES = 16  # combinations of one join's names
_COMMENTS = ("//", "*", "/*")


@dataclass(frozen=True, slots=True)
class TagClass:
    """A container class whose constructor taking strings joins its arguments into the image it starts."""

    fqn: str  # the class's fully qualified name
    parts: tuple[tuple[str, ...], ...]  # each part's possible texts; an argument's place is the empty tuple
    slots: tuple[int, ...] = (0,)  # the argument each empty part takes, in order
    arity: int = 1  # the constructor's parameters, all `String`


Template = tuple[tuple[tuple[str, ...], ...], tuple[int, ...]]  # parts, and the parameter of each empty part


def _pieces(pieces: list[str], params: list[str], names: SourceNames) -> Template | None:
    """The parts of a join of `pieces` (literals, names, each parameter at most once, one at least), and the
    parameter each empty part stands for; None when a piece is not known."""
    parts: list[tuple[str, ...]] = []
    slots: list[int] = []
    for piece in pieces:
        if piece in params:
            parts.append(())
            slots.append(params.index(piece))
        elif piece.startswith('"'):
            parts.append((piece[1:-1],))
        elif values := sorted({value for _, value in names.values(piece)}):
            parts.append(tuple(values))
        else:
            return None
    return (tuple(parts), tuple(slots)) if slots and len(set(slots)) == len(slots) else None


def _template(body: str, at: int, param: str | list[str], names: SourceNames) -> Template | None:
    """The parts of the image a `super(`/`this(` at `at` of a constructor's body joins from its parameters."""
    param = [param] if isinstance(param, str) else param
    if (joined := _JOIN_RE.match(body, at)) is not None:
        return _pieces(re.split(r"\s*\+\s*", joined["join"].strip()), param, names)
    if (formatted := _FORMAT_RE.match(body, at)) is None:
        return None
    texts = formatted["format"][1:-1].split("%s")
    args = [arg.strip() for arg in formatted["args"].split(",")]
    if "%" in "".join(texts) or len(args) != len(texts) - 1:
        return None
    pieces = [piece for text, arg in zip(texts, [*args, ""], strict=True) for piece in (f'"{text}"', arg) if piece]
    return _pieces(pieces, param, names)


def _names(text: str) -> SourceNames:
    """The literals a Java source binds to its names (source_names.py), and those of constants wrapped after `=`."""
    names = SourceNames.of(text)
    for match in _WRAPPED_RE.finditer(text):
        names.literals.setdefault(match["lhs"], []).append((match.start("value"), match["value"]))
    return names


def tag_classes(text: str) -> set[TagClass]:
    """The container classes of a Java source whose one-`String` constructor joins its argument into the image."""
    package = _PACKAGE_RE.search(text)
    names: SourceNames | None = None
    out: set[TagClass] = set()
    for owner in _SUBCLASS_RE.finditer(text):
        cls = owner["cls"]
        constructor = re.compile(r"\b" + cls + r"\s*\((?P<params>" + _STRING_PARAMS + r")\)\s*\{")
        for match in constructor.finditer(text):
            body = block(text, match.end())
            names = names or _names(text)
            params = [p.split()[-1] for p in match["params"].split(",")]
            for given in _GIVEN_RE.finditer(body):
                if (template := _template(body, given.end(), params, names)) is not None:
                    fqn = f"{package['package']}.{cls}" if package else cls
                    out.add(TagClass(fqn, template[0], template[1], len(params)))
    return out


def _means(text: str, fqn: str) -> bool:
    """Whether a source means the class `fqn` by its simple name: its import of it, else its own package's."""
    simple = fqn.rpartition(".")[2]
    imported = re.search(r"^\s*import\s+(?P<fqn>[\w.]+\." + re.escape(simple) + r")\s*;", text, re.MULTILINE)
    if imported is not None:
        return imported["fqn"] == fqn
    package = _PACKAGE_RE.search(text)
    return (f"{package['package']}.{simple}" if package else simple) == fqn


def _argument(text: str, start: int) -> tuple[int, str] | None:
    """(offset, text) of the one argument of the call whose `(` ends at `start`, None when it has not one."""
    depth, at = 1, start
    while at < min(len(text), start + 2048) and depth:
        char = text[at]
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 1:
            return None
        at += 1
    return (start, text[start : at - 1]) if depth == 0 else None


def _given(text: str, at: int, written: str, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, value) of the strings an argument written at `at` holds: a literal, a name's literals, or what the
    file's own calls of the method around it give its `String` parameter of that name."""
    if (argument := _ARGUMENT_RE.fullmatch(written)) is None:
        return []
    if argument["literal"] is not None:
        return [(at + written.index('"') + 1, argument["literal"])]
    name = argument["name"]
    if bound := names.values(name):
        return bound
    out: list[tuple[int, str]] = []
    for method in _METHOD_RE.finditer(text, 0, at):
        params = method["params"].split(",")
        position = next((i for i, p in enumerate(params) if (s := _STRING_PARAM_RE.fullmatch(p)) and s[1] == name), -1)
        if position < 0 or method.end() + len(block(text, method.end())) < at:
            continue
        for call in re.finditer(r"(?<![\w$])" + re.escape(method["name"]) + r"\(", text):
            if call.start() == method.start("name") or (arguments := _call_arguments(text, call.end())) is None:
                continue
            if len(arguments) == len(params) and (value := _ARGUMENT_RE.fullmatch(arguments[position][1])):
                if value["literal"] is not None:
                    offset, written_there = arguments[position]
                    out.append((offset + written_there.index('"') + 1, value["literal"]))
                else:
                    out += names.values(value["name"])
    return out


def _call_arguments(text: str, start: int) -> list[tuple[int, str]] | None:
    """(offset, text) of each top-level argument of the call whose `(` ends at `start`, None when it does not close."""
    parts: list[tuple[int, str]] = []
    depth, begin, at = 1, start, start
    while at < min(len(text), start + 2048):
        char = text[at]
        if char == '"':
            close = text.find('"', at + 1)
            at = close if close != -1 else at
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return [*parts, (begin, text[begin:at])]
        elif char == "," and depth == 1:
            parts.append((begin, text[begin:at]))
            begin = at + 1
        at += 1
    return None


def tag_class_images(text: str, origin: str, classes: set[TagClass]) -> tuple[list[Found], set[tuple[int, str]]]:
    """The images a Java source gives the `classes` it means, and the (line, string) of each string it gives them."""
    lines = LineIndex(text)
    names: SourceNames | None = None
    given: set[tuple[int, str]] = set()  # (offset of the first string given, image)
    strings: set[tuple[int, str]] = set()  # (line, string given)
    for cls in classes:
        simple = cls.fqn.rpartition(".")[2]
        if simple not in text or not _means(text, cls.fqn):
            continue
        names = names or _names(text)
        calls = [*re.finditer(r"(?<![\w.])new\s+" + re.escape(simple) + r"\s*(?:<[^<>()\n]*>)?\s*\(", text)]
        if re.search(r"\bclass\s+" + re.escape(simple) + r"\b", text):
            calls += re.finditer(r"\bthis\(", text)
        for call in calls:
            arguments = _call_arguments(text, call.end())
            if lines.led_by(call.start(), _COMMENTS) or arguments is None or len(arguments) != cls.arity:
                continue
            values = [_given(text, *argument, names) for argument in arguments]
            for chosen in itertools.islice(itertools.product(*values), _MAX_IMAGES):
                slots = iter(cls.slots)
                choices = [part or (chosen[next(slots)][1],) for part in cls.parts]
                for combination in itertools.islice(itertools.product(*choices), _MAX_IMAGES):
                    given.add((chosen[0][0], "".join(combination)))
                strings |= {(lines.line(at), value.strip()) for at, value in chosen}
    found = [
        Found(image, origin, lines.line(at), use="testcontainers", kind="Java source")
        for at, image in sorted(given)
        if reference_or_none(image) is not None
    ]
    return found, strings


def method_images(text: str, origin: str) -> list[Found]:
    """The images a Java source's calls of its own methods give that join their one `String` into the
    `DockerImageName` they return (`imageName("cp-kafka")`), at the line of the string given."""
    lines = LineIndex(text)
    names: SourceNames | None = None
    given: set[tuple[int, str]] = set()
    for method in _IMAGE_METHOD_RE.finditer(text):
        body = block(text, method.end())
        if (returned := _RETURN_PARSE_RE.match(body)) is None:
            continue
        names = names or _names(text)
        if (template := _template(body, returned.end(), method["param"], names)) is None:
            continue
        parts = template[0]
        for call in re.finditer(r"(?<![\w.$])" + re.escape(method["method"]) + r"\(", text):
            if call.start() == method.start("method") or lines.led_by(call.start(), _COMMENTS):
                continue
            if (argument := _argument(text, call.end())) is None:
                continue
            for at, value in _given(text, *argument, names):
                choices = [part or (value,) for part in parts]
                given |= {(at, "".join(c)) for c in itertools.islice(itertools.product(*choices), _MAX_IMAGES)}
    return [
        Found(image, origin, lines.line(at), use="testcontainers", kind="Java source")
        for at, image in sorted(given)
        if reference_or_none(image) is not None
    ]
