"""`scripts/setup.sh` on a machine whose package manager is busy: it waits for the lock, at most APT_LOCK_TIMEOUT
seconds, saying what it waits for, and apt-get is told to wait too (DPkg::Lock::Timeout).

The script runs for real (bash) in a copy of the project tree whose .venv already exists; `apt-get` and `fuser`
are stand-ins on PATH: apt-get fails as apt does on a held lock unless it is told to wait, and fuser reports a
holder of the lock for as long as the test says."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "setup.sh"
TOOLS = ("bash", "dirname", "id", "sleep", "ps", "paste", "tr", "sort", "cat")


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def _machine(tmp_path: Path, held_for_checks: int) -> tuple[Path, dict[str, str]]:
    """A project copy with .venv present, and a PATH without docker-registry, skopeo and htpasswd."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(SCRIPT, project / "scripts" / "setup.sh")
    (project / ".venv" / "bin").mkdir(parents=True)
    _executable(project / ".venv" / "bin" / "python", "#!/bin/sh\nexit 0\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    _executable(bin_dir / "sudo", '#!/bin/sh\nexec "$@"\n')
    log = tmp_path / "apt-get.log"
    _executable(
        bin_dir / "apt-get",
        f'#!/bin/sh\necho "$*" >> {log}\ncase "$*" in *"DPkg::Lock::Timeout="*) exit 0;; esac\n'
        'echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1 (unattended-upgr)" >&2\n'
        "exit 100\n",
    )
    checks = tmp_path / "fuser-checks"
    _executable(
        bin_dir / "fuser",
        f'#!/bin/sh\necho x >> {checks}\n[ "$(wc -l < {checks})" -le {held_for_checks} ] && echo " 1"\nexit 0\n',
    )
    (bin_dir / "wc").symlink_to(shutil.which("wc") or "/usr/bin/wc")
    return project, {"PATH": str(bin_dir), "SKIP_CDK_CLI": "1", "HOME": str(tmp_path)}


def _setup(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = project / "scripts" / "setup.sh"
    bash = shutil.which("bash") or "/bin/bash"
    return subprocess.run([bash, str(script)], env=env, capture_output=True, text=True, timeout=120, check=False)


def test_setup_waits_for_a_held_lock_saying_what_it_waits_for(tmp_path: Path) -> None:
    project, env = _machine(tmp_path, held_for_checks=3)  # the lock is held for the first checks, then free

    done = _setup(project, env)

    assert done.returncode == 0, done.stderr
    assert "setup: waiting up to 600s for the package manager lock, held by " in done.stdout
    assert "(pid 1)" in done.stdout and "unattended-upgrades" in done.stdout
    calls = (tmp_path / "apt-get.log").read_text().splitlines()
    assert [c.split(" ", 2)[:2] for c in calls] == [["-o", "DPkg::Lock::Timeout=600"]] * 2
    assert "install -y -qq --no-install-recommends docker-registry skopeo apache2-utils" in calls[1]


def test_setup_gives_up_after_the_bound_naming_the_holder(tmp_path: Path) -> None:
    project, env = _machine(tmp_path, held_for_checks=1000)

    done = _setup(project, env | {"APT_LOCK_TIMEOUT": "2"})

    assert done.returncode == 1
    assert "setup: the package manager lock is still held after 2s by " in done.stderr
    assert "set APT_LOCK_TIMEOUT=SECONDS" in done.stderr
    assert not (tmp_path / "apt-get.log").exists()  # nothing was tried under a held lock
