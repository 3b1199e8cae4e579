"""Whether a tree's CI files or makefiles run envtest on an existing cluster through its environment (pure).

envtest starts its own API server and etcd, with no kubelet, unless told to use the kubeconfig's cluster: by its
`UseExistingCluster` field, or, when the field is not set, by the `USE_EXISTING_CLUSTER` environment variable ("if
set to true, envtest will use an existing cluster", https://pkg.go.dev/sigs.k8s.io/controller-runtime/pkg/envtest).
Operators tested on kind set it for their test jobs: harbor-operator's workflows, `env: {USE_EXISTING_CLUSTER:
true}` beside `make go-test`; a Makefile's `export USE_EXISTING_CLUSTER=true` or `USE_EXISTING_CLUSTER=true go test
./...`. Read: an assignment of `true` (any case, quoted or not) to the name, as a YAML key, a make or shell assignment
(`=`, `:=`, `?=`); a reference (`$(USE_EXISTING_CLUSTER)`, `${USE_EXISTING_CLUSTER:-true}`) sets nothing.
"""

from __future__ import annotations

import re

NAME = "USE_EXISTING_CLUSTER"
_SET_RE = re.compile(
    r"(?<![\w${(])(?:[\"'])?USE_EXISTING_CLUSTER(?:[\"'])?[ \t]*(?::=|\?=|:|=)[ \t]*[\"']?(?i:true)(?![\w-])"
)


def sets_existing_cluster(text: str) -> bool:
    """Whether `text` (a workflow, a makefile, a script) sets `USE_EXISTING_CLUSTER` to true (see the module)."""
    return NAME in text and _SET_RE.search(text) is not None
