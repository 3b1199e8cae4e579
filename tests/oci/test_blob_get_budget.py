"""A blob download that keeps breaking, each time a little further on, ends when its GET budget (MAX_BLOB_GETS) is
spent, and the error names the blob, whichever GET spent it: a resume at the registry, or the whole-blob GET after
a source answered a range we did not ask for. A scripted source (no registry behind it) answers the blob's GETs."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re

import pytest

from ecr_mirror.errors import RegistryError, SourceStreamError
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.resume import MAX_BLOB_GETS, BlobStream
from ecr_mirror.oci.transport import RetryPolicy, Transport
from tests.support.proxy import Action, InterposingProxy, Seen

BLOB = bytes(range(256)) * 40  # 10,240 bytes
DIGEST = "sha256:" + hashlib.sha256(BLOB).hexdigest()
STEP = 100  # each answer breaks off this many bytes further on than the last one


def _source(wrong_range: bool) -> InterposingProxy:
    """Each answer ends (the connection closed) STEP bytes beyond the previous one. A Range request is answered 206
    from the byte asked for, or (`wrong_range`) with an empty 206 from byte 0, which is not what was asked."""
    answered = [0]

    def rule(seen: Seen) -> Action | None:
        if seen.method != "GET" or not seen.path.endswith(f"/blobs/{DIGEST}"):
            return Action(status=404)
        asked = re.fullmatch(r"bytes=(\d+)-", seen.headers.get("range", ""))
        if asked and wrong_range:
            headers = {"Content-Range": f"bytes 0-0/{len(BLOB)}", "Content-Length": "0"}
            return Action(status=206, headers=headers)
        answered[0] += 1
        start = int(asked.group(1)) if asked else 0
        end = answered[0] * STEP
        headers = {"Content-Length": str(len(BLOB) - start), "Connection": "close"}
        if asked:
            headers["Content-Range"] = f"bytes {start}-{len(BLOB) - 1}/{len(BLOB)}"
        return Action(status=206 if asked else 200, headers=headers, body=BLOB[start:end])

    proxy = InterposingProxy(None).start()
    proxy.rules.append(rule)
    return proxy


def _download(source: InterposingProxy) -> tuple[SourceStreamError, int]:
    async def scenario() -> tuple[SourceStreamError, int]:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=3))
        client = RegistryClient(source.host, transport, RegistryAuth(source.host, None, transport))
        stream = BlobStream(client, "lib/b", DIGEST, len(BLOB))
        received = 0
        try:
            await stream.open()
            with pytest.raises(SourceStreamError) as failed:
                async for chunk in stream.chunks():
                    received += len(chunk)
        finally:
            await stream.aclose()
            await transport.aclose()
        return failed.value, received

    return asyncio.run(scenario())


@pytest.mark.parametrize("wrong_range", [False, True], ids=["resumed at the registry", "whole blob again"])
def test_a_download_breaking_further_on_each_time_ends_at_the_get_budget_naming_the_blob(wrong_range: bool) -> None:
    source = _source(wrong_range)
    try:
        failed, received = _download(source)
        gets = [seen for seen in source.seen if seen.method == "GET"]
    finally:
        source.stop()
    assert str(failed).startswith(f"blob {source.host}/lib/b@{DIGEST}: given up after {MAX_BLOB_GETS} GETs (")
    assert len(gets) == MAX_BLOB_GETS
    answers = MAX_BLOB_GETS // 2 if wrong_range else MAX_BLOB_GETS  # half the GETs were the empty 206s
    assert received == answers * STEP  # every byte passed on once, in order, up to the last break


def test_a_source_ignoring_range_ends_at_the_byte_budget_naming_the_blob() -> None:
    """Every GET is answered 200 from byte 0 (Range ignored), each breaking off 3,000 bytes further on: the bytes
    received, those sent again included, pass twice the blob's size on the fourth GET, before the GET budget."""
    answered = [0]

    def rule(seen: Seen) -> Action | None:
        if seen.method != "GET" or not seen.path.endswith(f"/blobs/{DIGEST}"):
            return Action(status=404)
        answered[0] += 1
        headers = {"Content-Length": str(len(BLOB)), "Connection": "close"}
        return Action(status=200, headers=headers, body=BLOB[: answered[0] * 3000])

    source = InterposingProxy(None).start()
    source.rules.append(rule)
    try:
        failed, received = _download(source)
    finally:
        source.stop()
    assert str(failed).startswith(f"blob {source.host}/lib/b@{DIGEST}: given up after ")
    assert "(at most twice the size is spent on one blob)" in str(failed)
    assert answered[0] == 4
    assert received == 9000  # the bytes beyond those already passed on, up to the third break


def test_a_first_answer_of_one_byte_is_progress_and_each_break_after_it_is_logged_and_named(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The first GET brings byte 0 only, every resume from byte 1 brings nothing: the first break made progress, the
    next `attempts` (3) did not, so the fourth GET's break ends the download, naming the last failure."""
    answered = [0]

    def rule(seen: Seen) -> Action | None:
        if seen.method != "GET" or not seen.path.endswith(f"/blobs/{DIGEST}"):
            return Action(status=404)
        answered[0] += 1
        asked = re.fullmatch(r"bytes=(\d+)-", seen.headers.get("range", ""))
        start = int(asked.group(1)) if asked else 0
        headers = {"Content-Length": str(len(BLOB) - start), "Connection": "close"}
        if asked:
            headers["Content-Range"] = f"bytes {start}-{len(BLOB) - 1}/{len(BLOB)}"
        return Action(status=206 if asked else 200, headers=headers, body=BLOB[start:1])

    source = InterposingProxy(None).start()
    source.rules.append(rule)
    try:
        with caplog.at_level(logging.INFO, logger="ecr_mirror.oci.resume"):
            failed, received = _download(source)
    finally:
        source.stop()
    what = f"blob {source.host}/lib/b@{DIGEST}"
    assert answered[0] == 4
    assert received == 1
    assert str(failed).startswith(
        f"{what}: the download from the source broke 3 times in a row without progress, after 1 of {len(BLOB)} bytes "
        "(last: RemoteProtocolError: "
    )
    resumed = [r.getMessage() for r in caplog.records if r.getMessage().endswith("; resuming")]
    assert len(resumed) == 3
    expected = f"{what}: download broke after 1 of {len(BLOB)} bytes (RemoteProtocolError: "
    assert all(message.startswith(expected) for message in resumed)


def test_a_blob_the_source_does_not_have_fails_at_open_and_the_stream_still_closes() -> None:
    source = InterposingProxy(None).start()
    source.rules.append(lambda seen: Action(status=404))

    async def scenario() -> None:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=3))
        client = RegistryClient(source.host, transport, RegistryAuth(source.host, None, transport))
        stream = BlobStream(client, "lib/b", DIGEST, len(BLOB))
        try:
            with pytest.raises(RegistryError, match="404"):
                await stream.open()
            await stream.aclose()  # closing is safe whatever happened before: nothing was left open
        finally:
            await transport.aclose()

    try:
        asyncio.run(scenario())
    finally:
        source.stop()
