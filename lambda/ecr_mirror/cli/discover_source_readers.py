"""The readers a source file may need beside its docker commands and Testcontainers: Dagger pipelines, pytest Docker
fixtures, a Python test suite's image settings, Kubernetes models, manifest strings and own container client's calls,
the Dockerfiles a Go test writes and the `registry:` sources it gives a scanner, the images Go code pulls through
libimage, the node images a Go program boots
kind with and the `RELATED_IMAGE_*` variables it sets for an operator, the images a Go program's own code gives its
containers and the image options of its argument slices, and its image flags,
configuration structs, package-level defaults (also a repository and a tag
constant) and API types' kubebuilder markers default to, a Go test suite's
default image list, the Terraform configurations a provider's Go acceptance tests write inline, C#
FluentDocker fixtures and Aspire app hosts, jetcd's test launcher, JVM sources' docker argument lists, the bases
they build on with Jib Core, and the image a JVM program gives Flink's Kubernetes deployment, the digest-pinned images
of JavaScript/TypeScript constants, the containers of Pulumi programs, the registry images of AWS CDK apps'
containers (`ContainerImage.fromRegistry(...)`), the Docker images of Helix test queues in MSBuild files, the
databases of Testcontainers JDBC URLs, each chosen by a mark its bytes hold; and the
Ryuk image of a Testcontainers
configuration file and the image keys of a Spring Boot application's properties files, by their names."""

from __future__ import annotations

import functools
from collections.abc import Callable

