"""scala_containers.py: the images a Scala source gives testcontainers-scala's containers, and the shapes near them
that name no image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.scala_containers import scala_container_images
from ecr_mirror.choose.discovery.source_names import interpolation_parts


def _images(text: str) -> list[str]:
    return sorted({image for _, image in scala_container_images(text)})


def test_interpolations_of_names_and_numbers_are_joined() -> None:
    text = (
        '  final val IMAGE = s"trinodb/trino:$IMAGE_VERSION"\n'
        "  final val IMAGE_VERSION = 411\n"
        "  override val containerDef = TrinoContainer.Def(DockerImageName.parse(IMAGE))\n"
        '  val other = GenericContainer(s"registry.example.com/$$team/app:${TAG}")\n'
        '  private val TAG = "1.2"\n'
    )
    assert _images(text) == ["registry.example.com/$team/app:1.2", "trinodb/trino:411"]


def test_near_shapes_name_no_image() -> None:
    text = (
        "  private val exposedKdcPort = 88\n"
        '  private val image = s"postgres:${conf.version}"\n'
        "  def make() = new HBaseContainer(exposedKdcPort, dockerImage)\n"
        "  val db = PostgreSQLContainer(dockerImageName = image)\n"
        '  val label = FakeContainer(exposedPorts = Seq(80), name = "not-an-image:1")\n'
    )
    assert _images(text) == []


def test_an_expression_in_an_interpolation_is_unknown() -> None:
    assert interpolation_parts("repo:${conf.tag}", {}) is None
    assert interpolation_parts("repo:$V", {"V": "7"}) == ((True, "repo:"), (True, "7"))


def test_a_member_of_an_object_of_the_file_is_its_binding() -> None:
    # a wrapper's companion object holds its default image; the case class's parameter default names it qualified
    text = (
        "import org.testcontainers.utility.DockerImageName\n"
        "case class QueueContainer(\n"
        "  dockerImageName: DockerImageName = DockerImageName.parse(QueueContainer.defaultDockerImageName)\n"
        ") extends SingleContainer[JavaQueueContainer] {\n"
        "  override val container = new JavaQueueContainer(dockerImageName)\n"
        "}\n"
        "object QueueContainer {\n"
        '  val defaultImage = "example/queue"\n'
        '  val defaultTag = "4.2.0"\n'
        '  val defaultDockerImageName = s"$defaultImage:$defaultTag"\n'
        "  case class Def(name: DockerImageName = DockerImageName.parse(QueueContainer.defaultDockerImageName))\n"
        "}\n"
        "object Store {\n"
        "  val db = new JavaStoreContainer(Store.imageName)\n"
        '  private val imageName = "example/store"\n'
        "}\n"
    )
    assert (text.index("$defaultImage"), "example/queue:4.2.0") in scala_container_images(text)
    assert _images(text) == ["example/queue:4.2.0", "example/store"]


def test_a_member_of_an_object_of_another_file_is_not_read() -> None:
    # `JavaPostgres.IMAGE` is the Java library's constant: the file's own `IMAGE` binding is another value
    text = (
        "import org.testcontainers.containers.{PostgreSQLContainer => JavaPostgres}\n"
        '  val IMAGE = "not-this:1"\n'
        "  val db = new JavaPostgres(DockerImageName.parse(JavaPostgres.IMAGE))\n"
        "  val other = GenericContainer(Other.IMAGE)\n"
    )
    assert _images(text) == []


def test_a_parse_bound_to_a_name_used_only_with_tags_gives_the_tagged_images() -> None:
    # Scala ends the statement at the line's end (no `;`); the tag is an interpolation of a parameter's default
    text = (
        "case class QueueContainer(\n"
        "  version: String = QueueContainer.defaultVersion\n"
        ") extends SingleContainer[JavaQueueContainer] {\n"
        "  override val container: JavaQueueContainer =\n"
        "    new JavaQueueContainer(\n"
        '      QueueContainer.defaultImageName.withTag(s"queue-$version")\n'
        "    )\n"
        "}\n"
        "object QueueContainer {\n"
        '  private[testcontainers] final val defaultImageName = DockerImageName.parse("example/queue")\n'
        '  private[testcontainers] final val defaultVersion = "5.1"\n'
        "}\n"
    )
    assert _images(text) == ["example/queue:queue-5.1"]


def test_a_parse_chained_on_the_next_line_is_not_bound_alone() -> None:
    # a line starting with `.` continues the expression: the name holds the chain, not the bare parse
    text = (
        '  val image = DockerImageName.parse("example/queue")\n'
        '    .asCompatibleSubstituteFor("queue")\n'
        '  val db = GenericContainer(image.withTag("2"))\n'
        "  val other = GenericContainer(image)\n"
    )
    assert "example/queue" in _images(text)
