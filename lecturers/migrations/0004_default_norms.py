"""Default norms (QĐ 1853/QĐ-BTGTW, 2010, Điều 7) and conversion coefficients: editable defaults.

The overtime rules follow TT 21/2025/TT-BGDĐT (150 %, at most 200 periods a year). Only "one lecturing
period = one standard hour" has a source; the other coefficients are starting values a province edits.
"""

from decimal import Decimal

from django.db import migrations

NORMS = [("director", 40, 30), ("deputy_director", 60, 40), ("lecturer", 120, 90), ("lecturer_office", 90, 45)]
COEFFICIENTS = [
    ("lecture", "Giảng dạy trên lớp", "tiết", "1"),
    ("essay", "Chấm tiểu luận, bài thu hoạch", "bài", "0.1"),
    ("fieldwork", "Hướng dẫn, phụ trách đi thực tế", "ngày", "2"),
    ("topic_new", "Biên soạn chuyên đề mới", "chuyên đề", "20"),
    ("topic_revise", "Chỉnh sửa, cập nhật chuyên đề", "chuyên đề", "5"),
    ("topic_prepare", "Chuẩn bị giảng chuyên đề mới", "chuyên đề", "4"),
    ("case_study", "Hướng dẫn nghiên cứu tình huống", "buổi", "1"),
    ("head_teacher", "Giáo viên chủ nhiệm lớp", "lớp", "5"),
]


def seed(apps, schema_editor):
    NormTable = apps.get_model("lecturers", "NormTable")
    if NormTable.objects.filter(is_editable_default=True).exists():
        return
    table = NormTable.objects.create(
        name="Định mức giờ chuẩn mặc định (có thể sửa)", first_year=2010, year_kind="calendar",
        overtime_multiplier=Decimal("1.5"), overtime_cap=200, is_editable_default=True,
        source="QĐ 1853/QĐ-BTGTW (2010) Điều 7; TT 21/2025/TT-BGDĐT về giờ vượt định mức",
    )
    apps.get_model("lecturers", "NormLine").objects.bulk_create(
        apps.get_model("lecturers", "NormLine")(table=table, post=post, standard_hours=Decimal(s),
                                                lecturing_hours=Decimal(lect))
        for post, s, lect in NORMS
    )
    apps.get_model("lecturers", "Coefficient").objects.bulk_create(
        apps.get_model("lecturers", "Coefficient")(table=table, code=code, name=name, unit=unit, value=Decimal(v))
        for code, name, unit, v in COEFFICIENTS
    )


class Migration(migrations.Migration):
    dependencies = [("lecturers", "0003_normtable_paymentsheet_paymentline_loadentry_and_more")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
