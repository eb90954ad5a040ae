import pytest
from django.contrib.auth.models import Group

from clinic import roles


def test_migrations_create_the_three_roles_with_their_permissions(db):
    for role, perms in roles.ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(perms)


def test_root_sends_anonymous_visitors_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"


def test_root_sends_staff_to_their_home(client, front_desk_user):
    client.force_login(front_desk_user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_anonymous_staff_home_redirects_to_login(client, db):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/staff/")


@pytest.mark.parametrize(
    ("user_fixture", "heading"),
    [
        ("front_desk_user", "Front desk"),
        ("practitioner_user", "Practitioner queue"),
        ("content_admin_user", "Education content"),
    ],
)
def test_each_role_lands_on_its_own_home(client, request, user_fixture, heading):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get("/staff/")
    assert response.status_code == 200
    assert f'<h1 class="h2">{heading}</h1>' in response.content.decode()


def test_user_without_a_role_is_refused_the_staff_home(client, make_staff):
    client.force_login(make_staff(None, username="nobody"))
    assert client.get("/staff/").status_code == 403


def test_login_page_renders_in_house_style(client, db):
    response = client.get("/accounts/login/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in body
    assert 'href="#main"' in body
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in body
    assert "/static/vendor/htmx/htmx.min.js" in body
    assert "cdn" not in body.lower()


def test_login_with_password_reaches_the_role_home(client, make_staff):
    user = make_staff(roles.PRACTITIONER, username="doc")
    user.set_password("a long test password")
    user.save()
    response = client.post(
        "/accounts/login/", {"username": "doc", "password": "a long test password"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/staff/"
    assert "Practitioner queue" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(client, front_desk_user):
    client.force_login(front_desk_user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 200
    assert client.get("/staff/").status_code == 302
