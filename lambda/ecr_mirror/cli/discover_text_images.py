"""The images the tree's YAML, XML and build files name in shapes only one reader knows, read over all of them: the
Testcontainers JDBC URLs of their settings (choose/discovery/testcontainers_jdbc_urls.py) and a Taskcluster
decision task's `payload.image` in `.taskcluster.yml` (choose/discovery/taskgraph.py)."""

from __future__ import annotations

import posixpath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.taskgraph import DECISION_FILES, decision_images
from ecr_mirror.choose.discovery.testcontainers_jdbc_urls import jdbc_text_images


def text_images(texts: dict[str, str]) -> list[Found]:
    """The images of `texts` (name shown -> text) that the JDBC URL and Taskcluster readers give."""
    decisions = [
        item
        for shown, text in texts.items()
        if posixpath.basename(shown.replace("\\", "/")) in DECISION_FILES
        for item in decision_images(text, shown)
    ]
    return jdbc_text_images(texts) + decisions
