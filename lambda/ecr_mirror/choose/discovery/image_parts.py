"""The parts of an image reference a reader finds written apart (pure): a tag (`1.2.3`, `v0.4-alpine`: a word
character then up to 127 word characters, dots and dashes, https://docs.docker.com/reference/cli/docker/image/tag/)
and a sha256 digest (`sha256:` and 64 lowercase hex digits, https://github.com/opencontainers/image-spec/blob/main/
descriptor.md#digests). Shared by the readers that join a repository with its tag or digest from separate values
(related_image_tables.py, helm_joined.py, go_image_tag_pairs.py); each is matched whole (`fullmatch`)."""

from __future__ import annotations

import re

DIGEST_RE = re.compile(r"sha256:[0-9a-f]{64}")
TAG_RE = re.compile(r"[\w][\w.-]{0,127}")
