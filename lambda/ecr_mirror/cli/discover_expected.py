"""Tests' expected outputs and the inputs named beside them: files `discover` does not read for images.

A golden test (Go's `testdata/*.golden`, `*.golden.yml`, a `golden/` or `expected/` directory, a fixture's
`*-expected-scan.yaml`) compares what a program prints with a file kept in the tree; the file is never applied, and
its images are whatever the program under test wrote (`proxy:test-inject-proxy-version`). The input the test feeds
the program is named for the same case beside it (`inject_web.input.yml` beside `inject_web.golden.yml`; also
`NAME_in.yaml`, `NAME-in.yaml`: cockroach-operator's `default_secure_in.yaml` beside `default_secure.golden`), and is
no more applied than the output; so is an input numbered for a stage of the case whose expected output is the next
stage (a fixer's `tc-02-00-input.yaml` beside `tc-02-01-expected.yaml`, kubescape's `core/pkg/fixhandler/testdata`:
the case is the name without its last number), and the file named for an input's case alone beside it, the output
a Go table test wants (`inputFile: "build_base.input.yaml"`, `wantFile: "build_base.yaml"`), with that input; and
`NAME.out.EXT` beside `NAME.in.EXT`, a rendering test's output and input (envoy gateway's chart tests,
`test/helm/gateway-helm/*.in.yaml` values rendered and compared with `*.out.yaml`). A .NET test's Verify snapshot,
`Class.Method.verified.EXT` (and `Class.Method.received.EXT`, the output a failing run writes beside it,
https://github.com/VerifyTests/Verify#received-and-verified), is such an output too: the word just before the
extension.
Other test data (an e2e suite's manifests under `testdata/`, a chart's `ci/` values beside a golden rendering of
them) is still read: only a name marking an input of a golden case, or its output, is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EXPECTED_OUTPUTS = (
    "tests' expected outputs and their inputs (*.golden*, *-expected*, expected/, golden/, *.input.*, *_in.*, "
    "*.out.* beside *.in.*, *.verified.*)"
)
EXPECTED_DIRECTORIES = frozenset({"expected", "golden"})
# a word of a file name, between `-`, `_` or `.`: `job-expected-scan.yaml`, `inject_web.golden.yml`, `x_golden.json`
# and Verify's `Class.Method.verified.yaml`, `Class.Method.received.yaml`
_OUTPUT_RE = re.compile(r"(?:^|[-_.])(?:golden|expected)(?=[-_.]|$)|\.(?:verified|received)(?=\.[^.]+$)", re.IGNORECASE)
_INPUT_RE = re.compile(r"[-_.]in(?:put)?(?=[-_.]|$)", re.IGNORECASE)  # `.input.yml`, `_in.yaml`, `-in.yaml`
# the name of an output a `NAME.input.EXT` beside it is the input of, kept among a directory's cases under this mark
_INPUT_MARK = "\0input:"
_DOTTED_INPUT_RE = re.compile(r"(.+)\.input(\.[^.]+)")
_IN_OUT_RE = re.compile(r"(.+)\.in(\.[^.]+)")  # `NAME.in.EXT`, whose output `NAME.out.EXT` a test compares with
# a case's last number, a stage of it: `-00` of `tc-02-00`
_STAGE_RE = re.compile(r"[-_]\d+$")


def _case(name: str, match: re.Match[str] | None) -> str | None:
    """The name of a golden case: what comes before its `golden`, `expected` or `input` word."""
    return None if match is None else name[: match.start()].lower()


def _dotted(case: str) -> list[str]:
    """A case and the cases it is a variant of (`inject_web.bad`: `inject_web` too)."""
    parts = case.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts) + 1)]


def _unstaged(case: str) -> str | None:
    """A case without its last number (`tc-02` of `tc-02-00`); None when it has none, or nothing before it."""
    return (_STAGE_RE.sub("", case) or None) if _STAGE_RE.search(case) else None


def expected_cases(names: Iterable[str]) -> frozenset[str]:
    """The cases the expected outputs among a directory's file names are for (`inject_web` of
    `inject_web.golden.yml`; `inject_web.bad` and `inject_web` of `inject_web.bad.golden`; `tc-02` of
    `tc-02-01-expected.yaml`), and those of its inputs, marked."""
    cases = [_case(name, _OUTPUT_RE.search(name)) for name in names if not name.startswith(".")]
    variants = {variant for case in cases if case for variant in _dotted(case) if variant}
    # `build_base.input.yaml` beside `build_base.yaml` (the same extension): the input, and the output wanted
    lowered = {name.lower() for name in names}
    pairs = [dotted.groups() for name in lowered if (dotted := _DOTTED_INPUT_RE.fullmatch(name))]
    variants |= {
        piece
        for case, extension in pairs
        if case + extension in lowered
        for piece in (case, _INPUT_MARK + case + extension)
    }
    # `custom-registry.in.yaml` beside `custom-registry.out.yaml` (a chart's rendering tests): the input and the output
    ins = [dotted.groups() for name in lowered if (dotted := _IN_OUT_RE.fullmatch(name))]
    variants |= {
        piece
        for case, extension in ins
        if f"{case}.out{extension}" in lowered
        for piece in (case, f"{_INPUT_MARK}{case}.out{extension}")
    }
    return frozenset(variants | {unstaged for case in cases if case and (unstaged := _unstaged(case))})


def is_expected_output(name: str, cases: frozenset[str]) -> bool:
    """Whether a file is a test's expected output (also one named for an input's case alone), or the input of a case
    whose expected output is beside it."""
    if name.startswith("."):
        return False
    if _OUTPUT_RE.search(name):
        return True
    if _INPUT_MARK + name.lower() in cases:
        return True  # `build_base.yaml` beside `build_base.input.yaml`: the output wanted
    case = _case(name, _INPUT_RE.search(name))
    return case is not None and (case in cases or _unstaged(case) in cases)
