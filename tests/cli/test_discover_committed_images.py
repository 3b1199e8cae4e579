"""`docker commit CONTAINER NAME` makes the image NAME from a container the tree ran: a later `docker run NAME` uses
it, no registry serves it (a demo's Makefile installing a gem into `ruby:2.5`, then committing it as `uaac:latest`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
.PHONY: tool-image
tool-image:
\tdocker images | grep "^uaactool\\s" \\
\t|| docker run --name uaactool ruby:2.5 gem install cf-uaac
\tdocker images | grep "^uaactool\\s" \\
\t|| (docker commit -m "with the gem" $$(docker ps -aqf "name=^uaactool$$") uaactool:latest \\
\t\t&& docker rm uaactool)

.PHONY: tokens
tokens: tool-image
\tdocker run -it --rm \\
\t\t--name fetch-tokens \\
\t\tuaactool \\
\t\t/bin/bash -c "uaac target http://localhost:8080/uaa"
\tdocker run --rm acme/committer:1.0 true
"""


def test_a_committed_image_is_built_here_and_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"demo/Makefile": MAKEFILE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    by_reference = {r["reference"]: r for r in records}
    assert by_reference["ruby:2.5"]["status"] == "public"
    assert (by_reference["ruby:2.5"]["file"], by_reference["ruby:2.5"]["line"]) == ("demo/Makefile", 3)
    assert by_reference["uaactool:latest"]["status"] == "built-here"
    assert by_reference["uaactool:latest"]["line"] == 11
    # the message of `-m` is no image name, and an image merely run is still pulled
    assert "with the gem" not in {r["written"] for r in records}
    assert by_reference["acme/committer:1.0"]["status"] == "public"
