import hashlib

from common.tokens import new_token, token_digest


def test_new_tokens_are_long_random_and_url_safe():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(t) >= 43 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)


def test_the_digest_is_the_sha256_of_the_token_and_never_the_token():
    token = new_token()
    assert token_digest(token) == hashlib.sha256(token.encode()).hexdigest() != token
    assert token_digest(token) != token_digest(new_token())
