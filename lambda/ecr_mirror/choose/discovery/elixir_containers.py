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

_USES_RE = re.compile(r"(?<![\w.])Testcontainers(?:\.[A-Z]|\s+do\b|\s*$)", re.MULTILINE)
_HEREDOC_RE = re.compile(r'"""[\s\S]*?"""|' + r"'''[\s\S]*?'''")
_COMMENT_RE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)
_STRING = r'"(?P<image>[^"\\\n#]+)"'
_ATTRIBUTE_RE = re.compile(r'^[ \t]*@(?P<name>[a-z_]\w*)[ \t]+"(?P<value>[^"\\\n]*)"[ \t]*$', re.MULTILINE)
_INTERPOLATION_RE = re.compile(r"#\{\s*@(?P<name>[a-z_]\w*)\s*\}")
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
# `Testcontainers.start_container(config)`, ExUnit's `container(:name, config)` (Testcontainers.ExUnit)
_START_RE = re.compile(
    r"(?<![\w.])(?:(?:Testcontainers\.)?start_container\(\s*|container\(\s*:\w+\s*,\s*)(?P<arg>@?[a-z_]\w*\s*[,)])?"
)
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


def _binding(code: str, name: str, before: int) -> int | None:
    """The offset where the last binding of `name` (`config =`, `@custom ...`) before `before` starts its value."""
    if name.startswith("@"):
        pattern = r"^[ \t]*" + re.escape(name) + r"[ \t]+(?=\S)"
    else:
        pattern = r"(?<![\w.@:])" + re.escape(name) + r"\s*=(?![=~>])\s*"
    bindings = [m.end() for m in re.finditer(pattern, code[:before], re.MULTILINE)]
    return bindings[-1] if bindings else None


def _started(code: str, bare_new: bool) -> list[tuple[int, str]]:
    """(offset, image) of the images of the configs the file starts."""
    out: list[tuple[int, str]] = []
    for match in _START_RE.finditer(code):
        if match["arg"] is not None:
            at = _binding(code, match["arg"].rstrip(",) \t\n"), match.start())
            out += _given(code, at, _expression_end(code, at), bare_new) if at is not None else []
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
    """(offset, image) of `image: @attribute` in a module defining a struct: the attribute's string, resolved."""
    if _STRUCT_RE.search(code) is None:
        return []
    attributes = {m["name"]: (m.start("value"), m["value"]) for m in _ATTRIBUTE_RE.finditer(code)}
    out: list[tuple[int, str]] = []
    for match in _DEFAULT_RE.finditer(code):
        if match["name"] not in attributes:
            continue
        at, value = attributes[match["name"]]
        resolved = _INTERPOLATION_RE.sub(lambda m: attributes.get(m["name"], (0, "#{?}"))[1], value)
        out += [] if "#{" in resolved else [(at, resolved)]
    return out


def elixir_container_images(text: str) -> list[tuple[int, str]]:
    """(offset, image as written) of the module defaults, built containers and started configs of an Elixir file."""
    code = _code(text)
    bare_new = _IMPORTS_CONTAINER_RE.search(code) is not None
    tagged = {f"{m['repo']}:{m['tag']}" for m in _TAGGED_RE.finditer(code)}
    found = _defaults(code) + _built(code, bare_new) + _started(code, bare_new)
    return [(at, image) for at, image in found if image not in tagged]
