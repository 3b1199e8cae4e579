"""The images Elixir code starts with Testcontainers for Elixir (pure).

Testcontainers for Elixir (https://github.com/testcontainers/testcontainers-elixir, its README's "Usage";
https://hexdocs.pm/testcontainers) describes a container as a `%Testcontainers.Container{image: "redis:latest"}`
struct (`Container.new("redis:latest")`), or as a module's config struct whose `new/0` sets its default image
(`RedisContainer.new()`, `@default_image "redis"`, `@default_tag "7.2-alpine"`, `image:
"#{@default_image}:#{@default_tag}"`) and `with_image/2` replaces it; it pulls and runs the image when the config is
started: `Testcontainers.start_container(config)`, or the ExUnit macro `container(:redis, config)`, or through a
`defimpl Testcontainers.ContainerBuilder` whose `build/1` returns the container. Read in an Elixir file that names the
library's modules (`Testcontainers.Container`, `defmodule Testcontainers.RedisContainer`), docstrings and comments
left out:

- the `image: @attribute` of a module defining a struct (`defstruct [:image, ...]`): the attribute's string, its
  `#{@other}` interpolations of the file's attributes resolved, at the attribute's line (a module's default);
- the images of the container a `ContainerBuilder` implementation's `build` returns (`new("nginx:alpine") |> ...`);
- the images of a config the file starts, given in the call or in the binding of the name it passes (`config = ...`
  before `start_container(config)`, a module attribute `@custom new() |> with_image(...)` before `container(:pg,
  @custom)`): `Container.new("...")` (or `new("...")` where the file imports `Testcontainers.Container`), `"..." |>
  Container.new()`, a struct's or keyword's `image: "..."`, and `with_image("...")`. A config only built to compare its
  fields (`assert config.image == "bitnami/mongodb:latest"`) pulls nothing and is not read, nor is a name the file
  makes itself with `Api.tag_image("alpine", "local_alpine", "latest", conn)` (Docker's image tag: made locally).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex

_USES_RE = re.compile(r"(?<![\w.])Testcontainers(?:\.[A-Z]|\s+do\b|\s*$)", re.MULTILINE)
_HEREDOC_RE = re.compile(r'"""[\s\S]*?"""|' + r"'''[\s\S]*?'''")
_COMMENT_RE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)
# a one-line string, possibly interpolating (`"#{@default_image}:#{@default_tag}"`, `"#{Constants.ryuk_version()}"`)
_STRING = r'"(?P<image>(?:[^"\\\n#]|#\{[^{}"\n]*\})+)"'
_ATTRIBUTE_RE = re.compile(r'^[ \t]*@(?P<name>[a-z_]\w*)[ \t]+"(?P<value>[^"\\\n]*)"[ \t]*$', re.MULTILINE)
_INTERPOLATION_RE = re.compile(r"#\{\s*@(?P<name>[a-z_]\w*)\s*\}")
# `#{Constants.ryuk_version()}`: a function of another module (by the last part of its name) returning a literal
_CALLED_RE = re.compile(r"#\{\s*(?:[A-Z]\w*\.)*(?P<module>[A-Z]\w*)\.(?P<fun>[a-z_]\w*[?!]?)(?:\(\s*\))?\s*\}")
_DEFMODULE_RE = re.compile(r"^\s*defmodule\s+(?:[A-Z]\w*\.)*(?P<module>[A-Z]\w*)\s+do\b", re.MULTILINE)
_CONSTANT_RE = re.compile(
    r'^\s*def\s+(?P<fun>[a-z_]\w*[?!]?)(?:\(\s*\))?\s*,\s*do:\s*"(?P<value>[^"\\\n#]*)"\s*$', re.MULTILINE
)
_STRUCT_RE = re.compile(r"^\s*defstruct\b", re.MULTILINE)
_DEFAULT_RE = re.compile(r"(?<![\w])image:\s*@(?P<name>[a-z_]\w*)\b")
_IMPORTS_CONTAINER_RE = re.compile(r"^\s*import\s+Testcontainers\.Container\b", re.MULTILINE)
_GIVEN = (
    r"(?<![\w.])(?:Testcontainers\.)?Container\.new\(\s*" + _STRING,
    r"(?<![\w])image:\s*" + _STRING,
    r"(?<![\w])with_image\(\s*(?:[a-z_]\w*\s*,\s*)?" + _STRING,
    _STRING + r"\s*\|>\s*(?:Testcontainers\.)?Container\.new\(\s*\)",
)
_BARE_NEW = r"(?<![\w.])new\(\s*" + _STRING
# `Testcontainers.start_container(config)`, ExUnit's `container(:name, config)` (Testcontainers.ExUnit), the
# library's own `Api.create_container(config, conn)`; an `Api.pull_image("...")` pulls wherever it is
_START_RE = re.compile(
    r"(?<![\w.])(?:(?:Testcontainers\.)?start_container\(\s*|Api\.create_container\(\s*|container\(\s*:\w+\s*,\s*)"
    r"(?P<arg>@?[a-z_]\w*\s*[,)])?"
)
_PULL_RE = re.compile(r"(?<![\w])Api\.pull_image\(\s*" + _STRING)
# the start of a function or of a test: a name bound before it is another block's
_BLOCK_RE = re.compile(r"^[ \t]*(?:defp?|test|setup(?:_all)?)\b", re.MULTILINE)
_BUILDER_RE = re.compile(r"^\s*defimpl\s+Testcontainers\.ContainerBuilder\b", re.MULTILINE)
_BUILD_RE = re.compile(r"^[ \t]*def\s+build\(", re.MULTILINE)
_TAGGED_RE = re.compile(r'\btag_image\(\s*"[^"\n]*"\s*,\s*"(?P<repo>[^"\n]+)"\s*,\s*"(?P<tag>[^"\n]+)"')
_CONTINUES = ("|>", ")", "}", "]")


def uses_elixir_testcontainers(text: str) -> bool:
    """Whether an Elixir file names a module of Testcontainers for Elixir (outside its docstrings and comments)."""
    return _USES_RE.search(_code(text)) is not None


def _code(text: str) -> str:
    """The text with its heredocs (`@moduledoc \"\"\"...\"\"\"`, doctests) and comment lines blanked, offsets kept."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    return _COMMENT_RE.sub(blank, _HEREDOC_RE.sub(blank, text))


