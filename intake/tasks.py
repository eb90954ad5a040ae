"""Background sending, run by Celery workers (``celery -A config worker``).

A task carries only the message's id and the link it sends (the link is masked in the
worker's log). A send that fails is retried ``MESSAGE_MAX_RETRIES`` times with a
doubling wait; after the last, the message is kept as FAILED with the reason (the
dead letter) and the front-desk board shows it.
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from sms import Message as TextMessage

from intake.models import OutboundMessage, PrevisitEvent


def _context(message, url):
    return {
        "url": url,
        "clinic_name": settings.CLINIC_NAME,
        "clinic_phone": settings.CLINIC_PHONE,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "expires_at": date_format(timezone.localtime(message.link.expires_at), "DATETIME_FORMAT"),
    }


def deliver(message, url):
    """Hand one message to the email or text-message backend; raises when it fails.

    The wording names the clinic only: no patient name or health detail, since a
    message may be read on a shared phone or a lock screen.
    """
    context = _context(message, url)
    if message.channel == OutboundMessage.Channel.EMAIL:
        EmailMessage(
            subject=_("Your forms for %(clinic)s") % {"clinic": settings.CLINIC_NAME},
            body=render_to_string("intake/previsit/email.txt", context),
            to=[message.to],
        ).send()
    else:
        body = render_to_string("intake/previsit/sms.txt", context).strip()
        TextMessage(body, settings.DEFAULT_FROM_SMS or None, [message.to]).send()


@shared_task(bind=True, acks_late=True)
def send_previsit_message(self, message_id, url):
    message = (
        OutboundMessage.objects.select_related("link")
        .filter(
            pk=message_id,
            status__in=[OutboundMessage.Status.QUEUED, OutboundMessage.Status.RETRYING],
        )
        .first()
    )
    if message is None:  # sent already (a redelivery) or given up
        return
    if not message.link.is_usable:
        # A newer link replaced it, or the patient already sent their answers.
        OutboundMessage.objects.filter(pk=message_id).update(
            status=OutboundMessage.Status.FAILED,
            failed_at=timezone.now(),
            last_error=_("The link stopped working before it was sent."),
        )
        return
    OutboundMessage.objects.filter(pk=message_id).update(attempts=F("attempts") + 1)
    try:
        deliver(message, url)
    # Every backend raises its own errors (SMTP, anymail, django-sms providers):
    # whatever it is, the send is retried and then recorded.
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:300]
        if self.request.retries >= settings.MESSAGE_MAX_RETRIES:
            OutboundMessage.objects.filter(pk=message_id).update(
                status=OutboundMessage.Status.FAILED, failed_at=timezone.now(), last_error=reason
            )
            PrevisitEvent.objects.create(
                link=message.link, action=PrevisitEvent.Action.SEND_FAILED, detail=message.channel
            )
            return
        OutboundMessage.objects.filter(pk=message_id).update(
            status=OutboundMessage.Status.RETRYING, last_error=reason
        )
        countdown = settings.MESSAGE_RETRY_SECONDS * 2**self.request.retries
        raise self.retry(countdown=countdown, max_retries=settings.MESSAGE_MAX_RETRIES) from None
    OutboundMessage.objects.filter(pk=message_id).update(
        status=OutboundMessage.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    PrevisitEvent.objects.create(
        link=message.link, action=PrevisitEvent.Action.DELIVERED, detail=message.channel
    )
