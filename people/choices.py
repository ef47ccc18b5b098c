"""Fixed lists the learner record uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The 54 ethnic groups of Viet Nam, in the official list's order.
ETHNIC_GROUPS = [
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na",
    "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ", "Xtiêng",
    "Khơ mú", "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ - Triêng", "Co", "Chơ Ro",
    "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "Kháng", "La Chí", "Phù Lá", "La Hủ", "La Ha", "Pà Thẻn",
    "Chứt", "Lự", "Lô Lô", "Mảng", "Cờ Lao", "Bố Y", "Cống", "Ngái", "Si La", "Pu Péo", "Rơ Măm",
    "Brâu", "Ơ Đu",
]
ETHNICITY_CHOICES = [(name, name) for name in ETHNIC_GROUPS]


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class TheoryLevel(models.TextChoices):
    """Trình độ lý luận chính trị."""

    NONE = "", _("none")
    BASIC = "so_cap", _("basic (sơ cấp)")
    INTERMEDIATE = "trung_cap", _("intermediate (trung cấp)")
    ADVANCED = "cao_cap", _("advanced (cao cấp)")
    BACHELOR = "cu_nhan", _("bachelor of political theory")


class StateManagementLevel(models.TextChoices):
    NONE = "", _("none")
    OFFICER = "chuyen_vien", _("officer")
    MAIN_OFFICER = "chuyen_vien_chinh", _("principal officer")
    SENIOR_OFFICER = "chuyen_vien_cao_cap", _("senior officer")


class GeneralEducation(models.TextChoices):
    NONE = "", _("not recorded")
    GRADE_9 = "9/12", "9/12"
    GRADE_10 = "10/12", "10/12"
    GRADE_12 = "12/12", "12/12"


class Degree(models.TextChoices):
    NONE = "", _("none")
    VOCATIONAL = "trung_cap", _("vocational / intermediate")
    COLLEGE = "cao_dang", _("college")
    BACHELOR = "dai_hoc", _("bachelor")
    MASTER = "thac_si", _("master")
    DOCTOR = "tien_si", _("doctor")
