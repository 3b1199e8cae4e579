"""Test Kitchen configurations with a container driver (pure).

Test Kitchen (https://kitchen.ci/docs/reference/configuration/) converges a cookbook or a role on each platform of
`kitchen.yml` (also `.kitchen.yml`, `kitchen.dokken.yml`): with the kitchen-dokken driver
(https://github.com/test-kitchen/kitchen-dokken) or kitchen-docker, each platform's instance is a container started
from the platform's `driver.image` (older `driver_config.image`), the top-level driver's `image` serving the
platforms without one. Known by its shape: a mapping with a `platforms` list and a `driver`, `provisioner` or
`suites` key. A platform whose driver (its own, else the top-level one) is not a container driver (`vagrant`, a
cloud's) pulls no image. Each image at its line, `kind` `Test Kitchen configuration` (splunk-otel-collector's
`deployments/chef/kitchen.yml`: `dokken/centos-stream-9` and fourteen more).
"""

from __future__ import annotations

import dataclasses

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found

KIND = "Test Kitchen configuration"
_CONTAINER_DRIVERS = frozenset({"dokken", "docker", "podman"})


def _driver(settings: dict[object, object]) -> dict[object, object]:
    driver = settings.get("driver", settings.get("driver_config"))
    return driver if isinstance(driver, dict) else {}


def kitchen_images(documents: list[object], origin: str) -> list[Found] | None:
    """The images a Test Kitchen configuration's container platforms run in; None when the file is not one."""
    docs = [doc for doc in documents if doc is not None]
    if len(docs) != 1 or not isinstance(config := docs[0], dict) or not isinstance(config.get("platforms"), list):
        return None
    if not {"driver", "provisioner", "suites"} & set(config):
        return None
    top = _driver(config)
    found: list[Found] = []
    for platform in config["platforms"]:
        if not isinstance(platform, dict):
            continue
        own = _driver(platform)
        if str(own.get("name", top.get("name", ""))) not in _CONTAINER_DRIVERS:
            continue
        image, use = own.get("image"), f"platforms[{platform.get('name', '')}].driver.image"
        if image is None:
            image, use = top.get("image"), "driver.image"
        if isinstance(image, str) and (item := found_item(image, origin, use)) is not None:
            found.append(dataclasses.replace(item, kind=KIND))
    return list({(item.text, item.line): item for item in found}.values())
