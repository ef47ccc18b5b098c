"""Lecturer profiles: qualifications and the topics each kind of lecturer typically teaches."""

from __future__ import annotations

import random

from people.models import Lecturer

K = Lecturer.Kind

CORE_TOPICS = [
    "Những vấn đề cơ bản của chủ nghĩa Mác – Lênin",
    "Tư tưởng Hồ Chí Minh về xây dựng Đảng",
    "Lịch sử Đảng Cộng sản Việt Nam",
    "Điều lệ Đảng Cộng sản Việt Nam",
    "Xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ",
    "Nghiệp vụ công tác Đảng ở cơ sở",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Phấn đấu trở thành đảng viên Đảng Cộng sản Việt Nam",
    "Hệ thống chính trị ở cơ sở",
    "Quán triệt nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    "Kỹ năng soạn thảo văn bản của Đảng",
]
PART_TIME_TOPICS = [
    "Công tác kiểm tra, giám sát và thi hành kỷ luật đảng ở cơ sở",
    "Công tác phát triển đảng viên ở cơ sở",
    "Tình hình kinh tế – xã hội và nhiệm vụ phát triển của địa phương",
    "Công tác Mặt trận Tổ quốc ở cơ sở",
    "Phát huy sức mạnh khối đại đoàn kết toàn dân tộc",
    "Quản lý nhà nước ở cấp xã trong mô hình chính quyền địa phương hai cấp",
    "Cải cách hành chính và chuyển đổi số ở cấp xã",
    "Quốc phòng, an ninh ở cơ sở",
]
GUEST_TOPICS = [
    "Chủ nghĩa duy vật biện chứng và phép biện chứng duy vật",
    "Kinh tế chính trị Mác – Lênin",
    "Đường lối đối ngoại, hội nhập quốc tế của Đảng",
    "Chính sách dân tộc, tôn giáo của Đảng và Nhà nước",
    "Pháp luật về tổ chức chính quyền địa phương hai cấp",
    "Phương pháp giảng dạy lý luận chính trị tích cực",
]
FIELDS = ["Xây dựng Đảng và Chính quyền nhà nước", "Lịch sử Đảng Cộng sản Việt Nam", "Triết học", "Kinh tế chính trị",
          "Chính trị học", "Luật", "Quản lý nhà nước", "Sư phạm Lịch sử", "Sư phạm Ngữ văn", "Tư tưởng Hồ Chí Minh"]
AWARDS = [
    "Giải Nhì Hội thi giảng viên lý luận chính trị giỏi cấp tỉnh năm 2023",
    "Giải Ba Hội thi giảng viên lý luận chính trị giỏi cấp tỉnh năm 2021",
    "Giải Khuyến khích Hội thi giảng viên lý luận chính trị giỏi toàn quốc năm 2022",
    "Chiến sĩ thi đua cơ sở năm 2024",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2022",
]


def lecturer_details(rng: random.Random, *, kind: str, at_school: bool, local_history: str) -> dict:
    """Qualification fields and a topic list; always draws the same amount from `rng` for a kind."""
    if kind == K.PART_TIME:
        topics = rng.sample(PART_TIME_TOPICS, 2)
        degree = rng.choice(["dai_hoc", "dai_hoc", "thac_si"])
        theory = rng.choice(["trung_cap", "cao_cap"])
        state = rng.choice(["chuyen_vien", "chuyen_vien_chinh"])
    else:
        pool = GUEST_TOPICS if kind == K.GUEST else CORE_TOPICS + [f"Lịch sử Đảng bộ tỉnh {local_history}"]
        topics = rng.sample(pool, 4)
        degree = rng.choice(["thac_si", "thac_si", "tien_si"] if at_school or kind == K.GUEST else ["dai_hoc", "thac_si"])
        theory = rng.choice(["cao_cap", "cu_nhan"])
        state = rng.choice(["chuyen_vien", "chuyen_vien_chinh"])
    since = rng.randint(1998, 2022)
    award = rng.random()
    return {
        "degree": degree,
        "degree_field": rng.choice(FIELDS),
        "theory_level": theory,
        "state_management_level": state,
        "pedagogy_certificate": kind != K.PART_TIME or rng.random() < 0.4,
        "it_certificate": "Chứng chỉ ứng dụng công nghệ thông tin cơ bản",
        "language_certificate": rng.choice(["Tiếng Anh bậc 3 (B1)", "Tiếng Anh bậc 2 (A2)", ""]),
        "teaching_since": since,
        "academic_title": "Giảng viên chính" if at_school and since < 2012 else "",
        "awards": rng.choice(AWARDS) if award < 0.35 else "",
        "topics": "\n".join(topics),
    }
