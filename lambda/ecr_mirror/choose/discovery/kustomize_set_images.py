"""The images `kustomize edit set image` gives the Kustomization a Makefile or a script then builds (pure).

`kustomize edit set image NAME=NEWNAME:TAG` (also `@DIGEST`) writes an `images:` entry, `name: NAME` with `newName`
and `newTag` (or `digest`), into the Kustomization of the directory it runs in; the `kustomize build` that follows
(piped to `kubectl apply`) puts the new image in place of every image NAME of the resources
(https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/images/). argocd-image-updater's e2e
Makefile copies a Kustomization of the argocd-operator's manifests and runs `$(KUSTOMIZE) edit set image
quay.io/argoprojlabs/argocd-operator=$(ARGOCD_OPERATOR_IMAGE)` with `ARGOCD_OPERATOR_IMAGE ?=
quay.io/argoprojlabs/argocd-operator:latest`: the operator the cluster pulls. The program is matched as
kustomize_names.py matches it (`kustomize`, `$(KUSTOMIZE)`, a path ending in it), where a command runs; variables
are read as for `kubectl run` (the file's literal assignments, else unresolved naming the variable). Not read:
`NAME=*:TAG` and `NAME:TAG` (the base's name kept), a new name without a tag or digest (the base's tag kept): the
command alone does not say the image. The name the edit renames is a placeholder (kustomize_names.edited_names); a
new image the same file builds under the same words (kubebuilder's `docker build -t ${IMG}` and `edit set image
controller=${IMG}`) is the project's own, built there (local_builds.deployed_builds), and so is any other new image
the tree builds.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_scan import command_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kustomize_names import EDIT_VALUES_RE
from ecr_mirror.choose.discovery.local_builds import build_words
from ecr_mirror.choose.discovery.shell_words import ShellValues

_USE = "kustomize edit set image"
_BRACED_RE = re.compile(r"\$\{(\w+)\}")  # make reads `${IMG}` as `$(IMG)`


def _whole(image: str) -> bool:
    """Whether `image`, as written, says its tag or digest (`acme/app:1.0`, `$(IMG)`, `${REPO}:${TAG}`): a tag after
    the last `/`, a digest, or a variable that may hold either."""
    last = image.rpartition("/")[2]
    return "@" in image or ":" in last or last.startswith("$")


def kustomize_set_images(text: str, origin: str) -> list[Found]:
    """The new images of the `kustomize edit set image NAME=NEW` commands of `text`, in order."""
    if "edit" not in text or "kustomize" not in text.lower():
        return []
    values = ShellValues.of(text, yaml=origin.endswith((".yml", ".yaml")))
    built = {_BRACED_RE.sub(r"$(\1)", name) for _, name in build_words(text)}
    found: list[Found] = []
    for line, _, match in command_runs(text, EDIT_VALUES_RE, ("edit",), ("#", "//")):
        for word in match["args"].split():
            name, renamed, new = word.replace('"', "").replace("'", "").partition("=")  # the shell's quotes off
            if not renamed or not name or not new or new.startswith("*") or not _whole(new):
                continue
            if _BRACED_RE.sub(r"$(\1)", new) in built:
                continue  # kubebuilder's `controller=${IMG}` after `docker build -t ${IMG}`: built here
            for resolved, problem in values.at(line).resolve_each(new):
                if problem is None and not _whole(resolved):
                    continue  # a value naming no tag (`IMG ?= controller`): the base's tag is kept
                found.append(Found(resolved if problem is None else new, origin, line, problem, _USE))
    return found
