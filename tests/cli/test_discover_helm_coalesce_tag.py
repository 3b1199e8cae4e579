"""A chart template whose `image:` line picks its tag with Sprig's `coalesce` (the first of its arguments that is not
empty, https://masterminds.github.io/sprig/defaults.html): `{{ .Values.app.streaming.image.repository }}:{{ coalesce
.Values.app.streaming.image.tag .Values.image.tag .Chart.AppVersion }}`, both tags empty in the values, renders with
the chart's appVersion, at the line of the repository in the values file, in place of the tag left unresolved; a tag
set in the values comes first; a `coalesce` with an argument that is neither a lookup,
the chart's version nor a literal (`include ...`) is left to `helm template`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

STREAMING = """\
apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-streaming
spec:
  containers:
    - name: st
      image: "{{ .Values.st.image.repository }}:{{ coalesce .Values.st.image.tag .Values.image.tag .Chart.AppVersion }}"
    - name: sidecar
      image: "{{ .Values.m.car.image.repository }}:{{ coalesce .Values.m.car.image.tag .Chart.AppVersion }}"
    - name: other
      image: "{{ .Values.m.other.image.repository }}:{{ coalesce .Values.m.other.image.tag (include "x.tag" .) }}"
"""
VALUES = """\
image:
  repository: ghcr.io/acme/app
  tag: ""
st:
  image:
    repository: ghcr.io/acme/app-streaming
    tag: ""
m:
  car:
    image:
      repository: ghcr.io/acme/app-sidecar
      tag: "v1.2.0"
  other:
    image:
      repository: ghcr.io/acme/app-other
      tag: ""
"""


def test_a_tag_picked_by_coalesce(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "Chart.yaml": 'apiVersion: v2\nname: app\nversion: "6.1.0"\nappVersion: "v4.6.3"\n',
        "values.yaml": VALUES,
        "templates/deployment-streaming.yaml": STREAMING,
    }
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)}
    assert rows == {
        ("values.yaml", 2, None, "unresolved"),  # no template line reads it
        ("values.yaml", 6, "ghcr.io/acme/app-streaming:v4.6.3", "public"),
        ("values.yaml", 11, "ghcr.io/acme/app-sidecar:v1.2.0", "public"),
        ("values.yaml", 15, None, "unresolved"),  # `include` after the empty tag: left to `helm template`
    }
