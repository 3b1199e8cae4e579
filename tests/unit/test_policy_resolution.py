from __future__ import annotations

import asyncio
import socket
from typing import Any

import httpx
import pytest

from ecr_mirror.errors import SecurityError
from ecr_mirror.policy import ResolvedHostCheck


def _fake_getaddrinfo(address: str) -> Any:
    async def getaddrinfo(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    return getaddrinfo


def test_name_resolving_to_metadata_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(loop, "getaddrinfo", _fake_getaddrinfo("169.254.169.254"))
        with pytest.raises(SecurityError, match=r"169\.254\.169\.254\.nip\.io.*resolves to 169\.254\.169\.254"):
            await ResolvedHostCheck().check(httpx.URL("https://169.254.169.254.nip.io/token"), "token realm")

    asyncio.run(scenario())


def test_ordinary_names_and_unresolvable_names_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(loop, "getaddrinfo", _fake_getaddrinfo("93.184.216.34"))
        await ResolvedHostCheck().check(httpx.URL("https://registry.example.com/v2/"), "request")

        async def fail(*_: Any, **__: Any) -> Any:
            raise socket.gaierror("no such host")

        monkeypatch.setattr(loop, "getaddrinfo", fail)
        await ResolvedHostCheck().check(httpx.URL("https://nowhere.invalid/v2/"), "request")

    asyncio.run(scenario())
