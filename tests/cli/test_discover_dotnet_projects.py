"""`ecr-mirror discover` reads C# test projects as the compiler sees them: a project's global usings (a
`GlobalUsings.cs`, the project file's `<Using Include>`) import Testcontainers into each of its files, a shared
image field (`static readonly IImage Alpine = new DockerImage("...")`) is an image its tests start, and a builder
class of the tree's own started without an image (`new MockServerBuilder()`) starts its default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

PROJECT = """\
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net9.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Testcontainers.PostgreSql" />
  </ItemGroup>
</Project>
"""

USINGS = """\
global using System;
global using DotNet.Testcontainers.Builders;
global using Testcontainers.PostgreSql;
global using Xunit;
"""

ORDERS_TEST = """\
namespace Shop.Tests;

public sealed class OrdersTest : IAsyncLifetime
{
    private readonly PostgreSqlContainer _db = new PostgreSqlBuilder("postgres:16.4-alpine").Build();

    public async ValueTask InitializeAsync() => await _db.StartAsync();
}
"""

CACHE_TEST = """\
namespace Shop.Tests.Cache;

public sealed class CacheTest
{
    private readonly IContainer _cache = new ContainerBuilder("redis:7.4.1")
        .WithPortBinding(6379, true)
        .Build();
}
"""

USING_ITEM_PROJECT = """\
<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <Using Include="Testcontainers.Redis" />
    <Using Include="Xunit" />
  </ItemGroup>
</Project>
"""

OTHER_PROJECT = """\
<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <Using Include="Xunit" />
  </ItemGroup>
</Project>
"""

SHARED_IMAGES = """\
namespace Shop.Tests.Shared;

public static class TestImages
{
    public static readonly IImage Alpine = new DockerImage("alpine:3.21.2");

    private static readonly IImage Socat = new DockerImage("alpine/socat:1.8.0.1");

    public static IImage Local { get; } = new DockerImage("localhost/shop", "latest", string.Empty);
}
"""

EXPECTED_IMAGES = """\
namespace Shop.Tests.Shared;

public sealed class BaseImagesTest
{
    [Fact]
    public void ListsBaseImages()
    {
        var expected = new[]
        {
            new DockerImage("mcr.microsoft.com/dotnet/sdk:9.0"),
        };
        IImage image = new DockerImage("mcr.microsoft.com/dotnet/runtime:9.0");
        Assert.Equivalent(expected, new[] { image });
    }
}
"""

IMAGE_USINGS = """\
global using DotNet.Testcontainers.Images;
global using Xunit;
"""

MOCK_BUILDER = """\
namespace Acme.Testcontainers.MockServer;

public sealed class MockServerBuilder : ContainerBuilder<MockServerBuilder, MockServerContainer, MockConfiguration>
{
    public const string MockServerImage = "mockserver/mockserver:5.15.0";

    public MockServerBuilder()
        : this(MockServerImage)
    {
    }

    public MockServerBuilder(string image)
        : this(new DockerImage(image))
    {
    }
}
"""

MAIL_BUILDER = """\
namespace Acme.Testcontainers.GreenMail;

public sealed class GreenMailBuilder : ContainerBuilder<GreenMailBuilder, GreenMailContainer, GreenMailConfiguration>
{
    public const string GreenMailImage = "greenmail/standalone:2.1.2";

    public GreenMailBuilder()
        : this(new DockerImage(GreenMailImage))
    {
    }
}
"""

MODULE_USINGS = """\
global using DotNet.Testcontainers.Builders;
global using DotNet.Testcontainers.Images;
"""

MOCK_TEST = """\
namespace Acme.Testcontainers.MockServer.Tests;

public sealed class MockServerTest
{
    private readonly MockServerContainer _defaulted = new MockServerBuilder().Build();

    private readonly GreenMailContainer _mail = new GreenMailBuilder("greenmail/standalone:2.1.3").Build();

