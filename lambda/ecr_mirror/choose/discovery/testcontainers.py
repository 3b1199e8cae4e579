"""The images tests start with Testcontainers, from literal strings in their source (pure).

https://testcontainers.com: a test names the image it starts, and Testcontainers pulls it. Read only in a file that
imports Testcontainers (Go `github.com/testcontainers/testcontainers-go`, Java/Kotlin/Groovy `org.testcontainers`,
Python `testcontainers`, JavaScript/TypeScript `testcontainers` or `@testcontainers/...`, C# `using
Testcontainers.MODULE` or `using DotNet.Testcontainers...`), and only a literal string that is an image reference:

- Go: `testcontainers.WithImage("...")`, `Image: "..."` (a `ContainerRequest`), and `MODULE.Run(ctx, "...")` of
  the core package or of a module it imports (`postgres.Run(ctx, "postgres:16")`, also when a call makes the
  context: `k3s.Run(dockerContext(ctx), k3sImage)`); a table-driven test's field given as the image (`Image:
  tt.image`: each literal the file writes after `image:`), a name a `for` loop binds over literals, and an image
  `fmt.Sprintf` formats from names, calls of the file's functions without parameters, or into a name first
  (`image := fmt.Sprintf("postgres:%s", pgVersion)`), and the default a configuration struct the file builds holds
  (`Image: config.image` after `config := &valkeyConfig{image: "..."}`, functional options applied) (go_test_tables.py);
- Java, Kotlin, Groovy, Python, JavaScript/TypeScript: a container class's constructor given a string first
  (`new PostgreSQLContainer<>("postgres:16")`, `MongoDBContainer("mongo:7")`, `DockerContainer(image="...")`,
  `new GenericContainer("redis:7")`; in Python also by the `image=` keyword after others), and
  `DockerImageName.parse("...")` (also wrapped around its dot, as
  formatters wrap a long constant; with a literal `.withTag("...")`), or `parse("...")` alone in a Java or Kotlin
  file that imports it (`import static org.testcontainers.utility.DockerImageName.parse;`);
- Java, Kotlin: in a class of the project's own that extends a container class (`extends MySQLContainer<X>`, Kotlin
  `: GenericContainer<X>`), the image its constructor gives `super(...)`, and the one it gives `this(...)` when the
  class's constructor taking one string passes it first to `super` (`this(IMAGE)` then `super(dockerImageName)`);
- Java, Kotlin: a parameterized test's rows given to its container (junit_parameters.py), a value class's field
  given to one (`new GenericContainer<>(props.image)`: java_value_classes.py);
- Java, Kotlin: the base image of a Dockerfile DSL build (`withDockerfileFromBuilder(builder ->
  builder.from(BASE)...)`, https://java.testcontainers.org/features/creating_images/#dockerfile-dsl), which the
  build pulls; `from(...)` on anything but the lambda's parameter is not read;
- C# (Testcontainers for .NET): a builder's constructor given the image alone (`new K3sBuilder("rancher/k3s:v1.34")`,
  `new ContainerBuilder("redis:7")`; not `StringBuilder`, `UriBuilder`), `.WithImage("...")` (`@"..."` too), and an
  image field (`static readonly IImage Alpine = new DockerImage("alpine:3.20")`), not a container only built to
  compare its image name (csharp_containers.py); a C# file its project's global usings import Testcontainers into
  is read by cli/discover_dotnet.py with `imported`.
- Scala, Ruby, Elixir, Haskell, PHP, each by its own module: scala_containers.py (a container or its `Def` given the
  image, `DockerImageName.parse(...)`, Scala's bindings and `s"..."`), ruby_containers.py (`initialize(image =
  DEFAULT)`, `CLASS.new("...")`), elixir_containers.py (a module's default `image: @attribute`, a `ContainerBuilder`'s
  `build`, a config the file starts), haskell_containers.py (`fromTag "..."`, a top-level name bound to one, also in
  a module of the tree the file imports: cli/discover_sources.py with `imported_tag_images`), php_containers.py.

Where a name stands for the literal (`Run(ctx, image)` after `image := defaultImage` and `const defaultImage =
"redis:7"`, `new GenericContainer<>(REDIS_IMAGE)`), each literal the name is bound to in the same file is read, at the
line it is written on (source_names.py), also one joined from literals and such names (`IMAGE = "datagrip/hsqldb:" +
TAG`, or `REPOSITORY + ":" + TAG` where the image is given), a part of it possibly a call of a method of the file that
takes no arguments, read as what its `return` statements give (`getImage() + ":" + getVersion()`, each returning a
system property when it is set, else a constant: the constant); `self.NAME` (Python) and `this.NAME` are NAME. The
strings `null`, `nil`, `none` and `undefined` stand for no image (a disabled test's `DOCKER_IMAGE = "null"`): not
listed. A version alone (`new S3MockContainer("2.2.3")`, a module that pairs it with its own image) is unresolved, but
for Testcontainers 1.x's `KafkaContainer`, `PulsarContainer` and `LocalStackContainer`, and
`TestcontainersConfiguration`'s getters, whose repositories are known (testcontainers_legacy.py). A name built from an
environment variable, another call or a template string, or bound in another file, is not read, nor is a module's
default image (`PostgresContainer()`, C# `new PostgreSqlBuilder().Build()`: the library's version decides it; a C#
builder class of the tree is read by cli/discover_dotnet.py), except in Python, where python_containers.py reads the
`image` default of the tree's own container classes (the library's modules, a project's wrappers) and the images pytest
parameters and f-strings give container classes (`f"mongo:{version}"`), and in JavaScript and TypeScript, where
js_containers.py reads a container class's constructor default, test tables (`it.each([...])`) and
environment-overridable defaults; an f-string without placeholders is a literal. A Python module that names
Testcontainers and imports a `...Container` relatively (`from .base import InfluxDbContainer`), or a JavaScript or
TypeScript one (`import { MongoDBContainer } from "./mongodb-container"`), is read as importing it, and so is a Python
one importing a `...Container` from a package named for Testcontainers (`from tomodachi_testcontainers import ...`).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.csharp_containers import csharp_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_test_tables import (
    bind_formatted,
    field_names,
    field_values,
    formatted,
    loops_over_rows,
    range_values,
    struct_defaults,
)
from ecr_mirror.choose.discovery.java_image_tags import given_values, parsed_images
from ecr_mirror.choose.discovery.java_value_classes import value_class_images
from ecr_mirror.choose.discovery.js_containers import environment_defaults, js_container_images
from ecr_mirror.choose.discovery.js_object_paths import object_paths
from ecr_mirror.choose.discovery.junit_parameters import parameterized_images
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.python_containers import python_container_images
from ecr_mirror.choose.discovery.source_names import PART, SourceNames
from ecr_mirror.choose.discovery.testcontainers_languages import LANGUAGES, OWN_READERS, USES
from ecr_mirror.choose.discovery.testcontainers_legacy import configured_repositories, versioned_images
from ecr_mirror.choose.discovery.testcontainers_unresolved import unresolved_calls, unresolved_found
from ecr_mirror.choose.discovery.thrown_calls import inside_thrown, thrown_spans
from ecr_mirror.oci.reference import reference_or_none

_MARKS = (b"testcontainers", b"Testcontainers")  # a file without these bytes is not decoded
_HASKELL_MARK = b"TestContainers"  # testcontainers-hs's modules: `import TestContainers.Tasty`
_IMPORT_RE = re.compile(
    r"""github\.com/testcontainers/testcontainers-go|\borg\.testcontainers\.|\bcom\.dimafeng\.testcontainers\b|^\s*(?:from|import)\s+testcontainers\b"""
    r"""|(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"](?:testcontainers|@testcontainers/[\w.-]+)['"]"""
    r"""|^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:DotNet\.)?Testcontainers\b""",
    re.MULTILINE,
)
_RELATIVE_RE = re.compile(r"^\s*from\s+(?:\.|\w*testcontainers)[\w.]*\s+import\s+\(?[\w\s,]*[A-Z]\w*Container\b", re.M)
# `import { ElasticsearchContainer } from "./elasticsearch-container"`: a module's own tests, the library's sources
_JS_RELATIVE_RE = re.compile(
    r"""^\s*import\s+(?:\{[^}]*\b[A-Z]\w*Container\b[^}]*\}|[A-Z]\w*Container)\s+from\s*['"]\.\.?/""", re.MULTILINE
)
_GO_MODULE_RE = re.compile(r"""(?:\b(\w+)\s+)?"github\.com/testcontainers/testcontainers-go(?:/modules/([\w/-]+))?\"""")
# a one-line literal without escapes (in Python possibly an f-string: one with placeholders is no image)
_STRING = r"""(?<![A-Za-z_])f?(?P<quote>["'])(?P<image>[^"'\\\n]+)(?P=quote)"""
# a literal, a join of literals, names and calls (`REPOSITORY + ":" + version()`), or a name or a call bound to one
# (source_names.py)
_ARGUMENT = (
    r"(?:" + _STRING + r"|(?P<joined>" + PART + r"(?:\s*\+\s*" + PART + r")+)"
    r"|(?P<name>(?:(?:self|this)\s*\.\s*)?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?:\(\s*\))?))"
)
_GO_PATTERNS = (
    re.compile(r"\bWithImage\(\s*" + _ARGUMENT + r"\s*\)"),
    re.compile(r"\bImage:\s*" + _ARGUMENT + r"\s*[,}\n]"),
)
# the context first: `ctx`, `t.Context()`, or one a call makes (`dockerContext(ctx)`, `context.WithValue(ctx, k{}, v)`)
_GO_CONTEXT = r"[\w.]+(?:\((?:[^()\n]|\([^()\n]*\))*\))?"
# a table-driven test's field: `Image: tt.image`, `WithImage(tc.image)`, `mongodb.Run(ctx, tc.img, ...)`
# (go_test_tables.py)
_GO_FIELD_RE = re.compile(
    r"\b(?:Image:\s*|WithImage\(\s*|(?P<runner>\w+)\.Run\(\s*" + _GO_CONTEXT + r"\s*,\s*)"
    r"(?P<row>[A-Za-z_]\w*)\.(?P<field>[A-Za-z_]\w*)\s*[,})\n]"
)
# the library's own package calls its functions unqualified: `Run(ctx, "hello-world")`
_GO_OWN_RE = re.compile(r"^package testcontainers[ \t]*$", re.MULTILINE)
_GO_OWN_RUN_RE = re.compile(r"(?<![\w.])Run\(\s*" + _GO_CONTEXT + r"\s*,\s*" + _ARGUMENT + r"\s*[,)]")
# an image formatted from names: `Image: fmt.Sprintf(...)`, `MODULE.Run(ctx, fmt.Sprintf(...))` (go_test_tables.py)
_GO_SPRINTF_RE = re.compile(
    r"\b(?:Image:\s*|WithImage\(\s*|(?P<runner>\w+)\.Run\(\s*" + _GO_CONTEXT + r"\s*,\s*)(?=fmt\.Sprintf\()"
)
_GO_RUN_RE = re.compile(r"\b(\w+)\.Run\(\s*" + _GO_CONTEXT + r"\s*,\s*" + _ARGUMENT + r"\s*[,)]")
# a container class given its image, or Testcontainers' `JibImage` given the base it builds on (and pulls:
# https://java.testcontainers.org/features/jib/)
_CONSTRUCTOR_RE = re.compile(
    r"\b(?:[A-Z]\w*Container|JibImage)\s*(?:<[^<>()\n]*>)?\s*\(\s*(?:image\s*=\s*)?" + _ARGUMENT + r"\s*[,)]"
)
# Python's `image=` keyword after others: `SqlServerContainer(username="SA", image="...")`
_KEYWORD_RE = re.compile(
    r"\b[A-Z]\w*Container\s*\((?:[^()]|\([^()]*\))*?(?<![\w.])image\s*=\s*" + _ARGUMENT + r"\s*[,)]"
)
# A version alone, which a module's class pairs with its own image (`new S3MockContainer("2.2.3")`)
_VERSION_RE = re.compile(r"v?\d+(?:\.\d+)*")
_VERSION_ONLY = "a version, not an image: the module's container class pairs it with its own image (see its docs)"
# a tag after the name, also after `.asCompatibleSubstituteFor("postgres")` (which returns the name, to be tagged)
_SUBSTITUTE = r"""(?:\s*\.\s*asCompatibleSubstituteFor\(\s*"[^"\\\n]*"\s*\))?"""
_PARSE_RE = re.compile(
    r"\bDockerImageName\s*\.\s*parse\(\s*" + _ARGUMENT + r"\s*\)(?P<tag>" + _SUBSTITUTE + r"\s*\.withTag\(\s*)?"
)
# `import static org.testcontainers.utility.DockerImageName.parse;` (Kotlin: no `static`), then `parse("...")` bare
_STATIC_PARSE_RE = re.compile(
    r"^\s*import\s+(?:static\s+)?org\.testcontainers\.utility\.DockerImageName\.(?:parse|\*)\s*;?\s*$", re.MULTILINE
)
_TAGGED = r"(?P<tag>" + _SUBSTITUTE + r"\s*\.withTag\(\s*)?"
_BARE_PARSE_RE = re.compile(r"(?<![\w.$])parse\(\s*" + _ARGUMENT + r"\s*\)" + _TAGGED)
# a class of its own extending a container class (Java `extends MySQLContainer<X>`, Kotlin `: GenericContainer<X>`)
_SUBCLASS_RE = re.compile(r"\bclass\s+(?P<cls>[A-Z]\w*)\b[^{;=]*?(?:\bextends|:)\s*[\w.]*Container\b")
_SUPER_RE = re.compile(r"\bsuper\(\s*" + _ARGUMENT + r"\s*[,)]")
_THIS_RE = re.compile(r"\bthis\(\s*" + _ARGUMENT + r"\s*\)")
_COMMENTS = ("//", "#", "*", "/*")
# The Dockerfile DSL (https://java.testcontainers.org/features/creating_images/#dockerfile-dsl): `new
# ImageFromDockerfile().withDockerfileFromBuilder(builder -> builder.from("alpine:3.16")...)` builds FROM that base
_DSL_RE = re.compile(r"\bwithDockerfileFromBuilder\(\s*\(?\s*(?P<builder>[a-z]\w*)\s*\)?\s*->")
_MAX_DSL = 4096  # characters of a builder lambda read
# strings of a source that stand for no image (a disabled test's `DOCKER_IMAGE = "null"`): no registry serves them
_NOT_IMAGES = frozenset({"null", "nil", "none", "undefined"})


