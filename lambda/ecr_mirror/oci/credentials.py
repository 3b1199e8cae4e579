"""Where credentials come from: Docker's config.json (and its credential helpers), environment variables, or the
caller (no HTTP here).

Order for a registry: credentials the caller added (DOCKERHUB_USERNAME/DOCKERHUB_TOKEN, an ECR login, the
function's secret), then the credential helper Docker would use (`credHelpers[registry]`, else `credsStore`),
then `auths` in config.json. A helper is asked at most once per registry and run, only for registries in use.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ecr_mirror.errors import ConfigError, MirrorError
from ecr_mirror.oci.reference import DOCKER_HUB, DOCKER_HUB_API

log = logging.getLogger(__name__)
HUB_SERVER_URL = "https://index.docker.io/v1/"  # the key Docker uses for Docker Hub in config.json and helpers
HELPER_TIMEOUT = 30.0
_HELPER_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

_HUB_KEYS = {
    "https://index.docker.io/v1/",
    "index.docker.io",
    "docker.io",
    DOCKER_HUB_API,
    "https://index.docker.io/v1",
}


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)

    def basic(self) -> str:
        raw = f"{self.username}:{self.password}".encode()
        return "Basic " + base64.b64encode(raw).decode("ascii")


def normalise_registry(key: str) -> str:
    """config.json keys may be URLs (`https://index.docker.io/v1/`); we key by registry name."""
    if key in _HUB_KEYS:
        return DOCKER_HUB
    host = key.removeprefix("https://").removeprefix("http://").split("/", 1)[0]
    return DOCKER_HUB if host in _HUB_KEYS else host


class CredentialStore:
    """Credentials per registry name (`docker.io`, `ghcr.io`, `123.dkr.ecr.eu-west-1.amazonaws.com`)."""

    def __init__(
        self,
        entries: Mapping[str, Credentials] | None = None,
        *,
        config_entries: Mapping[str, Credentials] | None = None,
        helpers: Mapping[str, str] | None = None,
        default_helper: str | None = None,
    ) -> None:
        self._entries: dict[str, Credentials] = {}
        for key, creds in (entries or {}).items():
            self.add(key, creds)
        self._config = {normalise_registry(k): v for k, v in (config_entries or {}).items()}
        self._helpers = {normalise_registry(k): v for k, v in (helpers or {}).items()}
        self._default_helper = default_helper
        self._asked: dict[str, Credentials | None] = {}
        self._problems: dict[str, str] = {}

    def add(self, registry: str, creds: Credentials) -> None:
        self._entries[normalise_registry(registry)] = creds

    def get(self, registry: str) -> Credentials | None:
        name = normalise_registry(registry)
        if name in self._entries:
            return self._entries[name]
        helper = self._helpers.get(name) or self._default_helper
        if helper:
            if name not in self._asked:
                try:
                    self._asked[name] = ask_helper(helper, name)
                except HelperError as exc:
                    log.warning("%s: going on without it", exc)
                    self._asked[name] = None
                    self._problems[name] = str(exc)
            if self._asked[name] is not None:
                return self._asked[name]
        return self._config.get(name)

    def problem(self, registry: str) -> str | None:
        """Why the credential helper for `registry` gave nothing usable (for error messages), if it failed."""
        return self._problems.get(normalise_registry(registry))

    def __contains__(self, registry: str) -> bool:
        return self.get(registry) is not None

    def __repr__(self) -> str:
        known = sorted({*self._entries, *self._config})
        helpers = sorted(self._helpers) + (["*"] if self._default_helper else [])
        return f"CredentialStore(registries={known}, helpers={helpers})"

    @classmethod
    def from_docker_config(cls, path: Path) -> CredentialStore:
        """Read `auths`, `credHelpers` and `credsStore` from a Docker config.json."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read Docker config {str(path)!r}: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"Docker config {str(path)!r}: expected a JSON object")
        auths = data.get("auths") or {}
        config_entries = {}
        for key, entry in auths.items() if isinstance(auths, dict) else ():
            creds = _entry_credentials(entry)
            if creds:
                config_entries[key] = creds
        helpers = data.get("credHelpers") or {}
        if not isinstance(helpers, dict) or not all(isinstance(v, str) for v in helpers.values()):
            raise ConfigError(f"Docker config {str(path)!r}: credHelpers must map registries to helper names")
        for name in helpers.values():
            _check_helper_name(name, path)
        store = data.get("credsStore") or None
        if store is not None:
            if not isinstance(store, str):
                raise ConfigError(f"Docker config {str(path)!r}: credsStore must be a helper name")
            _check_helper_name(store, path)
        return cls(config_entries=config_entries, helpers=helpers, default_helper=store)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> CredentialStore:
        """Docker config (REGISTRY_AUTH_FILE, DOCKER_CONFIG or ~/.docker) plus DOCKERHUB_USERNAME/DOCKERHUB_TOKEN."""
        env = os.environ if environ is None else environ
        if env.get("REGISTRY_AUTH_FILE"):
            path = Path(env["REGISTRY_AUTH_FILE"])
        elif env.get("DOCKER_CONFIG"):
            path = Path(env["DOCKER_CONFIG"]) / "config.json"
        else:
            path = Path.home() / ".docker" / "config.json"
        store = cls.from_docker_config(path)
        user, token = env.get("DOCKERHUB_USERNAME"), env.get("DOCKERHUB_TOKEN")
        if user and token:
            store.add(DOCKER_HUB, Credentials(user, token))
        return store


