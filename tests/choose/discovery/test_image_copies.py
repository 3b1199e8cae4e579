"""Image copy tools pull their source: a mirroring script (an air-gapped setup, a registry proxy warm-up, a release
promotion) copies images registry to registry with `skopeo copy`, `skopeo sync`, `regctl image copy`, `oras cp` or
`docker buildx imagetools create`; each source is pulled, each destination pushed."""

from __future__ import annotations

from ecr_mirror.choose.discovery.image_copies import image_copies
from tests.support.hang_guard import finishes

WARM_UP = """\
#!/bin/bash
set -xeo pipefail
REGISTRY=$1
DEST="docker://${REGISTRY}"
OPERATOR_IMAGE="docker://ghcr.io/acme-labs/widget-operator:v0.4.2"
DB_TAG="16.4"
DB_IMAGE="docker://docker.io/library/postgres:${DB_TAG}"
LAYOUT="oci:/var/cache/images/agent:1"
PLAIN="quay.io/acme/plain:1.0"
if [[ -n $WARM ]]; then
    skopeo copy $OPERATOR_IMAGE --dest-creds proxy:secret --dest-tls-verify=false $DEST/proxy/widget-operator
    skopeo copy --all "$DB_IMAGE" "$DEST/proxy/postgres:${DB_TAG}"
fi
skopeo --insecure-policy copy --retry-times 3 $LAYOUT $DEST/agent:1
skopeo copy $PLAIN $DEST/plain:1.0
skopeo copy "docker://${SOURCE_IMAGE}" "$DEST/from-env"
echo "skopeo copy docker://quay.io/acme/echoed:1 $DEST/echoed"
# skopeo copy docker://quay.io/acme/commented:1 $DEST/commented
skopeo inspect docker://quay.io/acme/inspected:1
"""


def _found(text: str, origin: str = "hack/warm-up.sh") -> list[tuple[str, int, bool, str]]:
    return [(item.text, item.line or 0, item.problem is None, item.use or "") for item in image_copies(text, origin)]


def test_skopeo_copy_sources_given_by_the_scripts_variables_are_pulled() -> None:
    found = _found(WARM_UP)
    assert ("ghcr.io/acme-labs/widget-operator:v0.4.2", 11, True, "skopeo copy") in found
    assert ("docker.io/library/postgres:16.4", 12, True, "skopeo copy") in found


def test_a_local_transport_no_transport_echoes_comments_and_inspect_pull_nothing() -> None:
    texts = " ".join(text for text, _, _, _ in _found(WARM_UP))
    for name in ("agent", "plain", "echoed", "commented", "inspected", "proxy", "REGISTRY", "DEST"):
        assert name not in texts


def test_a_source_the_script_gives_no_value_is_unresolved_naming_it() -> None:
    assert [item for item in _found(WARM_UP) if not item[2]] == [("${SOURCE_IMAGE}", 16, False, "skopeo copy")]
    assert len(_found(WARM_UP)) == 3


SYNC = """\
#!/usr/bin/env bash
MIRROR=registry.airgap.lan:5000
skopeo sync --src docker --dest docker --all quay.io/jetstack/cert-manager-controller:v1.16.1 $MIRROR/jetstack
skopeo sync -s docker -d dir registry.k8s.io/pause:3.10 /media/usb
skopeo sync --src=docker --dest=docker --src-creds "$USER:$PASS" --scoped docker.io/grafana/grafana $MIRROR
skopeo sync --src yaml --dest docker images.yaml $MIRROR
skopeo sync --src dir --dest docker /media/usb/busybox:1-glibc $MIRROR/test
skopeo sync --dry-run --src docker --dest docker quay.io/acme/dry:1 $MIRROR
"""


def test_skopeo_sync_pulls_a_registry_source_only() -> None:
    assert _found(SYNC, "mirror.sh") == [
        ("quay.io/jetstack/cert-manager-controller:v1.16.1", 3, True, "skopeo sync"),
        ("registry.k8s.io/pause:3.10", 4, True, "skopeo sync"),
        ("docker.io/grafana/grafana", 5, True, "skopeo sync"),
    ]


OTHER_TOOLS = """\
#!/usr/bin/env bash
set -euo pipefail
VERSION=v2.11.0
TARGET=registry.internal.example:5000
regctl image copy ghcr.io/acme/controller:${VERSION} $TARGET/acme/controller:${VERSION}
regctl -v info image cp --platform linux/amd64 --digest-tags quay.io/acme/sidecar:1.4 $TARGET/acme/sidecar:1.4
regctl image copy ocidir://./build/layout:${VERSION} $TARGET/acme/layout:${VERSION}
regctl image inspect quay.io/acme/inspected:1
oras cp -r --from-username "$U" --from-password "$P" ghcr.io/acme/charts/widget:0.3.1 $TARGET/charts/widget:0.3.1
oras copy --concurrency 6 registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0 $TARGET/ksm:v2.13.0
oras cp --from-oci-layout ./out:v1 $TARGET/local:v1
oras pull ghcr.io/acme/pulled-file:1
docker buildx imagetools create -t $TARGET/acme/tools:1.0 --annotation "index:org.opencontainers.image.title=x" \\
  docker.io/library/alpine:3.20 ghcr.io/acme/tools-arm64:1.0
"""


def test_regctl_oras_and_imagetools_sources_are_pulled() -> None:
    assert _found(OTHER_TOOLS, "promote.sh") == [
        ("ghcr.io/acme/controller:v2.11.0", 5, True, "regctl image copy"),
        ("quay.io/acme/sidecar:1.4", 6, True, "regctl image copy"),
        ("ghcr.io/acme/charts/widget:0.3.1", 9, True, "oras copy"),
        ("registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0", 10, True, "oras copy"),
        ("docker.io/library/alpine:3.20", 13, True, "docker buildx imagetools create"),
        ("ghcr.io/acme/tools-arm64:1.0", 13, True, "docker buildx imagetools create"),
    ]


RELEASE = """\
#!/usr/bin/env bash
IMAGE=ghcr.io/acme/app
docker build --platform linux/amd64 -t ${IMAGE}:${TAG}-amd64 . && docker push ${IMAGE}:${TAG}-amd64
docker buildx build --platform linux/arm64 -t ${IMAGE}:${TAG}-arm64 --push .
docker buildx imagetools create -t ${IMAGE}:${TAG} ${IMAGE}:${TAG}-amd64 ${IMAGE}:${TAG}-arm64
docker buildx imagetools create --append -t ${IMAGE}:latest gcr.io/distroless/static:nonroot
docker buildx imagetools create -f descriptors.json -t ${IMAGE}:described
"""


def test_imagetools_sources_the_script_builds_and_its_destination_are_no_pulls() -> None:
    assert _found(RELEASE, "release.sh") == [
        ("gcr.io/distroless/static:nonroot", 6, True, "docker buildx imagetools create"),
    ]


def test_a_huge_unclosed_copy_line_stays_linear() -> None:
    text = "skopeo copy " + "--dest-creds x " * 50_000 + '"docker://' + "a" * 200_000 + "\n"
    text += ("regctl image copy " + "-v " * 40_000) * 3 + "\n" + "skopeo sync --src docker\n" * 60_000
    text += "oras cp " + "--from-username " * 50_000 + "\n" + "docker buildx imagetools create -t x " * 3 + "{" * 99_999
    assert finishes(image_copies, text, "x.sh")[0].text == "a" * 200_000
