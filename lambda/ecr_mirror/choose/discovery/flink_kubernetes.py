"""The image a JVM program gives Flink's native Kubernetes deployment (pure).

Flink's native Kubernetes integration starts the JobManager and TaskManager pods of a job from the image its
`kubernetes.container.image` option names (https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/
config/#kubernetes-container-image): a program deploying jobs sets it, `flinkConfig.set(KubernetesConfigOptions.
CONTAINER_IMAGE, "flink/flink-cdc:latest")` (Flink CDC's `K8SApplicationDeploymentExecutor`), or by the key,
`conf.setString("kubernetes.container.image", IMAGE)`. Read in the Java, Kotlin and Scala sources of a program's own
code holding the option's name: the value, a literal or a name the file binds to literals (source_names.py), at the
literal's line, `use` `kubernetes.container.image (Flink)`. Not read: a source under a `test` or `tests` directory, or
named as a test (`*Test.java`, `*ITCase.java`), whose settings are compared, never deployed; another option
(`CONTAINER_IMAGE_PULL_POLICY`); a value of another kind (a call, a property).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARKS = (b"KubernetesConfigOptions.CONTAINER_IMAGE", b'"kubernetes.container.image"')
_SUFFIXES = (".java", ".kt", ".scala")
_TEST_DIRECTORIES = frozenset({"test", "tests", "it", "e2e"})
_TEST_NAME_RE = re.compile(r"(?:Test|Tests|ITCase|IT|Spec|Suite)\.(?:java|kt|scala)$")
_SET_RE = re.compile(
    r"\.\s*set(?:String)?\s*\(\s*(?:KubernetesConfigOptions\s*\.\s*CONTAINER_IMAGE|\"kubernetes\.container\.image\")"
    r"\s*,\s*(?:\"(?P<image>[^\"\\\n]+)\"|(?P<name>[A-Za-z_]\w*))\s*\)"
)
_COMMENTS = ("//", "*", "/*")


def may_set_flink_image(shown: str, data: bytes) -> bool:
    """Whether a source of a program's own code (not a test) may set Flink's Kubernetes container image."""
    path = PurePosixPath(shown)
    if path.suffix not in _SUFFIXES or _TEST_NAME_RE.search(path.name) or _TEST_DIRECTORIES & set(path.parts[:-1]):
        return False
    return any(mark in data for mark in MARKS)


def flink_kubernetes_images(text: str, origin: str) -> list[Found]:
    """The images a program's source sets as Flink's `kubernetes.container.image`, in the file's order."""
    lines = LineIndex(text)
    names: SourceNames | None = None
    given: set[tuple[int, str]] = set()
    for match in _SET_RE.finditer(text):
        if lines.led_by(match.start(), _COMMENTS):
            continue
        if match["image"] is not None:
            given.add((match.start("image"), match["image"]))
        else:
            names = names or SourceNames.of(text)
            given |= set(names.values(match["name"]))
    kind = {".java": "Java source", ".kt": "Kotlin source", ".scala": "Scala source"}[PurePosixPath(origin).suffix]
    return [
        Found(image, origin, lines.line(at), use="kubernetes.container.image (Flink)", kind=kind)
        for at, image in sorted(given)
        if reference_or_none(image) is not None
    ]