class HelperError(MirrorError):
    """A credential helper named by the Docker config could not give credentials."""


def _check_helper_name(name: str, path: Path) -> None:
    if not _HELPER_NAME_RE.match(name):
        raise ConfigError(f"Docker config {str(path)!r}: {name!r} is not a credential helper name")


def ask_helper(helper: str, registry: str) -> Credentials | None:
    """Run `docker-credential-<helper> get` for `registry`, as Docker does; None when it has nothing for it.

    A missing helper, a failure or an answer we cannot use raises HelperError (never quoting the answer); the
    store then tries the config's `auths` entry or goes anonymous, so public images still mirror.
    """
    program = f"docker-credential-{helper}"
    what = f"credential helper {program} (for {registry})"
    path = shutil.which(program)
    if path is None:
        raise HelperError(f"{what} is not installed")
    server = HUB_SERVER_URL if registry == DOCKER_HUB else registry
    try:
        result = subprocess.run(  # noqa: S603 - the helper the user's Docker config names, as Docker runs it
            [path, "get"], input=server, capture_output=True, text=True, timeout=HELPER_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HelperError(f"{what} failed: {type(exc).__name__}") from None
    if result.returncode != 0:
        if "credentials not found" in (result.stdout + result.stderr).lower():
            return None  # the helper's normal "nothing stored for this registry"
        raise HelperError(f"{what} exited with {result.returncode}")
    try:
        answer = json.loads(result.stdout)
    except ValueError:
        raise HelperError(f"{what} answered something other than JSON") from None
    user = answer.get("Username") if isinstance(answer, dict) else None
    secret = answer.get("Secret") if isinstance(answer, dict) else None
    if user == "<token>":
        raise HelperError(f"{what} holds an identity token, which is not supported")
    if not (isinstance(user, str) and isinstance(secret, str) and user and secret):
        raise HelperError(f"{what} answered without a username and secret")
    return Credentials(user, secret)


def _entry_credentials(entry: object) -> Credentials | None:
    if not isinstance(entry, dict):
        return None
    if entry.get("username") and entry.get("password"):
        return Credentials(str(entry["username"]), str(entry["password"]))
    encoded = entry.get("auth")
    if isinstance(encoded, str) and encoded:
        try:
            user, _, password = base64.b64decode(encoded).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        if user and password:
            return Credentials(user, password)
    return None
