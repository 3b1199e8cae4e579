"""The images the Dockerfiles of a compose file's services pull when a script, a Makefile recipe or a CI step runs
compose with an environment of its own (cli/discover_workflows.py finds the runs): the services' build arguments
take their values from that environment as the file's image names do (`args: {pyTag: ${PY_TAG}}`, a dev setup's
`start.sh` exporting `PY_TAG=${PY_TAG:-3.12.4-alpine3.20}` before `docker-compose up -d --build`; compose
interpolates the whole file, `build.args` included, from its environment:
https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/), and the Dockerfile's `ARG`
then has that value (`FROM python:${pyTag}`: `python:3.12.4-alpine3.20`). Only what differs from the file's own
reading (`.env`, defaults) is given; the rest is the file's, read alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from ecr_mirror.choose.discovery.compose_build_specs import compose_builds
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.cli.discover_builds import built_images


def run_built_images(
    text: str,
    shown: str,
    values: tuple[Mapping[str, str], Mapping[str, str]],
    pulls: frozenset[str],
    read: Callable[[str], str | None],
) -> list[Found]:
    """The Dockerfile images the compose file `text` (shown as `shown`) builds with the run's values, not with its
    own: `values` is (the file's own, the run's); `pulls` the services compose pulls rather than builds
    (compose_pulls). Every service's build is read, as `up --build` and `build` with no service name build them."""
    own, run = values

    def reader(name: str, _path: Path) -> str | None:
        return read(name)

    def built(given: Mapping[str, str]) -> list[Found]:
        return built_images(shown, compose_builds(text, shown, dict(given), pulls), reader)

    alone = {(item.origin, item.line, item.text) for item in built(own)}
    return [item for item in built(run) if (item.origin, item.line, item.text) not in alone]
