"""Images a test suite takes from its own pytest command-line option, named where a command passes it (pure).

A conftest defines an option (`parser.addoption("--docker-image")`), reads it (`image =
request.config.getoption("--docker-image")`, `pytestconfig.getoption("docker_image")`: the option or its `dest`)
and pulls or starts what it names through the Docker SDK, which leaves that pull unresolved in the source
(python_sdk.py: `image` is known only when the program runs). The value is given where pytest runs: a Makefile's
`pytest --docker-image $(DOCKER_IMAGE) tests` (aiokafka's, with `DOCKER_IMAGE=aiolibs/kafka:$(SCALA_VERSION)_
$(KAFKA_VERSION)` and both versions' `?=` defaults), a script's `python -m pytest --docker-image=...`. So:

- `pulled_options`: the options whose value a source binds to a name its pull left unresolved;
- `pytest_images`: the values a script's pytest commands (`pytest`, `py.test`, `python -m pytest`, where a command
  runs) give those options (`--OPT VALUE`, `--OPT=VALUE`), the script's variables resolved as for `docker run`
  (each value a branch of a makefile's conditional gives; otherwise unresolved, naming the variable).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from ecr_mirror.choose.discovery.command_scan import command_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_options import option_values
from ecr_mirror.choose.discovery.shell_words import ShellValues

_GETOPTION_RE = re.compile(
    r"""^[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*=[ \t]*[\w.]*\bgetoption\(\s*(?P<quote>["'])(?P<option>[\w-]+)(?P=quote)""",
    re.MULTILINE,
)
_PYTEST_RE = re.compile(r"(?<![\w./-])(?:(?:python3?|py)[ \t]+-m[ \t]+)?(?:pytest|py\.test)(?![\w.-])")


def _option(written: str) -> str:
    """The command-line spelling of an option `getoption` names: `--docker-image`, or its `dest` `docker_image`."""
    return written if written.startswith("-") else "--" + written.replace("_", "-")


def pulled_options(text: str, unresolved: Iterable[str]) -> set[str]:
    """The pytest options whose value `text` binds to one of the `unresolved` names its pulls are given."""
    names = set(unresolved)
    return {_option(m["option"]) for m in _GETOPTION_RE.finditer(text) if m["name"] in names}


def pytest_images(text: str, origin: str, options: Collection[str]) -> list[Found]:
    """The images `text`'s pytest commands give `options`, in order; `use` is `pytest OPTION`."""
    if not options or "py" not in text:
        return []
    values = ShellValues.of(text, yaml=origin.endswith((".yml", ".yaml")))
    found: list[Found] = []
    for line, joined, match in command_runs(text, _PYTEST_RE, tuple(options), ("#", "//")):
        words = command_words(joined, match.end())
        for option in sorted(options):
            for image in option_values(words, option):
                for resolved, problem in values.resolve_each(image) if image.strip() else ():
                    use = f"pytest {option}"
                    found.append(Found(resolved if problem is None else image, origin, line, problem, use))
    return found
