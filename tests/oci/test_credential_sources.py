"""Where credentials come from, at the edges: Docker's default config path, half-given settings, odd `auths`
entries and helper answers, and what the store shows of itself (registries and helpers, never a secret)."""

from __future__ import annotations

import base64
import json
import logging
import stat
from pathlib import Path

import pytest

from ecr_mirror.errors import ConfigError
from ecr_mirror.oci import credentials
from ecr_mirror.oci.credentials import Credentials, CredentialStore

SECRET = "source-secret-9d2e"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _store(tmp_path: Path, data: object) -> CredentialStore:
    config = tmp_path / "config.json"
    config.write_text(json.dumps(data))
    return CredentialStore.from_docker_config(config)


def test_without_settings_docker_s_own_config_in_the_home_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".docker").mkdir()
    (tmp_path / ".docker" / "config.json").write_text(json.dumps({"auths": {"ghcr.io": {"auth": _b64("gh:ghp")}}}))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert CredentialStore.from_environment({}).get("ghcr.io") == Credentials("gh", "ghp")


@pytest.mark.parametrize("env", [{"DOCKERHUB_USERNAME": "ci"}, {"DOCKERHUB_TOKEN": "dckr_pat_x"}])
def test_a_docker_hub_login_needs_both_the_username_and_the_token(tmp_path: Path, env: dict[str, str]) -> None:
    store = CredentialStore.from_environment({"DOCKER_CONFIG": str(tmp_path), **env})
    assert store.get("docker.io") is None


def test_an_unreadable_config_is_an_error_naming_the_file(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text('{"auths": ')
    with pytest.raises(ConfigError, match=r"cannot read Docker config '.*config\.json': ") as info:
        CredentialStore.from_docker_config(config)
    assert str(tmp_path) in str(info.value)


def test_a_bad_helper_name_in_cred_helpers_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"config\.json'.*'\.\./sh' is not a credential helper name"):
        _store(tmp_path, {"credHelpers": {"ghcr.io": "../sh"}})


@pytest.mark.parametrize(
    "entry",
    [
        {"username": "only-a-user"},
        {"password": "only-a-password"},
        {"auth": _b64("user-without-password:")},
        {"auth": _b64(":password-without-user")},
        {"auth": 12345},
        {"auth": ["not", "text"]},
    ],
)
def test_an_auths_entry_without_both_halves_gives_no_credentials(tmp_path: Path, entry: dict[str, object]) -> None:
    assert _store(tmp_path, {"auths": {"quay.io": entry}}).get("quay.io") is None


def test_auths_that_is_not_an_object_is_read_as_empty(tmp_path: Path) -> None:
    assert _store(tmp_path, {"auths": ["quay.io"]}).get("quay.io") is None


def test_a_password_may_hold_colons_and_any_letter(tmp_path: Path) -> None:
    store = _store(tmp_path, {"auths": {"quay.io": {"auth": _b64("robot:pä:ss:wörd")}}})
    assert store.get("quay.io") == Credentials("robot", "pä:ss:wörd")


def test_the_store_shows_its_registries_and_helpers_and_no_secret(tmp_path: Path) -> None:
    store = _store(
        tmp_path,
        {
            "auths": {"quay.io": {"auth": _b64(f"q:{SECRET}")}},
            "credHelpers": {"ghcr.io": "gh-lab"},
            "credsStore": "desktop",
        },
    )
    store.add("docker.io", Credentials("hub", SECRET))
    assert repr(store) == "CredentialStore(registries=['docker.io', 'quay.io'], helpers=['ghcr.io', '*'])"
    assert repr(_store(tmp_path, {"credHelpers": {"ghcr.io": "gh-lab"}})) == (
        "CredentialStore(registries=[], helpers=['ghcr.io'])"
    )


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "bin"
    path.mkdir()
    monkeypatch.setenv("PATH", f"{path}:/usr/bin:/bin")
    return path


def _helper(bin_dir: Path, name: str, text: str) -> None:
    path = bin_dir / f"docker-credential-{name}"
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.mark.parametrize(
    ("script", "problem"),
    [
        ("#!/nonexistent/interpreter\n", "failed: FileNotFoundError"),
        ("#!/bin/sh\nprintf '[]'\n", "answered without a username and secret"),
        ("#!/bin/sh\nprintf '\"text\"'\n", "answered without a username and secret"),
        ('#!/bin/sh\nprintf \'{"Username": "", "Secret": "s"}\'\n', "answered without a username and secret"),
        ('#!/bin/sh\nprintf \'{"Username": "u", "Secret": ""}\'\n', "answered without a username and secret"),
    ],
)
def test_a_helper_that_cannot_run_or_answers_no_pair_is_reported_by_name(
    tmp_path: Path, bin_dir: Path, caplog: pytest.LogCaptureFixture, script: str, problem: str
) -> None:
    _helper(bin_dir, "odd", script)
    store = _store(tmp_path, {"credHelpers": {"ghcr.io": "odd"}})
    with caplog.at_level(logging.WARNING, logger="ecr_mirror.oci.credentials"):
        assert store.get("ghcr.io") is None
    assert f"credential helper docker-credential-odd (for ghcr.io) {problem}" in (store.problem("ghcr.io") or "")


def test_a_helper_that_never_answers_is_given_up_on(
    tmp_path: Path, bin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(credentials, "HELPER_TIMEOUT", 0.5)  # 30 s in use; the helper below would hold it all
    _helper(bin_dir, "hung", "#!/bin/sh\nexec sleep 60\n")
    store = _store(tmp_path, {"credHelpers": {"ghcr.io": "hung"}})
    assert store.get("ghcr.io") is None
    assert "docker-credential-hung (for ghcr.io) failed: TimeoutExpired" in (store.problem("ghcr.io") or "")


@pytest.mark.parametrize(
    ("key", "registry"),
    [
        ("https://docker.io/", "docker.io"),
        ("http://index.docker.io/v2/", "docker.io"),
        ("https://registry.example:5000/v2/", "registry.example:5000"),
        ("http://localhost:5000", "localhost:5000"),
        ("registry.example/path", "registry.example"),
    ],
)
def test_a_config_key_written_as_a_url_is_read_as_its_registry(key: str, registry: str) -> None:
    assert credentials.normalise_registry(key) == registry
