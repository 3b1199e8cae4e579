"""The images Helix runs test work items in, from the target queues of MSBuild files (pure).

Arcade's Helix SDK (`Microsoft.DotNet.Helix.Sdk`, the test service of dotnet's repositories) sends each work item to
a target queue written `[(ALIAS)]QUEUE[@IMAGE]`; with `@IMAGE` the machine of the queue runs the item in a Docker
container of that image, which it pulls (the `(alias)queueId@dockerTag` form the SDK parses, arcade's
`JobDefinition.ParseQueueId`: https://github.com/dotnet/arcade/pull/16963). Queues are items and properties of MSBuild
files (`<HelixTargetQueue Include="..."/>`, a repository's own item names such as dotnet-monitor's
`HelixAvailableTargetQueue`, `<HelixTargetQueues>A@IMAGE;B</HelixTargetQueues>`). Read: in an MSBuild file
(`*.proj`, `*.props`, `*.targets`) that names Helix, each `QUEUE@IMAGE` word, the image at its line; an image with an
MSBuild property in it (`$(PrereqsTag)`) is known only when MSBuild evaluates the file, and is not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

KIND = "Helix queue"
SUFFIXES = (".proj", ".props", ".targets")
MARK = b"Helix"
# `(ALIAS)QUEUE@HOST/PATH[:TAG]`: the queue a name of dots and dashes (MSBuild properties allowed, `$(QueueSuffix)`),
# the image on a registry host (a dot in it), ended by a quote, `;`, `<` or a blank
_QUEUE_RE = re.compile(
    r"(?<![\w.@/$()-])(?:\([\w.\-]+\))?[A-Za-z][\w.\-]*(?:\$\(\w+\)[\w.\-]*)*"
    r"@(?P<image>[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+(?::\d+)?/[^\s;\"'<>]+)"
)


def may_hold_helix_queues(shown: str, data: bytes) -> bool:
    """Whether a file is an MSBuild file that names Helix and has an `@`."""
    return shown.endswith(SUFFIXES) and MARK in data and b"@" in data


def helix_queue_images(text: str, origin: str) -> list[Found]:
    """The image of each `QUEUE@IMAGE` target queue of an MSBuild file, at its line."""
    found: list[Found] = []
    for match in _QUEUE_RE.finditer(text):
        image = match["image"]
        if "$(" in image:
            continue  # a property MSBuild fills in
        try:
            parse_reference(image)
        except ReferenceError_:
            continue
        found.append(Found(image, origin, text.count("\n", 0, match.start()) + 1, use="Helix target queue", kind=KIND))
    return found
