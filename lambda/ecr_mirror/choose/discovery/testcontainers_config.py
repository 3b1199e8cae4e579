"""The Ryuk image a Testcontainers for Java configuration file sets (pure).

Testcontainers for Java reads `testcontainers.properties` from the tests' classpath (a project's
`src/test/resources/testcontainers.properties`) and `~/.testcontainers.properties` (a file of that name in a tree is
one a CI setup copies there), https://java.testcontainers.org/features/configuration/. Its `ryuk.container.image`
names the image of Ryuk, the resource reaper Testcontainers starts before the first container of every test run
(unless `TESTCONTAINERS_RYUK_DISABLED` is set where the tests run), so the image is pulled by every run that starts
a container. The other `*.container.image` keys (`sshd`, `socat`, `compose`, `tinyimage`, `vncrecorder`) are images
pulled only by the features that use them, not listed. The file is Java properties syntax
(https://docs.oracle.com/javase/8/docs/api/java/util/Properties.html#load-java.io.Reader-): `key=value`,
`key: value` or `key value`, `#` and `!` comments; a line continued with `\\` is not read.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found

KIND = "Testcontainers configuration"
NAMES = frozenset(["testcontainers.properties", ".testcontainers.properties"])
_KEY = "ryuk.container.image"
_LINE_RE = re.compile(r"^[ \t\f]*(?P<key>[^\s=:#!]+)[ \t\f]*[=: \t\f][ \t\f]*(?P<value>\S[^\n]*?)[ \t\f]*$", re.M)


def is_testcontainers_config(path: str | PurePath) -> bool:
    """Whether a file is a Testcontainers for Java configuration file, by its name."""
    return PurePath(path).name in NAMES


def testcontainers_config_images(text: str, origin: str) -> list[Found]:
    """The `ryuk.container.image` of a Testcontainers configuration file (the last one given, as `load` keeps)."""
    found: list[Found] = []
    for match in _LINE_RE.finditer(text):
        if match.group("key") == _KEY and not match.group("value").endswith("\\"):
            line = text.count("\n", 0, match.start()) + 1
            found = [Found(match.group("value"), origin, line, None, _KEY, KIND)]
    return found
