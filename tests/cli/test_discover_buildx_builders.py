"""`docker buildx create --driver-opt image=IMAGE`: the BuildKit image a builder of the docker-container (or
kubernetes) driver runs, pulled when the builder boots."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
BUILDER ?= img-builder
BUILDKIT_VERSION ?= v0.12.5

.PHONY: builder
builder:
\t@if ! docker buildx ls | grep $(BUILDER); then \\
\t\tdocker buildx create --driver-opt image=moby/buildkit:$(BUILDKIT_VERSION) --name $(BUILDER) --use; \\
\tfi
"""

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
docker buildx create --name ci --driver docker-container \\
  --driver-opt=network=host,image=moby/buildkit:v0.13.2 --use
docker buildx create --name k8s --driver kubernetes --driver-opt "namespace=ci,image=moby/buildkit:v0.14.0-rootless"
docker buildx create --name remote --driver remote --driver-opt image=moby/buildkit:v0.9.0 tcp://buildkitd:1234
docker buildx create --name plain --use
echo "docker buildx create --driver-opt image=moby/buildkit:v0.1.0"
docker buildx create --driver-opt image=$BUILDKIT_IMAGE
"""


def test_the_buildkit_image_a_buildx_builder_is_created_with_is_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Makefile": MAKEFILE, "hack/builder.sh": SCRIPT}, tmp_path, monkeypatch, capsys)
    use = "docker buildx create --driver-opt image"
    seen = {(file, line, ref, status) for file, line, _, used, ref, status in rows if used == use}
    assert seen == {
        ("Makefile", 6, "moby/buildkit:v0.12.5", "public"),
        ("hack/builder.sh", 3, "moby/buildkit:v0.13.2", "public"),
        ("hack/builder.sh", 5, "moby/buildkit:v0.14.0-rootless", "public"),
        ("hack/builder.sh", 9, None, "unresolved"),  # `$BUILDKIT_IMAGE`: known only when it runs
    }
    # the remote driver connects to a BuildKit already running (no image); a builder without the option runs the
    # image buildx picks by its version (not in the tree); echoed text creates nothing
    assert not [row for row in rows if row[4] in ("moby/buildkit:v0.9.0", "moby/buildkit:v0.1.0")]
    assert {row[2] for row in rows if row[3] == use} == {"Makefile", "shell script"}
