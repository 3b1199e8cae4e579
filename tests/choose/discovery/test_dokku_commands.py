"""`dokku git:from-image APP IMAGE`: Dokku deploys an app from an image, pulling it first (its git plugin's
`git-from-image` trigger runs `docker image pull IMAGE` and builds `FROM IMAGE`), read where `docker run` lines are
(scripts, bats tests, Makefiles, CI steps), only in command position."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kubectl import kubectl_images

UNSET = "has no value in this file (set by the environment, the command line or a caller)"


def _pairs(text: str, origin: str = "tests/unit/deploy.bats") -> list[tuple[str, int | None, str | None, str]]:
    return [(item.text, item.line, item.problem, item.use) for item in kubectl_images(text, origin)]


def test_git_from_image_in_its_forms() -> None:
    text = """\
#!/usr/bin/env bats
load test_helper

@test "(git) git:from-image [normal]" {
  run /bin/bash -c "dokku git:from-image $TEST_APP acme/web-demo:1.4"
  echo "output: $output"
  assert_success
  dokku git:from-image $TEST_APP postgres:16-alpine
  run /bin/bash -c "dokku --trace git:from-image --build-dir $TMP $TEST_APP grafana/grafana:11.2.0 Bot bot@example.com"
  run /bin/bash -c "dokku git:from-image --force $TEST_APP nginx:1.27"
  dokku --quiet --app "$TEST_APP" git:from-image redis:7.4-alpine
  run /bin/bash -c "dokku git:from-image $TEST_APP dokku-test/$TEST_APP:v2"
  dokku git:from-archive $TEST_APP https://example.com/app.tar.gz
  dokku git:load-image $TEST_APP acme/loaded:1 < image.tar
  dokku apps:create from-image
  dokku git:from-image $TEST_APP
  echo "dokku git:from-image $TEST_APP not/run:1"
  # dokku git:from-image $TEST_APP commented/out:1
}
"""
    assert _pairs(text) == [
        ("acme/web-demo:1.4", 5, None, "dokku git:from-image"),
        ("postgres:16-alpine", 8, None, "dokku git:from-image"),
        ("grafana/grafana:11.2.0", 9, None, "dokku git:from-image"),
        ("nginx:1.27", 10, None, "dokku git:from-image"),
        ("redis:7.4-alpine", 11, None, "dokku git:from-image"),
        ("dokku-test/$TEST_APP:v2", 12, f"$TEST_APP {UNSET}", "dokku git:from-image"),
    ]


def test_in_a_workflow_step_with_a_variable() -> None:
    workflow = """\
env:
  APP_IMAGE: ghcr.io/acme/shop:2.0.1
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ssh dokku@dokku.example.com -- true
      - run: dokku git:from-image shop "$APP_IMAGE"
"""
    assert _pairs(workflow, ".github/workflows/deploy.yml") == [
        ("ghcr.io/acme/shop:2.0.1", 8, None, "dokku git:from-image"),
    ]
