"""The images C# tests start with FluentDocker (pure).

Ductus.FluentDocker (https://github.com/mariotoffia/FluentDocker) starts a container from a fluent builder,
`new Builder().UseContainer().UseImage("rroemhild/test-openldap").Build().Start()`, pulling the image when the
Docker host lacks it (KurrentDB's LDAP and OAuth test fixtures). Read only in a C# file that imports it (`using
Ductus.FluentDocker...`): each `.UseImage(X)` (the forced pull, `UseImage(X, force: true)`, too) whose X is a literal
(`@"..."` too) or a name the file binds to literals (source_names.py), at the literal's line; an interpolated
`$"..."`, a name bound to an environment variable or a call adds nothing, as the value is known only when the tests
run. `use` is `fluentdocker`, `kind` `C# source`. An image the file builds itself, `new
Builder().DefineImage(X).From(...).Run(...).Build()` (FluentDocker writes a Dockerfile and builds it under the name X:
https://github.com/mariotoffia/FluentDocker#build-a-docker-image), is built, not pulled: a `.UseImage(X)` of the
same value adds nothing (KurrentDB's OAuth fixture `kurrentdb-for-oauth-plugins-unit-tests`).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b"Ductus.FluentDocker"  # a file without these bytes is not decoded for this reader
_IMPORT_RE = re.compile(r"^\s*(?:global\s+)?using\s+(?:\w+\s*=\s*)?Ductus\.FluentDocker\b", re.MULTILINE)
_USE_IMAGE_RE = re.compile(
    r"\.\s*(?P<call>UseImage|DefineImage)\(\s*(?:@?\"(?P<image>[^\"\\\n{}]+)\"|(?P<name>[A-Za-z_]\w*))\s*[,)]"
)
_COMMENTS = ("//", "*", "/*")


def fluent_docker_images(text: str, origin: str) -> list[Found]:
    """The images a C# source that imports FluentDocker starts with `.UseImage(...)`, in the file's order."""
    if not origin.endswith(".cs") or _IMPORT_RE.search(text) is None:
        return []
    names = SourceNames.of(text)
    lines = LineIndex(text)
    given: dict[tuple[int, str], None] = {}
    defined: set[str] = set()
    for match in _USE_IMAGE_RE.finditer(text):
        if lines.led_by(match.start(), _COMMENTS):
            continue
        literal = [(match.start("image"), match["image"])] if match["image"] is not None else None
        for start, image in literal or names.values(match["name"]):
            if match["call"] == "DefineImage":
                defined.add(image.strip())
            else:
                given.setdefault((lines.line(start), image.strip()), None)
    return [
        Found(image, origin, line, None, use="fluentdocker", kind="C# source")
        for line, image in sorted(given)
        if reference_or_none(image) is not None and image not in defined
    ]
