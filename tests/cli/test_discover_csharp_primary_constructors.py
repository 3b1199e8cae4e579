"""`ecr-mirror discover` reads the image a C# fixture's builder is given as an interpolated string of its primary
constructor's parameters, once per class of the same file that derives from it with literal arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

PROJECT = '<Project><ItemGroup><PackageReference Include="Testcontainers.MariaDb" /></ItemGroup></Project>\n'

FIXTURES = """\
using Testcontainers.MariaDb;

namespace Acme.Tests;

public abstract class DatabaseTest(DatabaseTest.DatabaseFixture fixture)
{
    public abstract class DatabaseFixture(IMessageSink sink, string flavor, string version, string database = null)
        : ContainerFixture<MariaDbBuilder, MariaDbContainer>(sink)
    {
        protected override MariaDbBuilder Configure()
        {
            return new MariaDbBuilder($"acme/{flavor}-db:{version}-slim");
        }
    }

#if DB_LTS
    public sealed class LtsFixture(IMessageSink sink) : DatabaseFixture(sink, "community", "10.11");
    public sealed class LtsNamed(IMessageSink sink) : DatabaseFixture(sink, "community", "10.11", database: "app");
#endif

#if DB_NEXT
    public sealed class NextFixture(IMessageSink sink) : DatabaseFixture(sink, "enterprise", "11.4", "app");
#endif
    public sealed class FromSettingsFixture(IMessageSink sink) : DatabaseFixture(sink, Settings.Flavor, "12.0");
}
"""

# an interpolated string of a name that is no parameter of the class's primary constructor is not read
OTHER = """\
using Testcontainers.Redis;

public abstract class CacheFixture(string version)
{
    public RedisContainer Container { get; } = new RedisBuilder($"redis:{tag}-alpine").Build();
}

public sealed class Cache7Fixture() : CacheFixture("7.2");
"""


def test_each_derived_class_s_literal_arguments_fill_the_interpolated_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "tests/Acme.Tests/Acme.Tests.csproj": PROJECT,
        "tests/Acme.Tests/DatabaseTest.cs": FIXTURES,
        "tests/Acme.Tests/CacheFixture.cs": OTHER,
    }
    rows = {(f, line, ref, status) for f, line, _, _, ref, status in tree_rows(tree, tmp_path, monkeypatch, capsys)}
    assert rows == {
        ("tests/Acme.Tests/DatabaseTest.cs", 17, "acme/community-db:10.11-slim", "public"),
        ("tests/Acme.Tests/DatabaseTest.cs", 18, "acme/community-db:10.11-slim", "public"),
        ("tests/Acme.Tests/DatabaseTest.cs", 22, "acme/enterprise-db:11.4-slim", "public"),
    }
