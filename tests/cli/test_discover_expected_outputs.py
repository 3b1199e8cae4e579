"""Tests' expected outputs (golden files `*.golden`, `*.golden.yml`, `*-expected.yaml`, `expected/` and `golden/`
directories) are what a test compares its output with, never applied; the inputs beside them named for the same
case (`NAME.input.yml` beside `NAME.golden.yml`) are what the test feeds the program it checks. `discover` does not
read either, and counts them on stderr; other test data is still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"


def _pod(*images: str) -> str:
    return _POD + "".join(f"  - name: c{i}\n    image: {image}\n" for i, image in enumerate(images))


TREE = {
    # `acme inject` golden tests: the input, the output compared with, and an expected/ directory
    "cli/testdata/inject_web.input.yml": _pod("nginx:1.27", "acme/proxy-init:foo"),
    "cli/testdata/inject_web.golden.yml": _pod("nginx:1.27", "ghcr.io/acme/proxy:test-version"),
    "cli/testdata/inject_tap.input.yml": _pod("ghcr.io/acme/tap:git-a94122bf"),
    "cli/testdata/inject_tap.bad.golden": "Error: the proxy is already injected\n",
    "cli/testdata/inject-filepath/expected/injected_redis.yaml": _pod("redis:latest", "ghcr.io/acme/proxy:install"),
    "cli/testdata/golden/render.yaml": _pod("ghcr.io/acme/proxy:golden-dir"),
    # a controller test's fixture and the scan report it expects
    "tests/testdata/fixture/job-expected-scan.yaml": _pod("aquasec/trivy:0.35.0"),
    # test data not paired with an expected output: an e2e suite's manifest, still read
    "test/integration/testdata/app.yaml": _pod("buoyantio/bb:v0.0.6"),
}


def test_expected_outputs_and_their_inputs_are_not_read_and_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == ["buoyantio/bb:v0.0.6"]
    assert "6 tests' expected outputs and their inputs (" in err
    assert "cli/testdata/inject_tap.input.yml" in err


def test_a_script_named_for_golden_files_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "drivers/testdata/gen-golden.sh": "#!/bin/sh\ndocker run --rm postgres:13 pg_dump --version\n",
            "charts/web/ci/extra-values.yaml": "image:\n  repository: busybox\n  tag: '1.36'\n",
            "charts/web/ci/extra-values.golden.yaml": _pod("busybox:1.36"),
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    # the values file beside the golden rendering is read (named as values files are, of a chart elsewhere here),
    # the rendering is not
    assert [(line.split()[0], line.split()[-1]) for line in out.splitlines()] == [
        ("busybox:1.36", "charts/web/ci/extra-values.yaml"),
        ("postgres:13", "drivers/testdata/gen-golden.sh"),
    ]


def test_an_expected_output_named_as_a_path_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "cli/testdata/inject_web.golden.yml"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["ghcr.io/acme/proxy:test-version", "nginx:1.27"]


def test_an_input_numbered_for_a_stage_of_the_case_whose_expected_output_is_beside_it_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a fixer's test cases: stage 00 the input, stage 01 the output expected (`tc-02-00-input.yaml`,
    # `tc-02-01-expected.yaml`), the input word also followed by a description
    write_tree(
        tmp_path,
        {
            "core/fixhandler/testdata/removals/tc-02-00-input.yaml": _pod("nginx:latest", "image_with_issues:latest"),
            "core/fixhandler/testdata/removals/tc-02-01-expected.yaml": _pod("nginx:latest"),
            "core/fixhandler/testdata/inserts/tc-03-00-input-comments.yaml": _pod("nginx:1.25"),
            "core/fixhandler/testdata/inserts/tc-03-01-expected.yaml": _pod("nginx:1.25"),
            # a numbered input of another case, and a numbered file without the input word: read
            "core/fixhandler/testdata/inserts/tc-04-00-input.yaml": _pod("redis:7"),
            "core/fixhandler/testdata/inserts/deploy-01.yaml": _pod("busybox:1.36"),
            "core/fixhandler/testdata/inserts/deploy-02-expected.yaml": _pod("busybox:1.37"),
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [(line.split()[0], line.split()[-1]) for line in out.splitlines()] == [
        ("busybox:1.36", "core/fixhandler/testdata/inserts/deploy-01.yaml"),
        ("redis:7", "core/fixhandler/testdata/inserts/tc-04-00-input.yaml"),
    ]
    assert "5 tests' expected outputs and their inputs (" in err


def test_a_file_named_for_the_case_of_an_input_beside_it_is_that_case_s_expected_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a Go table test: `inputFile: "build_base.input.yaml"`, `wantFile: "build_base.yaml"`
    write_tree(
        tmp_path,
        {
            "internal/controllers/testdata/build_base.input.yaml": _pod("ghcr.io/acme/collector:0.1"),
            "internal/controllers/testdata/build_base.yaml": _pod("test:latest"),
            # no input of that case beside it: read
            "internal/controllers/testdata/build_present.yaml": _pod("busybox:1.36"),
            # an `input` word that names no golden input (a workflow taking an input parameter): both read
            "test/e2e/functional/dag-targets.yaml": _pod("alpine:3.20"),
            "test/e2e/functional/dag-targets-input-param.yaml": _pod("alpine:3.21"),
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [(line.split()[0], line.split()[-1]) for line in out.splitlines()] == [
        ("alpine:3.20", "test/e2e/functional/dag-targets.yaml"),
        ("alpine:3.21", "test/e2e/functional/dag-targets-input-param.yaml"),
        ("busybox:1.36", "internal/controllers/testdata/build_present.yaml"),
    ]
    assert "2 tests' expected outputs and their inputs (" in err


def test_an_output_named_out_beside_its_input_named_in_is_a_golden_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a chart's rendering tests: `NAME.in.yaml` values rendered and compared with `NAME.out.yaml`
    write_tree(
        tmp_path,
        {
            "test/helm/gateway-helm/custom-registry.in.yaml": "global:\n  imageRegistry: private-hub\n",
            "test/helm/gateway-helm/custom-registry.out.yaml": _pod("private-hub/acme/gateway:abcdef12"),
            # an `out` word without its `in` case beside it: read
            "deploy/scale-out.yaml": _pod("acme/worker:1.2"),
            "deploy/blue.out.yaml": _pod("acme/blue:1.0"),
            # the same case with another extension is no pair: read
            "examples/app.in.json": "{}\n",
            "examples/app.out.yaml": _pod("acme/app:2.0"),
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [(line.split()[0], line.split()[-1]) for line in out.splitlines()] == [
        ("acme/app:2.0", "examples/app.out.yaml"),
        ("acme/blue:1.0", "deploy/blue.out.yaml"),
        ("acme/worker:1.2", "deploy/scale-out.yaml"),
    ]
    assert "2 tests' expected outputs and their inputs (" in err
