"""A CircleCI config's pipeline parameters, as the image a job runs in names them (pure).

`parameters:` at a config's top declares the pipeline's parameters (https://circleci.com/docs/pipeline-variables/):
`image: << pipeline.parameters.primary_image >>` is the parameter's `default` in every pipeline that a push
triggers; a trigger through the API may give another value, known only then. A parameter without a default, or
with one that is no string or number, leaves the image unresolved; so does a job's or an executor's own `<<
parameters.X >>`, which the workflow that invokes the job gives.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_PIPELINE_RE = re.compile(r"<<\s*pipeline\.parameters\.([\w-]+)\s*>>")


def pipeline_defaults(doc: object) -> dict[str, str]:
    """The pipeline parameters of the config `doc` that have a string or number default, by name."""
    declared = doc.get("parameters") if isinstance(doc, Mapping) else None
    out: dict[str, str] = {}
    for name, spec in declared.items() if isinstance(declared, Mapping) else ():
        default: Any = spec.get("default") if isinstance(spec, Mapping) else None
        if isinstance(default, str | int | float) and not isinstance(default, bool) and str(default).strip():
            out[str(name)] = str(default).strip()
    return out


def with_pipeline_defaults(text: str, defaults: Mapping[str, str]) -> str:
    """`text` with each `<< pipeline.parameters.NAME >>` that `defaults` gives a value replaced by it."""
    return _PIPELINE_RE.sub(lambda m: defaults.get(m.group(1), m.group(0)), text)
