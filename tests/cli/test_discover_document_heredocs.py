"""A heredoc a script writes into a document (release notes in Markdown, a workflow's job summary) is text for a
reader: the `docker pull` lines it shows are instructions to users, not commands the script runs."""

from __future__ import annotations

from ecr_mirror.choose.discovery.document_heredocs import without_document_heredocs
from ecr_mirror.cli.discover_scripts import command_pulls
from tests.support.hang_guard import finishes

RELEASE = """\
#!/usr/bin/env bash
REGISTRY=ghcr.io
IMAGE=acme-exporter
docker pull alpine:3.20
cat > "${OUT_DIR}/RELEASE_NOTES.md" <<EOF
# acme-exporter ${VERSION}
EOF
cat >> "${OUT_DIR}/RELEASE_NOTES.md" <<EOF

### Container images
\\`\\`\\`bash
docker pull ${REGISTRY}/${IMAGE}:${VERSION}
docker pull ${REGISTRY}/${IMAGE}:latest
\\`\\`\\`
EOF
tee -a docs/INSTALL.rst <<'END'
  docker run --rm ghcr.io/acme/acme-exporter:1.0.0 --help
END
docker run --rm busybox:1.36 true
"""

SUMMARY = """\
cat >> $GITHUB_STEP_SUMMARY << 'EOF'
## Try it
    docker pull ghcr.io/acme/app:nightly
EOF
cat <<-EOF >> "${GITHUB_STEP_SUMMARY}"
	docker run ghcr.io/acme/app:edge
	EOF
docker pull redis:7.2
"""

KEPT = """\
cat > run.sh <<EOF
docker pull postgres:16
EOF
bash run.sh
cat <<EOF | bash
docker pull mysql:8.4
EOF
ssh build-host <<EOF
docker pull mariadb:11.4
EOF
"""


def _listed(text: str, shown: str) -> list[tuple[str, int]]:
    return [(item.text, item.line or 0) for item in command_pulls(text, shown) if item.problem is None]


def test_release_notes_written_in_heredocs_are_not_pulls() -> None:
    assert _listed(RELEASE, "scripts/build-release.sh") == [("alpine:3.20", 4), ("busybox:1.36", 19)]


def test_a_job_summary_written_in_heredocs_is_not_a_pull() -> None:
    assert _listed(SUMMARY, "scripts/summary.sh") == [("redis:7.2", 8)]


def test_heredocs_a_shell_runs_or_a_script_file_are_kept() -> None:
    assert [text for text, _ in _listed(KEPT, "scripts/remote.sh")] == ["postgres:16", "mysql:8.4", "mariadb:11.4"]


def test_the_lines_keep_their_numbers_and_an_unclosed_body_runs_to_the_end() -> None:
    text = "cat > NOTES.md <<EOF\ndocker pull a:1\n"
    assert without_document_heredocs(text) == "cat > NOTES.md <<EOF\n\n"
    assert without_document_heredocs(RELEASE).count("\n") == RELEASE.count("\n")


def test_huge_unclosed_heredocs_stay_linear() -> None:
    text = "cat >> $GITHUB_STEP_SUMMARY <<EOF\n" + "docker pull x:1 <<A <<B\n" * 200_000
    assert finishes(without_document_heredocs, text).count("\n") == text.count("\n")
    many = "cat > a.md <<EOF\nEOF\n" * 100_000
    assert finishes(without_document_heredocs, many) == many
