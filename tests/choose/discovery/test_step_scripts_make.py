"""What `make` reaches and what the env gives a file, at their edges: the default goal after special targets, a
Makefile without one, recipe lines around blank and comment lines, a tab line before any rule, prerequisites that
are missing, sub-makes of another directory, the 64-target limit; env values that cannot be given, `export NAME ?=`,
`: ${NAME:=...}` in a recipe, names appended to a text without a last newline."""

from __future__ import annotations

from ecr_mirror.choose.discovery.step_scripts import make_reach, with_env

MAKEFILE = """\
\tdocker pull before/any:rule
.PHONY: all
all: missing build

build:
\t./one.sh

\t./two.sh
# a comment at the line's start
\t./three.sh
  # an indented comment
\t./four.sh
\t$(MAKE) -C sub other
\t$(MAKE) images
x = 1
\t./after-assignment.sh

images:
\t./images.sh
"""


def test_the_default_goal_and_the_lines_of_its_recipes() -> None:
    assert make_reach(MAKEFILE, ()) == (
        {6, 8, 10, 12, 13, 14, 19},
        ["one.sh", "two.sh", "three.sh", "four.sh", "images.sh"],
    )


def test_the_default_goal_is_the_first_target_not_starting_with_a_dot() -> None:
    assert make_reach(".PHONY: other\nfirst:\n\t./first.sh\nother:\n\t./other.sh\n", ()) == ({3}, ["first.sh"])


def test_makefiles_without_a_goal() -> None:
    assert make_reach("", ()) == (set(), [])
    assert make_reach(".PHONY: x\n.DEFAULT:\n\t./x.sh\n", ()) == (set(), [])


def test_at_most_sixty_four_targets() -> None:
    chain = "".join(f"t{n}: t{n + 1}\n\t./s{n}.sh\n" for n in range(70))
    lines, scripts = make_reach(chain, ("t0",))
    assert scripts == [f"s{n}.sh" for n in range(64)]
    assert lines == {2 * n + 2 for n in range(64)}


def test_env_values_that_cannot_be_given_and_export_in_a_makefile() -> None:
    text = "export IMG ?= old\nrun:\n\t: ${TAG:=1}\n\tdocker run $(IMG):$(TAG)"
    env = {"A": "has space", "IMG": "acme/app", "TAG": "2", "Z": "last"}
    assert with_env(text, env, makefile=True) == (
        "export IMG ?= acme/app\nrun:\n\t: ${TAG:=1}\n\tdocker run $(IMG):$(TAG)\nTAG = 2\nZ = last\n"
    )


def test_names_appended_to_a_script_with_and_without_a_last_newline() -> None:
    assert with_env("docker run $A:$B", {"A": "x", "B": "1"}, makefile=False) == "docker run $A:$B\nA=x\nB=1\n"
    assert with_env("docker run $A\n", {"A": "x"}, makefile=False) == "docker run $A\nA=x\n"
