"""What a compose command does with the images of services that build (pure): `docker compose pull` pulls them too,
`up`, `run` and `create` try them before building."""

from __future__ import annotations

COMPOSE_VALUED = frozenset({"-f", "--file", "-p", "--project-name", "--env-file", "--profile", "--project-directory",
                     "--ansi", "--progress", "--parallel"})  # fmt: skip

# `docker compose pull` without service names: every service's image, those that build too
ALL_SERVICES = frozenset({"*"})


def pulled_services(words: list[str]) -> frozenset[str]:
    """The services whose images `docker compose WORDS` pulls though they build: `pull` pulls those of services
    with `build:` too, and ignores a failure for them (https://docs.docker.com/reference/cli/docker/compose/pull/);
    not with `--ignore-buildable`; only the services named, when some are. Other commands: none."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in COMPOSE_VALUED else 1
    if index >= len(words) or words[index] != "pull":
        return frozenset()
    rest = words[index + 1 :]
    if "--ignore-buildable" in rest:
        return frozenset()
    named = frozenset(word for word in rest if not word.startswith("-") and "$" not in word)
    return named or ALL_SERVICES


def pulls_first(words: list[str]) -> bool:
    """Whether `docker compose WORDS` starts services whose images it pulls before it builds them: `up`, `run` and
    `create` try the image of a service with `build:` and `image:` first when no `pull_policy` says otherwise
    (https://docs.docker.com/reference/compose-file/build/#using-build-and-image), unless told to build (`--build`,
    `--pull build`) or not to pull (`--pull never`)."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in COMPOSE_VALUED else 1
    if index >= len(words) or words[index] not in ("up", "run", "create"):
        return False
    rest = words[index + 1 :]
    policies = {rest[at + 1] for at, word in enumerate(rest[:-1]) if word == "--pull"}
    policies |= {word.removeprefix("--pull=") for word in rest if word.startswith("--pull=")}
    return "--build" not in rest and not policies & {"build", "never"}
