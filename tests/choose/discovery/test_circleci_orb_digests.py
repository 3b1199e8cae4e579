"""An orb job a workflow runs (`- k8s-orb/e2e_tests: {kind_node_image: "kindest/node:v1.35.5@sha256:..."}`) given
an image parameter (a name ending in `image`) whose value is pinned by a digest: a digest names an image that
exists already, so the job pulls it, whatever the orb does with it; a parameter given a tag only (the orb may build
it) or named otherwise is not read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.circleci import circleci_images

DIGEST_A = "3f5c8443c620245e4d355cfe09e96a91ead32ceaa569d3f1ca9edf0cb2fe2ff4"
DIGEST_B = "ce977ae6d65918d0b58a5f8b5e940429c2ce42fa3a5619ec2bbc60b949c0ac95"

CONFIG = f"""\
version: 2.1
orbs:
  k8s: acme/k8s-scripts@16.0.0
references:
  e2e: &e2e
    script: scripts/e2e.sh
    command_runner_image: quay.io/acme/chart-runner:v3.14.0
executors:
  ci:
    docker:
      - image: cimg/base:2024.02
workflows:
  test:
    jobs:
      - k8s/kubernetes_e2e_tests:
          name: "e2e 1.33"
          kind_node_image: "kindest/node:v1.33.12@sha256:{DIGEST_A}"
          executor:
            name: ci
          <<: *e2e
      - k8s/kubernetes_e2e_tests:
          name: "e2e 1.35"
          kind-node-image: "kindest/node:v1.35.5@sha256:{DIGEST_B}"
          <<: *e2e
      - k8s/publish:
          image: quay.io/acme/app:1.2.0
          base_digest: "alpine@sha256:{DIGEST_B}"
"""


def _images() -> list[tuple[str, int | None]]:
    return sorted((item.text, item.line) for item in circleci_images(CONFIG, ".circleci/config.yml"))


def test_an_orb_job_s_image_parameter_pinned_by_digest_is_pulled() -> None:
    images = _images()
    assert (f"kindest/node:v1.33.12@sha256:{DIGEST_A}", 17) in images
    assert (f"kindest/node:v1.35.5@sha256:{DIGEST_B}", 23) in images


def test_a_tag_only_or_another_name_is_not_read() -> None:
    texts = {text for text, _ in _images()}
    pinned = {f"kindest/node:v1.33.12@sha256:{DIGEST_A}", f"kindest/node:v1.35.5@sha256:{DIGEST_B}"}
    assert texts == {"cimg/base:2024.02", *pinned}
