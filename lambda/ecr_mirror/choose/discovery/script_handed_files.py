"""The YAML files a shell script hands a tool under another name than the one discover knows them by (pure).

- A file the script copies in as a directory's Kustomization, `cp SRC DIR/kustomization.yaml` (also
  `kustomization.yml`, `Kustomization`: the names kustomize reads in a directory,
  https://kubectl.docs.kubernetes.io/references/kustomize/glossary/#kustomization-root): SRC is a Kustomization
  whatever its own name (kiali's `hack/istio/kustomization/bookinfo-s390x.yaml`, copied over the Istio samples'
  `kustomization.yaml` before `kubectl kustomize`), its `images:` entries the images deployed.
- A file the script gives `helm install`, `helm upgrade` or `helm template` as values, `-f FILE`, `--values FILE`,
  `--values=FILE` (https://helm.sh/docs/helm/helm_install/: "-f, --values: specify values in a YAML file or a URL";
  a comma-separated list too): the values of the chart installed, whatever the file's name (kuberay's
  `install/prometheus/overrides.yaml` for the kube-prometheus-stack chart). `helm lint` installs nothing and is not
  read; `-f -` (standard input) names no file.

The path as the script's `source` lines are located (sourced_paths.py: `"${DIR}"/overrides.yaml` with
`DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"`, a relative path); a path of another variable is not known.
The files are read by cli/discover_handed_files.py.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.kustomize_bases import KUSTOMIZATION_NAMES
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.sed_fills import copies
from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.sourced_paths import source_target

KUSTOMIZATION = "kustomization"
HELM_VALUES = "helm values"
_HELM_RE = re.compile(r"(?<![\w./$-])helm(?=[ \t])")
_INSTALLS = frozenset({"install", "upgrade", "template"})
_ENDS = frozenset({"|", "||", "&&", ";", "&"})


@dataclass(frozen=True, slots=True)
class Handed:
    """A file a script hands a tool: how it is read (`KUSTOMIZATION`, `HELM_VALUES`), where it is (anchor and path,
    sourced_paths.source_target) and the script's line."""

    how: str
    anchor: str
    path: str
    line: int


def _values_files(words: list[str]) -> list[str]:
    """The files a `helm` command's words give as values, when it installs or renders a chart."""
    ended = next((at for at, word in enumerate(words) if word in _ENDS), len(words))
    words = words[:ended]
    verb = next((at for at, word in enumerate(words) if word in _INSTALLS), None)
    if verb is None:
        return []
    files: list[str] = []
    for at, word in enumerate(words[verb + 1 :], start=verb + 1):
        given = ""
        if word in ("-f", "--values") and at + 1 < len(words):
            given = words[at + 1]
        elif word.startswith(("--values=", "-f=")):
            given = word.partition("=")[2]
        files += [each for each in given.split(",") if each and each != "-"]
    return files


def handed_files(text: str) -> list[Handed]:
    """The files the shell script `text` copies in as a Kustomization or gives helm as values, in its order."""
    if "kustomization" not in text.lower() and "helm" not in text:
        return []
    values = ShellValues.of(text).values
    out: list[Handed] = []
    for line, source, destination in copies(text) if "cp" in text else ():
        if posixpath.basename(destination) in KUSTOMIZATION_NAMES and (place := source_target(source, values)):
            out.append(Handed(KUSTOMIZATION, *place, line))
    for line, joined in joined_lines(text) if "helm" in text else ():
        for match in _HELM_RE.finditer(joined):
            if not in_command_position(joined[: match.start()]):
                continue
            for written in _values_files(command_words(joined[match.end() :])):
                if (place := source_target(written, values)) is not None:
                    out.append(Handed(HELM_VALUES, *place, line))
    return out
