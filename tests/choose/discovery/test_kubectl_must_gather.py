"""`oc adm must-gather --image=IMAGE` makes the cluster pull that image: the command starts a pod running it on a
node, which collects the cluster's data, one pod per `--image` given (https://docs.redhat.com/en/documentation/
openshift_container_platform/4.18/html/support/gathering-cluster-data); without `--image` it runs the release
payload's default gather image, named nowhere in the tree."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kubectl import kubectl_images


def test_oc_adm_must_gather_pulls_each_image_it_is_given() -> None:
    script = """\
#!/bin/bash
GATHER_IMAGE=${GATHER_IMAGE:-quay.io/acme/must-gather:latest}
oc adm must-gather --dest-dir=$OUT --image=ghcr.io/acme/operator/must-gather:v0.21.0 -- /usr/bin/gather
oc --insecure-skip-tls-verify adm must-gather \\
  --image "$GATHER_IMAGE" \\
  --image=registry.example.com/mesh/must-gather:2.6 \\
  --dest-dir "$OUT"
oc adm must-gather --dest-dir "$OUT"
oc adm inspect ns/acme --dest-dir "$OUT"
echo "oc adm must-gather --image=no:1"
"""
    found = kubectl_images(script, "hack/gather.sh")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("ghcr.io/acme/operator/must-gather:v0.21.0", 3, "oc adm must-gather"),
        ("quay.io/acme/must-gather:latest", 4, "oc adm must-gather"),
        ("registry.example.com/mesh/must-gather:2.6", 4, "oc adm must-gather"),
    ]
