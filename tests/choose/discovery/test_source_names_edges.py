"""SourceNames.values at its edges: names bound to names up to four steps, every branch of several bindings, a name
already followed; compared whole."""

from __future__ import annotations

from ecr_mirror.choose.discovery.source_names import SourceNames


def test_names_through_names_up_to_four_steps() -> None:
    chain = 'a = b\nb = c\nc = d\nd = e\ne = "lit4"\n'
    assert SourceNames.of(chain).values("a") == [(29, "lit4")]
    assert SourceNames.of(chain.replace('e = "lit4"', 'e = f\nf = "lit5"')).values("a") == []


def test_every_binding_of_a_name_is_followed() -> None:
    text = 'a = y\na = x\na = z\nz = x\nx = "vx"\ny = "vy"\n'
    assert SourceNames.of(text).values("a") == [(29, "vx"), (38, "vy")]
