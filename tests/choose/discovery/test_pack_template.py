"""One Nomad Pack template action rendered: the pipeline subset image lines use, and a reason for the rest."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated
from ecr_mirror.choose.discovery.nomad_variables import read_variables
from ecr_mirror.choose.discovery.pack_template import render_action

VARIABLES = read_variables(
    'variable "name" {\n  default = " Loki "\n}\nvariable "empty" {\n  default = ""\n}\n'
    'variable "task" {\n  default = {\n    version = 3\n    ports = ["http"]\n  }\n}\n',
    "packs/loki/variables.hcl",
)


@pytest.mark.parametrize(
    ("action", "rendered"),
    [
        (' var "name" $ | trim | lower ', "loki"),
        (' var "name" . | trim | upper | squote ', "'LOKI'"),
        (' var "task.version" . | toString | quote ', '"3"'),
        (' var "empty" . | default "grafana/loki" ', "grafana/loki"),
        (" .loki.name | trim ", "Loki"),
        (" $.my.name | trim ", "Loki"),
        (' printf "%s:%d%%" "a" (var "task.version" .) ', "a:3%"),
        (' printf "%q" "x" ', '"x"'),
        (" `raw` ", "raw"),
    ],
)
def test_the_pipelines_image_lines_use(action: str, rendered: str) -> None:
    assert render_action(action, VARIABLES, "loki") == rendered


@pytest.mark.parametrize(
    ("action", "reason"),
    [
        (' if var "empty" . ', "`if` is template logic"),
        (' var "task.ports" . ', "a list or object"),
        (' var "name" . | b64enc ', "`b64enc` is a template function this reader does not render"),
        (" $t.image ", "`$t` is a template variable"),
        (' var "nope" . ', "nope is not declared in packs/loki/variables.hcl"),
        (' var "task.tag" . ', "has no field tag"),
        (' printf "%s:%s" "a" ', "fewer arguments"),
        (" . ", "the whole template context"),
        (' (var "name" . ', "without its `)`"),
    ],
)
def test_what_is_not_rendered_says_why(action: str, reason: str) -> None:
    with pytest.raises(NotEvaluated) as raised:
        render_action(action, VARIABLES, "loki")
    assert reason in str(raised.value)
