"""`ecr-mirror discover` on a Java container class of the tree's own whose constructor taking one string joins it as
the tag of a repository the class holds (`super(DockerImageName.parse(IMAGE + ":" + version))`, `this(DockerImageName.
parse(String.format("%s:%s", IMAGE, version)))`): each version the tree's sources give that constructor (`new
SearchContainer(SEARCH_VERSION)`, through a method of the calling file taking the version, or `this(DEFAULT_TAG)` in
the class itself) is that repository with the tag, at the line of the version (and so for a join placing it elsewhere,
`IMAGE + "-" + flavour + ":1.0"`); the bare version is no longer listed (unresolved or, with a non-numeric tag, as an
image of its own). A same-named class of the library or of another package gives nothing new."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

SEARCH_CONTAINER = """\
package org.acme.sink.utils;

import org.testcontainers.utility.DockerImageName;

/** A search engine for the sink's tests. */
public class SearchContainer
        extends org.testcontainers.elasticsearch.ElasticsearchContainer {

    private static final String SEARCH_IMAGE =
            "docker.elastic.co/elasticsearch/elasticsearch";

    public SearchContainer(String version) {
        this(DockerImageName.parse(String.format("%s:%s", SEARCH_IMAGE, version)));
    }

    public SearchContainer(DockerImageName imageName) {
        super(imageName);
        withEnv("discovery.type", "single-node");
    }
}
"""

SEARCH_TEST = """\
package org.acme.sink;

import org.acme.sink.utils.SearchContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers
class Search6SinkITCase {

    private static final String SEARCH_VERSION = "6.8.20";

    @Container
    private static final SearchContainer SEARCH = create();

    private static SearchContainer create() {
        SearchContainer container = new SearchContainer(SEARCH_VERSION);
        return container;
    }
}
"""

# the library's own class of the same simple name: a version alone stays unresolved
LIBRARY_TEST = """\
package org.acme.other;

import org.testcontainers.elasticsearch.SearchContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers
class OtherIT {
    private static final SearchContainer SEARCH = new SearchContainer("7.17.1");
}
"""

STORE_CONTAINER = """\
package org.acme.store.testutils;

import org.testcontainers.containers.JdbcDatabaseContainer;

public class StoreContainer extends JdbcDatabaseContainer<StoreContainer> {

    public static final String IMAGE = "acme/store-ce";
    public static final String DEFAULT_TAG = "v17.0.2-mysql80";

    public StoreContainer() {
        this(DEFAULT_TAG);
    }

    public StoreContainer(String tag) {
        super(IMAGE + ":" + tag);
    }
}
"""

STORE_UTILS = """\
package org.acme.store;

import org.acme.store.testutils.StoreContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;

public class StoreTestUtils {

    private static final String STORE_4_3_VERSION = "4.3.3.0-100000142024101215";

    public static StoreContainer createForJdbc() {
        return createStore(STORE_4_3_VERSION, "slim");
    }

    public static StoreContainer createStore(String version, String mode) {
        return new StoreContainer(version).withMode(mode);
    }
}
"""

# a constructor joining its argument into the repository: the flavour named
FLAVOUR_CONTAINER = """\
package org.acme.flavour;

import org.testcontainers.containers.GenericContainer;

public class FlavourContainer extends GenericContainer<FlavourContainer> {

    private static final String IMAGE = "acme/flavour";

    public FlavourContainer(String flavour) {
        super(IMAGE + "-" + flavour + ":1.0");
    }

    static FlavourContainer mint() {
        return new FlavourContainer("mint");
    }
}
"""


def test_versions_given_a_tree_class_that_joins_them_as_tags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "sink/src/test/java/org/acme/sink/utils/SearchContainer.java": SEARCH_CONTAINER,
        "sink/src/test/java/org/acme/sink/Search6SinkITCase.java": SEARCH_TEST,
        "other/src/test/java/org/acme/other/OtherIT.java": LIBRARY_TEST,
        "store/src/test/java/org/acme/store/testutils/StoreContainer.java": STORE_CONTAINER,
        "store/src/test/java/org/acme/store/StoreTestUtils.java": STORE_UTILS,
        "flavour/src/test/java/org/acme/flavour/FlavourContainer.java": FLAVOUR_CONTAINER,
    }
    rows = sorted((row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys))
    search = "docker.elastic.co/elasticsearch/elasticsearch:6.8.20"
    store = "store/src/test/java/org/acme/store"
    assert rows == [
        ("flavour/src/test/java/org/acme/flavour/FlavourContainer.java", 14, "acme/flavour-mint:1.0", "public"),
        ("other/src/test/java/org/acme/other/OtherIT.java", 8, None, "unresolved"),
        ("sink/src/test/java/org/acme/sink/Search6SinkITCase.java", 10, search, "public"),
        (f"{store}/StoreTestUtils.java", 8, "acme/store-ce:4.3.3.0-100000142024101215", "public"),
        (f"{store}/testutils/StoreContainer.java", 8, "acme/store-ce:v17.0.2-mysql80", "public"),
    ]
