"""Inside the `then` branch of `if [ "$X" = "LIT" ]`, a reference to X is LIT: the branch runs only when they are
equal (a one-line command, as a Makefile recipe's joined lines are)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.shell_equal_tests import with_tested_values


@pytest.mark.parametrize(
    ("command", "written"),
    [
        # a make recipe's loop, `$$` escaping the shell's `$`
        (
            'for v in $(VARIANTS); do f=$${v#*:}; if [ "$$f" = "Dockerfile" ]; then docker build -f $$f .; '
            "else docker build -f $$f -t x-$${v%%:*} .; fi; done",
            'for v in $(VARIANTS); do f=$${v#*:}; if [ "$$f" = "Dockerfile" ]; then docker build -f Dockerfile .; '
            "else docker build -f $$f -t x-$${v%%:*} .; fi; done",
        ),
        # a script's `[[ ... == ... ]]`, the literal first, braces
        (
            'if [[ "base.Dockerfile" == "${file}" ]]; then docker build -f "${file}" .; fi',
            'if [[ "base.Dockerfile" == "${file}" ]]; then docker build -f "base.Dockerfile" .; fi',
        ),
        # a nested `if` inside the branch keeps its own test; the outer value holds past its `fi`
        (
            'if [ "$os" = linux ]; then if [ -n "$x" ]; then echo $os; fi; build $os; else build $os; fi',
            'if [ "$os" = linux ]; then if [ -n "$x" ]; then echo linux; fi; build linux; else build $os; fi',
        ),
        # `!=`, `-eq`, `-n`: not an equality of a string
        ('if [ "$f" != "Dockerfile" ]; then docker build -f $f .; fi', None),
        ('if [ -n "$f" ]; then docker build -f $f .; fi', None),
        # the branch assigns the name again: its value after that is not the tested one
        ('if [ "$f" = "a" ]; then f=b; docker build -f $f .; fi', None),
        # a longer name that starts with the tested one is another name
        ('if [ "$f" = "a" ]; then echo $fx ${f}; fi', 'if [ "$f" = "a" ]; then echo $fx a; fi'),
    ],
)
def test_a_tested_value_is_written_in_its_branch(command: str, written: str | None) -> None:
    assert with_tested_values(command) == (command if written is None else written)


def test_a_branch_testing_the_name_again_inside_is_left_as_written() -> None:
    # the inner branch runs only when X is b: the outer `a` written into its test would make `"a" = "b"` (a review)
    command = 'if [ "$X" = "a" ]; then docker pull acme/$X; if [ "$X" = "b" ]; then echo $X; fi; fi'
    written = with_tested_values(command)
    assert '[ "a" = "b" ]' not in written
    assert "echo b" in written
