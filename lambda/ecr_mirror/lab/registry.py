"""LocalRegistry: the real distribution registry (`docker-registry serve CONFIG`) on a free loopback port.

    with LocalRegistry() as reg:                                   # anonymous
    with LocalRegistry(htpasswd={"lab": "lab-secret"}) as reg:     # Basic auth
    with TokenServer() as ts, LocalRegistry(token=ts) as reg:      # token auth, like Docker Hub

Each instance has its own temp dir holding config.yml (JSON, which is valid YAML), storage/, access.log (stdout:
one line per request, see accesslog.py) and registry.log (stderr: the JSON application log).
`request_counts()` counts requests by (method, kind) since start or the last `reset_counts()`.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import json
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Protocol

import httpx

from ecr_mirror.lab.accesslog import RequestRecord, count, parse_line
from ecr_mirror.lab.defaults import REGISTRY_BINARIES, REGISTRY_BINARY_ENV
from ecr_mirror.lab.htpasswd import Method, write_htpasswd
from ecr_mirror.lab.tlscerts import TlsFiles

AuthMode = Literal["anonymous", "basic", "token"]
SYNC_PREFIX = "/_lab/sync/"


class RegistryBinaryMissingError(RuntimeError):
    pass


class RegistryStartError(RuntimeError):
    pass


class TokenAuthority(Protocol):
    """What the registry needs from a token server (TokenServer implements it)."""

    @property
    def realm(self) -> str: ...
    @property
    def service(self) -> str: ...
    @property
    def issuer(self) -> str: ...
    @property
    def rootcertbundle(self) -> Path: ...
    @property
    def credentials(self) -> tuple[str, str] | None: ...


def find_registry_binary() -> str:
    """Path of the distribution registry binary ($ECR_MIRROR_REGISTRY_BIN, docker-registry, registry)."""
    explicit = os.environ.get(REGISTRY_BINARY_ENV)
    candidates = [explicit] if explicit else list(REGISTRY_BINARIES)
    for name in candidates:
        found = shutil.which(name)
        if found:
            return found
    raise RegistryBinaryMissingError(
        f"the distribution registry binary was not found (looked for {', '.join(candidates)}): "
        "install it with `apt-get install docker-registry`, or set $" + REGISTRY_BINARY_ENV
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


class LocalRegistry:
    def __init__(
        self,
        *,
        htpasswd: Mapping[str, str] | None = None,
        token: TokenAuthority | None = None,
        credentials: tuple[str, str] | None = None,
        extra_config: Mapping[str, Any] | None = None,
        workdir: Path | None = None,
        binary: str | None = None,
        startup_timeout: float = 20.0,
        htpasswd_method: Method = "auto",
        tls: TlsFiles | None = None,
        environment: Mapping[str, str] | None = None,
    ) -> None:
        if htpasswd is not None and token is not None:
            raise ValueError("choose htpasswd or token auth, not both")
        if refused := sorted(k for k in environment or {} if k.startswith("REGISTRY_")):
            raise ValueError(f"environment: {', '.join(refused)} would override config.yml; use extra_config")
        self.auth_mode: AuthMode = "basic" if htpasswd is not None else "token" if token else "anonymous"
        self.users = dict(htpasswd or {})
        self.token = token
        self._credentials = credentials
        self._extra = dict(extra_config or {})
        self._own_workdir = workdir is None
        self.workdir = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="ecr-mirror-lab-registry-"))
        self.binary = binary or find_registry_binary()
        self.startup_timeout = startup_timeout
        self.htpasswd_method: Method = htpasswd_method
        self.tls = tls  # serve HTTPS with this certificate (clients must trust tls.ca)
        # The registry process's variables beside ours, e.g. Go's GOGC (benchmarks); REGISTRY_* are refused above.
        self.environment = dict(environment or {})
        self.port = 0
        self.config: dict[str, Any] = {}
        self._proc: subprocess.Popen[bytes] | None = None
        self._offset = 0

    # -- paths and addresses ---------------------------------------------------------------------------------
    @property
    def storage_dir(self) -> Path:
        return self.workdir / "storage"

    @property
    def config_path(self) -> Path:
        return self.workdir / "config.yml"

    @property
    def access_log_path(self) -> Path:
        return self.workdir / "access.log"

    @property
    def log_path(self) -> Path:
        return self.workdir / "registry.log"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}"

    @property
    def verify(self) -> ssl.SSLContext | bool:
        """What an httpx client needs to trust this registry: the lab CA under TLS."""
        return ssl.create_default_context(cafile=str(self.tls.ca)) if self.tls else True

    @property
    def credentials(self) -> tuple[str, str] | None:
        """Credentials that can push here: given ones, else the first htpasswd user, else the token server's."""
        if self._credentials:
            return self._credentials
        if self.users:
            return next(iter(self.users.items()))
        return self.token.credentials if self.token else None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def ref(self, repository: str, tag_or_digest: str = "latest") -> str:
        """host/repository:tag or host/repository@digest."""
        sep = "@" if ":" in tag_or_digest else ":"
        return f"{self.host}/{repository}{sep}{tag_or_digest}"

    # -- lifecycle -------------------------------------------------------------------------------------------
    def _build_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {
            "version": 0.1,
            "log": {"level": "info", "formatter": "json", "accesslog": {"disabled": False}},
            "storage": {
                "filesystem": {"rootdirectory": str(self.storage_dir)},
                "delete": {"enabled": True},
                "maintenance": {"uploadpurging": {"enabled": False}},
            },
            "http": {"addr": self.host, "secret": secrets.token_hex(16)},
        }
        if self.tls is not None:
            config["http"]["tls"] = {"certificate": str(self.tls.certificate), "key": str(self.tls.key)}
        if self.auth_mode == "basic":
            path = self.workdir / "htpasswd"
            write_htpasswd(path, self.users, self.htpasswd_method)
            config["auth"] = {"htpasswd": {"realm": "lab-registry", "path": str(path)}}
        elif self.token is not None:
            config["auth"] = {
                "token": {
                    "realm": self.token.realm,
                    "service": self.token.service,
                    "issuer": self.token.issuer,
                    "rootcertbundle": str(self.token.rootcertbundle),
                }
            }
        return _merge(config, self._extra)

    def start(self) -> LocalRegistry:
        if self.running:
            return self
        self.storage_dir.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}  # env overrides config
        env.update(self.environment)
        last_error = ""
        for _ in range(5):  # a free port can be taken between probing and binding
            self.port = free_port()
            self.config = self._build_config()
            self.config_path.write_text(json.dumps(self.config, indent=2))
            with self.access_log_path.open("wb") as out, self.log_path.open("wb") as err:
                self._proc = subprocess.Popen(
                    [self.binary, "serve", str(self.config_path)],
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    env=env,
                    cwd=self.workdir,
                )
            atexit.register(self.stop)
            try:
                self._wait_ready()
            except RegistryStartError as exc:
                last_error = str(exc)
                self._terminate()
                if "address already in use" in last_error:
                    continue
                raise
            self.reset_counts()
            return self
        raise RegistryStartError(last_error)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        with httpx.Client(timeout=2.0, verify=False) as client:
            while time.monotonic() < deadline:
                if self._proc is None or self._proc.poll() is not None:
                    raise RegistryStartError(f"docker-registry exited at start:\n{self.log_tail()}")
                with contextlib.suppress(httpx.TransportError):
                    if client.get(f"{self.url}/v2/").status_code in (200, 401):
                        return
                time.sleep(0.05)
        raise RegistryStartError(f"docker-registry did not answer /v2/ in {self.startup_timeout}s:\n{self.log_tail()}")

    def _terminate(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)

    def stop(self, *, keep_files: bool = False) -> None:
        """Stop the process; remove the temp dir unless keep_files or a workdir was given."""
        self._terminate()
        atexit.unregister(self.stop)
        if self._own_workdir and not keep_files:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def detach(self) -> int:
        """Leave the registry running after this process exits (its files stay too); returns its process id."""
        if self._proc is None:
            raise RegistryStartError("the registry is not running")
        atexit.unregister(self.stop)
        proc, self._proc = self._proc, None
        return proc.pid

    def __enter__(self) -> LocalRegistry:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- logs and request counting ---------------------------------------------------------------------------
    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def sync_log(self, timeout: float = 5.0) -> None:
        """Make sure the access log holds every request answered so far.

        The registry writes a request's line just after sending its response, so a client can be faster than
        the log. We send a marker request and wait for its line: lines of earlier requests come before it.
        """
        if not self.running:
            return
        marker = SYNC_PREFIX + uuid.uuid4().hex
        with httpx.Client(timeout=5.0, verify=False) as client:  # a log marker on loopback
            client.get(self.url + marker)
        deadline = time.monotonic() + timeout
        needle = marker.encode()
        while time.monotonic() < deadline:
            if needle in self._read_from(self._offset):
                return
            time.sleep(0.005)
        raise TimeoutError(f"the registry's access log did not show {marker} within {timeout}s")

    def _read_from(self, offset: int) -> bytes:
        with self.access_log_path.open("rb") as f:
            f.seek(offset)
            return f.read()

    def _read_records(self) -> tuple[list[RequestRecord], int]:
        """Complete lines after the reset point, and the offset just past them."""
        data = self._read_from(self._offset)
        complete = data[: data.rfind(b"\n") + 1]
        records = []
        for line in complete.decode(errors="replace").splitlines():
            record = parse_line(line)
            if record is not None and not record.uri.startswith(SYNC_PREFIX):
                records.append(record)
        return records, self._offset + len(complete)

    def requests(self, *, sync: bool = True) -> list[RequestRecord]:
        """Every request since start or the last reset_counts(), oldest first (lab sync markers excluded)."""
        if sync:
            self.sync_log()
        return self._read_records()[0]

    def request_counts(self, *, sync: bool = True) -> Counter[tuple[str, str]]:
        """Counter of (method, kind), kind in base/manifest/blob/upload/tags/referrers/catalog/other."""
        return count(self.requests(sync=sync))

    def reset_counts(self) -> None:
        self.sync_log()
        self._offset = self._read_records()[1]
