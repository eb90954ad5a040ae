"""Staff roles: Django groups and the permissions each one carries.

The groups are created by a migration; their permissions are synced after every
`migrate` (permissions only exist once their models' migrations have run), so a
later issue that adds a model grants it to a role by extending ROLE_PERMISSIONS.
"""

from django.utils.translation import gettext_lazy as _

FRONT_DESK = "Front desk"
PRACTITIONER = "Practitioner"
CONTENT_ADMIN = "Content admin"
CLINICAL_REVIEWER = "Clinical reviewer"

ROLE_LABELS = {
    FRONT_DESK: _("Front desk"),
    PRACTITIONER: _("Practitioner"),
    CONTENT_ADMIN: _("Content admin"),
    CLINICAL_REVIEWER: _("Clinical reviewer"),
}

# "app_label.codename" of each permission a role holds. The front desk holds no
# permission on a model with clinical answers (minimum necessary).
ROLE_PERMISSIONS = {
    FRONT_DESK: [
        "clinic.use_front_desk",
        "intake.add_patient",
        "intake.change_patient",
        "intake.view_patient",
    ],
    PRACTITIONER: [
        "clinic.review_intakes",
        "intake.view_patient",
        "intake.view_intake",
        "intake.change_intake",
        "intake.view_questionnaireresponse",
        "intake.view_instrumentwording",
        "education.view_catalogueitem",
        "education.view_exercisestep",
    ],
    CONTENT_ADMIN: [
        "clinic.edit_content",
        "intake.view_consenttext",
        "intake.add_consenttext",
        "intake.change_consenttext",
        "clinic.view_recommendationrule",
        "clinic.add_recommendationrule",
        "clinic.change_recommendationrule",
        "clinic.delete_recommendationrule",
        "intake.view_instrumentsetting",
        "intake.change_instrumentsetting",
        "intake.view_instrumentwording",
        "education.view_catalogueitem",
        "education.add_catalogueitem",
        "education.change_catalogueitem",
        "education.delete_catalogueitem",
        "education.view_exercisestep",
        "education.add_exercisestep",
        "education.change_exercisestep",
        "education.delete_exercisestep",
        "education.view_contentevent",
    ],
    # Practitioners who check the library: they edit it too, and only they publish.
    CLINICAL_REVIEWER: [
        "clinic.edit_content",
        "education.view_catalogueitem",
        "education.add_catalogueitem",
        "education.change_catalogueitem",
        "education.approve_catalogueitem",
        "education.view_exercisestep",
        "education.view_contentevent",
    ],
}


def sync_role_permissions(*, using="default", verbosity=0):
    """Create the role groups if missing and give each exactly its listed permissions.

    Permissions that do not exist yet (their app not migrated) are skipped; the next
    `migrate` adds them.
    """
    from django.contrib.auth.models import Group, Permission

    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for name in perm_names:
            app_label, codename = name.split(".", 1)
            wanted.extend(
                Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
        current = set(group.permissions.all())
        if current != set(wanted):
            group.permissions.set(wanted)
            if verbosity >= 1:
                print(f"Role permissions updated: {role}")
