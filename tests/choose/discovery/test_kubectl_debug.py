"""`kubectl debug` with `--image` makes the cluster pull that image: it adds an ephemeral container running it to a
running pod, runs it in a copy of the pod (`--copy-to`), or starts a pod on a node with it (`node/NAME`)
(https://kubernetes.io/docs/reference/kubectl/generated/kubectl_debug/: `--image` is the "Container image to use for
debug container"); without `--image` it names none."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kubectl import kubectl_images


def test_kubectl_debug_pulls_the_image_of_its_debug_container() -> None:
    text = """\
#!/usr/bin/env bash
DEBUG_IMAGE="busybox@sha256:9810966b5f712084ea05bf28fc8ba2c8fb110baa2531a10e2da52c1efc504698"
if kubectl debug demo -n "${NS}" --image=${DEBUG_IMAGE} ; then
  echo "ephemeral container allowed"
fi
kubectl -n qa debug -it web --image nicolaka/netshoot:v0.13 --target=app
kubectl debug node/worker-1 -it --image=ubuntu:24.04
kubectl debug web --copy-to=web-debug --container=app -- sh
echo "kubectl debug web --image=not/pulled:1"
"""
    found = [(item.text, item.line, item.problem, item.use) for item in kubectl_images(text, "test/e2e.sh")]
    assert found == [
        ("busybox@sha256:9810966b5f712084ea05bf28fc8ba2c8fb110baa2531a10e2da52c1efc504698", 3, None, "kubectl debug"),
        ("nicolaka/netshoot:v0.13", 6, None, "kubectl debug"),
        ("ubuntu:24.04", 7, None, "kubectl debug"),
    ]
