"""`act -P PLATFORM=IMAGE` (also `--platform`): the image nektos/act runs a workflow's jobs of that `runs-on` label
in, pulled before the jobs run (https://nektosact.com/usage/runners.html); read where act runs in a Makefile, a script
or a CI step, the file's own variables resolved. `-P LABEL=-self-hosted` runs on the host: no image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
ACT_IMAGE ?= catthehacker/ubuntu:act-22.04
.PHONY: act-build act-test act-host
act-build:
\tact -j build -P ubuntu-latest=$(ACT_IMAGE)
act-test:
\tact pull_request --platform ubuntu-22.04=ghcr.io/catthehacker/ubuntu:full-22.04 \\
\t\t-P ubuntu-20.04=node:20-bullseye -j test
act-host:
\tact -P ubuntu-latest=-self-hosted -j lint
"""

SCRIPT = """\
#!/usr/bin/env bash
# act -P ubuntu-latest=ubuntu:99.04 is what the docs show
echo "run act -P ubuntu-latest=ubuntu:98.04 to try it"
act --platform=ubuntu-24.04=catthehacker/ubuntu:act-24.04 workflow_dispatch
"""


def test_the_images_act_runs_jobs_in_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"Makefile": MAKEFILE, "hack/act.sh": SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("Makefile", 4, "catthehacker/ubuntu:act-22.04", "public"),
        ("Makefile", 6, "ghcr.io/catthehacker/ubuntu:full-22.04", "public"),
        ("Makefile", 6, "node:20-bullseye", "public"),
        ("hack/act.sh", 4, "catthehacker/ubuntu:act-24.04", "public"),
    }


ACTRC = """\
# Images for running the workflows locally with `act`
-P ubuntu-latest=ghcr.io/catthehacker/ubuntu:act-latest
-P ubuntu-22.04=catthehacker/ubuntu:act-22.04
--platform=ubuntu-24.04=catthehacker/ubuntu:act-24.04
--platform self-hosted=-self-hosted
-P ubuntu-20.04=${ACT_IMAGE}
--container-architecture linux/amd64
--env-file=.env
"""


def test_the_platform_images_of_an_actrc_file_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".actrc": ACTRC, "tools/.actrc": "-P ubuntu-latest=node:20-bookworm\n"})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        (".actrc", 2, "ghcr.io/catthehacker/ubuntu:act-latest", "public"),
        (".actrc", 3, "catthehacker/ubuntu:act-22.04", "public"),
        (".actrc", 4, "catthehacker/ubuntu:act-24.04", "public"),
        (".actrc", 6, None, "unresolved"),
        ("tools/.actrc", 1, "node:20-bookworm", "public"),
    }
