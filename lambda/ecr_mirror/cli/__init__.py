"""The command-line front door, `ecr-mirror`: arguments (arguments.py), the commands (main.py), progress on the
terminal (progress.py), the list file and its problems (list_input.py), the final report (output.py), registry
text made safe for a terminal (terminal.py), and
`ecr-mirror demo` against local registries (demo.py).

May import everything below it and the lab (for the demo). Never the Lambda front door.
"""

import sys

# httpx imports its own command line (click, rich, pygments: about a fifth of this CLI's start-up) whenever click
# is installed, and ecr-mirror never runs it. None under that name in sys.modules makes the import fail at once;
# httpx then defines a stub `httpx.main` (httpx/__init__.py: `try: from ._main import main except ImportError`).
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
