"""YAML files of a tool's own shape, read whole by that tool's reader (pure): Discourse's launcher definitions, Azure
Container Instances container groups, Garden's container actions, Codefresh pipelines and Carvel's kbld and kctrl
build configurations, devfiles, registry-sync configurations (sync_lists.py), AWS Copilot workload manifests
(copilot_manifests.py) and Test Kitchen configurations with a container driver (kitchen_configs.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.aci_container_groups import container_group_images
from ecr_mirror.choose.discovery.carvel_configs import carvel_config_images
from ecr_mirror.choose.discovery.codefresh import codefresh_images
from ecr_mirror.choose.discovery.copilot_manifests import copilot_manifest_images
from ecr_mirror.choose.discovery.devfiles import devfile_images
from ecr_mirror.choose.discovery.discourse_launcher import launcher_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.garden_actions import garden_action_images
from ecr_mirror.choose.discovery.kitchen_configs import kitchen_images
from ecr_mirror.choose.discovery.sync_lists import sync_list_images


def own_document_images(documents: list[object], origin: str) -> list[Found] | None:
    """The images of the first tool whose shape `documents` have; None when they have none of these shapes."""
    readers = (
        launcher_images, container_group_images, garden_action_images, codefresh_images, carvel_config_images,
        devfile_images, sync_list_images, copilot_manifest_images, kitchen_images,
    )  # fmt: skip
    for reader in readers:
        if (own := reader(documents, origin)) is not None:
            return own
    return None
