"""The manifests a Cluster API ClusterResourceSet applies to workload clusters, from the ConfigMaps it names (pure).

A `ClusterResourceSet` (API group `addons.cluster.x-k8s.io`) lists in `spec.resources` the ConfigMaps and Secrets
whose data Cluster API applies to every workload cluster its `clusterSelector` matches: "each key of the
ConfigMap/Secret's data is applied as a Kubernetes manifest"
(https://cluster-api.sigs.k8s.io/tasks/cluster-resource-set). Cluster templates ship their add-ons so, a cloud
controller manager or a CSI driver written as a block string under a ConfigMap's `data` (cluster-api-provider-aws's
`templates/cluster-template.yaml`, `registry.k8s.io/provider-aws/aws-ebs-csi-driver:v1.25.0`). Read: each value of
`data` of a ConfigMap that a ClusterResourceSet of the same file names (`kind: ConfigMap`, `name`), parsed as YAML,
its documents that are Kubernetes objects, lines counted from the line after the key (a block scalar). A ConfigMap
no ClusterResourceSet names holds data, not manifests; a value that is not YAML or holds no object is not read; a
Secret's `data` is base64 and is not read.

A cluster template is filled by clusterctl before it is applied: clusterctl's YAML processor "uses drone/envsubst
to replace variables and uses the defaults if necessary"
(https://cluster-api.sigs.k8s.io/clusterctl/commands/generate-yaml), so `${KUBERNETES_AWS_CCM_VERSION:-v1.32.5}` is
`v1.32.5` where the variable is not set; a variable without a default is known only when the template is generated.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.collect import Explain, Resolver
from ecr_mirror.choose.discovery.variables import expand
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

_GROUP = "addons.cluster.x-k8s.io/"


def _clusterctl_value(text: str) -> str:
    return expand(text, {})


def _clusterctl_unset(name: str) -> str:
    return f"${{{name}}} is a clusterctl variable with no default: given when the cluster template is generated"


CLUSTERCTL: tuple[Resolver, Explain] = (_clusterctl_value, _clusterctl_unset)


def _applied_config_maps(documents: list[object]) -> set[str]:
    """The names of the ConfigMaps the ClusterResourceSets of `documents` apply."""
    names: set[str] = set()
    for doc in documents:
        if not isinstance(doc, dict) or doc.get("kind") != "ClusterResourceSet":
            continue
        if not str(doc.get("apiVersion", "")).startswith(_GROUP):
            continue
        spec = doc.get("spec")
        resources = spec.get("resources") if isinstance(spec, dict) else None
        for resource in resources if isinstance(resources, list) else ():
            if isinstance(resource, dict) and resource.get("kind") == "ConfigMap" and resource.get("name"):
                names.add(str(resource["name"]))
    return names


def resource_set_objects(documents: list[object], origin: str) -> list[tuple[object, int]]:
    """Each Kubernetes object held in the data of a ConfigMap a ClusterResourceSet of `documents` applies, with the
    number of lines of the file before its value's first (see the module)."""
    applied = _applied_config_maps(documents)
    if not applied:
        return []
    objects: list[tuple[object, int]] = []
    for doc in documents:
        if not isinstance(doc, dict) or doc.get("kind") != "ConfigMap" or doc.get("apiVersion") != "v1":
            continue
        metadata = doc.get("metadata")
        if not isinstance(metadata, dict) or str(metadata.get("name")) not in applied:
            continue
        data = doc.get("data")
        for value in data.values() if isinstance(data, dict) else ():
            if not isinstance(value, str) or (before := line_of(value)) is None:
                continue
            try:
                held = load_documents(str(value), origin)
            except ConfigError:
                continue
            objects += [(each, before) for each in held if isinstance(each, dict) and "apiVersion" in each]
    return objects
