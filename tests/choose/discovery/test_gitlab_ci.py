"""GitLab CI files: !reference, extends, nested variables, parallel matrices, other custom tags."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gitlab_ci import gitlab_images, hidden_used
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

PIPELINE = """\
include:
  - project: infra/ci-templates
    file: /templates/base.yml
variables:
  PY_VERSION: "3.12"
  PY_IMAGE: "python:${PY_VERSION}-slim"
  REGISTRY_MIRROR: docker.io/library
  RAW: {value: "literal:$$keep", expand: false}
.python:
  image: $PY_IMAGE
  services:
    - name: ${REGISTRY_MIRROR}/postgres:16
      alias: db
.node:
  image: node:${NODE}-alpine
lint:
  extends: .python
  script: [ruff check .]
test:
  extends: .python
  services:
    - !reference [.python, services]
    - redis:7.4
  script: [pytest]
frontend:
  extends: .node
  variables: {NODE: "22"}
  script: [npm test]
matrix:
  image: mcr.microsoft.com/dotnet/sdk:${DOTNET}
  parallel:
    matrix:
      - DOTNET: ["8.0", "9.0"]
  script: [dotnet test]
deploy:
  image: !reference [.kaniko, image]
  script: [deploy]
docs:
  image: !reference [.python, image]
  script: [mkdocs build]
"""


def _ok(found: list[Found]) -> list[str]:
    return [f.text for f in found if f.problem is None]


def test_references_extends_nested_variables_and_parallel_matrices_are_resolved_within_the_file() -> None:
    found = gitlab_images(PIPELINE, ".gitlab/ci/build.gitlab-ci.yml")
    assert sorted(set(_ok(found))) == [
        "docker.io/library/postgres:16",
        "mcr.microsoft.com/dotnet/sdk:8.0",
        "mcr.microsoft.com/dotnet/sdk:9.0",
        "node:22-alpine",
        "python:3.12-slim",
        "redis:7.4",
    ]
    # the hidden templates are read through the jobs that extend them: `.node` alone would be node:$NODE
    assert not any("$" in f.text for f in found if f.problem is None)


def test_a_reference_to_a_job_of_another_file_is_unresolved_with_its_path_and_line() -> None:
    found = gitlab_images(PIPELINE, ".gitlab-ci.yml")
    unresolved = [f for f in found if f.problem]
    assert [(f.text, f.line) for f in unresolved] == [("!reference [.kaniko, image]", 36)]
    assert ".kaniko is not in this file" in (unresolved[0].problem or "")


def test_a_variable_without_a_value_names_the_innermost_variable() -> None:
    text = 'variables:\n  IMAGE: "$CI_REGISTRY/app:${TAG}"\nbuild:\n  image: $IMAGE\n  script: [make]\n'
    [item] = gitlab_images(text, ".gitlab-ci.yml")
    assert item.text == "$IMAGE" and item.line == 4
    assert item.problem == "$CI_REGISTRY is set by GitLab when the job runs"


def test_variables_referring_to_each_other_in_a_cycle_are_reported_not_looped() -> None:
    text = "variables:\n  A: $B\n  B: $A\njob:\n  image: $A\n  script: [x]\n"
    [item] = gitlab_images(text, ".gitlab-ci.yml")
    assert item.problem is not None and "levels deep" in item.problem


def test_included_ci_files_are_recognised_by_name_or_by_their_shape() -> None:
    assert kind_of(".gitlab/ci/test.gitlab-ci.yml") is Kind.GITLAB
    included = "unit:\n  stage: test\n  image: golang:1.23\n  script: [go test ./...]\n"
    found = images_in(kind_of(".gitlab/ci/unit.yml") or Kind.YAML, included, ".gitlab/ci/unit.yml")
    assert [(f.text, f.kind) for f in found] == [("golang:1.23", "GitLab CI file")]


def test_custom_tags_of_other_tools_do_not_make_the_file_unreadable() -> None:
    mkdocs = (
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    assert images_in(Kind.YAML, mkdocs, "mkdocs.yml") == []
    tagged = "job:\n  image: !ENV_IMAGE python:3.13\n  script: !Ref [x]\n"
    assert _ok(gitlab_images(tagged, ".gitlab-ci.yml")) == ["python:3.13"]


HIDDEN_AND_MACOS = """\
.unused-android:
  image: acme/android-ndk:r26
  script: [build]
.linux:
  image: debian:12
.macos:
  image: macos-14-xcode-15
  tags: [saas-macos-medium-m1]
  services: [postgres:16]
build-linux:
  extends: .linux
  script: [make]
build-macos:
  extends: .macos
  script: [make]
.only-referenced:
  image: alpine:3.20
lint:
  image: !reference [.only-referenced, image]
  script: [lint]
"""


def test_in_a_pipeline_a_hidden_job_no_job_extends_or_references_is_not_read() -> None:
    found = gitlab_images(HIDDEN_AND_MACOS, ".gitlab-ci.yml", pipeline_used=frozenset())
    assert sorted(set(_ok(found))) == ["alpine:3.20", "debian:12", "postgres:16"]
    # a job of another file of the pipeline extends it: read
    found = gitlab_images(HIDDEN_AND_MACOS, "ci/android.yml", pipeline_used=frozenset({".unused-android"}))
    assert "acme/android-ndk:r26" in _ok(found)
    # a file read alone (a template another project may include) keeps its hidden jobs
    assert "acme/android-ndk:r26" in _ok(gitlab_images(HIDDEN_AND_MACOS, "templates/android.gitlab-ci.yml"))


def test_the_image_of_a_job_on_a_gitlab_hosted_macos_runner_is_a_vm_image_not_listed() -> None:
    found = gitlab_images(HIDDEN_AND_MACOS, ".gitlab-ci.yml", pipeline_used=frozenset())
    assert not any(f.text.startswith("macos-") for f in found)


def test_the_jobs_and_references_of_a_pipeline_file_name_the_hidden_jobs_it_uses() -> None:
    assert hidden_used(HIDDEN_AND_MACOS, ".gitlab-ci.yml") == {".linux", ".macos", ".only-referenced"}
