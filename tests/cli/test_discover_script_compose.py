"""A shell script that runs compose gives it the variables it exports, its own and those of the libraries it sources
(a demo's `start.sh` sourcing `env.sh`, which exports `REGISTRY=${REGISTRY:-acmeinc}`, then `docker compose up`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

DEMO_TREE = {
    ".env": "PLATFORM_TAG=7.4.1\n",
    "docker-compose.yml": (
        "services:\n"
        "  broker:\n"
        "    image: ${REGISTRY}/acme-broker:${PLATFORM_TAG}\n"
        "  registry:\n"
        "    image: ${REGISTRY}/acme-schema:${PLATFORM_TAG}\n"
        "  ldap:\n"
        "    image: osixia/openldap:1.3.0\n"
    ),
    "scripts/env.sh": (
        "#!/bin/bash\n"
        'HERE="$( cd "$( dirname "${BASH_SOURCE[0]}" )" >/dev/null && pwd )"\n'
        "# where the images come from\n"
        "export REGISTRY=${REGISTRY:-acmeinc}\n"
        "export VIZ=${VIZ:-true}\n"
    ),
    "scripts/start.sh": (
        "#!/bin/bash\n"
        'DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" >/dev/null && pwd )"\n'
        "source ${DIR}/env.sh\n"
        "\n"
        "docker compose up --no-recreate -d ldap\n"
        "docker compose up --no-recreate -d broker registry\n"
    ),
}


def _by_reference(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        out.setdefault(record["reference"] or record["written"], []).append(record)
    return out


def test_a_script_sourcing_a_library_that_exports_a_name_gives_it_to_the_compose_file_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, DEMO_TREE)
    records = _by_reference(discover_records(tmp_path, monkeypatch, capsys))
    (broker,) = records["acmeinc/acme-broker:7.4.1"]
    assert (broker["file"], broker["line"], broker["status"]) == ("docker-compose.yml", 3, "public")
    assert "with the env of scripts/start.sh:5" in broker["use"]
    (schema,) = records["acmeinc/acme-schema:7.4.1"]
    assert (schema["file"], schema["line"], schema["status"]) == ("docker-compose.yml", 5, "public")
    # the file read alone (`docker compose up` from a shell without the library) still says it cannot know
    alone = [r for r in records["${REGISTRY}/acme-broker:${PLATFORM_TAG}"] if r["status"] == "unresolved"]
    assert [(r["file"], r["line"]) for r in alone] == [("docker-compose.yml", 3)]


def test_a_name_a_script_assigns_without_exporting_it_is_not_given_to_compose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        **DEMO_TREE,
        "scripts/env.sh": "#!/bin/bash\nREGISTRY=acmeinc\n",  # a shell variable: compose does not see it
    }
    write_tree(tmp_path, tree)
    records = _by_reference(discover_records(tmp_path, monkeypatch, capsys))
    assert "acmeinc/acme-broker:7.4.1" not in records
    assert "osixia/openldap:1.3.0" in records


def test_a_script_running_compose_in_another_directory_gives_its_exports_to_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        **DEMO_TREE,
        "scripts/start.sh": (
            '#!/bin/bash\nexport REGISTRY=acmeinc\ncd "$WORKDIR"\ndocker compose up -d\n'  # not known where
        ),
    }
    write_tree(tmp_path, tree)
    records = _by_reference(discover_records(tmp_path, monkeypatch, capsys))
    assert "acmeinc/acme-broker:7.4.1" not in records
