"""A chart's image mapping whose tag is written under `version`, which a named template of the chart joins after the
repository (`printf "%s/%s:%s" .registry .repository .version`, with `@` for a `sha256:` digest): the image the chart
runs, `version: v1.2.0@sha256:...` a tag and digest, `version: sha256:...` a digest. A template that puts something
else between them (a flavour's path) or no template joining `.version` leaves the mapping unresolved as before."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

DIGEST = "sha256:" + "ab" * 32

VALUES = f"""\
server:
  image:
    registry: ghcr.io
    repository: acme/ledger-server
    pullPolicy: IfNotPresent
    version: v1.5.4@{DIGEST}
initContainerImage:
  curl:
    registry: docker.io
    repository: curlimages/curl
    # -- 8.17.0
    version: {DIGEST}
cleanup:
  image:
    repository: cgr.dev/chainguard/kubectl
    version: latest-dev
    pullPolicy: IfNotPresent
"""

HELPERS = """\
{{- define "ledger.image" -}}
{{- if eq (substr 0 7 .version) "sha256:" -}}
{{- printf "%s/%s@%s" .registry .repository .version -}}
{{- else -}}
{{- printf "%s/%s:%s" .registry .repository .version -}}
{{- end -}}
{{- end -}}
{{- define "cleanup.image" -}}
{{- printf "%s:%s" .repository .version -}}
{{- end -}}
"""


def _listed(values: str, templates: str) -> set[tuple[str, int | None]]:
    found = helm_values_images(values, "ledger/values.yaml", app_version="1.5.4", templates=templates)
    return {(item.text, item.line) for item in found if item.problem is None}


def test_a_version_the_templates_join_after_the_repository_is_the_tag() -> None:
    assert _listed(VALUES, HELPERS) == {
        (f"ghcr.io/acme/ledger-server:v1.5.4@{DIGEST}", 4),
        (f"docker.io/curlimages/curl@{DIGEST}", 10),
        ("cgr.dev/chainguard/kubectl:latest-dev", 15),
    }


def test_a_version_no_template_joins_is_not_read() -> None:
    templates = '{{- define "ledger.image" -}}{{ printf "%s/%s" .registry .repository }}{{- end -}}\n'
    assert _listed(VALUES, templates) == set()


def test_a_version_joined_after_another_path_is_not_read() -> None:
    """A helper that adds a flavour between repository and version (`%s/%s/%s%s`) names another image."""
    templates = """\
{{- define "tiles.image" -}}
{{- $version := printf ":%s" .version -}}
{{- printf "%s/%s/%s%s" .registry .repository .flavor $version -}}
{{- end -}}
"""
    values = "image:\n  flavor: gcp\n  registry: ghcr.io\n  repository: acme/tiles\n  version: v2.2.1\n"
    assert _listed(values, templates) == set()