def language_of(path: str | PurePath) -> str | None:
    return LANGUAGES.get(PurePath(path).suffix.lower())


def mentions_testcontainers(data: bytes, name: str = "") -> bool:
    """Whether a source's bytes name Testcontainers at all (checked before the file is decoded); a Haskell source
    (`name` ending `.hs`) may name only testcontainers-hs's modules, `TestContainers.*`."""
    return any(mark in data for mark in _MARKS) or (name.endswith(".hs") and _HASKELL_MARK in data)


def uses_testcontainers(text: str) -> bool:
    """Whether `text` imports Testcontainers (a mention in a comment or a URL is not enough), or is a module of a
    Python package of container classes, or a JavaScript or TypeScript module, that names Testcontainers and imports
    a `...Container` relatively."""
    if _IMPORT_RE.search(text) is not None or _GO_OWN_RE.search(text) is not None:
        return True
    if "testcontainers" not in text:
        return False
    return _RELATIVE_RE.search(text) is not None or _JS_RELATIVE_RE.search(text) is not None


def _go_runners(text: str) -> set[str]:
    """The names the Testcontainers packages a Go file imports go by (`testcontainers`, `postgres`, an alias)."""
    names: set[str] = set()
    for match in _GO_MODULE_RE.finditer(text):
        alias, module = match.group(1), match.group(2)
        names.add(alias or (module.rsplit("/", 1)[-1] if module else "testcontainers"))
    return names


