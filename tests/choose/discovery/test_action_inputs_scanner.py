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


BUILT_SCAN = """\
name: release image scan
on:
  schedule:
    - cron: "0 0 * * 0"
jobs:
  scan:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        component: [relay-api, relay-worker]
        branch: [release-2.3, release-2.4]
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ matrix.branch }}
      - name: build the image
        run: |
          export TAG=${{ matrix.branch }}
          export REGISTRY=docker.io/example
          make image-${{ matrix.component }}
      - uses: aquasecurity/trivy-action@0.33.1
        with:
          image-ref: 'docker.io/example/${{ matrix.component }}:${{ matrix.branch }}'
  scan-published:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        component: [relay-api]
    steps:
      - run: make lint
      - uses: aquasecurity/trivy-action@0.33.1
        with:
          image-ref: 'docker.io/example/${{ matrix.component }}:stable'
      - run: docker build -t scratchpad-${{ matrix.component }} .
"""


def test_an_image_a_build_step_of_the_job_makes_from_the_same_values_is_built_there() -> None:
    found = workflow_images(BUILT_SCAN, ".github/workflows/scan.yml")
    built = sorted((item.text, item.line, item.built) for item in found if item.built is not None)
    where = "a build step of its job at .github/workflows/scan.yml:17"
    assert built == [
        (f"docker.io/example/relay-{name}:release-2.{minor}", 23, where)
        for name in ("api", "worker")
        for minor in (3, 4)
    ]
    # a job whose build runs after the scan, or whose earlier step builds nothing from its values, pulls what it scans
    published = [(item.text, item.built) for item in found if item.line == 33]
    assert published == [("docker.io/example/relay-api:stable", None)]


PUSHED_SCAN = """\
on:
  schedule:
    - cron: "0 2 * * *"
jobs:
  edge:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        flavour: [core, full]
    steps:
      - uses: goreleaser/goreleaser-action@v6
        with:
          args: release --snapshot --config ./.goreleaser/${{ matrix.flavour }}.yaml
      - name: push edge images
        run: |
          IMAGE=${{ fromJSON('{"core":"example/app:edge","full":"example/app:edge-full"}')[matrix.flavour] }}
          docker push ${IMAGE}
      - uses: aquasecurity/trivy-action@0.33.1
        with:
          image-ref: ${{ fromJSON('{"core":"example/app:edge","full":"example/app:edge-full"}')[matrix.flavour] }}
  pulled:
    runs-on: ubuntu-latest
    steps:
      - run: echo docker push example/app:edge
      - uses: aquasecurity/trivy-action@0.33.1
        with:
          image-ref: ${{ fromJSON('{"core":"example/app:stable"}')['core'] }}
"""


def test_an_image_the_job_pushes_from_the_same_values_before_the_scan_is_its_own() -> None:
    found = workflow_images(PUSHED_SCAN, ".github/workflows/edge.yml")
    where = "a build step of its job at .github/workflows/edge.yml:15"
    assert sorted((item.text, item.line, item.built) for item in found) == [
        ("example/app:edge", 20, where),
        ("example/app:edge-full", 20, where),
        ("example/app:stable", 27, None),
    ]
