"""`discover --probe`: an image on a registry not known to be public is asked for anonymously; the registry's answer
decides whether it is listed. No credentials are sent, whatever the user's Docker configuration holds."""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import TokenServer

USER, PASSWORD = "ci-bot", "probe-never-sends-this-4b1f"


@pytest.fixture
def tokens(token_server_factory: Callable[..., TokenServer]) -> TokenServer:
    return token_server_factory(users={USER: PASSWORD}, public=("team/open",))  # only team/open is anonymous


@pytest.fixture
def vendor(registry_factory: Callable[..., LocalRegistry], tokens: TokenServer) -> LocalRegistry:
    registry = registry_factory(token=tokens)
    push_image(registry, "team/open", oci_image(seed="probe-open"), tags=["1"])
    push_image(registry, "team/closed", oci_image(seed="probe-closed"), tags=["1"])
    return registry


def _discover(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], registry: str, *options: str
) -> tuple[dict[str, tuple[str, str | None]], str]:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "compose.yaml").write_text(
        "services:\n"
        f"  open:\n    image: {registry}/team/open:1\n"
        f"  closed:\n    image: {registry}/team/closed:1\n"
        f"  gone:\n    image: {registry}/team/open:2\n"
        "  db:\n    image: postgres:17\n"
    )
    assert main(["discover", str(tree), "--json", *options]) == 0
    out, err = capsys.readouterr()
    return {r["reference"]: (r["status"], r["reason"]) for r in json.loads(out)}, err


@pytest.fixture
def user_credentials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vendor: LocalRegistry) -> None:
    """The user's Docker configuration holds a login for the probed registry: the probe must not use it."""
    auth = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    (tmp_path / "config.json").write_text(json.dumps({"auths": {vendor.host: {"auth": auth}}}))
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))
    monkeypatch.delenv("REGISTRY_AUTH_FILE", raising=False)


@pytest.mark.usefixtures("user_credentials")
def test_the_registry_answer_decides_and_no_credentials_are_sent(
    vendor: LocalRegistry, tokens: TokenServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    host, pushed = vendor.host, len(tokens.requests)  # the fixture's pushes logged in
    records, err = _discover(tmp_path, capsys, host, "--probe", "--plain-http")

    assert records == {
        f"{host}/team/open:1": ("public", f"{host} serves it to anyone (--probe)"),
        f"{host}/team/closed:1": ("left-out", f"{host} refused an anonymous pull (--probe: HTTP 401)"),
        f"{host}/team/open:2": ("left-out", f"{host} has no such image (--probe: HTTP 404)"),
        "postgres:17": ("public", None),  # a registry known to be public is not asked
    }
    asked = tokens.requests[pushed:]
    assert asked, "the probe asked the token server for nothing"
    assert not any(request.authorization or request.username for request in asked)
    assert PASSWORD not in err
    assert "probed 3 images not known to be served to anyone (on 1 registry): 1 served to anyone" in err


def test_without_probe_nothing_is_asked(
    vendor: LocalRegistry, tokens: TokenServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = len(tokens.requests)
    records, _ = _discover(tmp_path, capsys, vendor.host)

    assert {status for status, _ in records.values()} == {"left-out", "public"}
    assert records[f"{vendor.host}/team/open:1"][0] == "left-out"
    assert len(tokens.requests) == before


def test_the_plain_listing_lists_what_the_probe_found_served(
    vendor: LocalRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "compose.yaml").write_text(
        f"services:\n  open:\n    image: {vendor.host}/team/open:1\n  closed:\n    image: {vendor.host}/team/closed:1\n"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--probe", "--plain-http"]) == 0
    out, err = capsys.readouterr()

    assert [line.split("  # ")[0] for line in out.splitlines()] == [f"{vendor.host}/team/open:1"]
    assert "compose.yaml" in out and "serves it to anyone (--probe)" in out
    assert (
        f"left out 1 image on 1 registry not known to be public: {vendor.host} 1 ({vendor.host}/team/closed:1; "
        f"--public-registry {vendor.host}); --public-registry HOST/NAMESPACE lists one namespace\n"
    ) in err


def test_a_registry_that_does_not_answer_is_left_out_with_the_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as held:  # a loopback port nothing listens on
        held.bind(("127.0.0.1", 0))
        port = held.getsockname()[1]
    (tmp_path / "compose.yaml").write_text(f"services:\n  app:\n    image: 127.0.0.1:{port}/team/app:1\n")
    assert main(["discover", str(tmp_path), "--json", "--probe", "--plain-http"]) == 0
    (record,) = json.loads(capsys.readouterr().out)

    assert record["status"] == "left-out"
    assert record["reason"].startswith(f"127.0.0.1:{port}: the probe failed ("), record["reason"]
