"""Images a Go program's own argument slices give to an option named for an image (pure).

A program that drives another tool writes the tool's arguments in a slice literal and gives its image there:
jx-gitops upgrades a kpt package with `args := []string{"fn", "eval", "--image",
"ghcr.io/kptdev/krm-functions-catalog/fix:ad0c3fe", ...}` run as kpt's arguments, and `kpt fn eval --image IMAGE`
runs that KRM function's image (https://kpt.dev/reference/cli/fn/eval/). Read, in a Go file that is a program's own
code (go_program_images.is_program_code: no test code, fake, mock or `testdata/`, nor an `e2e`-tagged file): each
`[]string{...}` literal (its elements read as go_commands.py reads a call's: literals, and names the file's `const`
declarations bind to one literal) with an option whose name has `image` as a word (`--image`, `--base-image`,
`-shell-image`, `--initImage`: the manifests' rule, flag_images.py) followed by an element, or written
`--OPTION=REFERENCE`, that is an image reference with a tag or a digest (an untagged name is most often tagged when the
program runs; `--image-pull-policy IfNotPresent` names no image). `-i`, kpt's shorthand for `--image`, is read in a
slice that holds `"fn", "eval"`. The image is listed at the slice's line, `use` `image option (Go program)`. Not
read: a value known only when the program runs, an option that names what is made (`--output-image`, `--target-image`,
`--push-image`, `--image-name`: a build's result), a commented-out slice, a slice longer than `_LONGEST` characters.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.flag_images import IMAGE_OPTION_RE
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_commands import file_constants, slice_elements
from ecr_mirror.choose.discovery.go_e2e_images import is_e2e
from ecr_mirror.choose.discovery.go_program_images import is_program_code
from ecr_mirror.choose.discovery.image_keys import pinned_reference
from ecr_mirror.choose.discovery.line_index import LineIndex

MARK = b"[]string{"
USE = "image option (Go program)"
_SLICE_RE = re.compile(r"\[\]string[ \t]*\{")
_LONGEST = 2048  # a slice literal of arguments is a line or a few: a longer one is not read (nor followed to the end)
# an option that names an image the command makes, not one it runs: `--output-image`, `--image-name`
_MADE_RE = re.compile(r"(?i)(?:output|target|dest(?:ination)?|push|result|built?)[_-]?image|image[_-]?(?:name|tag)s?\b")


def _images(elements: list[str | None]) -> list[str]:
    """The references the slice's image options are given, in order."""
    kpt_eval = any(elements[at : at + 2] == ["fn", "eval"] for at in range(len(elements) - 1))
    images: list[str] = []
    for at, element in enumerate(elements):
        option, equals, value = (element or "").partition("=")
        named = IMAGE_OPTION_RE.fullmatch(option) is not None and _MADE_RE.search(option) is None
        if not named and not (kpt_eval and option == "-i"):
            continue
        given = value if equals else (elements[at + 1] if at + 1 < len(elements) else None)
        if given is not None and "${" not in given and pinned_reference(given):
            images.append(given.strip())
    return images


def option_slice_images(text: str, origin: str) -> list[Found]:
    """The images the argument slices of a Go program's own code give to image options, in order (see the module)."""
    if not is_program_code(origin) or is_e2e(text):
        return []
    constants, lines = file_constants(text), LineIndex(text)
    found: list[Found] = []
    for literal in _SLICE_RE.finditer(text):
        if lines.led_by(literal.start(), "//"):
            continue
        elements = slice_elements(text[literal.end() : literal.end() + _LONGEST], 0, constants)
        for image in _images(elements or []):
            found.append(Found(image, origin, lines.line(literal.start()), None, USE, "Go source"))
    return found
