"""The images a Tiltfile builds, and the uses of them it makes local (pure).

Tilt (https://docs.tilt.dev/api.html) builds an image for each `docker_build('NAME', ...)` and
`custom_build('NAME', ...)` of its Tiltfile, then puts what it built in place of every image of the Kubernetes
objects it deploys (`k8s_yaml`: manifests, `helm template` output) whose name is NAME, whatever their tag
(https://docs.tilt.dev/dependent_images.html); a NAME with a tag matches that tag only. Those uses are the
project's own images, not pulls to mirror. The Dockerfiles Tilt builds are read by the walk as any other. Tilt
runs on a developer's machine, not in CI: a CI pipeline's use of the name with another tag (a workflow scanning
`velero/velero:main`) is the image the project published, still pulled; only the Tiltfile's exact reference is
the build's there.

Only a literal first argument (or `ref=`) names the image: an expression (`IMAGE + ':dev'`, a variable) is a
warning naming the file and line, and the manifests that use that image are still listed. Files a Tiltfile
`load()`s under another name, and `docker_compose()` projects, are not followed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.oci.reference import Reference, reference_or_none

# Files Tilt does not deploy: CI runs them, with the images the project published
_PIPELINES = frozenset(
    kind.value
    for kind in (Kind.WORKFLOW, Kind.ACTION, Kind.GITLAB, Kind.CIRCLECI, Kind.AZURE, Kind.JENKINS, Kind.CLOUDBUILD)
)
_CALL_RE = re.compile(r"(?<![\w.])(docker_build|custom_build)\s*\(\s*(?:ref\s*=\s*)?")
_LITERAL_RE = re.compile(r"""(['"])([^'"\\\n]+)\1\s*(?=[,)])""")


@dataclass
class TiltBuilds:
    builds: list[LocalBuild] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _code_before(text: str, start: int) -> str:
    """The text of the line before `start`: a `#` there makes the call a comment, a `def ` a definition."""
    return text[text.rfind("\n", 0, start) + 1 : start]


def tilt_builds(text: str, origin: str) -> TiltBuilds:
    """The literal image names `text` (a Tiltfile) builds, in order; a warning for each name that is not literal."""
    out = TiltBuilds()
    for match in _CALL_RE.finditer(text):
        before = _code_before(text, match.start())
        if "#" in before or before.rstrip().endswith("def"):
            continue
        function = match.group(1)
        literal = _LITERAL_RE.match(text, match.end())
        if literal is None:
            line = text.count("\n", 0, match.start()) + 1
            out.warnings.append(
                f"{origin}:{line}: {function}'s image is not a literal string; the manifests that use it are still "
                "listed"
            )
            continue
        line = text.count("\n", 0, literal.start()) + 1
        out.builds.append(LocalBuild(literal.group(2).strip(), origin, line, f"Tiltfile {function}"))
    return out


def tilt_marked(found: Iterable[Found], builds: Iterable[LocalBuild]) -> list[Found]:
    """`found`, each use of an image a Tiltfile builds marked built here: by name when the Tiltfile's name has no
    tag or digest (not in a CI pipeline), else exactly; the first build of a name wins, and a use already marked keeps
    its mark."""
    by_name: dict[str, LocalBuild] = {}
    exact: dict[Reference, LocalBuild] = {}
    for build in builds:
        if (ref := reference_or_none(build.name, default_tag=None)) is None:
            continue
        if ref.tag or ref.digest:
            exact.setdefault(ref, build)
        else:
            by_name.setdefault(ref.name, build)
    out: list[Found] = []
    for item in found:
        ref = reference_or_none(item.text, default_tag=None) if item.problem is None and item.built is None else None
        local = None
        if ref is not None:
            named = by_name.get(ref.name) if item.kind not in _PIPELINES else None
            local = named or exact.get(ref.with_tag(ref.tag or "latest") if not ref.digest else ref)
        out.append(dataclasses.replace(item, built=local.where) if local else item)
    return out
