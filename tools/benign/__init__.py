"""Generators of the benign request corpus (tools/gen_benign_requests.py)."""
