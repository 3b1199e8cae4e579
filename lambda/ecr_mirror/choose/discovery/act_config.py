"""nektos/act's configuration file, `.actrc` (pure).

act reads `.actrc` from the directory it runs in (after `~/.actrc` and the XDG one), each line a command-line flag it
adds before the command's own (https://nektosact.com/usage/index.html#configuration-file): a repository keeps one
beside its workflows so that `act` (or `gh act`) runs their jobs in the images it names, `-P
ubuntu-latest=ghcr.io/catthehacker/ubuntu:act-latest` (also `--platform LABEL=IMAGE`, `--platform=...`), pulled
before the jobs run (https://nektosact.com/usage/runners.html), as for `act -P` in a script (kubectl.py). `-P
LABEL=-self-hosted` runs on the host: no image. act expands `${NAME}` in the file from its environment, which the
tree does not give: such an image is unresolved, naming it.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_options import option_values

ACTRC = ".actrc"
USE = "act -P (.actrc)"
_VARIABLE_RE = re.compile(r"\$\{?(\w+)")


def actrc_images(text: str, origin: str) -> list[Found]:
    """The image of each `-P LABEL=IMAGE` (`--platform`) line of an `.actrc` file, at its line."""
    out: list[Found] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = command_words(line)
        for platform in option_values(words, "-P") + option_values(words, "--platform"):
            image = platform.partition("=")[2].strip()
            if not image or image.startswith("-"):
                continue  # `-self-hosted`: the job runs on the host
            if (variable := _VARIABLE_RE.search(image)) is not None:
                why = f"${variable.group(1)} comes from the environment act runs in"
                out.append(Found(image, origin, number, why, USE))
            else:
                out.append(Found(image, origin, number, use=USE))
    return out
