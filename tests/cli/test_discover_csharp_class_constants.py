"""C# string constants of another class of the tree (`CacheContainerImageTags.Image`, in the file of the class's name)
joined into an image the way an Aspire hosting integration's builder method joins registry, image and tag
(`.WithImage(Tags.Image, Tags.Tag).WithImageRegistry(Tags.Registry)`, `new ContainerImageAnnotation { Registry = ...,
Image = ..., Tag = ... }`), and a Testcontainers builder's interpolated `$"{Images.Registry}/{Images.Postgres}"`;
a builder method given its image as a parameter, a private constant and a class declared in two files with
different values add nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_TAGS = """\
namespace Acme.Hosting.Cache;

internal static class CacheContainerImageTags
{
    /// <remarks>docker.io</remarks>
    public const string Registry = "docker.io";

    public const string Image = "library/redis";

    public const string Tag = "7.4";

    public const string InsightImage = "redis/redisinsight";

    public const string InsightTag = "2.70";

    private const string Hidden = "acme/hidden";
}
"""

_EXTENSIONS = """\
namespace Acme.Hosting;

public static class CacheBuilderExtensions
{
    /// Defaults to the <inheritdoc cref="CacheContainerImageTags.Tag"/> tag.
    public static IResourceBuilder<CacheResource> AddCache(this IDistributedApplicationBuilder builder, string name)
    {
        var cache = new CacheResource(name);
        return builder.AddResource(cache)
            .WithEndpoint(targetPort: 6379, name: "tcp")
            .WithImage(CacheContainerImageTags.Image, CacheContainerImageTags.Tag)
            .WithImageRegistry(CacheContainerImageTags.Registry);
    }

    public static IResourceBuilder<CacheResource> WithInsight(this IResourceBuilder<CacheResource> builder)
    {
        builder.ApplicationBuilder.AddResource(new InsightResource("insight"))
            .WithImage(CacheContainerImageTags.InsightImage)
            .WithImageTag(CacheContainerImageTags.InsightTag);
        return builder;
    }

    public static IResourceBuilder<T> WithOther<T>(this IResourceBuilder<T> builder, string image)
        where T : ContainerResource => builder.WithImage(image).WithImage(CacheContainerImageTags.Hidden);
}
"""

_EMULATOR_TAGS = """\
internal static class QueueEmulatorContainerImageTags
{
    public const string Registry = "mcr.microsoft.com";
    public const string Image = "acme-messaging/queue-emulator";
    public const string Tag = "1.2.0";
    public const string PreviewTag = "2.0.0-preview";
}
"""

_EMULATOR = """\
public static class QueueExtensions
{
    public static IResourceBuilder<QueueResource> AddQueue(this IDistributedApplicationBuilder builder, string name)
        => builder.AddResource(new QueueResource(name));

    public static IResourceBuilder<QueueResource> RunAsEmulator(
        this IResourceBuilder<QueueResource> builder, bool preview)
    {
        builder.WithAnnotation(new ContainerImageAnnotation
        {
            Registry = QueueEmulatorContainerImageTags.Registry,
            Image = QueueEmulatorContainerImageTags.Image,
            Tag = preview ? QueueEmulatorContainerImageTags.PreviewTag : QueueEmulatorContainerImageTags.Tag
        });
        return builder;
    }
}
"""

_IMAGES = """\
public static class TestImages
{
    public const string Registry = "ghcr.io";
    public const string Postgres = "acme/postgres-test:16.4";
}
"""

_FIXTURE = """\
using Testcontainers.PostgreSql;

public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgreSqlContainer? _container;

    public async Task InitializeAsync()
    {
        _container = new PostgreSqlBuilder()
            .WithImage($"{TestImages.Registry}/{TestImages.Postgres}")
            .Build();
        await _container.StartAsync();
    }
}
"""

_TWICE_A = 'public static class Pinned { public const string Image = "acme/one:1"; }\n'
_TWICE_B = 'public static class Pinned { public const string Image = "acme/two:2"; }\n'

_TWICE_USER = """\
public static class PinnedExtensions
{
    public static IResourceBuilder<PinnedResource> AddPinned(this IDistributedApplicationBuilder builder, string name)
        => builder.AddResource(new PinnedResource(name)).WithImage(Pinned.Image);
}
"""


def test_constants_of_another_class_joined_into_an_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "src/Acme.Hosting.Cache/CacheContainerImageTags.cs": _TAGS,
        "src/Acme.Hosting.Cache/CacheBuilderExtensions.cs": _EXTENSIONS,
        "src/Acme.Hosting.Queue/QueueEmulatorContainerImageTags.cs": _EMULATOR_TAGS,
        "src/Acme.Hosting.Queue/QueueExtensions.cs": _EMULATOR,
        "tests/Acme.Tests/TestImages.cs": _IMAGES,
        "tests/Acme.Tests/PostgresFixture.cs": _FIXTURE,
        "src/A/Pinned.cs": _TWICE_A,
        "src/B/Pinned.cs": _TWICE_B,
        "src/Acme.Hosting.Pinned/PinnedExtensions.cs": _TWICE_USER,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    got = sorted((file, line, reference, status) for file, line, kind, use, reference, status in rows)
    assert got == [
        ("src/Acme.Hosting.Cache/CacheBuilderExtensions.cs", 11, "redis:7.4", "public"),
        ("src/Acme.Hosting.Cache/CacheBuilderExtensions.cs", 18, "redis/redisinsight:2.70", "public"),
        (
            "src/Acme.Hosting.Queue/QueueExtensions.cs",
            12,
            "mcr.microsoft.com/acme-messaging/queue-emulator:1.2.0",
            "public",
        ),
        (
            "src/Acme.Hosting.Queue/QueueExtensions.cs",
            12,
            "mcr.microsoft.com/acme-messaging/queue-emulator:2.0.0-preview",
            "public",
        ),
        ("tests/Acme.Tests/PostgresFixture.cs", 10, "ghcr.io/acme/postgres-test:16.4", "public"),
    ]


_PROPERTY_TAGS = """\
internal static class SearchEmulatorContainerImageTags
{
    /// <remarks>mcr.microsoft.com</remarks>
    public static string Registry { get; } = "mcr.microsoft.com";

    public static string Image { get; } = "acme-search/search-emulator";

    public static string Tag { get; set; } = "latest";
}
"""

_PROPERTY_USER = """\
public static class SearchExtensions
{
    public static IResourceBuilder<SearchResource> RunAsEmulator(this IResourceBuilder<SearchResource> builder)
    {
        builder.WithAnnotation(new ContainerImageAnnotation
        {
            Registry = SearchEmulatorContainerImageTags.Registry,
            Image = SearchEmulatorContainerImageTags.Image,
        });
        builder.WithImage(SearchEmulatorContainerImageTags.Image, SearchEmulatorContainerImageTags.Tag);
        return builder;
    }
}
"""


def test_a_get_only_static_property_is_a_constant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`public static string Registry { get; } = "..."` cannot be set again, so it holds its initializer; a property
    with a setter (`{ get; set; }`) may be set anywhere, and is not read."""
    tree = {
        "src/Acme.Hosting.Search/SearchEmulatorContainerImageTags.cs": _PROPERTY_TAGS,
        "src/Acme.Hosting.Search/SearchExtensions.cs": _PROPERTY_USER,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    got = sorted((file, line, reference, status) for file, line, kind, use, reference, status in rows)
    assert got == [
        (
            "src/Acme.Hosting.Search/SearchExtensions.cs",
            8,
            "mcr.microsoft.com/acme-search/search-emulator:latest",
            "public",
        ),
    ]
