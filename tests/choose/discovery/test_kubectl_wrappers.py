"""kubectl behind a distribution's wrapper runs the same commands: MicroK8s' `microk8s kubectl` (and the snap's
`microk8s.kubectl` alias, https://microk8s.io/docs/working-with-kubectl), K3s' `k3s kubectl`
(https://docs.k3s.io/cli) and minikube's `minikube kubectl --` (https://minikube.sigs.k8s.io/docs/handbook/kubectl/):
a deployment created or a pod run through one pulls its image in that cluster."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kubectl import kubectl_images

WORKFLOW = """\
jobs:
  e2e:
    runs-on: ubuntu-latest
    steps:
      - name: Deploy nginx for testing
        run: microk8s kubectl create deployment web --image=nginx
      - run: sudo microk8s kubectl run probe --image=busybox:1.36 -- sleep 60
      - run: microk8s.kubectl run dig --image=toolbelt/dig:latest
      - run: sudo k3s kubectl create deployment cache --image redis:7.2
      - run: minikube kubectl -- run web2 --image=httpd:2.4
      - run: echo "microk8s kubectl run prose --image=no:1"
      - run: microk8s kubectl rollout status deployment/web --timeout=30m
      - run: microk8s enable registry --image=no:2
"""


def test_kubectl_behind_a_distributions_wrapper() -> None:
    found = kubectl_images(WORKFLOW, ".github/workflows/e2e.yaml")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("nginx", 6, "kubectl create deployment"),
        ("busybox:1.36", 7, "kubectl run"),
        ("toolbelt/dig:latest", 8, "kubectl run"),
        ("redis:7.2", 9, "kubectl create deployment"),
        ("httpd:2.4", 10, "kubectl run"),
    ]
