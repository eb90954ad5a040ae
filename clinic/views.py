from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import TemplateView


def root(request):
    """Staff go to their role home; everyone else to the login page."""
    if request.user.is_authenticated:
        return redirect("clinic:home")
    return redirect("login")


class StaffHomeView(LoginRequiredMixin, TemplateView):
    """The role-aware home: each role lands on the screen it works from."""

    role_templates = [
        ("clinic.review_intakes", "clinic/home_practitioner.html"),
        ("clinic.use_front_desk", "clinic/home_front_desk.html"),
        ("clinic.edit_content", "clinic/home_content_admin.html"),
    ]

    def get_template_names(self):
        for permission, template in self.role_templates:
            if self.request.user.has_perm(permission):
                return [template]
        raise PermissionDenied
