"""A monorepo whose build tool tags each app's image `local` (`nx run-many --target=build-image`, targets a plugin
generates) and whose dev compose files and Dockerfiles use those tags: built on the machine, not pulled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "docker/shop/services/api.yml": (
        "services:\n"
        "  shop-api:\n"
        "    image: ghcr.io/acme/shop-api:${SHOP_VERSION:-local}\n"
        "    depends_on: [shop-db]\n"
        "  shop-db:\n"
        "    image: postgres:17.2-alpine\n"
    ),
    "apps/shop/api/Dockerfile": "FROM ghcr.io/acme/shop-api-base:local\nCOPY build/ /app/\n",
    "apps/shop/api-base/Dockerfile": "FROM eclipse-temurin:21.0.5_11-jre-noble\n",
    "dev-env.sh": (
        "function shop-build-images {\n  nx run-many --target=build-image --projects=shop-* --parallel=3\n}\n"
    ),
}


def test_images_tagged_local_are_built_here_not_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = sorted(r["reference"] for r in records if r["status"] == "public")
    assert public == ["eclipse-temurin:21.0.5_11-jre-noble", "postgres:17.2-alpine"]
    built = sorted((r["file"], r["reference"]) for r in records if r["status"] == "built-here")
    assert built == [
        ("apps/shop/api/Dockerfile", "ghcr.io/acme/shop-api-base:local"),
        ("docker/shop/services/api.yml", "ghcr.io/acme/shop-api:local"),
    ]
    assert all("the tag `local`" in r["reason"] for r in records if r["status"] == "built-here")
