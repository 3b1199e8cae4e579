"""make_conditionals' edges: which lines of an included makefile are shared (`shared_lines`: recipes, blank and
comment lines inside them, nested conditionals, directives holding no assignment), chains told apart, and shell
variables that happen to be named like a directive."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.make_conditionals import assigned_names, shared_lines


def _listed(text: str, origin: str = "Makefile") -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in docker_runs(text, origin)]


def _two_values(name: str, line: int, shown: str = "acme/a:1, acme/b:1") -> tuple[str, int, str]:
    why = f"${name} is assigned two values in this file ({shown}): which one runs is not known"
    return (f"$({name})" if name.isupper() else f"${name}", line, why)


def test_a_conditional_first_in_the_file_shares_its_tab_indented_assignment() -> None:
    text = (
        "ifeq ($(A),1)\n"
        "\tIMG = acme/a:1\n"
        "$(info reading A)\n"
        "OWN = acme/own:1\n"
        "endif\n"
        "ifdef B\n"
        "FLAGS += -g\n"
        "endif\n"
        "  TOP = indented\n"
        "LATE = acme/late:1\n"
    )
    assert shared_lines(text, ("OWN",)) == ["ifeq ($(A),1)", "\tIMG = acme/a:1", "endif", "LATE = acme/late:1"]


def test_nested_conditionals_are_kept_whole_around_an_inner_assignment() -> None:
    text = "VERSION = 1\nifdef A\nifdef B\nifdef C\nIMG = x\nendif\nendif\nendif\n  TOP = y\nOWN = z\n"
    expected = ["VERSION = 1", "ifdef A", "ifdef B", "ifdef C", "IMG = x", "endif", "endif", "endif"]
    assert shared_lines(text, ("OWN",)) == expected
    two = "ifdef A\nifdef B\nIMG = x\nendif\nendif\n  TOP = y\n"
    assert shared_lines(two, ()) == ["ifdef A", "ifdef B", "IMG = x", "endif", "endif"]


def test_a_recipe_goes_on_past_blank_and_comment_lines_and_ends_at_an_assignment() -> None:
    text = (
        "ifdef A\n"
        "build:\n"
        "\techo building\n"
        "\tIN_RECIPE = 1\n"
        "\n"
        "\tAFTER_BLANK = 1\n"
        "# a note\n"
        "\tAFTER_COMMENT = 1\n"
        "  # an indented note\n"
        "\tAFTER_INDENTED_COMMENT = 1\n"
        "IMG = x\n"
        "\tAFTER_ASSIGNMENT = 1\n"
        "endif\n"
        "run:\n"
        "\tRECIPE = 2\n"
        "LAST = 3\n"
    )
    assert shared_lines(text, ()) == ["ifdef A", "IMG = x", "\tAFTER_ASSIGNMENT = 1", "endif", "LAST = 3"]
    assert assigned_names(text) == {"IMG", "AFTER_ASSIGNMENT", "LAST"}


def test_values_in_two_separate_conditionals_are_not_branches_of_one() -> None:
    # the first chain's branch 0 and the second chain's branch 1: both may be read by one run
    text = "ifdef A\nIMG = acme/a:1\nendif\nifdef B\nelse\nIMG = acme/b:1\nendif\nrun:\n\tdocker run $(IMG)\n"
    assert _listed(text) == [_two_values("IMG", 9)]


def test_a_top_value_repeated_in_branches_is_not_a_choice() -> None:
    # the top value and the second branch's differ and are not in two branches of one chain
    text = (
        "IMG = acme/a:1\n"
        "ifeq ($(V),1)\n"
        "IMG = acme/a:1\n"
        "else ifeq ($(V),2)\n"
        "IMG = acme/b:1\n"
        "else\n"
        "IMG = acme/a:1\n"
        "endif\n"
        "run:\n"
        "\tdocker run $(IMG)\n"
    )
    assert _listed(text) == [_two_values("IMG", 10)]


def test_shell_variables_named_like_a_directive_are_ordinary_values() -> None:
    assert _listed("ifdef=acme/a:1\nifdef=acme/b:1\ndocker run $ifdef\n", "run.sh") == [_two_values("ifdef", 3)]
    text = "ifdef=1\nelse=acme/a:1\nendif=x\nelse=acme/b:1\ndocker run $else\n"
    assert _listed(text, "run.sh") == [_two_values("else", 5)]
    text = "ifdef=1\nendif=acme/a:1\nendif=acme/b:1\ndocker run $endif\n"
    assert _listed(text, "run.sh") == [_two_values("endif", 4)]
