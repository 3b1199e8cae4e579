"""The Lambda front door: the handler (handler.py), the events it accepts (events.py), its settings from the
environment (environment.py), and the Docker Hub secret (dockerhub_secret.py).

May import everything below it: ecr_mirror.mirror, ecr_mirror.choose, ecr_mirror.ecr, ecr_mirror.oci. Never the
command line or the lab.
"""
