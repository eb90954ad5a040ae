"""The intake wizard: on a clinic tablet after the front desk's code (mounted at
/kiosk/, URL namespace ``intake``), or on the patient's own device after a pre-visit
link (the same URLs mounted at /visit/, instance namespace ``visit``; the link's own
start page is ``intake.previsit_views``).

The browser session holds only the kiosk session's id and the time of the last
request. Every view goes through ``kiosk_view``, which resets the browser (flushing
the session) when the kiosk session has ended, belongs to the other mount, or has been
idle for ``settings.KIOSK_IDLE_SECONDS``. URLs carry only the step number.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from common.client_address import client_ip
from intake import body_map, selectors
from intake.forms import STEP_FORMS, QuestionnaireForm
from intake.kiosk_devices import TABLET_COOKIE, remember_tablet, tablet_device
from intake.kiosk_forms import DeskPinForm, IdentityForm, KioskCodeForm
from intake.kiosk_widgets import decorate_form, region_groups
from intake.models import KioskSession
from intake.services import (
    IntakeLocked,
    KioskCodeRefused,
    KioskSessionInactive,
    PinRefused,
    intake_emergency_release,
    kiosk_emergency_release,
    kiosk_identity_confirm,
    kiosk_session_claim,
    kiosk_session_end,
    kiosk_step_save,
    kiosk_submit,
)
from intake.services.kiosk import IDENTITY_TRIES, typed_answers
from intake.step_answers import review_sections, step_initial
from intake.vocabulary import (
    STEP_ABOUT_YOU,
    STEP_CONSENT,
    STEP_COUNT,
    STEP_QUESTIONNAIRES,
    STEP_REVIEW,
    STEP_TITLES,
    STEP_WARNING_SIGNS,
    STEP_WHERE,
    WarningLevel,
)

HOME_NAMESPACE = "visit"
SESSION_KEY = "kiosk_session_id"
SEEN_KEY = "kiosk_seen_at"
# The last-request time is written at most this often (a session write costs a query),
# and at most a tenth of the idle time.
SEEN_RESOLUTION = 30


class TabletReset(Exception):
    def __init__(self, message=""):
        super().__init__(message)
        self.message = message


def _now():
    return int(timezone.now().timestamp())


def at_home(request):
    """True on the /visit/ mount: the patient's own device, by a pre-visit link."""
    return request.resolver_match.namespace == HOME_NAMESPACE


def _url(request, name, *args):
    """``intake:<name>`` on the mount this request came in on."""
    return reverse(f"intake:{name}", args=args, current_app=request.resolver_match.namespace)


def _idle_message(request):
    minutes = max(1, round(settings.KIOSK_IDLE_SECONDS / 60))
    if at_home(request):
        return ngettext(
            "You were signed out after %(minutes)d minute without activity. Your answers "
            "are saved: open the link in your message again to carry on.",
            "You were signed out after %(minutes)d minutes without activity. Your answers "
            "are saved: open the link in your message again to carry on.",
            minutes,
        ) % {"minutes": minutes}
    return ngettext(
        "The tablet was reset after %(minutes)d minute without activity. Your answers are "
        "saved: ask the front desk for a new code to carry on.",
        "The tablet was reset after %(minutes)d minutes without activity. Your answers are "
        "saved: ask the front desk for a new code to carry on.",
        minutes,
    ) % {"minutes": minutes}


def _go(request, url):
    """Redirect; for htmx requests, make the whole page go there."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def tablet_only(view):
    """The kiosk runs only where nobody is signed in: a staff browser that opens a kiosk
    URL (a link, a bookmark, GET or POST) is told so, and nothing changes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return render(request, "intake/kiosk/staff_browser.html")
        return view(request, *args, **kwargs)

    return wrapper


def _reset(request, message=""):
    """Flush the browser session, keeping only a message."""
    request.session.flush()
    if message:
        messages.info(request, message)


def _step_url(request, step):
    return _url(request, "step", step)


def _ready_message(request):
    if at_home(request):
        return _("This page has closed. To carry on, open the link in your message again.")
    return _("This tablet is ready for the next patient.")


def _seen_ago(request, now):
    """Seconds since the tablet's last request, as its session recorded it."""
    return now - (request.session.get(SEEN_KEY) or 0)


def _left_idle(request, now):
    return _seen_ago(request, now) > settings.KIOSK_IDLE_SECONDS


