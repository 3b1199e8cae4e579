"""`oc adm release extract|info|mirror` pulls the OpenShift release image it is given (the positional argument, or
`--from`), to read its payload: the installer, the CLI, the credentials requests of a cluster install script
(https://docs.redhat.com/en/documentation/openshift_container_platform/4.18/html/cli_tools/openshift-cli-oc#oc-adm-release-extract)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kubectl import kubectl_images

SCRIPT = """\
#!/bin/bash
RELEASE_IMAGE=${RELEASE_IMAGE:-"quay.io/acme-release/ocp-release:4.16.3-x86_64"}
oc adm release extract --credentials-requests --cloud=aws ${RELEASE_IMAGE} --to="$DIR/credrequests"
oc adm release extract --cloud aws --to "$DIR" quay.io/acme-release/ocp-release:4.17.0-x86_64
oc adm release info --image-for=cli quay.io/acme-release/ocp-release:4.15.9-multi
oc adm release info -a "$PULL_SECRET" --output json quay.io/acme-release/ocp-release:4.14.1-aarch64
oc adm release mirror --from=quay.io/acme-release/ocp-release:4.13.2-x86_64 --to=mirror.local/ocp/release
oc adm release new --from-release=quay.io/acme-release/ocp-release:4.12.0-x86_64 --to-image=mirror.local/x:1
oc adm release extract --command=oc --to=./bin
echo "oc adm release info quay.io/acme-release/ocp-release:1.0.0"
"""


def test_oc_adm_release_pulls_the_release_image_it_reads() -> None:
    found = kubectl_images(SCRIPT, "hack/cluster-install.sh")
    assert [(item.text, item.line, item.use, item.problem) for item in found] == [
        ("quay.io/acme-release/ocp-release:4.16.3-x86_64", 3, "oc adm release extract", None),
        ("quay.io/acme-release/ocp-release:4.17.0-x86_64", 4, "oc adm release extract", None),
        ("quay.io/acme-release/ocp-release:4.15.9-multi", 5, "oc adm release info", None),
        ("quay.io/acme-release/ocp-release:4.14.1-aarch64", 6, "oc adm release info", None),
        ("quay.io/acme-release/ocp-release:4.13.2-x86_64", 7, "oc adm release mirror", None),
    ]
