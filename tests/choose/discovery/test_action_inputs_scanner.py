"""The image Trivy's action scans (`image-ref`): pulled from its registry unless the job built it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.github_actions import workflow_images

WORKFLOW = """\
name: nightly scan
on:
  schedule:
    - cron: "0 3 * * *"
jobs:
  scan:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        release: [main, v2.1.0]
        image: [shop-api, shop-worker]
    steps:
      - uses: aquasecurity/trivy-action@0.33.1
        with:
          image-ref: 'docker.io/example/${{ matrix.image }}:${{ matrix.release }}'
          severity: CRITICAL,HIGH
      - uses: aquasecurity/trivy-action@master
        with:
          scan-type: image
          image-ref: ghcr.io/example/gateway:1.4
  other-scans:
    runs-on: ubuntu-latest
    steps:
      - uses: aquasecurity/trivy-action@0.33.1
        with:
          scan-type: fs
          scan-ref: .
          image-ref: not/scanned:fs
      - uses: aquasecurity/trivy-action@0.33.1
        with:
          input: shop-api.tar
          image-ref: not/scanned:tarball
"""


def test_the_image_trivy_action_scans_is_a_pull_over_the_matrix() -> None:
    found = workflow_images(WORKFLOW, ".github/workflows/nightly-scan.yml")
    assert sorted((item.text, item.use) for item in found if item.problem is None) == [
        ("docker.io/example/shop-api:main", "with: image-ref (aquasecurity/trivy-action)"),
        ("docker.io/example/shop-api:v2.1.0", "with: image-ref (aquasecurity/trivy-action)"),
        ("docker.io/example/shop-worker:main", "with: image-ref (aquasecurity/trivy-action)"),
        ("docker.io/example/shop-worker:v2.1.0", "with: image-ref (aquasecurity/trivy-action)"),
        ("ghcr.io/example/gateway:1.4", "with: image-ref (aquasecurity/trivy-action)"),
    ]
