"""Docker credential helpers: real executables on PATH, run the way Docker runs them."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from ecr_mirror.errors import ConfigError
from ecr_mirror.oci.credentials import Credentials, CredentialStore

SECRET = "helper-secret-5f1c"


def _helper(bin_dir: Path, name: str, script: str) -> Path:
    """A `docker-credential-<name>` that logs each server it was asked about, then runs `script`."""
    log = bin_dir / f"{name}.asked"
    path = bin_dir / f"docker-credential-{name}"
    path.write_text(f'#!/bin/sh\n[ "$1" = get ] || exit 3\nserver=$(cat)\necho "$server" >> "{log}"\n{script}\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return log


def _answer(user: str, secret: str) -> str:
    return f"printf '%s' '{json.dumps({'ServerURL': 'x', 'Username': user, 'Secret': secret})}'"


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "bin"
    path.mkdir()
    monkeypatch.setenv("PATH", f"{path}:/usr/bin:/bin")
    return path


def _config(tmp_path: Path, data: dict[str, object]) -> CredentialStore:
    config = tmp_path / "config.json"
    config.write_text(json.dumps(data))
    return CredentialStore.from_docker_config(config)


def test_cred_helpers_and_creds_store_are_asked_once_per_registry_in_use(tmp_path: Path, bin_dir: Path) -> None:
    ecr_log = _helper(bin_dir, "ecr-lab", _answer("AWS", SECRET))
    store_log = _helper(bin_dir, "store-lab", _answer("hubuser", SECRET))
    store = _config(
        tmp_path,
        {
            "auths": {"https://index.docker.io/v1/": {}, "quay.io": {"auth": "cXVzZXI6cXBhc3M="}},
            "credHelpers": {"123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-lab"},
            "credsStore": "store-lab",
        },
    )
    assert not ecr_log.exists() and not store_log.exists(), "helpers must run only when a registry is used"
    for _ in range(3):
        assert store.get("123456789012.dkr.ecr.eu-west-1.amazonaws.com") == Credentials("AWS", SECRET)
        assert store.get("docker.io") == Credentials("hubuser", SECRET)
    assert ecr_log.read_text().splitlines() == ["123456789012.dkr.ecr.eu-west-1.amazonaws.com"]
    assert store_log.read_text().splitlines() == ["https://index.docker.io/v1/"]  # Docker Hub's key, as Docker asks
    assert SECRET not in repr(store)


def test_a_helper_without_an_entry_falls_back_to_auths(tmp_path: Path, bin_dir: Path) -> None:
    _helper(bin_dir, "empty", 'echo "credentials not found in native keychain"; exit 1')
    store = _config(tmp_path, {"auths": {"quay.io": {"auth": "cXVzZXI6cXBhc3M="}}, "credsStore": "empty"})
    assert store.get("quay.io") == Credentials("quser", "qpass")
    assert store.get("ghcr.io") is None
    assert "ghcr.io" not in store
    assert store.problem("ghcr.io") is None  # "not found" is an answer, not a failure


def test_explicit_credentials_win_over_helpers(tmp_path: Path, bin_dir: Path) -> None:
    log = _helper(bin_dir, "store-lab", _answer("hubuser", SECRET))
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"credsStore": "store-lab"}))
    env = {"DOCKER_CONFIG": str(tmp_path), "DOCKERHUB_USERNAME": "ci", "DOCKERHUB_TOKEN": "dckr_pat_x"}
    assert CredentialStore.from_environment(env).get("docker.io") == Credentials("ci", "dckr_pat_x")
    assert not log.exists()


@pytest.mark.parametrize(
    ("script", "warning"),
    [
        (None, "is not installed"),
        ("echo 'something broke' >&2; exit 2", "exited with 2"),
        ("echo 'not json'", "other than JSON"),
        (_answer("<token>", SECRET), "identity token"),
        (_answer("", ""), "without a username"),
    ],
)
def test_unusable_helpers_are_reported_and_skipped(
    tmp_path: Path, bin_dir: Path, caplog: pytest.LogCaptureFixture, script: str | None, warning: str
) -> None:
    if script is not None:
        _helper(bin_dir, "odd", script)
    store = _config(tmp_path, {"credHelpers": {"ghcr.io": "odd"}})
    with caplog.at_level(logging.WARNING, logger="ecr_mirror.oci.credentials"):
        assert store.get("ghcr.io") is None
    assert warning in caplog.text and "docker-credential-odd" in caplog.text and "ghcr.io" in caplog.text
    assert warning in (store.problem("ghcr.io") or "")  # error messages about this registry can say why
    assert SECRET not in caplog.text


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"credsStore": "../../bin/sh"}, "'../../bin/sh' is not a credential helper name"),
        ({"credHelpers": {"ghcr.io": 5}}, "credHelpers must map registries to helper names"),
        ({"credsStore": ["a"]}, "credsStore must be a helper name"),
        ([], "expected a JSON object"),
    ],
)
def test_malformed_helper_settings_name_the_file(tmp_path: Path, data: object, needle: str) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match=r"config\.json") as info:
        CredentialStore.from_docker_config(config)
    assert needle in str(info.value)
