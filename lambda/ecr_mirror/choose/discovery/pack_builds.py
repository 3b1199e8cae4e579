"""Images a Cloud Native Buildpacks build pulls: `pack build IMAGE --builder BUILDER --buildpack ...` (pure).

`pack build` (https://buildpacks.io/docs/for-platform-operators/how-to/integrate-ci/pack/cli/pack_build/) runs the
builder image `-B`/`--builder` over the application, with each `-b`/`--buildpack` (repeated, or a comma-separated
list), on the run image `--run-image`, and with `--lifecycle-image` when the builder is untrusted: pack pulls each.
A buildpack is "a buildpack by id and version (`<buildpack>@<version>`), a path to a buildpack directory, a path/URL
to a `.tar` or `.tgz` file, or a packaged buildpack image name in the form of `<hostname>/<repo>[:<tag>]`": listed
only when it is an image by that form, a registry host first (`gcr.io/paketo-buildpacks/dotnet-core`), or written
`docker://IMAGE`; a bare `paketo-buildpacks/java` may be a buildpack of the builder's by its id, and an id with
`@version`, `urn:cnb:` or a `from=builder` locator names none. The image built (the first word) and
`--cache-image` / `--previous-image` (the application's own) are not pulled images; without `--builder`, the one
`pack config default-builder` set (or `project.toml`'s) is used, not listed.

Read in the same texts as `docker run` (docker_run.py), line continuations joined, where a command runs; and a
Cloud Build step that runs pack with `args: [build, ...]` (cloudbuild.py gives its words, `pack_build_words`).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_scan import command_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues

_COMMAND_RE = re.compile(r"(?<![\w./-])pack[ \t]+build(?![\w-])")
_OPTIONS = {
    **{"-B": "builder", "--builder": "builder", "--run-image": "run image", "--lifecycle-image": "lifecycle image"},
    **{"-b": "buildpack", "--buildpack": "buildpack"},
}
# a registry host: a name with a `.` or a `:` (port), or localhost, before the first `/`
_HOSTED_RE = re.compile(r"(?:[\w-]+(?:\.[\w-]+)+|[\w.-]+:\d+|localhost)/\S+")


def _buildpack(written: str) -> str | None:
    """The image a `--buildpack` value names, or None (an id, a path, an archive, a URL, a builder's buildpack)."""
    if written.startswith("docker://"):
        return written.removeprefix("docker://").lstrip("/")
    if written.startswith(("urn:", "from=", ".", "/", "~")) or "://" in written or written.endswith((".tgz", ".tar")):
        return None
    name, _, version = written.rpartition("@")
    if name and not version.startswith("sha256:"):
        return None  # `<buildpack>@<version>`
    return written if _HOSTED_RE.fullmatch(written) else None


def pack_build_words(words: list[str]) -> list[tuple[str, str]]:
    """(use, image) of each image `pack build WORDS...` pulls (`words` after `build`), in the words' order."""
    out: list[tuple[str, str]] = []
    for index, word in enumerate(words):
        if word == "--":
            break
        option, equals, value = word.partition("=")
        if not equals:
            value = words[index + 1] if index + 1 < len(words) else ""
        use = _OPTIONS.get(option if equals or option == word else "")
        if use == "buildpack":
            parts = [part.strip() for part in value.split(",")]
            out += [("pack build buildpack", image) for part in parts if part and (image := _buildpack(part))]
        elif use is not None and value and not value.startswith("-"):
            out.append((f"pack build {use}", value))
    return out


def pack_images(text: str, origin: str) -> list[Found]:
    """The images `text`'s `pack build` commands pull, in order; a variable without one literal value unresolved,
    naming it."""
    if "pack" not in text or _COMMAND_RE.search(text) is None:
        return []
    values = ShellValues.of(text, yaml=origin.endswith((".yml", ".yaml")))
    found: list[Found] = []
    for line, joined, match in command_runs(text, _COMMAND_RE, ("pack",)):
        for use, image in pack_build_words(command_words(joined, match.end())):
            for resolved, problem in values.at(line).resolve_each(image):
                found.append(Found(resolved if problem is None else image, origin, line, problem, use))
    return found
