"""The containers a .NET Aspire app host runs (pure).

An Aspire app host (https://aspire.dev) describes the containers of a distributed application in C#, and running it
(or an Aspire test fixture building one) starts them, pulling their images:

- `builder.AddContainer("name", image)` (the tag assumed `latest`) and `AddContainer("name", image, tag)`
  (https://learn.microsoft.com/en-us/dotnet/api/aspire.hosting.containerresourcebuilderextensions.addcontainer);
- an integration's image overridden with `.WithImage(image)` or `.WithImage(image, tag)`
  (https://learn.microsoft.com/en-us/dotnet/api/aspire.hosting.containerresourcebuilderextensions.withimage), its
  tag with `.WithImageTag(tag)` and its registry with `.WithImageRegistry(host)` later in the same statement
  (`builder.AddPostgres("postgres").WithImage("ankane/pgvector").WithImageTag("latest")`).

- an integration's default image set as an annotation, `new ContainerImageAnnotation { Registry = ..., Image = ...,
  Tag = ... }` (https://learn.microsoft.com/en-us/dotnet/api/aspire.hosting.applicationmodel.containerimageannotation;
  the tag `latest` when not given, each value of a `cond ? a : b` tag), at the `Image =` line;
- the base images of the Dockerfile Aspire generates to publish an app, set by an integration, `new
  DockerfileBaseImageAnnotation { BuildImage = "oven/bun:1" }`, or an app host, `.WithDockerfileBaseImage(buildImage:
  ..., runtimeImage: ...)`
  (https://learn.microsoft.com/en-us/dotnet/api/aspire.hosting.containerresourcebuilderextensions.withdockerfilebaseimage):
  each literal or name bound to one, at its line; not in a comment, nor in a test file (whose generated Dockerfile
  is compared as text: no image is built from it).

Read only in a C# file that builds an application (`DistributedApplication.CreateBuilder(...)`, the testing
builder `DistributedApplicationTestingBuilder`) or a hosting integration's extension methods (`this
IDistributedApplicationBuilder builder`, `this IResourceBuilder<T> builder`: the image an app host gets when it calls
`AddRedis(...)`, https://learn.microsoft.com/en-us/dotnet/aspire/extensibility/custom-hosting-integration): each image
and tag given as a literal (`@"..."` too) or a name the file binds to literals (source_names.py), or another class's
constant (csharp_class_constants.py, `RedisContainerImageTags.Image`), at the image's line. An integration's default
image from a package (`builder.AddRedis("redis")` in an app host) is not written in the tree, and a tag override
alone names no image: neither is read; a parameter (`WithImage(image)` in the method defining it), a value from
configuration (`builder.Configuration["Tag"]`) or an interpolated `$"..."` is known only when the app runs, and the
call adds nothing. A test file (xUnit `[Fact]`/`[Theory]`, NUnit `[Test]`, MSTest
`[TestMethod]`) that never runs or starts an application (no `.Run(`, `.RunAsync(`, `.Start(`, `.StartAsync(` outside
comments; `Task.Run(` runs a task) only
builds the model to inspect it, as the runtime pulls an image only when DCP starts the container
(https://learn.microsoft.com/en-us/dotnet/aspire/testing/write-your-first-test): it adds nothing. A call inside a raw
string literal (`\"\"\"...\"\"\"`, source an analyzer test compiles, or documentation text) is not code of the file.
A container the statement builds, `.WithDockerfile(context)` or `.WithDockerfileFactory(...)` after the call
(https://learn.microsoft.com/en-us/dotnet/api/aspire.hosting.containerresourcebuilderextensions.withdockerfile: the
image is built and tagged with the given name), pulls nothing of its name and is not read (`.WithDockerfileBaseImage`
only changes a generated Dockerfile's base). `use` is `Aspire container`, `kind` `C# source`.
"""

from __future__ import annotations

