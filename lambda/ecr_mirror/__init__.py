"""ecr-mirror: copy public container images into a registry you own (Amazon ECR), digest-exact.

The layers, lowest first (each may import only those before it; `lint-imports` checks it):
    errors.py   the error tree every layer raises
    oci/        references, media types, pure manifest types, and the registry client
    trust/      policies and their verdicts from bytes, keys and clocks: signatures, attestations, age (pure)
    choose/     what to mirror: the image list, tag rules, platform filters, referrer indexes, target names (pure)
    mirror/     copying images, the run with its budgets, the report
    ecr/        Amazon ECR's control plane: login, repository creation
    function/   the Lambda front door          cli/   the command-line front door (never each other)
    lab/        local registries and images for the demo, the tests and the benchmark (not in the Lambda asset)
"""

from __future__ import annotations

__version__ = "0.1.0"
