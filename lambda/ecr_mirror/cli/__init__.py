"""The command-line front door, `ecr-mirror`: arguments (arguments.py), the commands (main.py), progress on the
terminal (progress.py), the list file and its problems (list_input.py), the final report (output.py), registry
text made safe for a terminal (terminal.py), and
`ecr-mirror demo` against local registries (demo.py).

May import everything below it and the lab (for the demo). Never the Lambda front door.
"""
