"""The base images Aspire's generated Dockerfiles build from: an integration's `new DockerfileBaseImageAnnotation {
BuildImage = ..., RuntimeImage = ... }` and an app host's `.WithDockerfileBaseImage(buildImage: ..., runtimeImage:
...)`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_BASE_IMAGES = """\
public static class BunExtensions
{
    public static IResourceBuilder<JsAppResource> WithBun(this IResourceBuilder<JsAppResource> resource)
    {
        resource.WithAnnotation(new DockerfileBaseImageAnnotation
        {
            BuildImage = "oven/bun:1",
        });
        return resource;
    }
}
"""

_BASE_IMAGE_HOST = """\
var builder = DistributedApplication.CreateBuilder(args);

builder.AddViteApp("frontend", "../frontend")
    .WithDockerfileBaseImage(buildImage: "node:22-bookworm", runtimeImage: "nginx:1.27-alpine");
builder.AddNodeApp("api", "../api").WithDockerfileBaseImage(runtimeImage: image);

builder.Build().Run();
"""


def test_the_base_images_of_a_generated_dockerfile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Aspire generates a Dockerfile for an app it publishes, from a build and a runtime base image an integration
    sets (`new DockerfileBaseImageAnnotation { BuildImage = "oven/bun:1" }`) or an app host chooses
    (`.WithDockerfileBaseImage(buildImage: ..., runtimeImage: ...)`): each literal is read at its line; a name not
    bound in the file is not known."""
    tree = {"src/Acme.Hosting.Bun/BunExtensions.cs": _BASE_IMAGES, "src/Shop.AppHost/Program.cs": _BASE_IMAGE_HOST}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    got = sorted((file, line, reference, status) for file, line, kind, use, reference, status in rows)
    assert got == [
        ("src/Acme.Hosting.Bun/BunExtensions.cs", 7, "oven/bun:1", "public"),
        ("src/Shop.AppHost/Program.cs", 4, "nginx:1.27-alpine", "public"),
        ("src/Shop.AppHost/Program.cs", 4, "node:22-bookworm", "public"),
    ]


_PUBLISH_TEST = """\
public class AddNodeAppTests
{
    /// <example>
    /// builder.AddNodeApp("api", "../api").WithDockerfileBaseImage(buildImage: "node:doc-example");
    /// </example>
    [Fact]
    public async Task DockerfileHasCustomBaseImage()
    {
        using var builder = DistributedApplicationTestingBuilder.Create(DistributedApplicationOperation.Publish);
        var app = builder.AddNodeApp("js", "js", "app.js")
            .WithDockerfileBaseImage("node:22-custom-build", "node:22-custom-run");
        await ManifestUtils.GetManifest(app.Resource, "out");
        Assert.Contains("FROM node:22-custom-build", File.ReadAllText("out/js.Dockerfile"));
        await builder.Build().RunAsync();
    }
}
"""


def test_a_test_s_base_images_and_a_comment_s_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A test file's base images only shape the Dockerfile Aspire writes, which the test compares as text (no
    image is built from it), and a base image in a comment is an example: neither is read."""
    assert tree_rows({"tests/Js.Tests/AddNodeAppTests.cs": _PUBLISH_TEST}, tmp_path, monkeypatch, capsys) == []
