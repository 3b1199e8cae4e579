"""Images a container's arguments tell the program it runs to deploy (pure).

A controller takes the images of the pods it creates from its options as often as from its configuration's keys
(image_keys.py): Tekton's controller runs every TaskRun's shell steps from `-shell-image` and `-shell-image-win`
(its `config/controller.yaml`), an operator its sidecars from `--sidecar-image=...`. In a container's `args` or
`command`, an option whose name has `image` as a word (`-shell-image`, `-shell-image-win`, `--proxy_image`,
`--initImage`), followed by a reference written with a tag or a digest (the next argument, or after `=`), is an
image the cluster pulls. An option of another kind (`--image-pull-policy IfNotPresent`) or a name with neither
(`ko://...`, built and put there by ko; a repository the program tags itself) is not read. Kaniko's cache warmer
(`gcr.io/kaniko-project/warmer`) pulls each image given with `--image` (`-i`) into its cache, untagged ones at
`latest` too (https://github.com/GoogleContainerTools/kaniko#caching-base-images): kaniko's
`examples/kaniko-warmer.yaml` pod warms `--image=gcr.io/google-appengine/debian9`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.image_keys import pinned_reference
from ecr_mirror.choose.discovery.yaml_loader import line_of, located
from ecr_mirror.choose.discovery.yaml_walk import entries

_WARMER_RE = re.compile(r"(?:[\w.-]+(?::\d+)?/)?kaniko-project/warmer(?:[:@].*)?")  # kaniko's cache warmer
_WARMER_OPTIONS = frozenset({"--image", "-i"})
IMAGE_OPTION_RE = re.compile(r"-{1,2}(?P<name>(?:[\w-]*[_-])?(?:image|Image)(?:[_-][\w-]*)?|[a-z][\w-]*Image[\w-]*)")


def _options(arguments: list[object], warmer: bool = False) -> Iterator[tuple[str, object]]:
    """(option, value) of each option of `arguments` naming an image: `--x-image=V` or `--x-image V` (for kaniko's
    warmer, `-i V` too)."""
    for index, word in enumerate(arguments):
        if not isinstance(word, str):
            continue
        option, equals, value = word.strip().partition("=")
        if IMAGE_OPTION_RE.fullmatch(option) is None and not (warmer and option in _WARMER_OPTIONS):
            continue
        if equals:
            yield option, located(value, line_of(word) or 0)
        elif index + 1 < len(arguments):
            yield option, arguments[index + 1]


def flag_images(doc: object) -> Iterator[tuple[str, str]]:
    """(`args OPTION` or `command OPTION`, the image) of each container of `doc` told an image by an option."""
    for _, _, node in entries(doc):
        if not isinstance(node, dict) or not isinstance(node.get("image"), str):
            continue
        warmer = _WARMER_RE.fullmatch(node["image"].strip()) is not None
        for key in ("command", "args"):
            arguments = node.get(key)
            for option, value in _options(arguments, warmer) if isinstance(arguments, list) else ():
                if isinstance(value, str) and (pinned_reference(value) or (warmer and option in _WARMER_OPTIONS)):
                    yield f"{key} {option}", value
