"""local_builds' edges: which multi-platform builds only push (options in each spelling, a package.json script's
quote, loads beside pushes, malformed options), commands sharing a line, PowerShell and commented lines."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.local_builds import local_builds

MULTI = "--platform linux/amd64,linux/arm64"


def _names(text: str, origin: str = "Makefile") -> list[str]:
    return [build.name for build in local_builds(text, origin)]


def test_push_and_output_options_in_each_spelling() -> None:
    lines = [
        "docker buildx build -t acme/last-platform:1 --push . --platform linux/amd64,linux/arm64",
        f"docker buildx build {MULTI} -t acme/glued:2 -otype=registry .",
        f'docker buildx build {MULTI} -t acme/spaced:3 -o "type = registry" .',
        f"docker buildx build {MULTI} -t acme/loads:4 --push --output type=docker .",
        f"docker buildx build {MULTI} -t acme/dangling:5 --push -o",
        "docker buildx build --platform= --platform linux/arm64 -t acme/one-platform:6 --push .",
    ]
    assert _names("\n".join(lines) + "\n") == ["acme/loads:4", "acme/one-platform:6"]


def test_a_package_json_script_whose_push_ends_the_string() -> None:
    text = (
        '{\n  "scripts": {\n'
        f'    "release": "docker buildx build {MULTI} -t acme/pushed:1 . --push",\n'
        f'    "local": "docker buildx build {MULTI} -t acme/loaded:2 . --load"\n'
        "  }\n}\n"
    )
    assert _names(text, "package.json") == ["acme/loaded:2"]


def test_a_build_after_another_command_on_its_line() -> None:
    text = (
        'echo "docker build -t x ." && docker build -t acme/after-echo:1 .\n'
        f"docker buildx build {MULTI} --push -t acme/pushed:1 . && docker build -t acme/after-push:2 .\n"
        "podman bud -t acme/bud:3 .\n"
        "#docker build -t acme/commented:4 .\n"
        "  # docker build -t acme/indented-comment:5 .\n"
    )
    assert [(b.name, b.line, b.how) for b in local_builds(text, "build.sh")] == [
        ("acme/after-echo:1", 1, "docker build -t"),
        ("acme/after-push:2", 2, "docker build -t"),
        ("acme/bud:3", 3, "podman bud -t"),
    ]


def test_powershell_continuations_and_shell_backquotes() -> None:
    assert [(b.name, b.line) for b in local_builds("docker build `\n  -t acme/ps:1 .\n", "build.ps1")] == [
        ("acme/ps:1", 1)
    ]
    text = "docker build -t acme/x:1 --build-arg V=`git describe`\ndocker build -t acme/y:2 .\n"
    assert [(b.name, b.line) for b in local_builds(text, "build.sh")] == [("acme/x:1", 1), ("acme/y:2", 2)]


def test_a_pushed_build_of_a_variable_name_is_still_the_trees_own_image() -> None:
    text = f"push:\n\tdocker buildx build {MULTI} --push -t $(APP) .\n\tdocker run --rm $(APP) --version\n"
    assert docker_runs(text, "Makefile") == []


def test_a_multi_platform_build_without_an_output_keeps_no_local_image() -> None:
    # a Buildx builder keeps the result of a build given no output in its cache only; the classic image store holds
    # one platform (a release target building first, then pushing in the next target)
    text = (
        "image:\n"
        f"\tdocker buildx build -t acme/app:main {MULTI} .\n"
        f"\tdocker buildx build -t acme/tarball:1 {MULTI} --output type=oci,dest=app.tar .\n"
        f"\tdocker buildx build -t acme/loaded:2 {MULTI} --load .\n"
        "\tdocker buildx build -t acme/single:3 --platform linux/amd64 .\n"
    )
    assert _names(text) == ["acme/loaded:2", "acme/single:3"]
