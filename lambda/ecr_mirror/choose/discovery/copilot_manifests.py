"""AWS Copilot workload manifests (pure).

`copilot svc deploy` / `copilot job deploy` turn `copilot/<name>/manifest.yml` into an ECS task definition
(https://aws.github.io/copilot-cli/docs/manifest/overview/): a mapping with `name` and a workload `type` (`Load
Balanced Web Service`, `Backend Service`, `Worker Service`, `Request-Driven Web Service`, `Scheduled Job`). Pulled:
the main container's `image.location` (an `image.build` is built from the repository and pushed instead), each
sidecar's `image`, a string or a mapping with `location`
(https://aws.github.io/copilot-cli/docs/developing/sidecars/), a FireLens `logging.image`, and the same keys of an
`environments.<name>` override (https://aws.github.io/copilot-cli/docs/manifest/backend-service/#environments).
Each read at its line, `kind` `Copilot manifest`.
"""

from __future__ import annotations

import dataclasses

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found

KIND = "Copilot manifest"
_WORKLOADS = frozenset({
    "Load Balanced Web Service", "Backend Service", "Worker Service", "Request-Driven Web Service", "Scheduled Job",
})  # fmt: skip


def _location(image: object) -> object:
    """The image a Copilot `image` field pulls: a string, or a mapping's `location`."""
    return image.get("location") if isinstance(image, dict) else image


def _pulled(settings: dict[object, object]) -> list[tuple[object, str]]:
    """(value, use) of the images a manifest's settings (the whole file, or one environment's override) name."""
    image = settings.get("image")
    pulled = [(image.get("location"), "image.location")] if isinstance(image, dict) else []
    sidecars = settings.get("sidecars")
    for name, sidecar in sidecars.items() if isinstance(sidecars, dict) else ():
        if isinstance(sidecar, dict):
            pulled.append((_location(sidecar.get("image")), f"sidecars.{name}.image"))
    logging = settings.get("logging")
    if isinstance(logging, dict):
        pulled.append((logging.get("image"), "logging.image"))
    return pulled


def copilot_manifest_images(documents: list[object], origin: str) -> list[Found] | None:
    """The images a Copilot workload manifest deploys; None when the file is not one."""
    docs = [doc for doc in documents if doc is not None]
    if len(docs) != 1 or not isinstance(manifest := docs[0], dict):
        return None
    kind, name = manifest.get("type"), manifest.get("name")
    if not isinstance(kind, str) or kind not in _WORKLOADS or not isinstance(name, str):
        return None
    pulled = _pulled(manifest)
    environments = manifest.get("environments")
    for override in environments.values() if isinstance(environments, dict) else ():
        pulled += _pulled(override) if isinstance(override, dict) else []
    found: list[Found] = []
    for value, use in pulled:
        if isinstance(value, str) and (item := found_item(value, origin, use)) is not None:
            found.append(dataclasses.replace(item, kind=KIND))
    return found
