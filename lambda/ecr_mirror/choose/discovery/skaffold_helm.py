"""The images of a chart's values that Skaffold replaces when it deploys the chart with Helm (pure).

Skaffold deploys a chart of the tree (`deploy.helm.releases[].chartPath`, also `manifests.helm.releases` since
`skaffold/v3`) with `helm install ... --post-renderer skaffold`: its post-renderer puts the image it built in place
of every reference in the rendered chart whose name is one of the config's artifacts, whatever its tag
(https://skaffold.dev/docs/deployers/helm/): a values file's `image: skaffold-helm:latest` or untagged
`image: gke-loadbalancer`, where the config builds `skaffold-helm` or `gke-loadbalancer`, is a placeholder, never
pulled (a reference with a digest is left as written). The keys a release sets from the build, `setValueTemplates`
(`image.repository: "{{.IMAGE_REPO_app}}"`) and the older `artifactOverrides` (`image: gcr.io/acme/app`, with
`imageStrategy` setting `image.repository`/`image.tag` under it), replace what the chart's values hold there:
skaffold's `helm-statefulset-v1-schema` values `image: {registry: gcr.io, repository: other-project/other-image}`
are not deployed. The values of every file under the chart's directory are matched (its subcharts' too: the
post-renderer sees the whole rendered release); the config's profiles are read with their own artifacts or the
config's.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kustomize_bases import yaml_documents
from ecr_mirror.choose.discovery.skaffold_builds import skaffold_artifact_list, skaffold_parts_of
from ecr_mirror.choose.discovery.yaml_loader import line_of
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

_VALUES_KIND = "Helm values"
_OVERRIDE_KEYS = ("setValueTemplates", "artifactOverrides")


def artifact_name(text: str) -> str | None:
    """The repository name of an artifact's `image` (`gcr.io/p/app` of `gcr.io/p/app:dev`); None for one with a
    digest or one that is not a reference."""
    try:
        reference = parse_reference(text)
    except ReferenceError_:
        return None
    return None if reference.digest else reference.name


def _releases(part: dict[object, object]) -> Iterator[dict[object, object]]:
    for section in ("deploy", "manifests"):
        helm = part.get(section)
        helm = helm.get("helm") if isinstance(helm, dict) else None
        releases = helm.get("releases") if isinstance(helm, dict) else None
        yield from (
            release for release in (releases if isinstance(releases, list) else ()) if isinstance(release, dict)
        )


def _lines(node: object) -> Iterator[int]:
    """The lines of every key and scalar under `node`."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from (line for line in (line_of(key),) if line)
            yield from _lines(value)
    elif isinstance(node, list):
        for value in node:
            yield from _lines(value)
    elif line := line_of(node):
        yield line


def _overridden_lines(text: str, origin: str, keys: set[str]) -> set[int]:
    """The lines of `text` (a values file) under the dotted `keys` a release sets."""
    lines: set[int] = set()
    for doc in yaml_documents(text, origin):
        for key in keys:
            *path, last = key.split(".")
            node: object = doc
            for part in path:
                node = node.get(part) if isinstance(node, dict) else None
            if isinstance(node, dict):
                lines |= {line for name, value in node.items() if name == last for line in _lines({name: value})}
    return lines


def _deployed_charts(text: str, origin: str) -> Iterator[tuple[str, frozenset[str], set[str]]]:
    """(chart directory, artifact names, overridden value keys) of each release a Skaffold file deploys."""
    base = posixpath.dirname(posixpath.normpath(origin))
    for doc in yaml_documents(text, origin):
        if not str(doc.get("apiVersion", "")).startswith("skaffold/"):
            continue
        parts = skaffold_parts_of(doc)
        for part in parts:
            artifacts = skaffold_artifact_list(part) or skaffold_artifact_list(doc)
            names = frozenset(name for item in artifacts if (name := artifact_name(str(item.get("image", "")))))
            for release in _releases(part):
                chart = release.get("chartPath")
                if not isinstance(chart, str) or "{{" in chart:
                    continue
                keys = {
                    str(key)
                    for field in _OVERRIDE_KEYS
                    if isinstance(overrides := release.get(field), dict)
                    for key in overrides
                }
                yield posixpath.normpath(posixpath.join(base, chart)), names, keys


def without_helm_placeholders(found: list[Found], texts: Mapping[str, str]) -> list[Found]:
    """`found` without the values images of the charts Skaffold configs of `texts` deploy that Skaffold replaces:
    those named as an artifact of the config, and those under a key the release sets from the build."""
    charts = [
        item
        for shown, text in texts.items()
        if "skaffold/" in text and shown.endswith((".yaml", ".yml"))
        for item in _deployed_charts(text, shown)
    ]
    if not charts:
        return found
    overridden: dict[tuple[str, frozenset[str]], set[int]] = {}

    def replaced(item: Found) -> bool:
        if item.kind != _VALUES_KIND or item.problem is not None:
            return False
        origin = posixpath.normpath(item.origin)
        for chart, names, keys in charts:
            if not origin.startswith(chart + "/"):
                continue
            if artifact_name(item.text) in names:
                return True
            if keys and item.origin in texts:
                cached = (origin, frozenset(keys))
                if cached not in overridden:
                    overridden[cached] = _overridden_lines(texts[item.origin], item.origin, keys)
                lines = overridden[cached]
                if item.line in lines:
                    return True
        return False

    return [item for item in found if not replaced(item)]
