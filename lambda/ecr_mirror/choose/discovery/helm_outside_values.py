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
unknown here: unresolved, never guessed.
"""

from __future__ import annotations

import dataclasses
import re

from ecr_mirror.choose.discovery.cluster_inputs import cluster_yaml_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_values import KIND, release_values_images
from ecr_mirror.choose.discovery.yaml_loader import load_documents

# `values.yaml`, `values-prod.yaml`, `values.dev.yml`, `grafana-values.yaml`, `loki_values.yml`: the word `values`
# alone before the suffix or set off by `-`, `_` or `.` (not `eval_values_schema_test.yaml`'s middle word)
_NAME_RE = re.compile(r"^(?:values(?:[-_.][^/]*)?|[^/]*[-_.]values)\.ya?ml$", re.IGNORECASE)


def values_named(name: str) -> bool:
    """Whether a file's name is that of a Helm values file."""
    return _NAME_RE.match(name) is not None


def outside_values_images(text: str, origin: str) -> list[Found]:
    """The images of a values file given to a chart that is not in the tree: its image mappings (an empty tag
    unresolved) and its `image:` strings, kind `Helm values`. ConfigError when it does not parse."""
    found = [dataclasses.replace(item, kind=KIND) for item in cluster_yaml_images(text, origin)]
    lines = {item.line for item in found}
    for doc in load_documents(text, origin):
        for item in release_values_images(doc, origin):
            if item.line not in lines:
                found.append(dataclasses.replace(item, kind=KIND))
    return found
