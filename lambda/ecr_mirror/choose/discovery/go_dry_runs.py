"""Go code that sends Kubernetes objects only as a dry run (pure).

A write with dry run set (https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run) goes through
admission and validation, CRD schemas and CEL rules, and persists nothing: no pod is made, no image pulled. An e2e
test of an operator's validation rules writes its objects so: controller-runtime's `c.Create(ctx, obj,
client.DryRunAll)` (https://pkg.go.dev/sigs.k8s.io/controller-runtime/pkg/client#DryRunAll), client-go's
`metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}}` (radix-operator's `e2e/*_validation_test.go`, whose
`Image: "nginx"` components are only validated). `dry_run` says whether a call's options are one; `only_dry_runs`
whether every write of a file (`.Create(`, `.Update(`, `.Patch(`, `.Apply(`) is, and there is one.
"""

from __future__ import annotations

import bisect
import re

_DRY_RUN_RE = re.compile(r"\bDryRunAll\b|\bDryRun\s*:\s*\[\]string\s*\{\s*\"All\"")  # not `DryRun: []string{}`
_BRACKET_RE = re.compile(r"[()]")
_WRITE_RE = re.compile(r"\.[ \t]*(?:Create|Update|Patch|Apply)\(")


def dry_run(options: list[str]) -> bool:
    """Whether one of a write's options (the arguments after the object) sets dry run."""
    return any(_DRY_RUN_RE.search(option) for option in options)


def _closing(text: str) -> dict[int, int]:
    """Where each `(` of the text is closed, by one pass over it (a `(` never closed: absent)."""
    closing: dict[int, int] = {}
    opened: list[int] = []
    for bracket in _BRACKET_RE.finditer(text):
        if bracket[0] == "(":
            opened.append(bracket.start())
        elif opened:
            closing[opened.pop()] = bracket.start()
    return closing


def only_dry_runs(text: str) -> bool:
    """Whether a Go file writes Kubernetes objects, each write a dry run: its arguments, to its closing bracket (the
    text's end if none), hold one."""
    writes = [write.end() for write in _WRITE_RE.finditer(text)]
    if not writes:
        return False
    closing = _closing(text)
    marks = [(mark.start(), mark.end()) for mark in _DRY_RUN_RE.finditer(text)]
    starts = [start for start, _ in marks]
    for start in writes:
        stop = closing.get(start - 1, len(text))
        first = bisect.bisect_left(starts, start)
        if first == len(marks) or marks[first][1] > stop:
            return False
    return True
