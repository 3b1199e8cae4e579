"""Images a script copies from a registry with an image copy tool: the source each copy pulls (pure).

A mirroring script (an air-gapped setup, a registry proxy warm-up, a release promotion) copies images registry to
registry; each tool pulls its source and pushes the destination (not listed):
- `skopeo copy [OPTIONS] SRC DST`: SRC and DST are `transport:reference`; `docker://` is a registry, `dir:`, `oci:`,
  `oci-archive:`, `docker-archive:`, `containers-storage:` and `docker-daemon:` are local
  (https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md). The transport may be in the word
  (`docker://${IMAGE}`) or in the value of the variable the word is (`ESO_IMAGE="docker://ghcr.io/..."` then
  `skopeo copy $ESO_IMAGE --dest-creds ... $DEST`): a value without a transport is refused by skopeo, no pull;
- `skopeo sync --src docker --dest TRANSPORT [OPTIONS] SRC DST`: SRC a registry repository, all its tags when it
  names none (https://github.com/containers/skopeo/blob/main/docs/skopeo-sync.1.md); `--src dir|oci|yaml` reads
  local files (a YAML list of images is not read), `--dry-run` copies nothing;
- `regctl image copy|cp [OPTIONS] SRC DST` (https://regclient.org/cli/regctl/image/copy/; an `ocidir://` source is
  a local layout);
- `oras cp|copy [OPTIONS] SRC DST`: an artifact, often an image
  (https://github.com/oras-project/oras/blob/main/cmd/oras/root/cp.go; `--from-oci-layout` a local layout);
- `docker buildx imagetools create [OPTIONS] [SOURCE...]`: each source is pulled into the new index, `-t` names the
  destination (https://docs.docker.com/reference/cli/docker/buildx/imagetools/create/); a source the same text builds
  or tags as written (per-architecture images a release just pushed) is the project's own, not read, nor a
  `--file` of descriptors.
Read in the same texts as `docker run` (docker_run.py), line continuations joined, where a command runs (not an
echoed text), options with values skipped, a variable the file gives values resolved, else unresolved naming it.
`crane copy|cp` is read with kubectl's commands (kubectl.py).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_inputs import command_inputs
from ecr_mirror.choose.discovery.command_scan import command_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import build_words
from ecr_mirror.choose.discovery.pull_failure_fixtures import without_failure_fixtures
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_options import spread_options
from ecr_mirror.choose.discovery.shell_words import ShellValues

_COMMAND_RE = re.compile(r"(?<![\w./-])(skopeo|regctl|oras|docker[ \t]+buildx[ \t]+imagetools)(?![\w-])")
# the options of skopeo and crane (global or the verb's) whose value is the next word when written apart
REGISTRY_VALUED = frozenset(
    ["--command-timeout", "--override-arch", "--override-os", "--override-variant", "--policy", "--registries.d",
     "--tmpdir", "--platform", "--format", "--cache_path", "-c", "--jobs", "-j", "--retry-times", "--src-creds",
     "--dest-creds", "--authfile", "--src-authfile", "--dest-authfile", "--multi-arch", "-f", "--digestfile",
     "--src-cert-dir", "--dest-cert-dir", "--sign-by", "--encryption-key", "--decryption-key", "--additional-tag"]
)  # fmt: skip
# skopeo's other options with a value (skopeo-copy.1.md, skopeo-sync.1.md, skopeo.1.md)
_SKOPEO_VALUED = REGISTRY_VALUED | frozenset(
    ["--src", "-s", "--dest", "-d", "--append-suffix", "--retry-delay", "--src-registry-token",
     "--dest-registry-token", "--src-username", "--src-password", "--dest-username", "--dest-password",
     "--sign-by-sigstore", "--sign-by-sigstore-private-key", "--sign-by-sq-fingerprint", "--sign-passphrase-file",
     "--src-shared-blob-dir", "--dest-shared-blob-dir", "--src-daemon-host", "--dest-daemon-host",
     "--dest-compress-format", "--dest-compress-level", "--image-parallel-copies", "--registries-conf",
     "--user-agent", "--sign-identity", "--src-signature-policy"]
)  # fmt: skip
# regctl's global options and those of `image copy` with a value (regctl's cmd/regctl/root.go and image.go)
_REGCTL_VALUED = frozenset(
    ["--host", "--logopt", "-v", "--verbosity", "--user-agent", "--format", "--platform", "-p", "--platforms",
     "--exclude", "--referrers-src", "--referrers-tgt", "--referrers-type", "--annotation"]
)  # fmt: skip
# oras cp's options with a value: each target option also as `--from-NAME` and `--to-NAME` (oras' cp.go)
_ORAS_TARGET = ("username", "password", "identity-token", "registry-config", "ca-file", "cert-file", "key-file",
                "header", "resolve", "oci-layout-path", "distribution-spec")  # fmt: skip
_ORAS_VALUED = frozenset(
    [f"--{side}{name}" for side in ("", "from-", "to-") for name in _ORAS_TARGET]
    + ["-u", "-p", "-H", "--platform", "--concurrency", "--format", "--template"]
)
_IMAGETOOLS_VALUED = frozenset(["-t", "--tag", "--annotation", "-f", "--file", "--builder", "--progress", "--platform"])
_SKOPEO_LOCAL = ("dir:", "oci:", "oci-archive:", "docker-archive:", "containers-storage:", "docker-daemon:", "sif:")


def _split(words: list[str], valued: frozenset[str]) -> tuple[list[str], list[str]]:
    """(the options, each with its value, the other words) of `words`: a `--` ends the options."""
    options: list[str] = []
    given: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            return options, given + words[index + 1 :]
        if word.startswith("-") and len(word) > 1:
            takes = word in valued and index + 1 < len(words)
            options.append(f"{word}={words[index + 1]}" if takes else word)
            index += 2 if takes else 1
            continue
        given.append(word)
        index += 1
    return options, given


def _option(options: list[str], *names: str) -> str | None:
    """The value `options` (from `_split`) give the first of `names` found, None when none is given."""
    for option in options:
        name, _, value = option.partition("=")
        if name in names:
            return value
    return None


def _sources(tool: str, words: list[str], built: set[str]) -> tuple[str, list[str]] | None:
    """(the use, the source words as written) of a copy of `tool WORDS`; None for no copy."""
    if tool == "skopeo":
        options, given = _split(words, _SKOPEO_VALUED)
        verb, rest = (given[0], given[1:]) if given else ("", [])
        if verb == "copy":  # the first word naming a transport, or a variable that may hold one
            return "skopeo copy", [word for word in rest if word.startswith((*_SKOPEO_LOCAL, "docker://", "$"))][:1]
        if verb != "sync" or _option(options, "--src", "-s") != "docker" or "--dry-run" in options:
            return None
        return "skopeo sync", [f"docker://{word}" for word in rest[:1]]
    if tool == "regctl":
        _, given = _split(words, _REGCTL_VALUED)
        if given[:1] != ["image"] or given[1:2] not in (["copy"], ["cp"]):
            return None
        return "regctl image copy", [word for word in given[2:3] if not word.startswith("ocidir://")]
    if tool == "oras":
        options, given = _split(words, _ORAS_VALUED)
        if given[:1] not in (["cp"], ["copy"]) or "--from-oci-layout" in options:
            return None
        return "oras copy", given[1:2]
    if words[:1] != ["create"]:
        return None
    options, given = _split(words[1:], _IMAGETOOLS_VALUED)
    return "docker buildx imagetools create", [word for word in given if word not in built and word[:1] != "{"]


def _pulled(written: str, use: str, values: ShellValues, line: int, origin: str) -> list[Found]:
    """What a source word `written` names: each registry reference its values give; for skopeo a value of a local
    transport, or of none, pulls nothing."""
    skopeo = use.startswith("skopeo")
    if skopeo and written.startswith(_SKOPEO_LOCAL):
        return []
    shown = written.removeprefix("docker://")
    found: list[Found] = []
    for resolved, problem in values.at(line).resolve_each(written):
        if problem is not None:
            found.append(Found(shown, origin, line, problem, use))
            continue
        if skopeo and not resolved.startswith("docker://"):
            continue  # a local transport, or no transport (refused by skopeo)
        if resolved.removeprefix("docker://").strip():
            found.append(Found(resolved.removeprefix("docker://").strip(), origin, line, None, use))
        else:
            why = f"{written} is empty unless the environment or an argument of the script gives it"
            found.append(Found(shown, origin, line, why, use))
    return found


def image_copies(text: str, origin: str) -> list[Found]:
    """The images `text`'s copy commands pull (skopeo copy and sync, regctl image copy, oras cp, docker buildx
    imagetools create), in order; a variable without one literal value unresolved, naming it."""
    if _COMMAND_RE.search(text) is None:
        return []
    inputs = command_inputs(text, origin)
    text, values = inputs.text, inputs.values
    built: set[str] | None = None
    found: list[Found] = []
    for line, joined, match in command_runs(text, _COMMAND_RE, ("skopeo", "regctl", "oras", "imagetools")):
        tool = match.group(1).split()[0]
        if tool == "docker" and built is None:
            built = {word for _, word in build_words(text)}
        words = spread_options(command_words(joined, match.end()), values.values, inputs.arrays)
        copy = _sources(tool, words, built or set())
        if copy is None:
            continue
        for written in copy[1]:
            found += _pulled(written, copy[0], values, line, origin) if written.strip() else []
    return without_failure_fixtures(found, text)
