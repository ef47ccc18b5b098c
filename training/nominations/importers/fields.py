"""The columns a nomination list can have, and the header wordings that name them.

Sending organisations word their headers freely ("Họ và tên", "Họ tên"; "Ngày, tháng, năm sinh",
"Năm sinh"; "Số CCCD", "Số định danh", "CCCD/CMND" ...). Headers are compared by their diacritic-free
key (core.text.search_key) with punctuation folded to spaces, so "Ngày, tháng, năm sinh" and
"NGÀY THÁNG NĂM SINH" are the same key. English labels are recognised too, so a template downloaded
in English reads back.
"""

from __future__ import annotations

import re

from django.utils.translation import pgettext_lazy

from core.text import search_key

# Field keys. The order is the canonical column order of the template.
SEQ = "seq"
FULL_NAME = "full_name"
FAMILY_MIDDLE = "family_middle"
FAMILY_NAME = "family_name"
MIDDLE_NAME = "middle_name"
GIVEN_NAME = "given_name"
DATE_OF_BIRTH = "date_of_birth"
GENDER = "gender"
NATIONAL_ID = "national_id"
ETHNICITY = "ethnicity"
RELIGION = "religion"
PLACE_OF_BIRTH = "place_of_birth"
PARTY_ADMISSION = "party_admission_date"
PARTY_FULL = "party_full_membership_date"
POSITION_WORKPLACE = "position_workplace"
POSITION = "position"
WORKPLACE = "workplace"
SENDING_ORGANISATION = "sending_organisation"
GENERAL_EDUCATION = "general_education"
PROFESSIONAL = "professional_degree"
THEORY_LEVEL = "theory_level"
PHONE = "phone"
NOTES = "notes"

# Pseudo-fields for sub-columns under a merged parent: the birth date written under "Nam" or "Nữ"
# (the column encodes the gender), or a mark ("x") under "Giới tính" → "Nam" / "Nữ".
DOB_MALE = "dob_male"
DOB_FEMALE = "dob_female"
GENDER_MALE_MARK = "gender_male_mark"
GENDER_FEMALE_MARK = "gender_female_mark"

# A context of their own: these are the template's headers, which the reader must recognise,
# so another app's translation of "Citizen ID" must not change them.
LABELS = {
    SEQ: pgettext_lazy("nomination list column", "No."),
    FULL_NAME: pgettext_lazy("nomination list column", "Full name"),
    FAMILY_MIDDLE: pgettext_lazy("nomination list column", "Family and middle name"),
    FAMILY_NAME: pgettext_lazy("nomination list column", "Family name"),
    MIDDLE_NAME: pgettext_lazy("nomination list column", "Middle name"),
    GIVEN_NAME: pgettext_lazy("nomination list column", "Given name"),
    DATE_OF_BIRTH: pgettext_lazy("nomination list column", "Date of birth"),
    GENDER: pgettext_lazy("nomination list column", "Gender"),
    NATIONAL_ID: pgettext_lazy("nomination list column", "Citizen ID"),
    ETHNICITY: pgettext_lazy("nomination list column", "Ethnicity"),
    RELIGION: pgettext_lazy("nomination list column", "Religion"),
    PLACE_OF_BIRTH: pgettext_lazy("nomination list column", "Place of birth"),
    PARTY_ADMISSION: pgettext_lazy("nomination list column", "Party admission date"),
    PARTY_FULL: pgettext_lazy("nomination list column", "Full membership date"),
    POSITION_WORKPLACE: pgettext_lazy("nomination list column", "Position and workplace"),
    POSITION: pgettext_lazy("nomination list column", "Position"),
    WORKPLACE: pgettext_lazy("nomination list column", "Workplace"),
    SENDING_ORGANISATION: pgettext_lazy("nomination list column", "Sending organisation"),
    GENERAL_EDUCATION: pgettext_lazy("nomination list column", "General education"),
    PROFESSIONAL: pgettext_lazy("nomination list column", "Professional qualification"),
    "professional_field": pgettext_lazy("nomination list column", "Professional qualification"),
    "is_party_member": pgettext_lazy("nomination list column", "Party member"),
    THEORY_LEVEL: pgettext_lazy("nomination list column", "Political theory level"),
    PHONE: pgettext_lazy("nomination list column", "Phone"),
    NOTES: pgettext_lazy("nomination list column", "Notes"),
    DOB_MALE: pgettext_lazy("nomination list column", "Date of birth"),
    DOB_FEMALE: pgettext_lazy("nomination list column", "Date of birth"),
    GENDER_MALE_MARK: pgettext_lazy("nomination list column", "Gender"),
    GENDER_FEMALE_MARK: pgettext_lazy("nomination list column", "Gender"),
}

