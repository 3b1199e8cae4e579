"""An included makefile's `NAME ?= DEFAULT` assigns nothing when the including Makefile set NAME before its
`include` line: the shared file is read with the includer's value on that line."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_include_defaults import with_includer_values

COMMON = "ARCHS ?= amd64 arm64 armv7 ppc64le\nREPO ?= prom\nTAG := dev\nBUILD = $(addprefix b-,$(ARCHS))\n"


def test_the_includer_s_earlier_value_is_the_shared_file_s() -> None:
    # `all::` first, as a project keeps its default goal: the assignments after the rule line are no recipe's
    top = "all::\n\nARCHS ?= amd64 armv7\nREPO := acme\nTAG := v1\ninclude common.mk\nLATE ?= x\n"
    out = with_includer_values({"Makefile": top, "common.mk": COMMON, "build.sh": "ARCHS=x\n"})
    # `?=` lines take the includer's value (lines keep their numbers); `TAG :=` in the shared file overrides it
    assert out["common.mk"] == "ARCHS ?= amd64 armv7\nREPO ?= acme\nTAG := dev\nBUILD = $(addprefix b-,$(ARCHS))\n"
    assert out["Makefile"] == top and out["build.sh"] == "ARCHS=x\n"


def test_a_value_set_after_the_include_or_with_a_reference_or_in_a_recipe_is_not_taken() -> None:
    top = "REPO = $(REGISTRY)/acme\nall::\n\tARCHS=s390x; echo\ninclude common.mk\nARCHS := amd64\n"
    assert with_includer_values({"Makefile": top, "common.mk": COMMON})["common.mk"] == COMMON


def test_two_includers_giving_two_values_leave_the_default() -> None:
    files = {
        "a/Makefile": "ARCHS ?= amd64\ninclude ../common.mk\n",
        "b/Makefile": "ARCHS ?= arm64\ninclude ../common.mk\n",
        "common.mk": COMMON,
    }
    assert with_includer_values(files)["common.mk"] == COMMON


def test_a_value_appended_to_before_the_include_is_not_taken_half() -> None:
    # make sees `amd64 arm64`; the first literal alone would drop arm64 (a review found it): the default stays
    top = "ARCHS = amd64\nARCHS += arm64\ninclude common.mk\n"
    assert with_includer_values({"Makefile": top, "common.mk": COMMON})["common.mk"] == COMMON


def test_a_value_set_after_the_include_is_taken_for_a_name_only_recipes_use() -> None:
    # make expands a recipe when it runs it, after reading every file: `CILIUM_VERSION = v1.20.1` after the include
    # is the value kind.mk's recipe pulls; its own `?=` assigned first and was then overridden
    kind = "CILIUM_VERSION ?= v1.18.5\nREPO ?= quay.io/cilium\n\nup:\n\tdocker pull $(REPO)/cilium:$(CILIUM_VERSION)\n"
    top = "include make/kind.mk\n\nCILIUM_VERSION = v1.20.1\nREPO = quay.io/cilium\nREPO ?= other\nLATE ?= x\n"
    out = with_includer_values({"Makefile": top, "make/kind.mk": kind})
    assert out["make/kind.mk"] == kind.replace("v1.18.5", "v1.20.1")


def test_a_line_of_a_define_block_is_no_assignment_of_the_includer() -> None:
    # `define ... endef` is a variable's text (a canned recipe), expanded where it is called: its `NAME = value`
    # lines assign nothing when the Makefile is read (https://www.gnu.org/software/make/manual/html_node/Multi_002dLine.html)
    kind = "CILIUM_VERSION ?= v1.18.5\n\nup:\n\tdocker pull quay.io/cilium/cilium:$(CILIUM_VERSION)\n"
    for block in ("define pin\nCILIUM_VERSION = v1.9.9\nendef\n", "define pin =\nARCHS ?= s390x\nendef\n"):
        top = block + "include make/kind.mk\n" + block
        files = {"Makefile": top, "make/kind.mk": kind, "common.mk": COMMON}
        out = with_includer_values({**files, "Makefile": top + "include common.mk\n"})
        assert out["make/kind.mk"] == kind
        assert out["common.mk"] == COMMON
