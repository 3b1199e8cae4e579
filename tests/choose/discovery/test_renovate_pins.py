"""Versions a Renovate annotation says are tags of a Docker image (renovate_pins.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.renovate_pins import renovate_pins

DEPENDENCIES = """\
integration:
  # renovate: datasource=docker depName=kong versioning=docker
  kong-oss: '3.9.3'
  # renovate: datasource=docker depName=acme/gateway-ee versioning=docker
  gateway-ee: "3.15.0.3"

chainsaw:
  aigw:
    image: acme/ai-gateway
    # renovate: datasource=docker depName=acme/ai-gateway versioning=docker
    tag: '2.0.2-rc.3'
  # renovate: datasource=helm depName=acme registryUrl=https://charts.example.com
  chart: '3.4.1'
  # renovate: datasource=github-releases depName=kubernetes-sigs/kind
  kind: 'v0.29.0'
"""

CONSTANTS = """\
package consts

const (
\tDefaultGatewayBaseImage = "acme/event-gateway"
\tDefaultGatewayTag = "1.2.1" // renovate: datasource=docker depName=acme/event-gateway
\tDefaultGatewayImage = DefaultGatewayBaseImage + ":" + DefaultGatewayTag
)

const (
\tlastReleasedChart        = "oci://docker.io/acme/operator-chart"
\tlastReleasedChartVersion = "1.3.1" // renovate: datasource=docker depName=acme/operator-chart versioning=docker
)
"""


def test_a_docker_annotation_names_the_image_of_the_version_after_it() -> None:
    found = renovate_pins(DEPENDENCIES, "test/test_dependencies.yaml")
    assert [(item.line, item.text, item.use) for item in found] == [
        (3, "kong:3.9.3", "version (renovate: docker kong)"),
        (5, "acme/gateway-ee:3.15.0.3", "version (renovate: docker acme/gateway-ee)"),
        (11, "acme/ai-gateway:2.0.2-rc.3", "version (renovate: docker acme/ai-gateway)"),
    ]


def test_an_annotation_at_the_end_of_its_line_and_not_a_chart_version() -> None:
    found = renovate_pins(CONSTANTS, "pkg/consts/gateway.go")
    assert [(item.line, item.text) for item in found] == [(5, "acme/event-gateway:1.2.1")]


def test_a_registry_url_and_a_value_that_is_no_tag() -> None:
    text = """\
# renovate: datasource=docker depName=tools/linter registryUrl=https://ghcr.io
LINTER_VERSION ?= v1.7.12
# renovate: datasource=docker depName=acme/tool
TOOL_VERSION = $(shell cat .tool-version)
"""
    assert [(item.line, item.text) for item in renovate_pins(text, "Makefile")] == [(2, "ghcr.io/tools/linter:v1.7.12")]


def test_the_items_of_a_list_each_with_its_annotation() -> None:
    text = """\
# renovate: datasource=docker packageName=kindest/node depName=kindest/node@only-patch
- v1.36.1
# renovate: datasource=docker packageName=kindest/node depName=kindest/node@only-patch
- 'v1.35.5'
"""
    found = renovate_pins(text, ".github/supported_k8s_node_versions.yaml")
    assert [(item.line, item.text) for item in found] == [(2, "kindest/node:v1.36.1"), (4, "kindest/node:v1.35.5")]


CHART = """\
apiVersion: v2
name: agent
# renovate: datasource=docker depName=quay.io/acme/agent
version: 1.7.0
# renovate: datasource=docker depName=quay.io/acme/agent
appVersion: 1.7.0
"""


def test_a_charts_own_version_is_no_pull_of_the_image_renovate_tracks_it_by() -> None:
    # Chart.yaml's `version` and `appVersion` label the chart (https://helm.sh/docs/topics/charts/#the-chartyaml-file);
    # its templates and values name the image it deploys (cilium/tetragon tracks both with the image's tags, its values
    # pull `quay.io/cilium/tetragon:v1.7.0`), so `quay.io/acme/agent:1.7.0` is pulled by nothing
    assert renovate_pins(CHART, "install/kubernetes/agent/Chart.yaml") == []
    assert [item.text for item in renovate_pins(CHART, "deploy/versions.yaml")] == ["quay.io/acme/agent:1.7.0"] * 2


SPEC = """\
it('extracts a node version', () => {
  const content = codeBlock`
    # renovate: datasource=docker depName=node
    NODE_VERSION: 18
  `;
});
"""


def test_a_unit_tests_own_strings_and_fixtures_are_no_pulls() -> None:
    # renovatebot/renovate's `lib/config/presets/internal/custom-managers.spec.ts` feeds such annotations to its own
    # regex manager and compares what it extracts: nothing pulls `node:18`; nor do the files of `__fixtures__/`
    assert renovate_pins(SPEC, "lib/config/presets/internal/custom-managers.spec.ts") == []
    assert renovate_pins(CHART.replace("Chart", "x"), "lib/modules/manager/regex/__fixtures__/versions.yaml") == []
    assert [item.text for item in renovate_pins(SPEC, "ci/versions.ts")] == ["node:18"]
