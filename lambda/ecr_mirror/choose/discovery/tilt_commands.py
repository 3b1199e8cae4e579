"""The Tiltfile a `tilt up` or `tilt ci` command runs (pure).

A CI step's `tilt up` / `tilt ci` evaluates a Tiltfile and starts what it declares, the compose projects of its
`docker_compose()` calls among them (tilt.py, `tilt_compose_files`), with the step's environment.
"""

from __future__ import annotations


def run_tiltfile(words: list[str]) -> str | None:
    """The Tiltfile `tilt up|ci WORDS` runs: `-f`/`--file`, else `Tiltfile` (https://docs.tilt.dev/cli/tilt_up.html,
    https://docs.tilt.dev/cli/tilt_ci.html); None when it is not literal. Words after `--` are the Tiltfile's."""
    words = words[: words.index("--")] if "--" in words else words
    given = [after for at, word in enumerate(words) for after in words[at + 1 : at + 2] if word in ("-f", "--file")]
    given += [word.split("=", 1)[1] for word in words if word.startswith("--file=")]
    name = given[-1] if given else "Tiltfile"
    return None if any(char in name for char in "$`*?") or name.startswith(("/", "~")) else name
