"""Images a Python application deploys to Kubernetes through container specs it writes as dicts (pure, `ast`).

A program that manages workloads often writes a pod's containers in the API's JSON form and creates them with the
official client (https://github.com/kubernetes-client/python accepts dicts wherever it takes models): mage-ai's
`cluster_manager/kubernetes/workload_manager.py` adds an init container `{'name': f'{name}-pre-start', 'image':
'mageai/pre-start:latest', 'imagePullPolicy': 'Always', ...}` and a Cloud SQL proxy sidecar `{'name':
'cloud-sql-proxy', 'image': 'gcr.io/cloudsql-docker/gce-proxy:1.28.0', 'command': [...], ...}`, pulled by the
cluster when it deploys a workspace. Read in a Python source outside a test tree (python_test_settings.in_test_tree;
a test's dicts are compared, python_k8s_models.py reads what a suite creates) that imports `kubernetes`: each dict
whose keys are all literal names of a Container's fields
(https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container; `**spread` entries allowed),
with `name`, `image` and at least one other field, and whose `image` is a one-line literal with a tag or a digest;
at the literal's line, `use` `image (Kubernetes container dict)`. Not read: an image from a variable, a parameter or
an f-string (the deployment's own image, known when it runs), an untagged literal, a dict with a key no container has
(`replicas`: another object's settings) or with only `name` and `image`.
"""

from __future__ import annotations

import ast
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.python_syntax import parsed
from ecr_mirror.choose.discovery.python_test_settings import in_test_tree

_IMPORTS_RE = re.compile(rb"^\s*(?:from|import)\s+kubernetes\b", re.MULTILINE)
_FIELDS = frozenset(
    [
        "name", "image", "imagePullPolicy", "command", "args", "workingDir", "ports", "env", "envFrom",
        "volumeMounts", "volumeDevices", "resources", "resizePolicy", "restartPolicy", "lifecycle", "livenessProbe",
        "readinessProbe", "startupProbe", "securityContext", "stdin", "stdinOnce", "tty", "terminationMessagePath",
        "terminationMessagePolicy",
    ]
)  # fmt: skip
_TAGGED_RE = re.compile(r"^[^\s@]+(?:@sha256:[0-9a-f]{64}|:[\w][\w.-]{0,127})$")


def may_hold_container_dicts(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold such a dict (checked before it is decoded)."""
    return (
        origin.endswith(".py")
        and not in_test_tree(origin)
        and b"image" in data
        and _IMPORTS_RE.search(data) is not None
    )


def _image(node: ast.Dict) -> tuple[str, int] | None:
    """The literal `image` of a dict shaped like a container spec, with its line, or None."""
    keys: dict[str, ast.expr] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if key is None:
            continue  # `**container_config`
        if not isinstance(key, ast.Constant) or not isinstance(key.value, str) or key.value not in _FIELDS:
            return None
        keys[key.value] = value
    image = keys.get("image")
    if "name" not in keys or len(keys) < 3 or not isinstance(image, ast.Constant) or not isinstance(image.value, str):
        return None
    text = image.value.strip()
    return (text, image.lineno) if _TAGGED_RE.match(text.rsplit("/", 1)[-1]) and "\n" not in text else None


def container_dict_images(text: str, origin: str) -> list[Found]:
    """The literal images of the container dicts of a Python application's source, in order."""
    if (module := parsed(text)) is None:
        return []
    found: list[Found] = []
    for node in ast.walk(module):
        if isinstance(node, ast.Dict) and (image := _image(node)) is not None:
            use = "image (Kubernetes container dict)"
            found.append(Found(image[0], origin, image[1], None, use, "Python source"))
    return sorted(found, key=lambda item: item.line or 0)
