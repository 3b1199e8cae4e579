"""The Maven command lines read from CI steps (choose/discovery/maven_ci.py): `-D`, `-P` and `-pl` of `mvn`,
`mvnw` and `./mvnw` at the start of a command, and nothing from a word that only mentions Maven."""

from __future__ import annotations

from ecr_mirror.choose.discovery.maven_ci import MavenRun, maven_commands


def test_options_of_each_maven_command() -> None:
    commands = (
        "./mvnw clean verify -B -pl connector-db,!docs -am -Passembly,postgres-18 -Dversion.pg=18 -DskipITs\n"
        "cd tools && mvn -f build/pom.xml -P legacy -D version.pg=12 install\n"
    )
    assert maven_commands(commands, ".", "ci.yml:3") == [
        MavenRun(
            (("version.pg", "18"), ("skipITs", "true")), ("assembly", "postgres-18"), ("connector-db",), ".", "ci.yml:3"
        ),
        MavenRun((("version.pg", "12"),), ("legacy",), (), "build", "ci.yml:3"),
    ]


def test_words_that_only_mention_maven_are_not_runs() -> None:
    commands = (
        'echo "mvn -Dversion.pg=9"\n# mvn -Dversion.pg=10\nsudo-wrapper mvn -Dversion.pg=11\nmvn -Dversion.pg=\0 -P\0\n'
    )
    assert maven_commands(commands, ".", "ci.yml:3") == [MavenRun((), (), (), ".", "ci.yml:3")]
