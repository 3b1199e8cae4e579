"""Images a Makefile, a script or a CI step makes a Kubernetes cluster pull with kubectl (pure).

- `kubectl run NAME --image=IMAGE` (also `--image IMAGE`); each of kubectl's commands below also as the OpenShift
  CLI's, which carries them (`oc run`, `oc debug`, `oc set image`: https://docs.redhat.com/en/documentation/
  openshift_container_platform/4.18/html/cli_tools/openshift-cli-oc#usage-oc-kubectl; che-operator's
  `oc run grpcurl-query ... --image=docker.io/fullstorydev/grpcurl:v1.7.0`);
- `kubectl debug POD|node/NODE --image=IMAGE` (also `--image IMAGE`), and `--set-image NAME=IMAGE,...` with
  `--copy-to`: the debug container kubectl adds to the pod (or to its copy, or to a pod on the node) and the images
  it sets in the copy (https://kubernetes.io/docs/reference/kubectl/generated/kubectl_debug/);
- `kubectl create deployment|job|cronjob NAME --image=IMAGE` (a deployment may name several);
- `oc adm must-gather --image=IMAGE` (each of several): the pod it starts on a node to collect the cluster's data
  (https://docs.redhat.com/en/documentation/openshift_container_platform/4.18/html/support/gathering-cluster-data;
  without `--image`, the release payload's default, not listed);
- `oc adm release extract|info|mirror [RELEASE]` (or `--from=RELEASE`): the OpenShift release image it reads
  (oc_release.py);
- `kubectl set image RESOURCE CONTAINER=IMAGE...`;
- `kind create cluster --image=IMAGE` (also `--image IMAGE`): the node image kind pulls (`kindest/node:v1.33.1`);
- `k3d cluster create [NAME] --image=IMAGE` (also `--image IMAGE`, `-i IMAGE`): the k3s image k3d starts the
  cluster's nodes from (`rancher/k3s:v1.34.1-k3s1`; https://k3d.io/stable/usage/commands/k3d_cluster_create/;
  without it, k3d's own default for its version, not listed);
- `faas-cli deploy --image=IMAGE` (also `--image IMAGE`): the function image an OpenFaaS cluster pulls
  (`faas-cli deploy -f stack.yml` names none on its line);
- `sonobuoy run` with `--kube-conformance-image`, `--sonobuoy-image` or `--systemd-logs-image` (each `=IMAGE` or
  `IMAGE`): the conformance test image, the aggregator and the node log collector Sonobuoy starts in the cluster
  (https://sonobuoy.io/docs/; without them, Sonobuoy's defaults for the version that runs, not listed);
- `devcontainer features test -i IMAGE` (also `--base-image`, `=IMAGE`): the base image the Dev Container CLI builds
  the test container from, installing the features under test in it (without it, the CLI's default, not listed;
  https://github.com/devcontainers/cli);
- `ko build|apply|resolve|create|run|publish` run with `KO_DEFAULTBASEIMAGE` assigned before it on the command
  (`KO_DEFAULTBASEIMAGE=IMAGE ko build ./cmd/app`) or given a value by the same file (a CI step's `env:`, an
  `export`): the base image ko pulls to build on, which the variable sets in place of `.ko.yaml`'s
  `defaultBaseImage` (https://ko.build/configuration/#overriding-base-images); without it, `.ko.yaml`'s, read there;
- `gcloud run deploy SERVICE --image=IMAGE` and `gcloud run jobs deploy|create|update JOB --image=IMAGE` (also
  `gcloud beta|alpha run ...`, `--image IMAGE`): the image Cloud Run pulls for the service or job
  (https://cloud.google.com/sdk/gcloud/reference/run/deploy; `--source .` builds one, named nowhere, not listed);
- `dokku git:from-image [--build-dir DIR] [--force] APP IMAGE`: the image Dokku deploys the app from, pulled first
  (its git plugin's `git-from-image` trigger runs `docker image pull IMAGE`, then builds `FROM IMAGE`;
  https://dokku.com/docs/deployment/methods/image/); Dokku's global options may come first (`--trace`, `--quiet`,
  `--force`), and `--app APP` among them gives the app, so the image is the first word after the command
  (`git:load-image` loads a tarball, `git:from-archive` fetches no image: not read);
- `act -P LABEL=IMAGE` (also `--platform LABEL=IMAGE`, `--platform=...`): the image nektos/act runs the jobs of a
  workflow whose `runs-on` is LABEL in, pulled before they run (https://nektosact.com/usage/runners.html);
  `LABEL=-self-hosted` runs them on the host, no image;
- `crane pull IMAGE... TARBALL`, `crane copy|cp SRC DST`, `crane export IMAGE`: a registry tool that pulls an image
  without an engine (https://github.com/google/go-containerregistry/blob/main/cmd/crane/doc/crane.md); the
  destination is no pull, nor `crane digest` or `manifest`, which read no layer (skopeo's, regctl's, oras' and
  imagetools' copies: image_copies.py);
- `operator-sdk run bundle [OPTIONS] IMAGE` and `run bundle-upgrade`: the bundle image, the command's one argument,
  which OLM's registry pod pulls to install the operator, and an `--index-image` it is injected into
  (https://sdk.operatorframework.io/docs/cli/operator-sdk_run_bundle; without it, the SDK's default, not listed);
  a bundle the same file builds (`docker build -f bundle.Dockerfile -t $(BUNDLE_IMG) .`) is the project's own,
  built and pushed for the run, not read;
- `ctr [GLOBAL-OPTIONS] images|image|i pull [OPTIONS] REF`: the image containerd's CLI pulls
  into the host's containerd (https://github.com/containerd/containerd/blob/main/docs/getting-started.md, "Pulling
  an image"; keel's `.test/e2e-k3s.sh` seeds its k3s registry with `ctr images pull "${FIXTURE_IMAGE}"`); other
  verbs (`images tag`, `import`, `ls`) pull nothing.

Read from the same texts as `docker run` lines (docker_run.py), line continuations joined, only where a command
runs (`OUT=$(kubectl run ...)`, `&& kubectl ...`, a `run:` step; not `echo "kubectl run ..."`). kubectl's global
options may come before the verb (`kubectl -n qa run`). kubectl behind a distribution's wrapper runs the same
commands: MicroK8s' `microk8s kubectl` (and the snap's `microk8s.kubectl`, https://microk8s.io/docs/working-with-kubectl),
K3s' `k3s kubectl` (https://docs.k3s.io/cli) and minikube's `minikube kubectl -- ...`
(https://minikube.sigs.k8s.io/docs/handbook/kubectl/). A pod run with `--image-pull-policy=Never` uses an image
already on the node (built and loaded there), not one pulled. Variables are read as for `docker run`: the same
file's literal assignments (a value per branch of a makefile's conditional: each), otherwise unresolved naming the
variable.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_inputs import command_inputs
from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_copies import REGISTRY_VALUED
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.oc_release import release_images, release_verb
from ecr_mirror.choose.discovery.pull_failure_fixtures import without_failure_fixtures
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_options import option_values, spread_options
from ecr_mirror.choose.discovery.shell_words import ShellValues

_TOOLS = "kubectl|oc|kind|k3d|faas-cli|sonobuoy|devcontainer|gcloud|ko|dokku|act|crane|ctr|operator-sdk"
# the options of `operator-sdk run bundle` that take a value, when written apart from it
_BUNDLE_VALUED = frozenset(
    ["--ca-secret-name", "--decompression-image", "--index-image", "--install-mode", "--kubeconfig", "-n",
     "--namespace", "--pull-secret-name", "--security-context-config", "--service-account", "--timeout"]
)  # fmt: skip
# the snap's alias of MicroK8s' kubectl (`microk8s.kubectl`) is kubectl
_KUBECTL_RE = re.compile(rf"(?<![\w./-])(?:microk8s\.(?=kubectl))?({_TOOLS})(?![\w-])")
# a distribution's command that runs its own kubectl with the words after it: `microk8s kubectl`, `k3s kubectl`,
# `minikube kubectl --` (the `--` passes the words on; kubectl's options end there, as read below)
_WRAPPER_RE = re.compile(r"(?<![\w./-])(?:microk8s|k3s|minikube)[ \t]+$")
_WRAPPER_REACH = 64  # how far before kubectl its wrapper's name is looked for
_KO_VERBS = frozenset({"build", "apply", "resolve", "create", "run", "publish"})
_KO_BASE = "KO_DEFAULTBASEIMAGE"
# `KO_DEFAULTBASEIMAGE=IMAGE` among the assignments just before the command (`KOCACHE=/tmp KO_...=x ko build`)
_KO_BASE_RE = re.compile(rf"(?:^|\s){_KO_BASE}=(\"[^\"]*\"|'[^']*'|\S+)(?=(?:\s+\w+=(?:\"[^\"]*\"|'[^']*'|\S+))*\s*$)")
_GCLOUD_JOBS = frozenset({"deploy", "create", "update"})
# the options of `sonobuoy run` that name an image its pods run
_SONOBUOY_IMAGES = ("--kube-conformance-image", "--sonobuoy-image", "--systemd-logs-image")
# kubectl's global options that take a value (kubectl options), when written apart from it (`-n qa`)
_GLOBAL_VALUED = frozenset(
    ["-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server", "--token", "--as",
     "--as-group", "--request-timeout", "-v", "--certificate-authority", "--client-certificate", "--client-key",
     "--cache-dir", "--tls-server-name", "--profile", "--profile-output"]
)  # fmt: skip
_CREATED = frozenset({"deployment", "job", "cronjob", "deploy", "cj"})


def _verb(tool: str, words: list[str]) -> tuple[str, list[str]] | None:
    """(`run`, `create deployment` or `set image`, the words after it) of `kubectl WORDS`, (`create cluster`,
    the words after it) of `kind WORDS` (and so for the other tools), or None."""
    if tool == "kind":
        return ("create cluster", words[2:]) if words[:2] == ["create", "cluster"] else None
    if tool == "k3d":
        return ("cluster create", words[2:]) if words[:2] == ["cluster", "create"] else None
    if tool == "ko":
        return (words[0], words[1:]) if words[:1] and words[0] in _KO_VERBS else None
    if tool == "faas-cli":
        return ("deploy", words[1:]) if words[:1] == ["deploy"] else None
    if tool == "sonobuoy":
        return ("run", words[1:]) if words[:1] == ["run"] else None
    if tool == "devcontainer":
        return ("features test", words[2:]) if words[:2] == ["features", "test"] else None
    if tool == "gcloud":
        return _gcloud_verb(words[1:] if words[:1] in (["beta"], ["alpha"]) else words)
    if tool == "dokku":
        return _dokku_verb(words)
    if tool == "act":
        return ("run", words)
    if tool == "crane":
        return _registry_verb(tool, words)
    if tool == "ctr":
        return _ctr_verb(words)
    if tool == "operator-sdk":
        return (" ".join(words[:2]), words[2:]) if words[:2] in (["run", "bundle"], ["run", "bundle-upgrade"]) else None
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in _GLOBAL_VALUED else 1
    rest = words[index:]
    if rest[:1] in (["run"], ["debug"]):
        return rest[0], rest[1:]
    if rest[:1] == ["create"] and len(rest) > 1 and rest[1] in _CREATED:
        return f"create {rest[1]}", rest[2:]
    if rest[:2] == ["set", "image"]:
        return "set image", rest[2:]
    if tool == "oc" and rest[:2] == ["adm", "release"]:
        return release_verb(rest[2:])  # extract, info, mirror: the release image it reads (oc_release.py)
    return ("adm must-gather", rest[2:]) if tool == "oc" and rest[:2] == ["adm", "must-gather"] else None


_REGISTRY_VERBS = {"crane": frozenset({"pull", "copy", "cp", "export"})}


def _positionals(words: list[str]) -> list[str]:
    out, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word in REGISTRY_VALUED
        else:
            out.append(word)
    return out


def _registry_verb(tool: str, words: list[str]) -> tuple[str, list[str]] | None:
    """(the verb, the words after it) of `crane pull|copy|cp|export ...`, global options before
    the verb skipped; None for another verb."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in REGISTRY_VALUED else 1
    verb = words[index] if index < len(words) else ""
    return (verb, words[index + 1 :]) if verb in _REGISTRY_VERBS[tool] else None


