"""sed_templates: the placeholder `FROM` images of Dockerfile templates a script's sed fills in."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.sed_fills import sed_expressions
from ecr_mirror.choose.discovery.sed_templates import sed_placeholders


def _from(text: str, origin: str = "Dockerfile-alpine.template") -> Found:
    return Found(text, origin, 1, use="FROM", kind="Dockerfile")


def test_grouped_options_and_both_regular_expression_kinds_are_read() -> None:
    script = "sed -Ei -e \"s/(alpine:)0.0/\\\\1${v}/\" f\nsed -i 's/\\(debian:\\)name-slim/\\1'\"$v\"'/' g\n"
    read = sed_expressions(script)
    assert [(line, expression.split("/")[1], extended) for line, expression, extended in read] == [
        (1, "(alpine:)0.0", True),
        (2, "\\(debian:\\)name-slim", False),
    ]
    marked = sed_placeholders([_from("alpine:0.0"), _from("debian:name-slim", "slim.tmpl")], {"update.sh": script})
    assert [item.problem is not None for item in marked] == [True, True]
    assert marked[0].problem is not None and "sed at update.sh:1" in marked[0].problem


def test_a_sed_that_does_not_name_the_image_or_gives_no_value_leaves_it() -> None:
    scripts = {
        "a.sh": "sed -i -e 's/.*/${X}/' f\n",  # no image named
        "b.sh": "sed -i -e 's/alpine:0.0/alpine:3.20/' f\n",  # a literal replacement: a bump, no value given
        "c.sh": 'sed -i -e "s/alpine:3/alpine:${V}/" f\n',  # matches a part of the tag only
    }
    assert sed_placeholders([_from("alpine:0.0"), _from("alpine:3.20")], scripts)[0].problem is None
    assert sed_placeholders([_from("alpine:3.20")], scripts)[0].problem is None
    assert sed_placeholders([_from("alpine:0.0", "Dockerfile")], {"d.sh": "sed -i 's/alpine:0.0/a:${V}/' f\n"}) == [
        _from("alpine:0.0", "Dockerfile")
    ]


def test_an_unclosed_substitution_full_of_backslashes_is_read_in_linear_time() -> None:
    # one way to match each character: the search fails fast instead of trying 2**n splits (a review found a hang)
    script = "sed -i 's/" + "\\\\" * 400 + "x' Dockerfile.template\n"
    assert sed_placeholders([_from("alpine:0.0")], {"update.sh": script})[0].problem is None


def test_the_s_command_is_read_to_the_closing_delimiter_of_its_replacement() -> None:
    # an escaped delimiter is the pattern's; what follows the replacement (flags, a delimiter too many) is not read;
    # a replacement with `&` is taken (an `s` command sed_fills leaves); a pattern Python cannot compile is not
    def marked(image: str, command: str) -> bool:
        script = f"sed -i -e '{command}' Dockerfile.template\n"
        return sed_placeholders([_from(image)], {"u.sh": script})[0].problem is not None

    assert marked("docker.io/library/alpine:0.0", "s/docker.io\\/library\\/alpine:0.0/${V}/gI")
    assert marked("alpine:0.1", "s|alpine:0.1|${V}|x|")
    assert not marked("alpine:0.2", "s/alpine:0.2/v/${V}/")
    assert marked("alpine:0.3", "s/\\(alpine:\\)0.3/&${V}/")
    assert not marked("alpine:0.4", "s/alpine:0.4/${V}")
    assert not marked("alpine:0.5", "s/\\(alpine:0.5/${V}/")  # a BRE Python cannot read
