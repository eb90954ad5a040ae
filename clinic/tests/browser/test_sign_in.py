import pytest
from django.contrib.auth.models import Group

from clinic import roles
from clinic.tests.browser.conftest import PHONE, TABLET_LANDSCAPE, TABLET_PORTRAIT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [TABLET_PORTRAIT, TABLET_LANDSCAPE, PHONE])
def test_login_page_is_accessible_on_every_viewport(page, live_server, viewport, assert_accessible):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.get_by_role("heading", level=1).inner_text() == "Staff sign in"
    assert_accessible(page)


def test_staff_sign_in_reaches_role_home_and_signs_out(
    page, live_server, django_user_model, assert_accessible
):
    user = django_user_model.objects.create_user("desk", password="a long test password")
    user.groups.add(Group.objects.get(name=roles.FRONT_DESK))
    page.set_viewport_size(TABLET_PORTRAIT)
    page.goto(f"{live_server.url}/staff/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/staff/")
    assert page.get_by_role("heading", level=1).inner_text() == "Front desk"
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You are signed out"
    assert_accessible(page)
