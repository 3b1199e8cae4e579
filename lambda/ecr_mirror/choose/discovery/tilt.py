"""The images a Tiltfile builds, and the uses of them it makes local (pure).

Tilt (https://docs.tilt.dev/api.html) builds an image for each `docker_build('NAME', ...)` and
`custom_build('NAME', ...)` of its Tiltfile, then puts what it built in place of every image of the Kubernetes
objects it deploys (`k8s_yaml`: manifests, `helm template` output) whose name is NAME, whatever their tag
(https://docs.tilt.dev/dependent_images.html); a NAME with a tag matches that tag only. Those uses are the
project's own images, not pulls to mirror. The Dockerfiles Tilt builds are read by the walk as any other. Tilt
runs on a developer's machine, not in CI: a CI pipeline's use of the name with another tag (a workflow scanning
`velero/velero:main`) is the image the project published, still pulled; only the Tiltfile's exact reference is
the build's there. The `restart_process` extension's `docker_build_with_restart(ref, context, entrypoint, ...)`
takes docker_build's arguments and builds its image too
(https://github.com/tilt-dev/tilt-extensions/tree/master/restart_process). Tilt also fills a built name in the
Dockerfiles its other builds build (https://docs.tilt.dev/dependent_images.html): the Dockerfile of a build (its
literal `dockerfile=`, else its context's `Dockerfile`) is taken as deployed with the Tiltfile's objects.

The objects Tilt deploys are those its `k8s_yaml(...)` calls give it: when each call names them by literal paths (a
file or directory, `'deploy/app.yaml'`, a list of them, or a chart, `helm('charts/app', ...)`), relative to the
Tiltfile, only the files there are Tilt's, and an image of another file with the name of a Tiltfile build and
another tag (gatekeeper's release manifest `deploy/gatekeeper.yaml`, `openpolicyagent/gatekeeper:v3.24.0-beta.0`,
while Tilt deploys a chart copy under `.tiltbuild/`) is the published image, matched exactly as in CI; when a call
gives them otherwise (`kustomize(...)`, `local(...)`, a variable), or none is written, every file but CI's is taken
as Tilt's. The tilt-extensions `helm_resource(NAME, CHART, image_deps=[...])`
(https://github.com/tilt-dev/tilt-extensions/tree/master/helm_resource) installs CHART with the images Tilt built: a
chart of the tree (a path from the Tiltfile) is Tilt's, a chart of a repository the Tiltfile's `helm_repo(NAME,
URL)` adds (`NAME/chart`, vector's `vectordotdev/vector`) is no file of the tree, so that a Tiltfile deploying only
so deploys none (vector's release manifests under `distribution/kubernetes/` pull the published
`timberio/vector:0.57.0-distroless-libc` though its Tiltfile builds `timberio/vector`); with `helm_resource`, a
Tiltfile that also deploys with `k8s_custom_deploy` or through a file it `include`s or `load`s (not an `ext://`
extension) takes every file as Tilt's. Only a literal first argument (or `ref=`) names the image, or literals and
names the Tiltfile binds once to a literal at the start of a line joined with `+` (tilt's `repo =
'gcr.io/windmill-test-containers'`, `docker_build(repo + '/imagetags-common', 'common')`); another expression
(`IMAGE + ':dev'` with `IMAGE` bound twice or not at all, a call) is a warning naming the file and line, and the
manifests that use that image are still listed. Files a Tiltfile
`load()`s under another name are not followed. The compose files of its `docker_compose()` calls
(tilt_compose_files) are those a `tilt up` or `tilt ci` of a CI step starts, with the step's environment.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.command_builds import CommandBuild
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.oci.reference import Reference, reference_or_none

# Files Tilt does not deploy: CI runs them, with the images the project published
_PIPELINES = frozenset(
    kind.value
    for kind in (Kind.WORKFLOW, Kind.ACTION, Kind.GITLAB, Kind.CIRCLECI, Kind.AZURE, Kind.JENKINS, Kind.CLOUDBUILD)
)
_CALL_RE = re.compile(r"(?<![\w.])(docker_build(?:_with_restart)?|custom_build)\s*\(\s*(?:ref\s*=\s*)?")
_BOUND_RE = re.compile(r"""^([A-Za-z_]\w*)\s*=\s*(?:(['"])([^'"\\\n]*)\2\s*(?:#.*)?$|.)""", re.M)
_NAME_RE = re.compile(r"[A-Za-z_]\w*")
_LITERAL_RE = re.compile(r"""(['"])([^'"\\\n]+)\1\s*(?=[,)])""")
_K8S_YAML_RE = re.compile(r"(?<![\w.])k8s_yaml\s*\(")
_STRING_RE = re.compile(r"""\s*(['"])([^'"\\\n]+)\1\s*""")
_HELM_RE = re.compile(r"\s*helm\s*\((.*)\)\s*", re.S)
# the tilt-extensions helm_resource: installs a chart with the images Tilt built
# (https://github.com/tilt-dev/tilt-extensions/tree/master/helm_resource)
_HELM_RESOURCE_RE = re.compile(r"(?<![\w.])helm_resource\s*\(")
_HELM_REPO_RE = re.compile(r"(?<![\w.])helm_repo\s*\(")
_DOCKER_COMPOSE_RE = re.compile(r"(?<![\w.])docker_compose\s*\(")
# other ways a Tiltfile deploys: a custom deploy command, a Tiltfile it includes, a file it loads (not an extension)
_OTHER_DEPLOYS_RE = re.compile(r"(?<![\w.])(?:k8s_custom_deploy|include)\s*\(|(?<![\w.])load\s*\(\s*['\"](?!ext://)")


@dataclass
class TiltBuilds:
    """The images a Tiltfile builds; the paths of what it deploys (from the tree's top; None: not known by path)."""

    builds: list[LocalBuild] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deployed: tuple[str, ...] | None = None


def _split(text: str, start: int = 0, stop: str = "") -> tuple[list[str], int]:
    """The arguments of `text` from `start` separated by commas outside brackets and strings, up to the bracket
    closing them (`stop`: the call's `)`) or the end; and where they end."""
    parts: list[str] = []
    depth, at, quote, begun = 0, start, "", start
    while at < len(text):
        char = text[at]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}" and depth:
            depth -= 1
        elif char in ")]}" and stop:
            break
        elif char == "," and not depth:
            parts.append(text[begun:at])
            begun = at + 1
        at += 1
    return [*parts, text[begun:at]], at


def _paths(argument: str) -> list[str] | None:
    """The literal paths an argument of `k8s_yaml` gives: a string, a list of strings, `helm('path', ...)`."""
    if (helm := _HELM_RE.fullmatch(argument)) is not None:
        argument = _split(helm.group(1))[0][0]
    if (literal := _STRING_RE.fullmatch(argument)) is not None:
        return [literal.group(2)]
    items = argument.strip()
    if not (items.startswith("[") and items.endswith("]")):
        return None
    written = [each for each in _split(items[1:-1])[0] if each.strip()]
    literals = [_STRING_RE.fullmatch(each) for each in written]
    return [literal.group(2) for literal in literals if literal] if all(literals) else None


def _calls(text: str, pattern: re.Pattern[str]) -> Iterator[list[str]]:
    """The arguments of each call `pattern` finds (not in a comment or a `def`)."""
    lines = LineIndex(text)
    for match in pattern.finditer(text):
        before = text[lines.line_start(match.start()) : match.start()]  # a `#` there: a comment; `def`: a definition
        if "#" not in before and not before.rstrip().endswith("def"):
            yield _split(text, match.end(), stop=")")[0]


def _argument(arguments: list[str], position: int, keyword: str) -> str | None:
    """The argument given as `keyword=` or, positional, at `position`."""
    for argument in arguments:
        name, sep, value = argument.partition("=")
        if sep and name.strip() == keyword:
            return value
    positional = [argument for argument in arguments if not re.match(r"\s*\w+\s*=(?!=)", argument)]
    return positional[position] if position < len(positional) else None


def _chart_paths(text: str, directory: str) -> list[str] | None:
    """The charts of the tree `helm_resource` calls install (a chart of a repository `helm_repo` adds, `repo/chart`,
    is none of them); None when a chart is not a literal."""
    repositories = {_literal(_argument(arguments, 0, "name")) for arguments in _calls(text, _HELM_REPO_RE)}
    paths: list[str] = []
    for arguments in _calls(text, _HELM_RESOURCE_RE):
        chart = _literal(_argument(arguments, 1, "chart"))
        if chart is None:
            return None
        if chart.split("/")[0] not in repositories:
            paths.append(posixpath.normpath(posixpath.join(directory, chart)))
    return paths


def _literal(argument: str | None) -> str | None:
    literal = _STRING_RE.fullmatch(argument) if argument is not None else None
    return literal.group(2) if literal else None


def tilt_compose_files(text: str) -> tuple[str, ...]:
    """The compose files the Tiltfile's `docker_compose(configPaths, ...)` calls load, relative to the Tiltfile
    (https://docs.tilt.dev/api.html#api.docker_compose; relative paths are the Tiltfile's:
    https://docs.tilt.dev/tiltfile_concepts.html): a literal path or a list of them; another argument (a variable,
    a `Blob` a command prints) names none that the files say. Tilt runs compose on them with its own environment
    (https://docs.tilt.dev/docker_compose.html), so a CI step's `env:` reaches their `${VAR}`s."""
    paths: list[str] = []
    for given in tilt_compose_groups(text):
        paths += [path for path in given if path not in paths]
    return tuple(paths)


def tilt_compose_groups(text: str) -> list[tuple[str, ...]]:
    """The literal compose files of each `docker_compose()` call, in order: one project, compose merging them."""
    groups: list[tuple[str, ...]] = []
    for arguments in _calls(text, _DOCKER_COMPOSE_RE):
        given = _paths(_argument(arguments, 0, "configPaths") or "") if not _HELM_RE.match(arguments[0]) else None
        groups += [tuple(given)] if given else []
    return groups


def _deployed(text: str, origin: str) -> tuple[str, ...] | None:
    """The paths (from the tree's top) of what the Tiltfile's `k8s_yaml` and `helm_resource` calls deploy; None when
    a call gives it otherwise than by literal paths, or there is none, or the Tiltfile deploys by other means too
    (`k8s_custom_deploy`, a file it `include`s or `load`s)."""
    directory = posixpath.dirname(origin)
    paths: list[str] = []
    for arguments in _calls(text, _K8S_YAML_RE):
        given = _paths(arguments[0])
        if given is None:
            return None
        paths += [posixpath.normpath(posixpath.join(directory, path)) for path in given]
    if not _HELM_RESOURCE_RE.search(text):
        return tuple(paths) or None
    charts = _chart_paths(text, directory)
    if charts is None or _OTHER_DEPLOYS_RE.search(text):
        return None
    return (*paths, *charts)


def _bound(text: str) -> dict[str, str | None]:
    """The names the Tiltfile binds at the start of a line, each to its one literal string (None: bound otherwise,
    or to several values)."""
    bound: dict[str, str | None] = {}
    for match in _BOUND_RE.finditer(text):
        name, value = match.group(1), match.group(3)
        bound[name] = value if name not in bound or bound[name] == value else None
    return bound


def _joined(text: str, start: int, bound: Mapping[str, str | None]) -> str | None:
    """The first argument of the call at `start` when it joins literals and bound names with `+`."""
    argument = _split(text, start, stop=")")[0][0].removeprefix("ref=").strip()
    parts = [part.strip() for part in _split(argument.replace("+", ","))[0]]
    if len(parts) < 2 or "=" in argument:
        return None
    values: list[str] = []
    for part in parts:
        if (literal := _STRING_RE.fullmatch(part)) is not None:
            values.append(literal.group(2))
        elif _NAME_RE.fullmatch(part) and (value := bound.get(part)) is not None:
            values.append(value)
        else:
            return None
    return "".join(values)


def tilt_builds(text: str, origin: str) -> TiltBuilds:
    """The literal image names `text` (a Tiltfile) builds, in order; a warning for each name that is not literal."""
    out = TiltBuilds(deployed=_deployed(text, origin))
    lines = LineIndex(text)
    bound = _bound(text)
    built: list[str] = []
    for match in _CALL_RE.finditer(text):
        before = text[lines.line_start(match.start()) : match.start()]
        if "#" in before or before.rstrip().endswith("def"):
            continue
        function = match.group(1)
        dockerfile = _dockerfile(_split(text, match.end(), stop=")")[0]) if function != "custom_build" else None
        built += [posixpath.normpath(posixpath.join(posixpath.dirname(origin), dockerfile))] if dockerfile else []
        literal = _LITERAL_RE.match(text, match.end())
        if literal is None and (joined := _joined(text, match.end(), bound)) is not None:
            out.builds.append(LocalBuild(joined, origin, lines.line(match.start()), f"Tiltfile {function}"))
            continue
        if literal is None:
            line = lines.line(match.start())
            out.warnings.append(
                f"{origin}:{line}: {function}'s image is not a literal string; the manifests that use it are still "
                "listed"
            )
            continue
        line = lines.line(literal.start())
        out.builds.append(LocalBuild(literal.group(2).strip(), origin, line, f"Tiltfile {function}"))
    out.deployed = (*out.deployed, *built) if out.deployed is not None else None
    return out


def _build_args(argument: str | None) -> tuple[tuple[str, str], ...]:
    """The literal `NAME: value` pairs of a `build_args` dict literal; a value that is not a literal string is not
    passed (the Dockerfile's default applies)."""
    written = (argument or "").strip()
    if not (written.startswith("{") and written.endswith("}")):
        return ()
    pairs: list[tuple[str, str]] = []
    for entry in _split(written[1:-1])[0]:
        name, sep, value = entry.partition(":")
        if sep and (key := _literal(name)) is not None and (given := _literal(value)) is not None:
            pairs.append((key, given))
    return tuple(pairs)


def tilt_build_args(text: str, origin: str) -> list[CommandBuild]:
    """The Dockerfile (from the Tiltfile's directory) each `docker_build(ref, context, build_args={...},
    dockerfile=...)` of `text` builds with literal build arguments (https://docs.tilt.dev/api.html#api.docker_build:
    `dockerfile` defaults to `Dockerfile` in the context), at the call's line; not `custom_build`, whose command
    builds as it likes."""
    builds: list[CommandBuild] = []
    lines = LineIndex(text)
    for match in _CALL_RE.finditer(text):
        before = text[lines.line_start(match.start()) : match.start()]
        if match.group(1) != "docker_build" or "#" in before or before.rstrip().endswith("def"):
            continue
        call = text.rfind("(", 0, match.end())
        arguments = _split(text, call + 1, stop=")")[0]
        args = _build_args(_argument(arguments, 2, "build_args"))
        if args and (dockerfile := _dockerfile(arguments)) is not None:
            builds.append(CommandBuild(dockerfile, args, origin, lines.line(match.start())))
    return builds


def _dockerfile(arguments: list[str]) -> str | None:
    """The Dockerfile a docker_build call's arguments build, from the Tiltfile's directory: its `dockerfile`, else
    `Dockerfile` in its context (https://docs.tilt.dev/api.html#api.docker_build); None when neither is a literal."""
    dockerfile = _literal(_argument(arguments, 3, "dockerfile"))
    context = _literal(_argument(arguments, 1, "context"))
    if dockerfile is None and context is not None:
        dockerfile = posixpath.join(context, "Dockerfile")
    return posixpath.normpath(dockerfile) if dockerfile is not None else None


def _deploys(paths: tuple[str, ...] | None, origin: str) -> bool:
    """Whether Tilt deploys the file `origin` when it deploys `paths` (None: any file)."""
    shown = posixpath.normpath(origin)
    return paths is None or any(shown == path or shown.startswith(f"{path}/") or path == "." for path in paths)


def tilt_marked(
    found: Iterable[Found],
    builds: Iterable[LocalBuild],
    deployed: Mapping[str, tuple[str, ...] | None] | None = None,
) -> list[Found]:
    """`found`, each use of an image a Tiltfile builds marked built here: by name when the Tiltfile's name has no
    tag or digest (not in a CI pipeline, and only in the files the Tiltfile deploys when `deployed`, by Tiltfile,
    knows them), else exactly; the first build of a name wins, and a use already marked keeps its mark."""
    scopes = deployed or {}
    by_name: dict[str, list[LocalBuild]] = {}
    exact: dict[Reference, LocalBuild] = {}
    for build in builds:
        if (ref := reference_or_none(build.name, default_tag=None)) is None:
            continue
        if ref.tag or ref.digest:
            exact.setdefault(ref, build)
        else:
            by_name.setdefault(ref.name, []).append(build)
    out: list[Found] = []
    for item in found:
        ref = reference_or_none(item.text, default_tag=None) if item.problem is None and item.built is None else None
        local = None
        if ref is not None:
            candidates = by_name.get(ref.name, []) if item.kind not in _PIPELINES else []
            named = next((each for each in candidates if _deploys(scopes.get(each.origin), item.origin)), None)
            local = named or exact.get(ref.with_tag(ref.tag or "latest") if not ref.digest else ref)
        out.append(dataclasses.replace(item, built=local.where) if local else item)
    return out
