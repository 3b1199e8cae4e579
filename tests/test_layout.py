"""The package layout holds: import-linter's layer contracts pass (and catch a pure module importing the client),
and no module grows past what one reader takes in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lambda" / "ecr_mirror"
MAX_MODULE_LINES = 350


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project / "lambda")}
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--no-cache"], cwd=project, env=env, capture_output=True, text=True, check=False, timeout=120
    )


def test_import_contracts_are_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_pure_module_importing_the_client_breaks_a_contract(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(PACKAGE, tmp_path / "lambda" / "ecr_mirror", ignore=shutil.ignore_patterns("__pycache__"))
    platforms = tmp_path / "lambda" / "ecr_mirror" / "choose" / "platforms.py"
    platforms.write_text(platforms.read_text() + "\nfrom ecr_mirror.oci.client import RegistryClient  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "ecr_mirror.choose.platforms -> ecr_mirror.oci.client" in result.stdout


def test_a_front_door_importing_the_other_breaks_a_contract(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(PACKAGE, tmp_path / "lambda" / "ecr_mirror", ignore=shutil.ignore_patterns("__pycache__"))
    handler = tmp_path / "lambda" / "ecr_mirror" / "function" / "handler.py"
    handler.write_text(handler.read_text() + "\nfrom ecr_mirror.cli.output import print_report  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "ecr_mirror.function.handler -> ecr_mirror.cli.output" in result.stdout


def test_no_module_is_longer_than_one_reader_takes_in() -> None:
    roots = [PACKAGE, ROOT / "infra", ROOT / "bench", ROOT / "scripts", ROOT / "tests"]
    long = {
        str(path.relative_to(ROOT)): n
        for root in roots
        for path in root.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_no_module_is_named_after_a_standard_library_module() -> None:
    clashes = sorted(
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if path.stem in sys.stdlib_module_names and path.stem != "__main__"
    )
    assert not clashes
