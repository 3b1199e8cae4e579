"""A make conditional between the lines of a recipe (GNU make's manual writes `foo: $(objects)` / `ifeq ($(CC),gcc)`
/ recipe line / `else` / recipe line / `endif`) is make's, read before the shell runs anything: it does not end the
recipe. Both branches' lines are reached, as a run with either value takes one of them."""

from __future__ import annotations

from ecr_mirror.choose.discovery.step_scripts import make_reach

MAKEFILE = """\
LOCAL_CODE_PATH = 0

build-local:
\t@echo start
ifeq ($(LOCAL_CODE_PATH), 0)
ifeq ($(shell test -d ./src && echo -n yes), )
\tgit clone https://example.com/acme/gateway.git ./src
endif
\t./build.sh ./src
else
\t./build.sh $(LOCAL_CODE_PATH)
endif
\t@echo done
x = 1
\t./after-assignment.sh

other:
\t./other.sh
"""


def test_conditionals_inside_a_recipe_keep_its_lines() -> None:
    lines, scripts = make_reach(MAKEFILE, ("build-local",))
    assert lines == {4, 7, 9, 11, 13}
    assert scripts == ["build.sh"]
