"""Bearer secrets stored as hashes: tablet tokens, FHIR API tokens, pre-visit links."""

import hashlib
import secrets


def new_token():
    """256 random bits, URL-safe: long enough that a plain hash is a safe stored form."""
    return secrets.token_urlsafe(32)


def token_digest(token):
    """The stored form of a token made by ``new_token``."""
    return hashlib.sha256(str(token).encode()).hexdigest()
