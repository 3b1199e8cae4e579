"""Every error ecr-mirror raises, in one tree.

MirrorError                      base: a message a person can act on
├── ReferenceError_              an image reference is malformed (quotes the input)
├── ConfigError                  the image list is malformed (names the line)
├── SecurityError                a request was refused by our own policy (scheme, host, redirect)
├── IntegrityError               bytes did not match their digest or size
│   └── IncompleteBlobError      a blob stream ended early (restartable)
├── SourceStreamError            a blob download kept breaking without progress (after resuming)
├── StallError                   a body moved less than the throughput floor for a whole window
├── UnsupportedError             schema1, oversized manifest, unknown media type
├── NoMatchingPlatform           a platform filter leaves nothing to copy (the image is skipped)
├── TagConflictError             the target tag is immutable and holds another digest
├── TrustError                   a policy's key or state cannot be used (names the key or the file)
├── RateLimitedError             the source's pull budget is spent (image is deferred)
└── RegistryError                an HTTP answer from a registry that we could not use
    └── AuthError                401/403 after trying our credentials
"""

from __future__ import annotations

from dataclasses import dataclass, field


class MirrorError(Exception):
    """Base class: the message says what failed and, where possible, what to do."""


class ReferenceError_(MirrorError, ValueError):
    """An image reference could not be parsed."""


class ConfigError(MirrorError, ValueError):
    """The image list (file or SSM parameter) is malformed."""


class SecurityError(MirrorError):
    """A URL, redirect or token realm was refused by the transport policy."""


class IntegrityError(MirrorError):
    """Content did not hash to its digest, or its length differed from the descriptor."""


class IncompleteBlobError(IntegrityError):
    """A blob stream ended early: a broken connection, worth restarting (unlike a wrong digest)."""


class SourceStreamError(MirrorError):
    """A blob's download from the source broke, again and again, without progress: a source error, not an upload's."""


class StallError(MirrorError):
    """A response body moved fewer bytes than the floor allows over a whole window: the transfer is given up."""


class UnsupportedError(MirrorError):
    """Content we refuse to mirror: schema1 manifests, oversized manifests, unknown media types."""


class NoMatchingPlatform(MirrorError):
    """A platform filter leaves nothing of this image: it is skipped with this reason, not failed."""


class TagConflictError(MirrorError):
    """The target tag exists with another digest and cannot be overwritten (immutable tags)."""


class TrustError(MirrorError):
    """A policy cannot be applied: its key cannot be read or loaded, or the first-seen state is corrupt."""


class RateLimitedError(MirrorError):
    """The source registry's pull quota (minus the reserve) is spent."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(eq=False)
class RegistryError(MirrorError):
    """A registry answered with an HTTP error; keeps the status and the spec's error codes."""

    message: str
    status: int = 0
    codes: list[str] = field(default_factory=list)
    url: str = ""
    retry_after: float | None = None  # the registry's Retry-After, when it sent one

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    @property
    def temporary(self) -> bool:
        """Whether retrying the same request later may succeed."""
        return self.status == 429 or self.status >= 500 or self.status == 0


@dataclass(eq=False)
class AuthError(RegistryError):
    """Authentication or authorization failed at a registry."""

    @property
    def temporary(self) -> bool:
        return False
