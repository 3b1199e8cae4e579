"""`ecr-mirror discover` reads a Testcontainers source written with Windows line endings (CRLF, as .NET
projects edited on Windows often are) as it reads one written with LF: `private const string Image =
"...";\\r\\n` binds its name, at the same line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

FIXTURE = """\
using System;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Acme.Orders.Tests;

public class OrdersFixture : IAsyncLifetime
{
    private const string BrokerImage = "quay.io/acme/broker:2.4";

    public IContainer Broker { get; } = new ContainerBuilder(BrokerImage)
        .WithExposedPort(5672)
        .Build();

    public Task InitializeAsync() => Broker.StartAsync();
}
"""

JAVA = """\
package org.acme.orders;

import org.testcontainers.containers.GenericContainer;

class OrdersIT {
    private static final String CACHE_IMAGE = "valkey/valkey:8.1";

    GenericContainer<?> cache = new GenericContainer<>(CACHE_IMAGE);
}
"""


def test_sources_with_crlf_line_endings_are_read_as_with_lf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "tests/Acme.Orders.Tests/OrdersFixture.cs": FIXTURE.replace("\n", "\r\n"),
            "orders/src/test/java/org/acme/orders/OrdersIT.java": JAVA.replace("\n", "\r\n"),
        },
    )
    rows = {(r["file"], r["line"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert rows == {
        ("tests/Acme.Orders.Tests/OrdersFixture.cs", 9, "quay.io/acme/broker:2.4"),
        ("orders/src/test/java/org/acme/orders/OrdersIT.java", 6, "valkey/valkey:8.1"),
    }
