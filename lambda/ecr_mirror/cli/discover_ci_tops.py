"""Where CI systems read their files: only at the top of a repository. Of a walk, the top of the walk (a PATH names
the repository's top, or a folder the user wants read as one) or a directory holding `.git` (a repository inside the
tree). Woodpecker reads `.woodpecker.yaml` and `.woodpecker/*.yaml` there, Cirrus CI `.cirrus.yml`: deeper ones are
read as other YAML. GitHub Actions runs "the .github/workflows directory in a repository", the root's
(https://docs.github.com/en/actions/writing-workflows/about-workflows), and a reusable workflow of the same
repository is called as `./.github/workflows/x.yml` only (https://docs.github.com/en/actions/sharing-automations/
reusing-workflows#calling-a-reusable-workflow): a nested folder's `.github/workflows/` (an app of a monorepo that
was once a repository of its own, a cookiecutter template's `{{cookiecutter.name}}/.github/workflows/`, a vendored
action's own CI) never runs here. Its files are skipped and counted, not read as workflow-shaped YAML, unless named
as a PATH (the file, or a folder at or below the directory holding that `.github`). Action metadata (`action.yml`)
is not concerned: a workflow step may call a local action anywhere in the repository (`uses: ./tools/lint`).
CircleCI reads the `.circleci/` folder "at the root of your project" (https://circleci.com/docs/config-intro/): a
nested folder's (SunbirdEd-portal's `src/desktop/OpenRAP/.circleci/config.yml`, a sub-project once a repository of its
own) is skipped and counted so too.
"""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.kinds import Kind

NESTED_WORKFLOWS = (
    "GitHub Actions workflows of a nested folder's .github/workflows/ (GitHub runs only the repository root's; "
    "name the folder or file as a PATH to read them)"
)


NESTED_CIRCLECI = (
    "CircleCI configurations of a nested folder's .circleci/ (CircleCI reads only the repository root's; "
    "name the folder or file as a PATH to read them)"
)


def _at_top(directory: Path, top: Path) -> bool:
    return directory.absolute() == top.absolute() or (directory / ".git").exists()


def ci_top(path: Path, top: Path) -> bool:
    """Whether a Woodpecker workflow (`.woodpecker.yaml`, `.woodpecker/*.yaml`) or a Cirrus CI configuration
    (`.cirrus.yml`) is where its CI reads it: at the top of the walk, or of a repository inside it."""
    return _at_top(path.parent if path.name.startswith((".woodpecker.", ".cirrus.")) else path.parent.parent, top)


def nested_workflow(path: Path, top: Path) -> bool:
    """Whether `path`, a file of a `.github/workflows/` directory, is in a nested folder's: the directory holding
    its `.github` is below the top of the walk and holds no `.git` (a walk starting at or inside that `.github`
    reads it)."""
    holder = path.parent.parent.parent
    return holder.absolute().is_relative_to(top.absolute()) and not _at_top(holder, top)


def nested_circleci(path: Path, top: Path) -> bool:
    """Whether `path`, a file of a `.circleci/` folder, is in a nested folder's: the directory holding that
    `.circleci` is below the top of the walk and holds no `.git`."""
    folder = next((parent for parent in path.parents if parent.name == ".circleci"), None)
    if folder is None:
        return False
    holder = folder.parent
    return holder.absolute().is_relative_to(top.absolute()) and not _at_top(holder, top)


def nested_ci(kind: Kind | None, path: Path, top: Path) -> str | None:
    """Why a workflow or a CircleCI configuration of a nested folder is skipped; None for any other file."""
    if kind is Kind.WORKFLOW and nested_workflow(path, top):
        return NESTED_WORKFLOWS
    return NESTED_CIRCLECI if kind is Kind.CIRCLECI and nested_circleci(path, top) else None
