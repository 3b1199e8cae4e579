"""ecr-mirror: copy public container images into a registry you own (Amazon ECR), digest-exact.

Public surface:
    parse_reference, Reference          image references (reference.py)
    CredentialStore, Credentials        who we are at each registry (auth.py)
    MirrorOptions, Job, mirror          the engine (engine.py)
    Report, ImageResult, Status         what happened (report.py)
"""

from __future__ import annotations

__version__ = "0.1.0"
