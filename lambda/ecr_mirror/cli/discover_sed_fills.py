"""The images of the files a script fills in with `sed -i` (the parsing is choose/discovery/sed_fills.py).

A script that copies `artifacts/deploy/karmada-apiserver.yaml`, replaces its `{{karmada_apiserver_version}}` with
`${KARMADA_APISERVER_VERSION}` and applies it pulls `registry.k8s.io/kube-apiserver:<that version>`: each `image:`
line of the file that a fill changes is read with every fill of the script applied, at the file's line, its use
naming the sed (`image (filled by sed at hack/deploy-karmada.sh:360)`), `kind` `Kubernetes manifest`. The file is
looked up where the script's path to it says (its directory, for `$(dirname "$0")` and the like), else, for a path
from where the script runs, from the script's directory and up to three directories above (scripts are most often
run from the repository's top). Read with the env a workflow step gives the script (cli/discover_step_scripts.py),
each value the step gives is a use of its own.

A Dockerfile template that a Makefile recipe or a script renders with sed into the file it builds (Kubernetes'
go-build-template: `sed -e 's|{ARG_FROM}|$(BASE_IMAGE)|g' Dockerfile.in > .dockerfile-$(BIN)-$(OS)_$(ARCH)`, then
`docker buildx build -f .dockerfile-...`) is read the same way: the template, a Dockerfile by its name, with every
fill of the seds that write it out applied (`>`, `>>`; GNU sed prints the edited text to standard output,
https://www.gnu.org/software/sed/manual/sed.html#Overview), its `FROM` lines that a fill changed at their lines,
`use` `FROM (filled by sed at Makefile:LINE)`; each such sed reads the template as it stands, so two of them (one per
branch of an `if`, one per architecture) are two renderings, each with its own fills. A sed that only prints, or
pipes its output on, writes no file.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.sed_fills import SedFill, filled, rendered_fills, sed_fills
from ecr_mirror.choose.discovery.yaml_loader import located

KIND = "Kubernetes manifest"
_IMAGE_RE = re.compile(r"^[ \t]*(?:-[ \t]+)?[\"']?image[\"']?[ \t]*:[ \t]*[\"']?(?P<image>[^\"'\s#]+)")
_UP = 3  # directories above the script's where a path from the working directory is looked for
_MAX_BYTES = 1_000_000


def script_file(shown: str, anchor: str, written: str) -> str | None:
    """The file a line of the script `shown` names (anchor and path, sourced_paths.source_target), as shown (None:
    not in the tree): from the script's directory, or for a path from where the script runs, from it and up to three
    directories above."""
    here = os.path.dirname(shown)
    bases = [here] if anchor in ("I", "F") else [os.path.join(here, *[".."] * up) for up in range(_UP + 1)]
    for base in bases:
        path = os.path.normpath(os.path.join(base, written))
        if Path(path).is_file():
            return path
    return None


def _target(shown: str, fill: SedFill) -> str | None:
    """The file a fill edits, as shown (None: not in the tree)."""
    return script_file(shown, fill.anchor, fill.path)


def _by_file(shown: str, fills: list[SedFill]) -> dict[str, list[SedFill]]:
    """The fills of the script `shown` by the file of the tree they edit, as shown, in order."""
    by_file: dict[str, list[SedFill]] = {}
    for fill in fills:
        if (target := _target(shown, fill)) is not None:
            by_file.setdefault(target, []).append(fill)
    return by_file


def sed_rendered_dockerfiles(text: str, shown: str) -> list[Found]:
    """The images of the Dockerfile templates the seds of the script or makefile `shown` render into the file they
    build: the `FROM` lines a fill changes, at the template's lines, each once."""
    found: list[Found] = []
    for target, fills in _by_file(shown, rendered_fills(text)).items():
        path = Path(target)
        if kind_of(target) is not Kind.DOCKERFILE or path.stat().st_size > _MAX_BYTES:
            continue
        lines = path.read_text(errors="replace").splitlines()
        # each sed that writes a rendering reads the template as it stands (its edits go to its output, not to the
        # template): one rendering per sed command, not every fill of the script in a row (sonobuoy's
        # `gen_dockerfile_for_os_arch` fills `FROM BASEIMAGE` with another distroless base in each `elif` branch)
        for command in dict.fromkeys(fill.line for fill in fills):
            own = [fill for fill in fills if fill.line == command]
            rendered = [filled(line, own) for line in lines]
            changed = {number: by for number, (_, by) in enumerate(rendered, start=1) if by is not None}
            for item in dockerfile_images("\n".join(line for line, _ in rendered) + "\n", target):
                if (by := changed.get(item.line or 0)) is not None:
                    noted = dataclasses.replace(item, use=f"{item.use} (filled by sed at {shown}:{by.line})")
                    found += [noted] if noted not in found else []
    return found


def sed_filled_images(text: str, shown: str) -> list[Found]:
    """The images of the `image:` lines the in-place seds of the script `shown` fill in, each once."""
    by_file = _by_file(shown, sed_fills(text))
    found: list[Found] = []
    for target, fills in by_file.items():
        path = Path(target)
        if path.stat().st_size > _MAX_BYTES:
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), start=1):
            if (match := _IMAGE_RE.match(line)) is None:
                continue
            image, by = filled(match["image"], fills)
            if by is None:
                continue
            use = f"image (filled by sed at {shown}:{by.line})"
            item = found_item(located(image, number), target, use)
            if item is not None and (item := _with_kind(item)) not in found:
                found.append(item)
    return found


def _with_kind(item: Found) -> Found:
    return Found(item.text, item.origin, item.line, item.problem, item.use, KIND, item.built)
