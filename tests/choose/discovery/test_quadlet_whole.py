"""Podman Quadlet units read whole: continuations, quotes, specifiers, variables, other units' images and
`Pull=never`, each finding compared with its line, problem and use (quadlet.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.quadlet import quadlet_images

UNIT = """\
Image=before-any-section:1
[Container]
Image=app.build
Environment=A=1 \\
  B=2
Image=docker.io/library/nginx:1.27\\

Image=registry.%H.local/app:1
[Image]
Image=${REGISTRY}/app:2
Image='quay.io/acme/q:3'
[Service]
Image=not-a-container-key:1
Label=x \\"""


def test_every_entry_form_in_order() -> None:
    # an entry continued by a trailing backslash is joined (the continuation's line is not an entry of its own,
    # also at the end of the file); quotes are no part of the image; another unit's image is passed over
    assert quadlet_images(UNIT, "web.container") == [
        Found("docker.io/library/nginx:1.27", "web.container", 6, None, "[Container] Image"),
        Found(
            "registry.%H.local/app:1",
            "web.container",
            8,
            "%H is a systemd specifier, known only on the host",
            "[Container] Image",
        ),
        Found(
            "${REGISTRY}/app:2", "web.container", 10, "an environment variable, known only on the host", "[Image] Image"
        ),
        Found("quay.io/acme/q:3", "web.container", 11, None, "[Image] Image"),
    ]


def test_pull_never_drops_the_images_of_its_section_only() -> None:
    unit = '[Container]\nImage=nginx:1.27\nPull="never"\n[Image]\nImage=redis:7\nPull=always\n'
    assert [(item.text, item.line) for item in quadlet_images(unit, "x.container")] == [("redis:7", 5)]
