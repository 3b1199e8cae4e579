"""The function's code asset: `lambda/` plus its requirements, bundled on the host with pip (no Docker).

pip downloads wheels built for the function's platform (manylinux2014 aarch64, CPython 3.13) whatever the
host runs, and `--only-binary=:all:` refuses source distributions that would compile for the host instead.
Docker is only the fallback for a host without pip; the Docker command does the same thing.

The bundle also carries its modules byte-compiled for CPython 3.13 when the host has that interpreter (found on
PATH, under pyenv, or named by ECR_MIRROR_BUNDLE_PYTHON): Lambda's /var/task is read-only, so a bundle without
`.pyc` files compiles every module it imports at each cold start, which tripled the handler's import time
(`python -m bench.coldstart`). The files use unchecked-hash invalidation: the zip's timestamps cannot stale them.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import jsii
from aws_cdk import BundlingOptions, DockerImage, ILocalBundling
from aws_cdk import aws_lambda as lambda_

from .settings import PIP_PLATFORM, PROJECT_ROOT, PYTHON_VERSION

LAMBDA_DIR = PROJECT_ROOT / "lambda"
CONSTRAINTS = "constraints.txt"  # every package of the bundle pinned (scripts/lock_lambda.py)

# Not shipped: the test lab, the command line, tests, caches, build leftovers. Patterns match paths relative to lambda/.
EXCLUDE = (
    "ecr_mirror/lab",
    "ecr_mirror/cli",  # the command line: the function never imports it (an import-linter contract)
    "ecr_mirror/choose/discovery",  # `ecr-mirror discover` reads Dockerfiles and CI files: command line only
    "tests",
    "**/tests",
    "**/__pycache__",
    "**/*.pyc",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    "*.egg-info",
    "build",
)


def _excluded(relative: str) -> bool:
    return any(
        fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative, pattern.removeprefix("**/"))
        for pattern in EXCLUDE
    )


def copy_sources(source: Path, output: Path) -> None:
    """Copy `source` into `output`, leaving out everything EXCLUDE matches."""
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if _excluded(relative) or any(_excluded(p.as_posix()) for p in Path(relative).parents if p != Path()):
            continue
        target = output / relative
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def pip_command(requirements: Path, output: Path) -> list[str]:
    """pip install for the Lambda platform, not the host's, with the pinned constraints beside the requirements."""
    constraints = requirements.parent / CONSTRAINTS
    pinned = ["--constraint", str(constraints)] if constraints.exists() else []
    return [
        sys.executable, "-m", "pip", "install",
        "--requirement", str(requirements),
        *pinned,
        "--target", str(output),
        "--platform", PIP_PLATFORM,
        "--implementation", "cp",
        "--python-version", PYTHON_VERSION,
        "--only-binary=:all:",
        "--no-compile",
        "--disable-pip-version-check",
        "--quiet",
    ]  # fmt: skip


def runtime_interpreter() -> str | None:
    """A CPython of the function's version on this host, or None."""
    candidates = [os.environ.get("ECR_MIRROR_BUNDLE_PYTHON", ""), shutil.which(f"python{PYTHON_VERSION}") or ""]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += [str(p) for p in sorted(pyenv_root.glob(f"versions/{PYTHON_VERSION}*/bin/python{PYTHON_VERSION}"))]
    candidates.append(f"/usr/bin/python{PYTHON_VERSION}")
    probe = "import sys; print('%d.%d' % sys.version_info[:2])"
    for candidate in filter(None, candidates):
        try:
            answer = subprocess.run(  # noqa: S603 - an interpreter path, fixed arguments
                [candidate, "-c", probe], capture_output=True, text=True, timeout=30, check=False
            )
        except OSError:
            continue
        if answer.returncode == 0 and answer.stdout.strip() == PYTHON_VERSION:
            return candidate
    return None


def compile_for_runtime(output: Path) -> bool:
    """Byte-compile the bundle for the function's CPython; False when this host has no such interpreter."""
    interpreter = runtime_interpreter()
    if interpreter is None:
        return False
    command = [interpreter, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash"]
    result = subprocess.run(  # noqa: S603 - fixed argument list, no shell
        [*command, "-s", str(output), "-p", "/var/task", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{interpreter} could not byte-compile the bundle:\n{result.stdout}{result.stderr}")
    return True


@jsii.implements(ILocalBundling)
class LocalPipBundling:
    """Bundles `source` (a directory with requirements.txt) into the asset output directory."""

    def __init__(self, source: Path) -> None:
        self.source = source

    def try_bundle(self, output_dir: str, *, image: DockerImage, **_options: object) -> bool:
        if importlib.util.find_spec("pip") is None:
            return False  # no pip on this host: let CDK fall back to Docker
        output = Path(output_dir)
        requirements = self.source / "requirements.txt"
        if requirements.exists():
            result = subprocess.run(  # noqa: S603 - fixed argument list, no shell
                pip_command(requirements, output), capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                raise RuntimeError(
                    f"pip could not bundle {requirements} for {PIP_PLATFORM} / Python {PYTHON_VERSION}:\n"
                    f"{result.stderr.strip() or result.stdout.strip()}"
                )
        shutil.rmtree(output / "bin", ignore_errors=True)  # console scripts of dependencies: unused
        copy_sources(self.source, output)
        if not compile_for_runtime(output):
            print(
                f"bundling: no Python {PYTHON_VERSION} on this host: the bundle ships without .pyc files "
                "(slower cold starts); set ECR_MIRROR_BUNDLE_PYTHON to a python3.13 to compile them",
                file=sys.stderr,
            )
        return True


def _docker_command(exclude: Sequence[str]) -> list[str]:
    excluded = " ".join(f"--exclude='{pattern}'" for pattern in exclude)
    return [
        "bash", "-c",
        "pip install -r requirements.txt -c constraints.txt -t /asset-output --only-binary=:all: --no-compile"
        f" && tar -C /asset-input {excluded} -cf - . | tar -C /asset-output -xf -"
        " && python -m compileall -q -j 0 --invalidation-mode unchecked-hash -s /asset-output -p /var/task"
        " /asset-output",
    ]  # fmt: skip


def function_code(source: Path = LAMBDA_DIR) -> lambda_.Code:
    """The asset for the function: local pip bundling, Docker only when that is impossible."""
    runtime = lambda_.Runtime.PYTHON_3_13
    return lambda_.Code.from_asset(
        str(source),
        exclude=list(EXCLUDE),
        bundling=BundlingOptions(
            image=runtime.bundling_image,
            platform="linux/arm64",
            command=_docker_command(EXCLUDE),
            local=LocalPipBundling(source),
        ),
    )
