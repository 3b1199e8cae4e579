"""Images a script of the tree runs for its caller: `docker run "$IMAGE"` with the image from an option (pure).

A project often wraps `docker run` in a script that takes the image as an option (mockserver's
`.buildkite/scripts/run-in-docker.sh -i python:3.12 -- pytest`, whose `case` reads `-i|--image) IMAGE="$2"; shift 2` and
which ends in `exec docker run "${DOCKER_ARGS[@]}" "$IMAGE" ...`): the image is the caller's, so the script alone names
none (its own `docker run "$IMAGE"` stays unresolved). Such a script (`*.sh`, `*.bash`) is a runner of those option
names (an option of a `case` pattern, `-i|--image)`, assigning a variable `"$2"` that a `docker|podman run|create|pull`
line of the script takes as its image, not as an option's value), and each call of it where a command runs (a script, a
Makefile recipe, a CI step: by its path, `./`, directories or a variable directory before it allowed
(`"$SCRIPT_DIR/../run-in-docker.sh"`), the written path's end being the end of the script's path in the tree) pulls the
value given with one of those options (`-i X`, `--image X`, `--image=X`; up to `--`): a literal, or a variable the
caller's file gives one literal value. A value known only when the call runs (a function's `"$1"`, `${{ inputs.image
}}`) names nothing.

A script may also take the whole rest of its docker command from its arguments: `"$@"` (`"${@}"`, `$*`) where its
`docker|podman run|create|pull` has its image, after options only (tetragon's `contrib/scripts/repo-docker-run.sh`,
`"${CONTAINER_ENGINE}" run "${docker_opts[@]}" "${@}"`, which mounts the git directories before running what it is
given). Each call of such a script is that command with the call's words (the shell passes them as `"$@"`,
https://www.gnu.org/software/bash/manual/html_node/Special-Parameters.html): tetragon's `api/Makefile` runs
`../contrib/scripts/repo-docker-run.sh --volume ... --workdir /src/api $(BUILDER_IMAGE) make ...`, the image after
the options, `BUILDER_IMAGE` from the `Makefile.defs` it includes. A script running its arguments as the container's
command (`docker run --rm alpine:3 "$@"`) is no such runner.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.docker_run import image_word
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.split_values import split_values

# `-i|--image)   IMAGE="$2"; shift 2 ;;` in a `case`
_OPTION_CASE_RE = re.compile(
    r"^[ \t]*\(?[ \t]*(?P<options>-{1,2}[\w-]+(?:[ \t]*\|[ \t]*-{1,2}[\w-]+)*)[ \t]*\)[ \t]*"
    r"(?P<name>[A-Za-z_]\w*)=[\"']?\$(?:2|\{2\})[\"']?",
    re.MULTILINE,
)
_RUN_RE = re.compile(r"(?<![\w./-])(?:docker|podman)(?:[ \t]+(?:container|image))?[ \t]+(?:run|create|pull)(?![\w-])")
# docker run's options that take no value, which may stand before the image
_FLAGS = frozenset(["--rm", "-d", "--detach", "-i", "--interactive", "-t", "--tty", "-it", "-ti", "--privileged",
                    "--init", "-P", "--publish-all", "--read-only", "-q", "--quiet"])  # fmt: skip
_ALL_ARGUMENTS_RE = re.compile(r"\$(?:[@*]|\{[@*]\})")  # every argument of the script
_CALL_RE = re.compile(r"(?<![\w./$-])[\"']?((?:\$\{?[A-Za-z_]\w*\}?/)?(?:[\w.-]+/)*[\w.-]+\.(?:sh|bash))[\"']?")


def _runs_with(text: str, name: str) -> bool:
    """Whether a docker or podman run, create or pull line of `text` takes the variable `name` as its image: a word
    that is the variable alone, not the value of an option before it (`-w "$WORKDIR"`)."""
    variable = re.compile(rf"[\"']?\$(?:{re.escape(name)}|\{{{re.escape(name)}\}})[\"']?")
    for _, joined in joined_lines(text):
        if (run := _RUN_RE.search(joined)) is None or f"{name}" not in joined[run.end() :]:
            continue
        words = command_words(joined[run.end() :])
        for index, word in enumerate(words):
            before = words[index - 1] if index else ""
            valued = before.startswith("-") and "=" not in before and before not in _FLAGS
            if variable.fullmatch(word) and not valued:
                return True
    return False


def runner_scripts(scripts: dict[str, str]) -> dict[str, frozenset[str]]:
    """The scripts (name shown -> option names) that run the image their caller gives with one of those options."""
    out: dict[str, frozenset[str]] = {}
    for shown, text in scripts.items():
        if not shown.endswith((".sh", ".bash")) or ("$2" not in text and "${2}" not in text):
            continue
        for match in _OPTION_CASE_RE.finditer(text):
            if _runs_with(text, match["name"]):
                options = frozenset(option.strip() for option in match["options"].split("|"))
                out[posixpath.normpath(shown)] = out.get(posixpath.normpath(shown), frozenset()) | options
    return out


def _names_script(written: str, script: str) -> bool:
    """`ci/scripts/run-in-docker.sh`, `./ci/...`, `"$SCRIPT_DIR/../run-in-docker.sh"` for the script
    `ci/scripts/run-in-docker.sh`: the end of its path (after a leading variable directory and `..`)."""
    called = re.sub(r"^\$\{?[A-Za-z_]\w*\}?/", "", written)
    called = posixpath.normpath(called)
    while called.startswith("../"):
        called = called[3:]
    return script == called or script.endswith(f"/{called}")


def _given(words: list[str], options: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(option, value) of each of `options` in a call's words, up to `--`."""
    for index, word in enumerate(words):
        if word == "--":
            return
        if word in options and index + 1 < len(words):
            yield word, words[index + 1]
        elif "=" in word and word.split("=", 1)[0] in options:
            option, value = word.split("=", 1)
            yield option, value


