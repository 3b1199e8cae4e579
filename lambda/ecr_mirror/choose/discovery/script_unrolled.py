"""A shell script's text as the command readers read it (pure): its loops over literal words unrolled
(shell_loops.py), its associative arrays' values in place (shell_maps.py) and the calls of its own wrapper functions
written as the command they run (shell_functions.py); a program variable such a call then starts (`log_and_run
$PODMAN run ... IMAGE`, `log_and_run` running its arguments) named as its program (program_variables.py), as it is
where the script starts the command itself. Lines keep their numbers."""

from __future__ import annotations

from ecr_mirror.choose.discovery.program_variables import named_programs
from ecr_mirror.choose.discovery.shell_functions import unwrapped
from ecr_mirror.choose.discovery.shell_loops import loops_unrolled
from ecr_mirror.choose.discovery.shell_maps import map_loops, map_uses, shell_maps


def unrolled(text: str) -> str:
    """`text` as the command readers read it (see the module)."""
    maps = shell_maps(text)
    mapped = map_uses(loops_unrolled(map_loops(text, maps)), maps)
    out = unwrapped(mapped)
    return named_programs(out) if out != mapped and "$" in out else out
