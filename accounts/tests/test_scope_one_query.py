"""The scope of any user is read in one query, with the same ids as before (merged provinces too)."""

import pytest

from accounts.scope import compute_scope

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["supervisor", "director_a", "officer_a", "officer_b", "viewer_a", "learner_a"])
def test_scope_is_one_query(world, name, django_assert_num_queries):
    user = getattr(world, name)
    with django_assert_num_queries(1):
        compute_scope(user)


def test_supervisor_sees_the_province_and_its_predecessor_centres(world):
    scope = compute_scope(world.supervisor)
    assert scope.centre_ids == {world.centre_a0.pk, world.centre_a.pk, world.centre_b.pk}
    assert world.province.pk in scope.province_ids_with_history
    assert world.other_province.pk not in scope.province_ids_with_history
    assert scope.supervises(world.province.pk)


def test_director_directs_the_centre_and_the_centre_it_continues(world):
    scope = compute_scope(world.director_a)
    assert scope.directed_centre_ids == {world.centre_a.pk, world.centre_a0.pk}
    assert scope.editable_centre_ids == {world.centre_a.pk, world.centre_a0.pk}
    assert scope.centre_ids == {world.centre_a.pk, world.centre_a0.pk}
    assert scope.province_ids_with_history == {world.province.pk}


def test_merged_province_units_join_the_history(world):
    from tests import factories as f

    merged = f.ProvinceFactory(name="Tỉnh Hà Giang", code="02")
    merged.successor = world.province
    merged.save()
    old_centre = f.CentreFactory(code="HG", name="Trung tâm Chính trị huyện Vị Xuyên", province=merged)
    scope = compute_scope(world.supervisor)
    assert merged.pk in scope.province_ids_with_history
    assert old_centre.pk in scope.centre_ids
    assert old_centre.pk not in compute_scope(world.officer_a).centre_ids


def test_the_day_and_the_user_are_parameters_of_the_compiled_query(world, monkeypatch):
    """The query's text is compiled once per backend; each call reads its own user on its own day."""
    import datetime as dt

    from accounts import scope as scope_module
    from accounts.models import RoleAssignment
    from tests import factories as f

    today = dt.date(2026, 5, 4)
    user = f.UserFactory(username="acting_officer")
    RoleAssignment.objects.create(user=user, role=f.Role.TRAINING_OFFICER, centre=world.centre_b,
                                  valid_from=today, valid_to=today)
    monkeypatch.setattr(scope_module.timezone, "localdate", lambda: today)
    assert compute_scope(user).editable_centre_ids == {world.centre_b.pk}
    assert compute_scope(world.officer_a).editable_centre_ids == {world.centre_a.pk, world.centre_a0.pk}
    monkeypatch.setattr(scope_module.timezone, "localdate", lambda: today + dt.timedelta(days=1))
    assert compute_scope(user).editable_centre_ids == set()
    monkeypatch.setattr(scope_module.timezone, "localdate", lambda: today - dt.timedelta(days=1))
    assert compute_scope(user).centre_ids == set()