def _indent(text: str, line_start: int) -> int:
    return len(text[line_start:]) - len(text[line_start:].lstrip(" \t"))


def _expression_end(text: str, start: int) -> int:
    """The end of the expression of the line holding `start`: the lines after it up to the first one indented as
    much or less that does not continue it (a `|>` pipe, a closing bracket)."""
    line_start = text.rfind("\n", 0, start) + 1
    indent = _indent(text, line_start)
    end = text.find("\n", start)
    while end >= 0:
        line = text[end + 1 : text.find("\n", end + 1) if text.find("\n", end + 1) >= 0 else len(text)]
        stripped = line.strip()
        if stripped and _indent(line, 0) <= indent and not stripped.startswith(_CONTINUES):
            return end + 1
        end = text.find("\n", end + 1)
    return len(text)


def _given(code: str, start: int, end: int, bare_new: bool) -> list[tuple[int, str]]:
    """(offset, image) of the images a container config between `start` and `end` is given."""
    patterns = [re.compile(pattern) for pattern in _GIVEN + ((_BARE_NEW,) if bare_new else ())]
    return [(m.start("image"), m["image"]) for pattern in patterns for m in pattern.finditer(code, start, end)]


def _bindings(code: str, name: str, before: int) -> list[int]:
    """The offsets where the bindings of `name` before `before` start their values, the last first: a module
    attribute's (`@custom ...`) anywhere, the last one only; a variable's (`config =`) within the function or test
    holding `before`, the last one and, while a binding's value names the variable again (`config =
    resolve_pull_policy(config, properties)`), the one before it too."""
    if name.startswith("@"):
        pattern = r"^[ \t]*" + re.escape(name) + r"[ \t]+(?=\S)"
        bindings = [m.end() for m in re.finditer(pattern, code[:before], re.MULTILINE)]
        return bindings[-1:]
    pattern = r"(?<![\w.@:])" + re.escape(name) + r"\s*=(?![=~>])\s*"
    blocks = [m.start() for m in _BLOCK_RE.finditer(code, 0, before)]
    since = blocks[-1] if blocks else 0
    bindings = [since + m.end() for m in re.finditer(pattern, code[since:before])]
    out: list[int] = []
    again = re.compile(r"(?<![\w.@:])" + re.escape(name) + r"(?![\w?!])")
    for at in reversed(bindings):
        out.append(at)
        if again.search(code, at, _expression_end(code, at)) is None:
            break
    return out


def _started(code: str, bare_new: bool) -> list[tuple[int, str]]:
    """(offset, image) of the images of the configs the file starts."""
    out: list[tuple[int, str]] = []
    for match in _START_RE.finditer(code):
        if match["arg"] is not None:
            for at in _bindings(code, match["arg"].rstrip(",) \t\n"), match.start()):
                out += _given(code, at, _expression_end(code, at), bare_new)
        else:
            out += _given(code, match.end(), _expression_end(code, match.start()), bare_new)
    return out


