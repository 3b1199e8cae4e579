"""A CI step's command written as a one-line quoted YAML string (`run: "docker run ..."`, a GitLab script item
`- 'docker pull ...'`) runs as the plain scalar would; a quoted step name or description that starts with the same
words is text."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs

WORKFLOW = """\
jobs:
  scan:
    steps:
      - name: "docker pull images for the scan"
        run: "docker run -v /var/run/docker.sock:/var/run/docker.sock aquasec/trivy:0.60.0 image app:ci"
      - run: 'docker pull ghcr.io/acme/fixtures:2'
      - name: "docker run the linter"
        run: echo done
"""

GITLAB = """\
test:
  description: "docker run alpine:3.20 would do"
  script:
    - "docker run --rm -e CI=1 redis:7.4 redis-cli --version"
    - 'docker pull busybox:1.37'
"""


def test_a_quoted_run_step_is_read_and_a_quoted_name_is_not() -> None:
    found = docker_runs(WORKFLOW, ".github/workflows/scan.yml")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("aquasec/trivy:0.60.0", 5, "docker run"),
        ("ghcr.io/acme/fixtures:2", 6, "docker pull"),
    ]


def test_quoted_script_items_are_read_and_a_quoted_description_is_not() -> None:
    found = docker_runs(GITLAB, ".gitlab-ci.yml")
    assert [(item.text, item.line) for item in found] == [("redis:7.4", 4), ("busybox:1.37", 5)]
