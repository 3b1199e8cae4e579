"""`ecr-mirror discover` on a docker command given an option through a variable and the option's value through
another (`docker run ${PLATFORM_FLAG} ${PLATFORM} ...`, `PLATFORM_FLAG="--platform"` set only when `PLATFORM` is):
the value is no image, the image is the word after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
ifneq ($(PLATFORM),)
\tPLATFORM_FLAG="--platform"
endif

check_dead_links:
\t@docker run ${PLATFORM_FLAG} ${PLATFORM} -t \\
\t  -w /tmp \\
\t  -v $$PWD:/tmp acme/link-checker:1.20.0 \\
\t  --allow-dupe

lint:
\t@docker run ${TTY_FLAG} ${LINT_IMAGE} lint ./...
"""

# a variable of options that take no value: the word after it is the image (unresolved when it has no value)
SCRIPT = """\
#!/usr/bin/env bash
TTY_FLAG="-t"
docker run --rm ${TTY_FLAG} ${IMAGE} sh -c 'echo hi'
"""


def test_an_option_s_value_after_a_variable_giving_the_option_is_no_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Makefile": MAKEFILE, "hack/run.sh": SCRIPT}, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
        ("Makefile", 6, "acme/link-checker:1.20.0", "public"),
        ("Makefile", 12, None, "unresolved"),
        ("hack/run.sh", 3, None, "unresolved"),
    ]
