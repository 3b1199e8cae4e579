"""One image reference found in a file (pure)."""

from __future__ import annotations

from dataclasses import dataclass

DOCKERFILE_KIND = "Dockerfile"  # kinds.Kind.DOCKERFILE's name, for the modules kinds.py itself imports


@dataclass(frozen=True, slots=True)
class Found:
    """`text` is the reference after variable substitution, or as written when `problem` says why it cannot be.

    `use` names where the file uses it (`FROM`, `COPY --from`, `# syntax`, `image`, `services`, `container`, ...);
    `kind` is the file's kind (kinds.py sets it); `built` says where the tree builds this image before it is used
    (`docker build -t at Makefile:5`), when it does: it is not pulled; `optional` says why what uses it does not
    run by default (a chart component its values turn off): listed apart, and with the rest under --with-optional.
    """

    text: str
    origin: str  # the file, as shown to the user
    line: int | None = None
    problem: str | None = None
    use: str = ""
    kind: str = ""
    built: str | None = None
    optional: str | None = None

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.line else self.origin
