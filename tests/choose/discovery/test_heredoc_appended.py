"""A heredoc appended (`>>`, `tee -a`) to a Dockerfile other commands of the script write: a fragment, whose bare
names may be stages of the part written before it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles

DEV_SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
tmp="$(mktemp -d)"
cd "${tmp}"

# the stages come from the project's Dockerfiles, renamed by sed
sed -E 's:^FROM system$:FROM system AS base:' "${src}/base/Dockerfile" >Dockerfile
sed -E 's:^(FROM [^ ]+)$:\\1 AS assets:' "${src}/assets/Dockerfile" >>Dockerfile

cat >>Dockerfile <<EOF
COPY --from=assets /work/static/ ./static/
FROM base AS dev
COPY --from=ghcr.io/example/tools:1.2 /bin/tool /bin/
EOF

tee -a "${tmp}/Dockerfile" >/dev/null <<'EOF'
FROM node
EOF

cat > "${tmp}/Dockerfile.probe" <<EOF
FROM busybox
COPY --from=helper /x /x
EOF
"""


def test_bare_names_of_an_appended_fragment_are_unresolved_and_images_with_a_tag_are_read() -> None:
    found = [(item.text, item.line, item.problem) for item in heredoc_dockerfiles(DEV_SCRIPT, "dev/run_dev.sh")]
    why = "appended to a Dockerfile other commands write: it may name a stage written before"
    assert found == [
        ("assets", 11, why),
        ("base", 12, why),
        ("ghcr.io/example/tools:1.2", 13, None),
        ("node", 17, why),
        ("busybox", 21, None),  # a whole Dockerfile written at once: read as before
        ("helper", 22, None),
    ]
