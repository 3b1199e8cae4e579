"""`ecr-mirror discover` reads `operator-sdk run bundle IMAGE` and `run bundle-upgrade IMAGE`: the bundle image (its
single argument, https://sdk.operatorframework.io/docs/cli/operator-sdk_run_bundle) that OLM's registry pod pulls to
install the operator, and an `--index-image` it is injected into; the tool run through a Makefile variable as
kubebuilder's scaffold installs it (`$(LOCALBIN)/operator-sdk-$(OPERATOR_SDK_VERSION)`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
LOCALBIN ?= $(shell pwd)/bin
OPERATOR_SDK_VERSION ?= 1.39.1
OPERATOR_SDK ?= $(LOCALBIN)/operator-sdk-$(OPERATOR_SDK_VERSION)
CERT_MANAGER_BUNDLE ?= quay.io/operatorhubio/cert-manager:v1.16.1
KAFKA_BUNDLE ?= quay.io/operatorhubio/strimzi-kafka-operator:v0.45.0

.PHONY: deps-deploy
deps-deploy:
\t$(OPERATOR_SDK) run bundle --timeout=5m --security-context-config=restricted -n operators $(CERT_MANAGER_BUNDLE)
\t$(OPERATOR_SDK) run bundle -n kafka --index-image quay.io/operator-framework/opm:v1.48.0 $(KAFKA_BUNDLE)
\toperator-sdk run bundle-upgrade --namespace kafka quay.io/operatorhubio/strimzi-kafka-operator:v0.46.0
\t$(OPERATOR_SDK) bundle validate ./bundle
"""


def test_operator_sdk_run_bundle_pulls_its_bundle_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Makefile": MAKEFILE}, tmp_path, monkeypatch, capsys)
    assert sorted((row[1], row[4], row[5]) for row in rows) == [
        (9, "quay.io/operatorhubio/cert-manager:v1.16.1", "public"),
        (10, "quay.io/operator-framework/opm:v1.48.0", "public"),
        (10, "quay.io/operatorhubio/strimzi-kafka-operator:v0.45.0", "public"),
        (11, "quay.io/operatorhubio/strimzi-kafka-operator:v0.46.0", "public"),
    ]


def test_the_bundle_the_makefile_builds_is_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # kubebuilder's scaffold: bundle-build tags the project's bundle, bundle-push publishes it, run-bundle installs it
    makefile = """\
IMAGE_TAG_BASE ?= ghcr.io/acme/widget-operator
VERSION ?= 0.0.1
BUNDLE_IMG ?= $(IMAGE_TAG_BASE)-bundle:v$(VERSION)
OPERATOR_SDK ?= ./bin/operator-sdk

bundle-build:
\tdocker build -f bundle.Dockerfile -t $(BUNDLE_IMG) .

bundle-push:
\tdocker push $(BUNDLE_IMG)

run-bundle:
\t$(OPERATOR_SDK) run bundle $(BUNDLE_IMG) --namespace widgets
"""
    rows = tree_rows({"Makefile": makefile, "bundle.Dockerfile": "FROM scratch\n"}, tmp_path, monkeypatch, capsys)
    assert [row for row in rows if row[3].startswith("operator-sdk")] == []
