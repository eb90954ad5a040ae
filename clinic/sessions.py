"""Database sessions (``SESSION_ENGINE``), with fewer round trips than Django's own.

The data stays in the ``django_session`` table, exactly as with
``django.contrib.sessions.backends.db`` (same model, encoding, expiry and
``clearsessions``); only the statements differ:

- deleting (sign-out, a tablet's reset, every submit) is one ``DELETE``; Django
  reads the row first and then deletes it by primary key;
- saving an existing session is one ``UPDATE`` (a single statement is atomic on
  its own); Django wraps it in ``BEGIN``/``COMMIT``;
- a new session's key is not looked up before its ``INSERT``: the primary key
  refuses a duplicate, and ``create()`` then draws another key, as it always has.
"""

from contextlib import nullcontext

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.db import IntegrityError, router, transaction
from django.utils.crypto import get_random_string


class SessionStore(db.SessionStore):
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
        self.model.objects.filter(session_key=session_key).delete()
