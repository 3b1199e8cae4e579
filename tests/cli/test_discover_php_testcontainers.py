"""`ecr-mirror discover` on PHP tests that start containers with Testcontainers for PHP
(https://github.com/testcontainers/testcontainers-php): `new GenericContainer('nginx:alpine')`, the older
`Container::make('redis:6.2.5')`, a class constant handed to one (`self::IMAGE`), and the image a container class of
the tree gives its parent from a version parameter's default (`parent::__construct('mysql:' . $version)` with
`$version = 'latest'`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MODULE = """\
<?php

declare(strict_types=1);

namespace Acme\\Testing\\Container;

use Testcontainers\\Container\\GenericContainer;

class KeyDbContainer extends GenericContainer
{
    public function __construct(string $version = '6.3.4', string $password = 'secret')
    {
        parent::__construct('eqalpha/keydb:' . $version);
        $this->withEnvironment(['KEYDB_PASSWORD' => $password]);
    }
}
"""

TEST = """\
<?php

namespace Acme\\Tests\\Integration;

use PHPUnit\\Framework\\TestCase;
use Testcontainers\\Container\\Container;
use Testcontainers\\Container\\GenericContainer;

class CacheTest extends TestCase
{
    private const PROXY_IMAGE = 'nginx:1.27-alpine';

    public function testLegacy(): void
    {
        $container = Container::make('redis:6.2.5');
        $container->run();
    }

    public function testGeneric(): void
    {
        $proxy = (new GenericContainer(self::PROXY_IMAGE))->start();
        $web = (new GenericContainer("httpd"))->start();
        $this->assertSame('postgres:16', 'postgres:16');
    }
}
"""

UNRELATED = """\
<?php

class Catalog
{
    public function box(): Box
    {
        return Container::make('books:shelf');
    }
}
"""


def test_php_testcontainers_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "src/Container/KeyDbContainer.php": MODULE,
            "tests/Integration/CacheTest.php": TEST,
            "src/Catalog.php": UNRELATED,
        },
    )
    rows = {(r["file"], r["line"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert rows == {
        ("src/Container/KeyDbContainer.php", 11, "eqalpha/keydb:6.3.4"),
        ("tests/Integration/CacheTest.php", 11, "nginx:1.27-alpine"),
        ("tests/Integration/CacheTest.php", 15, "redis:6.2.5"),
        ("tests/Integration/CacheTest.php", 22, "httpd:latest"),
    }
