"""`ecr-mirror discover PATH...` on trees of sample files: the list, --rules, --against, --mirror, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.cli.main import main
from ecr_mirror.oci.reference import parse_reference

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "discover"

TREE = {
    "app/Dockerfile": (
        "ARG PY=3.12\nARG REGISTRY\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM build AS test\n"
        "FROM scratch AS empty\nFROM \\\n  python:${PY:-3.11}-slim\nFROM ${REGISTRY}/base:1\n"
    ),
    "app/worker.Dockerfile": "FROM docker.io/library/python:3.12-slim\nFROM localhost:5000/internal:1\n",
    "Containerfile.ci": "FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/docker-hub/library/node:20\n",
    "compose.yaml": "services:\n  db: {image: 'postgres:16'}\n  app: {build: ., image: me/app:dev}\n",
    "deploy/all.yaml": "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{image: nginx:1.27}]\n---\n"
    'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{image: "quay.io/org/tool:2"}]\n',
    ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    container: node:20\n    steps:\n"
    "      - uses: docker://alpine:3.20\n",
    ".gitlab-ci.yml": "image: {name: 'python:3.12-slim'}\nservices: [redis:7]\n",
    "charts/web/templates/deploy.yaml": "{{- if .Values.enabled }}\nkind: x\n{{- end }}\n",
    "node_modules/pkg/Dockerfile": "FROM not-scanned:1\n",
    ".git/Dockerfile": "FROM not-scanned:2\n",
    "README.md": "FROM not-a-dockerfile:1\n",
}

EXPECTED = """\
alpine:3.20         # .github/workflows/ci.yml
golang:1.22         # app/Dockerfile
nginx:1.27          # deploy/all.yaml
node:20             # .github/workflows/ci.yml
postgres:16         # compose.yaml
python:3.12-slim    # .gitlab-ci.yml, app/Dockerfile, app/worker.Dockerfile
quay.io/org/tool:2  # deploy/all.yaml
redis:7             # .gitlab-ci.yml
# unresolved: ${REGISTRY}/base:1  # app/Dockerfile:8: ARG REGISTRY has no default value (pass it with --build-arg)
"""


def _tree(root: Path) -> Path:
    for name, text in TREE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_discover_prints_the_sorted_list_with_files_and_unresolved_comments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_tree(tmp_path))
    code = main(["discover", "."])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == EXPECTED
    assert "charts/web/templates/deploy.yaml" in err and "helm template" in err  # skipped with a warning
    assert "left out 2 images" in err and "localhost:5000/internal:1" in err
    assert "not-scanned" not in out and "not-a-dockerfile" not in out
    assert "skipped 1 candidate file(s): 1 dependencies (node_modules/) (node_modules/pkg/Dockerfile)" in err


def test_files_named_directly_and_paths_shown_as_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path)
    code = main(["discover", str(tmp_path / "compose.yaml"), str(tmp_path / "deploy")])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == [
        f"nginx:1.27          # {tmp_path}/deploy/all.yaml",
        f"postgres:16         # {tmp_path}/compose.yaml",
        f"quay.io/org/tool:2  # {tmp_path}/deploy/all.yaml",
    ]


def test_rules_form_parses_as_an_image_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_tree(tmp_path))
    assert main(["discover", ".", "--rules"]) == 0
    out, _ = capsys.readouterr()
    parsed = parse_image_list(out)
    assert parsed.errors == []
    assert {str(e.source) for e in parsed.entries} == {
        str(parse_reference(line.split()[0])) for line in EXPECTED.splitlines() if not line.startswith("#")
    }
    assert '  - source: python\n    tags: ["3.12-slim"]' in out


def test_against_prints_only_what_the_list_lacks_and_reports_its_bad_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_tree(tmp_path))
    (tmp_path / "images.txt").write_text("alpine:3.20\ndocker.io/library/golang:1.22\nnode:20\nBAD LINE\n")
    code = main(["discover", "app", ".github", "--against", "images.txt"])
    out, err = capsys.readouterr()
    assert out == "python:3.12-slim  # app/Dockerfile, app/worker.Dockerfile\n" + EXPECTED.splitlines(True)[-1]
    assert code == 2 and "images.txt:4:" in err


def test_mirror_option_leaves_out_images_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_tree(tmp_path))
    assert main(["discover", "deploy", "--mirror", "quay.io/org", "--public-registry", "localhost:5000"]) == 0
    out, err = capsys.readouterr()
    assert out == "nginx:1.27  # deploy/all.yaml\n"
    assert "quay.io/org/tool:2" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["discover", "no/such/dir"], "'no/such/dir'"),
        (["discover", ".", "--check"], "--check needs --against"),
        (["discover", ".", "--against", "missing.txt"], "'missing.txt'"),
        (["discover", ".", "--mirror", "https://x"], "'https://x'"),
    ],
)
def test_bad_input_is_an_error_naming_it(
    argv: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_tree(tmp_path))
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_the_example_tree_in_the_docs_gives_the_expected_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(EXAMPLE)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert out == (EXAMPLE / "expected.txt").read_text(), err
    assert parse_image_list(out).errors == []
