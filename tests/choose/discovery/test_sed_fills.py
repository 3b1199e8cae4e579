"""sed_fills: the `s` commands of a script's in-place seds, with the file each edits."""

from __future__ import annotations

from ecr_mirror.choose.discovery.sed_fills import SedFill, filled, sed_fills

SCRIPT = """\
#!/usr/bin/env bash
V=v1.2.3
cp "$(dirname "$0")"/tpl/app.yaml "${TMP}"/app.yaml
sed -i -e "s/{{v}}/${V}/g" -e 's/@REG@/ghcr.io/' "${TMP}"/app.yaml
sed -i "s/a.*b/${V}/g" deploy/app.yaml
sed -i "s/{{w}}/${UNSET}/g" deploy/app.yaml
sed -n -i "s/{{x}}/${V}/p" deploy/app.yaml
sed --in-place=.bak "s|TAG|${V}|; s|OTHER|x&y|" deploy/app.yaml
echo sed -i "s/{{y}}/${V}/g" deploy/app.yaml
"""


def test_in_place_seds_with_literal_patterns_and_known_replacements_are_read() -> None:
    assert sed_fills(SCRIPT) == [
        SedFill("I", ".self/../tpl/app.yaml", "{{v}}", "v1.2.3", True, 4),
        SedFill("I", ".self/../tpl/app.yaml", "@REG@", "ghcr.io", False, 4),
        SedFill("R", "deploy/app.yaml", "TAG", "v1.2.3", False, 8),
    ]


def test_fills_apply_in_order_and_name_the_first_that_changed_the_value() -> None:
    fills = sed_fills(SCRIPT)
    assert filled("@REG@/app:{{v}}", fills) == ("ghcr.io/app:v1.2.3", fills[0])
    assert filled("nginx:1.27", fills) == ("nginx:1.27", None)


def test_the_s_commands_read_are_plain_ones_with_no_flag_but_g() -> None:
    """A backslash anywhere, a replacement with `&`, a flag other than `g`: no fill. Whitespace around a command is
    dropped. A delimiter left unescaped in the replacement is read as part of it, the replacement running to the
    last delimiter (`s/{{e}}/ghcr.io/app/`: GNU sed rejects it, "unknown option to `s'"), as sed_fills always has."""
    script = (
        "V=v1\n"
        'sed -i -e "s/{{a}}/x\\/y/" -e "s/{{b}}/${V}/2" -e "s/{{c}}/${V}/gI" -e "s/{{d}}/a&b/" a.yaml\n'
        'sed -i -e "s/a\\/b/${V}/" -e " s/{{h}}/${V}/ " -e "s/{{e}}/ghcr.io/app/" -e "s|{{f}}|${V}|g" a.yaml\n'
        'sed -i -e "s/{{g}}/v/g/" -e "s:{{i}}:x:y:g" -e "s/{{j}}/v" -e "s/{{k}}/v/w out" a.yaml\n'
    )
    assert [(fill.pattern, fill.replacement, fill.every, fill.line) for fill in sed_fills(script)] == [
        ("{{h}}", "v1", False, 3),
        ("{{e}}", "ghcr.io/app", False, 3),
        ("{{f}}", "v1", True, 3),
        ("{{g}}", "v/g", False, 4),
        ("{{i}}", "x:y", True, 4),
    ]
