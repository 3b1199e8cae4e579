"""Files of no known name that the walk reads by their content (cli/discover_walk.py): a JSON file that is an ECS
task definition, a `*.hcl` file that is a Nomad job or a bake file, a `*.image` file that is a Podman Quadlet image
unit, a `*.stub` file that is a compose file or a fragment of one, and a `*.compose` file that is a compose file
(PeerDB's `stacks/mongo.compose`: the extension names the format, and compose reads any file given with `-f`,
https://docs.docker.com/reference/cli/docker/compose/#use--f-to-specify-the-name-and-path-of-one-or-more-compose-files;
a `*.compose` file of other content is not read).

Stubs are the templates a scaffolding package copies into its user's project (Laravel's generators read theirs from
`stubs/*.stub`, https://laravel.com/docs/artisan#stub-customization). Laravel Sail's `sail:install` writes the user's
`docker-compose.yml` from `stubs/docker-compose.stub` and puts each service chosen, `stubs/mysql.stub` (`mysql:` /
`image: 'mysql/mysql-server:8.0'`), under its `services` as written (https://laravel.com/docs/sail#installation):
`sail up` then pulls those images. A stub of compose services is so read as the compose file it becomes
(compose_shape.looks_like_services); any other stub (a PHP class, a YAML file of settings) is not read.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.bake_files import TARGET_RE
from ecr_mirror.choose.discovery.compose_shape import looks_like_compose, looks_like_services
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.nomad_jobs import JOB_RE
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

MAX_JSON_BYTES = 1024 * 1024  # a JSON file of no known name larger than this is not opened to see if it is an ECS one
NOMAD_SNIFF_BYTES = 64 * 1024  # how much of a `*.hcl` file is read to see if it is a Nomad job or a bake file
SNIFFED_SUFFIXES = (".json", ".hcl", ".image", ".stub", ".compose")  # ECS, Nomad, bake, Quadlet, compose stubs, compose
_STUB_WORDS_RE = re.compile(rb"(?m)^[ \t]*(?:image|build|services)[ \t]*:")


def head_of(path: Path, max_size: int, length: int) -> bytes | None:
    """The first `length` bytes of a file of at most `max_size` bytes; None for a larger or unreadable one."""
    try:
        if path.stat().st_size > max_size:
            return None
        with path.open("rb") as handle:
            return handle.read(length)
    except OSError:
        return None


def _aws_shaped(path: Path) -> bool:
    """A JSON file of no known name that is an ECS task definition or a CloudFormation template with one (by the
    keys it holds; files over 1 MiB are not opened)."""
    data = head_of(path, MAX_JSON_BYTES, MAX_JSON_BYTES)
    if data is None:
        return False
    return (b'"containerDefinitions"' in data and b'"family"' in data) or b'"AWS::ECS::TaskDefinition"' in data


def _hcl_kind(path: Path) -> Kind | None:
    """A `*.hcl` file of no known name whose top level is a Nomad job (`job "web" {`), else a bake target (`target
    "app" {`); only its first 64 KiB are read, and files over 1 MiB are not opened."""
    data = head_of(path, MAX_JSON_BYTES, NOMAD_SNIFF_BYTES)
    if data is None:
        return None
    head = data.decode("utf-8", "replace")
    if JOB_RE.search(head):
        return Kind.NOMAD
    return Kind.BAKE if TARGET_RE.search(head) else None


def _quadlet_image(path: Path) -> bool:
    """A `*.image` file that is a Podman Quadlet image unit (an `[Image]` section), not a binary image of another
    program (a Smalltalk image, a disk image): only files up to 1 MiB are opened, and only their first 64 KiB read."""
    head = head_of(path, MAX_JSON_BYTES, NOMAD_SNIFF_BYTES)
    return head is not None and b"\0" not in head and re.search(rb"(?m)^\[Image\]\s*$", head) is not None


def _compose_stub(path: Path, shaped: Callable[[object], bool] = looks_like_services) -> bool:
    """A `*.stub` file that is YAML of compose services, a whole compose file or a fragment of its `services`
    (`shaped`: a `*.compose` file must be a whole one); files over 1 MiB are not opened, and one without an
    `image:`, `build:` or `services:` key is not parsed."""
    data = head_of(path, MAX_JSON_BYTES, MAX_JSON_BYTES)
    if data is None or b"\0" in data or _STUB_WORDS_RE.search(data) is None:
        return False
    documents: list[object] = []
    with contextlib.suppress(ConfigError):
        documents = load_documents(data.decode("utf-8", "replace"), str(path))
    return bool(documents) and all(doc is None or shaped(doc) for doc in documents) and any(documents)


def content_kind(path: Path) -> Kind | None:
    """The kind a file named with one of `SNIFFED_SUFFIXES` is read as, by its content; None when it is of none."""
    name = path.name.lower()
    if name.endswith(".json"):
        return Kind.AWS if _aws_shaped(path) else None
    if name.endswith(".hcl"):
        return _hcl_kind(path)
    if name.endswith(".image"):
        return Kind.QUADLET if _quadlet_image(path) else None
    if name.endswith(".compose"):
        return Kind.COMPOSE if _compose_stub(path, looks_like_compose) else None
    return Kind.COMPOSE if name.endswith(".stub") and _compose_stub(path) else None
