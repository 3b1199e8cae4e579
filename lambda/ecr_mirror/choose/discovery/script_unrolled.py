"""A shell script's text as the command readers read it (pure): its defaulting functions' calls written as the
assignments they make (shell_default_functions.py), the lines after a loop that picks a word of a list read once per
word (shell_picked_words.py), its loops over literal words unrolled (shell_loops.py), its associative arrays' values
in place (shell_maps.py) and the calls of its own wrapper functions written as the command they run
(shell_functions.py). Lines keep their numbers."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_default_functions import defaults_assigned
from ecr_mirror.choose.discovery.shell_functions import unwrapped
from ecr_mirror.choose.discovery.shell_loops import loops_unrolled
from ecr_mirror.choose.discovery.shell_maps import map_loops, map_uses, shell_maps
from ecr_mirror.choose.discovery.shell_picked_words import picks_read


def unrolled(text: str) -> str:
    """`text` as the command readers read it (see the module)."""
    text = picks_read(defaults_assigned(text))  # `configvar NAME "a b"`; `NAME="$i"; break` in a loop over a list
    maps = shell_maps(text)
    return unwrapped(map_uses(loops_unrolled(map_loops(text, maps)), maps))
