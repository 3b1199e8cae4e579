"""Images a script has containerd pull with its own command-line tools: `ctr images pull REF` and `crictl pull IMAGE`
(pure).

A node image or an AMI build warms containerd's image store before any pod asks for the image (a Packer provisioner's
`sudo ctr -n k8s.io images pull docker.io/acme/runner:24.04@sha256:...`, a kind node's `crictl pull`): the image is
pulled from its registry then. `ctr` takes its global options first (`--namespace`/`-n`, `--address`/`-a`,
`--timeout`, `--connect-timeout`), then `images` (`image`, `i`) and `pull` with its options (`--platform`, `--user`,
`--all-platforms`, ...) and the reference (https://github.com/containerd/containerd/blob/main/cmd/ctr/commands/images/
pull.go); crictl's global options (`--runtime-endpoint`/`-r`, `--image-endpoint`/`-i`, `--timeout`/`-t`,
`--config`/`-c`) come before `pull` and its options (`--creds`, `--auth`, `--username`/`-u`, `--pod-config`/`-p`,
`--annotation`/`-a`) and the image (https://github.com/kubernetes-sigs/cri-tools/blob/master/docs/crictl.md). Read in
the same texts as `docker run` (docker_run.py), line continuations joined, where a command runs (not an echoed text);
the reference a literal or a variable the file gives one literal value, else unresolved naming it. `ctr run` runs
only an image already in the store and pulls none: not read. nerdctl takes docker's commands and is read with them.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_inputs import command_inputs
from ecr_mirror.choose.discovery.command_scan import command_runs, image_found
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_command_words import command_words

_COMMAND_RE = re.compile(r"(?<![\w./-])(ctr|crictl)(?=[ \t])")
# options that take a value, global ones and pull's (ctr's pull.go and crictl.md above); any other is a flag
_CTR_VALUED = frozenset(
    ["--address", "-a", "--namespace", "-n", "--timeout", "--connect-timeout", "--platform", "--user", "-u",
     "--refresh", "--hosts-dir", "--tlscacert", "--tlscert", "--tlskey", "--snapshotter", "--label",
     "--max-concurrent-downloads", "--max-concurrent-uploaded-layers", "--config"]
)  # fmt: skip
_CRICTL_VALUED = frozenset(
    ["--runtime-endpoint", "-r", "--image-endpoint", "-i", "--timeout", "-t", "--config", "-c", "--creds", "--auth",
     "--username", "-u", "--pod-config", "-p", "--annotation", "-a"]
)  # fmt: skip
_CTR_IMAGES = frozenset(["images", "image", "i"])


def _words_after_options(words: list[str], valued: frozenset[str]) -> list[str]:
    """`words` from the first one that is no option nor an option's value."""
    index = 0
    while index < len(words) and words[index].startswith("-") and len(words[index]) > 1:
        index += 2 if words[index] in valued else 1
    return words[index:]


def _pulled(tool: str, words: list[str]) -> str | None:
    """The reference `ctr WORDS` or `crictl WORDS` pulls, None when it is no pull."""
    valued = _CTR_VALUED if tool == "ctr" else _CRICTL_VALUED
    rest = _words_after_options(words, valued)
    if tool == "ctr":
        if len(rest) < 2 or rest[0] not in _CTR_IMAGES or rest[1] != "pull":
            return None
        rest = rest[2:]
    elif not rest or rest[0] != "pull":
        return None
    else:
        rest = rest[1:]
    rest = _words_after_options(rest, valued)
    return rest[0] if rest and rest[0].strip() else None


def containerd_cli_pulls(text: str, origin: str) -> list[Found]:
    """The images `text`'s `ctr images pull` and `crictl pull` commands pull, in order; a variable without one literal
    value unresolved, naming it."""
    if "ctr" not in text and "crictl" not in text:
        return []
    inputs = command_inputs(text, origin)
    text, values = inputs.text, inputs.values
    found: list[Found] = []
    for line, joined, match in command_runs(text, _COMMAND_RE, ("ctr", "crictl")):
        image = _pulled(match.group(1), command_words(joined, match.end()))
        if image is not None:
            use = "ctr images pull" if match.group(1) == "ctr" else "crictl pull"
            found += image_found(values, line, image, origin, use)
    return found
