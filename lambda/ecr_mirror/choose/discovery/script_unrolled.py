"""A shell script's text as the command readers read it (pure): its loops over literal words unrolled
(shell_loops.py), its associative arrays' values in place (shell_maps.py) and the calls of its own wrapper functions
written as the command they run (shell_functions.py). Lines keep their numbers."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_functions import unwrapped
from ecr_mirror.choose.discovery.shell_loops import loops_unrolled
from ecr_mirror.choose.discovery.shell_maps import map_loops, map_uses, shell_maps


def unrolled(text: str) -> str:
    """`text` as the command readers read it (see the module)."""
    maps = shell_maps(text)
    return unwrapped(map_uses(loops_unrolled(map_loops(text, maps)), maps))
