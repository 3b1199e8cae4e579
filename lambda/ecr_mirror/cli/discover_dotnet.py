"""The images C# projects start with Testcontainers through what the project, not the file, says
(choose/discovery/dotnet_projects.py): each C# source of a project whose global usings import Testcontainers (a
file's `global using DotNet.Testcontainers.Builders;`, the project file's `<Using Include="Testcontainers.Redis"
/>`) is read as a Testcontainers source, the project being the directory of the nearest `*.csproj` above the file
(in the tree); and the default image of a builder class of the tree is listed when a source creates it without an
image."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.dotnet_projects import (
    builder_defaults,
    created_without_image,
    imports_globally,
    project_imports,
)
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.testcontainers import started_images, uses_testcontainers

Read = Callable[[Path], bytes | None]


class _Projects:
    """The nearest project directory above each C# source, and whether the project file imports Testcontainers."""

    def __init__(self, read: Read) -> None:
        self._read = read
        self._projects: dict[Path, Path | None] = {}
        self.importing: set[Path] = set()

    def of(self, shown: str, path: Path) -> Path | None:
        directory = path.parent
        walked: list[Path] = []
        project: Path | None = None
        for depth in range(len(PurePath(shown).parts) - 1, -1, -1):
            if directory in self._projects:
                project = self._projects[directory]
                break
            walked.append(directory)
            files = sorted(directory.glob("*.csproj"))
            if files:
                project = directory
                if any(
                    (data := self._read(file)) is not None and project_imports(data.decode(errors="replace"))
                    for file in files
                ):
                    self.importing.add(directory)
                break
            if depth == 0:
                break
            directory = directory.parent
        for each in walked:
            self._projects[each] = project
        return project


def dotnet_pulls(sources: Iterable[tuple[str, Path]], decoded: dict[str, tuple[Path, str]], read: Read) -> list[Found]:
    """The images of the C# sources (`sources`: (name shown, path)) of projects importing Testcontainers globally
    that do not import it themselves, and the defaults of the tree's builder classes created without an image;
    `decoded`: the sources naming Testcontainers, with their texts; `read`: a file's bytes, None when unreadable."""
    csharp = [(shown, path) for shown, path in sources if shown.endswith(".cs")]
    if not csharp:
        return []
    projects = _Projects(read)
    located = {shown: projects.of(shown, path) for shown, path in csharp}
    importing = set(projects.importing)
    for shown, (_, text) in decoded.items():
        if (project := located.get(shown)) is not None and imports_globally(text):
            importing.add(project)
    found: list[Found] = []
    texts: dict[str, str] = {shown: text for shown, (_, text) in decoded.items() if shown in located}
    for shown, path in csharp:
        if located[shown] not in importing:
            continue
        if shown not in texts:
            data = read(path)
            if data is None:
                continue
            try:
                texts[shown] = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                continue
        if not uses_testcontainers(texts[shown]):
            found += started_images(texts[shown], shown, imported=True)
    using = {shown: text for shown, text in texts.items() if located[shown] in importing or uses_testcontainers(text)}
    return found + _defaults(using)


def _defaults(texts: dict[str, str]) -> list[Found]:
    """The default image of each builder class of `texts` that one of them creates without an image."""
    created = {cls for text in texts.values() for cls in created_without_image(text)}
    found: list[Found] = []
    for shown, text in texts.items() if created else ():
        lines = LineIndex(text)
        for cls, values in builder_defaults(text).items():
            if cls in created:
                found += [
                    Found(image, shown, lines.line(start), use="testcontainers", kind="C# source")
                    for start, image in values
                ]
    return found
