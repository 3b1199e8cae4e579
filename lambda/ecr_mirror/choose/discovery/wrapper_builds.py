"""Images a script of the tree builds for its caller: `docker build --tag "$1"` (pure).

A project often wraps `docker build` in a script that takes the name to build (`build-bin/docker/docker_build
acme/app:test`, its body `docker_tag=${1?...}` then `docker build --tag ${docker_tag} .`): the name is the caller's
argument, so the script alone names nothing. Such a script is a builder of that position (`$1`, `${1}`, or a
variable it assigns from it, `tag=${1:-x}`, `tag="$1"`), and each call of it where a command runs (a script, a
Makefile recipe, a CI step: by its path, `./` and directories before it allowed, as long as they are the end of the
script's path in the tree) with a literal name in that position, or a variable the caller gives one value (a
script's assignment, a workflow step's `env:`, the job's or the workflow's), builds that name. A package.json's
scripts run in the package's directory (https://docs.npmjs.com/cli/v10/using-npm/scripts#current-working-directory):
a path there is read from it, `../../common/scripts/docker_build.sh acme/front` in `pods/front/package.json`. A name
known only when the call runs (`${{ inputs.tag }}`, `$(git describe)`) builds nothing known.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.json_scripts import json_script_lines
from ecr_mirror.choose.discovery.local_builds import LocalBuild, build_words, joined_lines
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.workflow_steps import step_commands
from ecr_mirror.errors import ConfigError

_WORKFLOW_DIRECTORY = ".github/workflows/"

_POSITIONAL_RE = re.compile(r"\$(?:(\d)|\{(\d)\})")
_VARIABLE_RE = re.compile(r"\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})")
_FROM_POSITION = (
    r"^[ \t]*(?:export[ \t]+|local[ \t]+|readonly[ \t]+)?{name}=[\"']?\$(?:(\d)|\{{(\d)(?:[:?=+-][^}}\n]*)?\}})"
)


def _position(word: str, text: str) -> int | None:
    """The positional parameter a build's name is: `$1`, `"${2}"`, or a variable assigned from one."""
    word = word.strip("\"'")
    if (match := _POSITIONAL_RE.fullmatch(word)) is not None:
        return int(match.group(1) or match.group(2))
    if (match := _VARIABLE_RE.fullmatch(word)) is None:
        return None
    name = match.group(1) or match.group(2)
    assigned = re.search(_FROM_POSITION.format(name=re.escape(name)), text, re.MULTILINE)
    return int(assigned.group(1) or assigned.group(2)) if assigned else None


def builder_scripts(scripts: dict[str, str]) -> dict[str, int]:
    """The scripts (name shown -> position) that build the name their caller passes in that position."""
    out: dict[str, int] = {}
    for shown, text in scripts.items():
        for _, word in build_words(text):
            if (position := _position(word, text)) is not None and position > 0:
                out.setdefault(posixpath.normpath(shown), position)
    return out


def _names_script(word: str, script: str, directory: str | None = None) -> bool:
    """`build-bin/docker/docker_build`, `./build-bin/docker/docker_build` or `docker/docker_build` for the script
    `build-bin/docker/docker_build`: the end of its path, from a directory boundary; from `directory`, where the
    caller runs when it is known, a relative path too (`../../common/scripts/docker_build.sh`)."""
    if directory is not None and word.startswith(("./", "../")):
        return posixpath.normpath(posixpath.join(directory, word)) == script
    called = posixpath.normpath(word)
    return "/" in word and (script == called or script.endswith(f"/{called}")) and not called.startswith("..")


def _calls(
    text: str, first: int, builders: dict[str, int], directory: str | None = None
) -> Iterator[tuple[int, str, int, str]]:
    """(line, script, position, argument as written) of each call of a builder in `text` (`directory`: where its
    commands run, when known)."""
    for offset, joined in joined_lines(text):
        if joined.lstrip().startswith("#"):
            continue
        starts = CommandStarts(joined)
        for match in re.finditer(r"(?<![\w./$-])(?:\./)?[\w.-]+(?:/[\w.-]+)+", joined):
            script = next((s for s in builders if _names_script(match.group(), s, directory)), None)
            if script is None or not starts.runs_at(match.start()):
                continue
            positional = [word for word in command_words(joined, match.end()) if not word.startswith("-")]
            position = builders[script]
            if len(positional) >= position:
                yield first + offset - 1, script, position, positional[position - 1]


def _runs(shown: str, text: str) -> list[tuple[int, str, dict[str, str]]]:
    """A workflow's `run:` steps with their env; any other text as one script."""
    if _WORKFLOW_DIRECTORY in f"/{shown}".replace("\\", "/") and shown.endswith((".yml", ".yaml")):
        try:
            return step_commands(text, shown)
        except ConfigError:
            return []  # a workflow that does not parse is reported by its own reader
    if posixpath.basename(shown) == "package.json":
        return [(1, json_script_lines(text), {})]
    return [(1, text, {})]


def wrapper_builds(builders: dict[str, int], texts: dict[str, str]) -> list[LocalBuild]:
    """The names the calls of `builders` in `texts` (name shown -> text: scripts, Makefiles, CI files) build."""
    out: list[LocalBuild] = []
    if not builders:
        return out
    for shown, text in texts.items():
        if not any(posixpath.basename(script) in text for script in builders):
            continue
        runs = _runs(shown, text)
        values = ShellValues.of(text)
        package = posixpath.basename(shown) == "package.json"
        directory = posixpath.dirname(posixpath.normpath(shown)) if package else None
        for first, commands, env in runs:
            known = ShellValues({**values.values, **{name: {value} for name, value in env.items()}})
            for line, script, position, argument in _calls(commands, first, builders, directory):
                name, problem = known.resolve(argument)
                if problem is None and name:
                    out.append(LocalBuild(name, shown, line, f"{script} (docker build ${position})"))
    return out
