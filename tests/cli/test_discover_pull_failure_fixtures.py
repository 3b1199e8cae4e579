"""A script that injects an image pull failure (it sets an image whose name says it does not exist, then waits for
the kubelet's `ErrImagePull` / `ImagePullBackOff`): that image is the fixture of a negative test, which no registry
serves and nothing is meant to pull, so it is not read; the script's other images are."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.pull_failure_fixtures import without_failure_fixtures
from ecr_mirror.cli.discover_scripts import command_pulls
from tests.support.hang_guard import finishes

INJECT = """\
#!/usr/bin/env bash
set -euo pipefail
BROKEN_IMAGE="ghcr.io/acme/missing-image:v0-does-not-exist"
kubectl set image deployment/web -n shop "web=$BROKEN_IMAGE"
kubectl set image deployment/worker -n shop "worker=docker.io/acme/nonexistent:v999"
kubectl run probe -n shop --image=docker.io/library/busybox:1.36 --restart=Never -- sleep 5
for _ in $(seq 1 24); do
  reason=$(kubectl get pods -n shop -l app=web \
    -o jsonpath='{.items[0].status.containerStatuses[0].state.waiting.reason}')
  if [[ "$reason" == "ImagePullBackOff" || "$reason" == "ErrImagePull" ]]; then
    echo "pull failure injected"; break
  fi
  sleep 5
done
"""

NO_EXPECTATION = """\
#!/usr/bin/env bash
kubectl set image deployment/web -n shop "web=docker.io/acme/nonexistent-ui:2.0"
kubectl rollout status deployment/web -n shop
"""


def test_an_image_named_as_missing_in_a_script_expecting_the_pull_to_fail_is_not_read() -> None:
    found = command_pulls(INJECT, "scenarios/image-pull-failure-setup.sh")
    assert [item.text for item in found] == ["docker.io/library/busybox:1.36"]


def test_without_the_expected_failure_the_name_alone_drops_nothing() -> None:
    found = command_pulls(NO_EXPECTATION, "scripts/deploy-ui.sh")
    assert [item.text for item in found] == ["docker.io/acme/nonexistent-ui:2.0"]


def _count(size: int) -> int:
    text = "ErrImagePul " * size + "does-not-exist " * size + "ImagePullBackOff"
    missing = Found("quay.io/acme/app:" + "not-" * size + "does-not-exist", "scenario.sh", 1)
    return len(without_failure_fixtures([missing], text))


def test_a_large_text_is_read_in_linear_time() -> None:
    assert finishes(_count, 400000) == 0
