"""The initial image list (`images.txt`): the parameter's first value and the repositories to pre-create.

Parsing and naming come from the function's own package (`ecr_mirror.choose`), so the
repositories created at deploy time carry exactly the names the function pushes to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.choose.naming import ecr_name_problem, target_repository
from ecr_mirror.oci.reference import Reference

ADVANCED_TIER_MAX_BYTES = 8192


class ImageListError(ValueError):
    """images.txt cannot become the parameter's value (bad lines, empty, or too large)."""


@dataclass(frozen=True)
class InitialImageList:
    """The file's text, unchanged, and the target repository names its entries map to (sorted, unique)."""

    path: Path
    text: str
    repositories: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))


def load_initial_image_list(path: Path, *, prefix: str, parameter_path: str | None = None) -> InitialImageList:
    """Read and check `path`; refuse to deploy a list the function would reject line by line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ImageListError(f"cannot read the image list {str(path)!r}: {exc}") from exc
    parsed = parse_image_list(text, origin=str(path))
    sources: list[tuple[int, Reference]] = [(entry.line, entry.source) for entry in parsed.entries]
    sources += [(rule.line, rule.repository) for rule in parsed.rules if rule.repository]
    # ECR's repository name grammar (2-256 characters): refused here, naming the line, rather than by a failed
    # deploy (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html).
    problems = [str(error) for error in parsed.errors]
    for line, source in sources:
        if problem := ecr_name_problem(target_repository(source, prefix)):
            problems.append(f"line {line}: {problem}")
    if problems:
        raise ImageListError(f"{path}: {'; '.join(problems)}")
    if not text.strip():
        raise ImageListError(f"{path} is empty: an SSM parameter value cannot be empty")
    listing = InitialImageList(
        path=path,
        text=text,
        repositories=tuple(
            sorted(
                {target_repository(entry.source, prefix) for entry in parsed.entries}
                | {target_repository(rule.repository, prefix) for rule in parsed.rules if rule.repository}
            )
        ),
    )
    if listing.size > ADVANCED_TIER_MAX_BYTES:
        raise ImageListError(
            f"{path} is {listing.size} bytes; an SSM parameter holds at most {ADVANCED_TIER_MAX_BYTES}: "
            f"{_split_advice(parameter_path)}"
        )
    return listing


def _split_advice(parameter_path: str | None) -> str:
    """The fix for a list past one parameter: team lists under the path, each written with its tier (without
    `--tier`, put-parameter uses the account's default tier, Standard, 4 KB:
    https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-default-tier.html)."""
    keep = f"keep at most {ADVANCED_TIER_MAX_BYTES} bytes in this file and put the rest in lists under"
    if parameter_path is None:
        return f"{keep} a parameter path: set -c parameterPath=/ecr-mirror/images/ (docs/deploy.md)"
    return (
        f"{keep} {parameter_path} (aws ssm put-parameter --name {parameter_path}<team> --type String "
        "--tier Intelligent-Tiering --value file://<team>.txt)"
    )
