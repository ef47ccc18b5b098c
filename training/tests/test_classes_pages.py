"""The class pages as users meet them: access by persona, opening, the hub, states, documents, query counts."""

from __future__ import annotations

import io

import docx
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from training.models import Klass
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("persona, expected", [
    ("anonymous", 302), ("learner_a", 403), ("officer_a", 200), ("director_a", 200), ("viewer_a", 200),
    ("supervisor", 200), ("lecturer_a", 200), ("officer_b", 200), ("admin", 200),
])
def test_class_list_access(client, world, persona, expected):
    make.klass(world.centre_a)
    assert _get(client, world.personas()[persona], reverse("training:class_list")).status_code == expected


@pytest.mark.parametrize("persona, expected", [
    ("anonymous", 302), ("learner_a", 403), ("officer_b", 404), ("lecturer_a", 404), ("officer_a", 200),
    ("viewer_a", 200), ("supervisor", 200),
])
def test_class_detail_access(client, world, persona, expected):
    klass = make.klass(world.centre_a)
    assert _get(client, world.personas()[persona], reverse("training:class_detail", args=[klass.pk])).status_code == expected


def test_lecturer_sees_the_class_they_teach(client, world):
    klass = make.klass(world.centre_a)
    make.session(klass, lecturer=world.lecturer_profile)
    assert _get(client, world.lecturer_a, reverse("training:class_detail", args=[klass.pk])).status_code == 200


def test_list_is_scoped_and_searchable_without_diacritics(client, world):
    mine = make.klass(world.centre_a, name="Lớp đảng viên mới khóa 1")
    theirs = make.klass(world.centre_b, name="Lớp đảng viên mới Hàm Yên")
    client.force_login(world.officer_b)
    codes = {k.code for k in client.get(reverse("training:class_list")).context["object_list"]}
    assert codes == {theirs.code}
    client.force_login(world.officer_a)
    found = client.get(reverse("training:class_list"), {"q": "dang vien moi khoa"}).context["object_list"]
    assert [k.code for k in found] == [mine.code]


def test_class_list_query_count_does_not_grow(client, world):
    client.force_login(world.officer_a)
    ver = make.version()
    make.klass(world.centre_a, ver, room=make.room(world.centre_a))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("training:class_list")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(12):
        k = make.klass(world.centre_a, ver, room=make.room(world.centre_a), status="open")
        make.enrol(k, world.person_a)
    assert count() == few


def test_officer_opens_a_class_through_the_form(client, world):
    ver = make.version()
    room = make.room(world.centre_a, "Hội trường A", seats=80)
    client.force_login(world.officer_a)
    assert client.get(reverse("training:class_create")).status_code == 200
    response = client.post(reverse("training:class_create"), {
        "centre": world.centre_a.pk, "version": ver.pk, "start_date": "02/03/2026", "end_date": "06/03/2026",
        "room": room.pk, "capacity": "50", "opening_decision_number": "", "opening_decision_date": "",
    })
    klass = Klass.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("training:class_detail", args=[klass.pk])
    assert (klass.code, klass.room, klass.capacity, klass.status) == ("DVM-2026-01", room, 50, "planned")


def test_bad_form_input_shows_errors_and_writes_nothing(client, world):
    ver = make.version()
    client.force_login(world.officer_a)
    response = client.post(reverse("training:class_create"), {
        "centre": world.centre_a.pk, "version": ver.pk, "start_date": "06/03/2026", "end_date": "02/03/2026",
        "capacity": "50",
    })
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    assert not Klass.objects.exists()


def test_open_from_a_plan_line_prefills_the_form(client, world):
    ver = make.version()
    plan = make.plan(world.centre_a, approved=True, lines=[(ver.programme, 2, 1, 40)])
    line = plan.lines.get()
    client.force_login(world.officer_a)
    form = client.get(reverse("training:class_create"), {"line": line.pk}).context["form"]
    assert form.initial["version"] == ver and form.initial["code"] == "DVM-2026-01"
    client.post(reverse("training:class_create") + f"?line={line.pk}", {
        "plan_line": line.pk, "centre": world.centre_a.pk, "version": ver.pk, "start_date": "06/04/2026",
        "end_date": "10/04/2026", "capacity": "40", "code": "DVM-2026-01",
    })
    assert Klass.objects.get().plan_line == line


