"""Where a Go template's blocks end (go_template_blocks.py): each `define`, `if`, `range`, `with` at its own `{{ end
}}`, the blocks inside closing first, trim markers allowed, `else` opening nothing, comments and the strings of an
action skipped; read in one pass, however deep or unclosed."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_template_blocks import block_ends
from tests.support.hang_guard import finishes

HELPERS = """\
{{/* The image, with the global registry first when one is set: {{ end }} in a comment closes nothing */}}
{{- define "console.image" -}}
{{- $registry := .Values.image.registry -}}
{{- if .Values.global.imageRegistry }}
  {{- $registry = .Values.global.imageRegistry -}}
{{- else if .Values.global.mirror }}
  {{- $registry = .Values.global.mirror -}}
{{- end }}
{{- range $key, $value := .Values.image.extra }}{{ with $value }}{{ . }}{{ end }}{{ end }}
{{- printf "%s/%s:%s" $registry .Values.image.repository .Values.image.tag -}}
{{- end -}}
"""


def _closing(text: str, opening: str) -> str:
    start = text.index(opening)
    end_start, end_end = block_ends(text)[start]
    return text[end_start:end_end]


def test_a_define_closes_at_its_own_end_not_at_the_first_end_inside_it() -> None:
    ends = block_ends(HELPERS)
    define = HELPERS.index('{{- define "console.image"')
    assert HELPERS[ends[define][0] :] == "{{- end -}}\n"
    assert _closing(HELPERS, "{{- if .Values.global") == "{{- end }}"
    assert len(ends) == 4  # define, if, range, with: the comment and the `else if` open nothing


def test_a_block_never_closed_has_no_end() -> None:
    assert block_ends('{{ define "x" }}{{ if .a }}{{ end }}') == {16: (27, 36)}
    assert block_ends("{{/* an unclosed comment {{ if .a }}{{ end }}") == {}


def test_an_action_written_in_a_string_of_an_action_is_no_action() -> None:
    # `{{ "{{ end }}" }}` prints the text `{{ end }}`: a string (double-quoted, escapes allowed; raw, backquoted, over
    # lines too; a character constant) is read whole within its action (https://pkg.go.dev/text/template#hdr-Arguments)
    text = (
        '{{- define "x" -}}{{ "{{ end }}" }}{{ `{{ if .a }}\n{{ end }}` }}{{ printf "\\"{{ end }}\\"" }}'
        "{{ if eq .c '}' }}{{ .c }}{{ end }}{{- end -}}"
    )
    ends = block_ends(text)
    assert ends == {
        0: (text.rindex("{{- end -}}"), len(text)),
        text.index("{{ if eq"): (text.rindex("{{ end }}"), text.rindex("{{- end -}}")),
    }


def test_an_action_in_quotes_of_the_text_around_actions_is_an_action() -> None:
    text = 'image: "{{ if .a }}{{ .a }}{{ end }}"'
    assert block_ends(text) == {text.index("{{ if"): (text.index("{{ end"), len(text) - 1)}


def test_deep_or_unclosed_blocks_are_read_in_linear_time() -> None:
    # a hostile chart: 40,000 nested blocks, then 40,000 `if`s and 40,000 `define`s never closed
    nested = "{{ if .a }}" * 40_000 + "x" + "{{ end }}" * 40_000
    unclosed = "{{ if .a }}\n" * 40_000 + '{{- define "x" -}}\n' * 40_000
    assert len(finishes(block_ends, nested)) == 40_000
    assert finishes(block_ends, unclosed) == {}
