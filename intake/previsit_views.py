"""The page a pre-visit link opens (/v/<token>/), before the wizard at /visit/.

A GET only shows the start page: mail scanners and link previews that open the link
use nothing up. The patient starts with a POST that confirms their date of birth;
then their browser's session holds the new kiosk session, as a tablet's would, and the
wizard runs on the /visit/ mount of the intake URLs.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from intake.kiosk_forms import PrevisitStartForm
from intake.kiosk_widgets import decorate_form
from intake.services import PrevisitRefused, previsit_link_open, previsit_link_start
from intake.services.previsit import previsit_refusal
from intake.views import HOME_NAMESPACE, SEEN_KEY, SESSION_KEY, _now, tablet_only
from intake.vocabulary import STEP_ABOUT_YOU


def _refused(request, message, *, status):
    return render(request, "intake/previsit/refused.html", {"message": message}, status=status)


@require_http_methods(["GET", "POST"])
@tablet_only
def link(request, token):
    if request.method == "GET":
        found = previsit_link_open(token=token)
        if found is None or not found.is_usable or not found.intake.is_draft:
            refusal = previsit_refusal(found)
            return _refused(request, refusal.message, status=404 if found is None else 410)
        form = PrevisitStartForm()
    else:
        form = PrevisitStartForm(request.POST)
        if form.is_valid():
            try:
                session = previsit_link_start(
                    token=token, date_of_birth=form.cleaned_data["date_of_birth"]
                )
            except PrevisitRefused as refused:
                if refused.code == "wrong_date":
                    form.add_error("date_of_birth", refused)
                else:
                    return _refused(request, refused.message, status=410)
            else:
                # Whatever the browser had is gone; it now holds this session only.
                request.session.flush()
                request.session[SESSION_KEY] = session.pk
                request.session[SEEN_KEY] = _now()
                step = session.intake.current_step or STEP_ABOUT_YOU
                return redirect(reverse("intake:step", args=[step], current_app=HOME_NAMESPACE))
    return render(request, "intake/previsit/start.html", {"form": decorate_form(form)})
