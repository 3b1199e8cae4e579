"""`ecr-mirror discover` on Dev Container Templates: the files of a template (the directory holding its
`devcontainer-template.json`) are written with `${templateOption:ID}`, which the tool applying the template replaces
with the option's value, its `default` when none is chosen; the images are read at those defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.devcontainer_template_options import option_defaults, options_applied
from tests.support.trees import tree_rows

TEMPLATE = """\
{
    "id": "go-web",
    "version": "2.1.0",
    "name": "Go web service",
    "options": {
        "goVariant": {
            "type": "string",
            "proposals": ["1.24-bookworm", "1.23-bookworm"],
            "default": "1.24-bookworm"
        },
        "installRedis": {"type": "boolean", "default": true},
        "dbTag": {"type": "string", "proposals": ["16", "17"]}
    }
}
"""
TREE = {
    "src/go-web/devcontainer-template.json": TEMPLATE,
    "src/go-web/.devcontainer/devcontainer.json": """\
{
    "name": "Go web",
    // use a Dockerfile to add more
    "image": "mcr.microsoft.com/devcontainers/go:1-${templateOption:goVariant}",
    "features": {"ghcr.io/devcontainers/features/redis:1": {"enabled": "${templateOption:installRedis}"}}
}
""",
    "src/ledger/devcontainer-template.json": """\
{"id": "ledger", "options": {"nodeVariant": {"type": "string", "default": "22-trixie"}, "dbTag": {"type": "string"}}}
""",
    "src/ledger/.devcontainer/devcontainer.json": """\
{"dockerComposeFile": "docker-compose.yml", "service": "app", "workspaceFolder": "/workspaces"}
""",
    "src/ledger/.devcontainer/docker-compose.yml": """\
services:
  app:
    build:
      context: ..
      dockerfile: .devcontainer/Dockerfile
  db:
    image: postgres:${templateOption:dbTag}
""",
    "src/ledger/.devcontainer/Dockerfile": "FROM mcr.microsoft.com/devcontainers/node:3-${templateOption: nodeVariant}",
    # no template around it: the text is not replaced
    "examples/.devcontainer/devcontainer.json": '{"image": "debian:${templateOption:variant}"}\n',
}


def test_the_defaults_of_a_template_s_options() -> None:
    assert option_defaults(TEMPLATE, "devcontainer-template.json") == {
        "goVariant": "1.24-bookworm",
        "installRedis": "true",
    }
    text = "FROM base:${templateOption:goVariant} AS ${templateOption:dbTag}"
    assert options_applied(text, {"goVariant": "1.24"}) == "FROM base:1.24 AS ${templateOption:dbTag}"


def test_a_template_s_images_are_read_at_its_options_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(TREE, tmp_path, monkeypatch, capsys)}
    assert (
        "src/go-web/.devcontainer/devcontainer.json",
        4,
        "mcr.microsoft.com/devcontainers/go:1-1.24-bookworm",
        "public",
    ) in rows
    assert (
        "src/ledger/.devcontainer/Dockerfile",
        1,
        "mcr.microsoft.com/devcontainers/node:3-22-trixie",
        "public",
    ) in rows
    # an option with no default is left as written (the CLI would write it empty: `postgres:` is no image)
    assert [row for row in rows if row[0] == "src/ledger/.devcontainer/docker-compose.yml"] == [
        ("src/ledger/.devcontainer/docker-compose.yml", 7, None, "unresolved")
    ]
    assert [row[3] for row in rows if row[0].startswith("examples/")] == ["unresolved"]


def test_a_template_file_far_above_a_file_does_not_fill_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # five levels between them: not a template's own file (the search stops four levels up, inside any tree)
    tree = {
        "devcontainer-template.json": TEMPLATE,
        "a/b/c/d/.devcontainer/devcontainer.json": '{"image": "debian:${templateOption:goVariant}"}\n',
    }
    rows = {(row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)}
    assert rows == {(None, "unresolved")}
