"""Where credentials come from: Docker's config.json, environment variables, or the caller (no HTTP here)."""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .reference import DOCKER_HUB, DOCKER_HUB_API

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

    def __init__(self, entries: Mapping[str, Credentials] | None = None) -> None:
        self._entries: dict[str, Credentials] = {}
        for key, creds in (entries or {}).items():
            self.add(key, creds)

    def add(self, registry: str, creds: Credentials) -> None:
        self._entries[normalise_registry(registry)] = creds

    def get(self, registry: str) -> Credentials | None:
        return self._entries.get(normalise_registry(registry))

    def __contains__(self, registry: str) -> bool:
        return normalise_registry(registry) in self._entries

    def __repr__(self) -> str:
        return f"CredentialStore(registries={sorted(self._entries)})"

    @classmethod
    def from_docker_config(cls, path: Path) -> CredentialStore:
        """Read `auths` from a Docker config.json (credential helpers are not supported)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read Docker config {str(path)!r}: {exc}") from exc
        store = cls()
        auths = data.get("auths", {}) if isinstance(data, dict) else {}
        for key, entry in auths.items():
            creds = _entry_credentials(entry)
            if creds:
                store.add(key, creds)
        return store

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
