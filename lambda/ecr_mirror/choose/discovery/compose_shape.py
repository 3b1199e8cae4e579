"""Compose files not named like one (a Swarm `docker-stack.yml`, `stack.yml`), recognised by their keys, the
services of a compose file, in the legacy version 1 format too, and whether a service that builds pulls its image
first (pure)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from typing import Any

from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand

# https://docs.docker.com/reference/compose-file/services/#pull_policy: the policies that pull
_PULLING_RE = re.compile(r"always|missing|if_not_present|daily|weekly|refresh|every_\w+")

_TOP_KEYS = frozenset({"version", "name", "services", "networks", "volumes", "configs", "secrets", "include"})
# https://docs.docker.com/reference/compose-file/services/
_SERVICE_KEYS = frozenset(
    {
        "annotations",
        "attach",
        "blkio_config",
        "build",
        "cap_add",
        "cap_drop",
        "cgroup",
        "cgroup_parent",
        "command",
        "configs",
        "container_name",
        "cpu_count",
        "cpu_percent",
        "cpu_period",
        "cpu_quota",
        "cpu_rt_period",
        "cpu_rt_runtime",
        "cpu_shares",
        "cpus",
        "cpuset",
        "credential_spec",
        "depends_on",
        "deploy",
        "develop",
        "device_cgroup_rules",
        "devices",
        "dns",
        "dns_opt",
        "dns_search",
        "domainname",
        "entrypoint",
        "env_file",
        "environment",
        "expose",
        "extends",
        "external_links",
        "extra_hosts",
        "gpus",
        "group_add",
        "healthcheck",
        "hostname",
        "image",
        "init",
        "ipc",
        "isolation",
        "labels",
        "label_file",
        "links",
        "logging",
        "mac_address",
        "mem_limit",
        "mem_reservation",
        "mem_swappiness",
        "memswap_limit",
        "models",
        "network_mode",
        "networks",
        "oom_kill_disable",
        "oom_score_adj",
        "pid",
        "pids_limit",
        "platform",
        "ports",
        "post_start",
        "pre_stop",
        "privileged",
        "profiles",
        "provider",
        "pull_policy",
        "read_only",
        "restart",
        "runtime",
        "scale",
        "secrets",
        "security_opt",
        "shm_size",
        "stdin_open",
        "stop_grace_period",
        "stop_signal",
        "storage_opt",
        "sysctls",
        "tmpfs",
        "tty",
        "ulimits",
        "use_api_socket",
        "user",
        "userns_mode",
        "uts",
        "volumes",
        "volumes_from",
        "working_dir",
    }
)


def looks_like_compose(doc: object) -> bool:
    """Only compose's top-level keys (and `x-*`), and `services` a mapping of services with only compose's keys,
    one at least with `image` or `build`."""
    services = doc.get("services") if isinstance(doc, dict) else None
    if not isinstance(doc, dict) or not isinstance(services, dict) or not services:
        return False
    if any(not str(key).startswith("x-") and key not in _TOP_KEYS for key in doc):
        return False
    if not all(isinstance(service, dict) for service in services.values()):
        return False
    keys = {str(key) for service in services.values() for key in service}
    return all(key in _SERVICE_KEYS or key.startswith("x-") for key in keys) and bool(keys & {"image", "build"})


def looks_like_services(doc: object) -> bool:
    """A compose file (looks_like_compose), or a fragment of one: a mapping of services alone, each a mapping of
    compose's service keys only (and `x-*`) with `image` or `build` (Laravel Sail's `stubs/mysql.stub`, `mysql:` /
    `image: 'mysql/mysql-server:8.0'`, which its installer puts under the `services` of the file it writes). A
    mapping of settings that happens to hold an `image` key beside others (`media: {image: ..., disk: public}`) is
    not one."""
    if looks_like_compose(doc):
        return True
    if not isinstance(doc, dict) or not doc or any(key in _TOP_KEYS for key in doc):
        return False
    return all(
        isinstance(service, dict)
        and bool(service.keys() & {"image", "build"})
        and all(key in _SERVICE_KEYS or str(key).startswith("x-") for key in service)
        for service in doc.values()
    )


def compose_services(doc: object) -> dict[Any, Any] | None:
    """The services of a compose document: its `services`, or, in a file of the legacy version 1 format (no
    `version` and no `services` key, https://github.com/docker/compose/blob/v1/docs/compose-file-v1.md), the
    mappings at its top when each is a service with `image` or `build` (docker-compose 1.x pulls them)."""
    if not isinstance(doc, dict):
        return None
    services = doc.get("services")
    if isinstance(services, dict) or "services" in doc or "version" in doc or not doc:
        return services if isinstance(services, dict) else None
    if all(isinstance(service, dict) and ("image" in service or "build" in service) for service in doc.values()):
        return doc
    return None


def pulls_before_building(
    service: object, values: Mapping[str, str | None], name: object = None, pulled: frozenset[str] = frozenset()
) -> bool:
    """Whether a service with both `build:` and `image:` pulls the image (and builds only when that fails): its
    `pull_policy`, a variable's default too (`${PG_PULL_POLICY:-missing}`), says to pull
    (https://docs.docker.com/reference/compose-file/build/#using-build-and-image), or a `docker compose pull` of
    the tree pulls it (`pulled`: the services named `name` it pulls, `*` for all of them). No pull_policy, `build`
    or `never`: the image is the one built here."""
    if not isinstance(service, dict) or "image" not in service:
        return False
    if "*" in pulled or (name is not None and str(name) in pulled):
        return True
    policy = service.get("pull_policy")
    if not isinstance(policy, str):
        return False
    with contextlib.suppress(Unset, Malformed):
        return _PULLING_RE.fullmatch(expand(policy, values, dollar_escape=True).strip()) is not None
    return False


def always_builds(service: object, values: Mapping[str, str | None]) -> bool:
    """Whether a service's `pull_policy` says never to pull its image: `build` (always built) or `never`."""
    policy = service.get("pull_policy") if isinstance(service, dict) else None
    if not isinstance(policy, str):
        return False
    with contextlib.suppress(Unset, Malformed):
        return expand(policy, values, dollar_escape=True).strip() in ("build", "never")
    return True
