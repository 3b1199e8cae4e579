"""The options of a Dev Container Template, written into its files as the tool applying it writes them (pure).

A template is the directory holding a `devcontainer-template.json`; its `options` name values the user picks, and
the tool applying the template replaces each `${templateOption:ID}` in every file of that directory with the
value picked, the option's `default` when none is (https://containers.dev/implementors/templates/#the-options-property,
"Option Resolution"; the Dev Container CLI's `templates apply`, src/spec-configuration/containerTemplatesOCI.ts, matches
`\\${templateOption:\\s*(\\w+?)\\s*}` and takes a string or boolean option's default when it has one). The images of a
template's files are read at those defaults, what its CI's smoke test builds; an option with no default is left as
written (the CLI writes it empty: `postgres:` is no image), so the image is unresolved, naming it.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.devcontainer import definition
from ecr_mirror.errors import ConfigError

TEMPLATE_FILE = "devcontainer-template.json"
MARK = "${templateOption:"
_OPTION_RE = re.compile(r"\$\{templateOption:\s*(\w+?)\s*\}")


def option_defaults(text: str, origin: str) -> dict[str, str]:
    """The options of a `devcontainer-template.json` that have a default (a boolean written `true`/`false`); none
    when it is not JSON."""
    try:
        doc = definition(text, origin)
    except ConfigError:
        return {}
    options = doc.get("options") if isinstance(doc, dict) else None
    defaults: dict[str, str] = {}
    for name, option in options.items() if isinstance(options, dict) else ():
        value = option.get("default") if isinstance(option, dict) else None
        if isinstance(value, bool):
            defaults[str(name)] = "true" if value else "false"
        elif isinstance(value, str | int | float) and str(value):
            defaults[str(name)] = str(value)
    return defaults


def options_applied(text: str, defaults: dict[str, str]) -> str:
    """`text` with each `${templateOption:ID}` of an option of `defaults` replaced by its value."""
    return _OPTION_RE.sub(lambda match: defaults.get(match.group(1), match.group()), text)
