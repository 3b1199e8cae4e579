"""`ecr-mirror discover` reads a manifest a script renders with envsubst and pipes to kubectl or oc (`envsubst <
deploy/registry.yaml | oc create -f -`) with the values the script gives envsubst's environment: its own assignments
and those of the shell library it sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.envsubst_manifests import applied_renderings
from tests.support.hang_guard import finishes
from tests.support.trees import discover_records, write_tree

ENV = """\
#!/usr/bin/env bash
CATALOG_VERSION=${CATALOG_VERSION:-5.2}
CATALOG_ORG=${CATALOG_ORG:-acme-logging}
export IMAGE_CATALOG=${IMAGE_CATALOG:-quay.io/${CATALOG_ORG}/acme-catalog:${CATALOG_VERSION}}
export IMAGE_OPERATOR=${IMAGE_OPERATOR:-quay.io/${CATALOG_ORG}/acme-operator:${CATALOG_VERSION}}
"""

DEPLOY = """\
#!/usr/bin/env bash
set -euo pipefail
source $(dirname "${BASH_SOURCE[0]}")/env.sh
envsubst < deploy/catalog/registry.yaml | oc create -n "$NS" -f -
envsubst < deploy/catalog/unapplied.yaml > /tmp/out.yaml
"""

REGISTRY = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: acme-catalog
spec:
  template:
    spec:
      containers:
      - name: registry
        image: ${IMAGE_CATALOG}
        env:
        - name: IMAGE_OPERATOR
          value: ${IMAGE_OPERATOR}
      - name: sidecar
        image: ${IMAGE_SIDECAR}
      - name: plain
        image: busybox:1.36
"""

UNAPPLIED = """\
apiVersion: v1
kind: Pod
metadata:
  name: other
spec:
  containers:
  - name: other
    image: quay.io/${CATALOG_ORG}/other:${CATALOG_VERSION}
"""


def test_a_manifest_rendered_by_envsubst_and_applied_takes_the_script_s_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "deploy/scripts/env.sh": ENV,
            "deploy/scripts/catalog-deploy.sh": DEPLOY,
            "deploy/catalog/registry.yaml": REGISTRY,
            "deploy/catalog/unapplied.yaml": UNAPPLIED,
        },
    )
    records = {
        (r["file"], r["line"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
        if r["status"] != "unresolved"
    }
    # a name the script gives no value (`IMAGE_SIDECAR`) stays unresolved; a rendering written to a file is not read
    assert records == {
        ("deploy/catalog/registry.yaml", 10, "quay.io/acme-logging/acme-catalog:5.2", "public"),
        ("deploy/catalog/registry.yaml", 13, "quay.io/acme-logging/acme-operator:5.2", "public"),
        ("deploy/catalog/registry.yaml", 17, "busybox:1.36", "public"),
    }


def test_the_piped_rendering_is_found_in_one_pass_over_huge_lines() -> None:
    line = "envsubst < a.yaml | kubectl " + "apply create " * 200_000 + "-f x\n"
    assert finishes(applied_renderings, line * 3) == []
    assert applied_renderings("cat a.yaml | envsubst | oc replace --filename=- -n ns\n") == [(1, "a.yaml", None)]
