"""A blob's bytes passed on as they are checked (responses.iter_verified): a source sending more than the descriptor
declares is refused naming the blob and the declared size, before the extra bytes are passed on."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator

import pytest

from ecr_mirror.errors import IntegrityError
from ecr_mirror.oci.responses import iter_verified

BLOB = b"0123456789"
DIGEST = "sha256:" + hashlib.sha256(BLOB).hexdigest()


def test_more_bytes_than_declared_are_refused_naming_the_blob_and_its_size() -> None:
    async def source() -> AsyncIterator[bytes]:
        yield BLOB
        yield b"extra"

    async def drain() -> list[bytes]:
        passed: list[bytes] = []
        with pytest.raises(IntegrityError) as caught:
            async for chunk in iter_verified(source(), DIGEST, len(BLOB), "blob r/x@d"):
                passed.append(chunk)
        assert str(caught.value) == f"blob r/x@d: more bytes than the {len(BLOB)} the descriptor declares"
        return passed

    assert asyncio.run(drain()) == []
