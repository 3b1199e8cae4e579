"""Images built in the tree at their edges: a `-t` with no name after it, a one-letter `-tNAME`, `docker tag` with
a flag, continuations without a blank before the backslash and a last line that continues into nothing."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.local_builds import LocalBuild, build_words, local_builds


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("docker build \\\n  -t last:1 \\", [("last:1", 1, "docker build -t")]),
        ("docker build -t img:1\\\n  .", [("img:1", 1, "docker build -t")]),
        ("docker build -tx .", [("x", 1, "docker build -t")]),
        ("docker tag -f src:1 dst:3", [("dst:3", 1, "docker tag")]),
        ("docker build -t", []),
        ("docker build --tag", []),
        (
            "x\n\ndocker build -t second:1 .\ndocker tag a b:7\n",
            [("second:1", 3, "docker build -t"), ("b:7", 4, "docker tag")],
        ),
    ],
)
def test_the_names_built_or_tagged(text: str, names: list[tuple[str, int, str]]) -> None:
    assert local_builds(text, "Makefile") == [LocalBuild(name, "Makefile", line, how) for name, line, how in names]
    assert build_words(text) == [(line, name) for name, line, _ in names]
