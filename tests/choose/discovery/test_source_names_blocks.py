"""Which `return` statements belong to a method whose calls are read as values: its block ends at its own closing
brace past an empty string, a brace in a string, a quote without its pair on the line (`// don't`) and nested blocks;
and a join of names with many values has at most 16 values."""

from __future__ import annotations

from ecr_mirror.choose.discovery.source_names import SourceNames

JAVA = """\
class Images {
    static String image() {
        String sep = ""; String brace = "}";
        // don't
        if (ready) { log(); }
        return "redis:" + "7";
    }
    static String other() {
        char c = 'x';
        return "nginx:1";
    }
}
"""


def test_a_method_block_ends_at_its_own_closing_brace() -> None:
    names = SourceNames.of(JAVA)
    assert [value for _, value in names.joined(0, "image()")] == ["redis:7"]
    assert [value for _, value in names.joined(0, "other()")] == ["nginx:1"]


def test_a_join_has_at_most_16_values() -> None:
    text = "".join(f'REPO = "r{n}"\n' for n in range(5)) + "".join(f'TAG = "t{n}"\n' for n in range(4))
    values = SourceNames.of(text + 'FULL = REPO + ":" + TAG\n').values("FULL")
    assert len(values) == 16
    assert {value for _, value in values} <= {f"r{r}:t{t}" for r in range(5) for t in range(4)}