from ecr_mirror.choose.discovery.aspire_containers import MARK as ASPIRE_MARK
from ecr_mirror.choose.discovery.aspire_containers import RESOURCE_MARK as ASPIRE_RESOURCE_MARK
from ecr_mirror.choose.discovery.aspire_containers import aspire_images
from ecr_mirror.choose.discovery.cdk_container_images import cdk_registry_images, may_name_registry_images
from ecr_mirror.choose.discovery.dagger_pipelines import dagger_images, may_use_dagger
from ecr_mirror.choose.discovery.docker_java_pulls import docker_java_pulls, may_pull_with_docker_java
from ecr_mirror.choose.discovery.flink_kubernetes import flink_kubernetes_images, may_set_flink_image
from ecr_mirror.choose.discovery.fluent_docker import MARK as FLUENT_DOCKER_MARK
from ecr_mirror.choose.discovery.fluent_docker import fluent_docker_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_config_defaults import MARK as CONFIG_DEFAULT_MARK
from ecr_mirror.choose.discovery.go_config_defaults import config_default_images
from ecr_mirror.choose.discovery.go_default_images import default_images, may_hold_default_images
from ecr_mirror.choose.discovery.go_dockerfile_strings import MARK as WRITE_MARK
from ecr_mirror.choose.discovery.go_dockerfile_strings import dockerfile_strings
from ecr_mirror.choose.discovery.go_e2e_image_ids import MARK as E2E_IMAGE_ID_MARK
from ecr_mirror.choose.discovery.go_flag_images import MARK as FLAG_IMAGE_MARK
from ecr_mirror.choose.discovery.go_flag_images import flag_images
from ecr_mirror.choose.discovery.go_helper_image_constants import helper_image_constants
from ecr_mirror.choose.discovery.go_image_lists import MARK as IMAGE_LIST_MARK
from ecr_mirror.choose.discovery.go_image_lists import image_list_images
from ecr_mirror.choose.discovery.go_image_maps import MARK as IMAGE_MAP_MARK
from ecr_mirror.choose.discovery.go_image_maps import image_map_images
from ecr_mirror.choose.discovery.go_image_option_slices import MARK as OPTION_SLICE_MARK
from ecr_mirror.choose.discovery.go_image_option_slices import option_slice_images
from ecr_mirror.choose.discovery.go_image_tag_pairs import image_tag_pairs
from ecr_mirror.choose.discovery.go_kind_nodes import kind_node_images, may_boot_kind
from ecr_mirror.choose.discovery.go_kubebuilder_defaults import MARK as KUBEBUILDER_DEFAULT_MARK
from ecr_mirror.choose.discovery.go_kubebuilder_defaults import kubebuilder_default_images
from ecr_mirror.choose.discovery.go_libimage_pulls import libimage_pulls, may_pull_with_libimage
from ecr_mirror.choose.discovery.go_program_images import MARK as PROGRAM_IMAGE_MARK
from ecr_mirror.choose.discovery.go_program_images import program_images
from ecr_mirror.choose.discovery.go_registry_sources import MARK as REGISTRY_SOURCE_MARK
from ecr_mirror.choose.discovery.go_registry_sources import registry_sources
from ecr_mirror.choose.discovery.go_related_image_defaults import may_fall_back, related_image_defaults
from ecr_mirror.choose.discovery.go_related_images import go_related_images, may_set_related_images
from ecr_mirror.choose.discovery.go_terraform_configs import go_terraform_configs, may_hold_configs
from ecr_mirror.choose.discovery.go_viper_defaults import MARK as VIPER_DEFAULT_MARK
from ecr_mirror.choose.discovery.go_viper_defaults import viper_default_images
from ecr_mirror.choose.discovery.helix_queues import helix_queue_images, may_hold_helix_queues
from ecr_mirror.choose.discovery.java_kubernetes_models import java_model_images, may_build_java_models
from ecr_mirror.choose.discovery.jetcd_launcher import MARK as JETCD_MARK
from ecr_mirror.choose.discovery.jetcd_launcher import jetcd_images
from ecr_mirror.choose.discovery.jib_core import jib_core_images, may_build_with_jib
from ecr_mirror.choose.discovery.js_image_constants import image_constant_images, may_hold_image_constants
from ecr_mirror.choose.discovery.js_pinned_constants import may_hold_pinned_constants, pinned_constant_images
from ecr_mirror.choose.discovery.jvm_commands import jvm_docker_runs
from ecr_mirror.choose.discovery.jvm_commands import may_run_docker as may_run_docker_jvm
from ecr_mirror.choose.discovery.kfp_components import kfp_component_images, may_define_components
from ecr_mirror.choose.discovery.nextflow import nextflow_images
from ecr_mirror.choose.discovery.nuke_docker import MARK as NUKE_DOCKER_MARK
from ecr_mirror.choose.discovery.nuke_docker import nuke_docker_images
from ecr_mirror.choose.discovery.pulumi_programs import may_declare_containers, pulumi_container_images
from ecr_mirror.choose.discovery.pytest_fixtures import MARKS as PYTEST_DOCKER_MARKS
from ecr_mirror.choose.discovery.pytest_fixtures import fixture_images
from ecr_mirror.choose.discovery.python_container_dicts import container_dict_images, may_hold_container_dicts
from ecr_mirror.choose.discovery.python_k8s_models import may_build_objects, model_images
from ecr_mirror.choose.discovery.python_string_manifests import may_hold_manifests, string_manifest_images
from ecr_mirror.choose.discovery.python_test_settings import may_hold_settings, python_test_settings
from ecr_mirror.choose.discovery.python_wrapper_calls import may_call_wrappers, wrapper_call_images
from ecr_mirror.choose.discovery.renovate_pins import MARK as RENOVATE_MARK
from ecr_mirror.choose.discovery.renovate_pins import renovate_pins
from ecr_mirror.choose.discovery.spring_property_images import is_spring_configuration, spring_property_images
from ecr_mirror.choose.discovery.testcontainers_config import is_testcontainers_config, testcontainers_config_images
from ecr_mirror.choose.discovery.testcontainers_jdbc_urls import jdbc_url_images, may_name_jdbc_urls
from ecr_mirror.cli.discover_go_e2e_image_ids import e2e_image_id_images
from ecr_mirror.cli.discover_nextflow import pipeline_registry


