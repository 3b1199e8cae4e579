"""Which indented `NAME=value ...` lines are environment prefixes of a command (environment_prefixes.py): the
shapes near one that are assignments still, as the shell reads them (POSIX 2.9.1,
https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_02_09_01)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_words import ShellValues


def test_a_space_indented_prefix_gives_no_value_and_assignments_near_it_do() -> None:
    text = (
        "#!/bin/bash\n"
        "run() {\n"
        '    IMAGE="acme/fast:2" ./run.sh --fast\n'
        "    IMAGES=(acme/a:1 acme/b:2)\n"
        "    local TOOLS=acme/tools:3 OTHER\n"
        "    BASE=acme/base:1 # the base\n"
        '    LINE="$(printf "%s used=%s" "$when" "$pct")"\n'
        "}\n"
    )
    values = ShellValues.of(text).values
    assert "IMAGE" not in values
    assert values["IMAGES"] == {"(acme/a:1 acme/b:2)"}
    assert "TOOLS" in values
    assert values["BASE"] == {"acme/base:1"}
    assert values["LINE"] == {'$(printf "%s used=%s" "$when" "$pct")'}  # double quotes nest inside `$(...)`


def test_a_recipe_lines_assignment_before_a_semicolon_is_the_shells_as_before() -> None:
    text = "build:\n\tVERSION=v1.2; \\\n\techo $$VERSION\n"
    assert "VERSION" not in ShellValues.of(text).values
