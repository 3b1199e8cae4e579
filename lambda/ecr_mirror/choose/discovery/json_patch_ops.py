"""The container images the JSON 6902 patch operations of a YAML file set (pure).

kustomize applies JSON patches to the objects it builds, written in a patch file a Kustomization names
(`patchesJson6902: [{target: ..., path: ksm_deployment_patch.yaml}]`, or `patches:` with a `path`) or inline
(`patch: |-`) (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/patchesjson6902/): a list of
RFC 6902 operations (https://jsonpatch.com). One whose `op` is `replace` or `add`, whose `path` ends in
`containers/N/image` (`initContainers`, `ephemeralContainers` too) and whose `value` is a string sets that container's
image, which the cluster pulls: Kuadrant's `config/observability/openshift/ksm_deployment_patch.yaml`, `value:
registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.10.1`. Another path (`/spec/replicas`, `.../args/-`) and a
`remove` or `test` operation set no image; a whole container added (`path: .../containers/-`, `value: {name, image,
...}`) is a container spec, read as one (container_specs.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

PATCHED_USE = "container image (JSON patch)"
_PATH_RE = re.compile(r"/(?:initC|ephemeralC|c)ontainers/\d+/image$")


def patched_images(node: object) -> Iterator[str]:
    """The `value` of each operation of a list of JSON patch operations (`node`, a YAML document) that sets a
    container's image (see the module)."""
    for operation in node if isinstance(node, list) else ():
        if not isinstance(operation, dict) or operation.get("op") not in ("replace", "add"):
            continue
        path, value = operation.get("path"), operation.get("value")
        if isinstance(path, str) and _PATH_RE.search(path) and isinstance(value, str) and value.strip():
            yield value
