"""Manifests a script renders with envsubst and hands to kubectl or oc, and the text they render to (pure).

`envsubst < olm_deploy/operatorregistry/registry-deployment.yaml | oc create -n ${NS} -f -` (also `cat FILE |
envsubst | kubectl apply -f -`, `envsubst 'SHELL-FORMAT' < FILE`; `kubectl`/`oc` `apply`, `create` or `replace` with
`-f -` or `--filename=-`) deploys the manifest with each `$NAME` and `${NAME}` replaced by the value of that
variable in envsubst's environment (https://www.gnu.org/software/gettext/manual/html_node/envsubst-Invocation.html):
the variables the script exports, its own `export NAME=...` and those of the shell library it sources (openshift/
cluster-logging-operator's `olm_deploy/scripts/env.sh`, `export IMAGE_CLUSTER_LOGGING_OPERATOR_REGISTRY=${...:-
quay.io/${LOGGING_IS}/cluster-logging-operator-registry:${LOGGING_VERSION}}`), all of them after `set -a`. A
variable the script does not export is not in envsubst's environment and renders empty: its name is left as
written, unresolved, and so is a name the script gives several values, or none. A rendering written to a file
(`> out.yaml`) is not read here.
"""

from __future__ import annotations

import itertools
import re

from ecr_mirror.choose.discovery.envsubst_templates import rendered_templates
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.shell_words import ShellValues

_TOOLS = frozenset({"kubectl", "oc"})
_VERBS = frozenset({"apply", "create", "replace"})
_EXPORT_RE = re.compile(r"^[ \t]*(?:export|declare[ \t]+-x)[ \t]+([^\n;&|#]*)", re.MULTILINE)
_ALL_EXPORTED_RE = re.compile(r"^[ \t]*set[ \t]+(?:-a\b|-o[ \t]+allexport\b)", re.MULTILINE)
_NAME_RE = re.compile(r"[A-Za-z_]\w*")
_REFERENCE_RE = re.compile(r"\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))")


def applied_renderings(text: str) -> list[tuple[int, str, frozenset[str] | None]]:
    """(line, the file as written, the names a SHELL-FORMAT argument limits it to, or None) of each envsubst run of
    `text` whose output is piped to kubectl or oc to apply, in order."""
    out: list[tuple[int, str, frozenset[str] | None]] = []
    for line, joined in joined_lines(text):
        if "envsubst" in joined and not joined.lstrip().startswith("#") and applies_rendering(joined):
            out += [(line, written, names) for written, names in rendered_templates(joined)]
    return out


def applies_rendering(joined: str) -> bool:
    """Whether a command line pipes envsubst's output to kubectl or oc to apply it: `| kubectl apply -f -`, `| oc
    create -n NS -f -`, `| kubectl replace --filename=-` (one pass over its words)."""
    parts = joined.split("|")
    for before, after in itertools.pairwise(parts):
        if "envsubst" not in before:
            continue
        words = re.split(r"[;&]", after, maxsplit=1)[0].split()
        if not words or words[0].rsplit("/", 1)[-1] not in _TOOLS or not _VERBS.intersection(words):
            continue
        pairs = zip(words, [*words[1:], ""], strict=True)
        if any(
            word in ("-f-", "--filename=-") or (word in ("-f", "--filename") and then == "-") for word, then in pairs
        ):
            return True
    return False


def _exported(text: str) -> set[str] | None:
    """The names the script exports (None: every name, after `set -a`)."""
    if _ALL_EXPORTED_RE.search(text):
        return None
    names: set[str] = set()
    for match in _EXPORT_RE.finditer(text):
        words = match[1].split()
        if words and "=" in words[0]:  # `export NAME=VALUE`
            names.add(words[0].split("=", 1)[0])
        else:  # `export NAME OTHER`: names assigned elsewhere
            names.update(word for word in words if _NAME_RE.fullmatch(word))
    return names


def environment(text: str, names: frozenset[str] | None) -> dict[str, str]:
    """The names envsubst substitutes with one known value each: exported by the script (or the libraries whose
    lines it holds), within a SHELL-FORMAT's `names` if given."""
    values, exported = ShellValues.of(text), _exported(text)
    out: dict[str, str] = {}
    for name in values.values:
        if (exported is not None and name not in exported) or (names is not None and name not in names):
            continue
        value, problem = values.resolve("${" + name + "}")
        if problem is None:
            out[name] = value
    return out


def rendered(manifest: str, given: dict[str, str]) -> tuple[str, set[int]]:
    """The manifest with each reference to a name of `given` replaced by its value, and the lines that changed."""
    lines, changed = manifest.split("\n"), set[int]()
    for index, line in enumerate(lines):
        if "$" not in line:
            continue
        new = _REFERENCE_RE.sub(lambda m: given.get(m[1] or m[2], m[0]), line)
        if new != line:
            lines[index], changed = new, changed | {index + 1}
    return "\n".join(lines), changed
