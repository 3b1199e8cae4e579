"""A Python test suite's settings module: a name for an image bound to an environment variable with a default
(`FLUENTD_IMAGE_NAME = os.getenv("X", default="fluent/...:v1.16")`) is the image the tests run with when the variable
is not set; only in a test tree, only a default that names a registry, a namespace, a tag or a digest."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.python_test_settings import in_test_tree, python_test_settings

SETTINGS = """\
import os
from os import environ, getenv

IMAGE_REGISTRY = os.getenv("SUITE_REGISTRY", default=None)
IMAGE_REPOSITORY = os.getenv("SUITE_REPOSITORY", default="acme")
OPERATOR_IMAGE_NAME = os.getenv("SUITE_OPERATOR_IMAGE_NAME", default="shop-operator")

STORAGE_IMAGE_NAME = os.getenv(
    "SUITE_STORAGE_IMAGE_NAME", default="mcr.microsoft.com/azure-storage/azurite")

LOGS_IMAGE = os.environ.get("SUITE_LOGS_IMAGE", "fluent/fluent-bit:3.1")
metrics_image: str = getenv("SUITE_METRICS_IMAGE", "prom/mysqld-exporter:v0.15.1")
PROXY_IMAGE_REF = environ.get("SUITE_PROXY", "envoyproxy/envoy@sha256:" + "0" * 64)
BUSYBOX_IMAGE = os.getenv("SUITE_BUSYBOX_IMAGE", "busybox:1.36")  # comment
IMAGE_PULL_POLICY = os.getenv("SUITE_PULL_POLICY", default="IfNotPresent")
IMAGE_TAG = os.getenv("SUITE_IMAGE_TAG", default="9.1.0")
DEFAULT_IMAGE = "postgres:16"
TIMEOUT = os.getenv("SUITE_TIMEOUT", "ubuntu:24.04")
CLI_IMAGE = os.getenv("SUITE_CLI_IMAGE", f"{IMAGE_REPOSITORY}/cli:1")


class Images:
    SIDECAR_IMAGE = os.getenv("SUITE_SIDECAR_IMAGE", "ghcr.io/acme/sidecar:2")


def configure():
    LOCAL_IMAGE = os.getenv("SUITE_LOCAL_IMAGE", "redis:7")
    return LOCAL_IMAGE
"""


def test_environment_defaults_named_for_images_are_listed() -> None:
    use = "test setting (environment default)"
    origin = "tests/setup/defaults.py"
    assert python_test_settings(SETTINGS, origin) == [
        Found("mcr.microsoft.com/azure-storage/azurite", origin, 9, None, use, "Python source"),
        Found("fluent/fluent-bit:3.1", origin, 11, None, use, "Python source"),
        Found("prom/mysqld-exporter:v0.15.1", origin, 12, None, use, "Python source"),
        Found("busybox:1.36", origin, 14, None, use, "Python source"),
        Found("ghcr.io/acme/sidecar:2", origin, 23, None, use, "Python source"),
    ]


def test_only_sources_of_a_test_tree_are_read() -> None:
    assert in_test_tree("tests/setup/defaults.py")
    assert in_test_tree("integration-tests/conftest.py")
    assert in_test_tree("src/shop/e2e/settings.py")
    assert in_test_tree("conftest.py")
    assert in_test_tree("pkg/test_settings.py")
    assert not in_test_tree("shop/operator/config.py")
    assert not in_test_tree("tests/setup/defaults.txt")
    assert python_test_settings(SETTINGS, "shop/operator/config.py") == []


def test_a_source_that_does_not_parse_adds_nothing() -> None:
    assert python_test_settings("IMAGE = os.getenv('X', 'redis:7'\n", "tests/settings.py") == []
