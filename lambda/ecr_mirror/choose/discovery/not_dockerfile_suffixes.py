"""The extensions of files that are never Dockerfiles (pure): kinds.py opens no such file to look whether it starts like
one (a `notes.txt` starting with FROM)."""

from __future__ import annotations

# fmt: off
NOT_DOCKERFILE_SUFFIXES = frozenset([
    ".md", ".markdown", ".rst", ".txt", ".adoc", ".html", ".htm", ".css", ".scss", ".xml", ".svg", ".png", ".jpg",
    ".jpeg", ".gif", ".ico", ".webp", ".pdf", ".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf",
    ".properties", ".env", ".lock", ".sum", ".mod", ".py", ".pyc", ".pyi", ".go", ".rs", ".c", ".h", ".cc", ".cpp",
    ".hpp", ".java", ".kt", ".kts", ".scala", ".groovy", ".gradle", ".rb", ".php", ".js", ".mjs", ".cjs", ".ts",
    ".tsx", ".jsx", ".vue", ".swift", ".m", ".cs", ".fs", ".vb", ".lua", ".pl", ".pm", ".r", ".jl", ".ex", ".exs",
    ".erl", ".hs", ".ml", ".sql", ".sh", ".bash", ".zsh", ".fish", ".ps1", ".bat", ".cmd", ".mk", ".cmake", ".in",
    ".am", ".ac", ".patch", ".diff", ".csv", ".tsv", ".tf", ".hcl", ".proto", ".graphql", ".tpl", ".j2", ".jinja",
    ".tmpl", ".template", ".gz", ".tgz", ".zip", ".tar", ".xz", ".bz2", ".jar", ".so", ".a", ".o", ".dll", ".exe",
    ".bin", ".wasm", ".ttf", ".woff", ".woff2", ".otf", ".mp3", ".mp4", ".pem", ".crt", ".key", ".pub", ".asc",
    ".sig", ".gpg", ".log", ".out", ".csr", ".der", ".p12",
])
# fmt: on
