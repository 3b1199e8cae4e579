"""The images C# tests start with FluentDocker (Ductus.FluentDocker): `new Builder().UseContainer().UseImage("...")`,
a literal or a name the file binds to one, in a file that imports FluentDocker; a name bound to an environment
variable, an interpolated string, or `UseImage` in a file that does not import FluentDocker adds nothing."""

from __future__ import annotations

from ecr_mirror.choose.discovery.fluent_docker import MARK, fluent_docker_images

_FIXTURE = """\
using System;
using Ductus.FluentDocker.Builders;
using Ductus.FluentDocker.Services;

namespace Acme.Ldap.Tests;

public class LdapFixture : IDisposable {
	private const string IdpImage = "ghcr.io/acme/idp:2.1";
	private readonly string _dbImage = Environment.GetEnvironmentVariable("DB_IMAGE");
	private readonly IContainerService _ldap;

	public LdapFixture() {
		_ldap = new Builder()
			.UseContainer()
			.UseImage("rroemhild/test-openldap")
			.WithName("openldap")
			.Build();
		var idp = new Builder().UseContainer().UseImage(IdpImage, force: true).Build();
		var db = new Builder().UseContainer().UseImage(_dbImage).Build();
		var tagged = new Builder().UseContainer().UseImage($"postgres:{Version}").Build();
		// .UseImage("commented/out:1")
	}
}
"""

_OTHER = """\
using Acme.Images;

public class Catalog {
	public void Load() => registry.UseImage("acme/not-a-container:1");
}
"""


def test_a_fluent_docker_builder_s_image() -> None:
    found = fluent_docker_images(_FIXTURE, "tests/LdapFixture.cs")
    assert [(item.text, item.line, item.use, item.kind) for item in found] == [
        ("ghcr.io/acme/idp:2.1", 8, "fluentdocker", "C# source"),
        ("rroemhild/test-openldap", 15, "fluentdocker", "C# source"),
    ]


def test_a_file_that_does_not_import_fluent_docker_is_not_read() -> None:
    assert MARK in _FIXTURE.encode()
    assert MARK not in _OTHER.encode()
    assert fluent_docker_images(_OTHER, "src/Catalog.cs") == []
