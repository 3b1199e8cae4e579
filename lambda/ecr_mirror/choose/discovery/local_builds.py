"""Images built in the tree: the names `docker build -t`, `docker tag` and their kin give, in Makefiles, scripts and
CI steps (pure).

`docker build -t nginxproxy/nginx-proxy:test .` in a Makefile, then `image: nginxproxy/nginx-proxy:test` in a test
compose file: the compose file uses what the Makefile built, which no registry has to serve. Read from any text
(a Makefile recipe, a shell or PowerShell script, a workflow's `run:`, a GitLab `script:`, a Jenkinsfile's `sh`), line
continuations (`\\`) joined:

- `docker build`, `docker image build`, `docker buildx build`, `podman build` (and its alias `podman buildx build`),
  `buildah bud`/`build`: every `-t NAME`, `-tNAME`, `--tag NAME`, `--tag=NAME`, and the name of a `--output
  type=docker,name=NAME` (`-o`), which loads the image under that name (https://docs.docker.com/build/exporters/);
- `docker tag SRC NAME`, `docker image tag`, `podman tag`, `buildah tag`: the names after the source;
- `docker commit CONTAINER NAME` (`docker container commit`, `podman commit`, `buildah commit`): the image made from
  a container the tree ran (https://docs.docker.com/reference/cli/docker/container/commit/; a demo's Makefile runs
  `docker run --name uaac ruby:2.5 gem install cf-uaac`, then `docker commit $(docker ps -aqf name=uaac)
  uaac:latest`, and `docker run uaac` later), the values of `-a`, `-c` and `-m` not taken for names;
- `podman push IMAGE docker-daemon:NAME` (`podman image push`, `buildah push`): a copy into the local Docker daemon
  under NAME (https://github.com/containers/image/blob/main/docs/containers-transports.5.md#docker-daemon), which a
  later `docker run NAME` runs (buildah's demos push `docker-daemon:$quayuser/${demoimg}:latest`, then `docker run
  $quayuser/$demoimg`); a push to another transport (`docker://`, a registry) keeps nothing locally;
- `kind build node-image`: the node image kind builds from Kubernetes sources, named by `--image`, else kind's
  default `kindest/node:latest`, which a later `kind create cluster --image kindest/node:latest` boots.

A multi-platform build that does not load (`docker buildx build --platform linux/amd64,linux/arm64 -t acme/app:base
--push .`, or with no output at all, a release Makefile's build target before its push target) keeps nothing in the
local image store: the image store of the classic engine holds one platform, so such a build runs on a Buildx builder
(the `docker-container` driver), which only pushes, or keeps the result in its build cache. The image is
published, and a build `FROM acme/app:base` elsewhere pulls it, as for a `docker/build-push-action` step that only
pushes (workflow_steps.py).

Only a command where one runs counts (`&& docker build`, a `run:` step, `sh "docker build ..."`), not echoed text
(`echo "docker build -t x ."`). Only literal names count: one with a variable (`$(IMAGE):dev`, `%`) could be anything.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ecr_mirror.choose.discovery.batch_files import batch_lines, is_batch
from ecr_mirror.choose.discovery.build_flows import COMPOSE_BUILD, Flows, published_use
from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.justfile_text import justfile_lines
from ecr_mirror.choose.discovery.kustomize_names import edited_values
from ecr_mirror.choose.discovery.powershell import is_powershell, shell_lines
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.oci.reference import Reference, reference_or_none

_COMMAND_RE = re.compile(
    r"(?<![\w.-])((?:docker|podman)(?:\s+image|\s+buildx)?|buildah)\s+(build|bud|tag)(?![\w-])"
    r"|(?<![\w.-])(docker(?:\s+container)?|podman(?:\s+container)?|buildah)\s+(commit)(?![\w-])"
    r"|(?<![\w.-])(podman(?:\s+image)?|buildah)\s+(push)(?![\w-])"
    r"|(?<![\w./$-])((?:[\w.-]*/)*kind)\s+build\s+(node-image)(?![\w-])"
)
# kind's `build node-image` tags its image `kindest/node:latest` unless `--image` names another
# (https://pkg.go.dev/sigs.k8s.io/kind/pkg/build/nodeimage#pkg-constants: `DefaultImage = "kindest/node:latest"`;
# https://kind.sigs.k8s.io/docs/user/quick-start/#building-images)
_KIND_NODE_DEFAULT = "kindest/node:latest"
_DAEMON = "docker-daemon:"  # the containers-transports(5) prefix of the local Docker daemon
_VERBS = ("build", "tag", "bud", "commit", _DAEMON)  # a line naming none has no command of interest
_TOOLS = ("docker", "podman", "buildah", "kind")
# the commit options (docker, podman, buildah) that take a value written apart (buildah-commit(1): `--iidfile FILE`)
_COMMIT_VALUED = frozenset({"-a", "--author", "-c", "--change", "-m", "--message", "--format", "-f", "--iidfile",
                            "--authfile", "--cert-dir", "--creds", "--sign-by", "--signature-policy", "--timestamp",
                            "--encryption-key", "--manifest", "--unsetenv"})  # fmt: skip
_LOCAL_STORAGE = "containers-storage:"  # buildah commit's destination in local storage: the image named after it
_BRACED_RE = re.compile(r"\$\{(\w+)\}")
_OPTIONS_RE = re.compile(r"\$\{?[A-Za-z_]\w*\}?")  # an unquoted variable alone: options, when words follow
_NOT_LITERAL = ("$", "%", "`", "{{", "<", ">")
_WORKFLOW = "GitHub Actions workflow"  # kinds.Kind.WORKFLOW's name (kinds imports this module)
_COMPOSE = "compose file"  # kinds.Kind.COMPOSE's name
_CIRCLECI = "CircleCI config"  # kinds.Kind.CIRCLECI's name
# the files `docker compose up` reads without `-f` (https://docs.docker.com/compose/intro/compose-application-model/)
_JUSTFILES = ("justfile", ".justfile")  # as discover_scripts.script_kind names them
_DEFAULT_COMPOSE = frozenset({"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"})


@dataclass(frozen=True, slots=True)
class LocalBuild:
    """A name the tree builds or tags, and where (`Makefile:5`, `docker build -t`)."""

    name: str
    origin: str
    line: int
    how: str
    dockerfile: str | None = None  # the Dockerfile this build builds, when known (a compose service's `build:`)
    flow_only: bool = False  # the build of a CI job's run: for the uses of its own flow alone, whatever the name
    chain_only: bool = False  # for the Dockerfiles its own file builds with build arguments alone (chained_builds)

    @property
    def where(self) -> str:
        return f"{self.how} at {self.origin}:{self.line}"


def joined_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, text) with backslash continuations joined."""
    out: list[tuple[int, str]] = []
    parts: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not parts:
            start = number
        stripped = line.rstrip()
        if stripped.endswith("\\"):
            parts.append(stripped[:-1])
            continue
        parts.append(line)
        out.append((start, " ".join(part.strip() for part in parts)))
        parts = []
    if parts:
        out.append((start, " ".join(part.strip() for part in parts)))
    return out