def _registry_sources(tool: str, verb: str, words: list[str]) -> list[str]:
    """The images `crane VERB` pulls (skopeo's copies: image_copies.py)."""
    given = _positionals(words)
    return given[:-1] if verb == "pull" else given[:1]


# ctr's global options and those of `ctr images pull` whose value is the next word when written apart
_CTR_VALUED = frozenset(
    ["-a", "--address", "-n", "--namespace", "--timeout", "--connect-timeout", "--platform", "-u", "--user",
     "--hosts-dir", "--snapshotter", "--label", "--max-concurrent-downloads", "--tlscacert", "--tlscert", "--tlskey"]
)  # fmt: skip


def _ctr_verb(words: list[str]) -> tuple[str, list[str]] | None:
    """(`images pull`, [REF]) of `ctr [GLOBAL-OPTIONS] images|image|i pull [OPTIONS] REF ...`, or None."""
    given, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = "=" not in word and word in _CTR_VALUED
        else:
            given.append(word)
    if len(given) < 3 or given[0] not in ("images", "image", "i") or given[1] != "pull":
        return None
    return "images pull", given[2:3]


def _gcloud_verb(words: list[str]) -> tuple[str, list[str]] | None:
    """(`run deploy` or `run jobs VERB`, the words after it) of `gcloud run ...`, or None."""
    if words[:2] == ["run", "deploy"]:
        return "run deploy", words[2:]
    if words[:2] == ["run", "jobs"] and len(words) > 2 and words[2] in _GCLOUD_JOBS:
        return f"run jobs {words[2]}", words[3:]
    return None


