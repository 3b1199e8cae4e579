"""`ecr-mirror discover` on a Bats test suite: its `.bats` files are bash, and their `docker run` / `docker pull`
lines pull images as a shell script's do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main

LDAP_BATS = """\
load "${REPOSITORY_ROOT}/test/helper/setup"

function setup_file() {
  docker pull ghcr.io/acme/tls-scanner:3.2
  docker run -d --name ldap \\
    --hostname ldap.example.test \\
    --env LDAP_ROOT=dc=example,dc=test \\
    --volume "${REPOSITORY_ROOT}/test/config/ldap/:/ldifs/:ro" \\
    bitnamilegacy/openldap:2.6
}

@test "the server answers LDAP queries" {
  run docker exec ldap ldapsearch -x -b dc=example,dc=test
  assert_success
  docker run --rm "${IMAGE_UNDER_TEST}" true
}
"""


def test_bats_files_are_read_as_shell_scripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "test/tests/serial").mkdir(parents=True)
    (tmp_path / "test/tests/serial/mail_with_ldap.bats").write_text(LDAP_BATS)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["reference"], r["line"], r["kind"]) for r in records if r["status"] == "public"] == [
        ("ghcr.io/acme/tls-scanner:3.2", 4, "shell script"),
        ("bitnamilegacy/openldap:2.6", 5, "shell script"),
    ]
    assert [(r["written"], r["status"]) for r in records if r["status"] == "unresolved"] == [
        ("${IMAGE_UNDER_TEST}", "unresolved")
    ]
