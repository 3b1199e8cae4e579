"""The names the Gradle Docker plugin's image builds give, built in the tree (pure).

The plugin `com.bmuschko.docker-remote-api` builds an image per `DockerBuildImage` task (https://bmuschko.github.io/
gradle-docker-plugin/current/api/com/bmuschko/gradle/docker/tasks/image/DockerBuildImage.html): its names are
`images` in the current API (`images = ['acme/core:1.2']`, `images.add("acme/core:dev")`, `images.set([...])`) and
`tag` or `tags` in the older one (photon-controller's `task servicebaseimage(type: DockerBuildImage) { tag =
"photon/servicebase" }`). A build of the tree `FROM photon/servicebase` after it uses what that task made. Read, in a
Gradle build file (Groovy or Kotlin DSL), each task block of type `DockerBuildImage` (`task NAME(type:
DockerBuildImage) {`, `tasks.register("NAME", DockerBuildImage) {`, `tasks.register<DockerBuildImage>("NAME") {`):
the literal names of those properties, an untagged one `:latest`; a name with `$` or `${...}` (a property known
when the build runs) is not read. A Dockerfile under the Gradle file's directory is in its builds' flow (another
task of the project builds it after: build_flows.py), so its `FROM photon/servicebase`, `:latest` as a published name
would be, is what the task made.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.build_flows import GRADLE_BUILD
from ecr_mirror.choose.discovery.go_test_tables import block_end
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.local_builds import LocalBuild

MARK = "DockerBuildImage"
_TASK_RE = re.compile(
    r"(?:\btask\s+\w+\s*\(\s*type\s*:\s*DockerBuildImage\s*\)|"
    r"\btasks\.(?:register|create)\s*(?:<\s*DockerBuildImage\s*>\s*\(\s*[\"'][^\"'\n]+[\"']\s*\)|"
    r"\(\s*[\"'][^\"'\n]+[\"']\s*,\s*DockerBuildImage(?:::class(?:\.java)?)?\s*\)))\s*\{"
)
# `tag = "x"`, `tags = ["x", 'y']`, `images = [...]`, `images.add("x")`, `images.set(listOf("x"))`, `tag.set("x")`
_PROPERTY_RE = re.compile(r"(?<![\w.])(?:tags?|images)\s*(?:=|\.(?:add|addAll|set)\s*\()\s*(?P<value>[^\n]*)")
_LITERAL_RE = re.compile(r"[\"'](?P<name>[^\"'$\s]+)[\"']")


def gradle_docker_builds(text: str, origin: str) -> list[LocalBuild]:
    """The literal names the file's `DockerBuildImage` tasks give, each at its line."""
    if MARK not in text:
        return []
    lines = LineIndex(text)
    builds: list[LocalBuild] = []
    for task in _TASK_RE.finditer(text):
        for prop in _PROPERTY_RE.finditer(text, task.end(), block_end(text, task.end())):
            if lines.led_by(prop.start(), "//"):
                continue
            for literal in _LITERAL_RE.finditer(prop["value"]):
                name = literal["name"]
                tagged = "@" in name or ":" in name.rsplit("/", 1)[-1]
                name = name if tagged else f"{name}:latest"
                builds.append(LocalBuild(name, origin, lines.line(prop.start()), GRADLE_BUILD))
    return builds