# (field, pattern) tried in order against a header key; the first full match wins. More specific
# wordings come before the general ones they contain ("họ và tên đệm" before "họ và tên").
_PATTERNS: list[tuple[str, str]] = [
    (SEQ, r"stt|tt|so tt|so thu tu|thu tu|no"),
    (FAMILY_MIDDLE, r"ho (va )?(ten )?dem|ho va chu dem|family and middle name"),
    (FULL_NAME, r"(ho (va )?ten|ho ten)( (hoc vien|dang vien|nguoi duoc cu( di hoc)?|khai sinh|day du))?|full name|name"),
    (FAMILY_NAME, r"ho|family name"),
    (MIDDLE_NAME, r"(ten|chu) dem|middle name"),
    (GIVEN_NAME, r"ten( goi)?|given name"),
    (PARTY_FULL, r".*\bchinh thuc\b.*|full membership date"),
    (PARTY_ADMISSION, r".*\b(vao dang|ket nap|du bi)\b.*|party admission date"),
    (DATE_OF_BIRTH, r"((ngay|thang|nam) )*sinh|sinh ngay|date of birth|birth date|dob|year of birth"),
    (GENDER, r"gioi tinh|gioi|phai|nam nu|nam hoac nu|gender|sex"),
    (NATIONAL_ID, r".*\b(cccd|cmnd|cmtnd|cmt|dinh danh|can cuoc|chung minh)\b.*|citizen id|national id|id number"),
    (ETHNICITY, r"dan toc|ethnicity"),
    (RELIGION, r"ton giao|religion"),
    (PLACE_OF_BIRTH, r"que quan|noi sinh|nguyen quan|place of birth|home town"),
    (SENDING_ORGANISATION, r"(don vi|co quan|noi|to chuc) cu( di hoc| hoc vien| hoc)?|don vi cu hoc vien|sending organisation"),
    (POSITION_WORKPLACE, r".*\b(chuc vu|chuc danh)\b.*\b(don vi|co quan|noi cong tac|noi lam viec)\b.*|position and workplace"),
    (POSITION, r"chuc vu( hien nay| dang giu| dang dam nhiem)?|chuc danh|position"),
    (WORKPLACE, r"(don vi|co quan|noi) (cong tac|lam viec)|don vi|co quan|workplace"),
    (GENERAL_EDUCATION, r"(trinh do )?(hoc van|van hoa|giao duc pho thong|pho thong)|general education"),
    (PROFESSIONAL, r"(trinh do )?chuyen mon( nghiep vu)?|hoc ham hoc vi|professional qualification"),
    (THEORY_LEVEL, r"(trinh do )?(llct|ly luan( chinh tri)?|chinh tri)|political theory level"),
    (PHONE, r".*\b(dien thoai|sdt|so dt|dt|phone)\b.*"),
    (NOTES, r"ghi chu|note|notes"),
]
_COMPILED = [(field, re.compile(pattern)) for field, pattern in _PATTERNS]

_PUNCTUATION = re.compile(r"[^\w]+")
_PARENTHESES = re.compile(r"\([^)]*\)")


def header_key(value) -> str:
    """"Ngày, tháng, năm sinh" -> "ngay thang nam sinh"; "CCCD/CMND" -> "cccd cmnd"."""
    if value is None:
        return ""
    key = search_key(str(value))
    return _PUNCTUATION.sub(" ", key).replace("_", " ").strip()


def field_for_header(value) -> str | None:
    """The field a header cell names, or None. Notes in parentheses ("Số CCCD (12 số)") are ignored."""
    if value is None or isinstance(value, int | float):
        return None
    text = str(value)
    keys = [header_key(text)]
    without_notes = header_key(_PARENTHESES.sub(" ", text))
    if without_notes and without_notes != keys[0]:
        keys.append(without_notes)
    for key in keys:
        if not key:
            continue
        for field, pattern in _COMPILED:
            if pattern.fullmatch(key):
                return field
    return None


def gender_word(value) -> str | None:
    """"Nam" -> "male", "Nữ" -> "female" (also the English words), else None."""
    key = header_key(value)
    if key in ("nam", "male", "m"):
        return "male"
    if key in ("nu", "female", "f"):
        return "female"
    return None


def label(field: str) -> str:
    return str(LABELS.get(field, field))
