"""Run child processes and measure each one: wall time and its own peak RSS (ru_maxrss from os.wait4).

Why a launcher: Linux starts a new process's ru_maxrss at the peak RSS of the process that spawned it (at
execve the old address space's high-water mark is kept), so children spawned straight from the benchmark
(which may have held a layer in memory while building the corpus) would all report its peak. Every measured
command is therefore spawned by a small helper (`python -I -S`, only `os`, `sys`, `json`, `signal`, `time`)
started before the benchmark grows; its own high-water mark is the floor of every figure (about
`Launcher.floor_kib`, reported in the results), which matters only for tiny processes such as curl.

`os.wait4(pid)` then gives the rusage of exactly that child, so the peak RSS of a pipe's two curls, or of
each skopeo in a loop, is known per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LAUNCHER = r"""
import json, os, signal, sys, time
children = []
def on_alarm(signum, frame):
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
signal.signal(signal.SIGALRM, on_alarm)
devnull = os.open(os.devnull, os.O_RDONLY)
for line in sys.stdin:
    req = json.loads(line)
    cmds = req["cmds"]
    pipes = [os.pipe() for _ in cmds[1:]]
    pipe_fds = [fd for p in pipes for fd in p]
    started = time.perf_counter()
    children = []
    opened = []
    try:
        for i, cmd in enumerate(cmds):
            out = os.open(cmd["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600) if cmd["stdout"] else None
            err = os.open(cmd["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            opened += [fd for fd in (out, err) if fd is not None]
            stdin = pipes[i - 1][0] if i > 0 else devnull
            stdout = pipes[i][1] if i < len(pipes) else out
            actions = [(os.POSIX_SPAWN_DUP2, stdin, 0), (os.POSIX_SPAWN_DUP2, stdout, 1), (os.POSIX_SPAWN_DUP2, err, 2)]
            actions += [(os.POSIX_SPAWN_CLOSE, fd) for fd in pipe_fds + opened]
            children.append(os.posix_spawnp(cmd["argv"][0], cmd["argv"], cmd["env"], file_actions=actions))
    except OSError as exc:
        for fd in pipe_fds + opened:
            os.close(fd)
        for pid in children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
        continue
    for fd in pipe_fds + opened:
        os.close(fd)
    signal.alarm(max(1, int(req["timeout"])))
    done = {}
    while len(done) < len(children):
        pid, status, usage = os.wait4(-1, 0)
        done[pid] = {"code": os.waitstatus_to_exitcode(status), "rss": usage.ru_maxrss,
                     "cpu": usage.ru_utime + usage.ru_stime,
                     "seconds": time.perf_counter() - started}
    signal.alarm(0)
    print(json.dumps({"results": [done[pid] for pid in children]}), flush=True)
"""


class ProcessFailedError(RuntimeError):
    pass


@dataclass
class ProcResult:
    argv: list[str]
    returncode: int
    seconds: float
    max_rss_kib: int
    cpu_seconds: float = 0.0  # user + system time of this process (and of children it waited for)
    stdout: bytes = b""
    stderr: bytes = b""

    def check(self) -> ProcResult:
        if self.returncode != 0:
            tail = self.stderr.decode(errors="replace")[-2000:]
            raise ProcessFailedError(f"`{' '.join(self.argv[:4])} ...` exited {self.returncode}:\n{tail}")
        return self


@dataclass
class Measured:
    """One contender's run: total wall time and the largest peak RSS among its processes."""

    seconds: float
    max_rss_kib: int
    processes: int
    results: list[ProcResult] = field(default_factory=list)

    @property
    def cpu_seconds(self) -> float:
        return sum(r.cpu_seconds for r in self.results)


class Launcher:
    """A small helper process that spawns measured commands (see the module docstring)."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._lock = threading.Lock()
        self.floor_kib = self.run(["true"]).max_rss_kib

    def close(self) -> None:
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait(timeout=10)

    def _call(self, cmds: list[dict[str, Any]], timeout: float) -> list[dict[str, Any]]:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        with self._lock:
            self._proc.stdin.write(json.dumps({"cmds": cmds, "timeout": timeout}) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        if not line:
            raise ProcessFailedError("the benchmark's launcher process died")
        answer = json.loads(line)
        if "error" in answer:
            raise ProcessFailedError(f"cannot start {cmds[0]['argv'][0]}: {answer['error']}")
        results: list[dict[str, Any]] = answer["results"]
        return results

    def run_many(
        self,
        commands: Sequence[Sequence[str]],
        env: Mapping[str, str] | None,
        timeout: float,
        capture_last: bool = True,
    ) -> list[ProcResult]:
        """Run commands as one pipeline (each one's stdout into the next one's stdin)."""
        environ = dict(env) if env is not None else _environ()
        with tempfile.TemporaryDirectory(prefix="bench-proc-") as tmp:
            d = Path(tmp)
            cmds = [
                {
                    "argv": list(argv),
                    "env": environ,
                    "stderr": str(d / f"{i}.err"),
                    "stdout": str(d / f"{i}.out") if i == len(commands) - 1 and capture_last else None,
                }
                for i, argv in enumerate(commands)
            ]
            if cmds[-1]["stdout"] is None:
                cmds[-1]["stdout"] = "/dev/null"
            answers = self._call(cmds, timeout)
            return [
                ProcResult(
                    list(argv),
                    int(a["code"]),
                    float(a["seconds"]),
                    int(a["rss"]),
                    float(a["cpu"]),
                    _read(d / f"{i}.out"),
                    _read(d / f"{i}.err"),
                )
                for i, (argv, a) in enumerate(zip(commands, answers, strict=True))
            ]

    def run(self, argv: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 900.0) -> ProcResult:
        return self.run_many([argv], env, timeout)[0]


def _environ() -> dict[str, str]:
    return dict(os.environ)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


_LAUNCHER: Launcher | None = None


def launcher() -> Launcher:
    """The process-wide launcher, started on first use (start it early: see the module docstring)."""
    global _LAUNCHER  # noqa: PLW0603
    if _LAUNCHER is None or _LAUNCHER._proc.poll() is not None:
        _LAUNCHER = Launcher()
    return _LAUNCHER


def shutdown() -> None:
    global _LAUNCHER  # noqa: PLW0603
    if _LAUNCHER is not None:
        _LAUNCHER.close()
        _LAUNCHER = None


def run(argv: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 900.0) -> ProcResult:
    return launcher().run(argv, env=env, timeout=timeout)


def run_pipe(
    first: Sequence[str], second: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 900.0
) -> list[ProcResult]:
    """`first | second`, both measured; the pipe is the kernel's (no copy through the benchmark)."""
    return launcher().run_many([first, second], env, timeout)
