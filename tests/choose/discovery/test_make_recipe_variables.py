"""A Makefile's recipe lines with the variables that hold a container command expanded as make expands them."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_recipe_variables import recipe_variables


def test_a_continued_value_is_one_line_and_other_references_stay_for_the_values_to_resolve() -> None:
    text = "IMG ?= node:22\nRUN = docker run --rm \\\n  -v $(CURDIR):/app \\\n  $(IMG) npm ci\n\nci:\n\t@$(RUN)\n"
    read = recipe_variables(text)
    assert read.text.splitlines() == [
        "IMG ?= node:22",
        "",
        "",
        "",
        "",
        "ci:",
        "\t@docker run --rm -v $(CURDIR):/app $(IMG) npm ci",
    ]
    assert read.notes == {7: ("RUN", 2)}


def test_nested_variables_and_call_arguments_are_bound_and_automatic_variables_kept() -> None:
    text = (
        "BASE := docker run --rm\n"
        "TOOLS = $(BASE) -v $(CURDIR):/w\n"
        "define sh_in\n"
        "\t@echo running $(0)\n"
        "\t-docker run --rm $(1) sh -c '$(2)' | awk '{print $$1}' > $@\n"
        "endef\n"
        "out/%.txt:\n"
        "\t$(TOOLS) tools:1 make $(dir $@)\n"
        "\t$(call sh_in,alpine:3.20,ls -l)\n"
    )
    lines = recipe_variables(text).text.splitlines()
    assert lines[7] == "\tdocker run --rm -v $(CURDIR):/w tools:1 make $(dir $@)"
    assert lines[8] == "\techo running sh_in ; docker run --rm alpine:3.20 sh -c 'ls -l' | awk '{print $$1}' > $@"
    assert lines[:3] == ["", "", "define sh_in"] and lines[3:5] == ["", ""]  # read once, where they run


def test_escaped_references_two_values_and_prose_are_left_as_written() -> None:
    text = (
        "ifdef CI\nRUN = docker run --rm -v /cache:/cache\nelse\nRUN = docker run --rm\nendif\n"
        "LOG = echo done\n"
        "test:\n\t$(RUN) golang:1.22 go test\n\t$$(RUNNER) x\n\t$(LOG)\n"
    )
    assert recipe_variables(text).text == text


def test_a_comment_after_a_value_is_not_part_of_it() -> None:
    text = "RUN := docker run --rm -v $(CURDIR):/w  # the tools image, pinned below\nfmt:\n\t$(RUN) tools:2 fmt\n"
    assert recipe_variables(text).text.splitlines()[2] == "\tdocker run --rm -v $(CURDIR):/w tools:2 fmt"
