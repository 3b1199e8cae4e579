"""The literal strings a source file binds to its names."""

from __future__ import annotations

from ecr_mirror.choose.discovery.source_names import SourceNames

TEXT = """\
const base = "alpine:3.20"
image := base
image = fromEnv
loop := loop2
loop2 := loop
call(image="keyword:1")
if image == "compared:1" {}
IMAGE: str = 'python:3.13'  # the default
"""


def _values(name: str) -> list[str]:
    return [value for _, value in SourceNames.of(TEXT).values(name)]


def test_names_bound_to_literals_and_to_names_bound_to_literals() -> None:
    assert _values("base") == ["alpine:3.20"]
    assert _values("image") == ["alpine:3.20"]  # `fromEnv` is bound to nothing literal: it adds nothing
    assert _values("IMAGE") == ["python:3.13"]


def test_a_keyword_argument_a_comparison_or_a_cycle_binds_nothing() -> None:
    assert "keyword:1" not in _values("image") and "compared:1" not in _values("image")
    assert _values("loop") == []


def test_each_value_comes_with_the_offset_it_is_written_at() -> None:
    [(offset, value)] = SourceNames.of(TEXT).values("image")
    assert TEXT[offset : offset + len(value)] == value == "alpine:3.20"


def test_a_java_constant_wrapped_after_its_equals_sign_holds_the_literal_on_the_next_line() -> None:
    # google-java-format breaks a long initializer after `=`: a digest constant is written so
    text = (
        "  private static final String BASE_DIGEST =\n"
        '      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";\n'
        "  private static final String NOT_A_LITERAL =\n"
        "      computeDigest();\n"
        "  static String other =\n"
        "\n"
        '      "two lines below";\n'
    )
    names = SourceNames.of(text)
    assert [value for _, value in names.values("BASE_DIGEST")] == [
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    ]
    assert names.values("BASE_DIGEST")[0][0] == text.index('"sha256:') + 1
    assert names.values("NOT_A_LITERAL") == []
    assert names.values("other") == []  # one line break only
