"""The values a command's words give an option (pure): `kind create cluster --image X`, `kubectl run --image=X`; and a
command's options kept in a variable, spread into its words (`$(KIND_IMAGE_FLAG)` holding `--image $(KIND_IMAGE)`), or
in a bash array (`${K3D_ARGS[*]}`, `"${KIND_OPTS[@]}"`: shell_arrays.py)."""

from __future__ import annotations

from collections.abc import Mapping, Set

from ecr_mirror.choose.discovery.shell_arrays import array_name
from ecr_mirror.choose.discovery.shell_command_words import variable_name

_SPREAD = 32  # at most this many words from one variable


def option_values(words: list[str], option: str) -> list[str]:
    """The values a command's words give a repeatable option, `OPTION VALUE` or `OPTION=VALUE`, up to a `--`."""
    values: list[str] = []
    for index, word in enumerate(words):
        if word == "--":
            break
        if word.startswith(f"{option}="):
            values.append(word.removeprefix(f"{option}="))
        elif word == option and index + 1 < len(words):
            values.append(words[index + 1])
    return values


def spread_options(
    words: list[str], values: Mapping[str, Set[str]], arrays: Mapping[str, list[str]] | None = None
) -> list[str]:
    """`words` with each word that is one variable whose one value in the file is options (`--image $(KIND_IMAGE)`,
    `--image ${NODE_IMAGE} --wait 5m`: it starts with `-`) replaced by the value's words: make writes a variable's
    value into a recipe line before the shell splits it
    (https://www.gnu.org/software/make/manual/html_node/Variables-in-Recipes.html), and the shell splits an unquoted
    expansion (https://www.gnu.org/software/bash/manual/html_node/Word-Splitting.html). A variable of another value,
    of none or of several, stays as written. A word that expands a bash array of `arrays` (shell_arrays.py: each
    element any of its assignments gives) one element at least of which is an option is replaced by the elements'
    words (https://www.gnu.org/software/bash/manual/bash.html#Arrays); another array stays as written."""
    out: list[str] = []
    for word in words:
        array = arrays.get(array_name(word) or "") if arrays and word.startswith("$") else None
        if array is not None and any(element.startswith("-") for element in array):
            out += [part for element in array for part in element.split()]
            continue
        name = variable_name(word) if word.startswith("$") else None
        known = values.get(name, set()) if name is not None else set()
        value = next(iter(known)).strip() if len(known) == 1 else ""
        spread = value.split()
        out += spread if value.startswith("-") and len(spread) <= _SPREAD else [word]
    return out