def _dsl_bases(text: str, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image as written) of the base each Dockerfile DSL lambda starts from: `builder.from(...)` on the
    lambda's parameter, within the `withDockerfileFromBuilder(` call."""
    out: list[tuple[int, str]] = []
    for match in _DSL_RE.finditer(text):
        depth, end = 1, match.end()
        while end < min(len(text), match.end() + _MAX_DSL) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        base = re.compile(r"(?<![\w.])" + match["builder"] + r"\s*\.\s*from\(\s*" + _ARGUMENT + r"\s*\)")
        out += [given for m in base.finditer(text, match.end(), end) for given in given_values(m, names)]
    return out


def _delegates_to_super(text: str, classes: set[str]) -> bool:
    """Whether one of `classes` has a constructor taking one string that it passes first to `super` (so that
    `this("...")` names the image): `public HsqlContainer(String dockerImageName) { super(dockerImageName);`."""
    for cls in classes:
        pattern = (
            r"\b" + re.escape(cls) + r"\s*\(\s*(?:final\s+)?String\s+(?P<p>\w+)\s*\)\s*\{\s*super\(\s*(?P=p)\s*[,)]"
        )
        if re.search(pattern, text):
            return True
    return False


def _subclass_images(text: str, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image as written) of the images a container subclass gives its parent: `super("mysql:8.0")`, and
    `this(IMAGE)` when the class's one-string constructor passes its argument to `super`."""
    classes = {match["cls"] for match in _SUBCLASS_RE.finditer(text)}
    if not classes:
        return []
    out = [given for m in _SUPER_RE.finditer(text) for given in given_values(m, names)]
    if _delegates_to_super(text, classes):
        out += [given for m in _THIS_RE.finditer(text) for given in given_values(m, names)]
    return out