    private readonly GreenMailContainer _other = new GreenMailBuilder().WithImage("greenmail/standalone:2.1.4").Build();
}
"""


def _rows(records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((r["file"], r["line"], r["kind"], r["reference"], r["status"]) for r in records)


def test_a_projects_global_usings_import_testcontainers_into_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "tests/Shop.Tests/Shop.Tests.csproj": PROJECT,
            "tests/Shop.Tests/GlobalUsings.cs": USINGS,
            "tests/Shop.Tests/OrdersTest.cs": ORDERS_TEST,
            "tests/Shop.Tests/Cache/CacheTest.cs": CACHE_TEST,
            "tests/Cache.Tests/Cache.Tests.csproj": USING_ITEM_PROJECT,
            "tests/Cache.Tests/CacheTest.cs": CACHE_TEST.replace("redis:7.4.1", "redis:7.2.6"),
            # a project without such usings: its builders are some other library's
            "tests/Other.Tests/Other.Tests.csproj": OTHER_PROJECT,
            "tests/Other.Tests/OtherTest.cs": CACHE_TEST.replace("redis:7.4.1", "mongo:7.0.14"),
        },
    )
    assert _rows(discover_records(tmp_path, monkeypatch, capsys)) == [
        ("tests/Cache.Tests/CacheTest.cs", 5, "C# source", "redis:7.2.6", "public"),
        ("tests/Shop.Tests/Cache/CacheTest.cs", 5, "C# source", "redis:7.4.1", "public"),
        ("tests/Shop.Tests/OrdersTest.cs", 5, "C# source", "postgres:16.4-alpine", "public"),
    ]


def test_a_shared_image_field_is_listed_but_not_an_array_of_expected_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "tests/Shop.Tests/Shop.Tests.csproj": PROJECT,
            "tests/Shop.Tests/Usings.cs": IMAGE_USINGS,
            "tests/Shop.Tests/Shared/TestImages.cs": SHARED_IMAGES,
            "tests/Shop.Tests/Shared/BaseImagesTest.cs": EXPECTED_IMAGES,
        },
    )
    assert _rows(discover_records(tmp_path, monkeypatch, capsys)) == [
        ("tests/Shop.Tests/Shared/TestImages.cs", 5, "C# source", "alpine:3.21.2", "public"),
        ("tests/Shop.Tests/Shared/TestImages.cs", 7, "C# source", "alpine/socat:1.8.0.1", "public"),
    ]


def test_a_builder_of_the_tree_started_without_an_image_starts_its_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "src/Acme.Testcontainers.MockServer/Acme.Testcontainers.MockServer.csproj": OTHER_PROJECT,
            "src/Acme.Testcontainers.MockServer/Usings.cs": MODULE_USINGS,
            "src/Acme.Testcontainers.MockServer/MockServerBuilder.cs": MOCK_BUILDER,
            "src/Acme.Testcontainers.GreenMail/Acme.Testcontainers.GreenMail.csproj": OTHER_PROJECT,
            "src/Acme.Testcontainers.GreenMail/Usings.cs": MODULE_USINGS,
            "src/Acme.Testcontainers.GreenMail/GreenMailBuilder.cs": MAIL_BUILDER,
            "tests/MockServer.Tests/MockServer.Tests.csproj": OTHER_PROJECT,
            "tests/MockServer.Tests/Usings.cs": MODULE_USINGS,
            "tests/MockServer.Tests/MockServerTest.cs": MOCK_TEST,
        },
    )
    # GreenMail's default is not listed: no source starts its builder without an image of its own
    assert _rows(discover_records(tmp_path, monkeypatch, capsys)) == [
        (
            "src/Acme.Testcontainers.MockServer/MockServerBuilder.cs",
            5,
            "C# source",
            "mockserver/mockserver:5.15.0",
            "public",
        ),
        ("tests/MockServer.Tests/MockServerTest.cs", 7, "C# source", "greenmail/standalone:2.1.3", "public"),
        ("tests/MockServer.Tests/MockServerTest.cs", 9, "C# source", "greenmail/standalone:2.1.4", "public"),
    ]
