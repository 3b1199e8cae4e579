"""The containers a .NET Aspire app host (or an Aspire test fixture) runs: `AddContainer("name", image[, tag])` and an
integration's image overridden with `.WithImage(image[, tag])`, `.WithImageTag(tag)`, `.WithImageRegistry(host)`
in the same statement, in a file that builds a `DistributedApplication`; an integration's own default image (not
written in the tree), a tag override alone, and the same calls in a file that builds no app add nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_APP_HOST = """\
using Shop.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
const string GrafanaImage = "grafana/grafana";

var redis = builder.AddRedis("redis");
var postgres = builder.AddPostgres("postgres")
    .WithImage("ankane/pgvector")
    .WithImageTag("0.8.0")
    .WithLifetime(ContainerLifetime.Persistent);
var cache = builder.AddRedis("cache").WithImageTag("7.4");
var grafana = builder.AddContainer("grafana", GrafanaImage, "11.2.0")
    .WithBindMount("../grafana/config", "/etc/grafana", isReadOnly: true);
var mail = builder.AddContainer("mail", "axllent/mailpit");
var seq = builder.AddSeq("seq").WithImage("datalust/seq", "2024.3");
var keycloak = builder.AddKeycloak("keycloak").WithImage("keycloak/keycloak").WithImageRegistry("quay.io")
    .WithImageTag("26.0");
var version = builder.Configuration["MinioTag"];
var minio = builder.AddContainer("minio", "minio/minio", version);
// builder.AddContainer("old", "acme/old-thing:1");
builder.Build().Run();
"""

_FIXTURE = """\
public sealed class CatalogApiFixture : IAsyncLifetime
{
    public CatalogApiFixture()
    {
        var appBuilder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions());
        Postgres = appBuilder.AddPostgres("CatalogDB")
            .WithImage("ankane/pgvector")
            .WithImageTag("latest");
        _app = appBuilder.Build();
    }
}
"""

_NOT_AN_APP = """\
public class ImageCatalog
{
    public void Register(Catalog catalog) => catalog.AddContainer("shown", "acme/not-pulled:1").WithImageTag("2");
}
"""


def test_an_app_hosts_containers_and_image_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "src/Shop.AppHost/Program.cs": _APP_HOST,
        "tests/Catalog.Tests/CatalogApiFixture.cs": _FIXTURE,
        "src/Shop.Catalog/ImageCatalog.cs": _NOT_AN_APP,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    got = sorted((file, line, use, reference, status) for file, line, kind, use, reference, status in rows)
    assert got == [
        ("src/Shop.AppHost/Program.cs", 4, "Aspire container", "grafana/grafana:11.2.0", "public"),
        ("src/Shop.AppHost/Program.cs", 8, "Aspire container", "ankane/pgvector:0.8.0", "public"),
        ("src/Shop.AppHost/Program.cs", 14, "Aspire container", "axllent/mailpit:latest", "public"),
        ("src/Shop.AppHost/Program.cs", 15, "Aspire container", "datalust/seq:2024.3", "public"),
        ("src/Shop.AppHost/Program.cs", 16, "Aspire container", "quay.io/keycloak/keycloak:26.0", "public"),
        ("tests/Catalog.Tests/CatalogApiFixture.cs", 7, "Aspire container", "ankane/pgvector:latest", "public"),
    ]
