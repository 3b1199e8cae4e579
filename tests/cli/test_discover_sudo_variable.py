"""`ecr-mirror discover` on scripts that run docker through a variable that holds `sudo` or nothing (`$USESUDO docker
create ...`, with `export USESUDO=sudo` in a file the script sources; `${SUDO} docker run`, set by a check of the
user's id): the command after the variable runs, as after `sudo` itself. Shaped after a database proxy's
replication scenario scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "docker/scenarios/repl1/vars": "export NUMPROXIES=2\nexport USESUDO=sudo\n",
    "docker/scenarios/repl1/proxy.sh": (
        "set -e\n"
        ". ./vars\n"
        "prepare() {\n"
        "\tfor i in `seq 1 ${NUMPROXIES}` ; do\n"
        '\t\t$USESUDO docker create --hostname=proxy$i --name=proxy$i acme/proxysql:dev /bin/sh -c "sleep 3600"\n'
        "\t\t$USESUDO docker start proxy$i\n"
        "\tdone\n"
        "}\n"
        "prepare\n"
    ),
    "scripts/db.sh": (
        'SUDO=""\n'
        'if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi\n'
        "${SUDO} docker run -d --name db postgres:16.4\n"
        "$VERSION docker run not/a-command:1\n"
    ),
}


def test_a_command_after_a_sudo_variable_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("docker/scenarios/repl1/proxy.sh", 5, "acme/proxysql:dev", "public"),
        ("scripts/db.sh", 3, "postgres:16.4", "public"),
    }