def _tablet(request):
    """The tablet's active kiosk session, or TabletReset."""
    pk = request.session.get(SESSION_KEY)
    if not pk:
        raise TabletReset()
    kiosk = selectors.kiosk_session_for_tablet(pk=pk)
    if (
        kiosk is None
        or not kiosk.is_active
        or not kiosk.intake.is_draft
        or not kiosk.works_at(at_home=at_home(request))
    ):
        raise TabletReset(_ready_message(request))
    now = _now()
    if _left_idle(request, now):
        kiosk_session_end(kiosk_session=kiosk, reason=KioskSession.EndReason.IDLE)
        raise TabletReset(_idle_message(request))
    if _seen_ago(request, now) >= min(SEEN_RESOLUTION, settings.KIOSK_IDLE_SECONDS // 10):
        request.session[SEEN_KEY] = now
    return kiosk


def kiosk_view(view):
    @tablet_only
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            kiosk = _tablet(request)
        except TabletReset as reset:
            _reset(request, reset.message)
            return _go(request, _url(request, "start"))
        return view(request, kiosk, *args, **kwargs)

    return wrapper


def _resume_step(kiosk):
    return kiosk.intake.current_step if kiosk.identity_confirmed_at else STEP_ABOUT_YOU


@require_http_methods(["GET", "POST"])
@tablet_only
def start(request):
    """Ask for the code; a tablet already on an intake goes back to its step."""
    if request.session.get(SESSION_KEY):
        try:
            kiosk = _tablet(request)
        except TabletReset as reset:
            _reset(request, reset.message)
        else:
            return redirect(_step_url(request, _resume_step(kiosk)))
    if at_home(request):
        # At home the way in is the link's own page (intake.previsit_views).
        return render(request, "intake/previsit/closed.html")
    device = tablet_device(request)
    if request.method == "POST":
        form = KioskCodeForm(request.POST)
        if form.is_valid():
            try:
                kiosk = kiosk_session_claim(
                    code=form.cleaned_data["code"],
                    device=device,
                    address=client_ip(request) or "",
                )
            except KioskCodeRefused as refused:
                form.add_error("code", refused)
            else:
                # Whatever the browser had (another patient's session) is gone.
                request.session.flush()
                request.session[SESSION_KEY] = kiosk.pk
                request.session[SEEN_KEY] = _now()
                return redirect(_step_url(request, STEP_ABOUT_YOU))
    else:
        # Never from the query string, where proxies and logs keep it: the front desk's
        # QR puts the code in the fragment, which kiosk-code-from-link.js types in.
        form = KioskCodeForm()
    decorate_form(form)
    response = render(request, "intake/kiosk/start.html", {"form": form, "device": device})
    if device is not None:
        remember_tablet(response, request.COOKIES[TABLET_COOKIE])
    return response


@require_http_methods(["GET", "POST"])
@tablet_only
def reset(request):
    """Where the idle timer posts the tablet: end the session, back to the code page.

    A GET (a link, a reload) changes nothing: it goes to the code page, which sends a
    tablet on an intake back to its step."""
    if request.method == "GET":
        return redirect(_url(request, "start"))
    pk = request.session.get(SESSION_KEY)
    kiosk = selectors.kiosk_session_for_tablet(pk=pk) if pk else None
    if kiosk is not None and kiosk.is_active and kiosk.at_home == at_home(request):
        kiosk_session_end(kiosk_session=kiosk, reason=KioskSession.EndReason.IDLE)
    _reset(request, _idle_message(request) if kiosk is not None else "")
    return redirect(_url(request, "start"))


def _check_step(request, kiosk, step):
    """A redirect if the step may not be opened now, else None."""
    if not 1 <= step <= STEP_COUNT:
        raise Http404
    if kiosk.identity_confirmed_at is None and step != STEP_ABOUT_YOU:
        return _step_url(request, STEP_ABOUT_YOU)
    if step > kiosk.intake.furthest_step:
        return _step_url(request, kiosk.intake.furthest_step)
    return None


def _answers(request, kiosk, step):
    """The posted step data; step 9 always names the consent text shown now."""
    data = request.POST.copy()
    if step == STEP_CONSENT:
        consent = selectors.consent_text_current()
        data["text_version"] = consent.version if consent else ""
    return data


@require_http_methods(["GET", "POST"])
@kiosk_view
def step(request, kiosk, step):
    """One wizard step: GET shows it with every answer in place; POST saves and moves."""
    if request.method == "GET" and kiosk.intake.tablet_stopped:
        # Whatever step is asked for; posts still save, so nothing typed is lost.
        return _render_stopped(request, kiosk)
    if (url := _check_step(request, kiosk, step)) is not None:
        return redirect(url)
    if request.method == "GET":
        return _render_step(request, kiosk, step)
    if step == STEP_ABOUT_YOU and kiosk.identity_confirmed_at is None:
        return _confirm_identity(request, kiosk)
    data = _answers(request, kiosk, step)
    if request.POST.get("action") == "back" and step > 1:
        kiosk_step_save(kiosk_session=kiosk, step=step, data=data, next_step=step - 1, partial=True)
        return redirect(_step_url(request, step - 1))
    if step == STEP_REVIEW:
        return redirect(_step_url(request, STEP_REVIEW))
    result = kiosk_step_save(kiosk_session=kiosk, step=step, data=data, next_step=step + 1)
    if result.ok:
        return redirect(_step_url(request, step + 1))
    kiosk.intake = result.intake
    return _render_step(request, kiosk, step, data=data)


@require_POST
@kiosk_view
def autosave(request, kiosk, step):
    """htmx posts the whole step form as the patient answers; never blocks on errors."""
    if (
        _check_step(request, kiosk, step) is None
        and step != STEP_REVIEW
        and kiosk.identity_confirmed_at
    ):
        kiosk_step_save(
            kiosk_session=kiosk, step=step, data=_answers(request, kiosk, step), partial=True
        )
    return HttpResponse(status=204)


def _render_stopped(request, kiosk, *, pin_form=None):
    """The emergency stop: the whole screen tells the patient to get help now. On a
    tablet only staff carry on from here (the desk PIN below, or the front-desk board);
    at home, where no staff are, the patient may carry on once they have read it."""
    if kiosk.at_home:
        return render(request, "intake/previsit/stopped.html")
    context = {
        "pin_form": decorate_form(pin_form or DeskPinForm()),
        "pin_set": selectors.desk_pin_is_set(),
    }
    return render(request, "intake/kiosk/stopped.html", context)


@require_http_methods(["GET", "POST"])
@kiosk_view
def stopped(request, kiosk):
    """GET: polled by the stop screen; once staff release the tablet from the board, it
    goes back to the patient's step. POST: the desk PIN, typed by staff at the tablet."""
    resume = _step_url(request, kiosk.intake.current_step)
    if not kiosk.intake.tablet_stopped:
        return _go(request, resume)
    if request.method == "GET":
        return HttpResponse(status=204) if request.htmx else _render_stopped(request, kiosk)
    if kiosk.at_home:
        # The clinic has the alert on its board; the patient has read what to do now.
        intake_emergency_release(intake=kiosk.intake)
        return redirect(resume)
    form = DeskPinForm(request.POST)
    if form.is_valid():
        try:
            kiosk_emergency_release(kiosk_session=kiosk, pin=form.cleaned_data["pin"])
        except PinRefused as refused:
            form.add_error("pin", refused)
        else:
            return redirect(resume)
    return _render_stopped(request, kiosk, pin_form=form)


def _confirm_identity(request, kiosk):
    identity = IdentityForm(request.POST)
    fresh = kiosk.intake.last_saved_at is None
    if identity.is_valid():
        kiosk = kiosk_identity_confirm(
            kiosk_session=kiosk,
            first_name=identity.cleaned_data["first_name"],
            date_of_birth=identity.cleaned_data["date_of_birth"],
        )
        if kiosk.ended_at is not None:
            _reset(
                request,
                _(
                    "We could not match your name and date of birth to our record. "
                    "Please take the tablet back to the front desk."
                ),
            )
            return redirect(_url(request, "start"))
        if kiosk.identity_confirmed_at is None:
            left = IDENTITY_TRIES - kiosk.identity_failures
            identity.add_error(
                None,
                _(
                    "Your first name or date of birth does not match our record. Please "
                    "check them. Tries left: %(left)s."
                )
                % {"left": left},
            )
        elif not fresh:
            return redirect(_step_url(request, kiosk.intake.current_step))
        else:
            data = _answers(request, kiosk, STEP_ABOUT_YOU)
            result = kiosk_step_save(
                kiosk_session=kiosk, step=STEP_ABOUT_YOU, data=data, next_step=STEP_ABOUT_YOU + 1
            )
            if result.ok:
                return redirect(_step_url(request, STEP_ABOUT_YOU + 1))
            kiosk.intake = result.intake
            return _render_step(request, kiosk, STEP_ABOUT_YOU, data=data)
    return _render_step(
        request, kiosk, STEP_ABOUT_YOU, data=request.POST if fresh else None, identity=identity
    )


def _questionnaire_forms(kiosk, data):
    wordings = selectors.questionnaire_wording_for_step()
    initial = step_initial(kiosk.intake, STEP_QUESTIONNAIRES) if data is None else {}
    return [
        {
            "form": decorate_form(
                QuestionnaireForm(
                    data=data,
                    prefix=code,
                    instrument_code=code,
                    wording=wording,
                    initial=initial.get(code, {}),
                    intake=kiosk.intake,
                )
            ),
            "wording": wording,
            "code": code,
        }
        for code, wording in wordings.items()
    ]


def _render_step(request, kiosk, step, *, data=None, identity=None):
    intake = kiosk.intake
    if data is None:
        data = typed_answers(kiosk, step)
    context = {
        "step": step,
        "step_count": STEP_COUNT,
        "steps": range(1, STEP_COUNT + 1),
        "title": STEP_TITLES[step],
        "kiosk": kiosk,
        "autosave": kiosk.identity_confirmed_at is not None and step != STEP_REVIEW,
        "at_home": kiosk.at_home,
        # At home nobody at the desk sees the patient: an urgent answer is told to them
        # on every step after the warning signs (an emergency one stops the intake).
        # At home nobody from the clinic is in the room: after the warning-sign step,
        # every page repeats what an emergency or urgent answer means the patient does.
        "home_alert": kiosk.at_home and step > STEP_WARNING_SIGNS and intake.warning_level,
    }
    if step == STEP_ABOUT_YOU and kiosk.identity_confirmed_at is None:
        context["identity"] = decorate_form(identity or IdentityForm())
        if intake.last_saved_at is not None:
            # A resumed draft: show nothing of it until the patient is confirmed.
            context["resuming"] = True
            return _render(request, "intake/kiosk/step.html", context)
    if step == STEP_QUESTIONNAIRES:
        context["questionnaires"] = _questionnaire_forms(kiosk, data)
    elif step == STEP_REVIEW:
        prefetch_related_objects([intake], "questionnaires", "consent")
        wordings = selectors.questionnaire_wording_for_step()
        context["sections"] = review_sections(intake, wordings=wordings)
        context["token"] = intake.submit_token
    else:
        initial = step_initial(intake, step) if data is None else None
        form = STEP_FORMS[step](data=data, initial=initial, intake=intake)
        context["form"] = decorate_form(form)
        if step == STEP_WHERE:
            regions = form["regions"]
            context["region_groups"] = region_groups(regions)
            context["body_map_views"] = body_map.views(regions.value() or [])
        elif step == STEP_CONSENT:
            context["consent_text"] = selectors.consent_text_current()
    return _render(request, "intake/kiosk/step.html", context)


def _render(request, template, context):
    context["idle_seconds"] = settings.KIOSK_IDLE_SECONDS
    return render(request, template, context)


@require_POST
@tablet_only
def submit(request):
    """The final POST: submit once, end the kiosk session, thank the patient.

    A double tap, a resent form or a retry carries the same one-time token and gets
    the same thank-you page, whether or not this browser still has its session.
    """
    token = request.POST.get("token", "")
    pk = request.session.get(SESSION_KEY)
    if pk and _left_idle(request, _now()):
        # Left idle: the session is ended as on any other page, and nothing is submitted.
        try:
            _tablet(request)
        except TabletReset:
            pk = None
    intake = None
    if pk:
        try:
            intake = kiosk_submit(
                kiosk_session=pk, token=token, require_active=True, at_home=at_home(request)
            )
        except (KioskSession.DoesNotExist, KioskSessionInactive):
            pk = None
        except IntakeLocked:
            pass
        except ValidationError as error:
            if "consent" in error.message_dict:
                messages.error(request, error.message_dict["consent"][0])
                return redirect(_step_url(request, STEP_CONSENT))
            messages.error(request, error.messages[0])
            return redirect(_step_url(request, STEP_REVIEW))
    if not pk:
        # No active tablet session (a double tap after the first submit ended it, or a
        # retry from a browser without its session): the same thank-you page if this
        # token was submitted.
        intake = selectors.intake_submitted_with_token(token=token)
    if intake is None:
        _reset(request, _ready_message(request))
        return redirect(_url(request, "start"))
    _reset(request)
    return render(
        request,
        "intake/previsit/thanks.html" if at_home(request) else "intake/kiosk/thanks.html",
        {
            "emergency": intake.warning_level == WarningLevel.EMERGENCY,
            "urgent": intake.warning_level == WarningLevel.URGENT,
        },
    )