def _built(code: str, bare_new: bool) -> list[tuple[int, str]]:
    """(offset, image) of the containers the `build` functions of `ContainerBuilder` implementations return."""
    if _BUILDER_RE.search(code) is None:
        return []
    return [
        given
        for m in _BUILD_RE.finditer(code)
        for given in _given(code, m.end(), _expression_end(code, m.start()), bare_new)
    ]


def _defaults(code: str) -> list[tuple[int, str]]:
    """(offset, value as written) of `image: @attribute` in a module defining a struct: the attribute's string."""
    if _STRUCT_RE.search(code) is None:
        return []
    attributes = _attributes(code)
    return [attributes[m["name"]] for m in _DEFAULT_RE.finditer(code) if m["name"] in attributes]


def _attributes(code: str) -> dict[str, tuple[int, str]]:
    """The file's module attributes bound to a string: name -> (offset, value as written)."""
    return {m["name"]: (m.start("value"), m["value"]) for m in _ATTRIBUTE_RE.finditer(code)}


def _resolved(value: str, attributes: dict[str, tuple[int, str]], functions: Mapping[tuple[str, str], str]) -> str:
    """`value` with its `#{@attribute}` and `#{Module.function()}` interpolations replaced by their literals (an
    unknown one left as written)."""
    for _ in range(2):  # twice: an attribute's value may interpolate others (`@default_image_with_tag`)
        value = _INTERPOLATION_RE.sub(
            lambda m: attributes[m["name"]][1] if m["name"] in attributes else m.group(), value
        )
    return _CALLED_RE.sub(lambda m: functions.get((m["module"], m["fun"]), m.group()), value)


def _images(text: str, functions: Mapping[tuple[str, str], str]) -> list[tuple[int, str, bool]]:
    """(offset, image, whether a function of another module gave part of it) of the file's module defaults, built
    containers, started configs and pulled images whose interpolations are all known."""
    code = _code(text)
    bare_new = _IMPORTS_CONTAINER_RE.search(code) is not None
    tagged = {f"{m['repo']}:{m['tag']}" for m in _TAGGED_RE.finditer(code)}
    attributes = _attributes(code)
    found = _defaults(code) + _built(code, bare_new) + _started(code, bare_new)
    found += [(m.start("image"), m["image"]) for m in _PULL_RE.finditer(code)]
    out: list[tuple[int, str, bool]] = []
    for at, value in found:
        image = _resolved(value, attributes, functions)
        if "#{" not in image and image not in tagged:
            out.append((at, image, _CALLED_RE.search(value) is not None))
    return out


def elixir_container_images(text: str) -> list[tuple[int, str]]:
    """(offset, image) of the module defaults, built containers, started configs and pulled images of an Elixir file
    known from the file alone."""
    return [(at, image) for at, image, called in _images(text, {}) if not called]


def constant_functions(texts: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """(module's last name, function) -> literal of the functions of the Elixir files `texts` that return one string
    (`def ryuk_version, do: "0.14.0"` in `defmodule Testcontainers.Constants`), when only one module so named defines
    the function."""
    seen: dict[tuple[str, str], set[str]] = {}
    for shown, text in texts.items():
        if not shown.endswith((".ex", ".exs")):
            continue
        code = _code(text)
        modules = list(_DEFMODULE_RE.finditer(code))
        for match in _CONSTANT_RE.finditer(code):
            owner = [m["module"] for m in modules if m.start() < match.start()]
            seen.setdefault((owner[-1], match["fun"]), set()).add(match["value"]) if owner else None
    return {key: next(iter(values)) for key, values in seen.items() if len(values) == 1}


def called_constant_images(texts: Mapping[str, str]) -> list[Found]:
    """The images of the tree's Elixir Testcontainers sources (`texts`, by name shown) that interpolate another
    module's constant function (`"testcontainers/ryuk:#{Constants.ryuk_version()}"`), at the string's line."""
    functions = constant_functions(texts)
    out: list[Found] = []
    for shown, text in texts.items():
        if not shown.endswith((".ex", ".exs")) or not functions or not uses_elixir_testcontainers(text):
            continue
        lines = LineIndex(text)
        out += [
            Found(image, shown, lines.line(at), use="testcontainers", kind="Elixir source")
            for at, image, called in _images(text, functions)
            if called
        ]
    return out
