"""The OCI distribution client and the pure types it speaks.

Pure (no I/O): reference.py (image references), mediatypes.py, manifest.py (digests, descriptors, manifests).
The client: client.py (RegistryClient: manifests, blobs, uploads), auth.py (challenges and tokens),
credentials.py (who we are at each registry), transport.py (retries, redirects), waits.py (every wait bounded:
response headers' time, the stall rule for bodies), responses.py and bodies.py (errors, capped reads), resume.py
(broken blob downloads resumed with Range, within a budget per blob), policy.py (which URLs and addresses
may be reached), netguard.py, aionet.py and origin_pools.py (the guarded connection layer under httpx).

May import: ecr_mirror.errors and the standard library, httpx and httpcore. Nothing above it.
"""
