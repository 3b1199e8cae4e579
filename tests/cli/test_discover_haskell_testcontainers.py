"""`ecr-mirror discover` lists the images Haskell code starts with testcontainers-hs
(https://hackage.haskell.org/package/testcontainers): `fromTag "..."`, which pulls the image when its container
request is run, given a literal or a top-level name bound to one in the file or in a module of the tree the file
imports; Haddock examples in comments, and Haskell without Testcontainers, are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

IMAGES = """\
module TestContainers.Image
  ( valkey,
    fromTag,
  )
where

import TestContainers.Docker (ToImage, fromTag)

-- | Image for Valkey.
--
-- @
-- valkey = fromTag "valkey/valkey:xyz"
-- @
valkey :: ToImage
valkey =
  fromTag "valkey/valkey:8.0"
"""

REAPER = """\
module TestContainers.Docker.Reaper
  ( reaperImage,
  )
where

import Data.Text (Text)

-- | Tag for the reaper image
reaperImage :: Text
reaperImage =
  "docker.io/testcontainers/ryuk:0.11.0"
"""

DOCKER = """\
module TestContainers.Docker
  ( fromTag,
  )
where

import TestContainers.Docker.Reaper
  ( reaperImage,
  )

newReaper = do
  run $
    containerRequest (fromTag reaperImage)
      & setExpose [8080]
"""

SPEC = """\
module Main where

import Test.Tasty (defaultMain)
import TestContainers.Tasty

proxyImage :: ImageTag
proxyImage = "haproxy:3.0"

containers1 :: TestContainer ()
containers1 = do
  _cache <-
    run $
      containerRequest (fromTag "memcached:1.6")
        & setExpose [11211]
  _proxy <- run $ containerRequest (fromTag proxyImage)
  {- _old <- run $ containerRequest (fromTag "commented/out:1") -}
  pure ()
"""

TREE = {
    "src/TestContainers/Image.hs": IMAGES,
    "src/TestContainers/Docker/Reaper.hs": REAPER,
    "src/TestContainers/Docker.hs": DOCKER,
    "test/Spec.hs": SPEC,
    # Haskell that names no Testcontainers: nothing is read from it
    "app/Main.hs": 'module Main where\n\nmain = print (fromTag "not/pulled:1")\n',
}


def test_haskell_testcontainers_images_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = sorted(
        (r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    )
    source, use = "Haskell source", "testcontainers"
    assert records == sorted(
        [
            ("src/TestContainers/Image.hs", 16, source, use, "valkey/valkey:8.0", "public"),
            ("src/TestContainers/Docker/Reaper.hs", 11, source, use, "testcontainers/ryuk:0.11.0", "public"),
            ("test/Spec.hs", 7, source, use, "haproxy:3.0", "public"),
            ("test/Spec.hs", 13, source, use, "memcached:1.6", "public"),
        ]
    )
