"""A Go project's own helper package that starts containers with Testcontainers (`testredis.Start(t, img)`): the
images its callers hand it, literal or through a name bound to a literal in the caller's file, are pulled; so are
those the package's own tests hand it unqualified (`Start(t, testImage)`). A call of another package is not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

HELPER = """\
package redis

import (
\t"context"
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
\ttcredis "github.com/testcontainers/testcontainers-go/modules/redis"
)

type Option func(*Config)

// Start starts a Redis container for testing.
func Start(t testing.TB, img string, opts ...Option) *Container {
\tctr, err := tcredis.Run(context.Background(), img)
\t_ = testcontainers.CleanupContainer
\treturn wrap(ctr, err)
}

func WithReuse(name string) Option { return func(c *Config) { c.name = name } }
"""

CALLER = """\
package valkey

import (
\t"os"
\t"testing"

\ttestredis "github.com/acme/storage/testhelpers/redis"
)

const (
\t// valkeyImage is the default image used for running Valkey in tests.
\tvalkeyImage       = "public.ecr.aws/valkey/valkey:8"
\tvalkeyImageEnvVar = "TEST_VALKEY_IMAGE"
)

func newStore(t testing.TB, opts ...testredis.Option) *Storage {
\timg := valkeyImage
\tif fromEnv := os.Getenv(valkeyImageEnvVar); fromEnv != "" {
\t\timg = fromEnv
\t}
\tctr := testredis.Start(t, img, opts...)
\told := testredis.Start(t, "redis:6.2-alpine", testredis.WithReuse("valkey-benchmark"))
\treturn open(ctr, old)
}
"""

OTHER = """\
package cache

import (
\t"testing"

\t"github.com/acme/storage/internal/fixtures"
)

func TestCache(t *testing.T) {
\tfixtures.Start(t, "memcached:1.6")
}
"""

OWN_TEST = """\
package redis

import "testing"

const testImage = "redis:7"

func TestStart(t *testing.T) {
\tctr := Start(t, testImage)
\tcustomImage := "redis:6"
\tother := Start(t, customImage, WithReuse("custom"))
\t_, _ = ctr, other
}
"""

TREE = {
    "testhelpers/redis/go.mod": "module github.com/acme/storage/testhelpers/redis\n\ngo 1.25.0\n",
    "testhelpers/redis/redis.go": HELPER,
    "testhelpers/redis/redis_test.go": OWN_TEST,
    "valkey/go.mod": "module github.com/acme/storage/valkey\n",
    "valkey/valkey_test.go": CALLER,
    "cache/go.mod": "module github.com/acme/storage/cache\n",
    "cache/cache_test.go": OTHER,
    "internal/fixtures/go.mod": "module github.com/acme/storage/internal/fixtures\n",
    "internal/fixtures/fixtures.go": "package fixtures\n\nfunc Start(t any, name string) {}\n",
}


def test_images_handed_to_a_projects_testcontainers_helper_are_listed_at_their_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = [(r["file"], r["line"], r["use"], r["reference"]) for r in json.loads(capsys.readouterr().out)]
    assert records == [
        ("testhelpers/redis/redis_test.go", 5, "testcontainers (Start)", "redis:7"),
        ("testhelpers/redis/redis_test.go", 9, "testcontainers (Start)", "redis:6"),
        ("valkey/valkey_test.go", 12, "testcontainers (testredis.Start)", "public.ecr.aws/valkey/valkey:8"),
        ("valkey/valkey_test.go", 22, "testcontainers (testredis.Start)", "redis:6.2-alpine"),
    ]
