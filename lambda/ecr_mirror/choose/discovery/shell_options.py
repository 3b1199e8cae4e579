"""The values a command's words give an option (pure): `kind create cluster --image X`, `kubectl run --image=X`."""

from __future__ import annotations


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
