"""Classes visible to a login with a person record (an officer who also teaches or learns) are found from
the centres' classes and the person's own few classes, each by its index, not by testing every class of
the nation for a session or an enrolment of that person."""

import pytest
from django.db import connection

from training.models import Enrolment, Klass, Session
from training.tests.factories import KlassFactory

pytestmark = pytest.mark.django_db


def _taught_and_attended(world) -> tuple[Klass, Klass]:
    """Two classes of another province: one the test lecturer teaches, one the test learner attends."""
    taught = KlassFactory(centre=world.centre_c)
    Session.objects.create(klass=taught, date=taught.start_date, part="morning", periods=4,
                           lecturer=world.lecturer_profile)
    attended = KlassFactory(centre=world.centre_c)
    Enrolment.objects.create(klass=attended, person=world.learner_person)
    return taught, attended


def test_a_lecturer_and_learner_sees_the_classes_taught_and_attended_and_no_other(world):
    taught, attended = _taught_and_attended(world)
    other = KlassFactory(centre=world.centre_c)
    assert taught.pk in set(Klass.objects.visible_to(world.lecturer_a).values_list("pk", flat=True))
    assert attended.pk in set(Klass.objects.visible_to(world.learner_a).values_list("pk", flat=True))
    for user in (world.lecturer_a, world.learner_a, world.officer_b):
        assert other.pk not in set(Klass.objects.visible_to(user).values_list("pk", flat=True))
    assert taught.pk in set(Session.objects.visible_to(world.lecturer_a).values_list("klass_id", flat=True))
    assert attended.pk in set(Enrolment.objects.visible_to(world.learner_a).values_list("klass_id", flat=True))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_the_persons_own_classes_are_looked_up_once_not_tested_on_every_class(world):
    sql, params = Klass.objects.visible_to(world.lecturer_a).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "id = ANY ($" in plan
    assert "SubPlan" not in plan.replace("InitPlan", ""), plan


def test_one_class_is_judged_as_the_condition_judges_it_for_every_login(world):
    from training.models.scoping import sees_class

    taught, attended = _taught_and_attended(world)
    classes = [taught, attended, KlassFactory(centre=world.centre_a), KlassFactory(centre=world.centre_b),
               KlassFactory(centre=world.centre_a0), KlassFactory(centre=world.centre_c)]
    logins = ["admin", "supervisor", "director_a", "officer_a", "officer_b", "viewer_a", "lecturer_a", "learner_a"]
    seen = {}
    for login in logins:
        user = getattr(world, login)
        visible = set(Klass.objects.visible_to(user).values_list("pk", flat=True))
        for klass in classes:
            assert sees_class(user, klass) == (klass.pk in visible), (login, klass.centre.code)
        seen[login] = sum(k.pk in visible for k in classes)
    assert seen["admin"] == len(classes) and 0 < seen["officer_b"] < len(classes)
    assert seen["lecturer_a"] >= 1 and seen["learner_a"] >= 1


def test_a_class_outside_the_login_is_a_404_on_its_pages(client, world):
    from django.urls import reverse

    klass = KlassFactory(centre=world.centre_c)
    client.force_login(world.officer_a)
    for name in ("training:class_detail", "training:attendance_grid", "training:results_grid", "training:timetable"):
        assert client.get(reverse(name, args=[klass.pk])).status_code == 404, name
    client.force_login(world.admin)
    assert client.get(reverse("training:attendance_grid", args=[klass.pk])).status_code == 200


def test_a_class_that_does_not_exist_is_a_404_on_its_pages(client, world):
    # Its pages read the class through compiled one-row reads (training.models.scoping.class_by_key).
    from django.urls import reverse

    client.force_login(world.admin)
    missing = (Klass.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    for name in ("training:class_detail", "training:attendance_grid", "training:results_grid", "training:timetable",
                 "training:nominations", "certificates:class_certificates"):
        assert client.get(reverse(name, args=[missing])).status_code == 404, name
