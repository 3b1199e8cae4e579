"""Istio's gateway injection: a pod that asks for the sidecar injector (`sidecar.istio.io/inject: "true"`, the
`inject.istio.io/templates: gateway` annotation) writes `image: auto`, which the injector replaces with its proxy image
when the pod is created (https://istio.io/latest/docs/setup/additional-setup/gateway/#deploying-a-gateway): no image
named `auto` is pulled (istio_injection.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

GATEWAY = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-gateway
  namespace: istio-ingress
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  template:
    metadata:
      annotations:
        inject.istio.io/templates: gateway
      labels:
        istio: ingressgateway
        sidecar.istio.io/inject: "true"
    spec:
      containers:
      - name: istio-proxy
        image: auto
      - name: exporter
        image: quay.io/acme/gateway-exporter:1.3.0
"""

NOT_INJECTED = """\
apiVersion: v1
kind: Pod
metadata:
  name: tool
spec:
  containers:
  - name: tool
    image: auto
"""


def test_the_injected_gateway_placeholder_is_no_image() -> None:
    assert [item.text for item in yaml_images(GATEWAY, "deploy/gateway.yaml")] == [
        "quay.io/acme/gateway-exporter:1.3.0"
    ]


def test_auto_outside_an_injected_pod_is_read_as_written() -> None:
    assert [item.text for item in yaml_images(NOT_INJECTED, "deploy/tool.yaml")] == ["auto"]
