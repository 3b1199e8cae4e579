"""The manifest templates a Go program embeds in its binary (pure).

A program that applies manifests it fills in keeps them beside its code as Go text/templates and embeds them:
`//go:embed task-buildpack.yaml.tmpl` above `var buildpackTaskTemplate string` (knative func's Tekton tasks, whose
steps run `docker.io/library/bash:5.1` and `quay.io/buildah/stable:v1.31.0`). A `//go:embed` directive names
patterns, separated by spaces and written bare or as Go string literals, "relative to the package directory
containing the source file", matched as `path.Match` patterns (https://pkg.go.dev/embed#hdr-Directives); the program
renders and applies what it embeds, so the literal images of those templates are pulled where it runs.

Read, in a Go file that is a program's own code (go_program_images.is_program_code: a test's inputs are another
matter; haproxy ingress' e2e tests name theirs by path), each pattern of its `//go:embed` lines that names a
manifest template by its extension, `*.yaml.tmpl`, `*.yml.tmpl`, `*.yaml.tpl`, `*.yml.tpl` (a plain `*.yaml` is
read by its name anyway). The reading of the templates is the command's (cli/discover_go_embeds.py).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.go_program_images import is_program_code

MARK = b"//go:embed"
TEMPLATE_SUFFIXES = (".yaml.tmpl", ".yml.tmpl", ".yaml.tpl", ".yml.tpl")
_DIRECTIVE_RE = re.compile(r"^[ \t]*//go:embed[ \t]+(?P<patterns>[^\n]+)$", re.MULTILINE)
_PATTERN_RE = re.compile(r"\"(?P<quoted>[^\"\\\n]+)\"|`(?P<raw>[^`\n]+)`|(?P<bare>\S+)")


def embedded_templates(text: str, origin: str) -> list[str]:
    """The patterns, relative to the file's directory, of the manifest templates a Go program's file embeds."""
    if not origin.endswith(".go") or not is_program_code(origin):
        return []
    patterns: list[str] = []
    for directive in _DIRECTIVE_RE.finditer(text):
        for word in _PATTERN_RE.finditer(directive["patterns"]):
            pattern = word["quoted"] or word["raw"] or word["bare"]
            pattern = pattern.removeprefix("all:")  # `all:` also takes hidden files; the pattern is the rest
            if (
                pattern.lower().endswith(TEMPLATE_SUFFIXES)
                and not pattern.startswith("/")
                and ".." not in pattern.split("/")
            ):
                patterns.append(pattern)
    return patterns
