"""The menu's rules read nothing but the login's scope and lecturer profile, so its entries can be kept per
access token (ttct.navigation): every rule is asked here for logins of every role with no query allowed."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services
from accounts.scope import scope_of
from tests import factories as f
from training.permissions import has_lecturer_profile
from ttct import navigation

ROLES = ("admin", "supervisor", "director_a", "officer_a", "viewer_a", "lecturer_a", "learner_a")


@pytest.mark.django_db(transaction=True)  # outside a transaction block, where answers are kept per token
@pytest.mark.parametrize("login", ROLES)
def test_every_menu_rule_is_answered_from_the_scope_and_lecturer_profile_alone(world, login):
    user = getattr(world, login)
    client = Client()
    client.force_login(user)
    request_user = client.get("/accounts/password/").wsgi_request.user  # read with its token, as pages do
    scope_of(request_user), has_lecturer_profile(request_user)
    assert request_user.access_token is not None
    with CaptureQueriesContext(connection) as captured:
        shown = navigation._visible_entries(request_user)
    assert [q["sql"] for q in captured] == [], "a menu rule reads a table the access token does not follow"
    assert shown, "every login sees at least one entry"


@pytest.mark.django_db(transaction=True)
def test_the_kept_entries_follow_a_role_granted_between_two_pages(world):
    newcomer = f.UserFactory(username="newcomer")
    client = Client()
    client.force_login(newcomer)
    classes = reverse("training:class_list")
    assert f'href="{classes}"' not in client.get("/accounts/password/").content.decode()
    assert f'href="{classes}"' not in client.get("/accounts/password/").content.decode()  # kept
    services.grant_role(actor=world.director_a, user=newcomer, role=f.Role.TRAINING_OFFICER, centre=world.centre_a)
    assert f'href="{classes}"' in client.get("/accounts/password/").content.decode()
