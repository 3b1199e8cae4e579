"""`ecr-mirror discover` on a PHP tool that renders its docker-compose file from a Twig template including one
fragment per service engine and version: every fragment the include's name can reach is read, at its own lines,
through the fragments' own includes too; fragments no include names are not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TOOL = {
    "generator/templates/docker-compose.yml.twig": (
        "version: '3.4'\n"
        "services:\n"
        "  proxy:\n"
        "    image: acme/socat:1.0\n"
        "  cli:\n"
        "    image: ${PREFIX}_cli:${TAG}\n"
        "{% for name, data in services %}\n"
        '{% include "service/" ~ data.engine ~ "/" ~ data.version ~ "/" ~ data.engine ~ ".yml.twig" with'
        " { name: name } only %}\n"
        "{% endfor %}\n"
    ),
    "generator/templates/service/db/default/db.yml.twig": (
        '{% include "service/#{engine}/14/#{engine}.yml.twig" with _context only %}\n'
    ),
    "generator/templates/service/db/14/db.yml.twig": (
        "  {{ name }}:\n    image: postgres:14-alpine\n    environment:\n      PGDATA: /data\n"
    ),
    "generator/templates/service/db/17/db.yml.twig": "  {{ name }}:\n    image: postgres:17-alpine\n",
    "generator/templates/service/queue/3.13/queue.yml.twig": (
        "  {{ name }}:\n    image: acme/rabbitmq:3.13\n  {{ name }}-ui:\n    image: &ui acme/ui:2\n"
    ),
    "generator/templates/service/queue/3.13/notes.yml.twig": "  x:\n    image: acme/never:1\n",
    "generator/templates/mail.yml.twig": "  mail:\n    image: acme/unincluded:1\n",
}


def test_fragments_the_include_reaches_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TOOL)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    public = {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}
    base = "generator/templates/"
    assert public >= {
        (base + "docker-compose.yml.twig", 4, "acme/socat:1.0"),
        (base + "service/db/14/db.yml.twig", 2, "postgres:14-alpine"),
        (base + "service/db/17/db.yml.twig", 2, "postgres:17-alpine"),
        (base + "service/queue/3.13/queue.yml.twig", 2, "acme/rabbitmq:3.13"),
        (base + "service/queue/3.13/queue.yml.twig", 4, "acme/ui:2"),
    }
    written = {r["written"] for r in records}
    assert "acme/never:1" not in written and "acme/unincluded:1" not in written
    assert not any("_cli" in r.get("reference", "") for r in records if r["status"] == "public")
