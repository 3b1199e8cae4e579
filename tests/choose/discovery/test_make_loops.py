"""make_loops: a recipe's `for` loop as make hands it to the shell (its list's make variables expanded, `$$NAME`
the loop's variable), written on its first line for shell_loops.py to unroll."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_loops import recipe_loops


def test_the_list_s_variable_is_expanded_and_the_body_joined_on_the_header_line() -> None:
    text = "NAMES = a b\nNAMES += c\nall:\n\t@for n in $(NAMES); do \\\n\t\tdocker pull x/$$n:1 ; \\\n\tdone\n"
    lines = recipe_loops(text).split("\n")
    assert lines[3] == "\tfor n in a b c; do docker pull x/$n:1 ; done"
    assert lines[4:6] == ["", ""]  # the continuation lines are left empty: line numbers hold


def test_a_tab_led_assignment_after_a_rule_is_a_recipe_line_not_an_append() -> None:
    text = "NAMES = a\nother:\n\tNAMES += b\nall:\n\tfor n in $(NAMES); do docker pull x/$${n}:1; done\n"
    assert recipe_loops(text).split("\n")[4] == "\tfor n in a; do docker pull x/${n}:1; done"


def test_a_list_of_a_variable_with_two_values_is_left_as_written() -> None:
    text = "NAMES = a\nNAMES = b\nall:\n\tfor n in $(NAMES); do docker pull x/$$n:1; done\n"
    assert recipe_loops(text).split("\n")[3] == "\tfor n in $(NAMES); do docker pull x/$n:1; done"
