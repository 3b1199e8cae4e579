"""The Linux build images a Python source hands cibuildwheel through the environment it runs it with (pure).

cibuildwheel reads its options from the environment: `CIBW_MANYLINUX_<ARCH>_IMAGE` and `CIBW_MUSLLINUX_<ARCH>_IMAGE`
name the container the Linux wheels are built in, which it pulls (https://cibuildwheel.pypa.io/en/stable/options/
#linux-image). A test or a build script that runs it writes them in a dict of environment variables
(`utils.cibuildwheel_run(project_dir, add_env={"CIBW_MANYLINUX_X86_64_IMAGE": "dockcross/manylinux2014-x64"})`).

Read, in a Python source that names `cibuildwheel` (it runs the tool): each such key written as a string literal
and followed by `:` and a one-line string literal holding a `/` (an image with a registry or a namespace), at the
value's line. A pinned name (`manylinux_2_28`) selects the image the tool's version pins, which the file does not
say; a value that is no literal (a parametrized policy) is known only when the test runs: neither is read. The
keys of a file that does not name cibuildwheel are another program's settings, not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex

MARK = b"CIBW_"
_ENTRY_RE = re.compile(
    r"""(?P<q1>["'])(?P<key>CIBW_(?:MANY|MUSL)LINUX_[A-Z0-9_]+_IMAGE)(?P=q1)\s*:\s*"""
    r"""(?P<q2>["'])(?P<value>[^"'\s\\{}$]+)(?P=q2)"""
)


def cibuildwheel_env_images(text: str, origin: str) -> list[Found]:
    """The images the cibuildwheel Linux image options of a Python source's environment dicts name, in order."""
    if "cibuildwheel" not in text:
        return []
    lines = LineIndex(text)
    return [
        Found(
            entry["value"],
            origin,
            lines.line(entry.start("value")),
            use=f"{entry['key']} (cibuildwheel)",
            kind="Python source",
        )
        for entry in _ENTRY_RE.finditer(text)
        if "/" in entry["value"] and not lines.led_by(entry.start(), "#")
    ]
