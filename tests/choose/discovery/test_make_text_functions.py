"""make's `subst`, `patsubst` and `strip` over literal arguments, written out as make expands them."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_text_functions import with_text_functions


def test_literal_text_functions_are_written_out() -> None:
    assert with_text_functions("rancher/k3s:v$(subst +,-,1.22.17+k3s1)") == "rancher/k3s:v1.22.17-k3s1"
    assert with_text_functions("kindest/node:$(patsubst v%,%,v1.30.2)") == "kindest/node:1.30.2"
    assert with_text_functions("$(patsubst %.c,%.o,a.c b.h)") == "a.o b.h"
    assert with_text_functions("alpine:$(strip  3.20 )") == "alpine:3.20"
    assert with_text_functions("$(subst a,b,$(subst x,a,xx))") == "bb"


def test_a_function_with_unknown_arguments_is_left_as_written() -> None:
    assert with_text_functions("x:$(subst +,-,$(shell cat VERSION))") == "x:$(subst +,-,$(shell cat VERSION))"
    assert with_text_functions("x:$(subst +,-)") == "x:$(subst +,-)"
    assert with_text_functions("plain:1") == "plain:1"
