"""The compose runs of a Makefile's recipe that selects its env file by a variable
(choose/discovery/compose_env_files.py): one run per env file of the tree the selection's glob matches, from the
Makefile's directory (make runs a recipe there), with that file's variables (parsed as compose parses an env file)
over the compose file's `.env` (`--env-file env/.env --env-file env/.env.v7.4`: the later file wins). jedis'
`src/test/resources/env/.env.v7.2` gives `REDIS_VERSION=7.2.12` to
`${CLIENT_LIBS_TEST_IMAGE}:${CLIENT_LIBS_TEST_IMAGE_TAG:-${REDIS_VERSION:-}}`.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

from ecr_mirror.choose.discovery.compose_env_files import env_file_choices
from ecr_mirror.choose.discovery.dotenv import parse_dotenv
from ecr_mirror.choose.discovery.workflow_steps import ComposeRun

MAX_ENV_FILES = 64  # env files read per selection
MAX_ENV_BYTES = 64 * 1024


def env_file_runs(text: str, shown: str) -> list[ComposeRun]:
    """The compose runs of the Makefile `shown` (its `text`) with each env file its recipes select by a variable."""
    directory = os.path.dirname(shown)
    runs: list[ComposeRun] = []
    for choice in env_file_choices(text):
        for path in sorted(glob.glob(os.path.join(glob.escape(directory), choice.pattern)))[:MAX_ENV_FILES]:
            if os.path.basename(path) == ".env" or not os.path.isfile(path) or os.path.getsize(path) > MAX_ENV_BYTES:
                continue
            try:
                env = parse_dotenv(Path(path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            if env:
                runs.append(ComposeRun((choice.compose,), directory, tuple(sorted(env.items())), shown, choice.line))
    return runs
