"""Operator SDK's scorecard configuration: the test images `operator-sdk scorecard` runs as pods in the cluster,
also where the bundle's generated file spells the key `apiversion`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

GENERATED = """\
kind: Configuration
apiversion: scorecard.operatorframework.io/v1alpha3
metadata:
  name: config
stages:
- parallel: true
  tests:
  - image: quay.io/operator-framework/scorecard-test:v1.34.1
    entrypoint:
    - scorecard-test
    - basic-check-spec
  - image: example.com/operators/custom-scorecard-tests:0.3
    entrypoint:
    - custom-scorecard-tests
"""


def test_the_bundle_scorecard_config_lists_its_test_images() -> None:
    found = yaml_images(GENERATED, "bundle/tests/scorecard/config.yaml")
    assert [(item.text, item.line) for item in found] == [
        ("quay.io/operator-framework/scorecard-test:v1.34.1", 8),
        ("example.com/operators/custom-scorecard-tests:0.3", 12),
    ]


def test_a_lower_case_apiversion_of_another_group_is_not_a_manifest() -> None:
    other = "kind: Settings\napiversion: example.com/v1\nimage: busybox:1.36\n"
    assert yaml_images(other, "config/settings.yaml") == []
