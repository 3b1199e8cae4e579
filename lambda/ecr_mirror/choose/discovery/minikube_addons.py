"""Images a minikube addon runs in place of its own: `minikube addons enable ADDON --images=Name=IMAGE` (pure).

minikube lets `addons enable` replace the images of an addon's pods, `--images=Name=IMAGE,Name2=IMAGE2` (or
`--images Name=IMAGE`), each prefixed with the registry `--registries=Name=REGISTRY` gives the same name
(https://minikube.sigs.k8s.io/docs/handbook/addons/custom-images/): a dev stack's `minikube addons enable registry
--images="KubeRegistryProxy=gcr.io/google_containers/kube-registry-proxy:0.4"` makes the cluster pull that proxy.
Read in the same texts as `docker run` (docker_run.py), line continuations joined, where a command runs (not an
echoed text); a variable takes the file's one literal value, else the image is unresolved naming it.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_scan import command_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues

_COMMAND_RE = re.compile(r"(?<![\w./$-])minikube(?![\w.-])")
_ENABLE_RE = re.compile(r"(?<![\w-])addons[ \t]+enable(?![\w-])")


def _pairs(value: str) -> dict[str, str]:
    """`Name=IMAGE,Name2=IMAGE2` as a mapping (an entry without `=` left out)."""
    pairs = (entry.partition("=") for entry in value.strip("\"'").split(","))
    return {name.strip(): image.strip() for name, sep, image in pairs if sep and name.strip() and image.strip()}


def _option(words: list[str], name: str) -> str | None:
    """The value of `--NAME=value` or `--NAME value` among the command's words (the last one given)."""
    found: str | None = None
    for index, word in enumerate(words):
        if word.startswith(f"--{name}="):
            found = word.split("=", 1)[1]
        elif word == f"--{name}" and index + 1 < len(words):
            found = words[index + 1]
    return found


def minikube_addon_images(text: str, origin: str) -> list[Found]:
    """The images `text`'s `minikube addons enable ... --images=...` commands give addons, in order."""
    if "minikube" not in text or "--images" not in text:
        return []
    values: ShellValues | None = None
    found: list[Found] = []
    for line, joined, match in command_runs(text, _COMMAND_RE, ("--images",)):
        words = command_words(joined, match.end())
        if not _ENABLE_RE.search(" ".join(words)):
            continue
        images = _pairs(_option(words, "images") or "")
        registries = _pairs(_option(words, "registries") or "")
        values = values or ShellValues.of(text, yaml=origin.endswith((".yml", ".yaml")))
        for name, image in images.items():
            written = f"{registries[name].rstrip('/')}/{image}" if name in registries else image
            for resolved, problem in values.at(line).resolve_each(written):
                found.append(Found(resolved if problem is None else written, origin, line, problem, "minikube addon"))
    return found
