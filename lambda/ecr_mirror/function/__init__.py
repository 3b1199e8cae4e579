"""The Lambda front door: the handler (handler.py: plan, then copy inline or fan out through fanout.py and
work_queue.py), the fan-out worker (worker.py), the events it accepts (events.py), its settings from the
environment (environment.py), the image lists (image_lists.py), the Docker Hub secret (dockerhub_secret.py),
logs and metrics (observability.py), login and engine options (session.py), and what follows a run: the behind
ledger and image-updated events (after_run.py, behind.py, image_events.py).

May import everything below it: ecr_mirror.mirror, ecr_mirror.choose, ecr_mirror.ecr, ecr_mirror.oci. Never the
command line or the lab.
"""
