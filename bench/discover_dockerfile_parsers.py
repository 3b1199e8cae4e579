"""`python -m bench.discover_dockerfile_parsers DIR...`: discover's Dockerfile reader against BuildKit's own parser.

The `dockerfile` package (PyPI; Go bindings to github.com/moby/buildkit/frontend/dockerfile/parser) is not a
dependency of ecr-mirror: install it in the environment that runs this comparison only. For every Dockerfile under
the directories (vendor/ and node_modules/ left out), both readers give what each instruction pulls before variable
substitution: (line, FROM image | COPY --from | RUN --mount from=). Differences are printed; the parser directives
(`# syntax=`, which BuildKit's parser consumes before giving instructions) are counted apart.

    pip install dockerfile && python -m bench.discover_dockerfile_parsers /tmp/corpus /tmp/corpus2
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ecr_mirror.choose.discovery.dockerfile import directives, instruction_sources, logical_lines
from ecr_mirror.choose.discovery.kinds import Kind, kind_of

Use = tuple[int, str, str]  # (line, use, text as written)


def ours(text: str) -> set[Use]:
    out: set[Use] = set()
    for line, instruction in logical_lines(text):
        keyword, _, rest = instruction.partition(" ")
        out |= {(line, use, source) for source, use in instruction_sources(keyword.upper(), rest)}
    return out


def buildkit(text: str, parse: Any) -> set[Use]:
    out: set[Use] = set()
    for command in parse(text):
        keyword = command.cmd.upper()
        rest = " ".join([*command.flags, *command.value])
        out |= {(command.start_line, use, source) for source, use in instruction_sources(keyword, rest)}
    return out


def _dockerfiles(roots: list[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        for directory, subdirectories, names in os.walk(root):
            subdirectories[:] = [d for d in subdirectories if d not in ("vendor", "node_modules", ".git")]
            found += [Path(directory) / n for n in names if kind_of(Path(directory) / n) is Kind.DOCKERFILE]
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    import dockerfile  # type: ignore[import-not-found]  # installed for this comparison only

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="+", type=Path)
    args = parser.parse_args(argv)
    files = _dockerfiles(args.roots)
    same = errors = syntax = 0
    for path in files:
        text = path.read_text(errors="replace")
        syntax += "syntax" in directives(text.splitlines())
        try:
            theirs = buildkit(text, dockerfile.parse_string)
        except dockerfile.GoParseError as exc:
            errors += 1
            print(f"{path}: BuildKit's parser fails: {exc}")
            continue
        mine = ours(text)
        if mine == theirs:
            same += 1
            continue
        print(f"{path}:\n  only discover: {sorted(mine - theirs)}\n  only BuildKit: {sorted(theirs - mine)}")
    print(
        f"{len(files)} Dockerfiles: {same} read the same by both, {errors} BuildKit's parser fails on, "
        f"{len(files) - same - errors} different; {syntax} with a `# syntax=` directive (not in BuildKit's output)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
