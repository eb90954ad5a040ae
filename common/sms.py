"""Text-message backends beyond django-sms's own (console, locmem, Twilio, MessageBird)."""

from django.core.exceptions import ImproperlyConfigured
from sms.backends.base import BaseSmsBackend


class NotConfiguredBackend(BaseSmsBackend):
    """Production's default until SMS_BACKEND names a provider: every send fails, so
    the message is recorded as not sent (and shown on the board) instead of vanishing."""

    def send_messages(self, messages):
        raise ImproperlyConfigured("No text-message provider is set (SMS_BACKEND).")
