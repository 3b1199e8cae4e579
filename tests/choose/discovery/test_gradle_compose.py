"""The compose runs of the Gradle docker-compose plugin (`com.avast.gradle.docker-compose`): the files each
`dockerCompose` configuration (and each nested one) runs, with the environment it gives them."""

from __future__ import annotations

from ecr_mirror.choose.discovery.gradle_compose import gradle_compose_runs, gradle_properties
from ecr_mirror.choose.discovery.workflow_steps import ComposeRun

BUILD = """\
buildscript {
    dependencies { classpath "com.avast.gradle:gradle-docker-compose-plugin:$dockerComposePluginVersion" }
}
apply plugin: 'docker-compose'

dockerCompose {
    environment.put "COMMON_VERSION", commonImageVersion
    environment.put("CDC_VERSION", "${cdcImageVersion}")
    environment.put 'FIXED', '1.2'
    environment.put "FROM_ENV", System.getenv("TAG")
    removeOrphans = true

    kafka {
        projectName = null
        useComposeFiles = ["docker-compose-kafka.yml"]
    }

    redis {
        useComposeFiles = ['compose/redis.yml', "docker-compose-extra.yml"]
        environment.put "REDIS_TAG", project.redisTag
    }
}

task other { doLast { println "useComposeFiles = ['not-this.yml']" } }
"""

PROPERTIES = """\
# versions
commonImageVersion=0.22.0.BUILD-SNAPSHOT
cdcImageVersion = 0.20.0.BUILD-SNAPSHOT
redisTag: 7.2
"""


def test_each_configuration_runs_its_files_with_the_environment_it_inherits() -> None:
    properties = gradle_properties(PROPERTIES)
    assert properties == {
        "commonImageVersion": "0.22.0.BUILD-SNAPSHOT",
        "cdcImageVersion": "0.20.0.BUILD-SNAPSHOT",
        "redisTag": "7.2",
    }
    common = (("CDC_VERSION", "0.20.0.BUILD-SNAPSHOT"), ("COMMON_VERSION", "0.22.0.BUILD-SNAPSHOT"), ("FIXED", "1.2"))
    assert gradle_compose_runs(BUILD, "lib/build.gradle", properties) == [
        ComposeRun(None, "lib", common, "lib/build.gradle", 6),
        ComposeRun(("docker-compose-kafka.yml",), "lib", common, "lib/build.gradle", 13),
        ComposeRun(
            ("compose/redis.yml", "docker-compose-extra.yml"),
            "lib",
            tuple(sorted((*common, ("REDIS_TAG", "7.2")))),
            "lib/build.gradle",
            18,
        ),
    ]


def test_a_kotlin_build_script_and_a_build_without_the_plugin() -> None:
    kotlin = """\
dockerCompose {
    useComposeFiles.set(listOf("compose.yaml"))
    environment.put("DB_TAG", "16")
}
"""
    assert gradle_compose_runs(kotlin, "build.gradle.kts", {}) == [
        ComposeRun(("compose.yaml",), "", (("DB_TAG", "16"),), "build.gradle.kts", 1)
    ]
    assert gradle_compose_runs("jib { from { image = 'eclipse-temurin:21' } }\n", "build.gradle", {}) == []
