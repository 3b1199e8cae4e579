"""SourceNames: a name bound to literals and names joined by `+` (`IMAGE = "redis:" + TAG`), as Java, Kotlin, Go,
Python and JavaScript constants build an image from a repository and a version."""

from __future__ import annotations

from ecr_mirror.choose.discovery.source_names import SourceNames

JAVA = """\
class Db {
    public static final String VERSION = "2.3.4";
    public static final String IMAGE = "acme/hsqldb:" + VERSION;
    static final String MIRRORED = "mirror.example.com/" + IMAGE;
    static final String SUFFIXED = IMAGE + "-alpine";
    static final String UNKNOWN = "acme/db:" + System.getenv("TAG");
    static final String UNBOUND = "acme/db:" + NOWHERE;
    static final String PLUS_CALL = "acme/db:" + VERSION + suffix();
}
"""


def _values(text: str, name: str) -> list[str]:
    return [value for _, value in SourceNames.of(text).values(name)]


def test_a_literal_joined_to_a_name_bound_to_a_literal() -> None:
    assert _values(JAVA, "IMAGE") == ["acme/hsqldb:2.3.4"]


def test_joined_names_are_followed_on_either_side_and_through_each_other() -> None:
    assert _values(JAVA, "MIRRORED") == ["mirror.example.com/acme/hsqldb:2.3.4"]
    assert _values(JAVA, "SUFFIXED") == ["acme/hsqldb:2.3.4-alpine"]


def test_a_part_that_is_a_call_or_a_name_bound_to_nothing_literal_makes_the_whole_unknown() -> None:
    assert _values(JAVA, "UNKNOWN") == []
    assert _values(JAVA, "UNBOUND") == []
    assert _values(JAVA, "PLUS_CALL") == []


def test_the_value_is_at_the_offset_of_the_joined_expression() -> None:
    [(offset, value)] = SourceNames.of(JAVA).values("IMAGE")
    assert JAVA[offset:].startswith('"acme/hsqldb:" + VERSION;') and value == "acme/hsqldb:2.3.4"


def test_a_name_with_two_values_joined_gives_each() -> None:
    text = 'tag = "1"\ntag = "2"\nimage = "redis:" + tag\n'
    assert _values(text, "image") == ["redis:1", "redis:2"]


def test_a_name_joined_to_itself_ends() -> None:
    assert _values('a = "x" + a\n', "a") == []
    assert _values('a = b + "1"\nb = a + "2"\n', "a") == []