def built_names(words: list[str]) -> list[str]:
    """The names `docker build` words give the image (`-t NAME`, `--tag NAME`, `--tag=NAME`, `-tNAME`)."""
    names: list[str] = []
    for index, word in enumerate(words):
        if word in ("-t", "--tag") and index + 1 < len(words):
            names.append(words[index + 1])
        elif word.startswith("--tag="):
            names.append(word.removeprefix("--tag="))
        elif word.startswith("-t") and len(word) > 2 and not word.startswith("--"):
            names.append(word[2:])
    for value in _option_values(words, "--output", "-o"):  # `type=docker,name=NAME`: loaded under that name
        fields = dict(field.partition("=")[::2] for field in value.split(","))
        if fields.get("type", "").strip() == "docker" and fields.get("name", "").strip():
            names.append(fields["name"].strip())
    return names


def _option_values(words: list[str], long: str, short: str) -> list[str]:
    """The values of an option written `--long V`, `--long=V`, `-s V` or `-sV`."""
    values: list[str] = []
    for index, word in enumerate(words):
        if word in (long, short) and index + 1 < len(words):
            values.append(words[index + 1])
        elif word.startswith(f"{long}="):
            values.append(word.removeprefix(f"{long}="))
        elif short and word.startswith(short) and len(word) > len(short) and not word.startswith("--"):
            values.append(word[len(short) :])
    return values


