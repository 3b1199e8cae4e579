"""The images a C# source starts with Testcontainers for .NET (pure; testcontainers.py decides the file imports it).

https://dotnet.testcontainers.org/api/create_docker_container/: a builder is given the image (`new
ContainerBuilder("redis:7")`, a module's `new PostgreSqlBuilder("postgres:16")`, `.WithImage("...")`), and the
container's `StartAsync()` pulls it. Read:

- a builder's constructor given one argument, the image (`new K3sBuilder("rancher/k3s:v1.34.3-k3s1")`, `image:`
  named; every builder of Testcontainers for .NET takes the image alone), a regular or verbatim literal (`@"..."`)
  or a name the file binds to one; an interpolated `$"..."` is read only of a class's primary constructor
  parameters that the file's derived classes give literals (csharp_primary_constructors.py), nor a builder given
  more arguments, nor
  .NET's own `StringBuilder`, `UriBuilder` (`new UriBuilder("tcp", host, port)`: a URI's scheme);
- `.WithImage(...)`, the same way;
- an image field or property (`public static readonly IImage Alpine = new DockerImage("alpine:3.20.0");`, a class
  of images the tests share, handed to builders as `CommonImages.Alpine`): `new DockerImage(...)` given one literal,
  declared with a modifier (a local, or an item of an array of expected names, is not such a field);
- not a container the file only builds to compare its image name (`IContainer container = new
  ContainerBuilder("bar:1.0.0").Build();` then `Assert.Equal("my.proxy.com/mirror/bar:1.0.0",
  container.Image.FullName)`, the file never calling `container.StartAsync(`): a unit test of image naming, which
  pulls nothing, as building a container does not pull its image.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.csharp_primary_constructors import primary_constructor_images
from ecr_mirror.choose.discovery.java_image_tags import given_values
from ecr_mirror.choose.discovery.source_names import SourceNames

_STRING = r"@?\"(?P<image>[^\"\\\n{}]+)\""  # a regular or verbatim literal, not an interpolated `$"..."`
ARGUMENT = r"(?:" + _STRING + r"|(?P<name>[A-Za-z_]\w*))"
_BUILDER_RE = re.compile(
    r"\bnew\s+(?!\w*StringBuilder\b|UriBuilder\b)[A-Z]\w*Builder\s*\(\s*(?:image\s*:\s*)?" + ARGUMENT + r"\s*\)"
)
_WITH_IMAGE_RE = re.compile(r"\.WithImage\(\s*" + ARGUMENT + r"\s*\)")
_FIELD_RE = re.compile(
    r"^[ \t]*(?:(?:public|private|protected|internal|static|readonly)\s+)+(?:IImage|DockerImage)\s+\w+\s*"
    r"(?:\{\s*get;\s*\}\s*)?=\s*new\s+DockerImage\(\s*" + _STRING + r"\s*\)",
    re.MULTILINE,
)
# the local a builder's chain is bound to: `IContainer container = `, `await using var container = `
_LOCAL_RE = re.compile(r"\b(?P<local>[a-z_]\w*)\s*=\s*$")


def _compared_only(text: str, local: str) -> bool:
    """Whether the file compares `local`'s image name in an assertion and never starts it."""
    name = re.escape(local)
    if re.search(r"\b" + name + r"\s*\.\s*StartAsync\(", text):
        return False
    return re.search(r"\bAssert\s*\.\s*\w+\([^;]*\b" + name + r"\s*\.\s*Image\s*\.", text) is not None


def csharp_images(text: str, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image as written) of the images a C# Testcontainers source gives builders and image fields."""
    out: list[tuple[int, str]] = []
    for match in _BUILDER_RE.finditer(text):
        before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if (bound := _LOCAL_RE.search(before)) is not None and _compared_only(text, bound["local"]):
            continue
        out += given_values(match, names)
    out += [given for m in _WITH_IMAGE_RE.finditer(text) for given in given_values(m, names)]
    out += [(m.start("image"), m["image"]) for m in _FIELD_RE.finditer(text)]
    return out + primary_constructor_images(text)
