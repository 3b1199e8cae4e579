"""A command a retry wrapper runs: `retry.sh --attempts 7 --delay 2 -- docker pull "$image"` (a project's own
`hack/testing/retry.sh`, or the `retry` tool, `retry --times=5 -- CMD`, which run the words after `--` as a command
and run it again when it fails) is a `docker pull` that runs, also continued over lines and inside a function whose
argument is the image, called from another function that pulls too (`prepare_images`, itself read at its calls for
`docker pull "$OPERATOR_IMAGE"`): a call giving the script's own value is read there, one giving the body's `$1`
only where that function is called. Another program given `--` before words (`cargo run -- docker pull x`: the
arguments of a program it builds) or a wrapper of another name does not run them as a command here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

COMMON = (
    """\
#!/usr/bin/env bash
set -o errexit

AGNHOST_WITH_SHA=registry.k8s.io/e2e-test-images/agnhost:2.51@sha256:"""
    + "ab" * 32
    + """
OPERATOR_IMAGE=quay.io/acme/operator:v1.2.0

function pull_if_needed {
    local image="$1"
    "${ROOT_DIR}/hack/testing/retry.sh" \\
        --attempts 7 --delay 2 --exponential --stream \\
        --continue-if "! grep -qiE '${non_retriable_errors}' {output}" \\
        -- docker pull "$image"
}

function prepare_images {
    pull_if_needed "$AGNHOST_WITH_SHA"
    retry --times=5 --delay 2 -- docker pull busybox:1.36
    cargo run --release -- docker pull rust-tool-arg:1
    docker pull "$OPERATOR_IMAGE"
}

function pull_pair {
    pull_if_needed "$1"
    docker pull "$2"
}
"""
)

TREE = {"hack/testing/e2e-common.sh": COMMON}


def test_a_pull_a_retry_wrapper_runs_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    agnhost = "registry.k8s.io/e2e-test-images/agnhost:2.51@sha256:" + "ab" * 32
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("hack/testing/e2e-common.sh", 9, None, "unresolved"),  # the function's own `docker pull "$image"`
        ("hack/testing/e2e-common.sh", 16, agnhost, "public"),
        ("hack/testing/e2e-common.sh", 17, "busybox:1.36", "public"),
        ("hack/testing/e2e-common.sh", 19, "quay.io/acme/operator:v1.2.0", "public"),
        # pull_pair's `docker pull "$2"`: its caller's value, and no caller
        ("hack/testing/e2e-common.sh", 24, None, "unresolved"),
    ]
