"""Images a Go program copies with skopeo, the command's words written as a call's arguments (pure).

A Go test suite of an image tool runs skopeo through `exec.Command(skopeoBinary, "copy", SRC, DST)` or a helper of its
own that hands its `args ...string` to it (skopeo's integration suite: `assertSkopeoSucceeds(t, "", "copy",
"--retry-times", "3", testFQIN+":1.26", "dir:"+dir)`), each word an argument of the call. `skopeo copy [OPTIONS]
SOURCE-IMAGE DESTINATION-IMAGE` reads the source from its transport, and a `docker://` source is "an image in a
registry implementing the Docker Registry HTTP API V2", so pulled from it
(https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md,
https://github.com/containers/image/blob/main/docs/containers-transports.5.md).

Read: a call one of whose arguments is the literal `"copy"`, its source the first argument after it that is not an
option nor the value of an option written apart (`"--retry-times", "3"`), listed when that argument is a literal, a
name or a join of them with `+` (`testFQIN+":1.26"`, `"docker://"+image`) whose value starts with `docker://`: the
names the function bound before the call (`image := pullableTaggedImage`, source_names.py; another function's
`image` is not this one's) and the file's top-level ones, and the constants and variables the package's
other files declare at their top level (`const ( testFQIN = "docker://quay.io/libpod/busybox" )` in `utils_test.go`:
a package's files are compiled together, https://go.dev/ref/spec#Packages). Not read: the destination (a push), a
source of another transport (`dir:`, `oci:`), one known only when the program runs (`fmt.Sprintf(...)`, a field), and
`inspect`, which reads no layer (as for a script's `skopeo inspect`, kubectl.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_call_arguments import call_arguments
from ecr_mirror.choose.discovery.image_copies import REGISTRY_VALUED
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import PART, SourceNames

USE = "skopeo copy (Go arguments)"
_VERB_RE = re.compile(r'"copy"')
_CALL_RE = re.compile(r"(?<![\w.])[A-Za-z_][\w.]*[ \t]*\(")
_JOIN_RE = re.compile(PART + r"(?:\s*\+\s*" + PART + r")*")
_TOP_RE = re.compile(r"^(?:const|var)[ \t]*\(.*?^\)|^(?:const|var)[ \t]+[^\n]*", re.MULTILINE | re.DOTALL)
# skopeo copy's options that take a value written apart, besides the global ones kubectl.py knows
# (https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md)
_VALUED = REGISTRY_VALUED | frozenset(
    ["--retry-delay", "--registries-conf", "--src-registry-token", "--dest-registry-token", "--src-username",
     "--src-password", "--dest-username", "--dest-password", "--sign-passphrase-file", "--sign-identity",
     "--sign-by-sigstore", "--sign-by-sigstore-private-key", "--sign-by-sq-fingerprint", "--dest-compress-format",
     "--dest-compress-level", "--image-parallel-copies", "--src-shared-blob-dir", "--dest-shared-blob-dir",
     "--src-daemon-host", "--dest-daemon-host", "--creds", "--cert-dir"]
)  # fmt: skip
_WINDOW = 3  # lines before the verb's where the call may open
_FUNC_RE = re.compile(r"^func\b", re.MULTILINE)


def package_constants(texts: Iterable[str]) -> str:
    """The top-level `const` and `var` declarations of a package's other files, as one text to read names from."""
    return "\n".join(match.group(0) for text in texts for match in _TOP_RE.finditer(text))


def _call_of(text: str, verb: int) -> list[tuple[int, str]] | None:
    """The arguments of the innermost call that has the literal at `verb` as one of its own arguments."""
    start = text.rfind("\n", 0, verb) + 1
    for _ in range(_WINDOW):
        start = text.rfind("\n", 0, max(start - 1, 0)) + 1
    best = None
    for call in _CALL_RE.finditer(text, start, verb):
        arguments = call_arguments(text, call.end())
        if arguments is not None and any(offset == verb for offset, _ in arguments):
            best = arguments
    return best


def _source(arguments: list[tuple[int, str]], verb: int) -> tuple[int, str] | None:
    """The first argument after the verb that is neither an option nor an option's value."""
    skip = False
    for offset, word in arguments:
        if offset <= verb:
            continue
        literal = word[1:-1] if len(word) > 1 and word[0] == word[-1] == '"' else None
        if skip:
            skip = False
        elif literal is not None and literal.startswith("-"):
            skip = literal in _VALUED
        else:
            return offset, word
    return None


def skopeo_copies(text: str, origin: str, constants: str) -> list[Found]:
    """The images the `skopeo copy` calls of one Go file of a package copy from a registry, in order."""
    if '"copy"' not in text:
        return []
    top, lines = package_constants([text]) + "\n" + constants, LineIndex(text)
    found: list[Found] = []
    for verb in _VERB_RE.finditer(text):
        arguments = _call_of(text, verb.start())
        source = _source(arguments, verb.start()) if arguments else None
        if source is None or _JOIN_RE.fullmatch(source[1]) is None:
            continue
        # the names bound in the function before the call, over the file's and the package's top-level ones
        starts = [match.start() for match in _FUNC_RE.finditer(text, 0, source[0])]
        names = SourceNames.of(top + "\n" + text[starts[-1] if starts else 0 : source[0]])
        for _, value in names.joined(source[0], source[1]):
            image = value.removeprefix("docker://")
            if value.startswith("docker://") and image and not any(c in image for c in " %$\"'"):
                item = Found(image, origin, lines.line(source[0]), use=USE, kind="Go source")
                found += [item] if item not in found else []
    return found
