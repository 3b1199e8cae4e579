"""Context values -> Settings: strings from `-c`, JSON types from cdk.json, clear errors."""

from __future__ import annotations

from typing import Any

import pytest

from infra.settings import DEFAULT_IMAGES_FILE, PROJECT_ROOT, Settings, SettingsError
from tests.infra.stack_support import CDK_CONTEXT


def _settings(**context: Any) -> Settings:
    return Settings.from_context(context.get)


def test_no_context_gives_the_documented_defaults() -> None:
    assert _settings() == Settings(
        prefix="mirror",
        parameter_name="/ecr-mirror/images",
        parameter_path="/ecr-mirror/images/",
        schedule="rate(6 hours)",
        memory_size=1769,
        reserved_concurrency=None,
        log_retention_days=30,
        log_level="INFO",
        untagged_keep=100,
        encryption="AES256",
        destroy_repositories=False,
        docker_hub_secret=None,
        alarm_email=None,
        images_file=DEFAULT_IMAGES_FILE,
    )


def test_cdk_json_context_equals_the_defaults() -> None:
    assert Settings.from_context(CDK_CONTEXT.get) == Settings()


def test_command_line_strings_are_converted() -> None:
    settings = _settings(
        memorySize="2048",
        reservedConcurrency="2",
        logRetentionDays="90",
        untaggedKeep="14",
        destroyRepositories="true",
        encryption="kms",
        logLevel="warning",
        prefix="/team/ci/",
        imagesFile="lists/ci.txt",
    )
    assert settings.memory_size == 2048
    assert settings.reserved_concurrency == 2
    assert settings.log_retention_days == 90
    assert settings.untagged_keep == 14
    assert settings.destroy_repositories is True
    assert settings.encryption == "KMS"
    assert settings.log_level == "WARNING"
    assert settings.prefix == "team/ci"
    assert settings.images_file == PROJECT_ROOT / "lists/ci.txt"


@pytest.mark.parametrize("off", ["", "off", "none", False])
def test_optional_features_switch_off(off: Any) -> None:
    settings = _settings(schedule=off, reservedConcurrency=off, dockerHubSecret=off, alarmEmail=off)
    assert settings.schedule is None
    assert settings.reserved_concurrency is None
    assert settings.docker_hub_secret is None
    assert settings.alarm_email is None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("prefix", "Mirror"),
        ("prefix", "a//b"),
        ("parameterName", "ecr-mirror/images"),
        ("parameterPath", "ecr-mirror/images/"),
        ("schedule", "every 6 hours"),
        ("memorySize", "64"),
        ("memorySize", "lots"),
        ("reservedConcurrency", "0"),
        ("logRetentionDays", "31"),
        ("logLevel", "LOUD"),
        ("untaggedKeep", "-1"),
        ("untaggedKeep", "many"),
        ("encryption", "DSSE"),
        ("destroyRepositories", "maybe"),
        ("alarmEmail", "ops"),
    ],
)
def test_invalid_values_name_their_key(key: str, value: str) -> None:
    with pytest.raises(SettingsError, match=f"context {key}="):
        _settings(**{key: value})
