"""A make target only a pattern rule makes: the rule written for it, `$*` the stem, every line at its number."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_patterns import with_stems

MAKEFILE = """\
e2e/latest:
\tkind create cluster --image=kindest/node:v1.31.0

e2e/%: build
\tkind create cluster --image=kindest/node:$*

\t# the cluster's version again
\techo $(*) ${*}
lint:
\tdocker run --rm $*
"""


def test_the_stem_is_written_in_the_recipe_of_the_pattern_rule_only() -> None:
    lines = with_stems(MAKEFILE, ("e2e/v1.30.4",)).splitlines()
    assert lines[3] == "e2e/v1.30.4: build"
    assert lines[4] == "\tkind create cluster --image=kindest/node:v1.30.4"
    assert lines[7] == "\techo v1.30.4 v1.30.4"
    assert lines[9] == "\tdocker run --rm $*"
    assert len(lines) == len(MAKEFILE.splitlines())


def test_a_target_of_an_explicit_rule_or_matching_no_pattern_leaves_the_text() -> None:
    assert with_stems(MAKEFILE, ("e2e/latest",)) is MAKEFILE
    assert with_stems(MAKEFILE, ("lint", "test/v1")) is MAKEFILE
    assert with_stems("VERSIONS := $(patsubst %.txt,%,$(wildcard *.txt))\n", ("a.txt",)).startswith("VERSIONS")
