from __future__ import annotations

import sys

from ecr_mirror.cli.main import main

sys.exit(main())
