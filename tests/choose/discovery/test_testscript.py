"""Go testscript archives (`*.txtar`): the `exec` commands of their script run programs, docker among them; the
files after the first `-- NAME --` line are no commands."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.cli.discover_scripts import script_pulls
from ecr_mirror.cli.discover_walk import walk_paths

ARCHIVE = """\
# Scan through a proxy
exec docker rm -f proxy-test
exec docker run -d --name proxy-test -p 18080:8080 ghcr.io/acme/proxy:2.1.0 serve
[linux] ! exec docker pull quay.io/acme/never:1
env HTTPS_PROXY=http://localhost:18080
! exec scanner image --insecure alpine:3.22.1
stderr 'certificate'

-- Dockerfile --
FROM busybox:1.36.1
-- run.sh --
docker run --rm hello-world:latest
"""


def test_the_exec_commands_of_a_testscript_run_their_images_at_their_lines(tmp_path: Path) -> None:
    (tmp_path / "e2e" / "testdata").mkdir(parents=True)
    (tmp_path / "e2e" / "testdata" / "proxy_scan.txtar").write_text(ARCHIVE)
    walk = walk_paths([str(tmp_path)], [])
    scripts = {shown: path.read_text() for shown, path in walk.scripts}
    found = script_pulls(scripts, {})
    assert [(item.text, item.line) for item in found] == [
        ("ghcr.io/acme/proxy:2.1.0", 3),
        ("quay.io/acme/never:1", 4),
    ]
    assert {item.kind for item in found} == {"testscript"}