def _dokku_verb(words: list[str]) -> tuple[str, list[str]] | None:
    """(`git:from-image`, [IMAGE]) of `dokku [GLOBAL-OPTIONS] git:from-image [OPTIONS] APP IMAGE ...`, or None.

    Dokku's own argument parsing: global options (`--name`, `--app APP`) before the command, then the command's
    `--build-dir DIR` and `--force` anywhere among its words; the app is the first of the others unless `--app`
    gave it (Dokku then puts it first)."""
    index, app_given = 0, False
    while index < len(words) and words[index].startswith("--"):
        app_given = app_given or words[index] == "--app"
        index += 2 if words[index] == "--app" else 1
    if words[index : index + 1] != ["git:from-image"]:
        return None
    rest, skip = [], False
    for word in words[index + 1 :]:
        if skip:
            skip = False
        elif word == "--build-dir":
            skip = True
        elif word != "--force":
            rest.append(word)
    image = rest[0 if app_given else 1 : 1 if app_given else 2]
    return "git:from-image", image


def _builds(text: str, word: str) -> bool:
    """Whether a build command of `text` tags its image `word` as written (`docker build -f bundle.Dockerfile -t
    $(BUNDLE_IMG) .`): the project's own bundle, built and pushed for `run bundle`, not another's it pulls."""
    tagged = re.compile(r"\bbuild\b.*?(?:-t|--tag)[ \t=]+[\"']?" + re.escape(word) + r"(?![\w)}])")
    return any(tagged.search(joined) for _, joined in joined_lines(text))


