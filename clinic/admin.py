from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from clinic.models import User

admin.site.site_header = "NerveDesk"
admin.site.site_title = "NerveDesk"


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "is_active", "last_login")
    list_filter = ("groups", "is_active", "is_staff")
