"""Images of the test scenarios of Dev Container Features (`test/<feature>/scenarios.json`) (pure).

`devcontainer features test` reads `test/<FEATURE>/scenarios.json` and `test/_global/scenarios.json` beside the
features' `src/`: a JSON object (with comments) whose keys are test names and whose values are `devcontainer.json`
snippets, each built into a container the feature is installed in
(https://github.com/devcontainers/cli/blob/main/docs/features/test.md#scenarios), so each scenario's `image` is
pulled. A scenario built from a Dockerfile (`build.dockerfile`, in `test/<FEATURE>/<SCENARIO>/`) is read by the walk
as any Dockerfile. Only scenarios that install features (a `features` object) are read: another tool's
`scenarios.json` (a load test's) names no image pulled so.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.devcontainer import definition
from ecr_mirror.choose.discovery.found import Found

_IMAGE_RE = re.compile(r'"image"\s*:')


def is_scenarios_file(path: PurePath) -> bool:
    """`test/<feature>/scenarios.json`, where the CLI looks for a feature's scenarios."""
    return path.name == "scenarios.json" and path.parent.parent.name == "test"


def scenario_images(text: str, origin: str) -> list[Found]:
    doc = definition(text, origin)
    if not isinstance(doc, dict):
        return []
    lines = text.splitlines()
    found: list[Found] = []
    start = 0
    for name, scenario in doc.items():
        key = re.compile(rf'"{re.escape(str(name))}"\s*:')
        start = next((n for n in range(start, len(lines)) if key.search(lines[n])), start)
        if not isinstance(scenario, dict) or not isinstance(scenario.get("features"), dict):
            continue
        image = scenario.get("image")
        if not isinstance(image, str) or not image.strip():
            continue
        line = next((n for n in range(start, len(lines)) if _IMAGE_RE.search(lines[n])), None)
        found.append(Found(image.strip(), origin, None if line is None else line + 1, use=f"image (scenario {name})"))
    return found
