"""The release image `oc adm release extract|info|mirror` pulls (pure; kubectl.py finds the command).

An OpenShift release image is a payload the CLI pulls and reads: `oc adm release extract` writes out its files (the
installer, the CLI, the credentials requests a cluster install script hands to `ccoctl`), `oc adm release info`
prints its metadata, `oc adm release mirror` copies it and its component images elsewhere
(https://docs.redhat.com/en/documentation/openshift_container_platform/4.18/html/cli_tools/openshift-cli-oc#oc-adm-release-extract).
The release is the command's one positional argument, or `--from` (`--from=IMAGE`, `--from IMAGE`): a cluster
install script's `oc adm release extract --credentials-requests --cloud=aws ${RELEASE_IMAGE} --to=DIR`, with
`RELEASE_IMAGE=${RELEASE_IMAGE:-"quay.io/openshift-release-dev/ocp-release:4.9.12-x86_64"}` (openshift/cluster-
logging-operator's `hack/aws-sts-cluster-install.sh`). Without one, `extract` and `info` read the release of the
cluster the CLI is logged in to, named nowhere; `oc adm release new` builds a release, not read.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_options import option_values

VERBS = frozenset({"extract", "info", "mirror"})
# the options of these verbs (and oc's global ones) whose value is the next word when written apart
_VALUED = frozenset(
    ["--to", "--cloud", "--command", "--command-os", "--from", "-a", "--registry-config", "--file", "--install-config",
     "-o", "--output", "--image-for", "--filter-by-os", "--to-dir", "--to-image", "--to-release-image",
     "--to-image-stream", "--release-image-signature-to-dir", "--idms-file", "--icsp-file", "--max-per-registry",
     "--certificate-authority", "--bugs", "--changelog", "-n", "--namespace", "--context", "--kubeconfig"]
)  # fmt: skip


def release_verb(words: list[str]) -> tuple[str, list[str]] | None:
    """(`adm release VERB`, the words after it) of the words after `oc adm release`, or None for another verb."""
    return (f"adm release {words[0]}", words[1:]) if words[:1] and words[0] in VERBS else None


def release_images(words: list[str]) -> list[str]:
    """The release image of one command's words after its verb: `--from`'s value, else its one positional word."""
    if given := option_values(words, "--from"):
        return given[:1]
    positionals, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word == "--":
            break
        elif word.startswith("-"):
            skip = "=" not in word and word in _VALUED
        else:
            positionals.append(word)
    return positionals[:1]
