"""The files of a Maven module's flow, for an image its docker-maven-plugin builds (pure).

The fabric8 docker-maven-plugin's `docker:build` builds an `<image>` with a `<build>` into the local Docker daemon
under its `<name>` (https://dmp.fabric8.io/#docker:build); it is pushed only by `docker:push`. Integration-test
modules build their service's image this way in a profile (apache/shenyu's `shenyu-integrated-test-*` modules,
`mvn -Pit install -f shenyu-integrated-test/pom.xml`), then run the compose file beside the POM, or load the image
into kind and apply the manifests under the module (`kind load docker-image`, `kubectl apply -f .../deploy/...`).
So a published-shaped name (build_flows.published_use) that the plugin builds is the local build:

- for every file under the building module's directory (the directory of its `pom.xml`);
- for the files in the directory of the POM aggregating the module (its `<modules>`, also a profile's, or Maven 4's
  `<subprojects>`: maven_reactor.listed_modules; resolved from
  that POM's directory, https://maven.apache.org/guides/mini/guide-multiple-modules.html): a reactor run from the
  aggregator builds its modules first, and a compose file beside it runs what they built (shenyu's
  `shenyu-integrated-test-upload-plugin/docker-compose.yml`). Not the aggregator's subdirectories in general: a
  sibling module packaging a compose file for users (`src/main/resources/docker-compose.yaml`) pulls the published
  image;
- for a Dockerfile in another module of that aggregator whose POM declares the plugin, which builds it in the same
  reactor run (`COPY --from=apache/shenyu-integrated-test-custom:latest`, the image a sibling module built).

Only for a module the POM of the directory above lists as a module: the top POM's module is the whole tree, whose
examples, charts and manifests for users pull the published image, as build_flows has it. A use anywhere else in the
tree of the same published name keeps that rule too: the published image.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable

from ecr_mirror.choose.discovery.maven_reactor import listed_modules

MAVEN_BUILD = "docker-maven-plugin <name>"  # how a docker-maven-plugin build is named (LocalBuild.how)
POM = "pom.xml"


@functools.lru_cache(maxsize=256)
def _modules(text: str, directory: str) -> frozenset[str]:
    """The normalized directories of the modules a POM's `<modules>` or `<subprojects>` (its own and its
    profiles') lists (maven_reactor.listed_modules)."""
    return listed_modules(text, directory)


def _sibling_builds(used: str, modules: frozenset[str], text_of: Callable[[str], str | None]) -> bool:
    """Whether `used` lies in one of `modules` whose POM declares the docker-maven-plugin (which builds the
    Dockerfile of its module in the same reactor run)."""
    for sibling in modules:
        text = text_of(posixpath.join(sibling, POM))
        if used.startswith(sibling + "/") and text is not None and "docker-maven-plugin" in text:
            return True
    return False


def in_module_flow(build_pom: str, used: str, text_of: Callable[[str], str | None], *, dockerfile: bool) -> bool:
    """Whether the file `used` is in the flow of a docker-maven-plugin build in the POM `build_pom` (both normalized
    paths): under the module's directory, directly in the directory of the POM aggregating it, or, for a Dockerfile
    (`dockerfile`), in another module of that aggregator that builds with the plugin (`text_of`: a tree file's text
    by its normalized path, None when the tree has none). Only for a module the POM of the directory above lists:
    the top POM's module is the whole tree, whose examples and charts pull the published image."""
    if posixpath.basename(build_pom) != POM:
        return False
    module = posixpath.dirname(build_pom)
    above = posixpath.dirname(module)
    aggregator = text_of(posixpath.join(above, POM)) if module else None
    modules = _modules(aggregator, above) if aggregator is not None else frozenset()
    if module not in modules:
        return False
    if used.startswith(module + "/") or posixpath.dirname(used) == above:
        return True
    return dockerfile and _sibling_builds(used, modules, text_of)