def other_readers(shown: str, data: bytes) -> list[Callable[[str, str], list[Found]]]:
    """The readers of Dagger pipelines, pytest Docker fixtures, a Python test suite's image settings with defaults,
    Kubernetes models (Python's and JVM sources'), manifest strings and own container client's calls, the Dockerfiles
    a Go test writes and the `registry:` sources it gives a scanner, kind's node images, C# FluentDocker fixtures and
    Aspire app hosts, jetcd's test launcher, the docker argument lists of JVM sources and their docker-java pulls,
    Flink's Kubernetes container image, Testcontainers' Ryuk image and Kubeflow Pipelines components, for the files
    that may hold them."""
    readers: list[Callable[[str, str], list[Found]]] = [dagger_images] if may_use_dagger(shown, data) else []
    readers += [fixture_images] if shown.endswith(".py") and any(mark in data for mark in PYTEST_DOCKER_MARKS) else []
    readers += [python_test_settings] if may_hold_settings(shown, data) else []
    readers += [model_images] if may_build_objects(shown, data) else []
    readers += [java_model_images] if may_build_java_models(shown, data) else []  # fabric8's `.withImage("...")`
    readers += [string_manifest_images] if may_hold_manifests(shown, data) else []
    readers += [container_dict_images] if may_hold_container_dicts(shown, data) else []  # an application's
    readers += [wrapper_call_images] if may_call_wrappers(shown, data) else []
    readers += [dockerfile_strings] if shown.endswith(".go") and WRITE_MARK in data and b"FROM" in data else []
    readers += [registry_sources] if shown.endswith("_test.go") and REGISTRY_SOURCE_MARK in data else []
    readers += [kind_node_images] if may_boot_kind(shown, data) else []
    readers += [libimage_pulls] if may_pull_with_libimage(shown, data) else []  # Podman's and Buildah's image library
    readers += [e2e_image_id_images] if shown.endswith(".go") and E2E_IMAGE_ID_MARK in data else []
    readers += [go_related_images] if may_set_related_images(shown, data) else []
    readers += [related_image_defaults] if may_fall_back(shown, data) else []  # `env.GetString("RELATED_IMAGE_X", ...)`
    readers += [fluent_docker_images] if shown.endswith(".cs") and FLUENT_DOCKER_MARK in data else []
    readers += [nuke_docker_images] if shown.endswith(".cs") and NUKE_DOCKER_MARK in data else []  # a NUKE build's
    aspire = ASPIRE_MARK in data or ASPIRE_RESOURCE_MARK in data
    readers += [aspire_images] if shown.endswith(".cs") and aspire else []
    readers += [jetcd_images] if JETCD_MARK.encode() in data and b"withImage" in data else []
    readers += [program_images] if shown.endswith(".go") and PROGRAM_IMAGE_MARK in data else []
    readers += [flag_images] if shown.endswith(".go") and FLAG_IMAGE_MARK in data else []
    option_slices = OPTION_SLICE_MARK in data and b"mage" in data
    readers += [option_slice_images] if shown.endswith(".go") and option_slices else []  # `"--image", "...:tag"`
    readers += [config_default_images] if shown.endswith(".go") and CONFIG_DEFAULT_MARK in data else []
    readers += [viper_default_images] if shown.endswith(".go") and VIPER_DEFAULT_MARK in data else []
    readers += [default_images] if may_hold_default_images(shown, data) else []  # `var DefaultBaseBuilder = "..."`
    readers += [kubebuilder_default_images] if shown.endswith(".go") and KUBEBUILDER_DEFAULT_MARK in data else []
    readers += [image_tag_pairs] if shown.endswith(".go") and b"Image" in data else []  # `XImage` + `XTag`
    readers += [image_list_images] if shown.endswith(".go") and IMAGE_LIST_MARK in data else []
    readers += [image_map_images] if shown.endswith(".go") and IMAGE_MAP_MARK in data else []
    readers += [helper_image_constants] if shown.endswith(".go") and (b"Image" in data or b"Img" in data) else []
    readers += [go_terraform_configs] if may_hold_configs(shown, data) else []  # acceptance tests' `Config:`
    readers += [jvm_docker_runs] if may_run_docker_jvm(shown, data) else []
    readers += [docker_java_pulls] if may_pull_with_docker_java(shown, data) else []  # `pullImageCmd(...)`
    readers += [jib_core_images] if may_build_with_jib(shown, data) else []  # `Jib.from(...)...containerize(...)`
    readers += [testcontainers_config_images] if is_testcontainers_config(shown) else []
    readers += [spring_property_images] if is_spring_configuration(shown) and b"mage" in data else []
    nextflow = shown.endswith((".nf", ".config")) and b"container" in data
    readers += [functools.partial(nextflow_images, registry=pipeline_registry(shown))] if nextflow else []
    readers += [kfp_component_images] if may_define_components(shown, data) else []
    readers += [flink_kubernetes_images] if may_set_flink_image(shown, data) else []
    readers += [pinned_constant_images] if may_hold_pinned_constants(shown, data) else []
    readers += [image_constant_images] if may_hold_image_constants(shown, data) else []  # `const X_IMAGE = '...'`
    readers += [pulumi_container_images] if may_declare_containers(shown, data) else []  # `image:` of Pulumi objects
    readers += [cdk_registry_images] if may_name_registry_images(shown, data) else []  # `fromRegistry("...")`
    readers += [renovate_pins] if RENOVATE_MARK in data and b"datasource=docker" in data else []  # `// renovate:`
    readers += [helix_queue_images] if may_hold_helix_queues(shown, data) else []  # `QUEUE@IMAGE` of MSBuild files
    readers += [jdbc_url_images] if may_name_jdbc_urls(data) else []  # `jdbc:tc:postgresql:16:///db`
    return readers
