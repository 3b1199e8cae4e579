"""Whether a tree's CI files or makefiles run envtest on an existing cluster through its environment (pure).

envtest starts its own API server and etcd, with no kubelet, unless told to use the kubeconfig's cluster: by its
`UseExistingCluster` field, or, when the field is not set, by the `USE_EXISTING_CLUSTER` environment variable ("if
set to true, envtest will use an existing cluster", https://pkg.go.dev/sigs.k8s.io/controller-runtime/pkg/envtest).
Operators tested on kind set it for their test jobs: harbor-operator's workflows, `env: {USE_EXISTING_CLUSTER:
true}` beside `make go-test`; a Makefile's `export USE_EXISTING_CLUSTER=true` or `USE_EXISTING_CLUSTER=true go test
./...`. Read: an assignment of `true` (any case, quoted or not) to the name, as a YAML key, a make or shell assignment
(`=`, `:=`, `?=`); a reference (`$(USE_EXISTING_CLUSTER)`, `${USE_EXISTING_CLUSTER:-true}`) sets nothing. An
assignment that prefixes a `go test` command (a line continued with `\\` read as one) sets it for that command's run
only: for the packages its `./`-patterns name (`./test/e2e/`, `./test/...`, `./...`), asked by the package's
directory from the file's (`package`); wandb's operator sets it for `go test ./test/e2e/` alone while `make test` runs
the controllers' envtest suites on their own API server. A `go test` naming no pattern (`$(PKGS)`), any other
command, and an `export` or a CI `env:` set it for everything the file runs.
"""

from __future__ import annotations

import re

NAME = "USE_EXISTING_CLUSTER"
_SET_RE = re.compile(
    r"(?<![\w${(])(?:[\"'])?USE_EXISTING_CLUSTER(?:[\"'])?[ \t]*(?::=|\?=|:|=)[ \t]*[\"']?(?i:true)(?![\w-])"
)


_GO_TEST_RE = re.compile(r"[^\n;&|]*?\bgo\s+test\b(?P<args>[^\n;&|]*)")


def _covers(pattern: str, package: str) -> bool:
    """Whether a `go test` package pattern relative to the file's directory (`./test/...`) names `package`."""
    path = pattern.removeprefix("./").rstrip("/")
    if path == "..." or path.endswith("/..."):
        base = path.removesuffix("...").rstrip("/")
        return not base or package == base or package.startswith(base + "/")
    return package == ("" if path == "." else path)


def sets_existing_cluster(text: str, package: str | None = None) -> bool:
    """Whether `text` (a workflow, a makefile, a script) sets `USE_EXISTING_CLUSTER` to true for the Go package in
    the directory `package` (relative to the file's, `internal/controller`), or for any when None (see the module)."""
    if NAME not in text:
        return False
    joined = text.replace("\\\n", " ")
    for match in _SET_RE.finditer(joined):
        command = _GO_TEST_RE.match(joined, match.end())
        patterns = [word for word in command["args"].split() if word.startswith("./") or word == "."] if command else []
        if package is None or not patterns or any(_covers(pattern, package) for pattern in patterns):
            return True
    return False