def _published(words: list[str], resolve: Callable[[str], str] | None = None) -> bool:
    """A multi-platform build that does not load its image (no `--load`, no `type=docker` output): it pushes it
    (`--push`, `--output type=registry` or `type=image,push=true`), writes it elsewhere (`type=oci,dest=...`), or
    keeps it in the builder's cache only (no output: "If you don't specify an output, the build result is exported to
    the build cache only", https://docs.docker.com/build/drivers/#loading-to-local-image-store). A flag may end the
    JSON string of a `package.json` script (`--push",`); `resolve` gives the value of a `--platform` written with
    variables (a Makefile's `--platform $(PLATFORMS)`)."""
    words = [word.rstrip('",;') if word.startswith("--") else word for word in words]
    outputs = [value.replace(" ", "") for value in _option_values(words, "--output", "-o")]
    loads = "--load" in words or any("type=docker" in value for value in outputs)
    platforms = ",".join(
        resolve(value) if resolve and "$" in value else value for value in _option_values(words, "--platform", "")
    )
    return not loads and len([p for p in platforms.split(",") if p.strip()]) > 1


def _tagged_names(words: list[str], valued: frozenset[str] = frozenset()) -> list[str]:
    """The words after the first that are no option nor an option's value (`valued`: the options taking one)."""
    positional = [
        word
        for index, word in enumerate(words)
        if not word.startswith("-") and not (index and words[index - 1] in valued)
    ]
    return positional[1:]


def _literal(name: str) -> bool:
    return bool(name) and not any(mark in name for mark in _NOT_LITERAL)


def _named(
    text: str, *, published: bool = True, resolve: Callable[[str], str] | None = None
) -> list[tuple[int, str, str]]:
    """(line, how, name as written) of every name `text` builds or tags, literal or not; without `published`, not
    the names of a build that keeps nothing locally (`_published`, its platforms given by `resolve`)."""
    found: list[tuple[int, str, str]] = []
    if not any(tool in text for tool in _TOOLS):
        return found  # every command of interest names its tool (_COMMAND_RE): a file without one is not split
    for line, joined in joined_lines(text):
        if joined.lstrip().startswith("#") or not any(verb in joined for verb in _VERBS):
            continue  # a comment (shell, make, YAML), or no command of interest
        starts = CommandStarts(joined)
        for match in _COMMAND_RE.finditer(joined):
            if not starts.runs_at(match.start()):
                continue  # `echo "docker build -t x ."`: text, not a build
            if match.group(8):  # `kind build node-image [--image NAME]`
                given = _option_values(command_words(joined[match.end() :]), "--image", "")
                found += [(line, "kind build node-image", (given or [_KIND_NODE_DEFAULT])[-1])]
                continue
            tool = " ".join((match.group(1) or match.group(3) or match.group(5)).split())
            verb, words = match.group(2) or match.group(4) or match.group(6), command_words(joined[match.end() :])
            if verb == "push":  # `podman push IMAGE docker-daemon:NAME`: the destination after the source
                given = [word for word in words if not word.startswith("-")][1:2]
                found += [(line, f"{tool} push", word[len(_DAEMON) :]) for word in given if word.startswith(_DAEMON)]
                continue
            if verb == "commit":  # `commit [OPTIONS] CONTAINER [IMAGE]`: variables before two more words hold options
                given = _tagged_names(["commit", *words], _COMMIT_VALUED)  # (buildah's `$WITH_POLICY_JSON $cid new`)
                while len(given) > 2 and _OPTIONS_RE.fullmatch(given[0]):
                    given = given[1:]
                found += [(line, f"{tool} commit", name.removeprefix(_LOCAL_STORAGE)) for name in given[1:2]]
                continue
            if verb != "tag" and not published and _published(words, resolve):
                continue  # a build that keeps nothing locally
            names = _tagged_names(words) if verb == "tag" else built_names(words)
            how = f"{tool} {verb}" if verb == "tag" else f"{tool} {verb} -t"
            found += [(line, how, name) for name in names]
    return found


