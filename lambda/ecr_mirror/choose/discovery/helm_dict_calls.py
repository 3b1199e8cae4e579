"""A call of a one-line named template given a dict of values and the top context, written out as its body (pure).

`image: "{{ template "pulsar.imageFullName" (dict "image" .Values.images.broker "root" .) }}"`: the template's dot
is the dict, so its body reads the values through the dict's keys, `.image.repository`, `.root.Values.defaultTag`,
`.root.Chart.AppVersion` (`dict` builds a map from key and value pairs:
https://helm.sh/docs/chart_template_guide/function_list/#dict; `template` and `include` run the named template with
that dict as its dot: https://helm.sh/docs/chart_template_guide/named_templates/). The call is written as that body
with each key read as what it holds: a key given a values path (`.Values.images.broker`, `$.Values.x`) as that
path, a key given the top context (`.` or `$`) as `$`: `$.Values.images.broker.repository`,
`$.Values.defaultTag`, `$.Chart.AppVersion`, which helm_template_lines.py then renders. A key given anything else
(`(list .)`, a string) makes no call of this form: the line is left as written, and so is a field of the dot the
call gives no key for (it stays a field of the dot, which no values lookup reads).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ARGUMENT = r"(?:\$?\.Values(?:\.[A-Za-z_][\w-]*)+|\$|\.)"
_DICT_CALL_RE = re.compile(
    rf"\{{\{{-?\s*(?:include|template)\s+\"(?P<name>[^\"]+)\"\s+"
    rf"\(\s*dict(?P<pairs>(?:\s+\"\w+\"\s+{_ARGUMENT})+)\s*\)\s*-?\}}\}}"
)
_PAIR_RE = re.compile(rf"\"(?P<key>\w+)\"\s+(?P<argument>{_ARGUMENT})")


def dict_calls_inlined(body: str, named: Mapping[str, str]) -> str:
    """`body` with each call of a named template of `named` (its one-line bodies) given a dict of values paths and
    the top context written as that template's body, the dict's keys read as what they hold."""
    if "dict" not in body or not named:
        return body

    def inlined(call: re.Match[str]) -> str:
        text = named.get(call["name"])
        if text is None:
            return call.group()
        for pair in _PAIR_RE.finditer(call["pairs"]):
            argument = pair["argument"]
            target = "$." if argument in ("$", ".") else f"$.{argument.lstrip('$.')}."
            text = re.sub(rf"(?<![\w.$)\]])\.{re.escape(pair['key'])}\.(?=[A-Za-z_])", target, text)
        return text

    return _DICT_CALL_RE.sub(inlined, body)
