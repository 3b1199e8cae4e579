"""The images Go tests run with Terratest's docker module (pure).

Terratest's `docker.Run(t, image, options)` runs `docker run` on the image with the options
(https://pkg.go.dev/github.com/gruntwork-io/terratest/modules/docker#Run), which pulls it when the engine lacks it;
so do `RunE`, `RunAndGetID`, `RunAndGetIDE` and their `Context` forms, which take a context before the image
(`docker.RunContext(t, ctx, "nginx:1.17-alpine", opts)`). Read in a Go file that imports
`github.com/gruntwork-io/terratest/modules/docker` (`/v2` too, under any alias): each call of one of those
functions of the package, and each method call of the same name and arguments whose options are a `RunOptions`
of the package (`&docker.RunOptions{...}`, or a name the file binds to one): a test framework's backend that wraps
the function (kuma's `u.dockerBackend.RunAndGetIDE(t, "jaegertracing/all-in-one:1.67.0", &opts)` with `opts :=
docker.RunOptions{...}`).
The image is a literal string or a name the file binds to literals (source_names.py), at the literal's line; an
image the file builds first (`docker.Build(t, dir, &docker.BuildOptions{Tags: []string{tag}})`) is no pull, and a
call of another shape (`dc.Run(t, "up", "-d")`, a compose wrapper) is not read. `use` names the function, `kind` is
`Go source`.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_call_arguments import call_arguments
from ecr_mirror.choose.discovery.go_comments import without_comments
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b'"github.com/gruntwork-io/terratest/modules/docker'
_IMPORT_RE = re.compile(
    r"(?:(?<!\w)(?!import\b)(?P<alias>[A-Za-z_]\w*)[ \t]+)?"
    r'"github\.com/gruntwork-io/terratest/modules/docker(?:/v\d+)?"'
)
_FUNCTIONS = ("RunAndGetIDContextE", "RunAndGetIDContext", "RunAndGetIDE", "RunAndGetID", "RunContextE", "RunContext")
_CALL_RE = re.compile(
    r"(?<![\w.])(?P<receiver>[A-Za-z_][\w.]*)\.(?P<function>" + "|".join((*_FUNCTIONS, "RunE", "Run")) + r")\("
)
_LITERAL_RE = re.compile(r'^"(?P<value>[^"\\\n]*)"$|^`(?P<raw>[^`\n]*)`$')
_NAME_RE = re.compile(r"^[A-Za-z_]\w*$")


def _values(argument: tuple[int, str], names: SourceNames) -> list[tuple[int, str]]:
    """(offset, value) of an image argument: a literal, or the literals a name of the file is bound to."""
    offset, written = argument
    if (literal := _LITERAL_RE.match(written)) is not None:
        return [(offset + 1, literal["value"] if literal["value"] is not None else literal["raw"])]
    return names.values(written) if _NAME_RE.match(written) else []


def _built(text: str, package: str, names: SourceNames) -> set[str]:
    """The tags the file's `BuildOptions` give the images it builds."""
    built: set[str] = set()
    for options in re.finditer(rf"(?<![\w.]){re.escape(package)}\.BuildOptions\s*\{{", text):
        tags = re.compile(r"\bTags\s*:\s*\[\]string\s*\{(?P<list>[^}]*)\}").search(text, options.end())
        if tags is None:
            continue
        for word in tags["list"].split(","):
            built |= {value for _, value in _values((0, word.strip()), names)}
    return built


def terratest_docker_images(text: str, origin: str) -> list[Found]:
    """The images a Go source runs with Terratest's docker module, in the file's order."""
    if not origin.endswith(".go") or (imported := _IMPORT_RE.search(text)) is None:
        return []
    package = imported["alias"] or "docker"
    code = without_comments(text)
    names = SourceNames.of(text)
    options = {
        match["name"]
        for match in re.finditer(
            rf"(?<![\w.])(?P<name>[A-Za-z_]\w*)\s*(?::=|=|\s\*?)\s*&?{re.escape(package)}\.RunOptions\b", code
        )
    }
    built = _built(code, package, names)
    given: list[tuple[int, str, str]] = []
    for call in _CALL_RE.finditer(code):
        arguments = call_arguments(code, call.end())
        image_at = 2 if "Context" in call["function"] else 1
        if arguments is None or len(arguments) != image_at + 2:
            continue
        if call["receiver"] != package:  # a method: only with the module's RunOptions as its options
            last = arguments[-1][1].removeprefix("&").strip()
            if not (last.startswith(f"{package}.RunOptions") or last in options):
                continue
        for at, image in _values(arguments[image_at], names):
            if image not in built and reference_or_none(image) is not None:
                given.append((at, image, call["function"]))
    found: list[Found] = []
    for at, image, function in sorted(set(given)):
        line = text.count("\n", 0, at) + 1
        found.append(Found(image, origin, line, use=f"terratest docker.{function}", kind="Go source"))
    return found
