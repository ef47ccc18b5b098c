"""Default post standards: editable defaults (no official list for the centres was found, DOMAIN.md §3)."""

import datetime as dt

from django.db import migrations

THEORY_ADV = ("theory_level", "cao_cap", "Học lớp cao cấp lý luận chính trị")
THEORY_MID = ("theory_level", "trung_cap", "Học lớp trung cấp lý luận chính trị")
DEGREE = ("degree", "dai_hoc", "Hoàn thành chương trình đại học")
QLNN_MAIN = ("state_management", "chuyen_vien_chinh", "Học lớp bồi dưỡng QLNN ngạch chuyên viên chính")
QLNN = ("state_management", "chuyen_vien", "Học lớp bồi dưỡng QLNN ngạch chuyên viên")
PEDAGOGY = ("pedagogy", "", "Học lớp bồi dưỡng nghiệp vụ sư phạm")
IT = ("it", "", "Học lớp ứng dụng công nghệ thông tin cơ bản")
PARTY = ("party", "", "Là đảng viên (điều kiện bắt buộc của vị trí)")
YEARS3 = ("years", "3", "Tích lũy đủ số năm công tác, giảng dạy")

REQUIREMENTS = {
    "director": [THEORY_ADV, DEGREE, QLNN_MAIN, PEDAGOGY, IT, PARTY],
    "deputy_director": [THEORY_ADV, DEGREE, QLNN, PEDAGOGY, IT, PARTY],
    "full_time": [THEORY_ADV, DEGREE, PEDAGOGY, IT, PARTY],
    "part_time": [THEORY_MID, DEGREE, PEDAGOGY, PARTY],
    "guest": [THEORY_ADV, DEGREE, YEARS3],
}


def seed(apps, schema_editor):
    StandardSet = apps.get_model("lecturers", "StandardSet")
    Requirement = apps.get_model("lecturers", "Requirement")
    if StandardSet.objects.filter(is_editable_default=True).exists():
        return
    standard = StandardSet.objects.create(
        name="Tiêu chuẩn vị trí mặc định (có thể sửa)", valid_from=dt.date(2019, 11, 8), is_editable_default=True,
        source="Chưa có văn bản quy định cho trung tâm chính trị; tham khảo QĐ 208-QĐ/TW và KL 66-KL/TW",
    )
    Requirement.objects.bulk_create(
        Requirement(standard=standard, post=post, rule=rule, value=value, advice=advice)
        for post, rows in REQUIREMENTS.items() for rule, value, advice in rows
    )


class Migration(migrations.Migration):
    dependencies = [("lecturers", "0005_standardset_requirement")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
