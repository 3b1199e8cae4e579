"""The command line reads credentials the way Docker stores them, helpers included, against a private registry."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.lab.tokenserver import TokenServer

USER, PASSWORD = "ci-bot", "helper-held-password-9d2e"


@pytest.fixture
def private(
    token_server_factory: Callable[..., TokenServer], registry_factory: Callable[..., LocalRegistry]
) -> LocalRegistry:
    server = token_server_factory(users={USER: PASSWORD}, public=())  # nothing anonymous
    return registry_factory(token=server)


def _install_helper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: str) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    helper = bin_dir / "docker-credential-lab"
    answer = json.dumps({"ServerURL": registry, "Username": USER, "Secret": PASSWORD})
    helper.write_text(
        f'#!/bin/sh\nserver=$(cat)\n[ "$1" = get ] && [ "$server" = "{registry}" ] && printf %s \'{answer}\' '
        '&& exit 0\necho "credentials not found in native keychain"; exit 1\n'
    )
    helper.chmod(helper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")


@pytest.mark.parametrize("setting", ["credHelpers", "credsStore"])
def test_copy_from_a_private_registry_with_a_credential_helper(
    private: LocalRegistry,
    target_registry: LocalRegistry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    setting: str,
) -> None:
    desc = push_image(private, "team/app", oci_image(seed="helper"), tags=["1"])
    _install_helper(tmp_path, monkeypatch, private.host)
    config = {"credHelpers": {private.host: "lab"}} if setting == "credHelpers" else {"credsStore": "lab"}
    (tmp_path / "config.json").write_text(json.dumps(config))
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))
    monkeypatch.delenv("REGISTRY_AUTH_FILE", raising=False)
    code = main(["copy", f"{private.host}/team/app:1", f"{target_registry.host}/m/app:1", "--plain-http", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["images"][0]["status"] == "copied"
    assert inspect_digest(f"{target_registry.host}/m/app:1") == desc.digest
    assert PASSWORD not in out + err


def test_without_the_helper_the_private_image_fails_and_says_so(
    private: LocalRegistry,
    target_registry: LocalRegistry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    push_image(private, "team/app", oci_image(seed="helper"), tags=["1"])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # the helper the config names is not installed
    (tmp_path / "config.json").write_text(json.dumps({"credHelpers": {private.host: "lab"}}))
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))
    monkeypatch.delenv("REGISTRY_AUTH_FILE", raising=False)
    code = main(["copy", f"{private.host}/team/app:1", f"{target_registry.host}/m/app:1", "--plain-http"])
    _, err = capsys.readouterr()
    assert code == 1
    assert "docker-credential-lab" in err and "not installed" in err
    assert "team/app" in err and "failed" in err
