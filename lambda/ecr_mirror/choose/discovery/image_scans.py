"""Images a script's vulnerability scanner pulls to scan: `trivy image IMAGE`, `grype IMAGE` (pure).

Trivy scans a container image from the local engine, else from its registry
(https://trivy.dev/latest/docs/target/container_image/, `trivy image` or `trivy i`, global options before the
subcommand too), and Grype the same, a source scheme choosing where (https://github.com/anchore/grype#supported-sources:
`registry:NAME` from the registry, `docker:NAME` and `podman:NAME` from the engine, pulled there when missing): a
release Makefile's `scan` target, a CI step's `trivy image --exit-code 1 quay.io/acme/api:1.4.0`. Read in the same
texts as `docker run` (docker_run.py), where a command runs: the first word that is no option nor an option's value
(the options below that take one, else `--name=value` alone). Not read: `trivy image --input FILE` (a tarball),
another Trivy target (`fs`, `repo`, `config`, `k8s`), a Grype source of files (`dir:`, `file:`, `sbom:`,
`docker-archive:`, `oci-archive:`, `oci-dir:`, `singularity:`, or a path, `.`, `./x`, `/x`), nor a name the same text
builds (`docker build -t`): the scan of an image made there pulls nothing. A variable with one value in the text is
read as that value, else the image is unresolved, naming it.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_inputs import command_inputs
from ecr_mirror.choose.discovery.command_scan import command_runs, image_found
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import build_words
from ecr_mirror.choose.discovery.shell_command_words import command_words

_COMMAND_RE = re.compile(r"(?<![\w./$-])(trivy|grype)(?![\w.-])")
# fmt: off
_TRIVY_VALUED = frozenset([
    "--cache-backend", "--cache-dir", "--cache-ttl", "--checks-bundle-repository", "--compliance", "--config",
    "--custom-headers", "--db-repository", "--detection-priority", "--distro", "--docker-host", "--exit-code",
    "--exit-on-eol", "--file-patterns", "--format", "--ignore-policy", "--ignored-licenses", "--ignorefile",
    "--image-config-scanners", "--image-src", "--input", "--java-db-repository", "--license-confidence-level",
    "--max-image-size", "--module-dir", "--output", "--output-plugin-arg", "--parallel", "--password",
    "--pkg-relationships", "--pkg-types", "--platform", "--podman-host", "--policy-bundle-repository", "--redis-ca",
    "--redis-cert", "--redis-key", "--registry-token", "--rekor-url", "--report", "--sbom-sources", "--scanners",
    "--secret-config", "--security-checks", "--server", "--severity", "--skip-dirs", "--skip-files", "--template",
    "--timeout", "--token", "--token-header", "--username", "--vex", "--vuln-type", "--list-all-pkgs-format",
    "-c", "-f", "-o", "-s", "-t",
])
_GRYPE_VALUED = frozenset([
    "--add-cpes-if-none-for", "--config", "--distro", "--exclude", "--fail-on", "--file", "--name", "--output",
    "--platform", "--scope", "--sort-by", "--template", "--vex", "-c", "-f", "-o", "-s", "-t",
])
# fmt: on
_FILE_SOURCES = ("dir:", "file:", "sbom:", "docker-archive:", "oci-archive:", "oci-dir:", "singularity:", ".", "/")
_PULLING_SOURCES = ("registry:", "docker:", "podman:")
_SEPARATOR_RE = re.compile(r"[;&|\n]")


def _first_word(words: list[str], valued: frozenset[str]) -> tuple[str | None, list[str]]:
    """The first word of `words` that is no option nor an option's value, and the options before it."""
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            return (words[index + 1] if index + 1 < len(words) else None), words[:index]
        if word.startswith("-") and len(word) > 1:
            index += 2 if word in valued else 1
            continue
        return word, words[:index]
    return None, words


def _scanned(program: str, words: list[str]) -> str | None:
    """The image a `trivy ...` or `grype ...` command scans from a registry or an engine, or None."""
    if program == "trivy":
        subcommand, _ = _first_word(words, _TRIVY_VALUED)
        if subcommand not in ("image", "i"):
            return None
        rest = words[words.index(subcommand) + 1 :]
        image, _ = _first_word(rest, _TRIVY_VALUED)
        if any(word == "--input" or word.startswith("--input=") for word in rest):
            return None
        return image
    image, _ = _first_word(words, _GRYPE_VALUED)
    if image is None or image.startswith(_FILE_SOURCES):
        return None
    for source in _PULLING_SOURCES:
        image = image.removeprefix(source)
    return image


def image_scan_pulls(text: str, origin: str) -> list[Found]:
    """The images `text`'s `trivy image` and `grype` commands scan, in order (see the module)."""
    if "trivy" not in text and "grype" not in text:
        return []
    inputs = command_inputs(text, origin)
    text, values = inputs.text, inputs.values
    built = {word for _, word in build_words(text)}
    found: list[Found] = []
    previous: tuple[str, int] = ("", 0)  # the joined line and the end of the last command read on it
    for line, joined, match in command_runs(text, _COMMAND_RE, ("trivy", "grype")):
        if previous[0] is joined and not _SEPARATOR_RE.search(joined, previous[1], match.start()):
            continue  # a word of the command before (`grype grype`): read once, so a long line is read in one pass
        previous = (joined, match.end())
        program = match.group(1)
        image = _scanned(program, command_words(joined, match.end()))
        if image is None or not image.strip() or image in built:
            continue
        found += image_found(values, line, image, origin, "trivy image" if program == "trivy" else "grype")
    return found
