"""`ecr-mirror discover PATH...` on trees of sample files: the list, --rules, --against, --mirror, errors."""

from __future__ import annotations

import json
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


REPO = {
    ".git/HEAD": "ref: refs/heads/main\n",
    ".gitignore": "/dist\n*.generated.yaml\nbuild/\n!build/keep/\n",
    ".gitlab-ci.yml": "include: [{local: .gitlab/ci/test.gitlab-ci.yml}]\nbuild:\n  image: docker:27\n  script: [x]\n",
    ".gitlab/ci/test.gitlab-ci.yml": "test:\n  image: python:3.13-slim\n  script: [pytest]\n",
    ".gitlab-ci/fedora.Dockerfile": "FROM fedora:41\n",
    ".devcontainer/devcontainer.json": '{\n  // dev\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",\n}\n',
    ".circleci/config.yml": "version: 2.1\njobs:\n  t:\n    docker:\n      - image: cimg/node:22.1\n",
    "tools/Dockerfile-chroot": "# syntax=docker/dockerfile:1.7\nFROM debian:bookworm\n",
    "vendor/github.com/x/y/Dockerfile": "FROM vendored:1\n",
    "web/node_modules/pkg/compose.yaml": "services: {a: {image: 'nodemod:1'}}\n",
    "dist/Dockerfile": "FROM ignored-dist:1\n",
    "k8s/app.generated.yaml": "apiVersion: v1\nkind: Pod\nspec: {containers: [{image: 'ignored-gen:1'}]}\n",
    "testdata/Dockerfile": "FROM excluded:1\n",
    "compose.yaml": "services:\n  db:\n    image: postgres:${PG_VERSION}\n  ch:\n    image: ch-local\n    build:\n"
    "      context: ./ch\n      args: [BASE]\n",
    ".env": "PG_VERSION=17\nBASE=clickhouse/clickhouse-server:25.3\n",
    "ch/Dockerfile": "ARG BASE\nFROM ${BASE}\n",
    "charts/app/values.yaml": "image:\n  repository: nginx\n  tag: 1.27\n",
    "charts/app/overrides.yaml": "image:\n  repository: nginx\n  tag: 1.28\n",
}


def _repo(root: Path) -> Path:
    for name, text in REPO.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_hidden_ci_folders_are_walked_and_what_is_skipped_is_counted_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_repo(tmp_path))
    assert main(["discover", ".", "--exclude", "testdata/"]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == [
        "cimg/node:22.1",
        "clickhouse/clickhouse-server:25.3",  # ch/Dockerfile with compose's build argument, from .env
        "debian:bookworm",
        "docker/dockerfile:1.7",
        "docker:27",
        "fedora:41",
        "mcr.microsoft.com/devcontainers/base:ubuntu",
        "nginx:1.27",  # a values file of a chart elsewhere, read by its name
        "postgres:17",
        "python:3.13-slim",
    ]
    assert "skipped 5 candidate file(s): " in err
    assert "2 ignored by .gitignore (dist/Dockerfile, k8s/app.generated.yaml)" in err
    assert "1 matched by --exclude (testdata/Dockerfile)" in err
    assert "1 dependencies (node_modules/) (web/node_modules/pkg/compose.yaml)" in err
    assert "1 vendored dependencies (vendor/) (vendor/github.com/x/y/Dockerfile)" in err
    assert "1 YAML file(s) with `image:` keys" in err and "charts/app/overrides.yaml" in err


def test_an_unrecognised_or_unreadable_file_named_explicitly_is_a_warning_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("notes.txt").write_text("FROM alpine:3.20\n")
    Path("Dockerfile.bin").write_bytes(b"FROM \xff\xfe\n")
    Path("Dockerfile").write_text("FROM alpine:3.20\n")
    assert main(["discover", "notes.txt", "Dockerfile.bin", "Dockerfile"]) == 0
    out, err = capsys.readouterr()
    assert out == "alpine:3.20  # Dockerfile\n"
    assert "'notes.txt' is not a Dockerfile" in err and "Dockerfile.bin: not UTF-8 text; skipped" in err


def test_every_unresolved_line_names_its_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("compose.yaml").write_text("services:\n  a:\n    image: redis\n  b:\n    image: app:${TAG}\n")
    Path(".gitlab-ci.yml").write_text("job:\n  image: !reference [.shared, image]\n  script: [x]\n")
    assert main(["discover", "."]) == 0
    out, _ = capsys.readouterr()
    unresolved = [line for line in out.splitlines() if line.startswith("# unresolved:")]
    assert unresolved == [
        "# unresolved: !reference [.shared, image]  # .gitlab-ci.yml:2: .shared is not in this file "
        "(an `include:` may define it)",
        "# unresolved: app:${TAG}  # compose.yaml:5: ${TAG} has no default and no value in .env "
        "(compose also reads the environment; discover does not)",
    ]


def test_check_against_a_list_exits_1_when_an_image_is_not_mirrored_and_0_when_all_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_tree(tmp_path))
    assert main(["discover", "."]) == 0
    listed, _ = capsys.readouterr()
    Path("all.txt").write_text(listed)
    assert main(["discover", ".", "--against", "all.txt", "--check"]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # the unresolved lines go to stderr: they cannot be checked
    assert "not checked: ${REGISTRY}/base:1  # app/Dockerfile:8:" in err
    Path("some.txt").write_text("".join(line for line in listed.splitlines(True) if "redis" not in line))
    assert main(["discover", ".", "--against", "some.txt", "--check"]) == 1
    out, err = capsys.readouterr()
    assert out == "redis:7  # .gitlab-ci.yml\n"
    assert "1 image(s) used but not in the list" in err


def test_json_gives_one_record_per_use_with_file_line_kind_reference_and_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_tree(tmp_path))
    Path("list.txt").write_text("golang:1.22\n")
    assert main(["discover", "app", "--json", "--against", "list.txt", "--check"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert records[:2] == [
        {
            "file": "app/Dockerfile",
            "line": 3,
            "kind": "Dockerfile",
            "use": "FROM",
            "written": "golang:1.22",
            "reference": "golang:1.22",
            "status": "mirrored",
            "reason": None,
        },
        {
            "file": "app/Dockerfile",
            "line": 6,
            "kind": "Dockerfile",
            "use": "FROM",
            "written": "python:3.12-slim",
            "reference": "python:3.12-slim",
            "status": "missing",
            "reason": None,
        },
    ]
    assert [(r["status"], r["reference"]) for r in records[2:]] == [
        ("unresolved", None),
        ("missing", "python:3.12-slim"),
        ("left-out", "localhost:5000/internal:1"),
    ]
