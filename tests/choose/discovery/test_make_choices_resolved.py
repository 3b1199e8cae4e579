"""A make variable given a value per branch of a conditional chain, read through other variables, shell defaults,
several such variables in one word (at most 16 readings), and a branch that appends (`+=`) rather than sets."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs


def _listed(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in docker_runs(text, "Makefile")]


def _chain(name: str, *values: str) -> str:
    lines = [f"ifeq ($(V),{index})\n{name} = {value}\n" for index, value in enumerate(values)]
    return "".join(lines).replace("\nifeq", "\nelse ifeq") + "endif\n"


def test_a_branch_value_read_through_another_variable() -> None:
    text = _chain("NODE", "acme/a:1", "acme/b:1") + "IMG = $(NODE)\nrun:\n\tdocker run $(IMG)\n"
    assert _listed(text) == [("acme/a:1", 8, None), ("acme/b:1", 8, None)]


def test_branch_values_that_name_other_variables() -> None:
    text = _chain("NODE", "$(REG)/a:1", "$(REG)/b:1") + "REG = ghcr.io/acme\nrun:\n\tdocker run $(NODE)\n"
    assert _listed(text) == [("ghcr.io/acme/a:1", 8, None), ("ghcr.io/acme/b:1", 8, None)]
    nested = _chain("NODE", "$(BASE):1", "acme/c:1") + _chain("BASE", "acme/a", "acme/b")
    assert _listed(nested + "run:\n\tdocker run $(NODE)\n") == [
        ("acme/c:1", 12, None),  # read first: it needs no second choice
        ("acme/a:1", 12, None),
        ("acme/b:1", 12, None),
    ]


def test_a_branch_value_as_a_shell_default() -> None:
    chain = _chain("NODE", "acme/a:1", "acme/b:1")
    assert _listed(chain + "run:\n\tdocker run $${IMG:-$(NODE)}\n") == [("acme/a:1", 7, None), ("acme/b:1", 7, None)]
    text = chain + 'IMG="$${IMG:-$(NODE)}"\nrun:\n\tdocker run $(IMG)\n'
    assert _listed(text) == [("acme/a:1", 8, None), ("acme/b:1", 8, None)]


def test_two_variables_in_one_word_up_to_sixteen_readings() -> None:
    four = _chain("A", "a1", "a2", "a3", "a4") + _chain("B", "b1", "b2", "b3", "b4")
    found = _listed(four + "run:\n\tdocker run acme/$(A):$(B)\n")
    assert found == [(f"acme/a{a}:b{b}", 20, None) for a in range(1, 5) for b in range(1, 5)]
    five = _chain("A", "a1", "a2", "a3", "a4", "a5") + _chain("B", "b1", "b2", "b3", "b4", "b5")
    why = "$A is assigned two values in this file (a1, a2): which one runs is not known"
    assert _listed(five + "run:\n\tdocker run acme/$(A):$(B)\n") == [("acme/$(A):$(B)", 24, why)]


def test_one_variable_over_twenty_branches_is_read_twenty_times() -> None:
    twenty = _chain("IMG", *(f"acme/db{index}:1" for index in range(20)))
    assert _listed(twenty + "run:\n\tdocker pull $(IMG)\n") == [(f"acme/db{i}:1", 43, None) for i in range(20)]


def test_readings_that_give_one_image_twice_list_it_once() -> None:
    text = _chain("IMG", "acme/x:1", "$(OTHER)") + _chain("OTHER", "acme/x:1", "acme/y:1")
    assert _listed(text + "run:\n\tdocker run $(IMG)\n") == [("acme/x:1", 12, None), ("acme/y:1", 12, None)]


def test_a_branch_that_appends_makes_no_choice() -> None:
    # make appends to the value set before the conditional: the branches' values are not the values read
    text = _chain("IMG", "acme/a:1", "acme/b:1").replace("IMG = acme/b:1", "IMG += acme/b:1")
    why = "$IMG is assigned two values in this file (+acme/b:1, acme/a:1): which one runs is not known"
    assert _listed(text + "run:\n\tdocker run $(IMG)\n") == [("$(IMG)", 7, why)]
