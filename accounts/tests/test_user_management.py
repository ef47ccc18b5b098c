import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import Role, RoleAssignment, User
from accounts.scope import compute_scope


@pytest.mark.django_db
def test_director_creates_officer_for_own_centre(client, world):
    client.force_login(world.director_a)
    response = client.post(reverse("accounts:user_create"), {
        "username": "canbo_moi", "first_name": "Lan", "last_name": "Nguyễn Thị", "password": "Mat-khau-dai-2026",
        "role": Role.TRAINING_OFFICER, "centre": world.centre_a.pk,
    })
    assert response.status_code == 302
    created = User.objects.get(username="canbo_moi")
    assert created.check_password("Mat-khau-dai-2026")
    assert compute_scope(created).editable_centre_ids == {world.centre_a.pk, world.centre_a0.pk}


@pytest.mark.django_db
def test_director_cannot_grant_director_or_other_centre(world):
    user = User.objects.create_user("x1", password="Mat-khau-dai-2026")
    with pytest.raises(PermissionDenied):
        services.grant_role(actor=world.director_a, user=user, role=Role.CENTRE_DIRECTOR, centre=world.centre_a)
    with pytest.raises(PermissionDenied):
        services.grant_role(actor=world.director_a, user=user, role=Role.TRAINING_OFFICER, centre=world.centre_b)
    assert not RoleAssignment.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_supervisor_grants_director_in_province_only(world):
    user = User.objects.create_user("x2", password="Mat-khau-dai-2026")
    services.grant_role(actor=world.supervisor, user=user, role=Role.CENTRE_DIRECTOR, centre=world.centre_b)
    with pytest.raises(PermissionDenied):
        services.grant_role(actor=world.supervisor, user=user, role=Role.CENTRE_DIRECTOR, centre=world.centre_c)


@pytest.mark.django_db
def test_role_node_must_fit_the_role(world):
    user = User.objects.create_user("x3", password="Mat-khau-dai-2026")
    with pytest.raises(ValidationError):
        services.grant_role(actor=world.admin, user=user, role=Role.PROVINCE_SUPERVISOR, centre=world.centre_a)
    with pytest.raises(ValidationError):
        services.grant_role(actor=world.admin, user=user, role=Role.LEARNER, centre=world.centre_a)  # no person


@pytest.mark.django_db
def test_weak_password_refused_and_nothing_created(client, world):
    client.force_login(world.admin)
    response = client.post(reverse("accounts:user_create"), {
        "username": "yeu", "first_name": "A", "password": "123", "role": Role.VIEWER, "centre": world.centre_a.pk,
    })
    assert response.status_code == 200 and "password" in response.context["form"].errors
    assert not User.objects.filter(username="yeu").exists()


@pytest.mark.django_db
def test_user_pages_scoped(client, world):
    client.force_login(world.officer_b)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    client.force_login(world.director_a)
    listing = client.get(reverse("accounts:user_list")).content.decode()
    assert "officer_a" in listing and "officer_b" not in listing
    assert client.get(reverse("accounts:user_detail", args=[world.officer_b.pk])).status_code == 404


@pytest.mark.django_db
def test_lock_login(client, world):
    client.force_login(world.director_a)
    client.post(reverse("accounts:user_set_active", args=[world.officer_a.pk]), {"active": "0"})
    world.officer_a.refresh_from_db()
    assert not world.officer_a.is_active
