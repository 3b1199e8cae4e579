"""The base images a Java or Kotlin program builds on with Jib Core, Jib's library API (pure).

`Jib.from("busybox").addLayer(...).containerize(Containerizer.to(...))` builds an image on `busybox`, which Jib pulls
from its registry when `containerize` runs (https://github.com/GoogleContainerTools/jib/tree/master/jib-core);
`JavaContainerBuilder.from(...)` takes the same base. Read, in a source that calls `.containerize(` (a builder that is
never containerized, as unit tests hand `JavaContainerBuilder.from("ignored")` to the code they test, pulls nothing):
the argument of each `Jib.from(...)` and `JavaContainerBuilder.from(...)` when it is
- a string: a literal, or literals and names the file binds to literals joined with `+` (`"gcr.io/distroless/base@"
  + KNOWN_OCI_INDEX_SHA`, source_names.py); Jib's prefixes read as `Jib.from(String)` reads them: `registry://`
  dropped, `docker://` (an image of the local Docker daemon) and `tar://` (a tarball) pulling nothing;
- `RegistryImage.named(S)` or `ImageReference.parse(S)` of such a string;
- `ImageReference.of(REGISTRY, REPOSITORY, QUALIFIER)` of such strings (`null` for no registry), a qualifier starting
  with `sha256:` a digest, another a tag (jib's `ContainerizerIntegrationTest`, `ImageReference.of("gcr.io",
  "distroless/java", DISTROLESS_DIGEST)`);
- a parameter of the method around the call (`buildImage(ImageReference baseImage, ...)` running `Jib.from(baseImage)`):
  then the argument each call of that method in the same file gives in its place, read by the forms above.
Each image is listed at the line of the literal that names it. Not read: `DockerDaemonImage`/`TarImage` bases, a
value the file does not give (a constant of another class, a call), the images the program builds (`Containerizer.to`).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jvm_helpers import block, split_arguments
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames, string_values
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

MARK = b".containerize("
_LANGUAGES = frozenset({"Java", "Kotlin"})
_FROM_RE = re.compile(r"(?<![\w$.])(?:Jib|JavaContainerBuilder)\s*\.\s*from\s*\(")
_WRAPPED_RE = re.compile(r"(?:RegistryImage\s*\.\s*named|ImageReference\s*\.\s*parse)\s*\(", re.DOTALL)
_OF_RE = re.compile(r"ImageReference\s*\.\s*of\s*\(")
_NAME_RE = re.compile(r"[A-Za-z_]\w*")
# `... NAME(Type a, Type p) ... {` (Java) or `fun NAME(p: Type) ... {` (Kotlin)
_METHOD_RE = re.compile(r"(?<![\w.])(?:fun\s+)?(?P<name>[a-z]\w*)\s*\((?P<params>[^(){};]*)\)[^{};=]*\{")
_PARAM_RE = re.compile(r"(?:final\s+)?(?:@\w+\s+)*[\w.<>?, ]+\s+(?P<java>\w+)|(?:val\s+|var\s+)?(?P<kotlin>\w+)\s*:.*")
_PREFIXES = {"registry://": True, "docker://": False, "tar://": False}
_COMMENTS = ("//", "*", "/*")
_MAX_CALL = 2048


def may_build_with_jib(shown: str, data: bytes) -> bool:
    """Whether a source may build on a base with Jib Core (checked before it is decoded)."""
    return language_of(shown) in _LANGUAGES and MARK in data and b".from(" in data


def _of(arguments: list[str], at: int, names: SourceNames) -> list[tuple[int, str]]:
    """The references `ImageReference.of(registry, repository, qualifier)` can name."""
    if len(arguments) != 3:
        return []
    registries = [(0, "")] if arguments[0].strip() == "null" else string_values(arguments[0], at, names)
    repositories = string_values(arguments[1], at, names)
    qualifiers = string_values(arguments[2], at, names)
    out: list[tuple[int, str]] = []
    for _, registry in registries:
        for offset, repository in repositories:
            for _, qualifier in qualifiers:
                joint = "@" if qualifier.startswith("sha256:") else ":"
                out.append((offset, f"{registry + '/' if registry else ''}{repository}{joint}{qualifier}"))
    return out


def _bases(expression: str, at: int, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image) of the base an argument of `from(...)` names, written at `at`."""
    stripped = expression.strip()
    at += len(expression) - len(expression.lstrip())
    if (wrapped := _WRAPPED_RE.match(stripped)) is not None or (of := _OF_RE.match(stripped)) is not None:
        opened = wrapped or of
        assert opened is not None
        inner = split_arguments(stripped[opened.end() :])
        rest = stripped[opened.end() + sum(len(part) + 1 for part in inner) :].strip() if inner is not None else ""
        if inner is None or (rest and not rest.startswith(".")):
            return []  # not the whole argument (`.addCredential(...)` after it is)
        if wrapped is not None:
            return [] if len(inner) != 1 else string_values(inner[0], at + opened.end(), names)
        return _of(inner, at + opened.end(), names)
    return string_values(stripped, at, names)