def test_viewer_and_other_officer_cannot_open_or_edit(client, world):
    klass = make.klass(world.centre_a)
    client.force_login(world.viewer_a)
    assert client.get(reverse("training:class_create")).status_code == 403
    assert client.get(reverse("training:class_edit", args=[klass.pk])).status_code == 403
    client.force_login(world.officer_b)
    assert client.get(reverse("training:class_edit", args=[klass.pk])).status_code == 404
    assert client.post(reverse("training:class_transition", args=[klass.pk]), {"to_status": "open"}).status_code == 404


def test_hub_page_walks_the_states(client, world):
    klass = make.klass(world.centre_a)
    client.force_login(world.officer_a)
    url = reverse("training:class_detail", args=[klass.pk])
    page = client.get(url)
    assert page.context["forward"]["blockers"]  # no opening decision yet
    client.post(reverse("training:class_transition", args=[klass.pk]), {"to_status": "open"})
    assert Klass.objects.get(pk=klass.pk).status == "planned"
    client.post(reverse("training:class_record_decision", args=[klass.pk]), {"number": "9-QĐ/TTCT", "date": "20/02/2026"})
    client.post(reverse("training:class_transition", args=[klass.pk]), {"to_status": "open"})
    assert Klass.objects.get(pk=klass.pk).status == "open"
    make.enrol(klass, world.person_a)
    make.session(klass)
    client.post(reverse("training:class_transition", args=[klass.pk]), {"to_status": "in_progress"})
    assert Klass.objects.get(pk=klass.pk).status == "in_progress"
    page = client.get(url)
    assert page.status_code == 200 and page.context["forward"]["value"] == "results_approved"
    assert page.context["figures"].enrolled == 1 and page.context["figures"].sessions_total == 1
    assert {s["name"] for s in page.context["stages"]} >= {"training:nominations", "certificates:class_certificates"}


def test_hub_actions_are_hidden_from_readers(client, world):
    klass = make.klass(world.centre_a)
    client.force_login(world.viewer_a)
    page = client.get(reverse("training:class_detail", args=[klass.pk]))
    assert page.context["can_edit"] is False
    assert b'id="next-step"' not in page.content


