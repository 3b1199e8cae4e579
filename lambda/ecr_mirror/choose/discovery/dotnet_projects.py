"""What a C# project tells about the Testcontainers images its files start (pure; cli/discover_dotnet.py reads the
tree).

- A project's global usings import Testcontainers into every file of the project, as the compiler applies them to
  the whole compilation (https://learn.microsoft.com/dotnet/csharp/language-reference/keywords/using-directive#the-global-modifier):
  a `global using DotNet.Testcontainers.Builders;` or `global using Testcontainers.PostgreSql;` in one of its
  files (a `GlobalUsings.cs`, a `Usings.cs`), or a `<Using Include="Testcontainers.Redis" />` item of its project
  file, which the SDK writes as a global using (https://learn.microsoft.com/dotnet/core/project-sdk/msbuild-props#using).
  The files of such a project are read as importing Testcontainers though they name it nowhere
  (`new PostgreSqlBuilder("postgres:16")` in a test with no `using` of its own).
- A builder class of the tree's own (a Testcontainers module, the library's or a project's) whose parameterless
  constructor passes a constant on as the image (`public MockServerBuilder() : this(MockServerImage)`, or `:
  this(new DockerImage(MockServerImage))`, with `public const string MockServerImage = "..."`) starts that image
  when a source creates the builder without one (`new MockServerBuilder().Build()`, not followed by
  `.WithImage(...)`), read at the constant's line. A module of a package, not in the tree, is not known: its version
  decides its default.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.csharp_containers import ARGUMENT
from ecr_mirror.choose.discovery.java_image_tags import given_values
from ecr_mirror.choose.discovery.source_names import SourceNames

_GLOBAL_USING_RE = re.compile(
    r"^[ \t]*global\s+using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:DotNet\.)?Testcontainers\b", re.MULTILINE
)
_USING_ITEM_RE = re.compile(r"""<Using\s+Include\s*=\s*["'](?:DotNet\.)?Testcontainers\b""")
_CLASS_RE = re.compile(r"\bclass\s+(?P<cls>[A-Z]\w*Builder)\b")
_CREATED_RE = re.compile(r"\bnew\s+(?P<cls>[A-Z]\w*Builder)\s*\(\s*\)")


def imports_globally(text: str) -> bool:
    """Whether a C# file declares a global using of a Testcontainers namespace."""
    return _GLOBAL_USING_RE.search(text) is not None


def project_imports(text: str) -> bool:
    """Whether a project file (`*.csproj`) has a `<Using Include="...Testcontainers...">` item."""
    return _USING_ITEM_RE.search(text) is not None


def builder_defaults(text: str) -> dict[str, list[tuple[int, str]]]:
    """The default images of the builder classes a C# file declares: class name -> (offset, image as written) of
    what its parameterless constructor passes on as the image."""
    defaults: dict[str, list[tuple[int, str]]] = {}
    names = SourceNames.of(text)
    for declared in _CLASS_RE.finditer(text):
        cls = re.escape(declared["cls"])
        constructor = re.compile(
            r"\bpublic\s+" + cls + r"\s*\(\s*\)\s*:\s*this\(\s*(?:new\s+DockerImage\(\s*)?" + ARGUMENT + r"\s*\)"
        )
        for match in constructor.finditer(text, declared.end()):
            defaults.setdefault(declared["cls"], []).extend(given_values(match, names))
    return defaults


def created_without_image(text: str) -> set[str]:
    """The builder classes a C# file creates without an image and does not give one (`new XBuilder().Build()`, not
    `new XBuilder().WithImage("...")`)."""
    created: set[str] = set()
    for match in _CREATED_RE.finditer(text):
        end = text.find(";", match.end())
        if not re.search(r"\.\s*WithImage\(", text[match.end() : end if end >= 0 else len(text)]):
            created.add(match["cls"])
    return created
