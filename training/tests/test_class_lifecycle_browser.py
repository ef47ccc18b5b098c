"""A whole class in Chromium, as the training officer runs it: open the class, import a messy nomination
list, generate the timetable, take attendance, enter scores, have the director approve, issue the
certificates, and check one logged out through the address in its QR code."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from conftest import browser_login
from training.models import Attendance, Enrolment, Klass, Result, Session
from training.nominations import sample_workbooks as workbooks
from training.tests.factories.results import make_version, staff_the_centre


def _decode_qr(pdf: bytes, tmp_path) -> str:
    for tool in ("pdftoppm", "zbarimg"):
        assert shutil.which(tool), f"{tool} is missing; the test command installs poppler-utils and zbar-tools"
    (tmp_path / "cert.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / "cert.pdf"), str(tmp_path / "cert")],
                   check=True)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "cert.png")], check=True,
                         capture_output=True, text=True).stdout.strip()
    return out


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_runs_a_whole_class(browser_page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff_the_centre(world)
    version = make_version(components=(("Bài thu hoạch", "100", True),),
                           topics=(("Lịch sử Đảng", 8), ("Điều lệ Đảng", 4)))
    start = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday() + 14)  # a Monday two weeks ago
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())

    # 1. Open the class.
    browser_login(page, "officer_a")
    page.goto(page.base_url + reverse("training:class_create"))
    page.select_option("#id_version", str(version.pk))
    page.fill("#id_name", "Lớp bồi dưỡng đảng viên mới khóa 1")
    page.fill("#id_start_date", start.strftime("%d/%m/%Y"))
    page.fill("#id_end_date", (start + dt.timedelta(days=4)).strftime("%d/%m/%Y"))
    page.fill("#id_opening_decision_number", "15-QĐ/TTCT")
    page.fill("#id_opening_decision_date", (start - dt.timedelta(days=7)).strftime("%d/%m/%Y"))
    page.click("form.panel button[type=submit]")
    page.wait_for_url("**/training/classes/*/")
    klass = Klass.objects.get(version=version)
    page.click(f"form[action='{reverse('training:class_transition', args=[klass.pk])}'] button:not([disabled])")
    page.wait_for_load_state()
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.OPEN

    # 2. Import the party committee's list: title rows, merged headers, bad rows among good ones.
    workbook = tmp_path / "danh-sach.xlsx"
    workbook.write_bytes(workbooks.party_list())
    page.goto(page.base_url + reverse("training:nominations", args=[klass.pk]))
    page.set_input_files("input[type=file][name=file]", str(workbook))
    page.click(f"form[action='{reverse('training:nomination_upload', args=[klass.pk])}'] button[type=submit]")
    page.wait_for_selector("#preview-form")
    assert Enrolment.objects.filter(klass=klass).count() == 0  # nothing is written before confirming
    page.click("#preview-form button[value=skip_errors]")
    page.wait_for_selector("#preview-form")
    page.click("#preview-form button[value=confirm]")
    page.wait_for_load_state()
    enrolled = Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED)
    assert enrolled.count() >= 2

    # 3. Generate the timetable and start the class.
    page.goto(page.base_url + reverse("training:timetable", args=[klass.pk]))
    page.click(f"form[action='{reverse('training:timetable_generate', args=[klass.pk])}'] button[type=submit]")
    page.wait_for_load_state()
    sessions = Session.objects.filter(klass=klass).order_by("date", "part")
    assert sum(s.periods for s in sessions) == 12 and all(s.lecturer_id for s in sessions)
    page.goto(page.base_url + reverse("training:class_detail", args=[klass.pk]))
    page.click(f"form[action='{reverse('training:class_transition', args=[klass.pk])}'] button:not([disabled])")
    page.wait_for_load_state()
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.IN_PROGRESS

    # 4. Attendance of the first session: everyone present but one who is late.
    first = sessions.first()
    late = enrolled.order_by("id").first()
    page.goto(page.base_url + reverse("training:session_attendance", args=[first.pk]))
    page.check(f"input[name=status_{late.pk}][value=late]", force=True)
    with page.expect_response(lambda r: r.request.method == "POST" and "/attendance/" in r.url):
        page.click(".sticky-save button[type=submit]")
    marks = dict(Attendance.objects.filter(session=first).values_list("enrolment_id", "status"))
    assert marks[late.pk] == "late" and len(marks) == enrolled.count()

    # 5. Scores through the keyboard-friendly grid.
    page.goto(page.base_url + reverse("training:results_grid", args=[klass.pk]))
    cells = page.locator("input.score")
    for index in range(cells.count()):
        cells.nth(index).fill("8,5")
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.wait_for_selector(".msg.success")
    assert Result.objects.filter(enrolment__klass=klass, completed=True).count() == enrolled.count()

    # 6. The director approves.
    page.context.clear_cookies()
    browser_login(page, "director_a")
    page.goto(page.base_url + reverse("training:results_grid", args=[klass.pk]))
    page.click(f"form[action='{reverse('training:results_approve', args=[klass.pk])}'] button")
    page.wait_for_selector(".msg.success")
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.RESULTS_APPROVED

    # 7. The officer issues the certificates and prints the class.
    page.context.clear_cookies()
    browser_login(page, "officer_a")
    page.goto(page.base_url + reverse("certificates:class_certificates", args=[klass.pk]))
    page.click("form:has(input[name=issued_on]) button[type=submit]")
    page.wait_for_selector(".msg.success")
    issued = Certificate.objects.filter(enrolment__klass=klass).order_by("number")
    assert [c.number for c in issued] == list(range(1, enrolled.count() + 1))
    page.click("#batch button[type=submit]")
    page.wait_for_selector("#batch a[href$='download.pdf']")

    # 8. Logged out, the QR code of a downloaded certificate leads to its verification page.
    certificate = issued.first()
    response = page.request.get(page.base_url + reverse("certificates:download_certificate", args=[certificate.code]))
    assert response.ok
    url = _decode_qr(response.body(), tmp_path)
    assert url.endswith(reverse("certificates:verify_code", args=[certificate.code]))
    page.context.clear_cookies()
    page.goto(page.base_url + url[url.index("/certificates/"):])
    page.wait_for_selector("[data-status=valid]")
    html = page.content()
    assert certificate.learner_name in html
    assert certificate.enrolment.person.national_id not in html
