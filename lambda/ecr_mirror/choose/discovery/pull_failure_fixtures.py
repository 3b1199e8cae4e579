"""The image a script sets only to make its pull fail: a negative test's fixture, not read (pure).

A test or a fault-injection scenario of a Kubernetes project breaks a workload on purpose: it sets an image whose
name says it does not exist (`kubectl set image deployment/web web=ghcr.io/acme/app:v0-does-not-exist`, `oc set image
... quay.io/nonexistent/image:v999`) and waits for the kubelet to report the failure, the container's waiting reason
`ErrImagePull` then `ImagePullBackOff` (https://kubernetes.io/docs/concepts/containers/images/#imagepullbackoff).
No registry serves that image and none is meant to: mirroring it would fail, and its run needs it to stay missing.

Read (by kubectl.py, for the images kubectl's and oc's commands give a cluster, whose kubelet reports these
reasons): in a text that names `ErrImagePull` or `ImagePullBackOff` (what the script waits for), an image whose
name or tag says it does not exist (a word of a path component or of the tag: `nonexistent`, `non-existent`,
`nonexisting`, `does-not-exist`, `doesnotexist`, `doesnt-exist`, `not-exist`, any case, `-`/`_`/`.` between
words) is not kept; its other images are (a `busybox` the same script runs). A name saying so in a text that does not
expect the failure is kept: a manifest's `image: nonexisting` that a test applies is a pull the kubelet attempts,
judged elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ecr_mirror.choose.discovery.found import Found

# the kubelet's waiting reasons for a failed pull (https://kubernetes.io/docs/concepts/containers/images/)
_EXPECTS_FAILURE_RE = re.compile(r"\b(?:ErrImagePull|ImagePullBackOff)\b")
_SAYS_MISSING_RE = re.compile(
    r"(?:^|[-_./:])(?:non[-_.]?exist(?:e?nt|ing)|does[-_.]?not[-_.]?exist|doesn'?t[-_.]?exist|not[-_.]?exist(?:e?nt|ing)?)"
    r"(?=$|[-_./:@])",
    re.IGNORECASE,
)


def says_missing(reference: str) -> bool:
    """Whether an image's name or tag says it does not exist (see the module)."""
    name = reference.split("@", 1)[0]
    host, slash, rest = name.partition("/")
    return _SAYS_MISSING_RE.search(rest if slash and ("." in host or ":" in host) else name) is not None


def without_failure_fixtures(found: Sequence[Found], text: str) -> list[Found]:
    """`found`, less the images `text` sets only for their pull to fail (see the module)."""
    if not found or _EXPECTS_FAILURE_RE.search(text) is None:
        return list(found)
    return [item for item in found if not says_missing(item.text)]
