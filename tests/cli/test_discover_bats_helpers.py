"""`discover` reads a Bats test's calls of a helper function of the file it `load`s as the command the helper runs
with the caller's words: `load helpers` sources `helpers.bash` from the test file's directory
(https://bats-core.readthedocs.io/en/stable/writing-tests.html#load-share-common-code), whose `run_skopeo` runs
`run timeout ... ${SKOPEO_BINARY} "$@"`, `SKOPEO_BINARY` a path to skopeo. A call whose first word is the status
the test expects (`run_skopeo 1 copy ...`, a test of a failure) is no copy, nor `skopeo inspect`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

HELPERS = """\
#!/bin/bash
TEST_SOURCE_DIR=${TEST_SOURCE_DIR:-$(dirname ${BASH_SOURCE})}
SKOPEO_BINARY=${SKOPEO_BINARY:-${TEST_SOURCE_DIR}/../bin/skopeo}
SKOPEO_TIMEOUT=${SKOPEO_TIMEOUT:-300}

function run_skopeo() {
    expected_rc=0
    case "$1" in
        [0-9])   expected_rc=$1; shift;;
        '?')     expected_rc=  ; shift;;
    esac
    echo "\\$ $SKOPEO_BINARY $*"
    run timeout --foreground --kill=10 $SKOPEO_TIMEOUT ${SKOPEO_BINARY} "$@"
    if [ "$status" -ne "$expected_rc" ]; then
        die "exit code is $status; expected $expected_rc"
    fi
}
"""

TEST = """\
#!/usr/bin/env bats

load helpers

@test "copy a public image to a directory" {
    run_skopeo copy --retry-times 3 docker://quay.io/acme/busybox:1.36 dir:$TESTDIR/one
    run_skopeo 1 copy docker://quay.io/acme/nonesuch:latest dir:$TESTDIR/two
    run_skopeo inspect docker://quay.io/acme/alpine:3.20
}
"""


def _references(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> set[tuple[str, int, str | None]]:
    return {(r["file"], r["line"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)}


def test_a_loaded_helper_reads_as_the_skopeo_command_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"systemtest/helpers.bash": HELPERS, "systemtest/020-copy.bats": TEST})
    references = _references(tmp_path, monkeypatch, capsys)
    assert ("systemtest/020-copy.bats", 6, "quay.io/acme/busybox:1.36") in references
    assert not any(reference and "nonesuch" in reference for _, _, reference in references)
    assert not any(reference and "alpine" in reference for _, _, reference in references)


def test_a_helper_of_a_file_not_loaded_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `load` takes the test file's directory: a `helpers.bash` elsewhere is not the one it sources
    write_tree(tmp_path, {"other/helpers.bash": HELPERS, "systemtest/020-copy.bats": TEST})
    references = _references(tmp_path, monkeypatch, capsys)
    assert not any(reference and "busybox" in reference for _, _, reference in references)


BUILDAH_HELPERS = """\
#!/usr/bin/env bash
TEST_SOURCES=${TEST_SOURCES:-$(dirname ${BASH_SOURCE})}
BUILDAH_BINARY=${BUILDAH_BINARY:-$TEST_SOURCES/../bin/buildah}
BUILDAH_TIMEOUT=${BUILDAH_TIMEOUT:-300}

function run_buildah() {
    local expected_rc=0
    case "$1" in
        [0-9])     expected_rc=$1; shift;;
        --retry)   retry=3;        shift;;
    esac
    run env CONTAINERS_CONF=${CONTAINERS_CONF:-$(dirname ${BASH_SOURCE})/containers.conf} timeout --foreground \\
--kill=10 $BUILDAH_TIMEOUT ${BUILDAH_BINARY} ${BUILDAH_REGISTRY_OPTS} ${ROOTDIR_OPTS} "$@"
}
"""

BUILDAH_TEST = """\
#!/usr/bin/env bats

load helpers

@test "from a public image" {
  run_buildah from --quiet $WITH_POLICY_JSON quay.io/acme/testimage:20241011
  cid=$output
  run_buildah commit $WITH_POLICY_JSON $cid new-image
  run_buildah from $WITH_POLICY_JSON new-image
  run_buildah 125 from $WITH_POLICY_JSON quay.io/acme/nonesuch:latest
  run_buildah pull $WITH_POLICY_JSON registry.k8s.io/pause:3.1
  run_buildah commit --iidfile ${TEST_SCRATCH_DIR}/output.iid $WITH_POLICY_JSON $cid containers-storage:stored-image
  run_buildah from --quiet $WITH_POLICY_JSON stored-image
}
"""


def test_a_loaded_helper_reads_as_the_buildah_command_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `run env NAME=VALUE timeout ... ${BUILDAH_BINARY} ${BUILDAH_REGISTRY_OPTS} "$@"`: the option variables before
    # the caller's words are the wrapper's own; the image the test commits first and an expected failure are no pull
    write_tree(tmp_path, {"tests/helpers.bash": BUILDAH_HELPERS, "tests/from.bats": BUILDAH_TEST})
    references = {reference for _, _, reference in _references(tmp_path, monkeypatch, capsys)}
    assert {"quay.io/acme/testimage:20241011", "registry.k8s.io/pause:3.1"} <= references
    built_or_failing = ("nonesuch", "new-image", "stored-image")
    assert not any(reference and any(name in reference for name in built_or_failing) for reference in references)


REGISTRY_HELPERS = """\
#!/bin/bash
REGISTRY_FQIN=${SKOPEO_TEST_REGISTRY_FQIN:-quay.io/acme/registry:2.8.2}

function log_and_run() {
    echo "\\$ $*"
    "$@"
}

function start_registry() {
    local name=$1
    local runtime=
    if [[ $(stat -f -c %T /sys/fs/cgroup) == "tmpfs" ]]; then
        runtime="--runtime runc"
    fi
    PODMAN="podman $runtime --cgroup-manager=cgroupfs"
    log_and_run $PODMAN run -d --name $name "${reg_args[@]}" $REGISTRY_FQIN
}
"""


def test_a_helper_runs_the_image_through_a_variable_holding_podman_with_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `PODMAN="podman $runtime --cgroup-manager=cgroupfs"`: the program with its global options, then `$PODMAN run`
    write_tree(tmp_path, {"systemtest/helpers.bash": REGISTRY_HELPERS})
    references = _references(tmp_path, monkeypatch, capsys)
    assert ("systemtest/helpers.bash", 16, "quay.io/acme/registry:2.8.2") in references
