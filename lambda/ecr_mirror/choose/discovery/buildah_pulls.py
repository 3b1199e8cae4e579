"""Images a script starts a buildah working container from or pulls: `buildah from IMAGE`, `buildah pull IMAGE` (pure).

`buildah from` creates a working container from an image, pulling it unless local storage has it (its `--pull`
default, https://github.com/containers/buildah/blob/main/docs/buildah-from.1.md), and `buildah pull` pulls it
(https://github.com/containers/buildah/blob/main/docs/buildah-pull.1.md): buildah's demos start with
`buildcntr=$(buildah from golang:1.7.3)`, its rpm tests with `buildah from --pull --signature-policy ... $IMAGE`.
Read in the same texts as `docker run` (docker_run.py), line continuations joined, where a command runs (not an
echoed text, nor another program whose name ends in `buildah`, `run_buildah`). The image is the first word that is
no option nor an option's value (buildah's options that take a value, else `--name=value` alone; an option buildah
has not, which it refuses, ends the reading): a literal, or a variable the file gives one literal value
(`${1:-fedora}` its default), else unresolved naming it. `buildah from scratch` starts from no image; `--pull=never`,
`--pull=false` and `--pull-never` use only local storage, pulling nothing: neither is read. Each takes one image, so
a variable before another word is a variable of options (buildah's tests' `buildah from $WITH_POLICY_JSON alpine`).
A transport other than a registry's (`dir:`, `oci:`, `docker-archive:`, `containers-storage:`) pulls nothing;
`docker://NAME` is NAME. A name the same text builds, tags or commits as written (`buildah commit "$c"
${2:-first-new-image}`, then `buildah from ${2:-first-new-image}`) is made there, not pulled.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_inputs import command_inputs
from ecr_mirror.choose.discovery.command_scan import command_runs, image_found
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import build_words
from ecr_mirror.choose.discovery.shell_command_words import command_words

_COMMAND_RE = re.compile(r"(?<![\w./-])buildah[ \t]+(from|pull)(?![\w-])")
# buildah from's and pull's options that take a value (buildah-from.1.md, buildah-pull.1.md)
# fmt: off
_VALUED = frozenset([
    "--add-host", "--arch", "--authfile", "--cap-add", "--cap-drop", "--cdi-config-dir", "--cert-dir",
    "--cgroup-parent", "--cgroupns", "--cidfile", "--cpu-period", "--cpu-quota", "--cpu-shares", "--cpuset-cpus",
    "--cpuset-mems", "--creds", "--decryption-key", "--device", "--dns", "--dns-option", "--dns-search", "--format",
    "--group-add", "--ipc", "--isolation", "--memory", "--memory-swap", "--name", "--net", "--network", "--os",
    "--pid", "--platform", "--policy", "--retry", "--retry-delay", "--security-opt", "--shm-size",
    "--signature-policy", "--ulimit", "--userns", "--userns-gid-map", "--userns-gid-map-group", "--userns-uid-map",
    "--userns-uid-map-user", "--uts", "--variant", "--volume",
])
_FLAGS = frozenset([
    "--all-tags", "--http-proxy", "--pull", "--pull-always", "--pull-never", "--quiet", "--remove-signatures",
    "--tls-verify",
])
# fmt: on
_VALUED_SHORT = frozenset(["-c", "-f", "-m", "-v"])
_NO_PULL = frozenset(["--pull=never", "--pull=false", "--pull-never"])
# containers-transports(5) other than a registry's: local files and storage
_LOCAL_TRANSPORT_RE = re.compile(r"(?:dir|oci|oci-archive|docker-archive|docker-daemon|containers-storage|sif):")
_VARIABLE_RE = re.compile(r"[\"']?\$\{?[A-Za-z_]\w*\}?[\"']?")  # `$OPTS`, `"${OPTS}"`: a variable alone


def _positional_after(words: list[str]) -> bool:
    """Whether `words` hold a word that is no option nor an option's value (`--quiet --net=$net alpine`: `alpine`)."""
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--" or not word.startswith("-") or len(word) == 1:
            return word != "--" or index + 1 < len(words)
        index += 2 if word in _VALUED or word in _VALUED_SHORT else 1
    return False


def _image(words: list[str]) -> tuple[str | None, list[str]]:
    """The image of `buildah from|pull WORDS...` and the options before it; None when there is none or an option
    buildah has not ends the reading."""
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            return (words[index + 1] if index + 1 < len(words) else None), words[:index]
        if word.startswith("--"):
            name = word.split("=", 1)[0]
            if name not in _VALUED and name not in _FLAGS:
                return None, words[:index]
            index += 2 if word in _VALUED else 1
            continue
        if word.startswith("-") and len(word) > 1:
            index += 2 if word in _VALUED_SHORT else 1
            continue
        if _VARIABLE_RE.fullmatch(word) and _positional_after(words[index + 1 :]):
            index += 1  # one image only: a variable before another word that is no option holds options
            continue
        return word, words[:index]
    return None, words


def buildah_pulls(text: str, origin: str) -> list[Found]:
    """The images `text`'s `buildah from` and `buildah pull` commands pull, in order; a variable without one literal
    value unresolved, naming it."""
    if "buildah" not in text:
        return []
    inputs = command_inputs(text, origin)
    text, values = inputs.text, inputs.values
    built = {word for _, word in build_words(text)}
    found: list[Found] = []
    for line, joined, match in command_runs(text, _COMMAND_RE, ("buildah",)):
        image, options = _image(command_words(joined, match.end()))
        if image is None or not image.strip() or _NO_PULL & set(options):
            continue
        if (match.group(1) == "from" and image == "scratch") or image in built:
            continue  # an empty working container, or an image the text makes
        if _LOCAL_TRANSPORT_RE.match(image):
            continue
        found += image_found(values, line, image.removeprefix("docker://"), origin, f"buildah {match.group(1)}")
    return found
