"""Testcontainers for .NET: the literal images C# tests start (builders given the image, `.WithImage("...")`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import language_of, mentions_testcontainers, started_images

CSHARP = """\
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Testcontainers.K3s;
using Testcontainers.PostgreSql;

namespace Shop.Tests.Fixtures;

public sealed class ClusterFixture : IAsyncLifetime
{
    public K3sContainer Cluster { get; } = new K3sBuilder("rancher/k3s:v1.31.2-k3s1")
        .WithName($"{nameof(ClusterFixture)}-{Guid.NewGuid()}")
        .Build();

    private readonly PostgreSqlContainer _db = new PostgreSqlBuilder()
        .WithImage("postgres:16.4-alpine")
        .WithDatabase("orders")
        .Build();

    private readonly IContainer _cache = new ContainerBuilder().WithImage(@"redis:7.4").Build();
    private readonly IContainer _queue = new ContainerBuilder(image: "rabbitmq:3.13-management").Build();
    private readonly PostgreSqlContainer _defaulted = new PostgreSqlBuilder().Build();
    private readonly IContainer _named = new ContainerBuilder().WithImage(ImageName).Build();
    private readonly IContainer _templated = new ContainerBuilder().WithImage($"nginx:{Tag}").Build();
    private readonly string _banner = new StringBuilder("hello").ToString();
    // private readonly IContainer _old = new ContainerBuilder("mongo:4.4").Build();
}
"""


def _images(text: str, origin: str) -> list[tuple[str, int | None]]:
    return [(item.text, item.line) for item in started_images(text, origin)]


def test_csharp_builders_given_the_image_and_with_image() -> None:
    assert _images(CSHARP, "tests/Shop.Tests/Fixtures/ClusterFixture.cs") == [
        ("rancher/k3s:v1.31.2-k3s1", 11),
        ("postgres:16.4-alpine", 16),
        ("redis:7.4", 20),
        ("rabbitmq:3.13-management", 21),
    ]


def test_csharp_use_names_the_language() -> None:
    item = started_images(CSHARP, "ClusterFixture.cs")[0]
    assert (item.use, item.kind, item.problem) == ("testcontainers", "C# source", None)


def test_csharp_files_are_read_only_when_they_use_testcontainers() -> None:
    assert language_of("Fixture.cs") == "C#"
    unrelated = CSHARP.replace("using DotNet.Testcontainers", "using Other").replace("using Testcontainers", "using X")
    assert started_images(unrelated, "a.cs") == []
    core_only = CSHARP.replace("using Testcontainers", "using Other")
    assert _images(core_only, "a.cs")[:1] == [("rancher/k3s:v1.31.2-k3s1", 11)]
    assert _images('global using Testcontainers.Redis;\nvar r = new RedisBuilder("redis:7.2");\n', "U.cs") == [
        ("redis:7.2", 2)
    ]
    mention = '// like Testcontainers\nvar c = new ContainerBuilder("redis:7").Build();\n'
    assert started_images(mention, "Notes.cs") == []


def test_the_byte_mark_finds_both_spellings() -> None:
    assert mentions_testcontainers(b"using Testcontainers.K3s;")
    assert mentions_testcontainers(b'import "github.com/testcontainers/testcontainers-go"')
    assert not mentions_testcontainers(b"using Xunit;")


UNIT_TEST = """\
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

public sealed class ImageNameSubstitutionTest
{
    [Fact]
    public void SubstitutesTheImageName()
    {
        IContainer container = new ContainerBuilder("bar:1.0.0")
            .Build();
        Assert.Equal("registry.example.com/mirror/bar:1.0.0", container.Image.FullName);
    }

    [Fact]
    public void KeepsTheImageName()
    {
        const string imageName = "foo/bar:latest";
        var container = new ContainerBuilder(imageName).Build();
        Assert.Equal(imageName, container.Image.FullName);
    }

    [Fact]
    public async Task PullsTheDigest()
    {
        const string digest = "alpine@sha256:3451da08fc6ef554a100da3e2df5ac6d598c82f2a774d5f6ed465c3d80cd163a";
        await using var started = new ContainerBuilder(digest).Build();
        await started.StartAsync();
        Assert.Equal("alpine", started.Image.Repository);
    }

    [Fact]
    public void ReadsTheHost()
    {
        var endpoint = new UriBuilder("tcp", "localhost", 2376).Uri;
        var address = new UriBuilder("localhost").Uri;
    }
}
"""


def test_csharp_a_container_built_only_to_compare_its_image_name_is_not_listed() -> None:
    # a container the file never starts, whose image name an assertion compares, names an image under test; a
    # `UriBuilder` (or any builder given more than one argument) is no Testcontainers builder
    assert _images(UNIT_TEST, "tests/Unit/ImageNameSubstitutionTest.cs") == [
        ("alpine@sha256:3451da08fc6ef554a100da3e2df5ac6d598c82f2a774d5f6ed465c3d80cd163a", 25),
    ]
