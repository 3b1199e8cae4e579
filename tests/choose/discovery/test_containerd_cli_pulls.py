"""containerd's own CLIs pull in scripts: `ctr images pull` (a node image pre-cache step, an AMI build's provisioner
script), `crictl pull`, and nerdctl, whose run/pull/create take docker's options."""

from __future__ import annotations

from ecr_mirror.choose.discovery.containerd_cli_pulls import containerd_cli_pulls
from ecr_mirror.choose.discovery.docker_run import docker_runs

PRE_CACHE = (
    """\
#!/usr/bin/env bash
set -euo pipefail
RUNNER_IMAGE="docker.io/acme/ci-runner:24.04@sha256:"""
    + "a" * 64
    + """"
sudo ctr --namespace k8s.io images pull "$RUNNER_IMAGE"
sudo ctr -n k8s.io image pull --platform linux/amd64 docker.io/library/busybox:1.36
ctr i pull --all-platforms ghcr.io/acme/agent:v2
sudo crictl pull registry.k8s.io/pause:3.10
crictl --runtime-endpoint unix:///run/containerd/containerd.sock pull --creds "$CREDS" quay.io/acme/cache:1.2
echo "ctr images pull docker.io/acme/not-run:1"
# ctr images pull docker.io/acme/commented:1
ctr images push docker.io/acme/pushed:1
ctr images pull "$UNKNOWN_IMAGE"
"""
)


def _found(text: str) -> list[tuple[str, int, bool]]:
    return [(item.text, item.line or 0, item.problem is None) for item in containerd_cli_pulls(text, "pre_cache.sh")]


def test_ctr_and_crictl_pulls_are_read_with_the_scripts_values() -> None:
    found = _found(PRE_CACHE)
    assert ("docker.io/acme/ci-runner:24.04@sha256:" + "a" * 64, 4, True) in found
    assert ("docker.io/library/busybox:1.36", 5, True) in found
    assert ("ghcr.io/acme/agent:v2", 6, True) in found
    assert ("registry.k8s.io/pause:3.10", 7, True) in found
    assert ("quay.io/acme/cache:1.2", 8, True) in found


def test_echoed_commented_and_pushed_names_are_not_pulls_and_unknown_ones_are_unresolved() -> None:
    found = _found(PRE_CACHE)
    texts = [text for text, _, _ in found]
    assert not any("not-run" in text or "commented" in text or "pushed" in text for text in texts)
    assert [(line, ok) for _, line, ok in found if line == 12] == [(12, False)]
    assert len(found) == 6


def test_other_ctr_commands_pull_nothing() -> None:
    text = "ctr images ls\nctr run --rm docker.io/library/alpine:3.20 probe true\nctr images tag a:1 b:1\n"
    assert containerd_cli_pulls(text, "x.sh") == []


def test_nerdctl_takes_dockers_commands() -> None:
    text = "nerdctl run --rm -v /x:/y docker.io/library/alpine:3.20 true\nsudo nerdctl pull ghcr.io/acme/tool:1.0\n"
    found = [(item.text, item.line) for item in docker_runs(text, "x.sh")]
    assert found == [("docker.io/library/alpine:3.20", 1), ("ghcr.io/acme/tool:1.0", 2)]