@dataclass(frozen=True, slots=True)
class ScriptCall:
    """A call of one of the tree's scripts: where, its text and where its words start, the caller's values."""

    shown: str
    line: int
    joined: str
    words_at: int
    script: str
    values: ShellValues


def script_calls(scripts: Iterable[str], texts: dict[str, str]) -> Iterator[ScriptCall]:
    """The calls of `scripts` (names shown) that `texts` (name shown -> text) run, not in comments nor in a script's
    own text."""
    scripts = list(scripts)
    names = {posixpath.basename(script) for script in scripts}
    for shown, text in texts.items():
        if not any(name in text for name in names):
            continue
        values = ShellValues.of(text, yaml=shown.endswith((".yml", ".yaml")))
        for line, joined in joined_lines(text):
            if joined.lstrip().startswith("#"):
                continue
            starts = CommandStarts(joined)
            for match in _CALL_RE.finditer(joined):
                script = next((s for s in scripts if _names_script(match.group(1), s)), None)
                if script is None or script == posixpath.normpath(shown) or not starts.runs_at(match.start()):
                    continue
                yield ScriptCall(shown, line, joined, match.end(), script, values)


def wrapper_runs(runners: dict[str, frozenset[str]], texts: dict[str, str]) -> list[Found]:
    """The images the calls of `runners` in `texts` (name shown -> text: scripts, Makefiles, CI files) run."""
    out: list[Found] = []
    for call in script_calls(runners, texts):
        for option, value in _given(command_words(call.joined, call.words_at), runners[call.script]):
            image, problem = call.values.resolve(value)
            if problem is None and image:
                out.append(Found(image, call.shown, call.line, None, f"{call.script} {option}"))
    return out


def argument_runners(scripts: dict[str, str]) -> dict[str, str]:
    """The scripts (name shown -> verb: `run`, `create`, `pull`) whose docker or podman command takes its image from
    the script's own arguments: `"$@"`, `"${@}"`, `$*` where the image stands, after options only (tetragon's
    `contrib/scripts/repo-docker-run.sh`, `"${CONTAINER_ENGINE}" run "${docker_opts[@]}" "${@}"`)."""
    out: dict[str, str] = {}
    for shown, text in scripts.items():
        if not shown.endswith((".sh", ".bash")) or not any(mark in text for mark in ("$@", "${@}", "$*", "${*}")):
            continue
        for _, joined in joined_lines(text):
            starts = CommandStarts(joined)
            for run in _RUN_RE.finditer(joined):
                image, _ = image_word(command_words(joined, run.end()))
                if starts.runs_at(run.start()) and image is not None and _ALL_ARGUMENTS_RE.fullmatch(image):
                    out[posixpath.normpath(shown)] = run.group(0).split()[-1]
    return out


def argument_runs(runners: dict[str, str], texts: dict[str, str]) -> list[Found]:
    """The images the calls of `runners` in `texts` (name shown -> text) run: each call's words read as the docker
    command the script runs with them (`repo-docker-run.sh --volume X:/src $(BUILDER_IMAGE) make`: the image after
    the options), the caller's values resolving a variable (one per branch value); a value not known names
    nothing."""
    out: list[Found] = []
    for call in script_calls(runners, texts):
        values, use = call.values.at(call.line), f"{call.script} (docker {runners[call.script]})"
        for words in split_values(command_words(call.joined, call.words_at), values, call.joined):
            image, _ = image_word(words)
            for resolved, problem in values.resolve_each(image) if image else ():
                found = Found(resolved, call.shown, call.line, None, use)
                out += [found] if problem is None and resolved and found not in out else []
    return out