def _bundle_images(words: list[str]) -> list[str]:
    """`operator-sdk run bundle[-upgrade]`'s one argument, the bundle image, and its `--index-image`."""
    index, bundle = 0, list[str]()
    while index < len(words) and not bundle:
        word = words[index]
        index += 2 if word in _BUNDLE_VALUED else 1
        bundle = [] if word.startswith("-") else [word]
    return bundle + option_values(words, "--index-image")


def _images(tool: str, verb: str, words: list[str]) -> list[str]:
    if tool in ("dokku", "ctr"):
        return words
    if tool == "operator-sdk":
        return _bundle_images(words)
    if tool == "crane":
        return _registry_sources(tool, verb, words)
    if tool == "act":
        platforms = option_values(words, "-P") + option_values(words, "--platform")
        return [image for _, _, image in (p.partition("=") for p in platforms) if image and image[0] != "-"]
    if tool == "sonobuoy":
        return [image for option in _SONOBUOY_IMAGES for image in option_values(words, option)]
    if tool in ("devcontainer", "k3d"):
        long_option = "--base-image" if tool == "devcontainer" else "--image"
        return option_values(words, "-i") + option_values(words, long_option)
    if verb.startswith("adm release"):
        return release_images(words)
    if verb == "set image":
        return [word.split("=", 1)[1] for word in words if "=" in word and not word.startswith("-")]
    if any(policy == "Never" for policy in option_values(words, "--image-pull-policy")):
        return []  # an image already on the node
    if verb == "debug":
        pairs = [pair for value in option_values(words, "--set-image") for pair in value.split(",")]
        return option_values(words, "--image") + [pair.split("=", 1)[1] for pair in pairs if "=" in pair]
    return option_values(words, "--image")


