"""The make runs of a tree's scripts (cli/discover_make_calls.py) on a large input: each call's Makefile rules are
not parsed again."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.cli.discover_make_calls import make_call_pulls


def _no_file(shown: str, path: Path, **_: object) -> str | None:
    return None


def test_many_calls_of_a_large_makefile_are_read_in_a_time_that_grows_with_the_input() -> None:
    # each call parsed the whole Makefile's rules again to find its targets, and was compared with every call before it:
    # 10,000 calls of a Makefile of 10,000 targets took about ten minutes
    targets = 10_000
    makefile = "pull:\n\tdocker pull $(IMAGE)\n" + "".join(f"t{i}:\n\t@echo $(V{i})\n" for i in range(targets))
    script = "#!/bin/sh\nmake pull IMAGE=alpine:3.20\n" + "".join(f"make t{i} V{i}=x\n" for i in range(targets))
    found = make_call_pulls({}, {"Makefile": makefile, "run.sh": script}, _no_file)
    assert [(item.text, item.line, item.origin) for item in found] == [("alpine:3.20", 2, "Makefile")]
