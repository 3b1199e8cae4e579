"""An Aspire unit test file that builds an application model and never runs or starts it (`builder.Build()` then
inspecting annotations, `[Fact]` tests with no `.StartAsync()`/`.RunAsync()`/`.Run()`) pulls nothing: its
`AddContainer` images are read only where the file also runs an application."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_MODEL_ONLY = """\
public class ContainerAnnotationTests
{
    [Fact]
    public void AddContainerSetsImage()
    {
        var builder = DistributedApplication.CreateBuilder();
        builder.AddContainer("web", "placeholder-image", "nightly");
        using var app = builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        Assert.Single(model.Resources);
    }
}
"""

_STARTED = """\
public class WaitTests
{
    [Fact]
    public async Task ContainerStarts()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddContainer("web", "mcr.microsoft.com/cbl-mariner/base/nginx", "1.22");
        using var app = builder.Build();
        await app.StartAsync();
    }
}
"""


def test_a_test_file_that_never_starts_its_app_pulls_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "tests/Hosting.Tests/ContainerAnnotationTests.cs": _MODEL_ONLY,
        "tests/Hosting.Tests/WaitTests.cs": _STARTED,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    got = sorted((file, line, use, reference, status) for file, line, kind, use, reference, status in rows)
    assert got == [
        (
            "tests/Hosting.Tests/WaitTests.cs",
            7,
            "Aspire container",
            "mcr.microsoft.com/cbl-mariner/base/nginx:1.22",
            "public",
        ),
    ]


_BUILT = """\
var builder = DistributedApplication.CreateBuilder(args);

builder.AddContainer("qots", "qots-image")
    .WithDockerfile("qots")
    .WithBuildArg("GO_VERSION", "1.23");

builder.AddContainer("generated", "generated-image")
    .WithDockerfileFactory("gen", context => "FROM alpine:3.20\\n");

builder.AddContainer("web", "nginx", "1.27-alpine")
    .WithDockerfileBaseImage(runtimeImage: "nginx:1.27-alpine");

builder.Build().Run();
"""


def test_a_container_built_from_a_dockerfile_pulls_no_image_of_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`AddContainer(name, image).WithDockerfile(context)` (or `.WithDockerfileFactory(...)`) builds the image from
    the Dockerfile and tags it with `image`: nothing of that name is pulled; `.WithDockerfileBaseImage(...)` only
    changes a generated Dockerfile's base (read at its own line), and the container's image is still read."""
    rows = tree_rows({"src/Shop.AppHost/Program.cs": _BUILT}, tmp_path, monkeypatch, capsys)
    got = sorted((file, line, reference, status) for file, line, kind, use, reference, status in rows)
    assert got == [
        ("src/Shop.AppHost/Program.cs", 10, "nginx:1.27-alpine", "public"),
        ("src/Shop.AppHost/Program.cs", 11, "nginx:1.27-alpine", "public"),  # the generated Dockerfile's base
    ]


_NOT_STARTED = """\
public class OrchestratorTests
{
    [Fact]
    public async Task ParentStateIsPropagated()
    {
        var builder = DistributedApplication.CreateBuilder();
        builder.AddContainer("parent", "parent-image");
        // the orchestrator is driven by hand here; no app.StartAsync() is called
        var watch = Task.Run(async () => await WatchAsync());
        await watch;
    }
}
"""

_ANALYZER = '''\
public class EndpointNameAnalyzerTests
{
    [Fact]
    public async Task InvalidEndpointName()
    {
        var test = AnalyzerTest.Create<AppHostAnalyzer>("""
            var builder = DistributedApplication.CreateBuilder(args);
            builder.AddContainer("container", "analyzed-image");
            builder.Build().Run();
            """);
        await test.RunAsync();
    }
}
'''


def test_a_task_run_a_comment_or_code_in_a_raw_string_starts_no_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Task.Run(...)` runs a task, not an application, and a `.StartAsync()` in a comment runs nothing; a C# raw
    string literal (`\"\"\"...\"\"\"`) holds source an analyzer test compiles, never runs: its `AddContainer` calls are
    not read."""
    tree = {"tests/Hosting.Tests/OrchestratorTests.cs": _NOT_STARTED, "tests/Analyzers/EndpointNameTests.cs": _ANALYZER}
    assert tree_rows(tree, tmp_path, monkeypatch, capsys) == []
