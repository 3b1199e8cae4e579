"""Images a Makefile, a script or a CI step pulls: `docker run [OPTIONS] IMAGE [COMMAND]` and `docker pull IMAGE`
(also `docker container run`, `docker create`, `docker image pull`, `podman run` / `pull` / `create`) (pure).

Read from the same texts as the images built in the tree (local_builds.py: Makefiles, shell scripts, `justfile`,
`package.json`, workflow `run:` steps, GitLab `script:`, Jenkinsfile `sh`), line continuations joined. docker run's
options are parsed as the Docker CLI parses them: the first word that is not an option or an option's value is the
image (`-v A:B`, `--env=X`, `-dp 80:80`, `-eFOO=bar`). A word that is a variable of options (`${DOCKER_ARGS}`,
`$EXTRA_OPTS`, or a bash array of them expanded, `"${flags[@]}"`; of any name when the script gives it only options:
`TTY_OPT="-t"`, `PORTS=(-p 80:80)`, shell_option_words.py) before the image is skipped (with the word after it
when each of its values ends with an option that takes a value: `${PLATFORM_FLAG} ${PLATFORM}`, `PLATFORM_FLAG=
"--platform"`), and so are the
script's own arguments (`$*`, `"$@"`, `${1:--it}`) when an option follows them (`docker run $* --name term --rm
IMAGE`: the caller adds options; alone, `docker run "$@"`, they are the image, unresolved). The image is a
literal name, or a variable the same file assigns one literal value (`IMAGE := quay.io/x:1` in a Makefile,
`export IMAGE="x"` in a script, `${IMAGE:-x:1}`); a variable the file assigns no value or two is unresolved, naming
it, unless the same file builds it (`docker build -t $(APP)`: an image made here; `docker pull $(APP)` of a value
the file gives pulls it all the same, as in the other branch of an `if` that builds it only when no pull does, and
is unresolved when the file gives none, but a pull of a name known only when it runs that the file also pushes
(`docker push "$IMAGE:${{ steps.tag.outputs.tag }}"`) is of what another job of the same file built: made here).
`docker run --pull=never` (`create`) runs only an image on the host, pulling none: its image is not read.
`docker pull` takes one image: a variable of no value before a last word that is a known image holds options
(`$(DOCKER_CMD) pull $(DOCKER_PLATFORM) $(BUILDAH)`).
`docker compose run SERVICE` runs a service, not an image, and is not read. A bash array that holds a docker command
(`grpcurl=("docker" "run" "--rm" "fullstorydev/grpcurl" ...)`, then `"${grpcurl[@]}" ...`) is read as that command,
its words unquoted, where it is assigned. So is a variable every assignment of the file gives a docker command and
its options, no image (`DOCKER_RUN="docker run"`, or `"docker run --network host"` on Linux), where a command runs
it (`$DOCKER_RUN --rm IMAGE`; a Makefile's `$(DOCKER_RUN)`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ecr_mirror.choose.discovery.command_inputs import command_inputs
from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_keys import pinned_reference
from ecr_mirror.choose.discovery.local_builds import build_words, joined_lines
from ecr_mirror.choose.discovery.shell_command_words import command_words, variable_name
from ecr_mirror.choose.discovery.shell_option_words import last_option_words, option_words
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.split_values import split_values

# not a word's end (`my-docker run`), but a Makefile recipe's `-` prefix (`\t-docker pull X`: make ignores its failure,
# https://www.gnu.org/software/make/manual/make.html#Errors); command_starts.py tells where a command starts
_START = r"(?:(?<![\w./-])|(?<=^-)|(?<=[\s@+]-))"
_COMMAND_RE = re.compile(_START + r"(?:docker|podman|nerdctl)(?:\s+(?:container|image))?\s+(run|pull|create)(?![\w-])")
# docker run / create / pull options that take a value (docker 27 and podman 5 reference pages); any other is a flag
# fmt: off
_VALUED = frozenset([
    "--add-host", "--annotation", "--attach", "--blkio-weight", "--blkio-weight-device", "--cap-add", "--cap-drop",
    "--cgroup-parent", "--cgroupns", "--cidfile", "--cpu-count", "--cpu-percent", "--cpu-period", "--cpu-quota",
    "--cpu-rt-period", "--cpu-rt-runtime", "--cpu-shares", "--cpus", "--cpuset-cpus", "--cpuset-mems",
    "--detach-keys", "--device", "--device-cgroup-rule", "--device-read-bps", "--device-read-iops",
    "--device-write-bps", "--device-write-iops", "--dns", "--dns-opt", "--dns-option", "--dns-search", "--domainname",
    "--entrypoint", "--env", "--env-file", "--expose", "--gpus", "--group-add", "--health-cmd", "--health-interval",
    "--health-retries", "--health-start-interval", "--health-start-period", "--health-timeout", "--hostname", "--ip",
    "--ip6", "--ipc", "--isolation", "--kernel-memory", "--label", "--label-file", "--link", "--link-local-ip",
    "--log-driver", "--log-opt", "--mac-address", "--memory", "--memory-reservation", "--memory-swap",
    "--memory-swappiness", "--mount", "--name", "--net", "--net-alias", "--network", "--network-alias",
    "--oom-score-adj", "--pid", "--pids-limit", "--platform", "--publish", "--pull", "--restart", "--runtime",
    "--security-opt", "--shm-size", "--stop-signal", "--stop-timeout", "--storage-opt", "--sysctl", "--tmpfs",
    "--ulimit", "--user", "--userns", "--uts", "--volume", "--volume-driver", "--volumes-from", "--workdir",
    # podman
    "--arch", "--authfile", "--cert-dir", "--chrootdirs", "--conmon-pidfile", "--creds", "--decryption-key",
    "--gidmap", "--hostuser", "--init-path", "--os", "--passwd-entry", "--personality", "--pod", "--pod-id-file",
    "--preserve-fds", "--requires", "--sdnotify", "--seccomp-policy", "--secret", "--subgidname", "--subuidname",
    "--systemd", "--timeout", "--tz", "--uidmap", "--umask", "--unsetenv", "--variant",
    "--cgroup-conf", "--cgroups", "--env-merge", "--group-entry", "--health-log-destination", "--health-max-log-count",
    "--health-max-log-size", "--health-on-failure", "--health-startup-cmd", "--health-startup-interval",
    "--health-startup-retries", "--health-startup-success", "--health-startup-timeout", "--hosts-file",
    "--image-volume", "--mask", "--pidfile", "--policy", "--preserve-fd", "--rdt-class", "--retry", "--retry-delay",
    "--shm-size-systemd", "--unmask",
])
# the options of the same commands that take no value; a long option in neither set is refused by docker and podman
# ("unknown flag"), so the command pulls nothing
_FLAGS = frozenset([
    "--all-tags", "--detach", "--disable-content-trust", "--help", "--init", "--interactive", "--no-healthcheck",
    "--oom-kill-disable", "--privileged", "--publish-all", "--quiet", "--read-only", "--rm", "--sig-proxy", "--tty",
    "--use-api-socket",
    # podman
    "--env-host", "--http-proxy", "--no-hostname", "--no-hosts", "--passwd", "--read-only-tmpfs", "--replace",
    "--rmi", "--rootfs", "--tls-verify",
])
# fmt: on
_VALUED_SHORT = frozenset("acehlmpuvw")  # -a -c -e -h -l -m -p -u -v -w; -d -i -t -P -q are flags
_LONG_OPTION_RE = re.compile(r"--[a-z][a-z0-9-]*")
_PUSH_RE = re.compile(_START + r"(?:docker|podman)(?:\s+image)?\s+push(?![\w-])")
_OPTIONS_NAME_RE = re.compile(r"(?:ARGS|OPTS|OPTIONS|FLAGS)$", re.IGNORECASE)
_ARRAY_EXPANSION_RE = re.compile(r"^\$\{([A-Za-z_]\w*)\[[@*]\]\}$")  # `${flags[@]}`, `${ARGS[*]}`: every element
# the script's own arguments (`$*`, `"$@"`, `${@}`, `$1`, `${1:--it}`): before another option, options it passes on
_POSITIONAL_RE = re.compile(r"^\$(?:[*@]|\d|\{(?:[*@]|\d+)(?::?[-=?+][^}]*)?\})$")
_ARRAY_RE = re.compile(r"^(\s*(?:(?:local|declare|readonly|typeset)(?:\s+-\w+)*\s+)?[A-Za-z_]\w*\+?=\()(.*)$")


def unknown_option(word: str) -> bool:
    """Whether `word` is a long option docker and podman refuse (`--host`); not one a variable writes (`--$(X)`)."""
    name = word.split("=", 1)[0]
    return _LONG_OPTION_RE.fullmatch(name) is not None and name not in _VALUED and name not in _FLAGS


def _takes_value(option: str) -> bool:
    return option in _VALUED or (len(option) == 2 and option[0] == "-" and option[1] in _VALUED_SHORT)


def image_word(
    words: list[str],
    holds_options: Callable[[str], bool] = lambda _: False,
    last_words: Callable[[str], list[str]] = lambda _: [],
) -> tuple[str | None, list[str]]:
    """The image of `docker run|pull|create WORDS...` (None when there is none), and the option words before it;
    an option docker does not have ends the reading: it is returned in place of the image (see unknown_option).
    `holds_options`: whether a word is a variable the script gives only options; `last_words`, the last word of
    each of its values: when each takes a value (`--platform`), the next word is that value (shell_option_words.py)."""
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            return (words[index + 1] if index + 1 < len(words) else None), words[:index]
        if word.startswith("--"):
            if unknown_option(word):
                return word, words[:index]
            index += 2 if word in _VALUED else 1
            continue
        if word.startswith("-") and len(word) > 1:
            letters = word[1:]
            valued = next((at for at, letter in enumerate(letters) if letter in _VALUED_SHORT), None)
            index += 2 if valued == len(letters) - 1 else 1  # `-it`, `-eX=1` alone; `-dp 80:80` takes the next
            continue
        array = _ARRAY_EXPANSION_RE.match(word)
        name = array.group(1) if array else variable_name(word)
        if (name and _OPTIONS_NAME_RE.search(name)) or holds_options(word):
            lasts = last_words(word)  # ${DOCKER_ARGS}, "${flags[@]}": options, not the image; a value after them
            index += 2 if lasts and all(_takes_value(last) for last in lasts) else 1
            continue
        if _POSITIONAL_RE.match(word) and index + 1 < len(words) and words[index + 1].startswith("-"):
            index += 1  # `docker run $* --rm IMAGE`: the caller's extra options
            continue
        return word, words[:index]
    return None, words


def _array_command(joined: str) -> str:
    """`cmd=("docker" "run" "IMG")` as `cmd=(docker run IMG`: a bash array whose first word is docker or podman,
    its words unquoted so that they read as the command; any other line as it is."""
    if (array := _ARRAY_RE.match(joined)) is None:
        return joined
    words = command_words(array.group(2))
    return array.group(1) + " ".join(words) if words[:1] in (["docker"], ["podman"]) else joined


def _held_commands(values: ShellValues) -> list[tuple[re.Pattern[str], str]]:
    """(how the text names it, the command) for each variable whose every value is a docker command and its options,
    no image (one that names its image, `LINT = docker run acme/lint:1`, is read where it is assigned)."""
    held = []
    for name, given in values.values.items():
        commands = sorted(value.strip() for value in given)
        if commands and all(_COMMAND_RE.match(command) and not docker_runs(command, "") for command in commands):
            held.append((re.compile(rf"(?<![\w$])\$(?:\{{{name}\}}|\({name}\)|{name}(?!\w))"), commands[0]))
    return held


def _never_pulls(options: list[str]) -> bool:
    """Whether run/create's options say `--pull=never` (`--pull never`): only an image already on the host is run
    (https://docs.docker.com/reference/cli/docker/container/run/#pull), one a step before built or loaded."""
    return any(
        word == "--pull=never" or (word == "--pull" and options[index + 1 : index + 2] == ["never"])
        for index, word in enumerate(options)
    )


def _tagged(name: str) -> str:
    """`name` with the tag a build or a run without one implies (`server` is `server:latest`)."""
    return name if "@" in name or ":" in name.rsplit("/", 1)[-1] else f"{name}:latest"


def docker_runs(text: str, origin: str) -> list[Found]:
    """The images `text` runs or pulls, in order; a variable without one literal value unresolved, naming it."""
    inputs = command_inputs(text, origin)
    text, values = inputs.text, inputs.values
    built = {word for _, word in build_words(text)}
    holds_options, last_words = option_words(text, values), last_option_words(values)
    variable_builds = [word for word in built if "$" in word]  # literal names: local_builds.py marks their uses
    built_names = {_tagged(word) for word in variable_builds} | {
        _tagged(value) for word in variable_builds for value, problem in [values.resolve(word)] if problem is None
    }
    pushed = {
        _tagged(words[0])
        for _, joined in joined_lines(text)
        for match in _PUSH_RE.finditer(joined)
        if (words := [word for word in command_words(joined[match.end() :]) if not word.startswith("-")])
    }
    found: list[Found] = []
    held = _held_commands(values) if "$" in text else []
    for line, written in joined_lines(text):
        joined = _array_command(written)
        for pattern, command in held if "$" in joined else ():
            joined = pattern.sub(command.replace("\\", r"\\"), joined)  # the command as written
        stripped = joined.lstrip()
        if stripped.startswith(("#", "//")) or not ("run" in joined or "pull" in joined or "create" in joined):
            continue
        starts = CommandStarts(joined)
        for match in _COMMAND_RE.finditer(joined):
            if not starts.runs_at(match.start()):
                continue  # prose, an echoed text
            where, read = _Where(origin, line, match.group(1)), []
            for words in split_values(command_words(joined, match.end()), values.at(line), joined):
                read += _run_images(words, where, values.at(line), (holds_options, last_words), (built_names, pushed))
            found += [item for index, item in enumerate(read) if item not in read[:index]]  # two readings alike
    return found


@dataclass(frozen=True, slots=True)
class _Where:
    origin: str
    line: int
    verb: str  # run, pull, create


def _run_images(
    words: list[str],
    where: _Where,
    values: ShellValues,
    options_of: tuple[Callable[[str], bool], Callable[[str], list[str]]],
    made: tuple[set[str], set[str]],
) -> list[Found]:
    """The image (one per branch value) of one `docker run|pull|create` command's words, and the images its options
    name; `options_of`: which variables hold options, and the last word of an option-holding variable's values;
    `made`: the names the file builds with a variable, and those it pushes."""
    (origin, line, verb), (built_names, pushed) = (where.origin, where.line, where.verb), made
    image, options = image_word(words, *options_of)
    if verb == "pull" and image is not None:
        image, options = _pull_image(words, image, options, values)
    if image is None or not image.strip() or image.startswith((".", "/")):
        return []
    if verb != "pull" and _never_pulls(options):
        return _related_images(options, values, origin, line, f"docker {verb}")
    if unknown_option(image):
        refused = f"docker and podman have no option {image.split('=', 1)[0]}: they refuse the command"
        return [Found(image, origin, line, refused, f"docker {verb}")]
    found: list[Found] = []
    for resolved, problem in values.resolve_each(image):
        if (
            (verb != "pull" or (problem is not None and _tagged(image) in pushed))
            and "$" in image
            and (_tagged(image) in built_names or (problem is None and _tagged(resolved) in built_names))
        ):
            continue  # `docker build -t $(APP)`, `docker run $(APP):latest`: made here (`pull`: the module)
        why = problem
        if why is None and not resolved.strip():  # `IMAGE="${1:-}"`
            why = f"{image} is empty unless the environment or an argument of the script gives it"
        found.append(Found(resolved if why is None else image, origin, line, why, f"docker {verb}"))
    if verb in ("run", "create"):
        found += _related_images(options, values, origin, line, f"docker {verb}")
    return found


def _pull_image(words: list[str], image: str, options: list[str], values: ShellValues) -> tuple[str, list[str]]:
    """`docker pull [OPTIONS] NAME` takes exactly one image (https://docs.docker.com/reference/cli/docker/image/pull/,
    podman pull the same): a variable the file gives no value, read as the image, is options when one word follows
    it and that word is a known image (`$(DOCKER_CMD) pull $(DOCKER_PLATFORM) $(BUILDAH)`, `docker pull $OPTS x:1`);
    else the reading stays as it was."""
    rest = words[len(options) + 1 :]
    if variable_name(image) is None or len(rest) != 1 or rest[0].startswith("-") or values.resolve(image)[1] is None:
        return image, options
    resolved, problem = values.resolve(rest[0])
    return (rest[0], [*options, image]) if problem is None and resolved.strip() else (image, options)


def _related_images(options: list[str], values: ShellValues, origin: str, line: int, use: str) -> list[Found]:
    """The images an operator's `RELATED_IMAGE_*` environment variables name (`--env RELATED_IMAGE_X=IMAGE`,
    `-e`, `--env=`): the images it deploys (related_images.py), a value with a tag or a digest only."""
    found: list[Found] = []
    for at, word in enumerate(options):
        if word in ("-e", "--env") and at + 1 < len(options):
            setting = options[at + 1]
        elif word.startswith(("--env=", "-e")):
            setting = word.removeprefix("--env=") if word.startswith("--env=") else word.removeprefix("-e")
        else:
            continue
        name, _, value = setting.partition("=")
        if not name.startswith("RELATED_IMAGE_"):
            continue
        for resolved, problem in values.resolve_each(value):
            if pinned_reference(resolved if problem is None else value):
                text = resolved if problem is None else value
                found.append(Found(text, origin, line, problem, f"{use} --env {name}"))
    return found
