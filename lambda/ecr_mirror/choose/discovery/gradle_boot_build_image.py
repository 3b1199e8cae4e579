"""The images Spring Boot's Gradle plugin pulls to build an image with Cloud Native Buildpacks (pure).

The plugin's `bootBuildImage` task (`org.springframework.boot`, https://docs.spring.io/spring-boot/gradle-plugin/
packaging-oci-image.html#build-image.customization) runs a buildpacks `builder` image over the application and writes
an image on its `runImage`, with the `buildpacks` it is given, pulling all three. Read, in the task's block
(`bootBuildImage {`, `tasks.bootBuildImage {`, `tasks.named("bootBuildImage") {`, `tasks.named<BootBuildImage>(...)
{`, `tasks.withType<BootBuildImage> {`): `builder` and `runImage` given a quoted literal (`builder = '...'`,
`builder.set("...")`, Groovy's `builder '...'`), and each quoted element of `buildpacks` (`= [...]`, `= listOf(...)`,
`.set(listOf(...))`) that is an OCI image, by the Maven plugin's rules (spring_boot_images.py: `docker://` dropped,
a builder's own `urn:cnb:builder:` buildpack, a `file://` archive or a path not listed). A literal with a Groovy or
Kotlin template (`"...:${runVersion}"`) and a bare name are unresolved, naming them. The builder the plugin picks when
none is written (chosen by its version) and the `imageName` it builds are not listed; a line led by `//` is skipped.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gradle_dockerfile_tasks import block_ends
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.spring_boot_images import buildpack_image

KIND = "Gradle build (Spring Boot bootBuildImage)"
MARK = "ootBuildImage"  # bootBuildImage, BootBuildImage: a script naming neither is not read
# the task, named or typed, up to the `{` opening its block (on the same line)
_TASK_RE = re.compile(r"\b(?:bootBuildImage|BootBuildImage)\b[^{}\n;]{0,200}\{")
_VALUE = r"""(?:"(?P<double>[^"\n]*)"|'(?P<single>[^'\n]*)'|(?P<name>[A-Za-z_]\w*+)(?![\w.(\[]))"""
_PULLED_RE = re.compile(rf"(?<![\w.])(?P<key>builder|runImage)\s*(?:=\s*|\.set\s*\(\s*|[ \t]+(?=[\"']))\(?{_VALUE}")
_BUILDPACKS_RE = re.compile(
    r"(?<![\w.])buildpacks\s*(?:=\s*|\.set\s*\(\s*)(?:\[|(?:listOf|mutableListOf|setOf|arrayListOf)\s*\()"
    r"(?P<list>[^\]\)]{0,4000})"
)
_STRING_RE = re.compile(r"""(?P<quote>["'])(?P<text>[^"'\n]*)(?P=quote)""")
_TEMPLATE_RE = re.compile(r"\$\{?[\w.]+\}?")


def _found(written: str, template: bool, origin: str, line: int, use: str) -> Found:
    templates = _TEMPLATE_RE.findall(written) if template else []
    why = f"{templates[0]}: a Gradle value known only when the build runs" if templates else None
    return Found(written, origin, line, why, f"bootBuildImage {use}", KIND)


def _block(text: str, start: int, end: int, origin: str, lines: LineIndex) -> list[Found]:
    found: list[tuple[int, Found]] = []
    for match in _PULLED_RE.finditer(text, start, end):
        if lines.led_by(match.start(), "//"):
            continue
        line = lines.line(match.start())
        if match["name"] is not None:
            why = f"${match['name']} is a Gradle value, known when the build runs"
            use = f"bootBuildImage {match['key']}"
            found.append((match.start(), Found("${" + match["name"] + "}", origin, line, why, use, KIND)))
        else:
            written = match["double"] if match["double"] is not None else match["single"]
            found.append((match.start(), _found(written, match["double"] is not None, origin, line, match["key"])))
    for listed in _BUILDPACKS_RE.finditer(text, start, end):
        if lines.led_by(listed.start(), "//"):
            continue
        for element in _STRING_RE.finditer(listed["list"]):
            if (image := buildpack_image(element["text"])) is not None and image:
                at = listed.start("list") + element.start()
                found.append((at, _found(image, element["quote"] == '"', origin, lines.line(at), "buildpack")))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def boot_build_images(text: str, origin: str) -> list[Found]:
    """The builder, run image and image buildpacks of a Gradle script's `bootBuildImage` task blocks, in order."""
    if MARK not in text:
        return []
    lines = LineIndex(text)
    starts = [task.end() for task in _TASK_RE.finditer(text) if not lines.led_by(task.start(), "//")]
    ends = block_ends(text) if starts else {}
    found: list[Found] = []
    for index, start in enumerate(starts):
        # a block is read to its `}` (the text's end when none), and not into the next task block
        following = starts[index + 1] if index + 1 < len(starts) else len(text)
        found += _block(text, start, min(ends.get(start, len(text)), following), origin, lines)
    return found
