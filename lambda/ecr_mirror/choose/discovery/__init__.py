"""Which images a source tree uses, read from its build and deploy files (pure: parsers take text, not paths).

kinds.py names the file kinds by file name and dispatches to the parsers: dockerfile.py (Dockerfile, Containerfile)
and yaml_sources.py (compose files, Kubernetes and Helm-rendered manifests, GitHub Actions workflows,
.gitlab-ci.yml). Each returns `Found` items (found.py): a reference as written after variable substitution
(variables.py), or, when it cannot be resolved, the text with the reason. listing.py normalises and merges them,
leaves out private registries and the mirror, and compares with an image list; render.py prints the line or
rules form. The command line (cli/discover_command.py, cli/discover_found.py) walks the tree and reads the files.
"""
