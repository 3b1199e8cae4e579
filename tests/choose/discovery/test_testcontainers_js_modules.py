"""Testcontainers in JavaScript and TypeScript beyond a literal given to a constructor: a module's tests that import
its container class by a relative path (`import { StoreContainer } from "./store-container"`), the images a
`it.each([...])` / `test.each(LIST)` table feeds the container of its test, the default image of a container class
of the tree's own (`constructor(image = "...")`, `super(image ?? DEFAULT_IMAGE)`), and an image an environment
variable may override (`process.env.X ? ... : "..."`, `process.env.X ?? "..."`): its default."""

from __future__ import annotations

from ecr_mirror.choose.discovery.js_object_paths import object_paths
from ecr_mirror.choose.discovery.testcontainers import started_images
from tests.support.hang_guard import finishes

MODULE_TEST = """\
import { Client } from "pg";
import { startedNetwork } from "../../shared/testcontainers-network";
import { StoreContainer } from "./store-container";

const IMAGE = process.env.STORE_IMAGE;
const versions = ["example/store:15.4", "example/store:16.2", IMAGE];

describe("StoreContainer", () => {
  it.each(versions)("starts %s", async (image) => {
    await using container = await new StoreContainer(image).start();
    expect(container.getHost()).toBeDefined();
  });

  test.each([IMAGE, "example/store:14.9-alpine"])(
    "connects to %s",
    async (image) => {
      const container = await new StoreContainer(image).withDatabase("app").start();
      await container.stop();
    }
  );

  it.each(["example/not-started:1.0"])("parses %s", (name) => {
    expect(name.split(":")).toHaveLength(2);
  });
});
"""

NO_MENTION = """\
import { StoreContainer } from "./store-container";

it.each(["example/store:15.4"])("starts %s", async (image) => {
  await new StoreContainer(image).start();
});
"""

LIBRARY = """\
import { ImageName } from "../container-runtime";
import { GenericContainer } from "../generic-container/generic-container";

// testcontainers: helper containers the library starts itself

export const TUNNEL_IMAGE = process.env["TUNNEL_CONTAINER_IMAGE"]
  ? ImageName.fromString(process.env["TUNNEL_CONTAINER_IMAGE"]).string
  : ImageName.fromString("example/tunnel:2.0.1").string;

const WATCHER_IMAGE = process.env.WATCHER_IMAGE ?? "example/watcher:0.9";

export function getJanitorImage(): string {
  return process.env["JANITOR_IMAGE"]
    ? ImageName.fromString(process.env["JANITOR_IMAGE"]).string
    : ImageName.fromString("example/janitor:0.14.0").string;
}

const DEFAULT_QUEUE_IMAGE = "example/queue:3.13";

export class ProxyContainer extends GenericContainer {
  constructor(image = "example/proxy:1.7.4") {
    super(image);
  }
}

export class QueueContainer extends GenericContainer {
  constructor(image?: string) {
    super(image ?? DEFAULT_QUEUE_IMAGE);
  }
}

export async function startHelpers(): Promise<void> {
  await new GenericContainer(TUNNEL_IMAGE).start();
  await new GenericContainer(WATCHER_IMAGE).start();
  await new GenericContainer(getJanitorImage()).start();
}
"""


def _images(text: str, origin: str) -> set[tuple[int | None, str]]:
    return {(found.line, found.text) for found in started_images(text, origin)}


def test_a_module_test_importing_its_container_relatively_reads_each_tables() -> None:
    assert _images(MODULE_TEST, "packages/modules/store/src/store-container.test.ts") == {
        (6, "example/store:15.4"),
        (6, "example/store:16.2"),
        (14, "example/store:14.9-alpine"),
    }


def test_a_relative_import_in_a_file_that_names_no_testcontainers_is_not_read() -> None:
    assert _images(NO_MENTION, "src/store.test.ts") == set()


def test_the_library_s_own_defaults_and_environment_overridable_images() -> None:
    assert _images(LIBRARY, "packages/core/src/helpers/helpers.ts") == {
        (8, "example/tunnel:2.0.1"),
        (10, "example/watcher:0.9"),
        (15, "example/janitor:0.14.0"),
        (18, "example/queue:3.13"),
        (21, "example/proxy:1.7.4"),
    }


CONFIG_OBJECT = """\
import { MongoDBContainer } from "@testcontainers/mongodb";
import { RedisContainer } from "@testcontainers/redis";

const testConfig = {
    mongodb: {
        image: "mongo:6.0.1",
        options: { directConnection: true },
    },
    "redis": { image: 'redis:7.4-alpine', ports: [6379] },
    label: "not-an-image",
};

export const startMongo = async () => new MongoDBContainer(testConfig.mongodb.image).start();
export const startRedis = async () => new RedisContainer(testConfig.redis.image).start();
export const startOther = async () => new RedisContainer(otherConfig.redis.image).start();
"""


def test_an_image_from_a_property_path_of_an_object_literal_of_the_file() -> None:
    # `new MongoDBContainer(testConfig.mongodb.image)` with `const testConfig = { mongodb: { image: "mongo:6.0.1" } }`
    found = [(i.text, i.line, i.problem) for i in started_images(CONFIG_OBJECT, "test/initMongoContainer.ts")]
    assert ("mongo:6.0.1", 6, None) in found
    assert ("redis:7.4-alpine", 9, None) in found
    assert not any(text == "not-an-image" for text, _, _ in found)


def test_object_literals_of_hostile_shapes_are_read_in_linear_time() -> None:
    # every `const a = {` opening an object inside the one before, unclosed strings, deep nesting: each character
    # is scanned a bounded number of times (a scan per object would be quadratic: hours on these sizes)
    for text in (
        "const a = {" * 400_000,
        "const a = {" + "b: {" * 400_000,
        "const a = {" + 'k: "' * 400_000,
        "const a = {" + "(" * 1_000_000,
    ):
        assert finishes(object_paths, text) == {}
