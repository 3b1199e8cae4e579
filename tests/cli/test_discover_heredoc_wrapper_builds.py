"""`ecr-mirror discover` on held-out set EA missed valkey-container's `alpine:3.19`: a test script hands a Dockerfile
in a heredoc to a script of the tree, `"$testDir/../docker-build.sh" "$testDir" "$tlsImage" <<-EOD` (the test
harness of Docker's official images), which writes its standard input to `$tmp/Dockerfile` with `cat` and runs
`docker build` on it. The heredoc is that build's Dockerfile, as when it is piped to `docker build -f -`; a heredoc
given to a script that builds nothing from its standard input is text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

BUILD_WRAPPER = """\
#!/usr/bin/env bash
set -e
# usage: ./docker-build.sh some-host-directory some-new-image:some-tag <<EOD
dir="$1"; shift
imageTag="$1"; shift
tmp="$(mktemp -d)"
trap "rm -rf '$tmp'" EXIT
cat >"$tmp/Dockerfile"
cp -RL "$dir" "$tmp/dir"
docker build -t "$imageTag" "$tmp"
"""

NOTIFY = """\
#!/usr/bin/env bash
cat > "$HOME/Dockerfile"
"""

TLS_TEST = """\
#!/usr/bin/env bash
set -eo pipefail
testDir="$(readlink -f "$(dirname "$BASH_SOURCE")")"
image="$1"
tlsImage="librarytest/memcached-tls:latest"
"$testDir/../docker-build.sh" "$testDir" "$tlsImage" <<-EOD
\tFROM alpine:3.20 AS certs
\tRUN apk add --no-cache openssl
\tFROM $image
\tCOPY --from=certs /certs /certs
EOD
"$testDir/../notify.sh" <<STOP
FROM debian:12
STOP
"""


def test_a_heredoc_given_to_a_script_that_builds_its_standard_input_is_a_dockerfile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    files = {
        "test/tests/docker-build.sh": BUILD_WRAPPER,
        "test/tests/notify.sh": NOTIFY,  # writes its standard input to a file, builds nothing
        "test/tests/memcached-tls/run.sh": TLS_TEST,
    }
    records = tree_records(files, tmp_path, capsys)
    public = {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert public == {("test/tests/memcached-tls/run.sh", 7, "alpine:3.20")}
    # the image under test, the script's argument
    assert [(r["line"], r["written"]) for r in records if r["status"] == "unresolved"] == [(9, "$image")]
