"""The names a `docker/build-push-action` step's `tags:` input gives, over the job's literal matrix (pure).

`tags:` is a list, or a string with one name a line or names separated by commas
(https://github.com/docker/build-push-action#inputs). A job with a `strategy.matrix` runs the step once per
combination, each with its own `${{ matrix.X }}` values
(https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/running-variations-of-jobs-in-a-workflow):
logging-operator's e2e build job, `tags: ${{ matrix.tags }}` over `include` entries `tags: fluentd-full:local`,
`tags: controller:local`. A name whose expression the matrix does not give (or a matrix that is itself an
expression) is kept as written, with its `${{ ... }}`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ecr_mirror.choose.discovery.github_actions import with_matrix

_SEPARATOR_RE = re.compile(r"[,\n]")


def tag_names(tags: object, combinations: list[dict[str, Any]] | None, known: Callable[[str], str]) -> list[str]:
    """The names of `tags:` (`known`: the step's literal env put in first), once per combination, each once."""
    written = tags if isinstance(tags, list) else [tags] if isinstance(tags, str) else []
    names: list[str] = []
    for combination in combinations or [{}]:
        for item in written:
            text = known(str(item))
            if "${{" in text and combinations is not None:
                text = with_matrix(text, combination) or text
            names.extend(_SEPARATOR_RE.split(text) if isinstance(item, str) else [text])
    return list(dict.fromkeys(names))
