"""A documentation site's content folders: pages and the files they show readers, not read unless the tree names one.

A site generator builds a website from a folder of pages, and the manifests, compose files and Dockerfiles kept
there are assets the pages show or link for readers to copy (weave-gitops' `website/docs/secrets/assets/
sops-bootstrap-job.yaml`, and one copy per release under `website/versioned_docs/version-*/`): samples, which nothing
of the repository runs. The folders, each beside the generator's configuration:

- Docusaurus, a `docusaurus.config.{js,ts,mjs,cjs,mts,cts}`: `docs/` (the docs plugin's default `path`,
  https://docusaurus.io/docs/api/plugins/@docusaurus/plugin-content-docs#path), `versioned_docs/` (the copies
  `docusaurus docs:version` makes, https://docusaurus.io/docs/versioning) and `blog/`
  (https://docusaurus.io/docs/api/plugins/@docusaurus/plugin-content-blog#path);
- MkDocs, an `mkdocs.yml` (or `mkdocs.yaml`): its `docs_dir`, `docs` by default
  (https://www.mkdocs.org/user-guide/configuration/#docs_dir);
- Hugo, a `hugo.toml`, `hugo.yaml`, `hugo.yml` or `hugo.json`: `content/`
  (https://gohugo.io/getting-started/directory-structure/);
- Sphinx, a `conf.py` beside the root document `index.rst` (or `index.md`, `contents.rst`): the folder holding them,
  the source directory (https://www.sphinx-doc.org/en/master/usage/configuration.html);
- Antora, an `antora.yml` component descriptor: `modules/`
  (https://docs.antora.org/antora/latest/standard-directories/).

A file of such a folder that a file the walk reads names by its path, from the top of the walk or from the naming
file's directory (`kubectl apply -f website/docs/examples/app.yaml` in a script, a CI step building
`docs/Dockerfile`), or that lies in a folder so named (`kubectl apply -f docs/examples/`, or by a glob over it,
`docs/examples/*.yaml`), is read after all: the repository uses it as it is. The site's own sources beside its
configuration (`docusaurus.config.js`, `src/pages/index.js`, a Sphinx `conf.py`) link its pages by their URL paths
(`/docs/intro`): they name no file the repository uses, and an absolute path or a URL's path is not read as one. Only
a folder beside the configuration is taken; a plain `docs/` folder without one is read as any other (Grafana's
k8s-monitoring chart renders the `output.yaml` of each `docs/examples/` case in its tests).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.cli.discover_vendored import read_small

DOC_SITES = (
    "pages and assets of a documentation site (Docusaurus docs/, versioned_docs/, blog/; MkDocs docs_dir; Hugo "
    "content/; Sphinx source; Antora modules/) that no file of the repository names"
)
_DOCUSAURUS = tuple(f"docusaurus.config.{suffix}" for suffix in ("js", "ts", "mjs", "cjs", "mts", "cts"))
_DOCUSAURUS_FOLDERS = ("docs", "versioned_docs", "blog")
_MKDOCS = ("mkdocs.yml", "mkdocs.yaml")
_HUGO = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
_SPHINX_ROOTS = ("index.rst", "index.md", "contents.rst")
_DOCS_DIR_RE = re.compile(r"^docs_dir[ \t]*:[ \t]*(['\"]?)([\w./-]+)\1[ \t]*(?:#.*)?$", re.MULTILINE)
# the sources of a site (its configuration, its pages' components), which link its pages by their URL paths
_SITE_SOURCES = frozenset({".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts", ".md", ".mdx", ".py"})
# a word with a `/` in it, as a command line, a YAML value or a source string writes a path
_PATH_RE = re.compile(r"[\w.@+*-]*(?:/[\w.@+*-]+)+/?")


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(64 * 1024).decode("utf-8", "replace")
    except OSError:
        return ""


def _docs_dir(config: Path) -> str:
    """An MkDocs configuration's `docs_dir`, a folder below it (`docs` when it names none or one elsewhere)."""
    match = _DOCS_DIR_RE.search(_head(config))
    given = match[2].strip("/") if match else "docs"
    parts = Path(given).parts
    return given if parts and ".." not in parts and not given.startswith("/") else "docs"


def content_folders(directory: Path, names: Iterable[str]) -> set[str]:
    """The subfolders of `directory` (holding the files `names`) that a documentation site configured there builds
    its pages from (see the module); MkDocs' `docs_dir` may name a deeper folder (`site/docs`)."""
    present = set(names)
    out: set[str] = set()
    if present.intersection(_DOCUSAURUS):
        out.update(_DOCUSAURUS_FOLDERS)
    for config in present.intersection(_MKDOCS):
        out.add(_docs_dir(directory / config))
    if present.intersection(_HUGO):
        out.add("content")
    if "antora.yml" in present:
        out.add("modules")
    return out


def is_sphinx_source(directory: Path) -> bool:
    """Whether `directory` is a Sphinx source directory: its `conf.py` beside the root document."""
    return (directory / "conf.py").is_file() and any((directory / root).is_file() for root in _SPHINX_ROOTS)


def _under(path: Path, folders: list[Path]) -> bool:
    return any(path.is_relative_to(folder) for folder in folders)


def named_site_files(top: Path, read: list[Path], folders: list[Path]) -> tuple[list[Path], list[Path]]:
    """(the folders, the files) under the skipped site `folders` of `top` that the files `read` name by a path from
    `top` or from their own directory (see the module), each as the walk of `top` shows it."""
    if not folders:
        return [], []
    root = Path(os.path.normpath(top.absolute()))
    skipped = [Path(os.path.normpath(folder.absolute())) for folder in folders]
    names = {folder.name for folder in folders}
    directories: list[Path] = []
    files: list[Path] = []
    sites = [folder.parent for folder in skipped]
    for path in read:
        own = Path(os.path.normpath(path.absolute()))
        if own.suffix.lower() in _SITE_SOURCES and _under(own, sites):
            continue  # the site's own configuration and components link its pages (`/docs/intro`): no use of them
        text = read_small(path)
        if text is None or not any(name in text for name in names):
            continue
        bases = {root, own.parent}
        for match in _PATH_RE.finditer(text):
            if match[0].startswith("/") and text[match.start() - 1 : match.start()] not in (")", "}"):
                continue  # an absolute path or a URL's path (`/docs/intro`); `$(ROOT)/docs/...` is from the top
            written = match[0].strip("/")  # a glob names the folder before its first pattern (`docs/examples/*.yaml`)
            written = "/".join(itertools.takewhile(lambda part: "*" not in part, written.split("/")))
            if not written or not any(name in written for name in names):
                continue
            for base in bases:
                target = Path(os.path.normpath(base / written))
                if not _under(target, skipped) or not target.exists():
                    continue
                shown = top / target.relative_to(root) if target.is_relative_to(root) else None
                if shown is None:
                    continue
                if target.is_dir() and shown not in directories:
                    directories.append(shown)
                elif target.is_file() and shown not in files:
                    files.append(shown)
    directories = [d for d in directories if not any(d != o and d.is_relative_to(o) for o in directories)]
    return directories, [f for f in files if not any(f.is_relative_to(d) for d in directories)]
