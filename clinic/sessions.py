"""Database sessions (``SESSION_ENGINE``), with fewer round trips than Django's own.

The data stays in the ``django_session`` table, exactly as with
``django.contrib.sessions.backends.db`` (same model, encoding, expiry and
``clearsessions``); only the statements differ:

- loading is one ``SELECT`` of the data column, written once (not built by the ORM
  on every request: every request with a session cookie loads it);
- deleting (sign-out, a tablet's reset) is one ``DELETE`` on its own (a single
  statement is atomic; Django's queryset delete wraps it in ``BEGIN``/``COMMIT``, and
  Django's backend reads the row first); a kiosk submit takes the ``DELETE``
  (``delete_statement``) into its own writes and then ``forget()``s the session;
- saving an existing session is one ``UPDATE`` (a single statement is atomic on
  its own); Django wraps it in ``BEGIN``/``COMMIT``;
- a new session's key is not looked up before its ``INSERT``: the primary key
  refuses a duplicate, and ``create()`` then draws another key, as it always has.
"""

import functools
from contextlib import nullcontext

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string


@functools.cache
def _statement(template, model):
    """``template`` with the session table's quoted names (the same on every backend),
    written once per statement rather than on every request."""
    meta = model._meta
    return template.format(
        table=meta.db_table,
        key=meta.get_field("session_key").column,
        data=meta.get_field("session_data").column,
        expires=meta.get_field("expire_date").column,
    )


class SessionStore(db.SessionStore):
    # Table and column names from the model (see _statement); values as parameters.
    _load_sql = 'SELECT "{data}" FROM "{table}" WHERE "{key}" = %s AND "{expires}" > %s'
    _delete_sql = 'DELETE FROM "{table}" WHERE "{key}" = %s'

    def load(self):
        using = router.db_for_read(self.model)
        connection = connections[using]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_statement(self._load_sql, self.model), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            # Unknown or expired: as Django's backend, a new key on the next save.
            self._session_key = None
            return {}
        return self.decode(row[0])

    def _get_new_session_key(self):
        # 32 characters of 36 (165 bits): a clash is left to the INSERT (see create()).
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        using = router.db_for_write(self.model)
        if must_create:
            obj = self.create_model_instance(data)
            # A refused INSERT inside a caller's transaction must not spoil it.
            atomic = transaction.atomic(using=using)
            if not transaction.get_connection(using).in_atomic_block:
                atomic = nullcontext()
            try:
                with atomic:
                    obj.save(force_insert=True, using=using)
            except IntegrityError as error:
                raise CreateError from error
            return
        updated = (
            self.model.objects.using(using)
            .filter(session_key=self.session_key)
            .update(session_data=self.encode(data), expire_date=self.get_expiry_date())
        )
        if not updated:
            # Deleted meanwhile (signed out elsewhere): as Django's backend does.
            raise UpdateError

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        with connections[router.db_for_write(self.model)].cursor() as cursor:
            cursor.execute(*self.delete_statement(session_key))

    def delete_statement(self, session_key=None):
        """``(sql, params)`` deleting the row of ``session_key`` (this session's by
        default; ``None`` if it has none), for a caller that runs it with writes of its
        own (the kiosk submit); the caller then calls ``forget()``."""
        session_key = session_key or self.session_key
        if session_key is None:
            return None
        return _statement(self._delete_sql, self.model), [session_key]

    def forget(self):
        """What ``flush()`` does once the row is deleted: empty, with no key (a new
        one on the next save), and the cookie deleted with the response."""
        self.clear()
        self._session_key = None