import re
from itertools import product

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b"DistributedApplication"  # a file without these bytes (or RESOURCE_MARK's) is not decoded for this reader
RESOURCE_MARK = b"IResourceBuilder<"  # an integration's extension methods of a resource builder
USE = "Aspire container"
_APP_RE = re.compile(
    r"\bDistributedApplication(?:\s*\.\s*CreateBuilder\s*\(|TestingBuilder\b)"
    r"|\bthis\s+I(?:DistributedApplicationBuilder\b|ResourceBuilder\s*<)"
)
_VALUE = r"(?:@?\"(?P<{0}>[^\"\\\n{{}}]*)\"|(?P<{0}_name>[A-Za-z_]\w*))"
_ADD_RE = re.compile(
    r"\.\s*AddContainer\(\s*[^,()]+,\s*(?:image\s*:\s*)?"
    + _VALUE.format("image")
    + r"\s*(?:,\s*(?:tag\s*:\s*)?"
    + _VALUE.format("tag")
    + r"\s*)?\)"
)
_WITH_IMAGE_RE = re.compile(
    r"\.\s*WithImage\(\s*(?:image\s*:\s*)?"
    + _VALUE.format("image")
    + r"\s*(?:,\s*(?:tag\s*:\s*)?"
    + _VALUE.format("tag")
    + r"\s*)?\)"
)
_WITH_TAG_RE = re.compile(r"\.\s*WithImageTag\(\s*(?:tag\s*:\s*)?" + _VALUE.format("tag") + r"\s*\)")
_WITH_REGISTRY_RE = re.compile(
    r"\.\s*WithImageRegistry\(\s*(?:registry\s*:\s*)?" + _VALUE.format("registry") + r"\s*\)"
)
_ANNOTATION_RE = re.compile(r"\bnew\s+ContainerImageAnnotation\s*(?:\(\s*\))?\s*\{(?P<body>[^{}]*)\}")
_MEMBER_RE = re.compile(
    r"\b(?P<member>Registry|Image|Tag)\s*=\s*(?:[^,;?\n]*\?\s*)?"
    + _VALUE.format("first")
    + r"(?:\s*:\s*"
    + _VALUE.format("second")
    + r")?\s*(?:,|$)"
)
_BASE_ANNOTATION_RE = re.compile(r"\bnew\s+DockerfileBaseImageAnnotation\s*(?:\(\s*\))?\s*\{(?P<args>[^{}]*)\}")
_BASE_CALL_RE = re.compile(r"\.\s*WithDockerfileBaseImage\s*(?:<[^<>()]*>)?\s*\((?P<args>[^()]*)\)")
_BASE_ARG_RE = re.compile(
    r"(?:\b(?:build|runtime|Build|Runtime)Image\s*[:=]\s*)?" + _VALUE.format("image") + r"\s*(?:,|$)"
)
_COMMENTS = ("//", "*", "/*")
_BUILT_RE = re.compile(r"\.\s*WithDockerfile(?:Factory)?\s*\(")  # not `.WithDockerfileBaseImage(`
_TEST_RE = re.compile(r"\[\s*(?:Fact|Theory|Test|TestMethod)\b")
_STARTS_RE = re.compile(r"(?<!\bTask)\.\s*(?:Run|RunAsync|Start|StartAsync)\s*\(")  # `Task.Run(` runs a task
_RAW_RE = re.compile(r'"{3,}')  # a raw string literal's delimiter: the source an analyzer test compiles


def _values(match: re.Match[str] | None, group: str, names: SourceNames) -> list[tuple[int, str]] | None:
    """(offset, value) of a call's argument: the literal, or each literal the name is bound to; None when the call
    or the argument is absent, [] when its value is not known in the file."""
    if match is None or (match[group] is None and match[f"{group}_name"] is None):
        return None
    if match[group] is not None:
        return [(match.start(group), match[group])]
    return names.values(match[f"{group}_name"])


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last call `pattern` matches in text[start:end] (a later override wins)."""
    calls = list(pattern.finditer(text, start, end))
    return calls[-1] if calls else None


def _images(text: str, call: re.Match[str], names: SourceNames) -> list[tuple[int, str]]:
    """(offset of the image, reference) of an `AddContainer`/`WithImage` call and the overrides after it in its
    statement."""
    end = text.find(";", call.end())
    end = len(text) if end < 0 else end
    if _BUILT_RE.search(text, call.end(), end) is not None:
        return []  # built from a Dockerfile and tagged with the image's name: nothing pulled
    images = _values(call, "image", names) or []
    overridden = _values(_last(_WITH_TAG_RE, text, call.end(), end), "tag", names)
    given = overridden if overridden is not None else _values(call, "tag", names)
    tags = [value for _, value in given] if given is not None else None
    registries = [
        value for _, value in _values(_last(_WITH_REGISTRY_RE, text, call.end(), end), "registry", names) or []
    ]
    out = []
    for (start, image), tag, registry in product(images, tags if tags is not None else [""], registries or [""]):
        if tags is not None and not tag.strip():
            continue
        reference = image.strip() + (f":{tag.strip()}" if tag else "")
        out.append((start, f"{registry.strip().rstrip('/')}/{reference}" if registry.strip() else reference))
    return out


def _raw_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each raw string literal (`\"\"\"...\"\"\"`, C# 11): text, not code of the file."""
    delimiters = [match.start() for match in _RAW_RE.finditer(text)]
    return list(zip(delimiters[::2], delimiters[1::2], strict=False))


