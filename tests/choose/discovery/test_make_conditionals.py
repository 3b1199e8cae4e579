"""A make variable given one value in each branch of a conditional (`ifeq ... else ifeq ... endif`) takes each of
them in some run of make (a version the CI matrix or the developer passes picks the branch): a command naming it
pulls each value once, at the command's line. Values that are not in branches of one conditional (a name assigned
twice in a row, or at the top and again in a branch) still have none that can be known."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.kubectl import kubectl_images
from ecr_mirror.choose.discovery.make_conditionals import branches
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


def test_a_shell_scripts_else_is_not_a_make_conditional_but_the_scripts_own_branch() -> None:
    """make's reader leaves a script's `if`/`else` alone; the script's own (shell_conditionals.py) reads each branch."""
    text = 'if [ -n "$ARM" ]; then\n  IMG=acme/a-arm64:1\nelse\n  IMG=acme/a:1\nfi\ndocker run "$IMG"\n'
    assert branches(text) == [()] * 6
    assert [(item.text, item.problem) for item in docker_runs(text, "ci/run.sh")] == [
        ("acme/a-arm64:1", None),
        ("acme/a:1", None),
    ]


def test_names_set_in_one_branch_are_read_together() -> None:
    """Two names set in each branch of one chain take the values of the same branch in a run: the repository of
    one branch is never joined to the tag of the other."""
    text = (
        "ifeq ($(ARCH),arm64)\nBASE_REPO=arm64v8/alpine\nBASE_TAG=3.19\nelse\nBASE_REPO=amd64/alpine\nBASE_TAG=3.18\n"
        "endif\nrun:\n\tdocker run --rm $(BASE_REPO):$(BASE_TAG) true\n"
    )
    assert [item.text for item in docker_runs(text, "Makefile")] == ["arm64v8/alpine:3.19", "amd64/alpine:3.18"]


def test_names_of_two_conditionals_are_read_in_every_combination() -> None:
    text = (
        "ifeq ($(ARCH),arm64)\nREPO=arm64v8/alpine\nelse\nREPO=amd64/alpine\nendif\n"
        "ifdef OLD\nTAG=3.18\nelse\nTAG=3.19\nendif\nrun:\n\tdocker run $(REPO):$(TAG)\n"
    )
    assert [item.text for item in docker_runs(text, "Makefile")] == [
        "arm64v8/alpine:3.18",
        "arm64v8/alpine:3.19",
        "amd64/alpine:3.18",
        "amd64/alpine:3.19",
    ]


def test_a_long_chain_of_branches_leaves_the_name_unknown() -> None:
    """A name with more values than are read each (thousands of branches) stays unknown (the reader also stops
    comparing its assignments pair by pair past 64 of them: how long that takes is the benchmark's business)."""
    chain = "ifeq ($(X),0)\nIMG=i0:1\n" + "".join(f"else ifeq ($(X),{i})\nIMG=i{i}:1\n" for i in range(1, 5000))
    [item] = docker_runs(chain + "endif\nrun:\n\tdocker run $(IMG)\n", "Makefile")
    assert item.problem is not None and "two values" in item.problem


def test_a_name_without_a_value_in_the_branch_read_stays_unknown() -> None:
    text = (
        "ifeq ($(V),1)\nREPO=acme/x\nTAG=1\nelse ifeq ($(V),2)\nTAG=2\nelse\nREPO=acme/y\nendif\n"
        "run:\n\tdocker run $(REPO):$(TAG)\n"
    )
    found = {item.text: item.problem for item in docker_runs(text, "Makefile")}
    assert found.keys() == {"acme/x:1", "$(REPO):$(TAG)"} and found["acme/x:1"] is None
    assert "two values" in str(found["$(REPO):$(TAG)"])
