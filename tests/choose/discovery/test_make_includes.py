"""The assignments a Makefile shares with the makefiles of its make run, appended after its own lines: its own
value of a name wins, recipes and multi-word values are not copied, and a path with a variable is not followed."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.make_includes import with_included_values

SCRIPTS = {
    "Makefile": "include build/*.mk $(EXTRA)/x.mk\nIMG ?= acme/app:local\n\nrun:\n\tdocker run $(IMG) $(FLAGS)\n",
    "build/vars.mk": "IMG ?= acme/app:from-include\nFLAGS := --one --two\nBASE = alpine:3.21\n\tTARGET=x\n",
    "build/pull.mk": "pull:\n\tdocker pull $(BASE)\n",
    "ci.sh": "docker run $(BASE)\n",
}


def test_the_other_files_of_the_run_give_their_one_word_assignments() -> None:
    shared = with_included_values(SCRIPTS)
    assert shared["Makefile"] == SCRIPTS["Makefile"] + "BASE = alpine:3.21\n"
    # two files of the run assign IMG: both lines, so that the name has no value that can be known there
    assert shared["build/pull.mk"] == SCRIPTS["build/pull.mk"] + (
        "IMG ?= acme/app:local\nIMG ?= acme/app:from-include\nBASE = alpine:3.21\n"
    )
    assert shared["ci.sh"] == SCRIPTS["ci.sh"]


def test_an_included_value_resolves_the_pull_at_its_own_line() -> None:
    shared = with_included_values(SCRIPTS)
    assert [(item.text, item.line, item.problem) for item in docker_runs(shared["build/pull.mk"], "build/pull.mk")] == [
        ("alpine:3.21", 2, None)
    ]


def test_two_included_files_that_disagree_leave_the_name_without_a_value() -> None:
    scripts = {
        "Makefile": "include a.mk b.mk\nrun:\n\tdocker run $(IMG)\n",
        "a.mk": "IMG ?= acme/a:1\n",
        "b.mk": "IMG ?= acme/b:1\n",
    }
    [item] = docker_runs(with_included_values(scripts)["Makefile"], "Makefile")
    assert item.text == "$(IMG)"
    assert item.problem is not None and "two values" in item.problem
