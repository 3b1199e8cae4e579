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

import re

_DRY_RUN_RE = re.compile(r"\bDryRunAll\b|\bDryRun\s*:\s*\[\]string\s*\{\s*\"All\"")  # not `DryRun: []string{}`
_WRITE_RE = re.compile(r"\.[ \t]*(?:Create|Update|Patch|Apply)\(")


def dry_run(options: list[str]) -> bool:
    """Whether one of a write's options (the arguments after the object) sets dry run."""
    return any(_DRY_RUN_RE.search(option) for option in options)


def _call(text: str, start: int) -> str:
    """The arguments of the call whose `(` ends just before `start`, to its closing bracket (the text's end if none)."""
    depth = 1
    for at in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[at], 0)
        if depth == 0:
            return text[start:at]
    return text[start:]


def only_dry_runs(text: str) -> bool:
    """Whether a Go file writes Kubernetes objects, each write a dry run."""
    writes = [_call(text, write.end()) for write in _WRITE_RE.finditer(text)]
    return bool(writes) and all(_DRY_RUN_RE.search(write) for write in writes)
