"""Which YAML a command line hands a tool that makes a cluster pull images (pure).

- `kubectl apply|create|replace -f FILE` (also `-fFILE`, `-f=FILE`, `--filename FILE`, `--filename=FILE`): manifests;
  so does OpenShift's `oc`, which carries kubectl's commands and options
  (https://docs.redhat.com/en/documentation/openshift_container_platform/4.18/html/cli_tools/openshift-cli-oc);
- `helm install|upgrade|template ... -f FILE` (also `--values FILE`, `--values=FILE`): values of a chart;
- `kind create cluster --config FILE`: a cluster's config (its nodes' images).

FILE `-` is standard input: a heredoc of the same command line (`kubectl apply -f - <<EOF`, `cat <<EOF | kubectl
apply -f -`). Only where the tool runs (a command position, not `echo "kubectl apply -f -"`); kubectl's and helm's
options may come before the verb (`kubectl --context kind-e2e create -f-`, also from a variable or an array,
`"${flags[@]}"`), and the tool may be a variable's default (`${KUBECTL:-kubectl} apply -f -`).
`cluster_yaml_images` reads such YAML.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.choose.discovery.yaml_sources import image_fields, is_manifest, manifest_images

# the tool, or a variable defaulting to it (`${KUBECTL:-kubectl}`: a caller may give `oc` or a wrapper instead)
_TOOL_RE = re.compile(r"(?<![\w./-])(kubectl|oc|helm|kind)(?![\w-])|\$\{\w+:?-(kubectl|oc|helm|kind)\}")
_VARIABLE_RE = re.compile(r"^\$(?:\{[^}]*\}|\w+)$")  # `${flags[@]}`, `$HELM_OPTS`: options before the verb
_VERBS = {
    "kubectl": frozenset({"apply", "create", "replace"}),
    "helm": frozenset({"install", "upgrade", "template"}),
}
_FILE_OPTIONS = {"kubectl": ("-f", "--filename"), "helm": ("-f", "--values"), "kind": ("--config",)}
# options before the verb that take a value when written apart from it (`-n qa`, `--kube-context dev`)
_VALUED = frozenset({"-n", "--namespace", "--context", "--kube-context", "--kubeconfig", "--cluster", "--user", "-s",
                     "--server", "--token", "--as", "--as-group", "--request-timeout", "-v", "--registry-config",
                     "--repository-config", "--repository-cache"})  # fmt: skip


def _after_verb(tool: str, words: list[str]) -> list[str] | None:
    """The words after the verb of `tool WORDS` when it is one that reads YAML for a cluster, else None."""
    if tool == "kind":
        return words[2:] if words[:2] == ["create", "cluster"] else None
    index = 0
    while index < len(words) and (words[index].startswith("-") or _VARIABLE_RE.match(words[index])):
        index += 2 if words[index] in _VALUED else 1
    return words[index + 1 :] if words[index : index + 1] and words[index] in _VERBS[tool] else None


def _option_values(words: list[str], names: tuple[str, ...]) -> list[str]:
    values: list[str] = []
    for index, word in enumerate(words):
        if word == "--":
            break
        for name in names:
            if word == name and index + 1 < len(words):
                values.append(words[index + 1])
            elif word.startswith(f"{name}="):
                values.append(word.removeprefix(f"{name}="))
            elif len(name) == 2 and word.startswith(name) and len(word) > 2:
                values.append(word[2:])  # a short option's value written against it: `-f-`
    return values


def handed_files(command: str) -> list[str]:
    """The files (`-` for standard input) `command` (one line, continuations joined) hands kubectl, helm or kind to
    read images from, as written."""
    handed: list[str] = []
    for match in _TOOL_RE.finditer(command):
        if not in_command_position(command[: match.start()]):
            continue
        tool = "kubectl" if (tool := match.group(1) or match.group(2)) == "oc" else tool
        rest = _after_verb(tool, command_words(command[match.end() :]))
        if rest is not None:
            handed += _option_values(rest, _FILE_OPTIONS[tool])
    return handed


def cluster_yaml_images(text: str, origin: str) -> list[Found]:
    """YAML a script hands kubectl, helm or kind (cluster_inputs.py): Kubernetes documents as manifests (a kind
    cluster config among them: its nodes' images), any other document (Helm values) by its `image:` strings; an
    `image:` mapping of values (`repository`, `tag`) only overrides the chart's, read with the chart."""
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if is_manifest(doc):
            found += manifest_images(doc, origin)
            continue
        for value in image_fields(doc, set()):
            item = found_item(value, origin, "image")
            found += [item] if item else []
    return found