def _containers_in(text: str, names: SourceNames, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, image) of the images given to a container constructor or `DockerImageName.parse` between `start`
    and `end` (a parameterized test's body, its parameters bound in `names`: junit_parameters.py)."""
    calls = [m for pattern in (_CONSTRUCTOR_RE, _PARSE_RE) for m in pattern.finditer(text, start, end)]
    return [given for m in calls for given in given_values(m, names)]


def _file_names(text: str, language: str) -> SourceNames:
    """The literals the file binds to its names (source_names.py), with a JavaScript name's environment default and
    the string literals of its object literals by property path (`testConfig.mongodb.image`, js_object_paths.py),
    and the names a Go `for` loop or `fmt.Sprintf` binds."""
    scripted = language in ("JavaScript", "TypeScript")
    names = SourceNames.of(environment_defaults(text) if scripted else text)
    if scripted:  # a binding over lines, `const X =` / `process.env.X ||` / `"default"`, read in the text as written
        for name, values in [*SourceNames.of(text).literals.items(), *object_paths(text).items()]:
            known = names.literals.setdefault(name, [])
            known += [value for value in values if value not in known]
    if language == "Go":
        for name, values in range_values(text).items():  # `for _, image := range testImages()`
            names.literals.setdefault(name, []).extend(values)
        bind_formatted(text, names)  # `image := fmt.Sprintf("postgres:%s", pgVersion)`
    return names


def _literals(text: str, language: str, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image as written) of each literal image in `text`, or of each literal a name passed as one is bound
    to in the same file (each once, however many times the name is passed)."""
    scripted = language in ("JavaScript", "TypeScript")
    out: list[tuple[int, str]] = js_container_images(text, names) if scripted else []
    if language == "Go":
        runners = _go_runners(text)
        fields = [
            m["field"]
            for m in _GO_FIELD_RE.finditer(text)
            if loops_over_rows(text, m["row"])  # a row of a table (`for _, tt := range tests`), not a struct's own
            and (m["runner"] is None or m["runner"] in runners)
        ]
        out += [given for field in fields for given in field_values(text, field)]
        out += [given for field in fields for name in field_names(text, field) for given in names.values(name)]
        out += [given for m in _GO_FIELD_RE.finditer(text) for given in struct_defaults(text, m["row"], m["field"])]
        out += [
            given
            for m in _GO_SPRINTF_RE.finditer(text)
            if m["runner"] is None or m["runner"] in runners
            for given in formatted(text, m.end(), names)
        ]
        out += [given for pattern in _GO_PATTERNS for m in pattern.finditer(text) for given in given_values(m, names)]
        out += [given for m in _GO_RUN_RE.finditer(text) if m.group(1) in runners for given in given_values(m, names)]
        if _GO_OWN_RE.search(text):
            out += [given for m in _GO_OWN_RUN_RE.finditer(text) for given in given_values(m, names)]
    elif language == "C#":
        out += csharp_images(text, names)
    elif (own := OWN_READERS.get(language)) is not None:
        out += own(text)
    else:
        out += [given for m in _CONSTRUCTOR_RE.finditer(text) for given in given_values(m, names)]
        if language == "Python":
            out += [given for m in _KEYWORD_RE.finditer(text) for given in given_values(m, names)]
        out += parsed_images(text, _PARSE_RE, names)
        if _STATIC_PARSE_RE.search(text):
            out += parsed_images(text, _BARE_PARSE_RE, names)
        if language in ("Java", "Kotlin"):
            out += _subclass_images(text, names) + _dsl_bases(text, names)
            out += parameterized_images(text, names, _containers_in) + value_class_images(text, names)
        out = versioned_images(text, names, out, _ARGUMENT)
    lines = LineIndex(text)
    thrown = thrown_spans(text) if language in ("Java", "Kotlin", "Groovy") else []  # never started: thrown_calls.py
    return sorted(
        {
            (start, image)
            for start, image in out
            if not lines.led_by(start, _COMMENTS) and not inside_thrown(thrown, start)
        }
    )


def started_images(text: str, origin: str, imported: bool = False) -> list[Found]:
    """The literal images of a source file that imports Testcontainers (or that its C# project imports it into,
    `imported`), in the file's order."""
    language = language_of(origin)
    uses = USES.get(language or "", uses_testcontainers)
    if language is None or not (imported or uses(text)):
        return []
    given: dict[tuple[int, str], int] = {}  # (line, image) -> offset, to keep the file's order within a line
    if language in ("Java", "Kotlin", "Groovy"):  # `TestcontainersConfiguration.getInstance().getPulsarImage()`
        text = configured_repositories(text)
    lines = LineIndex(text)
    names = _file_names(text, language)
    for start, image in _literals(text, language, names):
        given.setdefault((lines.line(start), image.strip()), start)
    if language == "Python":
        for line, image in python_container_images(text):
            given.setdefault((line, image.strip()), len(text))
    read = {line for line, _ in given}
    calls = unresolved_calls(text, language, names, _go_runners(text) if language == "Go" else set(), read)
    thrown = thrown_spans(text) if calls and language in ("Java", "Kotlin", "Groovy") else []
    calls = [(at, name) for at, name in calls if not inside_thrown(thrown, at)]
    images = [
        Found(
            image,
            origin,
            line,
            _VERSION_ONLY if _VERSION_RE.fullmatch(image) else None,
            use="testcontainers",
            kind=f"{language} source",
        )
        for line, image in sorted(given, key=lambda key: (key[0], given[key], key[1]))
        if reference_or_none(image) is not None and image.lower() not in _NOT_IMAGES
    ]
    return sorted(images + unresolved_found(calls, text, origin, language), key=lambda item: item.line or 0)
