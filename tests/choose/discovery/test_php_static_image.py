"""A container class of k-kinzal/testcontainers-php names its image in a static property, `protected static $IMAGE =
'...'` (https://github.com/k-kinzal/testcontainers-php/blob/main/docs/container-configuration.md: "`$IMAGE` ... Docker
image to use"), which `Testcontainers::run(MyContainer::class)` pulls; not a property of a class that is no container
nor another property (`$NAME`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

_CONTAINER = """\
<?php

namespace Acme\\Tests\\Images;

use Testcontainers\\Containers\\GenericContainer\\GenericContainer;

/**
 * A mail catcher for the notification tests.
 */
class MailCatcher extends GenericContainer
{
    /**
     * @var string
     */
    protected static $IMAGE = 'axllent/mailpit:v1.21';

    protected static $NAME = 'mail:catcher';

    public static $PORTS = [1025, 8025];
}
"""

_NOT_A_CONTAINER = """\
<?php

use Testcontainers\\Containers\\GenericContainer\\GenericContainer;

class Fixtures
{
    protected static $IMAGE = 'acme/fixture:1.0';
}
"""


def test_a_container_class_static_image_property_is_its_image() -> None:
    found = started_images(_CONTAINER, "tests/Images/MailCatcher.php")
    assert [(item.text, item.line, item.problem) for item in found] == [("axllent/mailpit:v1.21", 15, None)]


def test_a_static_image_of_a_class_that_is_no_container_is_not_read() -> None:
    assert started_images(_NOT_A_CONTAINER, "tests/Fixtures.php") == []


_CLIENT = """\
<?php

use Testcontainers\\Docker\\DockerClient;

class LogsTest extends TestCase
{
    public function testLogs()
    {
        $client = new DockerClient();
        $output = $client->run('busybox:1.36', null, [], ['detach' => true]);
        $other = $runner->run('acme/not-a-client:1.0');
    }
}
"""


def test_the_image_a_docker_client_of_the_library_runs() -> None:
    """k-kinzal/testcontainers-php's `DockerClient::run($image, ...)` runs `docker run` of the image; another
    object's `run` is not read."""
    found = started_images(_CLIENT, "tests/Unit/LogsTest.php")
    assert [(item.text, item.line) for item in found] == [("busybox:1.36", 10)]
