"""The values files of Helm charts that are not in the tree, known by their names (pure).

Helm installs a chart of a repository with values files given on its command line (`helm install cortex
cortex-helm/cortex -f cortex-values.yaml`, https://helm.sh/docs/helm/helm_install/: "-f, --values: specify values
in a YAML file or a URL"); such files are kept in a tree beside a guide or a deploy script, named as values files
are: `values.yaml` (the name of a chart's own, https://helm.sh/docs/chart_template_guide/values_files/),
`values-prod.yaml`, `values.dev.yml`, and a chart's name before it, `grafana-values.yaml`, `loki_values.yml`,
`chart.values.yaml` (chart-testing's `ci/*-values.yaml` too, https://github.com/helm/chart-testing). Read as the
values of a chart in the tree are (helm_values.py): every mapping with a `repository` that names an image and a
`tag`, `digest`, `registry` or `pullPolicy` beside it, `[registry/]repository[:tag][@digest]`, and every `image:`
string. A mapping without a tag takes what the chart's templates give it, most often the chart's appVersion,
unknown here: unresolved, never guessed. A mapping that names the repository with an `image` key and has a `tag`
beside it (and no `repository`) is `[registry/]image:tag[@digest]`, as the charts that take it so join them
(ingress-nginx's `{{ .registry }}/{{ .image }}:{{ .tag }}`; its docs' `custom-default-backend.helm.values.yaml`,
`registry: registry.k8s.io`, `image: ingress-nginx/custom-error-pages`, `tag: v1.2.9@sha256:...`), at the `image`
key's line, in place of the `image` string read alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.cluster_inputs import cluster_yaml_images
from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_block_containers import block_container_images
from ecr_mirror.choose.discovery.helm_values import KIND, release_values_images
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located

# `values.yaml`, `values-prod.yaml`, `values.dev.yml`, `grafana-values.yaml`, `loki_values.yml`: the word `values`
# alone before the suffix or set off by `-`, `_` or `.` (not `eval_values_schema_test.yaml`'s middle word)
_NAME_RE = re.compile(r"^(?:values(?:[-_.][^/]*)?|[^/]*[-_.]values)\.ya?ml$", re.IGNORECASE)


def values_named(name: str) -> bool:
    """Whether a file's name is that of a Helm values file."""
    return _NAME_RE.match(name) is not None


def outside_values_images(text: str, origin: str) -> list[Found]:
    """The images of a values file given to a chart that is not in the tree: its image mappings (an empty tag
    unresolved) and its `image:` strings, kind `Helm values`. ConfigError when it does not parse."""
    documents = load_documents(text, origin)
    joined = {item.line: item for doc in documents for item in _image_keyed(doc, origin)}
    found = [joined.get(item.line, dataclasses.replace(item, kind=KIND)) for item in cluster_yaml_images(text, origin)]
    lines = {item.line for item in found}
    for doc in documents:
        for item in release_values_images(doc, origin) + block_container_images(doc, origin):
            if item.line not in lines:
                found.append(dataclasses.replace(item, kind=KIND))
    return found


def _text(value: object) -> str:
    return str(value).strip() if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def _nodes(node: object, seen: set[int]) -> Iterator[object]:
    """Every mapping and list under `node`, each once."""
    if isinstance(node, dict | list) and id(node) not in seen:
        seen.add(id(node))
        yield node
        for child in node.values() if isinstance(node, dict) else node:
            yield from _nodes(child, seen)


def _image_keyed(doc: object, origin: str) -> list[Found]:
    """The `{registry, image, tag, digest}` mappings of a values document, joined (see the module)."""
    found: list[Found] = []
    for node in _nodes(doc, set()):
        if not isinstance(node, dict) or "repository" in node or not isinstance(node.get("image"), str):
            continue
        image, tag, registry, digest = (_text(node.get(key)) for key in ("image", "tag", "registry", "digest"))
        if not (image and tag) or (line := line_of(node.get("image"))) is None:
            continue
        name = f"{registry.rstrip('/')}/{image}" if registry else image
        item = found_item(located(f"{name}:{tag}" + (f"@{digest}" if digest else ""), line), origin, "values image")
        found += [dataclasses.replace(item, kind=KIND)] if item else []
    return found
