"""A documentation site's content folders (Docusaurus `docs/`, `versioned_docs/`, `blog/`; MkDocs' `docs_dir`; Hugo's
`content/`; a Sphinx source directory; Antora's `modules/`) hold samples for readers: not read, and counted, unless a
file of the repository names one (a script applying it, a CI step building it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import tree_records, write_tree

JOB = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: {name}
spec:
  template:
    spec:
      containers:
        - name: {name}
          image: {image}
"""

TREE = {
    # a Docusaurus site: its pages' assets and one copy per released version
    "site/docusaurus.config.ts": (
        "export default { title: 'Acme', presets: [['classic', {}]],\n"
        "  plugins: [['@docusaurus/plugin-client-redirects',\n"
        "    { redirects: [{ from: '/docs/*', to: '/docs/intro' }] }]] };\n"
    ),
    # the site's own pages link its content by URL path, and its components by path from the site: no use of it
    "site/src/pages/index.js": 'export default () => <Link to="/docs/guides">Guides</Link>; // docs/guides/assets\n',
    "site/package.json": '{"name": "acme-site", "scripts": {"build": "docusaurus build"}}\n',
    "site/docs/guides/assets/bootstrap-job.yaml": JOB.format(name="bootstrap", image="ghcr.io/acme/flux-cli:v0.35.0"),
    "site/versioned_docs/version-1.2.0/guides/assets/bootstrap-job.yaml": JOB.format(
        name="bootstrap", image="ghcr.io/acme/flux-cli:v0.29.5"
    ),
    "site/blog/2024-01-01-release/compose.yaml": "services:\n  demo:\n    image: acme/blog-demo:1.0\n",
    # ... one of them applied by the project's own end-to-end script: read
    "site/docs/quickstart/app.yaml": JOB.format(name="app", image="ghcr.io/acme/quickstart:2.1.0"),
    "hack/e2e.sh": "#!/bin/bash\nset -e\nkubectl apply -f site/docs/quickstart/app.yaml\n",
    # an MkDocs site whose docs_dir is not `docs`, and a folder of examples a CI step applies whole
    "mkdocs.yml": "site_name: Acme\ndocs_dir: handbook\n",
    "handbook/install/pod.yaml": JOB.format(name="sample", image="acme/handbook-sample:3"),
    "handbook/examples/redis.yaml": JOB.format(name="redis", image="redis:7.4"),
    ".github/workflows/e2e.yml": (
        "name: e2e\non: [push]\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: kubectl apply -f ./handbook/examples/\n"
    ),
    # a Sphinx source directory and a Hugo site
    "doc/source/conf.py": "project = 'acme'\nextensions = ['sphinx.ext.autodoc']\n",
    "doc/source/index.rst": "Acme\n====\n",
    "doc/source/examples/docker-compose.yml": "services:\n  db:\n    image: postgres:11-sphinx-sample\n",
    "web/hugo.toml": "baseURL = 'https://acme.example/'\n",
    "web/content/posts/Dockerfile": "FROM acme/hugo-post-sample:1\n",
    # an Antora component
    "manual/antora.yml": "name: acme\nversion: ~\n",
    "manual/modules/ROOT/examples/compose.yaml": "services:\n  kafka:\n    image: acme/antora-kafka:1\n",
    # a plain docs/ folder of no site, and a Dockerfile beside the site's configuration: read as before
    "docs/examples/output.yaml": JOB.format(name="rendered", image="ghcr.io/acme/rendered:0.1.2"),
    "site/Dockerfile": "FROM node:22-alpine\n",
}


def test_a_documentation_sites_pages_are_not_read_unless_the_repository_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    seen = {(r["file"], r["reference"]) for r in tree_records(TREE, tmp_path, capsys)}
    assert seen == {
        ("site/docs/quickstart/app.yaml", "ghcr.io/acme/quickstart:2.1.0"),  # hack/e2e.sh applies it
        ("handbook/examples/redis.yaml", "redis:7.4"),  # the workflow applies the folder
        ("docs/examples/output.yaml", "ghcr.io/acme/rendered:0.1.2"),  # no site configured beside docs/
        ("site/Dockerfile", "node:22-alpine"),  # beside the site's configuration, not in its content
    }


def test_the_skipped_pages_are_counted_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    err = capsys.readouterr().err
    assert "7 pages and assets of a documentation site (Docusaurus docs/, versioned_docs/, blog/;" in err
    for unread in ("site/versioned_docs/version-1.2.0/guides/assets/bootstrap-job.yaml", "handbook/install/pod.yaml"):
        assert unread in err or "and 4 more" in err
    assert "site/docs/quickstart/app.yaml" not in err


def test_a_site_folder_given_as_the_path_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path / "site" / "docs")
    assert main(["discover", ".", "--json"]) == 0
    assert "ghcr.io/acme/flux-cli:v0.35.0" in capsys.readouterr().out
