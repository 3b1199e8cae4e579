"""A makefile's `$(CRANE)` (or `$(SKOPEO)`) that the file gives no value, in command position: the registry tool it
is named after, as build systems that install their tools under upper-case names define it elsewhere
(makefile-modules' `$(eval $(call tool_defs,...))` sets `CRANE` to `$(bin_dir)/tools/crane`): its `cp` pulls the
source. A name with a value of another program, or another unset name, is left as written."""

from __future__ import annotations

from ecr_mirror.choose.discovery.program_variables import named_programs

MAKEFILE = """\
release: | $(NEEDS_CRANE)
\t$(CRANE) cp "$(source):$(tag)" "quay.io/acme/livenessprobe:$(tag)"
\t$(SKOPEO) copy docker://$(source):$(tag) docker://quay.io/acme/livenessprobe:$(tag)
\t$(TOOL) cp a b
"""


def test_an_unset_upper_case_registry_tool_name_is_that_tool() -> None:
    lines = named_programs(MAKEFILE).splitlines()
    assert lines[1] == '\tcrane cp "$(source):$(tag)" "quay.io/acme/livenessprobe:$(tag)"'
    assert lines[2].startswith("\tskopeo copy docker://")
    assert lines[3] == "\t$(TOOL) cp a b"


def test_a_value_of_another_program_is_kept() -> None:
    text = "CRANE := $(bin_dir)/tools/gcrane-wrapper\n" + MAKEFILE
    assert "\t$(CRANE) cp" in named_programs(text)
