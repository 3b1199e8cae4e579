"""Jib's base and target images in Gradle and Maven build files (pure).

Jib builds a Java image without a Dockerfile (https://github.com/GoogleContainerTools/jib): it pulls the base image
`from.image` and builds `to.image` (with `to.tags`), which a later `docker compose up` or manifest may use.

- `build.gradle` / `build.gradle.kts`: a `jib { from { image = '...' } to { image = '...'; tags = [...] } }` block
  (also `image '...'`, `image.set("...")`, and the dotted `jib.from.image = '...'`, `from.image = '...'` inside
  `jib { }`; the block also as the Kotlin DSL's typed accessor of the extension, `extensions.configure<JibExtension>
  { ... }`, https://docs.gradle.org/current/userguide/kotlin_dsl.html#project_extensions_and_conventions; a value
  may be a bare name the script binds once to a literal, `val baseImageName = "..."`, else it is a Gradle value);
  so are Gradle scripts of other names, `*.gradle` / `*.gradle.kts` but the settings script: a script
  plugin a build applies (`apply from: 'gradle/jib.gradle'`, https://docs.gradle.org/current/userguide/plugins.html)
  or a build file a run names (`-b build-tomcat.gradle`, jib's own test projects);
- `pom.xml`: the `jib-maven-plugin`'s `<configuration>`: `<from><image>...</image></from>`, `<to><image>` and
  `<tags><tag>`; `${name}` from the POM's `<properties>`.

A Groovy or Kotlin string with a variable (`"${baseImage}"`) is unresolved, naming it. Without `from.image` Jib picks
a default base image from the project's Java version (`eclipse-temurin:21-jre`): not in the file, not listed.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gradle_boot_build_image import boot_build_images
from ecr_mirror.choose.discovery.gradle_docker_bases import docker_build_bases
from ecr_mirror.choose.discovery.gradle_dockerfile_tasks import dockerfile_task_bases
from ecr_mirror.choose.discovery.gradle_exec import gradle_exec_images
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.local_builds import LocalBuild

KIND = "Jib build file"
# `jib {`, and the Kotlin DSL's typed accessor of the same extension, `extensions.configure<JibExtension> {`
# (https://docs.gradle.org/current/userguide/kotlin_dsl.html#project_extensions_and_conventions)
_BLOCK_RE = re.compile(
    r"(?<![\w.])(?:jib|(?:extensions\s*+\.\s*+)?configure\s*+<\s*+(?:[\w.]+\.)?JibExtension\s*+>)\s*\{"
)
_SECTION_RE = re.compile(r"(?<![\w.])(from|to)\s*\{")
# a string, or a name (not a member, a call or an index: `project.findProperty(...)`)
_STRING = r"""(?:'([^'\n]*)'|"([^"\n]*)"|(?<![\w.$])([A-Za-z_]\w*+)(?![\w.(\[]|\s*\{))"""
_IMAGE_RE = re.compile(rf"(?<![\w.])image\s*(?:=|\.set\s*\()?\s*\(?\s*{_STRING}")
_DOTTED_RE = re.compile(rf"(?<![\w])(?:jib\.)?(from|to)\.image\s*(?:=|\.set\s*\()\s*{_STRING}")
# `val baseImageName = "gcr.io/distroless/java25"` (Kotlin), `def baseImage = '...'` (Groovy)
_BINDING_RE = re.compile(
    r"^[ \t]*(?:(?:private|internal)[ \t]+)?(?:val|var|def|String)[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*"
    r"(?::[ \t]*String[ \t]*)?=[ \t]*(?:'(?P<single>[^'\n]*)'|\"(?P<double>[^\"\n]*)\")[ \t]*;?[ \t]*$",
    re.MULTILINE,
)
_TAGS_RE = re.compile(r"(?<![\w.])tags\s*=\s*(?:\[|setOf\s*\(|listOf\s*\()([^\]\)]*)")
_TAG_STRING_RE = re.compile(_STRING)
_GRADLE_VARIABLE_RE = re.compile(r"\$\{?([\w.]+)\}?")
_MAVEN_PLUGIN_RE = re.compile(
    r"<plugin>(?:(?!</plugin>).)*?<artifactId>\s*jib-maven-plugin\s*</artifactId>.*?</plugin>", re.S
)
_MAVEN_SECTION_RE = re.compile(r"<(from|to)>(.*?)</\1>", re.S)
_MAVEN_IMAGE_RE = re.compile(r"<image>\s*([^<]*?)\s*</image>")
_MAVEN_TAG_RE = re.compile(r"<tag>\s*([^<]*?)\s*</tag>")
_PROPERTIES_RE = re.compile(r"<properties>(.*?)</properties>", re.S)
_PROPERTY_RE = re.compile(r"<([\w.-]+)>\s*([^<]*?)\s*</\1>")
_MAVEN_VARIABLE_RE = re.compile(r"\$\{([\w.-]+)\}")


def _block_end(text: str, start: int) -> int:
    """The offset just past the `}` closing the block whose `{` is at `start - 1` (strings and comments skipped)."""
    depth, position = 1, start
    while position < len(text) and depth:
        char = text[position]
        if char in "'\"":
            end = text.find(char, position + 1)
            position = end if end >= 0 and "\n" not in text[position:end] else position
        elif text.startswith("//", position):
            newline = text.find("\n", position)
            position = newline if newline >= 0 else len(text)
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        position += 1
    return position


def _written(match: re.Match[str], first: int, bindings: dict[str, str]) -> str:
    """The string of `match`'s groups `first` (single-quoted), `first + 1` (double-quoted), or the literal the name
    of group `first + 2` is bound to in the script (once), else the name as a Gradle variable (`${name}`)."""
    name = match.group(first + 2)
    if name is None:
        return match.group(first) or match.group(first + 1) or ""
    return bindings.get(name, "${" + name + "}")


