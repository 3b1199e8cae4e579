"""The function asset: lambda/ without the lab, tests and caches, plus aarch64 CPython 3.13 wheels."""

from __future__ import annotations

from pathlib import Path

import pytest

from infra.bundling import CONSTRAINTS, LAMBDA_DIR, copy_sources, pip_command, runtime_interpreter


def _pins(path: Path) -> dict[str, str]:
    """name -> version of every `name==version` line (names normalised as pip does)."""
    pins = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def _tree(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def test_copy_leaves_out_lab_cli_tests_and_caches(tmp_path: Path) -> None:
    source = tmp_path / "src"
    for name in (
        "requirements.txt",
        "pkg/__init__.py",
        "pkg/core.py",
        "pkg/__pycache__/core.cpython-311.pyc",
        "pkg/lab/registry.py",
        "pkg/sub/tests/test_x.py",
        "tests/test_y.py",
        ".mypy_cache/x.json",
        "pkg.egg-info/PKG-INFO",
    ):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text("x", encoding="utf-8")
    (source / "ecr_mirror" / "lab").mkdir(parents=True)
    (source / "ecr_mirror" / "lab" / "content.py").write_text("x", encoding="utf-8")
    (source / "ecr_mirror" / "cli").mkdir(parents=True)
    (source / "ecr_mirror" / "cli" / "main.py").write_text("x", encoding="utf-8")
    (source / "ecr_mirror" / "choose").mkdir(parents=True)
    (source / "ecr_mirror" / "choose" / "naming.py").write_text("x", encoding="utf-8")
    output = tmp_path / "out"
    copy_sources(source, output)
    assert _tree(output) == {
        "requirements.txt",
        "pkg/__init__.py",
        "pkg/core.py",
        "pkg/lab/registry.py",
        "ecr_mirror/choose/naming.py",
    }


@pytest.mark.slow
@pytest.mark.network
@pytest.mark.xdist_group("lambda-bundle")  # one worker builds the bundle once: see conftest
def test_local_bundling_installs_arm64_wheels_for_python_313(lambda_bundle: Path) -> None:
    """Real pip against PyPI: the pinned requirements must all exist as manylinux aarch64 cp313 wheels."""
    files = _tree(lambda_bundle)
    assert "ecr_mirror/__init__.py" in files
    assert "ecr_mirror/function/handler.py" in files
    assert not [f for f in files if f.startswith(("ecr_mirror/lab/", "ecr_mirror/cli/"))]
    assert not [f for f in files if f.startswith("bin/")]
    assert not [f for f in files if "__pycache__" in f and ".cpython-313." not in f], "only 3.13 byte code"
    assert {"httpx/__init__.py", "aws_lambda_powertools/__init__.py", "boto3/__init__.py"} <= files
    native = [f for f in files if f.endswith(".so")]
    assert native, "expected at least one compiled extension (wrapt)"
    assert all("cpython-313-aarch64-linux-gnu" in f or "abi3" in f for f in native), native
    installed = {
        name.lower().replace("_", "-"): version
        for name, version in (
            f.split("/", 1)[0].removesuffix(".dist-info").rsplit("-", 1) for f in files if ".dist-info/" in f
        )
    }
    assert installed == _pins(LAMBDA_DIR / CONSTRAINTS), "the bundle must be exactly the pinned set"
    # Byte code for the function's CPython (this machine kind has 3.13 under pyenv): a cold start imports it
    # instead of compiling every module on the read-only /var/task.
    assert runtime_interpreter() is not None, "no CPython 3.13 on this host to compile the bundle with"
    for module in ("ecr_mirror/function/handler", "botocore/client", "httpx/_client"):
        folder, name = module.rsplit("/", 1)
        assert f"{folder}/__pycache__/{name}.cpython-313.pyc" in files, module


def test_every_requirement_is_pinned_alike_in_the_constraints() -> None:
    """A requirement bumped without re-running scripts/lock_lambda.py fails here, not at synth time."""
    requirements, constraints = _pins(LAMBDA_DIR / "requirements.txt"), _pins(LAMBDA_DIR / CONSTRAINTS)
    assert requirements, "lambda/requirements.txt pins nothing"
    assert {name: constraints.get(name) for name in requirements} == requirements


def test_pip_installs_with_the_constraints_beside_the_requirements(tmp_path: Path) -> None:
    command = pip_command(LAMBDA_DIR / "requirements.txt", tmp_path)
    assert command[command.index("--constraint") + 1] == str(LAMBDA_DIR / CONSTRAINTS)
    assert "--constraint" not in pip_command(tmp_path / "requirements.txt", tmp_path)  # none there: none passed
