"""`ecr-mirror discover` on a tree of Nomad jobs and a Nomad Pack registry: job files by name (and a `*.hcl` whose
top level is a job), their variables from a `variables.hcl` beside them, and each pack's templates rendered from
its own `variables.hcl`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "jobs/api.nomad.hcl": (
        'job "api" {\n  group "api" {\n    task "api" {\n      driver = "docker"\n      config {\n'
        '        image = "${var.registry}/api:${var.tag}"\n      }\n    }\n  }\n}\n'
    ),
    "jobs/variables.hcl": (
        'variable "registry" {\n  default = "ghcr.io/acme"\n}\nvariable "tag" {\n  default = "2.3.1"\n}\n'
    ),
    "jobs/worker.hcl": (
        '# a job file named like any HCL file\njob "worker" {\n  group "w" {\n    task "w" {\n'
        '      driver = "docker"\n      config {\n        image = "rabbitmq:3.13-management"\n      }\n    }\n  }\n}\n'
    ),
    "jobs/vars.nomad": 'tag = "9.9.9"\n',
    "infra/packer.pkr.hcl": 'source "docker" "base" {\n  image = "ubuntu:24.04"\n  commit = true\n}\n',
    "packs/cache/metadata.hcl": 'app {\n  url = "https://valkey.io"\n}\npack {\n  name = "cache"\n}\n',
    "packs/cache/variables.hcl": (
        'variable "image" {\n  type    = string\n  default = "valkey/valkey:8.0"\n}\n'
        'variable "exporter" {\n  type = object({\n    image   = string\n    version = string\n  })\n'
        '  default = {\n    image   = "oliver006/redis_exporter"\n    version = "v1.62.0"\n  }\n}\n'
        'variable "backup_tag" {\n  type = string\n}\n'
    ),
    "packs/cache/templates/_helpers.tpl": '[[- define "job_name" -]]\n[[ var "job_name" . | quote ]]\n[[- end -]]\n',
    "packs/cache/templates/cache.nomad.tpl": (
        'job [[ template "job_name" . ]] {\n  group "cache" {\n    task "server" {\n      driver = "docker"\n'
        '      config {\n        image = [[ var "image" . | quote ]]\n      }\n    }\n'
        '    task "exporter" {\n      driver = "docker"\n      config {\n'
        '        image = "[[ var "exporter.image" . ]]:[[ var "exporter.version" . ]]"\n      }\n    }\n'
        '    task "backup" {\n      driver = "docker"\n      config {\n'
        '        image = "restic/restic:[[ var "backup_tag" . ]]"\n      }\n    }\n  }\n}\n'
    ),
}


def test_nomad_jobs_and_packs_are_read_with_their_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = json.loads(out)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("infra/packer.pkr.hcl", 2, "ubuntu:24.04", "public"),  # a Packer template, read as one, not as a job
        ("jobs/api.nomad.hcl", 6, "ghcr.io/acme/api:2.3.1", "public"),
        ("jobs/worker.hcl", 7, "rabbitmq:3.13-management", "public"),
        ("packs/cache/templates/cache.nomad.tpl", 6, "valkey/valkey:8.0", "public"),
        ("packs/cache/templates/cache.nomad.tpl", 12, "oliver006/redis_exporter:v1.62.0", "public"),
        ("packs/cache/templates/cache.nomad.tpl", 18, None, "unresolved"),
    ]
    unresolved = next(r for r in records if r["status"] == "unresolved")
    assert unresolved["written"] == 'restic/restic:[[ var "backup_tag" . ]]'
    assert "backup_tag has no default in packs/cache/variables.hcl" in unresolved["reason"]
    assert {r["kind"] for r in records} == {"Nomad job file", "Nomad Pack template", "Packer template"}
    assert "skipped" not in err


def test_a_pack_template_named_alone_reads_its_packs_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "packs/cache/templates/cache.nomad.tpl"]) == 0
    out, _ = capsys.readouterr()
    assert "valkey/valkey:8.0" in out
    assert "oliver006/redis_exporter:v1.62.0" in out


def test_a_pack_whose_variables_do_not_parse_is_a_warning_and_its_lines_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {**TREE, "packs/cache/variables.hcl": 'variable "image" {\n  default = \n'})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "packs", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "packs/cache/variables.hcl: not read as Nomad variables: line" in err
    assert {r["status"] for r in json.loads(out)} == {"unresolved"}