def _gradle(text: str) -> list[tuple[str, str, int]]:
    """(`from` or `to`, image or tag as written, offset) of each `jib { }` block."""
    out: list[tuple[str, str, int]] = []
    bound: dict[str, set[str]] = {}
    for binding in _BINDING_RE.finditer(text):
        bound.setdefault(binding["name"], set()).add(binding["single"] or binding["double"] or "")
    bindings = {name: values.pop() for name, values in bound.items() if len(values) == 1}
    for block in _BLOCK_RE.finditer(text):
        end = _block_end(text, block.end())
        body = text[block.end() : end]
        for section in _SECTION_RE.finditer(body):
            inner = body[section.end() : _block_end(body, section.end())]
            base = block.end() + section.end()
            for image in _IMAGE_RE.finditer(inner):
                out.append((section.group(1), _written(image, 1, bindings), base + image.start()))
            for tags in _TAGS_RE.finditer(inner) if section.group(1) == "to" else ():
                for tag in _TAG_STRING_RE.finditer(tags.group(1)):
                    out.append(("tag", _written(tag, 1, bindings), base + tags.start()))
        for dotted in _DOTTED_RE.finditer(body):
            if not dotted.group().startswith("jib."):
                out.append((dotted.group(1), _written(dotted, 2, bindings), block.end() + dotted.start()))
    for dotted in _DOTTED_RE.finditer(text):
        if dotted.group().startswith("jib."):  # `jib.from.image = '...'` outside a block
            out.append((dotted.group(1), _written(dotted, 2, bindings), dotted.start()))
    return out


def _maven(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    for plugin in _MAVEN_PLUGIN_RE.finditer(text):
        for section in _MAVEN_SECTION_RE.finditer(plugin.group()):
            base = plugin.start() + section.start(2)
            for image in _MAVEN_IMAGE_RE.finditer(section.group(2)):
                out.append((section.group(1), image.group(1), base + image.start()))
            for tag in _MAVEN_TAG_RE.finditer(section.group(2)) if section.group(1) == "to" else ():
                out.append(("tag", tag.group(1), base + tag.start()))
    return out


def _maven_value(value: str, properties: dict[str, str]) -> tuple[str, str | None]:
    for _ in range(8):
        names = _MAVEN_VARIABLE_RE.findall(value)
        if not names:
            return value, None
        missing = [name for name in names if name not in properties]
        if missing:
            return value, f"${{{missing[0]}}} is not a property of this POM (a parent POM or -D may set it)"
        value = _MAVEN_VARIABLE_RE.sub(lambda m: properties[m.group(1)], value)
    return value, "a property defined through itself"


def _entries(text: str, origin: str) -> list[tuple[str, str, int, str | None]]:
    """(section, value, line, problem) of the Jib configuration of one build file."""
    if "jib" not in text:
        return []
    if origin.lower().endswith(".xml"):
        block = _PROPERTIES_RE.search(text)
        properties = dict(_PROPERTY_RE.findall(block.group(1))) if block else {}
        entries: list[tuple[str, str, int, str | None]] = []
        lines = LineIndex(text)
        for section, written, offset in _maven(text):
            value, why = _maven_value(written, properties)
            entries.append((section, value if why is None else written, lines.line(offset), why))
        return entries
    out: list[tuple[str, str, int, str | None]] = []
    lines = LineIndex(text)
    for section, value, offset in _gradle(text):
        variable = _GRADLE_VARIABLE_RE.search(value)
        why = f"${variable.group(1)} is a Gradle value, known when the build runs" if variable else None
        out.append((section, value, lines.line(offset), why))
    return out


def jib_images(text: str, origin: str) -> list[Found]:
    """The base images (`from.image`) Jib pulls; in a Gradle build file, also the digest-pinned bases its Docker
    plugin builds take as build arguments (gradle_docker_bases.py), the bases of the Dockerfiles the plugin writes
    (gradle_dockerfile_tasks.py), the images its Exec tasks' docker command lines pull or run (gradle_exec.py) and
    Spring Boot's `bootBuildImage` builder, run image and buildpacks (gradle_boot_build_image.py)."""
    seen: set[tuple[str, int]] = set()
    gradle = not origin.endswith("pom.xml")
    found: list[Found] = []
    if gradle:  # the Gradle Docker plugin's builds and Dockerfile tasks, Exec tasks running docker
        found += docker_build_bases(text, origin) + dockerfile_task_bases(text, origin)
        found += gradle_exec_images(text, origin) + boot_build_images(text, origin)
    for section, value, line, why in _entries(text, origin):
        if section == "from" and value and (value, line) not in seen:
            seen.add((value, line))
            found.append(Found(value, origin, line, why, "jib from.image", KIND))
    return found


def jib_builds(text: str, origin: str) -> list[LocalBuild]:
    """The literal names Jib builds: `to.image`, and with each of `to.tags`."""
    entries = [(s, v, line) for s, v, line, why in _entries(text, origin) if why is None and v]
    images = [(v, line) for s, v, line in entries if s == "to"]
    builds = [LocalBuild(v.removeprefix("docker://"), origin, line, "jib to.image") for v, line in images]
    for image, _ in images[:1]:
        repository = image.rsplit(":", 1)[0] if ":" in image.rsplit("/", 1)[-1] else image
        builds += [LocalBuild(f"{repository}:{v}", origin, line, "jib to.tags") for s, v, line in entries if s == "tag"]
    return builds
