"""Images a JVM test suite or operator makes its cluster pull through the Kubernetes objects it builds (pure).

A Java or Kotlin suite that tests against a cluster (an operator's integration tests on minikube or kind), and an
operator's own code, write the objects they create with the fabric8 client's builders and models or the official
client's: `new DeploymentBuilder()...addNewContainer().withImage("nginx:1.14.2")`, `container.setImage(
"nginx:1.21.4")` (https://github.com/fabric8io/kubernetes-client), `new V1Container().name("wait").image(
"busybox:1.36")` (https://github.com/kubernetes-client/java). Read in a `.java` or `.kt` source that imports one of the
two clients (`io.fabric8.kubernetes`, `io.kubernetes.client`): the argument of each `.withImage(...)`, `.setImage(...)`
and `.image(...)` call, a literal or a name the file binds to literals (a `static final String`), when it is an image
reference with a tag or a digest (an untagged `"my-image"` or `"dummy"` is a fixture's name, a repository alone is
joined with a version elsewhere); at the literal's line, `use` `image (Kubernetes object)`. Not read: a unit test's
sources (Maven Surefire's and Gradle's default test names, `*Test`, `*Tests`, `*TestCase`, `Test*`: their objects are
compared or handed to a mock) and a source that talks to a mock API server (`KubernetesMockServer`,
`@EnableKubernetesMockClient`, `@WithKubernetesTestServer`, Mockito): they create nothing a cluster pulls; a call in a
comment.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import call_images
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

USE = "image (Kubernetes object)"
_CLIENTS = (b"io.fabric8.kubernetes", b"io.kubernetes.client")
_CALLS = (b"withImage(", b"setImage(", b".image(")
_IMPORT_RE = re.compile(
    r"^\s*import\s+(?:static\s+)?(?:io\.fabric8\.kubernetes|io\.kubernetes\.client)\.", re.MULTILINE
)
# `.withImage(`, `.setImage(`, `.image(` on a receiver (a builder, a model), or `setImage(` alone (inside the model)
_CALL_RE = re.compile(
    r"(?:\.\s*(?:withImage|setImage|image)|(?<![\w.])setImage)"
    r"\(\s*(?:\"(?P<image>[^\"\\\n]+)\"|(?P<name>[A-Za-z_]\w*))\s*\)"
)
_UNIT_TEST_RE = re.compile(r"^(?:Test\w*|\w*(?:Test|Tests|TestCase))$")
_MOCK_RE = re.compile(r"KubernetesMockServer|EnableKubernetesMockClient|WithKubernetesTestServer|\bMockito\b")
_TAGGED_RE = re.compile(r"@|:[^/]*$")


def may_build_java_models(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold such an object (checked before it is decoded)."""
    if not origin.endswith((".java", ".kt")) or _UNIT_TEST_RE.match(PurePath(origin).stem):
        return False
    return any(client in data for client in _CLIENTS) and any(call in data for call in _CALLS)


def java_model_images(text: str, origin: str) -> list[Found]:
    """The tagged images the Kubernetes objects of a Java or Kotlin source name, in the order of their calls."""
    language = language_of(origin)
    if language not in ("Java", "Kotlin") or _UNIT_TEST_RE.match(PurePath(origin).stem):
        return []
    if _IMPORT_RE.search(text) is None or _MOCK_RE.search(text) is not None:
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    for offset, image in call_images(text, _CALL_RE.finditer(text), ("//", "*")):
        if _TAGGED_RE.search(image) and reference_or_none(image) is not None:
            item = Found(image, origin, lines.line(offset), None, USE, f"{language} source")
            found += [item] if item not in found else []
    return found
