"""The one-component names a make run builds through a variable, in the Makefile or a makefile it includes (pure).

A project's makefiles often keep the image each component builds in a variable and share one recipe among them:
kfp-operator's components each set `IMG := kfp-operator-tfx-compiler` and `include ../../docker-targets.mk`, whose
`docker-build` recipe runs `docker build -t ${IMG} -t ${IMG}:${VERSION} ...`; make reads an included makefile's text
as the includer's own (https://www.gnu.org/software/make/manual/html_node/Include.html), so each includer's run
builds its own `IMG`. A name of one path component (`kfp-operator-controller`, no registry, no namespace) is a local
image: on Docker Hub such names are its official images (`library/`), where a project cannot publish, so the name its
build gives is the image the build leaves in the local engine, which its own uses (`docker run
kfp-operator-tfx-compiler`, the `kfp-operator-controller:latest` of its kustomize manager) run, not pull.

Read (local_name_builds): for a Makefile and each makefile it includes, the recipe's `-t` (and `docker tag`) names
written with variables in the repository (local_builds.chained_builds), resolved with the makefile's values and the
Makefile's own top-level one-word assignments (make_conditionals.shared_lines; the included file's own assignments
of those names left out, as the values other includers lend it are appended to it when the tree is read), kept when
the value is known, literal and of one path component. A name with a registry or a namespace (`IMG ?=
quay.io/acme/operator:latest`) is where the project publishes, which a user's deployment pulls: it stays a chained
build for the Dockerfiles built with its arguments alone (local_builds.chained_builds). Nor is a name a Dockerfile of
the tree starts `FROM` (without_rebuilt_bases): `BUILD_IMAGE := golang:1.22` and `docker build -t $(BUILD_IMAGE)
./build-image` over `FROM golang:1.22` rebuilds an official image, which the build, and the tree's other Dockerfiles
built on it, pull first.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import DOCKERFILE_KIND, Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild, chained_builds
from ecr_mirror.choose.discovery.make_conditionals import assigned_names, shared_lines
from ecr_mirror.choose.discovery.make_recipe_variables import recipe_variables
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.oci.reference import reference_or_none

LOCAL_NAME = " (a make variable's one-component name)"  # the `how` of these builds
_ASSIGN_RE = re.compile(r"^(?:(?:export|override)[ \t]+)?(?P<name>[A-Za-z_]\w*)[ \t]*(?:\?|:{1,3}|\+|!)?=")


def _lent(body: str, text: str, own: set[str]) -> str:
    """The included makefile `body` as the run of the Makefile `text` reads it: its top-level assignments of the
    names the Makefile assigns (`own`) left out, blank lines keeping the others' numbers, and the Makefile's one-word
    assignments appended (the values other includers lent it, appended to its text when the tree was read, go too)."""
    lines = [
        "" if (assigned := _ASSIGN_RE.match(line)) is not None and assigned["name"] in own else line
        for line in body.split("\n")
    ]
    return "\n".join(lines) + "\n" + "\n".join(shared_lines(text, ())) + "\n"


def local_name_builds(text: str, origin: str, included: Mapping[str, str]) -> list[LocalBuild]:
    """The one-component names the run of the Makefile `text` (shown as `origin`) builds through a variable, in its
    own recipes and in those of the makefiles it includes (`included`: shown path -> text), at the building line."""
    builds: list[LocalBuild] = []
    own = assigned_names(text)
    for shown, body in [(origin, text), *((name, body) for name, body in included.items() if name != origin)]:
        combined = body if shown == origin else _lent(body, text, own)
        expanded = recipe_variables(combined, builds=True).text
        values = ShellValues.of(expanded)
        for build in chained_builds(expanded, shown, values.resolve):
            if "/" not in build.name and build.line <= body.count("\n") + 1:
                builds.append(dataclasses.replace(build, chain_only=False, how=build.how + LOCAL_NAME))
    return builds


def without_rebuilt_bases(builds: list[LocalBuild], found: list[Found]) -> list[LocalBuild]:
    """`builds` but the one-component names (`local_name_builds`) that a Dockerfile of `found` starts `FROM`."""
    bases = {
        str(reference)
        for item in found
        if item.kind == DOCKERFILE_KIND and item.use == "FROM" and (reference := reference_or_none(item.text))
    }
    return [
        build
        for build in builds
        if not build.how.endswith(LOCAL_NAME) or str(reference_or_none(build.name) or build.name) not in bases
    ]
