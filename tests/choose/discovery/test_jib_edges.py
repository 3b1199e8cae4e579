"""Jib's build files at their edges: blocks, sections, strings and comments holding braces, every image form, dotted
forms inside and outside a block, tags, nested blocks, and a POM's properties (found through each other, missing,
defined through themselves); each reader's result compared whole."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jib import KIND, jib_builds, jib_images
from ecr_mirror.choose.discovery.local_builds import LocalBuild

GRADLE = """\
jib {
  // a comment with a } brace and 'quote
  from {
    image = "base:1" // trailing }
    note = 'a } in a string'
    other = "{"
  }
  to { image.set("registry.example/app:2.0"); tags = setOf("t1", 't2') }
  from.image = 'dotted-from:3'
  to.image = 'dotted-to'
}
jib.from.image = "outside:4"
myjib { from { image = 'not-jib:1' } }
x.jib { from { image = 'not-jib:2' } }
jib {
  from { image ("paren:5") }
  to { image = 'host:5000/repo'
       tags = listOf("a") }
}
jib { from { image = "${baseImage}" }
      to { image = "$name:x" } }
jib { from { image = 'dup:1' } }
jib { from { image = 'dup:1' } }
jib { to { image = 'first:1'; tags = ['v1'] } }
jib { to { image = 'docker://second:9' } }
jib {
  from {
    image = 'unterminated
  }
}
jib { from { image = '' } to { image = '' } }
jib { from { image = "lastone:1" }"""

POM = """\
<project>
<properties>
  <base.version>21</base.version>
  <img>eclipse-temurin:${base.version}-jre</img>
  <loop>${loop}</loop>
  <a-b>x</a-b>
</properties>
<build><plugins>
<plugin><artifactId>other-plugin</artifactId><configuration><from><image>not:1</image></from></configuration></plugin>
<plugin>
  <groupId>com.google.cloud.tools</groupId>
  <artifactId> jib-maven-plugin </artifactId>
  <configuration>
    <from><image> ${img} </image></from>
    <to>
      <image>registry.example/svc:${a-b}</image>
      <tags><tag>${a-b}</tag><tag> latest </tag><tag>${missing}</tag></tags>
    </to>
    <extra><image>ignored:1</image></extra>
    <from><tag>nottag</tag><image>${loop}</image></from>
  </configuration>
</plugin>
</plugins></build></project>"""


def _from(text: str, line: int, problem: str | None = None, origin: str = "build.gradle") -> Found:
    return Found(text, origin, line, problem, "jib from.image", KIND)


def _built(name: str, line: int, how: str = "jib to.image", origin: str = "build.gradle") -> LocalBuild:
    return LocalBuild(name, origin, line, how)


def test_a_gradle_file_with_every_form() -> None:
    assert jib_images(GRADLE, "build.gradle") == [
        _from("base:1", 4),
        _from("dotted-from:3", 9),
        _from("paren:5", 16),
        _from("${baseImage}", 20, "$baseImage is a Gradle value, known when the build runs"),
        _from("dup:1", 22),
        _from("dup:1", 23),
        _from("lastone:1", 32),
        _from("outside:4", 12),
    ]
    assert jib_builds(GRADLE, "build.gradle") == [
        _built("registry.example/app:2.0", 8),
        _built("dotted-to", 10),
        _built("host:5000/repo", 17),
        _built("first:1", 24),
        _built("second:9", 25),
        _built("registry.example/app:t1", 8, "jib to.tags"),
        _built("registry.example/app:t2", 8, "jib to.tags"),
        _built("registry.example/app:a", 18, "jib to.tags"),
        _built("registry.example/app:v1", 24, "jib to.tags"),
    ]


def test_a_pom_with_properties() -> None:
    assert jib_images(POM, "pom.XML") == [
        _from("eclipse-temurin:21-jre", 14, origin="pom.XML"),
        _from("${loop}", 20, "a property defined through itself", origin="pom.XML"),
    ]
    assert jib_builds(POM, "pom.xml") == [
        _built("registry.example/svc:x", 16, origin="pom.xml"),
        _built("registry.example/svc:x", 17, "jib to.tags", origin="pom.xml"),
        _built("registry.example/svc:latest", 17, "jib to.tags", origin="pom.xml"),
    ]


def test_a_missing_property_is_named() -> None:
    pom = POM.replace("<tags>", "<tags><tag>${nope}-x</tag>").replace("${img}", "${nope2}")
    assert jib_images(pom, "pom.xml") == [
        _from("${nope2}", 14, "${nope2} is not a property of this POM (a parent POM or -D may set it)", "pom.xml"),
        _from("${loop}", 20, "a property defined through itself", origin="pom.xml"),
    ]


def test_files_without_jib_or_of_the_other_kind_give_nothing() -> None:
    assert jib_images(POM.replace("jib", "jab"), "pom.xml") == []
    assert jib_images("<properties></properties>", "pom.xml") == []
    assert jib_images(POM, "build.gradle") == []
    assert jib_images("jib { from { image = 'a:1' } }", "pom.xml") == []


def test_small_gradle_forms() -> None:
    assert jib_images("jib { jib { from { image = 'nested:1' } } }", "b.gradle") == [
        _from("nested:1", 1, origin="b.gradle")
    ]
    assert jib_images("jib { jib.from.image = 'in:1' }", "b.gradle") == [_from("in:1", 1, origin="b.gradle")]
    assert jib_images('jib { from { image = "a:1" } }', "build.gradle.kts") == [
        _from("a:1", 1, origin="build.gradle.kts")
    ]
    assert jib_builds("jib { to { image = 'repo' tags = ['x'] } }", "b.gradle") == [
        _built("repo", 1, origin="b.gradle"),
        _built("repo:x", 1, "jib to.tags", origin="b.gradle"),
    ]
    assert jib_builds("jib { to { image = 'h:5000/repo' tags = ['x'] } }", "b.gradle") == [
        _built("h:5000/repo", 1, origin="b.gradle"),
        _built("h:5000/repo:x", 1, "jib to.tags", origin="b.gradle"),
    ]


def test_where_a_block_ends() -> None:
    assert jib_images("jib { mainX = 1 }; from { image = 'notjib:1' }; X = 2", "b.gradle") == []
    assert jib_images("jib { from { a = ''; b = '}'; image = 'z:1' } }", "b.gradle") == [
        _from("z:1", 1, origin="b.gradle")
    ]
    opened = "jib {\n  from {\n    note = 'open\n    image = \"q:1\"\n  }\n  to { image = 'later:1' }\n}\n"
    assert jib_images(opened, "b.gradle") == [_from("q:1", 4, origin="b.gradle")]
    assert jib_images("jib { from { image = 'a:1' } // the end", "b.gradle") == [_from("a:1", 1, origin="b.gradle")]
    assert jib_images("\n\njib { from { image = 'a:1' } }", "b.gradle") == [_from("a:1", 3, origin="b.gradle")]


def test_tags_only_of_to_and_empty_values_left_out() -> None:
    text = "jib {\n  from { image = 'a:1'; tags = ['no'] }\n  to { image = 'app'; tags = ['', 'ok'] }\n}\n"
    assert jib_builds(text, "b.gradle") == [
        _built("app", 3, origin="b.gradle"),
        _built("app:ok", 3, "jib to.tags", origin="b.gradle"),
    ]
    assert jib_builds("jib { jib.to.image = 'x' }", "b.gradle") == [_built("x", 1, origin="b.gradle")]
    assert jib_images("jib { from.image = '' }\njib.from.image = ''", "b.gradle") == []
    assert jib_builds("jib { to.image = '' }\njib.to.image = ''", "b.gradle") == []


def _pom(properties: str, image: str) -> str:
    return (
        f"<project><properties>{properties}</properties>\n<plugin><artifactId>jib-maven-plugin</artifactId>\n"
        f"<from><image>{image}</image></from></plugin></project>"
    )


def test_properties_through_properties_up_to_eight_substitutions() -> None:
    chain = "".join(f"<p{i}>${{p{i + 1}}}</p{i}>" for i in range(1, 8))
    assert jib_images(_pom(chain + "<p8>end</p8>", "${p2}"), "pom.xml") == [_from("end", 3, origin="pom.xml")]
    assert jib_images(_pom(chain + "<p8>end</p8>", "${p1}"), "pom.xml") == [
        _from("${p1}", 3, "a property defined through itself", "pom.xml")
    ]
    assert jib_images(_pom("<a>${nope}-x</a>", "${a}"), "pom.xml") == [
        _from("${a}", 3, "${nope} is not a property of this POM (a parent POM or -D may set it)", "pom.xml")
    ]


def test_tags_replace_the_tag_of_the_first_target() -> None:
    text = "jib { to { image = 'h:5000/repo:1'; tags = ['x'] } }"
    assert jib_builds(text, "b.gradle") == [
        _built("h:5000/repo:1", 1, origin="b.gradle"),
        _built("h:5000/repo:x", 1, "jib to.tags", origin="b.gradle"),
    ]
    text = "jib { to { image = 'a/b:c/d'; tags = ['x'] } }"
    assert jib_builds(text, "b.gradle") == [
        _built("a/b:c/d", 1, origin="b.gradle"),
        _built("a/b:c/d:x", 1, "jib to.tags", origin="b.gradle"),
    ]
