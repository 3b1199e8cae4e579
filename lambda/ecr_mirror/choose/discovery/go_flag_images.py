"""The images a Go program's command-line flags default to (pure).

A program that runs containers often takes their images as flags with a default, and a run without the flag pulls
the default: operator-sdk's `scorecard` runs its test pod with the storage and untar containers of
`--storage-image` and `--untar-image` (`scorecardCmd.Flags().StringVarP(&c.storageImage, "storage-image", "b",
"quay.io/operator-framework/scorecard-storage@sha256:...", "Storage image to be used by the Scorecard pod")`), and
mysql-operator deploys its exporter sidecar from `--metrics-exporter-image`, `defaultExporterImage`. Read, in a Go
file that is a program's own code (go_program_images.is_program_code: no test code, fake or mock): each call of the
flag package's or pflag's `String`, `StringP`, `StringVar` or `StringVarP` (https://pkg.go.dev/flag#StringVar,
https://pkg.go.dev/github.com/spf13/pflag#StringVarP; on any flag set, `cmd.Flags().StringVarP(...)`) whose flag
name is `image` or ends in `-image`, `_image` or `.image`, and whose default is a literal string, or a name the file
binds to literals (source_names.py, `+` joins too) with one value, that is an image reference with a tag or a
digest (a repository alone is most often joined with a version elsewhere, jaeger-operator's `--jaeger-agent-image`
`jaegertracing/jaeger-agent`; `runner` is a name the users replace; an empty default is the user's to give). The
image is listed at the literal's line, `use` `flag default (Go program)`. A default that is a constant of another
package of the module (`fbcutil.DefaultIndexImage` of operator-sdk's `run bundle --index-image`, bound to
`DefaultIndexImageBase + "latest"`) is read in that package's files (`qualified_defaults` names it; cli/
discover_go_flags.py reads the package), at its literal's line there; so is one another file of the flag's own package
declares (`package_defaults`: operator-lifecycle-manager's catalog operator, `--util-image` `defaultUtilImage`).
A test's flags (a suite's settings, `--manager-image` of an e2e config) are the suite's, read by the readers of tests if
at all; a flag whose usage says it names what is built (kind's `build node-image --image`, "name:tag of the resulting
image to be built") is no pull.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_commands import call_arguments
from ecr_mirror.choose.discovery.go_program_images import is_program_code
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b'image"'  # a flag named `...image"`
USE = "flag default (Go program)"
_CALL_RE = re.compile(r"\.(?P<function>StringVarP|StringVar|StringP|String)[ \t]*\(")
# the places of the flag's name and of its default among each function's arguments
_PLACES = {"String": (0, 1), "StringP": (0, 2), "StringVar": (1, 2), "StringVarP": (1, 3)}
_FLAG_RE = re.compile(r"(?:[\w.-]*[-_.])?image", re.IGNORECASE)
_BUILT_RE = re.compile(r"\bbuil[dt]\b|\bresulting\b", re.IGNORECASE)  # a usage naming the image a build makes


def _built(arguments: list[str | None], usage_at: int) -> bool:
    usage = arguments[usage_at] if usage_at < len(arguments) else None
    return usage is not None and _BUILT_RE.search(usage) is not None


# an image flag's default written as another package's name: `"index-image", fbcutil.DefaultIndexImage,`
_QUALIFIED_RE = re.compile(
    r"\"(?P<flag>[\w.-]*)\"[ \t]*,\s*(?:\"\w?\"[ \t]*,\s*)?(?P<package>[A-Za-z_]\w*)\.(?P<name>[A-Z]\w*)[ \t]*,"
)


def _pinned(value: str) -> bool:
    return ":" in value.rpartition("/")[2] or "@" in value


def _defaults(text: str, at: int, argument: str | None, names: SourceNames) -> list[tuple[int, str]]:
    """(offset of the literal, value) of a flag's default: written in the call (after `at`), or bound to its name."""
    if argument is None:
        return []
    if argument.startswith("${") and argument.endswith("}"):
        bound = names.values(argument[2:-1])
        return bound if len({value for _, value in bound}) == 1 else []
    offset = text.find(f'"{argument}"', at)  # a file's constant is given as its literal: at the literal's line
    offset = offset if offset >= 0 else text.find(f'"{argument}"')
    return [(offset, argument)] if offset >= 0 else []


def flag_images(text: str, origin: str) -> list[Found]:
    """The images the image flags of a Go program's own code default to, in order (see the module)."""
    if not is_program_code(origin):
        return []
    names, lines = SourceNames.of(text), LineIndex(text)
    found: list[Found] = []
    for call, arguments, default_at in _flag_calls(text, lines):
        if _built(arguments, default_at + 1):
            continue
        for offset, value in _defaults(text, call.end(), arguments[default_at], names)[:1]:
            if _pinned(value) and reference_or_none(value) is not None:
                found.append(Found(value, origin, lines.line(offset), None, USE, "Go source"))
    return found


def _flag_calls(text: str, lines: LineIndex) -> Iterator[tuple[re.Match[str], list[str | None], int]]:
    """Each call of `text` defining an image flag, not commented out: the call, its arguments and the index of its
    default among them."""
    for call in _CALL_RE.finditer(text):
        if lines.led_by(call.start(), "//") or (arguments := call_arguments(text, call.end())) is None:
            continue
        name_at, default_at = _PLACES[call["function"]]
        if len(arguments) > default_at and _FLAG_RE.fullmatch(arguments[name_at] or ""):
            yield call, arguments, default_at


def qualified_defaults(text: str, origin: str) -> list[tuple[str, str]]:
    """(package, name) of each image flag of a Go program's own code whose default is another package's name."""
    if not is_program_code(origin):
        return []
    lines, out = LineIndex(text), []
    for call in _CALL_RE.finditer(text):
        default = _QUALIFIED_RE.match(text, call.end() + text[call.end() :].find('"'))
        if lines.led_by(call.start(), "//") or default is None or not _FLAG_RE.fullmatch(default["flag"]):
            continue
        arguments = call_arguments(text, call.end()) or []
        if _built(arguments, _PLACES[call["function"]][1] + 1):
            continue
        out += [(default["package"], default["name"])] if default.start() - call.end() < 80 else []
    return out


def package_defaults(text: str, origin: str) -> list[str]:
    """The names of the image flags' defaults of a Go program's own code that are names the file does not bind: a
    constant another file of the same package declares (`defaultUtilImage`, in the catalog operator's `main.go`)."""
    if not is_program_code(origin):
        return []
    names, lines, out = SourceNames.of(text), LineIndex(text), []
    for _, arguments, default_at in _flag_calls(text, lines):
        default = arguments[default_at] or ""
        if default.startswith("${") and default.endswith("}") and not _built(arguments, default_at + 1):
            out += [] if names.values(default[2:-1]) else [default[2:-1]]
    return out


@functools.lru_cache(maxsize=64)
def _read(text: str) -> tuple[SourceNames, LineIndex]:
    """The names a package's file binds and its lines, read once for every name asked of it (a program asks a
    package for each of its constants in turn)."""
    return SourceNames.of(text), LineIndex(text)


def constant_images(texts: list[tuple[str, str]], name: str) -> list[Found]:
    """The image a package's files (shown, text) bind `name` to, when one, at its literal's line."""
    found: list[Found] = []
    for origin, text in texts:
        names, lines = _read(text)
        values = names.values(name)
        if len({value for _, value in values}) != 1 or not _pinned(value := values[0][1]):
            continue
        if reference_or_none(value) is not None:
            found.append(Found(value, origin, lines.line(values[0][0]), None, USE, "Go source"))
    return found
