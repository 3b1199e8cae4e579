"""Only the named templates of a dependency's partials that the chart calls, directly or through one another, are read
with the chart's templates (helm-toolkit lends each OpenStack-Helm chart hundreds)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_called_blocks import called_definitions

PARTIALS = """\
{{- define "toolkit.snippets.image" -}}
image: {{ include "toolkit.registry" . }}
{{- end -}}
{{- define "toolkit.registry" -}}localhost:5000{{- end -}}
{{- define "toolkit.manifests.job_bootstrap" -}}
kind: Job
{{- end -}}
"""


def test_the_called_templates_and_those_they_call_are_kept_the_rest_left_out() -> None:
    kept = called_definitions(PARTIALS, '{{ tuple $envAll "api" | include "toolkit.snippets.image" | indent 10 }}')
    assert 'define "toolkit.snippets.image"' in kept and 'define "toolkit.registry"' in kept
    assert "job_bootstrap" not in kept
    assert called_definitions(PARTIALS, "kind: ConfigMap") == ""
