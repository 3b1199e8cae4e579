"""HTTPS with certificate checks, the path every real registry takes: real registries serving TLS on loopback."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab.images import oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tlscerts import TlsFiles, make_tls_files
from ecr_mirror.oci import mediatypes


@pytest.fixture
def tls_source(registry_factory: Callable[..., LocalRegistry], tmp_path: Path) -> LocalRegistry:
    return registry_factory(tls=make_tls_files(tmp_path / "source-tls"))


@pytest.fixture
def tls_target(registry_factory: Callable[..., LocalRegistry], tmp_path: Path) -> LocalRegistry:
    return registry_factory(tls=make_tls_files(tmp_path / "target-tls"))


def _ca(registry: LocalRegistry) -> str:
    assert isinstance(registry.tls, TlsFiles)
    return str(registry.tls.ca)


def _digest_at(registry: LocalRegistry, repository: str, tag: str) -> str | None:
    with httpx.Client(verify=registry.verify) as client:
        answer = client.head(f"{registry.url}/v2/{repository}/manifests/{tag}", headers={"Accept": mediatypes.ACCEPT})
    return answer.headers.get("docker-content-digest") if answer.status_code == 200 else None


def test_copy_between_https_registries_trusting_their_cas(
    tls_source: LocalRegistry, tls_target: LocalRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    desc = push_image(tls_source, "team/app", oci_index(seed="tls"), tags=["1"])
    argv = ["copy", f"{tls_source.host}/team/app:1", f"{tls_target.host}/m/app:1", "--json"]
    code = main([*argv, "--ca-file", _ca(tls_source), "--ca-file", _ca(tls_target)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["images"][0]["status"] == "copied"
    assert _digest_at(tls_target, "m/app", "1") == desc.digest
    assert tls_source.request_counts()[("GET", "blob")] == len(desc.blobs)  # the bytes came over TLS


def test_an_untrusted_certificate_is_refused_without_retrying(
    tls_source: LocalRegistry,
    tls_target: LocalRegistry,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    push_image(tls_source, "team/app", oci_index(seed="tls"), tags=["1"])
    tls_source.reset_counts()
    caplog.set_level(logging.DEBUG, logger="ecr_mirror.oci.transport")
    code = main(["copy", f"{tls_source.host}/team/app:1", f"{tls_target.host}/m/app:1", "--ca-file", _ca(tls_target)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "CERTIFICATE_VERIFY_FAILED" in err and "team/app" in err
    assert _digest_at(tls_target, "m/app", "1") is None
    assert not tls_source.request_counts(), "a refused certificate must stop before any request is sent"
    assert "retrying" not in caplog.text  # a certificate does not get better with another try


def test_a_certificate_for_another_name_is_refused(
    registry_factory: Callable[..., LocalRegistry],
    tls_target: LocalRegistry,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = make_tls_files(tmp_path / "tls", dns_names=("registry.example.com",), ip_addresses=())
    registry = registry_factory(tls=files)  # a trusted CA, but the certificate does not name 127.0.0.1
    argv = ["copy", f"{registry.host}/team/app:1", f"{tls_target.host}/m/app:1"]
    code = main([*argv, "--ca-file", str(files.ca), "--ca-file", _ca(tls_target)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "CERTIFICATE_VERIFY_FAILED" in err and "not valid for '127.0.0.1'" in err


def test_a_bad_ca_file_is_a_usage_error_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "ca.pem"
    bogus.write_text("not a certificate")
    for path in (bogus, tmp_path / "missing.pem"):
        with pytest.raises(SystemExit) as exit_info:
            main(["copy", "alpine:3.20", "localhost:5000/x", "--ca-file", str(path)])
        assert exit_info.value.code == 2
        assert str(path) in capsys.readouterr().err