def _annotation_images(text: str, names: SourceNames) -> list[tuple[int, str]]:
    """(offset of `Image =`, reference) of each `new ContainerImageAnnotation { ... }` initializer whose registry,
    image and tag are known in the file."""
    out: list[tuple[int, str]] = []
    for annotation in _ANNOTATION_RE.finditer(text):
        members: dict[str, list[tuple[int, str]]] = {}
        for member in _MEMBER_RE.finditer(text, annotation.start("body"), annotation.end("body")):
            given = [v for group in ("first", "second") for v in _values(member, group, names) or []]
            members[member["member"]] = given
        images, registries = members.get("Image", []), members.get("Registry", [(0, "")])
        for (start, image), (_, tag), (_, registry) in product(images, members.get("Tag", [(0, "latest")]), registries):
            reference = f"{image.strip()}:{tag.strip()}" if tag.strip() else ""
            if reference and ("Registry" not in members or registry.strip()):
                out.append((start, f"{registry.strip().rstrip('/')}/{reference}" if registry.strip() else reference))
    return out


def _base_images(text: str, names: SourceNames, lines: LineIndex) -> list[tuple[int, str]]:
    """(offset, image) of the build and runtime base images a `DockerfileBaseImageAnnotation` initializer or a
    `.WithDockerfileBaseImage(...)` call gives, outside comments and tests (whose generated Dockerfile is compared
    as text, and no image built from it)."""
    out: list[tuple[int, str]] = []
    if _TEST_RE.search(text) is not None:
        return out
    for pattern in (_BASE_ANNOTATION_RE, _BASE_CALL_RE):
        for call in pattern.finditer(text):
            if lines.led_by(call.start(), _COMMENTS):
                continue
            for arg in _BASE_ARG_RE.finditer(text, call.start("args"), call.end("args")):
                out += [(start, value.strip()) for start, value in _values(arg, "image", names) or [] if value.strip()]
    return out


def aspire_images(text: str, origin: str) -> list[Found]:
    """The images of the containers a C# file that builds an Aspire application runs, in the file's order."""
    if not origin.endswith(".cs") or _APP_RE.search(text) is None:
        return []
    lines = LineIndex(text)
    starts = (m for m in _STARTS_RE.finditer(text) if not lines.led_by(m.start(), _COMMENTS))
    if _TEST_RE.search(text) is not None and next(starts, None) is None:
        return []  # a unit test of the model: no application is started
    raw = _raw_spans(text)
    names = SourceNames.of(text)
    given: dict[tuple[int, str], None] = {}
    for pattern in (_ADD_RE, _WITH_IMAGE_RE):
        for call in pattern.finditer(text):
            if lines.led_by(call.start(), _COMMENTS) or any(start < call.start() < end for start, end in raw):
                continue
            for start, image in _images(text, call, names):
                given.setdefault((lines.line(start), image), None)
    for start, image in _annotation_images(text, names) + _base_images(text, names, lines):
        given.setdefault((lines.line(start), image), None)
    return [
        Found(image, origin, line, None, use=USE, kind="C# source")
        for line, image in sorted(given)
        if reference_or_none(image) is not None
    ]