def _ko_base(before: str, values: ShellValues) -> list[str]:
    """The base image a ko command builds on from its environment: `KO_DEFAULTBASEIMAGE` assigned just before it,
    else the value the file gives the variable; none when neither does (`.ko.yaml` says it)."""
    if (assigned := _KO_BASE_RE.search(before)) is not None:
        return [assigned.group(1).strip("\"'")]
    return [f"${{{_KO_BASE}}}"] if _KO_BASE in values.values else []


def _command_start(line: str, match: re.Match[str]) -> int:
    """Where the command of a kubectl match starts: at its distribution's wrapper (`microk8s kubectl`), if any."""
    if match.group(1) != "kubectl":
        return match.start()
    wrapper = _WRAPPER_RE.search(line, max(0, match.start() - _WRAPPER_REACH), match.start())
    return wrapper.start() if wrapper is not None else match.start()


def kubectl_images(text: str, origin: str) -> list[Found]:
    """The images `text`'s kubectl, kind and gcloud run commands make a cluster (or Cloud Run) pull, in order; a
    variable without one literal value unresolved, naming it."""
    if _KUBECTL_RE.search(text) is None:
        return []
    inputs = command_inputs(text, origin)
    text, values = inputs.text, inputs.values
    found: list[Found] = []
    for line, joined in joined_lines(text):
        if joined.lstrip().startswith(("#", "//")) or _KUBECTL_RE.search(joined) is None:
            continue
        starts = CommandStarts(joined)
        for match in _KUBECTL_RE.finditer(joined):
            if not starts.runs_at(_command_start(joined, match)):
                continue
            verb = _verb(
                match.group(1), spread_options(command_words(joined, match.end()), values.values, inputs.arrays)
            )
            if verb is None:
                continue
            tool = match.group(1)
            images = _ko_base(joined[: match.start()], values) if tool == "ko" else _images(tool, *verb)
            images = [image for image in images if not (tool == "operator-sdk" and _builds(text, image))]
            for image in images:
                if not image.strip():
                    continue
                use = f"{tool} {verb[0]}"
                for resolved, problem in values.at(line).resolve_each(image):
                    found.append(Found(resolved if problem is None else image, origin, line, problem, use))
    return without_failure_fixtures(found, text)  # `set image web=acme/app:does-not-exist`, then ImagePullBackOff
