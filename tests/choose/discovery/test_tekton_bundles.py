"""Tekton bundles: a Pipeline's task, or a run's pipeline, fetched from an OCI image. The bundles resolver
(`taskRef: {resolver: bundles, params: [{name: bundle, value: IMAGE}, ...]}`, https://tekton.dev/docs/pipelines/bundle-resolver/)
and the older `taskRef.bundle` / `pipelineRef.bundle` field (v1beta1, https://tekton.dev/docs/pipelines/pipelines/#tekton-bundles)
pull the image when the run starts (tekton_bundles.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

DIGEST = "sha256:" + "ab" * 32

PIPELINE = f"""\
apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: container-build
spec:
  params:
  - name: scan-bundle
    default: quay.io/acme-ci/catalog/task-scan:0.2@{DIGEST}
  tasks:
  - name: clone
    taskRef:
      resolver: bundles
      params:
      - name: name
        value: git-clone
      - name: bundle
        value: quay.io/acme-ci/catalog/task-git-clone:0.1@{DIGEST}
      - name: kind
        value: task
  - name: scan
    taskRef:
      resolver: bundles
      params:
      - name: bundle
        value: $(params.scan-bundle)
      - name: name
        value: scan
  - name: lint
    taskRef:
      resolver: git
      params:
      - name: url
        value: https://github.com/acme/tasks.git
      - name: pathInRepo
        value: lint.yaml
  - name: local
    taskRef:
      name: local-task
  finally:
  - name: notify
    taskRef:
      resolver: bundles
      params:
      - name: bundle
        value: ghcr.io/acme/tasks/notify:1.4.0
"""

OLDER_RUN = """\
apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata:
  generateName: release-
spec:
  pipelineRef:
    name: release
    bundle: gcr.io/acme-releases/pipelines/release:v0.9.2
---
apiVersion: tekton.dev/v1beta1
kind: Pipeline
metadata:
  name: nightly
spec:
  tasks:
  - name: unit
    taskRef:
      name: golang-test
      bundle: gcr.io/tekton-releases/catalog/upstream/golang-test:0.2
"""

NOT_TEKTON = """\
apiVersion: example.com/v1
kind: Job
metadata:
  name: j
spec:
  taskRef:
    resolver: bundles
    params:
    - name: bundle
      value: docker.io/acme/not-a-bundle:1.0
"""


def _found(text: str) -> list[tuple[str, int | None, str, str | None]]:
    return [(item.text, item.line, item.use or "", item.problem) for item in yaml_images(text, ".tekton/build.yaml")]


def test_the_bundles_resolver_pulls_each_bundle_a_pipeline_names() -> None:
    found = _found(PIPELINE)
    bundles = [(text, line) for text, line, use, problem in found if "bundle" in use and problem is None]
    assert bundles == [
        (f"quay.io/acme-ci/catalog/task-git-clone:0.1@{DIGEST}", 17),
        (f"quay.io/acme-ci/catalog/task-scan:0.2@{DIGEST}", 25),  # the parameter's default, as Tekton substitutes
        ("ghcr.io/acme/tasks/notify:1.4.0", 45),
    ]
    assert all(use == "taskRef bundle (bundles resolver)" for _, _, use, _ in found)
    assert len(found) == 3  # not the git resolver's url, not a task of the cluster


def test_the_older_bundle_field_of_task_and_pipeline_references() -> None:
    found = _found(OLDER_RUN)
    assert [(text, line, use) for text, line, use, _ in found] == [
        ("gcr.io/acme-releases/pipelines/release:v0.9.2", 8, "pipelineRef.bundle"),
        ("gcr.io/tekton-releases/catalog/upstream/golang-test:0.2", 19, "taskRef.bundle"),
    ]


def test_a_bundle_parameter_without_a_value_is_unresolved() -> None:
    text = PIPELINE.replace(f"    default: quay.io/acme-ci/catalog/task-scan:0.2@{DIGEST}\n", "")
    found = _found(text)
    unresolved = [(text, problem) for text, _, _, problem in found if problem]
    assert len(unresolved) == 1 and unresolved[0][0] == "$(params.scan-bundle)"
    assert "scan-bundle" in (unresolved[0][1] or "")


def test_outside_tekton_documents_nothing_is_read_as_a_bundle() -> None:
    assert _found(NOT_TEKTON) == []
