"""A script's `for` loop over a variable the script binds once to literal words (`versions="9.4 9.5"` then `for v
in $versions`), and a name the loop's body binds to the loop's variable (`export PGVERSION="$v"`): each word is
read in the body's commands."""

from __future__ import annotations

from ecr_mirror.cli.discover_scripts import command_pulls

MATRIX = """\
#!/bin/bash
set -e

versions="9.4 9.5 9.6"

for i in $versions
do
  export PGVERSION="$i"
  docker rm -f postgres || true
  docker run -d --name postgres -e POSTGRES_PASSWORD=ci postgres:$PGVERSION
  make test
done
"""

UNKNOWN = """\
#!/bin/bash
versions="9.4 9.5"
if [ -n "$CI" ]; then versions="15 16"; fi
for i in $versions; do docker run -d postgres:$i; done
tags=$(cat tags.txt)
for t in $tags; do docker pull redis:$t; done
quoted="7.2 7.4"
for q in "$quoted"; do docker pull valkey/valkey:$q; done
"""


def _images(text: str) -> list[tuple[str, int | None]]:
    return [(item.text, item.line) for item in command_pulls(text, "script/test_all.sh")]


def test_a_loop_over_a_variable_bound_to_literal_words_and_an_alias_of_its_variable() -> None:
    assert _images(MATRIX) == [("postgres:9.4", 10), ("postgres:9.5", 10), ("postgres:9.6", 10)]


def test_variables_bound_twice_or_to_a_command_or_quoted_are_left() -> None:
    # each left as written: the unexpanded references are reported as unresolved
    assert [image for image, _ in _images(UNKNOWN)] == ["postgres:$i", "redis:$t", "valkey/valkey:$q"]
