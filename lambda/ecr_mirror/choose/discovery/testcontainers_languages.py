"""The source languages discover reads Testcontainers in, by file suffix, and those whose library is named otherwise
or read by a module of their own (pure; testcontainers.py reads the sources)."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.choose.discovery.elixir_containers import elixir_container_images, uses_elixir_testcontainers
from ecr_mirror.choose.discovery.haskell_containers import haskell_container_images, uses_haskell_testcontainers
from ecr_mirror.choose.discovery.php_containers import php_container_images, uses_php_testcontainers
from ecr_mirror.choose.discovery.ruby_containers import ruby_container_images, uses_ruby_testcontainers
from ecr_mirror.choose.discovery.scala_containers import scala_container_images

LANGUAGES = {
    ".go": "Go",
    ".java": "Java",
    ".kt": "Kotlin",
    ".groovy": "Groovy",  # Spock specifications; a Groovy file that is a pipeline is read as a Jenkinsfile
    ".scala": "Scala",  # testcontainers-scala and the Java library (scala_containers.py)
    ".py": "Python",
    ".js": "JavaScript",
    ".mjs": "JavaScript",
    ".cjs": "JavaScript",
    ".ts": "TypeScript",
    ".mts": "TypeScript",
    ".cts": "TypeScript",
    ".cs": "C#",
    ".rb": "Ruby",  # Testcontainers for Ruby (ruby_containers.py)
    ".ex": "Elixir",  # Testcontainers for Elixir (elixir_containers.py)
    ".exs": "Elixir",
    ".hs": "Haskell",  # testcontainers-hs (haskell_containers.py)
    ".php": "PHP",  # Testcontainers for PHP (php_containers.py)
}
SOURCE_SUFFIXES = frozenset(LANGUAGES) | {".rs"}  # Rust sources: rust_testcontainers.py, through cli/discover_rust.py
# languages whose libraries are named otherwise (`require "testcontainers"`, Elixir's and Haskell's module names)
USES = {
    "Ruby": uses_ruby_testcontainers,
    "Elixir": uses_elixir_testcontainers,
    "Haskell": uses_haskell_testcontainers,
    "PHP": uses_php_testcontainers,
}


# languages read by a module of their own, from the text alone
OWN_READERS: dict[str, Callable[[str], list[tuple[int, str]]]] = {
    "Scala": scala_container_images,
    "Ruby": ruby_container_images,
    "Elixir": elixir_container_images,
    "Haskell": haskell_container_images,
    "PHP": php_container_images,
}
