"""The images a Go program's configuration struct defaults its image fields to, in struct tags (pure).

A program that runs containers often takes their images from its configuration file or environment, with a default
the configuration library fills in when neither gives one, written in the field's struct tag: unkey's control worker
runs its BuildKit build Jobs from `Image string \\`toml:"image" config:"default=moby/buildkit:v0.26.3"\\``. Read, in
a Go file that is a program's own code (go_program_images.is_program_code: no test code, fake or mock), each struct
field of type `string` named `Image` or ending in `Image` (`SidecarImage`), whose tag gives a default:
`default:"VALUE"` (https://pkg.go.dev/github.com/kelseyhightower/envconfig, https://pkg.go.dev/github.com/creasty/defaults),
`envDefault:"VALUE"` (https://pkg.go.dev/github.com/caarlos0/env/v11), or an item `default=VALUE` of any key's value
(`env:"PROXY_IMAGE, default=..."`, https://pkg.go.dev/github.com/sethvargo/go-envconfig; unkey's own `config:`
key), that is an image reference with a tag or a digest (a repository alone is most often joined with a version
elsewhere; as for the flags of go_flag_images.py). The image is listed at the field's line, `use` `config default
(Go program)`. Not read: a field of another type (`[]string`), another name (`ImagePullPolicy`), a commented-out
field.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_program_images import is_program_code
from ecr_mirror.choose.discovery.image_keys import pinned_reference
from ecr_mirror.choose.discovery.line_index import LineIndex

MARK = b"Image "  # a field `Image string` or `SidecarImage string`
USE = "config default (Go program)"
_FIELD_RE = re.compile(r"^[ \t]*(?:[A-Z]\w*)?Image[ \t]+string[ \t]+`(?P<tag>[^`\n]*)`", re.MULTILINE)
_PAIR_RE = re.compile(r"(?P<key>\w+):\"(?P<value>(?:[^\"\\]|\\.)*)\"")


def _defaults(tag: str) -> list[str]:
    """The defaults a struct tag gives: `default:"V"`, `envDefault:"V"`, or an item `default=V` of a key's value."""
    out: list[str] = []
    for pair in _PAIR_RE.finditer(tag):
        if pair["key"] in ("default", "envDefault"):
            out.append(pair["value"].strip())
        else:
            out += [
                item.strip()[len("default=") :]
                for item in pair["value"].split(",")
                if item.strip().startswith("default=")
            ]
    return out


def config_default_images(text: str, origin: str) -> list[Found]:
    """The images the image fields of a Go program's configuration structs default to, in order (see the module)."""
    if not is_program_code(origin):
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    for field in _FIELD_RE.finditer(text):
        for value in _defaults(field["tag"]):
            if pinned_reference(value):
                found.append(Found(value, origin, lines.line(field.start("tag")), use=USE, kind="Go source"))
    return found
