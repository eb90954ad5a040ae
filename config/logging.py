"""Logs without the secrets that URLs can carry.

A shared handout's path (/h/<token>/) opens that patient's handout, and a kiosk code
(code=NNNNNN, as old tablet links had it) starts their intake: either one in a log line
is as good as the link itself to anyone who reads the logs. Both are masked in every
record Django's LOGGING handles (MaskSecretsFilter) and in gunicorn's access and error
logs (MaskedGunicornLogger, named in config/gunicorn.conf.py).
"""

import logging
import re

from gunicorn import glogging

MASK = "…"
SECRETS = [
    # A handout path anywhere in a line: a request line, a Referer, a full URL.
    (re.compile(r"/h/[^/\s?#\"']+"), f"/h/{MASK}"),
    # A pre-visit link's path, likewise.
    (re.compile(r"/v/[^/\s?#\"']+"), f"/v/{MASK}"),
    # A kiosk code in a query string or form body; finding_code= and the like keep theirs.
    (re.compile(r"\bcode=[^&\s#\"']+"), f"code={MASK}"),
]


def mask_secrets(text):
    """``text`` with every handout token and kiosk code replaced by an ellipsis."""
    for pattern, replacement in SECRETS:
        text = pattern.sub(replacement, text)
    return text


class MaskSecretsFilter(logging.Filter):
    """A handler filter that masks secrets in the record's message and its arguments.

    The record is changed in place, so each handler after this one sees it masked; the
    arguments are merged into the message because a token may be in any of them.
    """

    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # A malformed call: the handler reports it as logging always does.
            return True
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class MaskedGunicornLogger(glogging.Logger):
    """gunicorn's logger with secrets masked in every access-log atom (request line,
    path, query, Referer, any header or environ value) and in its error log."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.addFilter(MaskSecretsFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: mask_secrets(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }
