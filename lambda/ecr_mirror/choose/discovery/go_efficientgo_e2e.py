"""The images Go tests run with efficientgo/e2e (pure).

https://github.com/efficientgo/e2e: a test makes an environment (`e2e.New()`, docker by default) and starts
runnables in it, `e.Runnable("prometheus").Init(e2e.StartOptions{Image: "quay.io/prometheus/prometheus:v3.5.0"})`;
the docker environment starts each with `docker run`, which pulls the image when the engine lacks it (Thanos' and
Cortex's end-to-end suites). Read in a Go file that imports `github.com/efficientgo/e2e` (under any alias):

- the `Image:` field of each `e2e.StartOptions{...}` literal, when its value is a literal string, a name the file
  binds to literals (`const cacheImage = "..."`), or a call without arguments of a function of the file that returns
  literals (`Image: DefaultAlertmanagerImage()`), at the line of the literal;
- a function of the file without parameters whose name ends in `Image` and that returns a literal
  (`func DefaultPrometheusImage() string { return "quay.io/prometheus/prometheus:v3.13.1" }`), at the literal's line:
  the default a suite's helper package hands the runnables its callers start (`e2ethanos.NewPrometheus(e, name,
  config, "", e2ethanos.DefaultPrometheusImage())`, in another file).

Only an image that names a registry, a namespace, a tag or a digest is read: a bare name (`Image: DefaultImage()`
returning `thanos`, after `os.Getenv("THANOS_IMAGE")`) is the image the suite's own build makes first (`make
docker-e2e`). A field given a parameter (`Image: promImage`) or another expression is known only when the test
runs, and adds nothing; the images efficientgo's own `e2edb` helpers choose are named in the library, not the tree.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b"github.com/efficientgo/e2e"
_IMPORT_RE = re.compile(r'(?:(?<!\w)(?!import\b)(?P<alias>[A-Za-z_]\w*)[ \t]+)?"github\.com/efficientgo/e2e"')
_FIELD_RE = re.compile(
    r"(?<![\w.])Image\s*:\s*(?:\"(?P<literal>[^\"\\\n]*)\"|`(?P<raw>[^`\n]*)`|(?P<name>[A-Za-z_]\w*(?:\(\s*\))?))"
    r"\s*(?=[,}\n])"
)
_DEFAULT_FUNCTION_RE = re.compile(r"^func[ \t]+([A-Za-z_]\w*Image)[ \t]*\([ \t]*\)[ \t]*string[ \t]*\{", re.MULTILINE)
USE = "efficientgo/e2e"


def _qualified(value: str) -> bool:
    """Whether an image names a registry, a namespace, a tag or a digest (not a bare name built by the suite)."""
    return "/" in value or ":" in value or "@" in value


def _closes(text: str) -> dict[int, int]:
    """Where the block each `{` of `text` opens ends, past its `}` (go_test_tables.block_end's reading, found for
    all in one pass); a `{` never closed is left out (its block ends with the text)."""
    closes: dict[int, int] = {}
    opened: list[int] = []
    for brace in re.finditer(r"[{}]", text):
        if brace.group() == "{":
            opened.append(brace.start())
        elif opened:
            closes[opened.pop()] = brace.end()
    return closes


def _field_values(text: str, package: str, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image) of each `Image:` field of the file's `e2e.StartOptions{...}` literals."""
    given: list[tuple[int, str]] = []
    closes = _closes(text) if "StartOptions" in text else {}
    for options in re.finditer(rf"(?<![\w.]){re.escape(package)}\.StartOptions\s*\{{", text):
        end = closes.get(options.end() - 1, len(text))
        field = _FIELD_RE.search(text, options.end(), end)
        if field is None:
            continue
        for group in ("literal", "raw"):
            if field[group] is not None:
                given.append((field.start(group), field[group]))
        if field["name"] is not None:
            given += names.values(re.sub(r"\(\s*\)$", "()", field["name"]))
    return given


def efficientgo_images(text: str, origin: str) -> list[Found]:
    """The images a Go source runs with efficientgo/e2e (`e2e.StartOptions{Image: ...}`, default image
    functions), in the file's order."""
    if not origin.endswith(".go") or (imported := _IMPORT_RE.search(text)) is None:
        return []
    package = imported["alias"] or "e2e"
    names = SourceNames.of(text)
    given = _field_values(text, package, names)
    for function in _DEFAULT_FUNCTION_RE.finditer(text):
        given += names.values(function.group(1) + "()")
    found: list[Found] = []
    line, counted = 1, 0
    for at, image in sorted(set(given)):
        if image.strip() and _qualified(image) and reference_or_none(image) is not None:
            line, counted = line + text.count("\n", counted, at), at  # on from the previous image's offset
            found.append(Found(image, origin, line, use=USE, kind="Go source"))
    return found
