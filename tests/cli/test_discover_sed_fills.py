"""`ecr-mirror discover` reads a manifest's `image:` lines as a script's `sed -i "s/PLACEHOLDER/${VALUE}/g" FILE`
fills them in before it applies the file (directly, or a copy `cp` made of it), with the script's values and the
env a workflow step gives the script."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: apiserver
spec:
  template:
    spec:
      containers:
        - name: apiserver
          image: registry.k8s.io/kube-apiserver:{{apiserver_version}}
        - name: sidecar
          image: busybox:{{sidecar_tag}}
"""

DEPLOY = """\
#!/usr/bin/env bash
set -euo pipefail
REPO_ROOT=$(dirname "${BASH_SOURCE[0]}")/..
TEMP_PATH=$(mktemp -d)
APISERVER_VERSION=${APISERVER_VERSION:-"v1.33.2"}
cp "${REPO_ROOT}"/deploy/apiserver.yaml "${TEMP_PATH}"/apiserver.yaml
sed -i'' -e "s/{{apiserver_version}}/${APISERVER_VERSION}/g" "${TEMP_PATH}"/apiserver.yaml
sed -i'' -e "s/{{sidecar_tag}}/${SIDECAR_TAG}/g" "${TEMP_PATH}"/apiserver.yaml
kubectl apply -f "${TEMP_PATH}"/apiserver.yaml
"""

WORKFLOW = """\
name: e2e
on: [pull_request]
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        apiserver: [v1.31.0, v1.32.0]
    env:
      APISERVER_VERSION: ${{ matrix.apiserver }}
    steps:
      - run: hack/deploy.sh
"""


def test_a_manifest_s_placeholders_are_filled_as_the_script_s_sed_fills_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"deploy/apiserver.yaml": MANIFEST, "hack/deploy.sh": DEPLOY, ".github/workflows/e2e.yml": WORKFLOW},
    )
    records = {
        (r["file"], r["line"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
        if r["status"] != "unresolved"
    }
    # the sidecar's tag has no value in the script: that line stays as the manifest's own reading leaves it
    assert records == {
        ("deploy/apiserver.yaml", 10, "registry.k8s.io/kube-apiserver:v1.33.2", "public"),
        ("deploy/apiserver.yaml", 10, "registry.k8s.io/kube-apiserver:v1.31.0", "public"),
        ("deploy/apiserver.yaml", 10, "registry.k8s.io/kube-apiserver:v1.32.0", "public"),
    }


IN_PLACE = """\
#!/usr/bin/env bash
TAG=1.27.3
sed -i "s|@NGINX_TAG@|${TAG}|" manifests/web.yaml
sed "s|@NGINX_TAG@|9.9.9|" manifests/web.yaml > /dev/null
sed -i "s|@OTHER@|${TAG}|" manifests/other.yaml
"""

WEB = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: "nginx:@NGINX_TAG@"
"""

OTHER = """\
apiVersion: v1
kind: Pod
metadata:
  name: other
spec:
  containers:
    - name: other
      image: redis:@REDIS_TAG@
"""


def test_a_sed_that_edits_in_place_fills_the_file_named_from_the_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"scripts/up.sh": IN_PLACE, "manifests/web.yaml": WEB, "manifests/other.yaml": OTHER})
    records = {
        (r["file"], r["line"], r["reference"], r["use"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
        if r["status"] != "unresolved"
    }
    # a sed printing to its output changes no file; a placeholder the file does not hold fills nothing
    assert records == {("manifests/web.yaml", 8, "nginx:1.27.3", "image (filled by sed at scripts/up.sh:3)", "public")}


GUARDED = """\
#!/usr/bin/env bash
SET_VERSION="${SET_VERSION:-}"
if [ -n "${SET_VERSION}" ]; then
    sed -i -e "s/latest/${SET_VERSION}/g" config/agent.yaml
fi
sed -i -e "s/-debug//g" config/agent.yaml
"""

AGENT = """\
apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
    - name: agent
      image: ghcr.io/acme/agent:latest
    - name: probe
      image: busybox:1.36-debug
"""


def test_a_fill_with_a_variable_whose_value_is_empty_fills_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `${SET_VERSION:-}` is empty unless given, and the script fills only when it is given (`[ -n ... ]`); a literal
    # empty replacement (`s/-debug//`) still fills
    write_tree(tmp_path, {"hack/install.sh": GUARDED, "config/agent.yaml": AGENT})
    records = {
        (r["file"], r["line"], r["reference"], r["use"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert records == {
        ("config/agent.yaml", 8, "ghcr.io/acme/agent:latest", "image", "public"),
        ("config/agent.yaml", 10, "busybox:1.36-debug", "image", "public"),
        ("config/agent.yaml", 10, "busybox:1.36", "image (filled by sed at hack/install.sh:6)", "public"),
    }
