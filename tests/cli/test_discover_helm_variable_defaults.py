"""A chart template whose `image:` line is made of template variables set before it and values lookups with a
literal fallback (Sprig's `default`, https://masterminds.github.io/sprig/defaults.html), the values setting none of
them: `{{- $_tools_digest := "sha256:..." }}` then `image: {{ .Values.tools_image_repo | default "quay.io/acme/tools"
}}@{{ $_tools_digest }}` is `quay.io/acme/tools@sha256:...`, at the template's line; a variable holding a literal
tag (`{{ $webhook_tag := "2.3.0" }}`) is that tag. Where the values set the lookup (the chart's `values.yaml`, or a
values file given over it), the line renders with the value, at the value's line. A variable declared again inside an
`if` applies up to that block's `end` only (https://pkg.go.dev/text/template#hdr-Variables). A branch on such a variable
(`{{- $mirror := .Values.mirrorURL | default "none" }}` then `{{- if eq $mirror "none" }}` a public image `{{- else }}`
`"{{ $mirror }}/..."`) is decided by the chart's defaults: the branch they do not take renders nothing (no
`none/...`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

DIGEST = "sha256:" + "4e" * 32

CRONJOB = """\
{{- if .Values.reporting_uri }}
{{- $_tools_digest := "DIGEST" }}{{- /* kept in step with the tools release */}}
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: "cleanup-{{ .Values.cluster_name }}"
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: cleanup
              image: {{ .Values.tools_image_repo | default "quay.io/acme/tools" }}@{{ $_tools_digest }}
              imagePullPolicy: IfNotPresent
{{- if .Values.labels }}
              env:
{{ .Values.labels | toYaml | indent 16 }}
{{- end }}
{{- end }}
""".replace("DIGEST", DIGEST)

WEBHOOK = """\
{{ $webhook_group_name        :=   "acme.dns.example.com" }}
{{ $webhook_image_repository  :=   .Values.webhook_image_repo | default "quay.io/acme/dns-webhook" }}
{{ $webhook_image_tag         :=   "2.3.0" }}
{{ $webhook_image_pullpolicy  :=   "Always" }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dns-webhook
spec:
  template:
    spec:
      containers:
        - name: webhook
          image: "{{ $webhook_image_repository }}:{{ $webhook_image_tag }}"
          imagePullPolicy: {{ $webhook_image_pullpolicy }}
          args:
            - --group-name={{ $webhook_group_name }}
"""

AGENT = """\
{{- $agent_tag := "1.4.0" }}
{{- if .Values.legacy_nodes }}
{{- $agent_tag := "0.9.0" }}
{{- end }}
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: "quay.io/acme/agent:{{ $agent_tag }}"
"""

REGISTRAR = """\
{{- $mirror := .Values.mirrorURL | default "none" }}
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: storage-node
spec:
  template:
    spec:
      containers:
        - name: registrar
          {{- if eq $mirror "none" }}
          image: "quay.io/acme/node-registrar:v2.1.0"
          {{- else }}
          image: "{{ $mirror }}/node-registrar:v2.1.0"
          {{- end }}
        - name: probe
          {{- if ne $mirror "none" }}
          image: "{{ $mirror }}/liveness-probe:v1.0.0"
          {{- else }}
          image: "quay.io/acme/liveness-probe:v1.0.0"
          {{- end }}
"""

TREE = {
    "charts/jobs/Chart.yaml": "apiVersion: v2\nname: jobs\nversion: 1.0.0\n",
    "charts/jobs/values.yaml": "---\nreporting_uri:\ncluster_name:\nlabels:\n",
    "charts/jobs/ci/mirror-values.yaml": "tools_image_repo: ghcr.io/acme/tools\n",
    "charts/jobs/templates/cleanup_CronJob.yaml": CRONJOB,
    "charts/dns-webhook/Chart.yaml": "apiVersion: v2\nname: dns-webhook\nversion: 1.0.0\n",
    "charts/dns-webhook/values.yaml": "---\n",
    "charts/dns-webhook/templates/webhook_deployment.yml": WEBHOOK,
    "charts/mirrored/Chart.yaml": "apiVersion: v2\nname: mirrored\nversion: 1.0.0\n",
    "charts/mirrored/values.yaml": "tools_image_repo: registry.acme.io/mirror/tools\nreporting_uri: mongodb://x\n",
    "charts/mirrored/templates/cleanup_CronJob.yaml": CRONJOB,
    "charts/agent/Chart.yaml": "apiVersion: v2\nname: agent\nversion: 1.0.0\n",
    "charts/agent/values.yaml": "legacy_nodes: false\n",
    "charts/agent/templates/daemonset.yaml": AGENT,
    "charts/storage/Chart.yaml": "apiVersion: v2\nname: storage\nversion: 1.0.0\n",
    "charts/storage/values.yaml": "nodeCount: 3\n",
    "charts/storage/templates/daemonset.yaml": REGISTRAR,
    "charts/mirrored-storage/Chart.yaml": "apiVersion: v2\nname: mirrored-storage\nversion: 1.0.0\n",
    "charts/mirrored-storage/values.yaml": "mirrorURL: registry.acme.io/mirror\n",
    "charts/mirrored-storage/templates/daemonset.yaml": REGISTRAR,
}


def _records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[tuple[str, str, int]]:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    return sorted((r["reference"], r["file"], r["line"]) for r in records if r["reference"])


def test_variables_and_literal_defaults_render_the_templates_own_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, monkeypatch, capsys)
    assert (f"quay.io/acme/tools@{DIGEST}", "charts/jobs/templates/cleanup_CronJob.yaml", 16) in records
    assert ("quay.io/acme/dns-webhook:2.3.0", "charts/dns-webhook/templates/webhook_deployment.yml", 15) in records


def test_values_that_set_the_lookup_render_it_at_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, monkeypatch, capsys)
    assert (f"registry.acme.io/mirror/tools@{DIGEST}", "charts/mirrored/values.yaml", 1) in records
    assert (f"ghcr.io/acme/tools@{DIGEST}", "charts/jobs/ci/mirror-values.yaml", 1) in records
    assert not any(ref.startswith("quay.io/acme/tools") and "mirrored" in file for ref, file, _ in records)


def test_a_variable_declared_again_inside_an_if_applies_up_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, monkeypatch, capsys)
    agent = [record for record in records if record[0].startswith("quay.io/acme/agent")]
    assert agent == [("quay.io/acme/agent:1.4.0", "charts/agent/templates/daemonset.yaml", 14)]


def test_a_branch_on_a_variable_with_a_literal_default_is_decided_by_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, monkeypatch, capsys)
    storage = sorted(ref for ref, file, _ in records if file.startswith("charts/storage/"))
    assert storage == ["quay.io/acme/liveness-probe:v1.0.0", "quay.io/acme/node-registrar:v2.1.0"]
    mirrored = sorted(ref for ref, file, _ in records if file.startswith("charts/mirrored-storage/"))
    assert "registry.acme.io/mirror/node-registrar:v2.1.0" in mirrored
    assert not any(ref.startswith("none/") for ref, _, _ in records)
