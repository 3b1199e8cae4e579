"""The images the tree's scripts pull with the arguments its Makefile recipes and other scripts call them with.

A script may take the image it runs as a positional parameter: trust-manager's `make/debian-trust-package-fetch.sh`
sets `DEBIAN_SOURCE_IMAGE=${2:-}` and runs `$CTR run --rm ... "$DEBIAN_SOURCE_IMAGE" ...`, and its makefile's recipe
calls it `./make/debian-trust-package-fetch.sh exact $(DEBIAN_BOOKWORM_BUNDLE_SOURCE_IMAGE) $@ ...`. Read alone, the
script names nothing (its line stays unresolved); run by the recipe, the shell sets `$1`, `$2`, ... to the call's
words (https://www.gnu.org/software/bash/manual/bash.html#Positional-Parameters), so the script pulls the image the
caller passes. Each call of a script of the tree (`*.sh`, `*.bash`, by its path, where a command runs:
wrapper_runs.script_calls) whose own reading leaves a pull unresolved and that uses its positional parameters is
read again with the call's words (script_arguments.with_arguments), each resolved with the caller's values (a
Makefile's with those of its make run); a word the caller cannot know (`$@`, `$(shell ...)`) passes nothing. What
differs from the script's own reading is listed at the script's line, its use naming the call. The calls of CI
steps are read by cli/discover_step_scripts.py with their env.
"""

from __future__ import annotations

import dataclasses
import os
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.wrapper_runs import ScriptCall, script_calls
from ecr_mirror.cli.discover_builds import Reader
from ecr_mirror.cli.discover_scripts import command_pulls, script_kind
from ecr_mirror.cli.discover_step_scripts import EnvReadings

_POSITIONAL_RE = re.compile(r"\$(?:[1-9]|\{[1-9][}:?+-])")
_SPACE_RE = re.compile(r"\s")


def _arguments(call: ScriptCall) -> tuple[str, ...]:
    """The call's words, each as the caller's values give it (a word that cannot be known kept as written)."""
    out: list[str] = []
    for word in command_words(call.joined, call.words_at):
        value, problem = call.values.at(call.line).resolve(word)
        out.append(value if problem is None and value and not _SPACE_RE.search(value) else word)
    return tuple(out)


def script_call_pulls(scripts: dict[str, str], read: Reader | None = None) -> list[Found]:
    """The pulls of the tree's scripts (`scripts`: name shown -> text, Makefiles too) run with the arguments the
    Makefiles and scripts among them call them with, where those change what their own reading gives."""
    texts = {os.path.normpath(shown): text for shown, text in scripts.items()}
    callees = [
        shown
        for shown, text in texts.items()
        if script_kind(shown) == "shell script"
        and shown.endswith((".sh", ".bash"))
        and _POSITIONAL_RE.search(text)
        and any(item.problem is not None for item in command_pulls(text, shown))
    ]
    if not callees:
        return []
    files = EnvReadings(texts, read)
    found: list[Found] = []
    for call in script_calls(callees, texts):
        for item in files.differing(call.script, {}, None, _arguments(call)):
            use = f"{item.use} (with the arguments of {call.shown}:{call.line})"
            changed = dataclasses.replace(item, use=use, kind=item.kind or script_kind(item.origin))
            if changed not in found:
                found.append(changed)
    return found
