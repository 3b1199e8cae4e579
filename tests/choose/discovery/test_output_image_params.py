"""A parameter or variable named as a build's output image (`output-image`, Konflux's build pipelines' parameter,
"Fully Qualified Output Image"; `OUTPUT_IMAGE`) names the image the run builds and pushes, not one it pulls; other
parameters named for an image keep their reading."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

PIPELINE_RUN = """\
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: acme-app-on-push
spec:
  params:
  - name: git-url
    value: '{{source_url}}'
  - name: output-image
    value: quay.io/acme/app:on-push
  - name: builder-image
    value: quay.io/acme/builder:2.1
  pipelineRef:
    resolver: git
    params:
    - name: pathInRepo
      value: pipelines/docker-build.yaml
"""

JOB = """\
apiVersion: batch/v1
kind: Job
metadata: {name: build}
spec:
  template:
    spec:
      containers:
      - name: kaniko
        image: gcr.io/kaniko-project/executor:v1.23.2
        env:
        - {name: OUTPUT_IMAGE, value: "ghcr.io/acme/app:nightly"}
        - {name: RELATED_IMAGE_DB, value: "docker.io/library/postgres:16"}
"""


def test_a_pipeline_run_s_output_image_is_built_not_pulled() -> None:
    found = kubernetes_images(PIPELINE_RUN, ".tekton/acme-app-push.yaml")
    assert [item.text for item in found] == ["quay.io/acme/builder:2.1"]


def test_an_output_image_variable_is_built_not_pulled() -> None:
    found = kubernetes_images(JOB, "deploy/build-job.yaml")
    assert [item.text for item in found] == ["gcr.io/kaniko-project/executor:v1.23.2", "docker.io/library/postgres:16"]
