from __future__ import annotations

from ecr_mirror.choose.imagelist import parse_image_list

RULES = """\
defaults:
  platforms: [linux/amd64, linux/arm64]
images:
  - alpine:3.20
  - source: python
    tags: {semver: ">=3.11 <3.14", match: "*-slim", latest: 3}
  - source: nginx
    tags: {regex: '^1\\.2[6-9]\\.\\d+$', exclude: ['-rc']}
  - source: ghcr.io/astral-sh/uv
    tags: [0.5.0, latest]
    referrers: true
  - source: redis
    platforms: [linux/amd64]
"""


def test_rules_form_entries_rules_and_defaults() -> None:
    result = parse_image_list(RULES)
    assert result.errors == []
    assert [(str(e.source), e.platforms, e.referrers, e.line) for e in result.entries] == [
        ("docker.io/library/alpine:3.20", ("linux/amd64", "linux/arm64"), False, 4),
        ("ghcr.io/astral-sh/uv:0.5.0", ("linux/amd64", "linux/arm64"), True, 9),
        ("ghcr.io/astral-sh/uv:latest", ("linux/amd64", "linux/arm64"), True, 9),
        ("docker.io/library/redis:latest", ("linux/amd64",), False, 12),
    ]
    assert [(str(r.repository), r.line) for r in result.rules] == [
        ("docker.io/library/python", 5),
        ("docker.io/library/nginx", 7),
    ]
    assert result.rules[0].rule is not None and result.rules[0].rule.latest == 3


def test_plain_form_is_unchanged_by_the_rules_form() -> None:
    result = parse_image_list("alpine:3.20\nimages/app:1\n")  # 'images/' is a path, not the rules key
    assert [str(e.source) for e in result.entries] == ["docker.io/library/alpine:3.20", "docker.io/images/app:1"]
    assert result.rules == [] and all(e.platforms == () for e in result.entries)


def test_errors_name_entry_field_and_line_while_good_entries_stay() -> None:
    text = """\
images:
  - alpine:3.20
  - source: Python
  - source: redis
    tags: {semver: '>=x'}
  - source: nginx
    colour: red
  - source: node
    platforms: [linux]
  - source: node:20
    tags: [a]
  - source: busybox
    tags: {latest: yes}
"""
    result = parse_image_list(text)
    assert [str(e.source) for e in result.entries] == ["docker.io/library/alpine:3.20"]
    messages = {e.line: e.message for e in result.errors}
    assert "images[1].source" in messages[3] and "'Python'" in messages[3]
    assert messages[4].startswith("images[2] (redis).tags.semver")
    assert "unknown field 'colour'" in messages[6]
    assert "images[4] (node).platforms" in messages[8] and "'linux'" in messages[8]
    assert "images[5] (node:20).tags" in messages[10] and "already names a tag" in messages[10]
    assert "images[6] (busybox).tags.latest" in messages[12]


def test_unusable_documents_are_one_clear_error() -> None:
    import pytest

    from ecr_mirror.errors import ConfigError

    with pytest.raises(ConfigError, match="not valid YAML"):
        parse_image_list("images: [unclosed\n", origin="parameter /m")
    with pytest.raises(ConfigError, match="'images' must be a list"):
        parse_image_list("images: alpine\n")
    with pytest.raises(ConfigError, match="unknown top-level field 'image'"):
        parse_image_list("images: []\nimage: x\n")


def test_unquoted_numeric_tags_are_refused_with_a_hint_to_quote_them() -> None:
    """YAML reads `20.10` as 20.1 and `010` as 8: a different image. Refuse them; the other entries run."""
    text = """\
images:
  - alpine:3.20
  - source: docker
    tags: [20.10, "24.0"]
  - source: python
    tags: ["3.12", 3.10]
  - source: busybox
    tags: [010]
  - source: nginx
    tags: [true]
  - source: redis
    tags: {semver: 7.2}
  - source: node
    tags: {match: 20, exclude: [1.0]}
  - source: 3.12
  - 8
  - source: ghcr.io/astral-sh/uv
    tags: ["0.5.0"]
"""
    result = parse_image_list(text)
    assert [str(e.source) for e in result.entries] == [
        "docker.io/library/alpine:3.20",
        "ghcr.io/astral-sh/uv:0.5.0",
    ]
    assert result.rules == []
    messages = {e.line: e.message for e in result.errors}
    assert sorted(messages) == [3, 5, 7, 9, 11, 13, 15, 16]
    assert messages[3].startswith("images[1] (docker).tags")
    assert "20.1" in messages[3]
    assert messages[5].startswith("images[2] (python).tags") and "3.1" in messages[5]
    assert messages[7].startswith("images[3] (busybox).tags")
    assert messages[9].startswith("images[4] (nginx).tags")
    assert messages[11].startswith("images[5] (redis).tags.semver")
    assert messages[13].startswith("images[6] (node).tags.")
    assert messages[15].startswith("images[7].source")
    assert messages[16].startswith("images[8]")
    for line, message in messages.items():
        assert "quote" in message, (line, message)
    assert all(str(e).startswith(f"line {e.line}:") for e in result.errors)
