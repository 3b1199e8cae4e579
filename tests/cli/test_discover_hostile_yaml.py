"""YAML no loader can build: a value its explicit tag cannot hold (`!!float 'error'`, a Helm test's broken index
fixture), or nesting deeper than Python's recursion allows. Each is a warning naming its file, and the files beside it
are still read; before, one such file ended the whole run with `unexpected ValueError`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.cli.main import main
from ecr_mirror.errors import ConfigError
from tests.support.trees import write_tree

_UNBUILDABLE = [
    "v: !!float 'error'\n",
    "v: !!int 'x'\n",
    "v: !!timestamp 'bad'\n",
    "v: !!timestamp '2020-13-45'\n",
    "v: !!bool 'maybe'\n",
    "v: " + "[" * 5000 + "]" * 5000 + "\n",
]
_IDS = ["float", "int", "timestamp", "timestamp-range", "bool", "nested"]


@pytest.mark.parametrize("text", _UNBUILDABLE, ids=_IDS)
def test_the_loader_refuses_it_naming_the_file(text: str) -> None:
    with pytest.raises(ConfigError, match=r"^charts/index\.yaml: (not valid YAML|cannot be read): "):
        load_documents(text, "charts/index.yaml")


@pytest.mark.parametrize("text", _UNBUILDABLE, ids=_IDS)
def test_discover_warns_and_reads_the_files_beside_it(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "pkg/helm/testdata/brokenyaml/index.yaml": text,
            "k8s/job.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\n"
            "spec: {template: {spec: {containers: [{name: c, image: 'busybox:1.36'}]}}}\n"
            "---\n" + text.replace("v:", "x:"),
            "compose.yaml": "services:\n  db:\n    image: postgres:16\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert [(r["file"], r["reference"]) for r in json.loads(out)] == [("compose.yaml", "postgres:16")], out
    assert "unexpected" not in err
    assert "k8s/job.yaml: not valid YAML" in err or "k8s/job.yaml: cannot be read: nested more than" in err, err


def test_a_ci_file_nested_too_deep_is_skipped_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "job:\n  image: nginx:1.28\n  script: [make]\n  variables: {deep: " + "[" * 5000 + "]" * 5000 + "}\n"
    write_tree(tmp_path, {".gitlab-ci.yml": text, "Dockerfile": "FROM alpine:3.20\n"})
    monkeypatch.chdir(tmp_path)
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert [(r["file"], r["reference"]) for r in json.loads(out)] == [("Dockerfile", "alpine:3.20")], out
    assert ".gitlab-ci.yml: cannot be read: nested more than 200 levels deep; skipped" in err, err


@pytest.mark.parametrize(
    ("name", "text", "image"),
    [
        (".gitlab-ci.yml", "job: &j\n  image: nginx:1.28\n  script: [make]\n  variables: {again: *j}\n", "nginx:1.28"),
        (
            "deploy/thing.yaml",
            "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: q}\nspec: &s\n  image: redis:7.2\n  x: *s\n",
            "redis:7.2",
        ),
    ],
    ids=["ci", "manifest"],
)
def test_a_value_holding_itself_through_an_alias_is_read_once(
    name: str,
    text: str,
    image: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_tree(tmp_path, {name: text})
    monkeypatch.chdir(tmp_path)
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert sorted({r["reference"] for r in json.loads(out)}) == [image], (out, err)
    assert "unexpected" not in err and "skipped" not in err, err


def test_the_loader_cuts_a_value_holding_itself_and_keeps_the_rest() -> None:
    [document] = load_documents("a: &a\n  image: x:1\n  again: *a\nb: [*a, *a]\n", "f.yaml")
    assert document["a"] == {"image": "x:1", "again": None}
    assert document["b"] == [document["a"], document["a"]]


def test_nesting_as_deep_as_the_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = "[" * 190 + "]" * 190
    ci = f"job:\n  image: nginx:1.28\n  script: [make]\n  variables: {{deep: {deep}}}\n"
    manifest = (
        f"apiVersion: example.com/v1\nkind: Thing\nmetadata: {{name: t}}\nspec:\n  image: redis:7.2\n  extra: {deep}\n"
    )
    write_tree(tmp_path, {".gitlab-ci.yml": ci, "deploy/thing.yaml": manifest})
    monkeypatch.chdir(tmp_path)
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert sorted(r["reference"] for r in json.loads(out)) == ["nginx:1.28", "redis:7.2"], (out, err)


@pytest.mark.parametrize("value", ["!!int 'x'", "[" * 5000 + "]" * 5000], ids=["int", "nested"])
def test_a_rules_file_with_such_a_value_is_refused_naming_it(value: str) -> None:
    with pytest.raises(ConfigError, match=r"^mirror\.yaml is not valid YAML"):
        parse_image_list(f"images:\n  - source: node\n    tags: {value}\n", origin="mirror.yaml")


def test_discover_takes_a_verbose_option() -> None:
    from ecr_mirror.cli.arguments import build_parser

    assert build_parser().parse_args(["discover", "-v", "."]).verbose is True
    assert build_parser().parse_args(["ref", "-v", "alpine", "--to", "r.example/m"]).verbose is True
