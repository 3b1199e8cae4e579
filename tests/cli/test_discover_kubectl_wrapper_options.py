"""`discover` on a script that applies the pod a heredoc writes through a library's kubectl wrapper whose body gives
kubectl an option with its value before the arguments (`k() { kubectl -n my-operator "$@"; }`): the wrapper's calls
are kubectl's (shell_functions.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

LIBRARY = """\
#!/usr/bin/env bash
k() {
  kubectl -n my-operator "$@"
}

k_wait() {
  k wait --timeout 120s --for condition=ready "$@"
}
"""

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail

run_probe() {
  POD_FILE="$TMP_DIR/pod.yml"
  cat <<EOT >"$POD_FILE"
apiVersion: v1
kind: Pod
metadata:
  name: probe
spec:
  containers:
  - name: probe
    image: alpine:3.20
EOT
  k apply -f "$POD_FILE"
}

. "$(dirname "$0")/lib.sh"

run_probe
"""


def _listed(records: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public")


def test_a_heredoc_pod_applied_through_a_kubectl_wrapper_with_a_namespace_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"hack/ci/lib.sh": LIBRARY, "hack/ci/e2e.sh": SCRIPT})
    assert _listed(discover_records(tmp_path, monkeypatch, capsys)) == [("alpine:3.20", "hack/ci/e2e.sh", 14)]


def test_a_wrapper_that_gives_kubectl_a_command_of_its_own_is_no_kubectl_wrapper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    library = LIBRARY.replace('kubectl -n my-operator "$@"', 'kubectl -n my-operator get "$@"')
    write_tree(tmp_path, {"hack/ci/lib.sh": library, "hack/ci/e2e.sh": SCRIPT})
    assert _listed(discover_records(tmp_path, monkeypatch, capsys)) == []