def _pulled(value: str) -> str | None:
    """The image a `from` string pulls (its prefix read as Jib reads it), or None."""
    for prefix, pulls in _PREFIXES.items():
        if value.startswith(prefix):
            return value[len(prefix) :] if pulls else None
    return value


def _parameters(params: str) -> list[str]:
    """The names of a method's parameters, in order."""
    out: list[str] = []
    for param in split_arguments(params + ")") or []:
        named = _PARAM_RE.fullmatch(param.strip())
        out.append((named["java"] or named["kotlin"]) if named is not None else "")
    return out


def _calls(text: str, method: str, position: int, lines: LineIndex) -> list[tuple[int, str]]:
    """(offset, text) of the argument at `position` of each call of `method` in `text`."""
    out: list[tuple[int, str]] = []
    for call in re.finditer(rf"(?<![\w$.]){re.escape(method)}\s*\(", text):
        if lines.led_by(call.start(), _COMMENTS):
            continue
        arguments = split_arguments(text[call.end() : call.end() + _MAX_CALL])
        if arguments is None or len(arguments) <= position:
            continue
        at = call.end() + sum(len(part) + 1 for part in arguments[:position])
        out.append((at, arguments[position]))
    return out


def jib_core_images(text: str, origin: str) -> list[Found]:
    """The base images a Java or Kotlin source builds on with Jib Core, in its order."""
    if ".containerize(" not in text:
        return []
    lines = LineIndex(text)
    names = SourceNames.of(text)
    methods = [(match.start(), match.end(), match) for match in _METHOD_RE.finditer(text)]
    given: list[tuple[int, str]] = []
    for call in _FROM_RE.finditer(text):
        if lines.led_by(call.start(), _COMMENTS):
            continue
        arguments = split_arguments(text[call.end() : call.end() + _MAX_CALL])
        if arguments is None or len(arguments) != 1:
            continue
        argument = arguments[0].strip()
        if found := _bases(arguments[0], call.end(), names):
            given += found
            continue
        if _NAME_RE.fullmatch(argument) is None:
            continue
        around = [match for start, end, match in methods if end <= call.start() < end + len(block(text, end))]
        if not around:
            continue
        method = around[-1]
        parameters = _parameters(method["params"])
        if argument not in parameters:
            continue
        for at, written in _calls(text, method["name"], parameters.index(argument), lines):
            given += _bases(written, at, names)
    kind = f"{language_of(origin) or 'Java'} source"
    out: list[Found] = []
    for at, value in sorted(set(given)):
        image = _pulled(value.strip())
        if image and reference_or_none(image) is not None:
            item = Found(image, origin, lines.line(at), use="Jib.from", kind=kind)
            out += [item] if item not in out else []
    return out