def build_words(
    text: str, *, published: bool = True, resolve: Callable[[str], str] | None = None
) -> list[tuple[int, str]]:
    """(line, name as written) of every name `text` builds or tags, variables included (`$(APP)`); without
    `published`, not the names of a build that keeps nothing locally (its `--platform` values given by `resolve`
    where written with variables)."""
    return [(line, name) for line, _, name in _named(text, published=published, resolve=resolve)]


def local_builds(text: str, origin: str) -> list[LocalBuild]:
    """The literal names `text` builds or tags into the local image store, in order (a PowerShell script's in its
    shell reading, a batch file's as the shell's, a justfile's with its `{{ NAME }}` interpolations rendered as just
    renders them)."""
    text = shell_lines(text) if is_powershell(origin) else batch_lines(text) if is_batch(origin) else text
    text = justfile_lines(text) if os.path.basename(origin).lower() in _JUSTFILES else text
    return [LocalBuild(name, origin, line, how) for line, how, name in _named(text, published=False) if _literal(name)]


def valued_builds(text: str, origin: str, resolve: Callable[[str], tuple[str, str | None]]) -> list[LocalBuild]:
    """The names a Makefile builds or tags with its own variables in the tag alone (`-t
    "cilium/tetragon:${DOCKER_IMAGE_TAG}"` with `DOCKER_IMAGE_TAG ?= latest`), each as `resolve` (the file's values)
    gives it when it is known and literal: the local image a make run with the file's values builds. A variable in
    the repository (`gcr.io/$(GCP_PROJECT)/build_deps` with `GCP_PROJECT ?= k8s-skaffold`) names where a user
    publishes: its default is the upstream's published image, which other builds of the tree pull, and is not read."""
    out: list[LocalBuild] = []
    for line, how, name in _named(text, published=False):
        repository = name.rpartition(":")[0] if ":" in name.rpartition("/")[2] else name
        if "$" not in name or not _literal(repository) or "@" in name:
            continue
        if (known := resolve(name))[1] is None and _literal(known[0]):
            out.append(LocalBuild(known[0], origin, line, how))
    return out


def chained_builds(text: str, origin: str, resolve: Callable[[str], tuple[str, str | None]]) -> list[LocalBuild]:
    """The names a Makefile builds with its variables in the repository too (`-t ${REGISTRY}/base:${RELEASE_VERSION}`
    with `REGISTRY ?= docker.io/acme`), each as `resolve` (the file's values) gives it, marked `chain_only`: the image
    one make run builds for the Dockerfiles the same Makefile then builds with `--build-arg`s from those values
    (`--build-arg BASE_LABEL=${RELEASE_VERSION}` for `FROM acme/base:${BASE_LABEL}`: mpi-operator's base, MPI and
    example images). Anywhere else the name is where a user publishes, pulled (valued_builds)."""
    out: list[LocalBuild] = []
    for line, how, name in _named(text, published=False):
        repository = name.rpartition(":")[0] if ":" in name.rpartition("/")[2] else name
        if _literal(repository) or "@" in name:
            continue
        known, problem = resolve(name)
        if problem is None and _literal(known) and reference_or_none(known) is not None:
            out.append(LocalBuild(known, origin, line, how, chain_only=True))
    return out


def deployed_builds(text: str, origin: str) -> list[LocalBuild]:
    """The names a Makefile builds under a variable it also hands to `kustomize edit set image NAME=$(VAR)`, each
    under the variable's own value in the file (one literal value: `IMG ?= controller:latest`).

    kubebuilder's scaffold builds `docker build -t ${IMG} .` in `docker-build` and deploys it with `cd config/manager
    && $(KUSTOMIZE) edit set image controller=${IMG}` in `deploy`
    (https://book.kubebuilder.io/cronjob-tutorial/running.html: `make docker-build docker-push IMG=...`, then `make
    deploy IMG=...`): the Kustomization entry that edit writes, `newName: controller` / `newTag: latest` with the
    default, names the image the Makefile built. Another variable's build stays unknown (`-t $(IMAGE):dev` could be
    anything: a name known from the file's values alone is no sign the build is the one its uses mean)."""
    edited = {_BRACED_RE.sub(r"$(\1)", value) for value in edited_values(text) if not _literal(value)}
    if not edited:
        return []
    values = ShellValues.of(text)
    out: list[LocalBuild] = []
    for line, how, written in _named(text, published=False):
        handed = _BRACED_RE.sub(r"$(\1)", written) in edited  # make reads `${IMG}` as `$(IMG)`
        name, problem = values.resolve(written) if handed else ("", "not handed to kustomize")
        if problem is None and name and reference_or_none(name) is not None:
            out.append(LocalBuild(name, origin, line, how))
    return out


