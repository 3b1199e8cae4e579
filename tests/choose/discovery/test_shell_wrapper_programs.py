"""What a test suite's helper hands its arguments to: a variable holding a program's path, behind Bats' `run`,
`timeout DURATION` and `env NAME=VALUE`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_wrapper_programs import programs_of, starts_command, with_programs


def test_a_variable_assigned_once_to_a_path_of_a_program_stands_for_it() -> None:
    text = "BIN=${BIN:-${DIR}/../bin/skopeo}\nPODMAN=podman\nTWICE=docker\nTWICE=/usr/bin/podman\nOTHER=/bin/true\n"
    assert programs_of(text) == {"BIN": "skopeo", "PODMAN": "podman"}
    written = with_programs(['  run ${BIN} "$@"', "  $PODMAN ps"], programs_of(text))
    assert written == ['  run skopeo "$@"', "  podman ps"]


def test_a_command_starts_behind_run_timeout_and_env() -> None:
    assert starts_command("    run timeout --foreground --kill=10 $SKOPEO_TIMEOUT ")
    assert starts_command("  run env CONTAINERS_CONF=${C:-$(dirname ${BASH_SOURCE})/c.conf} timeout -k 5 300 ")
    assert starts_command("    ")
    assert not starts_command('    echo "$ ')
    assert not starts_command("  podman run --rm ")
