"""Names shared by the lab's parts: the default account and the binaries it drives."""

from __future__ import annotations

DEFAULT_USER = "lab"
DEFAULT_PASSWORD = "lab-secret"  # a test password for local registries, not a secret
REGISTRY_BINARIES = ("docker-registry", "registry")  # Debian's name, then upstream's
REGISTRY_BINARY_ENV = "ECR_MIRROR_REGISTRY_BIN"
SKOPEO_BINARY_ENV = "ECR_MIRROR_SKOPEO_BIN"
