"""A command's words with each variable whose value is several words split into them, as the command runs (pure).

make expands a recipe line's variables before the shell reads it, and the shell splits an unquoted expansion into
words (https://www.gnu.org/software/make/manual/html_node/Variables-in-Recipes.html,
https://www.gnu.org/software/bash/manual/html_node/Word-Splitting.html): tetragon's `docker container run ...
$(CHECKPATCH_IMAGE_AND_ENTRY) $(CHECKPATCH_ARGS)`, with `CHECKPATCH_IMAGE_AND_ENTRY := --entrypoint /bin/bash
$(CHECKPATCH_IMAGE) /checkpatch/checkpatch.sh ...`, runs the image its value names after `--entrypoint /bin/bash`.
A word that is one variable and nothing else (`$(NAME)`, `${NAME}`, `$NAME`) is replaced by its value's words when
every value the file gives it is known and one holds a blank; a name with a value per branch of a conditional gives
one reading per value (at most `_READINGS` readings, the first such variable of the command only). Any other word,
and a variable of one word or of a value not known, stays as written for the image's reading; so does a variable
quoted where the command writes it (`--name "${name}"`: the shell does not split a quoted expansion) and one whose
value holds a quote (`local name="probe" cid status=""`, several names declared on one line; `EXTRA="-ti" run_build`,
an environment prefix of an indented line: no list of words the command takes). A variable one of whose values
holds a variable the file does not know is split into the values as written (`_written`): jupyterhub's
`ci/docker-db.sh`, `DOCKER_RUN_ARGS="-p 5432:5432 --env "POSTGRES_USER=${PGUSER}" ... postgres:15.1"` in one branch
and `... mysql:8.0` in the other, then `docker run --detach --name "$DOCKER_CONTAINER" $DOCKER_RUN_ARGS`.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_command_words import command_words, variable_name
from ecr_mirror.choose.discovery.shell_words import ShellValues

_READINGS = 8


def split_values(words: list[str], values: ShellValues, line: str = "") -> list[list[str]]:
    """The readings of `words` (one, as written, when no word is a variable of several words); `line`: the command's
    text as written, for the quotes around its words."""
    for index, word in enumerate(words):
        if "$" not in word or variable_name(word) is None or f'"{word}"' in line or f"'{word}'" in line:
            continue
        resolved = values.resolve_each(word)
        if any(problem is not None for _, problem in resolved):
            if (written := _written(word, values)) is not None:
                return [words[:index] + command_words(value) + words[index + 1 :] for value in written]
            continue
        if len(resolved) > _READINGS:
            continue
        if any(mark in value for value, _ in resolved for mark in "\"'"):
            continue
        if not any(len(value.split()) > 1 for value, _ in resolved):
            continue
        return [words[:index] + command_words(value) + words[index + 1 :] for value, _ in resolved]
    return [words]


def _written(word: str, values: ShellValues) -> list[str] | None:
    """The values a variable is assigned as written, each of several words, when one of its values holds a variable
    the file does not know (`--env "POSTGRES_USER=${PGUSER}"`, set by the caller): their words are read with the
    command's own, a word with such a variable staying as written (an option's value is no obstacle to the image;
    the image itself is then unresolved, naming it). None when a value is one word, appended to (`+=`), a default
    (`${NAME:-x}`) or runs a command (`$(...)`, backquotes): its words are not known."""
    written = sorted(values.values.get(variable_name(word) or "", set()))
    if not written or len(written) > _READINGS:
        return None
    for value in written:
        if value.startswith(("+", "${")) or "$(" in value or "`" in value or len(command_words(value)) < 2:
            return None
    return written
