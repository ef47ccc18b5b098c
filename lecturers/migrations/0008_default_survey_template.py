"""The default feedback form (phiếu khảo sát), after TT 10/2017/TT-BNV: an editable default."""

import datetime as dt

from django.db import migrations

QUESTIONS = [
    ("lecturer", "rating", "Giảng viên truyền đạt nội dung chuyên đề rõ ràng, dễ hiểu"),
    ("lecturer", "rating", "Nội dung bài giảng gắn với thực tiễn của địa phương, cơ sở"),
    ("lecturer", "rating", "Phương pháp giảng dạy phát huy tính tích cực của học viên"),
    ("lecturer", "rating", "Giảng viên bảo đảm thời gian và tác phong sư phạm"),
    ("organisation", "rating", "Công tác tổ chức, quản lý lớp học"),
    ("organisation", "rating", "Thông tin về lớp học được cung cấp đầy đủ, kịp thời"),
    ("facilities", "rating", "Phòng học và trang thiết bị phục vụ học tập"),
    ("facilities", "rating", "Tài liệu học tập"),
    ("programme", "rating", "Chương trình phù hợp với yêu cầu công việc của học viên"),
    ("programme", "rating", "Thời lượng chương trình hợp lý"),
    ("comments", "text", "Ý kiến khác về giảng viên và các chuyên đề"),
    ("comments", "text", "Đề xuất để nâng cao chất lượng lớp học"),
]


def seed(apps, schema_editor):
    SurveyTemplate = apps.get_model("lecturers", "SurveyTemplate")
    TemplateQuestion = apps.get_model("lecturers", "TemplateQuestion")
    if SurveyTemplate.objects.filter(is_editable_default=True).exists():
        return
    template = SurveyTemplate.objects.create(
        name="Phiếu khảo sát ý kiến học viên (mặc định, có thể sửa)", version=1, valid_from=dt.date(2017, 1, 1),
        source="TT 10/2017/TT-BNV về đánh giá chất lượng bồi dưỡng", is_editable_default=True,
    )
    TemplateQuestion.objects.bulk_create(
        TemplateQuestion(template=template, order=order, section=section, kind=kind, text=text)
        for order, (section, kind, text) in enumerate(QUESTIONS, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("lecturers", "0007_feedback")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
