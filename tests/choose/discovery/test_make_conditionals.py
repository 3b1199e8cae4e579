"""A make variable given one value in each branch of a conditional (`ifeq ... else ifeq ... endif`) takes each of
them in some run of make (a version the CI matrix or the developer passes picks the branch): a command naming it
pulls each value once, at the command's line. Values that are not in branches of one conditional (a name assigned
twice in a row, or at the top and again in a branch) still have none that can be known."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.kubectl import kubectl_images
from ecr_mirror.choose.discovery.make_includes import with_included_values

DIGEST = "@sha256:" + "0f" * 32

VERSIONS = (
    "# set by CI through the environment\n"
    "K8S_VERSION ?= 1.32.2\n"
    "ifeq ($(K8S_VERSION), 1.32.2)\n"
    f"\tNODE_IMAGE=kindest/node:v1.32.2{DIGEST}\n"
    "else ifeq ($(K8S_VERSION), 1.31.6)\n"
    "\tNODE_IMAGE=kindest/node:v1.31.6\n"
    "else\n"
    "  NODE_IMAGE := kindest/node:v1.30.10\n"
    "endif\n"
)


def _listed(found: list) -> list[tuple[str, int, str | None]]:  # type: ignore[type-arg]
    return [(item.text, item.line, item.problem) for item in found]


def test_each_branch_of_a_conditional_gives_the_variable_one_value() -> None:
    text = VERSIONS + "\ncluster:\n\tkind create cluster --image $(NODE_IMAGE)\n\tdocker pull $(NODE_IMAGE)\n"
    expected = [f"kindest/node:v1.32.2{DIGEST}", "kindest/node:v1.31.6", "kindest/node:v1.30.10"]
    assert _listed(kubectl_images(text, "Makefile")) == [(image, 12, None) for image in expected]
    assert _listed(docker_runs(text, "Makefile")) == [(image, 13, None) for image in expected]


def test_the_branches_of_an_included_makefile_are_read_where_it_is_included() -> None:
    scripts = {
        "versions.mk": VERSIONS,
        "test/e2e/Makefile": (
            "include ../../versions.mk\n\nstart:\n\tkind create cluster --name e2e --image $(NODE_IMAGE)\n"
        ),
    }
    found = kubectl_images(with_included_values(scripts)["test/e2e/Makefile"], "test/e2e/Makefile")
    assert [(item.text, item.line) for item in found] == [
        (f"kindest/node:v1.32.2{DIGEST}", 4),
        ("kindest/node:v1.31.6", 4),
        ("kindest/node:v1.30.10", 4),
    ]


def test_values_outside_the_branches_of_one_conditional_stay_unknown() -> None:
    twice = "IMG = acme/a:1\nIMG = acme/b:1\nrun:\n\tdocker run $(IMG)\n"
    top_and_branch = "IMG ?= acme/a:1\nifdef ARM\nIMG = acme/a-arm64:1\nendif\nrun:\n\tdocker run $(IMG)\n"
    for text in (twice, top_and_branch):
        [item] = docker_runs(text, "Makefile")
        assert item.text == "$(IMG)" and item.problem is not None and "two values" in item.problem


def test_a_shell_scripts_else_is_not_a_make_conditional() -> None:
    text = 'if [ -n "$ARM" ]; then\n  IMG=acme/a-arm64:1\nelse\n  IMG=acme/a:1\nfi\ndocker run "$IMG"\n'
    [item] = docker_runs(text, "ci/run.sh")
    assert item.problem is not None and "two values" in item.problem
