"""Whether a file of no known name is a Dockerfile by its content (pure): the walk opens only files that may be one,
and reads one that starts like a Dockerfile and holds only its instructions."""

from __future__ import annotations

import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.dockerfile import logical_lines

# after comments and blank lines, an upper-case FROM or ARG, as Dockerfiles start
STARTS_RE = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:FROM|ARG)[ \t]")
# https://docs.docker.com/reference/dockerfile/#overview
# fmt: off
_INSTRUCTIONS = frozenset([
    "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
    "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
])
# Extensions of files that are never Dockerfiles: these are not opened to look (a `notes.txt` starting with FROM).
_NOT_DOCKERFILE_SUFFIXES = frozenset([
    ".md", ".markdown", ".rst", ".txt", ".adoc", ".html", ".htm", ".css", ".scss", ".xml", ".svg", ".png", ".jpg",
    ".jpeg", ".gif", ".ico", ".webp", ".pdf", ".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf",
    ".properties", ".env", ".lock", ".sum", ".mod", ".py", ".pyc", ".pyi", ".go", ".rs", ".c", ".h", ".cc", ".cpp",
    ".hpp", ".java", ".kt", ".kts", ".scala", ".groovy", ".gradle", ".rb", ".php", ".js", ".mjs", ".cjs", ".ts",
    ".tsx", ".jsx", ".vue", ".swift", ".m", ".cs", ".fs", ".vb", ".lua", ".pl", ".pm", ".r", ".jl", ".ex", ".exs",
    ".erl", ".hs", ".ml", ".sql", ".sh", ".bash", ".zsh", ".fish", ".ps1", ".bat", ".cmd", ".mk", ".cmake", ".in",
    ".am", ".ac", ".patch", ".diff", ".csv", ".tsv", ".tf", ".hcl", ".proto", ".graphql", ".tpl", ".j2", ".jinja",
    ".tmpl", ".template", ".gz", ".tgz", ".zip", ".tar", ".xz", ".bz2", ".jar", ".so", ".a", ".o", ".dll", ".exe",
    ".bin", ".wasm", ".ttf", ".woff", ".woff2", ".otf", ".mp3", ".mp4", ".pem", ".crt", ".key", ".pub", ".asc",
    ".sig", ".gpg", ".log", ".out", ".csr", ".der", ".p12",
])
# fmt: on


def may_be_dockerfile(path: str | PurePath) -> bool:
    """Whether a file of no known kind is worth opening to see if it is a Dockerfile anyway (`docker/alpine`,
    `ci/base.df`): not a dot file, and no extension of a file that is never one."""
    pure = PurePath(path)
    return not pure.name.startswith(".") and pure.suffix.lower() not in _NOT_DOCKERFILE_SUFFIXES


def dockerfile_shape(head: str) -> bool | None:
    """For the start of a file named like no Dockerfile: True when it is one beyond doubt (an upper-case `FROM`
    with an image first, after comments and `ARG`s, and every instruction a Dockerfile instruction), False when it
    starts with FROM but is not shaped like one, None when it does not start with FROM or ARG at all."""
    if not STARTS_RE.match(head):
        return None
    instructions = [instruction.split(None, 1) for _, instruction in logical_lines(head)]
    keywords = [words[0].upper() for words in instructions if words]
    first_from = next((words for words in instructions if words[0] != "ARG"), None)
    if not first_from or first_from[0] != "FROM" or len(first_from) < 2:
        return None if "FROM" not in keywords else False
    return all(keyword in _INSTRUCTIONS for keyword in keywords)
