"""A Jinja template's text as the file it renders (jinja_text.untemplated/restored): each expression form the reader
knows substituted, each other one a hole naming the expression and why, compared whole."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.jinja_text import Ambiguous, restored, untemplated
from tests.support.hang_guard import finishes

UNSET = "has no value in the defaults or vars beside the template (the play may set it)"
VALUES: dict[str, object] = {
    "m": "v",
    "Xv": "a",
    "e": "",
    "n": None,
    "port": 80,
    "ratio": 1.5,
    "flag": True,
    "obj": {"k": "x"},
    "versions": {"app": "1.2", "list": ["l0", "l1"], "deep": {"x": "y"}},
    "amb": Ambiguous("amb has two values"),
    "tpl": "{{ m }}-x",
    "stmt": "{% if a %}x{% endif %}",
    "holey": "{{ nope }}:{{ nope2 }}",
    **{f"v{i}": f"{{{{ v{i + 1} }}}}" for i in range(8)},
    "v8": "end",
    **{f"w{i}": f"{{{{ w{i + 1} }}}}" for i in range(9)},
    "w9": "end",
}

KNOWN = [
    ("{{ m | default('x|y') | upper }}", "V"),
    ("{{ u | default('x|y') | upper }}", "X|Y"),
    ("{{ m | default(a|b) | upper }}", "V"),
    ("{{ u | default('x)') | upper }}", "X)"),
    ('{{ u | default("q\'(") | upper }}', "Q'("),
    ("{{ Xv | upper }}", "A"),
    ("{{ 'lit' }}", "lit"),
    ('{{ "dq" }}', "dq"),
    ("{{ versions.app }}", "1.2"),
    ("{{ versions['app'] }}", "1.2"),
    ('{{ versions["app"] }}', "1.2"),
    ("{{ versions.list[1] }}", "l1"),
    ("{{ versions.list[0] }}", "l0"),
    ("{{ versions.deep.x }}", "y"),
    ("{{ u | d('fb') }}", "fb"),
    ('{{ u | d("fb") }}', "fb"),
    ("{{ e | default('fb', true) }}", "fb"),
    ("{{ e | default('fb', True) }}", "fb"),
    ("{{ e | default('fb') }}", ""),
    ("{{ e | default('fb', false) }}", ""),
    ("{{ n | default('fb', true) }}", "fb"),
    ("{{ m | default() }}", "v"),
    ("{{ m | trim }}", "v"),
    ("{{ port | upper }}", "80"),
    ("{{ port }}", "80"),
    ("{{ ratio }}", "1.5"),
    ("{{ tpl }}", "v-x"),
    ("{{ v0 }}", "end"),
    ("{{ m | lower | upper }}", "V"),
    ("{{- m -}}", "v"),
    ("{{ m | string }}", "v"),
    ("{{ m|upper }}", "V"),
    ("{{ m | default(f((a)|b)) | upper }}", "V"),
]


@pytest.mark.parametrize(("written", "value"), KNOWN)
def test_an_expression_the_reader_knows_is_substituted(written: str, value: str) -> None:
    assert untemplated(f"a: {written} # c", VALUES) == (f"a: {value} # c", {})


TOO_DEEP = "".join(f"`{{{{ w{i} }}}}`: " for i in range(1, 9)) + "w8: values that name values too deeply"
UNKNOWN = [
    ("{{ versions.list[2] }}", f"versions.list[2] {UNSET}"),
    ("{{ versions.list.x }}", f"versions.list.x {UNSET}"),
    ("{{ amb.x | upper }}", "amb has two values"),
    ("{{ amb }}", "amb has two values"),
    ("{{ u.x.y }}", f"u.x.y {UNSET}"),
    ("{{ m.x }}", f"m.x {UNSET}"),
    ("{{ u }}", f"u {UNSET}"),
    ("{{ a ~ b }}", f"a {UNSET}"),  # a join is read now: its first unknown part says why
    ("{{ u | default(fb) }}", "the default `fb` of u is not a quoted string"),
    ("{{ versions['k'] | default(fb) }}", "the default `fb` of versions is not a quoted string"),
    ("{{ versions.k | default(fb) }}", "the default `fb` of versions is not a quoted string"),
    ("{{ u | default() }}", "the default `` of u is not a quoted string"),
    ("{{ m | lower() }}", "the filter `lower()` is not one this reader applies"),
    ("{{ m | replace('a','b') }}", "the filter `replace('a','b')` is not one this reader applies"),
    ("{{ flag }}", "flag is not a string"),
    ("{{ obj }}", "obj is not a string"),
    ("{{ n }}", "n is not a string"),
    (
        "{{ stmt }}",
        "`{% if a %}`: a Jinja statement inside a value; `{% endif %}`: a Jinja statement inside a value",
    ),
    ("{{ holey }}", f"`{{{{ nope }}}}`: nope {UNSET}; `{{{{ nope2 }}}}`: nope2 {UNSET}"),
    ("{{ w0 }}", TOO_DEEP),
]


@pytest.mark.parametrize(("written", "why"), UNKNOWN)
def test_an_expression_the_reader_does_not_know_is_a_hole_saying_why(written: str, why: str) -> None:
    text, holes = untemplated(f"a: {written} # c", VALUES)
    assert (text, holes) == ("a: jinjahole0x0z # c", {"jinjahole0x0z": (written, f"`{written}`: {why}")})
    assert restored(text, holes) == (f"a: {written} # c", [f"`{written}`: {why}"])


def test_statement_and_comment_lines_are_blanked_keeping_line_numbers() -> None:
    template = (
        "{# a comment\nover two lines #}x: 1\n"
        "{% if a %}\n"
        "  {%- for b in c %} {% endfor -%}  \n"
        "y: {{ m }}{# inline #}\n"
        "z: {% if a %}1{% endif %}\n"
        "{{ u | to_nice_yaml }}\n"
        "  {{ port }}  \n"
        "w: {{ u }} {{ m | upper }} {{ nope }}"
    )
    text, holes = untemplated(template, VALUES)
    assert text == ("\nx: 1\n\n\ny: v\nz: jinjahole0x0z1jinjahole1x0z\n\n  80  \nw: jinjahole3x0z V jinjahole4x0z")
    assert holes == {
        "jinjahole0x0z": ("{% if a %}", "`{% if a %}`: a Jinja statement inside a value"),
        "jinjahole1x0z": ("{% endif %}", "`{% endif %}`: a Jinja statement inside a value"),
        "jinjahole3x0z": ("{{ u }}", f"`{{{{ u }}}}`: u {UNSET}"),
        "jinjahole4x0z": ("{{ nope }}", f"`{{{{ nope }}}}`: nope {UNSET}"),
    }
    assert restored(text, holes) == (
        "\nx: 1\n\n\ny: v\nz: {% if a %}1{% endif %}\n\n  80  \nw: {{ u }} V {{ nope }}",
        [
            "`{% if a %}`: a Jinja statement inside a value",
            "`{% endif %}`: a Jinja statement inside a value",
            f"`{{{{ u }}}}`: u {UNSET}",
            f"`{{{{ nope }}}}`: nope {UNSET}",
        ],
    )


def test_restored_puts_back_only_the_holes_the_text_holds() -> None:
    holes = {"jinjahole0x0z": ("{{ a }}", "why a"), "jinjahole1x0z": ("{{ b }}", "why b")}
    assert restored("k: jinjahole1x0z", holes) == ("k: {{ b }}", ["why b"])
    assert restored("k: v", holes) == ("k: v", [])


def test_a_line_with_text_besides_its_statement_keeps_the_text() -> None:
    text, holes = untemplated("image: app{% if a %}-x{% endif %}\n{% else %}", {})
    assert text == "image: appjinjahole0x0z-xjinjahole1x0z\n"
    assert sorted(holes) == ["jinjahole0x0z", "jinjahole1x0z"]


def test_an_unknown_expression_alone_on_its_line_leaves_the_line_blank_without_a_hole() -> None:
    assert untemplated("a: 1\n   {{ extra | to_nice_yaml }}   \nb: 2", {}) == ("a: 1\n\nb: 2", {})


CONDITIONAL_VALUES: dict[str, object] = {**VALUES, "off": False, "self_build": False, "upstream": "ghcr.io/"}
CONDITIONAL_KNOWN = [
    ("{{ 'localhost/' if self_build else upstream }}", "ghcr.io/"),
    ("{{ 'localhost/' if flag else upstream }}", "localhost/"),
    ("{{ 'localhost/' if not flag else upstream }}", "ghcr.io/"),
    ("{{ 'localhost/' if self_build | bool else upstream }}", "ghcr.io/"),
    ("{{ 'x' if off }}", ""),
    ("{{ m if flag else u }}", "v"),  # the branch not taken is not evaluated
    ("{{ 'a' if n else 'b' | upper }}", "B"),
    # a comparison of a name with a string, and a join of strings and names (`+`, `~`): matrix-docker-ansible-deploy's
    # `'latest' if x_version == 'latest' else ('release-' + x_version)`
    ("{{ 'latest' if m == 'latest' else ('release-' + m) }}", "release-v"),
    ("{{ 'latest' if m == 'v' else ('release-' + m) }}", "latest"),
    ("{{ 'x' if m != 'v' else 'y' }}", "y"),
    ("{{ (m + '-alpine') }}", "v-alpine"),
    ("{{ m ~ '-' ~ versions.app }}", "v-1.2"),
]


@pytest.mark.parametrize(("written", "value"), CONDITIONAL_KNOWN)
def test_an_if_expression_on_a_boolean_takes_its_branch(written: str, value: str) -> None:
    """Jinja's `A if COND else B` (https://jinja.palletsprojects.com/en/stable/templates/#if-expression), the
    way Ansible roles pick a registry prefix: `'localhost/' if x_self_build else x_prefix_upstream`."""
    assert untemplated(f"a: {written} # c", CONDITIONAL_VALUES) == (f"a: {value} # c", {})


CONDITIONAL_UNKNOWN = [
    ("{{ 'a' if u else 'b' }}", f"u {UNSET}"),
    ("{{ 'a' if m else 'b' }}", "m is not a boolean"),
    ("{{ 'a' if m > 'v' else 'b' }}", "`'a' if m > 'v' else 'b'` is an expression this reader does not evaluate"),
    ("{{ 'a' if u == 'v' else 'b' }}", f"u {UNSET}"),
    ("{{ m + port }}", "`m + port` is an expression this reader does not evaluate"),
]


@pytest.mark.parametrize(("written", "why"), CONDITIONAL_UNKNOWN)
def test_an_if_expression_on_an_unknown_condition_is_a_hole(written: str, why: str) -> None:
    _, holes = untemplated(f"a: {written}", CONDITIONAL_VALUES)
    assert holes == {"jinjahole0x0z": (written, f"`{written}`: {why}")}


def test_an_expression_with_a_long_run_of_blanks_is_read_in_linear_time() -> None:
    # a review found an if expression's blanks tried from every blank of a run (a run of 300,000: two minutes)
    written = "{{ a" + " " * 1_200_000 + "b }}"
    _, holes = finishes(untemplated, f"image: {written}\n", CONDITIONAL_VALUES)
    assert len(holes) == 1
