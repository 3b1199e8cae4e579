"""`ecr-mirror discover` lists the images a JVM library starts with Testcontainers from a property it reads with a
default (a Spring `Environment`'s `getProperty("key", "default")`, handed on to `DockerImageName.parse(...)`), and the
images the tree gives that property: Gradle test tasks setting it as a system property or (Spring's relaxed binding)
an environment variable, from a version list of the same build file, and test sources setting it
(`@TestPropertySource(properties = "key=value")`, `environment.setProperty("key", "value")`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

PROVIDER = """\
package org.acme.embedded.postgres;

import org.springframework.core.env.Environment;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

public class DockerPostgresProvider {

    private final Config config;

    public DockerPostgresProvider(Environment environment) {
        String dockerImage = environment.getProperty("acme.db.postgres.docker.image", "postgres:15-alpine");
        String banner = environment.getProperty("acme.db.postgres.banner", "acme/banner:1.0");
        String tmpfs = environment.getProperty("acme.db.postgres.docker.tmpfs", "rw,noexec");
        this.config = new Config(dockerImage, tmpfs, banner);
    }

    private static PostgreSQLContainer<?> start(String dockerImage) {
        return new PostgreSQLContainer<>(DockerImageName.parse(dockerImage).asCompatibleSubstituteFor("postgres"));
    }

    private static final class Config {
        private final String dockerImage;
        private final String tmpfs;
        private final String banner;

        private Config(String dockerImage, String tmpfs, String banner) {
            this.dockerImage = dockerImage;
            this.tmpfs = tmpfs;
            this.banner = banner;
        }
    }
}
"""

CONFIGURED_TEST = """\
package org.acme.embedded;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {
        "acme.db.provider=docker",
        "acme.db.postgres.docker.image=postgres:11.22-alpine",
        "acme.db.postgres.banner=acme/banner:2.0"
})
public class ConfiguredPostgresIT {
}
"""

UNIT_TEST = """\
package org.acme.embedded.postgres;

import org.springframework.mock.env.MockEnvironment;

public class DockerPostgresProviderTest {

    void configured() {
        MockEnvironment environment = new MockEnvironment();
        environment.setProperty("acme.db.postgres.docker.image", "postgis/postgis:15-3.4-alpine");
    }

    void equality() {
        Map<String, String> properties = new HashMap<>();
        properties.put("acme.db.postgres.docker.image", "placeholder-image");
        environment.setProperty("acme.db.postgres.docker.image", "other-placeholder");
    }
}
"""

BUILD_GRADLE = """\
plugins {
    id 'java-library'
}

ext {
    pgLatest = '17.2'
    suites = [
            [name: 'default', versions: [
                    [name: 'suite', driver: 'default']
            ]],
            [name: 'postgres', versions: [
                    [name: '13', postgres: '13.18', redis: '7.2'],
                    [name: '16', postgres: '16.6']
            ]],
    ]
}

suites.find { it.name == 'postgres' }.versions << [name: '14', postgres: '14.15']

subprojects {
    suites.tail().each { suite ->
        suite.versions.each { version ->
            task "test_${suite.name}_${version.name}"(type: Test, group: 'verification') {
                if (version.postgres) {
                    environment 'ACME_DB_POSTGRES_DOCKER_IMAGE', "postgres:${version.postgres}-alpine"
                    environment 'ACME_DB_POSTGRES_BANNER', "acme/banner:${version.postgres}"
                }
                if (version.redis) {
                    environment 'REDIS_IMAGE', "redis:${version.redis}"
                }
            }
            check.dependsOn("test_${suite.name}_${version.name}")
        }
    }

    task testLatest(type: Test) {
        systemProperty 'acme.db.postgres.docker.image', "postgres:${pgLatest}"
        systemProperty 'acme.db.postgres.docker.tmpfs', 'rw'
    }
}
"""


def _listed(tmp_path: Path, files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    write_tree(tmp_path, files)
    assert main(["discover", str(tmp_path)]) == 0
    return [line.split()[0] for line in capsys.readouterr().out.splitlines()]


def test_gradle_test_tasks_and_test_sources_give_the_library_property_its_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    listed = _listed(
        tmp_path,
        {
            "build.gradle": BUILD_GRADLE,
            "db/src/main/java/org/acme/embedded/postgres/DockerPostgresProvider.java": PROVIDER,
            "db/src/test/java/org/acme/embedded/ConfiguredPostgresIT.java": CONFIGURED_TEST,
            "db/src/test/java/org/acme/embedded/postgres/DockerPostgresProviderTest.java": UNIT_TEST,
        },
        capsys,
    )
    assert listed == [
        "postgis/postgis:15-3.4-alpine",
        "postgres:11.22-alpine",
        "postgres:13.18-alpine",
        "postgres:14.15-alpine",
        "postgres:15-alpine",
        "postgres:16.6-alpine",
        "postgres:17.2",
    ]


def test_without_a_source_reading_the_property_the_build_gives_no_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _listed(tmp_path, {"build.gradle": BUILD_GRADLE, "ConfiguredPostgresIT.java": CONFIGURED_TEST}, capsys) == []


KOTLIN_BUILD = """\
val postgresVersions = listOf("13", "14")

postgresVersions.forEach { v ->
    tasks.register<Test>("testPostgres$v") {
        environment("ACME_DB_POSTGRES_DOCKER_IMAGE", "postgres:$v-alpine")
    }
}

tasks.test {
    systemProperty("acme.db.postgres.docker.image", "postgres:12")
    environment("OTHER_IMAGE", "busybox:1.36")
}
"""


def test_a_kotlin_build_over_a_list_of_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    listed = _listed(
        tmp_path,
        {"build.gradle.kts": KOTLIN_BUILD, "src/main/java/org/acme/embedded/postgres/P.java": PROVIDER},
        capsys,
    )
    assert listed == ["postgres:12", "postgres:13-alpine", "postgres:14-alpine", "postgres:15-alpine"]