def _always_pulled(item: Found, build: LocalBuild) -> bool:
    """`docker pull X` pulls X, whoever builds it elsewhere; a workflow's `services:` and `container:`, and the
    images of a CircleCI job's `docker:` executor, start before any step runs; the `FROM` of the Dockerfile a build
    builds is pulled for that build to run (a compose service named `grafana/grafana:7.5.16` built `FROM
    grafana/grafana:7.5.16`); also a pull read with a caller's values, `docker pull (with the env of ...)`."""
    if item.use.split(" (", 1)[0] == "docker pull" or (item.kind == _CIRCLECI and item.use == "docker image"):
        return True
    if item.kind == _WORKFLOW and item.use in ("services", "container"):
        return True
    return build.dockerfile is not None and os.path.normpath(item.origin) == os.path.normpath(build.dockerfile)


def _runs_alone(item: Found, build: LocalBuild) -> bool:
    """Whether `item` is in its directory's default compose file (`docker compose up` reads it alone, with its
    `.override.` file) and `build` in another file of the directory, which that run does not read."""
    used, building = os.path.basename(item.origin).lower(), os.path.basename(build.origin).lower()
    if used not in _DEFAULT_COMPOSE or building == used:
        return False
    return building not in _DEFAULT_COMPOSE and building != used.replace("compose.", "compose.override.", 1)


def _in_scope(item: Found, build: LocalBuild) -> bool:
    """Whether `build` makes its image where `item` uses it: a compose service's build in its own compose project,
    the compose files of its directory (another directory's compose file is another project, which pulls the image),
    but not for the directory's default compose file when another file builds it (`_runs_alone`); any other build
    for every file of the tree."""
    if build.how != COMPOSE_BUILD or item.kind != _COMPOSE:
        return True
    if _runs_alone(item, build):
        return False
    return os.path.dirname(os.path.normpath(item.origin)) == os.path.dirname(os.path.normpath(build.origin))


def marked_built(found: Iterable[Found], builds: Iterable[LocalBuild], flows: Flows | None = None) -> list[Found]:
    """`found`, each use of an image the tree builds marked with where it is built (`Found.built`): names compared
    after normalisation (`web-fixture` is `docker.io/library/web-fixture:latest`); the first build of a name that
    makes it where it is used (`_in_scope`) wins, and for a use of a published name (build_flows.published_use) only
    a build of its flow (`flows`: the same file alone when not given), and so for every use of a build marked
    `flow_only`; a build marked `chain_only` only for a Dockerfile its own file builds with arguments. A use that is
    a pull whatever the tree builds (`_always_pulled`) is not marked."""
    flows = flows if flows is not None else Flows({})
    built: dict[Reference, list[LocalBuild]] = {}
    for build in builds:
        if (ref := reference_or_none(build.name)) is not None:
            built.setdefault(ref, []).append(build)
    if not built:
        return list(found)
    out: list[Found] = []
    for item in found:
        ref = reference_or_none(item.text) if item.problem is None and item.built is None else None
        scoped = [b for b in built.get(ref, []) if _in_scope(item, b)] if ref is not None else []
        if scoped and ref is not None and published_use(item, ref):
            scoped = [b for b in scoped if flows.joined(b.origin, b.how, item)]
        scoped = [b for b in scoped if not b.flow_only or flows.joined(b.origin, b.how, item)]
        scoped = [b for b in scoped if not b.chain_only or f"(built by {b.origin}:" in item.use]
        local = scoped[0] if scoped else None
        out.append(dataclasses.replace(item, built=local.where) if local and not _always_pulled(item, local) else item)
    return out
