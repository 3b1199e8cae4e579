"""A Kustomization a script or Makefile recipe builds, renders with envsubst and applies (pure parsing).

`$(KUSTOMIZE) build $(MAKEFILE_ROOT)/manifests/overlays/k8s-env | COMMON_IMAGE=${IMG} envsubst | kubectl apply -f -`
(also `kustomize build DIR`, `bin/kustomize build DIR`, `kubectl kustomize DIR`, `oc kustomize DIR`; `kubectl`/`oc`
`apply`, `create` or `replace` with `-f -`) deploys the manifests the Kustomization renders with each `$NAME` and
`${NAME}` replaced by envsubst from its environment
(https://www.gnu.org/software/gettext/manual/html_node/envsubst-Invocation.html): the `NAME=value` words before
`envsubst` on the command line, then the variables the script exports (envsubst_manifests.environment). In a Makefile
recipe make expands `${IMG}` and `$(IMG)` before the shell runs it
(https://www.gnu.org/software/make/manual/html_node/Reference.html). The files rendered are those the Kustomization
builds from (kustomize_files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.envsubst_manifests import applies_rendering
from ecr_mirror.choose.discovery.local_builds import joined_lines

# `kustomize build DIR` (a path or variable ending in `kustomize`: `$(KUSTOMIZE)`, `bin/kustomize`), `kubectl
# kustomize DIR`; flags before the directory skipped
_BUILD_RE = re.compile(
    r"(?:(?<![\w/.-])(?:[\w./-]*/)?kustomize|\$[({]KUSTOMIZE[)}]|(?<![\w-])(?:kubectl|oc)[ \t]+kustomize)"
    r"(?:[ \t]+build)?(?:[ \t]+-{1,2}[\w-]+(?:=\S+)?)*[ \t]+(?P<directory>[^\s|;&<>'\"`-][^\s|;&<>'\"`]*)"
)
_ASSIGNMENT_RE = re.compile(r"([A-Za-z_]\w*)=((?:\"[^\"]*\"|'[^']*'|[^\s'\"])*)")
_FORMAT_NAME_RE = re.compile(r"\$\{?([A-Za-z_]\w*)")


@dataclass(frozen=True)
class KustomizeRendering:
    line: int  # the command's first line
    directory: str  # the Kustomization's directory as written
    given: tuple[tuple[str, str], ...]  # `NAME=value` before envsubst, values as written
    names: frozenset[str] | None  # the names a SHELL-FORMAT argument limits envsubst to, or None


def _stage(joined: str) -> tuple[str, str] | None:
    """(the kustomize part, the envsubst part) of a pipeline `kustomize build DIR | [NAME=v ...] envsubst | kubectl
    apply -f -`, None when the line is no such pipeline."""
    parts = joined.split("|")
    for index in range(len(parts) - 2):
        words = parts[index + 1].split()
        while words and _ASSIGNMENT_RE.fullmatch(words[0]):
            words = words[1:]
        envsubst = bool(words) and words[0] == "envsubst" and _BUILD_RE.search(parts[index]) is not None
        if envsubst and applies_rendering(parts[index + 1] + "|" + parts[index + 2]):
            return parts[index], parts[index + 1]
    return None


def kustomize_renderings(text: str) -> list[KustomizeRendering]:
    """Each `kustomize build DIR | envsubst | kubectl apply -f -` pipeline of a script or Makefile `text`, in order."""
    out: list[KustomizeRendering] = []
    for line, joined in joined_lines(text) if "envsubst" in text else []:
        if "envsubst" not in joined or joined.lstrip().startswith("#") or (stage := _stage(joined)) is None:
            continue
        build = _BUILD_RE.search(stage[0])
        before, _, after = stage[1].partition("envsubst")
        given = tuple((match[1], match[2]) for match in _ASSIGNMENT_RE.finditer(before))
        formats = [word.strip("'\"") for word in after.split() if not word.startswith("-")]
        names = frozenset(_FORMAT_NAME_RE.findall(" ".join(formats))) if formats else None
        if build is not None:
            out.append(KustomizeRendering(line, build["directory"], given, names))
    return out
