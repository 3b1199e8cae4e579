"""`ecr-mirror discover` walks to an Earthfile, Podman Quadlet units (a `*.image` unit by its content) and Kamal's
`config/deploy.yml`, and leaves out a Kamal-shaped test fixture elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main

EARTHFILE = """\
VERSION 0.8
test:
    FROM alpine:3.20
    ARG PG=16
    WITH DOCKER --pull postgres:$PG
        RUN docker run -d postgres:$PG
    END
all:
    BUILD +test --PG=17
"""
KAMAL = """\
service: shop
image: acme/shop
servers: [10.0.0.1]
builder:
  arch: <%= ENV.fetch("ARCH", "amd64") == "arm64" ? "arm64" : "amd64" %>
accessories:
  cache:
    image: redis:7.4
"""


def test_earthfile_quadlet_units_and_kamal_config_are_read_where_their_tools_read_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Earthfile").write_text(EARTHFILE)
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "web.container").write_text("[Container]\nImage=ghcr.io/acme/web:1.0\n")
    (tmp_path / "units" / "db.image").write_text("[Image]\nImage=docker.io/library/mariadb:11.4\n")
    (tmp_path / "units" / "disk.image").write_bytes(b"\x7fELF\x00\x01binary")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "deploy.yml").write_text(KAMAL)
    (tmp_path / "test" / "fixtures").mkdir(parents=True)
    (tmp_path / "test" / "fixtures" / "deploy_with_accessories.yml").write_text(
        KAMAL.replace("redis:7.4", "memcached:1.6")
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = {(r["file"], r["line"], r["kind"], r["reference"]) for r in json.loads(out) if r["status"] == "public"}
    assert records == {
        ("Earthfile", 3, "Earthfile", "alpine:3.20"),
        ("Earthfile", 5, "Earthfile", "postgres:16"),
        ("Earthfile", 5, "Earthfile", "postgres:17"),
        ("Earthfile", 6, "Earthfile", "postgres:16"),
        ("Earthfile", 6, "Earthfile", "postgres:17"),
        ("units/web.container", 2, "Podman Quadlet unit", "ghcr.io/acme/web:1.0"),
        ("units/db.image", 2, "Podman Quadlet unit", "mariadb:11.4"),
        ("config/deploy.yml", 8, "Kamal configuration", "redis:7.4"),
    }
    assert "disk.image" not in err