def test_opening_decision_word_and_pdf(client, world):
    ver = make.version()
    room = make.room(world.centre_a, "Hội trường lớn")
    officer = f.StaffAssignmentFactory(centre=world.centre_a, position="director",
                                       person__family_name="Đỗ", person__middle_name="Văn", person__given_name="Hải")
    klass = make.klass(world.centre_a, ver, status="open", room=room, code="DVM-2026-05",
                       name="Lý luận chính trị dành cho đảng viên mới khóa 5")
    client.force_login(world.viewer_a)
    response = client.get(reverse("training:class_opening_decision", args=[klass.pk, "docx"]))
    assert response.status_code == 200
    assert "DVM-2026-05" in response["Content-Disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    tables = " ".join(c.text for t in docx.Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells)
    assert "QUYẾT ĐỊNH" in text and "DVM-2026-05" in text and "Hội trường lớn" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in tables and officer.person.full_name in tables
    assert klass.opening_decision_number in tables
    pdf = client.get(reverse("training:class_opening_decision", args=[klass.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(f"/training/classes/{klass.pk}/opening-decision.exe").status_code == 404
    client.force_login(world.officer_b)
    assert client.get(reverse("training:class_opening_decision", args=[klass.pk, "docx"])).status_code == 404


def test_delete_from_the_hub(client, world):
    klass = make.klass(world.centre_a)
    opened = make.klass(world.centre_a, status="open")
    client.force_login(world.officer_a)
    client.post(reverse("training:class_delete", args=[opened.pk]))
    assert Klass.objects.filter(pk=opened.pk).exists()
    assert client.post(reverse("training:class_delete", args=[klass.pk])).status_code == 302
    assert not Klass.objects.filter(pk=klass.pk).exists()


def test_the_class_name_is_not_repeated_on_its_page(client, world):
    ver = make.version()
    klass = make.klass(world.centre_a, ver, name=ver.programme.name)
    client.force_login(world.officer_a)
    page = client.get(reverse("training:class_detail", args=[klass.pk])).content.decode()
    body = page.split("<main", 1)[1]
    assert body.count(ver.programme.name) == 1


def test_the_class_page_shows_the_relations_few_classes_have_with_one_query_each_when_set(client, world):
    plain = make.klass(world.centre_a)
    client.force_login(world.officer_a)
    url = reverse("training:class_detail", args=[plain.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as unset:
        assert client.get(url).status_code == 200
    full = make.klass(world.centre_a)
    full.head_teacher = world.lecturer_profile
    full.co_organiser = f.SendingOrganisationFactory(name="Ban Tuyên giáo xã Yên Sơn", centre=world.centre_a)
    full.save()
    with CaptureQueriesContext(connection) as both:
        page = client.get(reverse("training:class_detail", args=[full.pk])).content.decode()
    assert "Trần" in page and "Ban Tuyên giáo xã Yên Sơn" in page
    assert len(both) - len(unset) == 3  # the co-organiser, the head teacher and their person


@pytest.mark.django_db(transaction=True)
def test_the_filters_choices_are_read_afresh_while_their_sql_is_kept(client, world):
    """The class list keeps the SQL of its year and programme choices per login (accounts.access.kept_rows);
    a class in a new year and a new programme, neither of them an access table, show on the next request."""
    import datetime as dt

    make.klass(world.centre_a, start_date=dt.date(2026, 3, 2), end_date=dt.date(2026, 3, 20))
    client.force_login(world.officer_a)
    url = reverse("training:class_list")

    def choices(name):
        filters = {flt["name"]: flt for flt in client.get(url).context["filters"]}
        return [value for value, _label in filters[name]["choices"]]

    assert choices("year") == ["2026"]
    with CaptureQueriesContext(connection) as warm:
        choices("year")
    later = make.klass(world.centre_a, make.version("TTDVM"), start_date=dt.date(2031, 5, 4), end_date=dt.date(2031, 5, 20))
    assert choices("year") == ["2031", "2026"]
    assert later.version.programme.code in choices("programme")
    with CaptureQueriesContext(connection) as again:
        choices("year")
    assert len(again) == len(warm)
    from accounts.access import remembered

    kept = [key for key in remembered._entries if key[1] == world.officer_a.pk and key[2:3] == ("sql",)]
    assert {key[4] for key in kept} == {"class-list-programmes", "class-list-years", "class-list"}


@pytest.mark.django_db(transaction=True)
def test_the_list_keeps_its_sql_and_reads_its_rows_afresh(client, world):
    """The count's and the page's SQL are kept per login and query string; the rows are read on every
    request: a new class, a renamed one and a class moved to another state show at once, and the next page
    of a search is its own kept read."""
    import datetime as dt

    first = make.klass(world.centre_a, start_date=dt.date(2026, 3, 2), end_date=dt.date(2026, 3, 20))
    client.force_login(world.officer_a)
    url = reverse("training:class_list")

    def listed(query=""):
        context = client.get(url + query).context
        return context["total"], [(row.code, row.name, row.status_label) for row in context["object_list"]]

    assert listed() == (1, [(first.code, first.name, str(Klass.Status(first.status).label))])
    with CaptureQueriesContext(connection) as warm:
        listed()
    second = make.klass(world.centre_a, start_date=dt.date(2026, 4, 6), end_date=dt.date(2026, 4, 24))
    Klass.objects.filter(pk=first.pk).update(name="Lớp đã đổi tên", status=Klass.Status.CLOSED)
    with CaptureQueriesContext(connection) as again:
        total, rows = listed()
    assert len(again) == len(warm)
    assert total == 2 and rows[0][0] == second.code
    assert rows[1] == (first.code, "Lớp đã đổi tên", str(Klass.Status.CLOSED.label))
    assert listed("?status=closed") == (1, [rows[1]])
    with override_settings(PAGE_SIZE=1):
        assert listed("?page=2")[1] == [rows[1]]
        assert listed("?page=99")[1] == [rows[1]]  # past the end: the last page, as Django's paginator does


def test_a_list_shorter_than_a_page_is_counted_by_its_first_page(client, world):
    """The first page is read first (core.listing): fewer rows than a page is the count, with no COUNT query;
    a full first page is counted as before, and a later page is read after its count."""
    import datetime as dt

    from django.test import override_settings

    for day in (2, 3):
        make.klass(world.centre_a, start_date=dt.date(2026, 3, day), end_date=dt.date(2026, 3, 20))
    client.force_login(world.officer_a)
    url = reverse("training:class_list")

    def listed(query=""):
        with CaptureQueriesContext(connection) as ctx:
            context = client.get(url + query).context
        counted = any("COUNT(*) FROM (" in q["sql"] for q in ctx.captured_queries)
        return context["total"], len(context["object_list"]), counted

    assert listed() == (2, 2, False)
    with override_settings(PAGE_SIZE=1):
        assert listed() == (2, 1, True)
        assert listed("?page=2") == (2, 1, True)
    with override_settings(PAGE_SIZE=2):
        assert listed() == (2, 2, True)  # a full page may have more after it
