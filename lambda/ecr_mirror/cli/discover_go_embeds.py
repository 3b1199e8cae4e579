"""The images of the manifest templates the tree's Go programs embed (`//go:embed task.yaml.tmpl`) and apply (I/O).

The patterns come from choose/discovery/go_embeds.py, matched from the embedding file's directory; each template is
read as other manifest templates are (yaml_sources.yaml_images: YAML documents, or line by line when the template is
no YAML until rendered), at its own path, when it has an `image:` key (envoy gateway's embedded `bootstrap.yaml.tpl`
is its proxy's configuration); one that cannot be read so is a warning naming it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_embeds import MARK, TEMPLATE_SUFFIXES, embedded_templates
from ecr_mirror.choose.discovery.yaml_sources import yaml_images
from ecr_mirror.cli.discover_small_files import small_bytes, small_text
from ecr_mirror.errors import ConfigError


def embedded_template_pulls(sources: Iterable[tuple[str, Path]], warn: Callable[[str], None]) -> list[Found]:
    """The images of the manifest templates Go programs among `sources` ((name shown, path)) embed, each read once."""
    read: set[Path] = set()
    found: list[Found] = []
    for shown, path in sources:
        if not shown.endswith(".go") or (data := small_bytes(path)) is None or MARK not in data:
            continue
        for pattern in embedded_templates(data.decode("utf-8", errors="replace"), shown):
            for template in sorted(path.parent.glob(pattern)):
                if template in read or not template.name.lower().endswith(TEMPLATE_SUFFIXES):
                    continue
                read.add(template)
                relative = template.relative_to(path.parent).as_posix()
                if (text := small_text(template)) is None or "image:" not in text:
                    continue  # a program's own configuration (envoy's bootstrap), no manifest
                try:
                    found += yaml_images(text, posixpath.join(posixpath.dirname(shown), relative))
                except ConfigError as exc:
                    warn(f"{exc}; embedded by {shown}")
    return found
