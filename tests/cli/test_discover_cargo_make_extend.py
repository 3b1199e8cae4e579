"""`ecr-mirror discover` reads the task files a cargo-make `Makefile.toml` extends
(https://github.com/sagiegurari/cargo-make#extending-external-makefiles: `extend = "base.toml"` or a list of
`{ path = "..." }`, relative to the extending file) for the commands of their tasks' scripts, as the
`Makefile.toml` itself is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TOP = """\
extend = [
    { path = "tools/services.toml" },
    { path = "tools/missing.toml", optional = true },
]

[tasks.console]
script = '''
#!/usr/bin/env sh
docker run --network host acme/console:1.0
'''
"""

SERVICES = """\
extend = "nested.toml"

[tasks.queue]
description = "Start a queue in docker."
script = '''
#!/usr/bin/env sh
set -e
docker run --rm -p 4222:4222 acme/queue:2.11
'''
"""

NESTED = """\
[tasks.cache]
script = ["docker pull acme/cache:7.2"]

[tasks.described]
description = "Like docker run acme/described:1, but slower."
script = "echo described"

[tasks.duck]
script = '''
#!@duckscript
exec docker run acme/duck:1
'''

[tasks.runner]
script_runner = "@rust"
script = "docker run acme/rust-runner:1"
"""

UNRELATED = """\
[tasks.not-extended]
script = '''
docker run --rm acme/unrelated:1
'''
"""


def test_the_files_a_cargo_make_file_extends_are_read_for_their_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "Makefile.toml": TOP,
        "tools/services.toml": SERVICES,
        "tools/nested.toml": NESTED,
        "tools/unrelated.toml": UNRELATED,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert sorted((row[0], row[1], row[2], row[4], row[5]) for row in rows) == [
        ("Makefile.toml", 9, "cargo-make file", "acme/console:1.0", "public"),
        ("tools/nested.toml", 2, "cargo-make file", "acme/cache:7.2", "public"),
        ("tools/services.toml", 8, "cargo-make file", "acme/queue:2.11", "public"),
    ]
