"""The images a Java, Kotlin or Groovy source pulls through docker-java, the Docker Engine API client (pure).

docker-java's `DockerClient.pullImageCmd(repository)` builds the Engine API's image create request
(https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageCreate, `fromImage`), and
`.withTag(tag)` gives its tag; the image is pulled when the command executes (`.exec(new PullImageResultCallback())`,
`.start()`). Integration tests pull the images they run so (docker-java's own `PullImageCmdIT`, `String testImage =
"alpine:3.17"` then `pullImageCmd(testImage)`; `pullImageCmd(DOCKER_IN_DOCKER_IMAGE_REPOSITORY).withTag(
DOCKER_IN_DOCKER_IMAGE_TAG)`, two constants of the class, for `docker:26.1.3-dind`). Read: each `pullImageCmd(...)`
whose argument is a literal, a name the same file binds to a literal, or a join of them with `+` (source_names.py),
and the `.withTag(...)` chained right after it, read the same way; a repository without a tag is listed as written
(the API pulls its tags; the mirror copies `:latest`). Each image at its literal's line, `use` `pullImageCmd
(docker-java)`. Not read: an argument known only when the program runs (a parameter, a call), `createContainerCmd`
(which pulls nothing: the Engine API answers 404 for a missing image), comments, and a pull in a test method that
expects it to fail (`exception.expect(NotFoundException.class)` before `pullImageCmd("xvxcv/foo")` in docker-java's
`testPullNonExistingImage`; `@Test(expected = ...)`, `assertThrows(...)`): an image meant not to exist.
"""

from __future__ import annotations

import bisect
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jvm_helpers import split_arguments
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames, string_values
from ecr_mirror.choose.discovery.testcontainers import language_of

MARK = b"pullImageCmd"
USE = "pullImageCmd (docker-java)"
_LANGUAGES = frozenset({"Java", "Kotlin", "Groovy"})
_PULL_RE = re.compile(r"\.\s*pullImageCmd\s*\(")
_TAG_RE = re.compile(r"\s*\.\s*withTag\s*\(")
_COMMENTS = ("//", "*", "/*")
_MAX_CALL = 1024
_TEST_RE = re.compile(r"@Test\b")
# a test of the failure: JUnit 4's `@Test(expected = X.class)` and ExpectedException rule (`exception.expect(X.class)`),
# JUnit 5's and AssertJ's assertions that the code throws, Kotest's `shouldThrow`
_FAILURE_RE = re.compile(
    r"@Test\s*\(\s*expected\s*=|\.expect\s*\(\s*[\w.]*(?:Exception|Error)\b|\b(?:assertThrows|expectThrows|"
    r"assertThatThrownBy|assertThatExceptionOfType|shouldThrow)\b"
)


def may_pull_with_docker_java(shown: str, data: bytes) -> bool:
    """Whether a source may pull with docker-java (checked before it is decoded)."""
    return language_of(shown) in _LANGUAGES and MARK in data


class _Tests:
    """The `@Test` methods of a source, to tell whether the test holding an offset expects a failure: the tests'
    offsets found once, and for each the first failure assertion from it to the next test, so that a file of many
    pulls is read in linear time, not searched from its start (or its test's) once a pull."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [match.start() for match in _TEST_RE.finditer(text)]
        self.failures: dict[int, int | None] = {}

    def expects_failure(self, at: int) -> bool:
        """Whether the test method holding offset `at` (from its `@Test` on) expects what it runs to fail."""
        index = bisect.bisect_left(self.starts, at) - 1
        if index < 0:
            return False
        start = self.starts[index]
        if start not in self.failures:
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            failure = _FAILURE_RE.search(self.text, start, end)  # within this test, up to the next
            self.failures[start] = failure.end() if failure is not None else None
        failure_end = self.failures[start]
        return failure_end is not None and failure_end <= at


def _argument(text: str, at: int, names: SourceNames) -> tuple[list[tuple[int, str]], int] | None:
    """The values of the one argument of a call whose `(` ends at `at`, and where the call ends."""
    arguments = split_arguments(text[at : at + _MAX_CALL])
    if arguments is None or len(arguments) != 1:
        return None
    return string_values(arguments[0], at, names), at + len(arguments[0]) + 1


def docker_java_pulls(text: str, origin: str) -> list[Found]:
    """The images a JVM source pulls with docker-java's `pullImageCmd`, in order (see the module)."""
    language = language_of(origin)
    if language not in _LANGUAGES or "pullImageCmd" not in text:
        return []
    lines, names, tests = LineIndex(text), SourceNames.of(text), _Tests(text)
    found: list[Found] = []
    seen: set[Found] = set()
    for call in _PULL_RE.finditer(text):
        if lines.led_by(call.start(), _COMMENTS) or tests.expects_failure(call.start()):
            continue  # a comment, or a test that the pull fails (an image meant not to exist)
        if (pulled := _argument(text, call.end(), names)) is None:
            continue
        repositories, end = pulled
        tags: list[tuple[int, str]] = [(0, "")]
        if (chained := _TAG_RE.match(text, end)) is not None:
            tagged = _argument(text, chained.end(), names)
            tags = tagged[0] if tagged is not None else []
        for offset, repository in repositories:
            for _, tag in tags:
                image = f"{repository}:{tag}" if tag and ":" not in repository.rpartition("/")[2] else repository
                item = Found(image, origin, lines.line(offset), None, USE, f"{language} source")
                if item not in seen and image.strip():
                    seen.add(item)
                    found.append(item)
    return found
