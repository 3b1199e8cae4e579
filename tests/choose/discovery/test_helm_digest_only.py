"""A values image with both a tag and a digest, rendered by a chart whose image helper prints the digest in place of
the tag when one is set: Bitnami's `common.images.image` (`{{- if .imageRoot.digest }}` `{{- $separator = "@" -}}`
`{{- $termination = .imageRoot.digest \\| toString -}}`), Camunda's `camundaPlatform.imageByParams` (`{{- if
$imageDigest }}` `printf "%s%s%s@%s" ...` `{{- else }}` the tag path). The image pulled is `repository@digest`; a
chart that appends the digest after the tag (`:{{ .tag }}{{ if .digest }}@{{ .digest }}{{ end }}`) keeps both."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_digest_only import digest_replaces_tag
from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
orchestration:
  image:
    repository: camunda/camunda
    tag: 8.10-SNAPSHOT
    digest: "sha256:212c3bd94b142190949b4fd17c425cf2e46b96fc6514c4eb88ec58030349d41e"
"""
DIGEST = "sha256:212c3bd94b142190949b4fd17c425cf2e46b96fc6514c4eb88ec58030349d41e"

ELSE_BRANCH = """\
{{- define "acme.imageByParams" -}}
  {{- $imageRepository := .overlay.image.repository | default .base.image.repository -}}
  {{- $imageDigest := .overlay.image.digest | default .base.image.digest | default "" -}}
  {{- if $imageDigest }}
    {{- printf "%s@%s" $imageRepository $imageDigest -}}
  {{- else }}
    {{- printf "%s:%s" $imageRepository (.overlay.image.tag | default .base.image.tag) -}}
  {{- end -}}
{{- end -}}
"""

SEPARATOR = """\
{{- define "common.images.image" -}}
{{- $repositoryName := .imageRoot.repository -}}
{{- $separator := ":" -}}
{{- $termination := .imageRoot.tag | toString -}}
{{- if .imageRoot.digest }}
    {{- $separator = "@" -}}
    {{- $termination = .imageRoot.digest | toString -}}
{{- end -}}
{{- printf "%s%s%s" $repositoryName $separator $termination -}}
{{- end -}}
"""

APPENDED = """\
image: "{{ .Values.orchestration.image.repository }}:{{ .Values.orchestration.image.tag }}\
{{ if .Values.orchestration.image.digest }}@{{ .Values.orchestration.image.digest }}{{ end }}"
"""


def _texts(templates: str) -> set[str]:
    found = helm_values_images(VALUES, "charts/camunda/values.yaml", app_version="8.10.0", templates=templates)
    return {item.text for item in found if item.problem is None}


def test_a_helper_printing_the_digest_in_place_of_the_tag_gives_repository_at_digest() -> None:
    assert _texts(ELSE_BRANCH) == {f"camunda/camunda@{DIGEST}"}


def test_bitnami_s_separator_and_termination_give_repository_at_digest() -> None:
    assert _texts(SEPARATOR) == {f"camunda/camunda@{DIGEST}"}


def test_a_digest_appended_after_the_tag_keeps_both() -> None:
    assert _texts(APPENDED) == {f"camunda/camunda:8.10-SNAPSHOT@{DIGEST}"}


def test_an_else_in_a_comment_is_no_branch() -> None:
    # `{{/* ... */}}` is a comment, whatever actions it holds (https://pkg.go.dev/text/template#hdr-Actions)
    commented = APPENDED.replace("{{ end }}", "{{- /* no {{ else }}: the tag is kept */ -}}{{ end }}")
    assert not digest_replaces_tag(commented)
    assert _texts(commented) == {f"camunda/camunda:8.10-SNAPSHOT@{DIGEST}"}


def test_an_end_in_a_comment_closes_no_branch() -> None:
    commented = ELSE_BRANCH.replace(
        "$imageDigest -}}\n", "$imageDigest -}}\n    {{/* {{ end }} of the digest path */}}\n", 1
    )
    assert commented != ELSE_BRANCH
    assert _texts(commented) == {f"camunda/camunda@{DIGEST}"}


def test_many_unclosed_ifs_on_a_digest_are_read_in_linear_time() -> None:
    # a review found each `if` scanned the templates to their end for its `end` (60,000 unclosed ones: an hour)
    templates = "{{ if .digest }}@" * 60_000 + ELSE_BRANCH
    assert digest_replaces_tag(templates)
    assert not digest_replaces_tag("{{ if .digest }}@" * 60_000)
    nested = "{{ if .digest }}@" * 30_000 + "{{ end }}" * 30_000
    assert not digest_replaces_tag(nested)
