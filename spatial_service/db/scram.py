"""A SCRAM-SHA-256 verifier made here, as psql's \\password does: `ALTER ROLE ... PASSWORD` then carries the
verifier, so the password itself never reaches the server (nor its statement log)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata

ITERATIONS = 4096  # PostgreSQL's default (scram_iterations)


def verifier(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """'SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>' (RFC 5802/7677). NFKC stands in for SASLprep,
    which it equals for the passwords SASLprep accepts without mapping."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", unicodedata.normalize("NFKC", password).encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"
