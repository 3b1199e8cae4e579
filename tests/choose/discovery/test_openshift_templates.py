"""OpenShift templates (`kind: Template`): the images of their `objects` with `${NAME}` and `${{NAME}}` replaced by the
`value` of the template's `parameters`, as `oc process` does; a parameter without a value (empty, `required`, or
generated) leaves the image unresolved, naming it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images, yaml_images

TEMPLATE = """\
---
apiVersion: template.openshift.io/v1
kind: Template
metadata:
  name: edge-proxy
objects:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: edge
  spec:
    replicas: ${{REPLICAS}}
    template:
      spec:
        initContainers:
        - name: wait
          image: ${{INIT_IMAGE}}
        containers:
        - name: envoy
          image: ${ENVOY_IMAGE}:${ENVOY_IMAGE_TAG}
        - name: ratelimit
          image: "${RLS_IMAGE}:${RLS_IMAGE_TAG}"
        - name: app
          image: ${IMAGE}:${IMAGE_TAG}
        - name: log
          image: ${LOG_IMAGE}:${LOG_TAG}
        - name: cache
          image: ${CACHE_IMAGE}
parameters:
- name: REPLICAS
  value: "3"
- name: INIT_IMAGE
  value: registry.access.redhat.com/ubi9/ubi-minimal:9.5
- name: ENVOY_IMAGE
  value: "docker.io/envoyproxy/envoy"
  displayName: Envoy container image
- name: ENVOY_IMAGE_TAG
  value: "v1.31-latest"
- name: RLS_IMAGE
  value: docker.io/envoyproxy/ratelimit
- name: RLS_IMAGE_TAG
  value: latest
- name: IMAGE
  value: quay.io/acme/app
- name: IMAGE_TAG
  required: true
- name: LOG_IMAGE
  value: ""
- name: LOG_TAG
  value: ""
- name: CACHE_IMAGE
  generate: expression
  from: "redis:[0-9]{1}"
"""


def _found(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in kubernetes_images(text, "deploy/edge-template.yaml")]


def test_a_templates_objects_take_its_parameters_values() -> None:
    found = _found(TEMPLATE)
    assert found[:4] == [
        ("registry.access.redhat.com/ubi9/ubi-minimal:9.5", 17, None),
        ("docker.io/envoyproxy/envoy:v1.31-latest", 20, None),
        ("docker.io/envoyproxy/ratelimit:latest", 22, None),
        (
            "${IMAGE}:${IMAGE_TAG}",
            24,
            "${IMAGE_TAG} is a required parameter of this OpenShift template, given when it is processed"
            " (`oc process -p IMAGE_TAG=...`)",
        ),
    ]
    assert found[4:] == [
        (
            "${LOG_IMAGE}:${LOG_TAG}",
            26,
            "${LOG_IMAGE} is a parameter of this OpenShift template without a value, given when it is processed"
            " (`oc process -p LOG_IMAGE=...`)",
        ),
        (
            "${CACHE_IMAGE}",
            28,
            "${CACHE_IMAGE} is a parameter of this OpenShift template generated when it is processed",
        ),
    ]
    # read the same way where the file is any YAML
    assert [(f.text, f.line, f.problem) for f in yaml_images(TEMPLATE, "deploy/edge-template.yaml")] == found


def test_a_parameter_the_template_does_not_declare_stays_unresolved() -> None:
    text = """\
apiVersion: v1
kind: Template
objects:
- apiVersion: v1
  kind: Pod
  metadata: {name: probe}
  spec:
    containers:
    - name: probe
      image: ${PROBE_IMAGE}
parameters:
- name: OTHER
  value: x
"""
    assert _found(text) == [
        ("${PROBE_IMAGE}", 10, "${PROBE_IMAGE} is not a parameter of this OpenShift template"),
    ]


def test_a_kind_template_of_another_api_is_read_as_before() -> None:
    text = """\
apiVersion: argoproj.io/v1alpha1
kind: Template
spec:
  container:
    image: alpine:${TAG}
parameters:
- name: TAG
  value: "3.20"
"""
    assert [item.text for item in kubernetes_images(text, "x.yaml")] == ["alpine:${TAG}"]
