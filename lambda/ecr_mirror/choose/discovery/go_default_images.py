"""The images a Go program's own code keeps as its defaults in package-level names (pure).

A program that runs or builds on images often keeps the ones it falls back to, when its user's configuration names
none, as package-level variables or constants named for them: knative func's `var DefaultLifecycleImage =
"docker.io/buildpacksio/lifecycle:553c041"` and `var DefaultBaseBuilder = "ghcr.io/knative/builder-jammy-base:v2"`
(the buildpacks lifecycle and builder its `func build` pulls), `var defaultPythonBase = "python:3.13-slim"` (the base
its host builder builds on); a Go declaration binds the name to the literal for the whole package
(https://go.dev/ref/spec#Constant_declarations, #Variable_declarations).

Read, in a Go file that is a program's own code (go_program_images.is_program_code: no test code, fake or mock, nor
an end-to-end suite): a `var` or `const` declaration (alone or in a block, `string` typed or not) of a name that
starts with `default` (any case), or with a lower-case word and `Default` (`gpuDefaultImage`), and ends in
`Image`, `ImageName`, `Builder` or `Base`, not naming a registry,
repository, prefix, tag, version, path or URL, bound to one literal that is an image reference with a tag or a digest
(a repository alone, `quay.io/prometheus/prometheus`, is most often joined with a version elsewhere, as for the
flags of go_flag_images.py; but a builder, a name ending in `Builder`, is run as named, `:latest` when untagged:
knative func's s2i `DefaultNodeBuilder = "registry.access.redhat.com/ubi8/nodejs-20-minimal"`, handed to s2i as
its builder image, https://github.com/openshift/source-to-image/blob/master/docs/cli.md#s2i-build) and naming a
registry or a namespace (`DefaultImage = "override-me:latest"` is a placeholder; a name ending in `Base`, a build's
base, may be a library image: `python:3.13-slim`); at its line, `use` `default image (Go program)`. A value ending
in `:` (`"quay.io/acme/operator:"`, joined with a version) is no image. A name the file does not use beside its
declaration is not read (another file's flag reads it, go_flag_images.py, or nothing does), nor an image another
reader of the file gives (go_program_images.without_repeats).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_e2e_images import is_e2e
from ecr_mirror.choose.discovery.go_program_images import DEFAULT_USE, is_program_code
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

USE = DEFAULT_USE
# `var NAME = "..."`, `const NAME string = "..."`, or `NAME = "..."` indented in a `var (`/`const (` block
_DECLARATION_RE = re.compile(
    r"^(?:(?:var|const)[ \t]+|[ \t]+)(?P<name>(?:[a-z][a-z0-9]*(?=Default))?[Dd][Ee][Ff][Aa][Uu][Ll][Tt]\w*)"
    r"(?:[ \t]+string)?[ \t]*=[ \t]*"
    r"\"(?P<value>[^\"\\\n]+)\"[ \t]*(?://.*)?$",
    re.MULTILINE,
)
_NAMED_RE = re.compile(r"(?:Image|ImageName|Builder|Base)$")
# a camel-case word of the name saying it holds a part of an image or another setting: `DefaultImageRegistry`
_NOT_IMAGE_RE = re.compile(
    r"(?:Registry|Repo|Repository|Prefix|Tag|Version|Path|Dir|URL|Url|Policy|Secret|Pull)(?![a-z])"
)
_COMMENT_RE = re.compile(r"^[ \t]*//[^\n]*", re.MULTILINE)
_TAGGED_RE = re.compile(r"@sha256:[0-9a-f]{64}$|:[\w][\w.-]*$")


def may_hold_default_images(shown: str, data: bytes) -> bool:
    """Whether a file may hold a Go program's default images: a Go source naming a default."""
    return shown.endswith(".go") and (b"default" in data or b"Default" in data)


def default_images(text: str, origin: str) -> list[Found]:
    """The default images a Go program's package-level names hold, in the file's order."""
    if not origin.endswith(".go") or not is_program_code(origin) or is_e2e(text):
        return []
    lines = LineIndex(text)
    code = _COMMENT_RE.sub("", text)  # a name in a comment (`// DefaultImage is ...`) is no use of it
    found: list[Found] = []
    for declaration in _DECLARATION_RE.finditer(text):
        name, value = declaration["name"], declaration["value"]
        if _NAMED_RE.search(name) is None or _NOT_IMAGE_RE.search(name):
            continue
        if _TAGGED_RE.search(value) is None and not (name.endswith("Builder") and "/" in value):
            continue
        if ("/" not in value and not name.endswith("Base")) or reference_or_none(value) is None:
            continue
        if len(re.findall(rf"(?<![\w.]){name}\b", code)) < 2:
            continue  # declared, not used in the file: another file's flag or field reads it, or nothing does
        found.append(Found(value, origin, lines.line(declaration.start("value")), use=USE, kind="Go source"))
    return found
