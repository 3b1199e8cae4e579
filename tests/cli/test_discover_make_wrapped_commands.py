"""A Makefile recipe that runs a variable's container command through the engine variable (`PROTOC :=
$(DOCKERCMD) run ... $(IMAGE)`, `DOCKERCMD ?= docker`), wrapped in `$(foreach VAR,LIST,TEXT)` and a canned recipe
that passes its argument through (`define exec-command` / `$(1)` / `endef`, one recipe line per command): make
expands them all before the shell runs `docker run` (https://www.gnu.org/software/make/manual/html_node/
Foreach-Function.html, .../Call-Function.html), so the image is pulled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
# each command passed in runs as its own recipe line
define run-each
$(1)

endef

define describe
@echo "would run: $(1)"
endef

CONTAINER ?= docker
OTHER_ENGINE ?= nerdctl
PROTO_IMAGE ?= acme/protoc-builder:1.4.0
GEN := $(CONTAINER) run --rm -u $${UID} -v$(CURDIR):/src -w/src $(PROTO_IMAGE) --go_out=.
LINT := $(CONTAINER) run --rm -v$(CURDIR):/src acme/linter:2.0
CHECK := $(OTHER_ENGINE) run --rm acme/checker:1.0

.PHONY: proto lint check dry
proto:
\t$(foreach f,$(PROTOS),$(call run-each,$(GEN) $(f)))

lint:
\t$(LINT) ./...

check:
\t$(CHECK) ./...

dry:
\t$(call describe,$(GEN))
"""


def test_engine_variable_commands_wrapped_in_foreach_and_canned_calls_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Makefile": MAKEFILE}, tmp_path, monkeypatch, capsys)
    assert sorted(rows) == [
        (
            "Makefile",
            20,
            "Makefile",
            "docker run (the GEN variable of line 14)",
            "acme/protoc-builder:1.4.0",
            "public",
        ),
        ("Makefile", 23, "Makefile", "docker run (the LINT variable of line 15)", "acme/linter:2.0", "public"),
    ]
