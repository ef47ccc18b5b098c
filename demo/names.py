"""Plausible Vietnamese names by ethnic group and gender, with realistic frequencies.

Kinh family names follow their known shares (Nguyễn about a third, then Trần, Lê, Phạm ...).
The minority groups of the northern uplands have their own family names and naming patterns:
Mông names often take "A", "Mí", "Seo" or "Thị" as middle names, Dao names "Văn", "Thị", "Tòn".
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass

# (value, weight) pools; weights are shares in per cent or relative counts.
KINH_FAMILY = [
    ("Nguyễn", 31.5), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 4.0), ("Huỳnh", 1.1),
    ("Phan", 4.5), ("Vũ", 3.9), ("Võ", 1.0), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.9), ("Đào", 0.8), ("Trịnh", 0.7), ("Mai", 0.5),
    ("Tạ", 0.3), ("Lương", 0.4), ("Chu", 0.3), ("Cao", 0.4), ("Hà", 0.6), ("Kiều", 0.2), ("Lưu", 0.3),
    ("Vương", 0.2), ("Quách", 0.2), ("Trương", 0.6), ("Tô", 0.2), ("Khổng", 0.1), ("Triệu", 0.3),
]
KINH_MIDDLE = {
    "male": [("Văn", 40), ("Hữu", 8), ("Đức", 10), ("Minh", 10), ("Quang", 7), ("Ngọc", 4), ("Xuân", 4),
             ("Thanh", 5), ("Mạnh", 3), ("Tuấn", 3), ("Công", 4), ("Trung", 3), ("Quốc", 4), ("Anh", 3),
             ("Tiến", 2), ("Hoàng", 3), ("Việt", 3), ("Đình", 5), ("Bá", 2), ("Duy", 3), ("", 2)],
    "female": [("Thị", 55), ("Thu", 6), ("Ngọc", 6), ("Thanh", 5), ("Minh", 3), ("Hồng", 4), ("Thùy", 4),
               ("Phương", 3), ("Kim", 3), ("Bích", 2), ("Mai", 2), ("Lan", 2), ("Hải", 2), ("Diệu", 1),
               ("Khánh", 2), ("Quỳnh", 2), ("Thị Thu", 3), ("Thị Minh", 2), ("", 1)],
}
KINH_GIVEN = {
    "male": ["An", "Anh", "Bách", "Bảo", "Bình", "Cường", "Chiến", "Công", "Dũng", "Duy", "Dương", "Đạt",
             "Định", "Đông", "Đức", "Giang", "Hải", "Hào", "Hiếu", "Hiệp", "Hòa", "Hoàng", "Huy", "Hùng",
             "Hưng", "Khải", "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Linh", "Long", "Lợi", "Luân", "Mạnh",
             "Minh", "Nam", "Nghĩa", "Ngọc", "Nguyên", "Nhân", "Phong", "Phú", "Phúc", "Quang", "Quân",
             "Quý", "Sơn", "Tài", "Tâm", "Tân", "Thái", "Thắng", "Thành", "Thịnh", "Thọ", "Thông", "Tiến",
             "Toàn", "Trọng", "Trung", "Trường", "Tú", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Xuân"],
    "female": ["An", "Anh", "Ánh", "Bích", "Chi", "Cúc", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng",
               "Hiền", "Hoa", "Hòa", "Hồng", "Huế", "Huyền", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan",
               "Ly", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Phượng", "Quyên",
               "Quỳnh", "Sen", "Tâm", "Thảo", "Thanh", "Thơ", "Thu", "Thủy", "Thúy", "Trang", "Trinh",
               "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến"],
}

# Minority groups: (family names, middle names by gender, given names by gender).
MINORITY = {
    "Tày": (
        [("Ma", 20), ("Nông", 18), ("Hoàng", 15), ("Lương", 8), ("Hà", 10), ("Quan", 5), ("Triệu", 6),
         ("Lý", 5), ("Chẩu", 3), ("Lộc", 4), ("Nguyễn", 6)],
        {"male": [("Văn", 70), ("Đình", 10), ("Ngọc", 10), ("Quang", 10)],
         "female": [("Thị", 85), ("Thu", 8), ("Hồng", 7)]},
        None,
    ),
    "Nùng": (
        [("Nông", 20), ("Lục", 10), ("Mã", 8), ("Hoàng", 15), ("Lương", 10), ("Vi", 8), ("Chu", 6), ("Lăng", 5)],
        {"male": [("Văn", 85), ("Đức", 15)], "female": [("Thị", 95), ("Thu", 5)]},
        None,
    ),
    "Dao": (
        [("Triệu", 25), ("Bàn", 20), ("Đặng", 15), ("Lý", 12), ("Phùng", 8), ("Chảo", 8), ("Sầm", 4),
         ("Tẩn", 4), ("Lò", 4)],
        {"male": [("Văn", 60), ("Tòn", 10), ("Kim", 10), ("Tiến", 10), ("Ông", 10)],
         "female": [("Thị", 80), ("Mùi", 10), ("Kim", 10)]},
        {"male": ["Tòn", "Quẩy", "Phin", "Chàn", "Sinh", "Vần", "Kiềm", "Lưu", "Phú", "Tài", "Chung", "Hùng",
                  "Dũng", "Thành", "Khé", "Vàng"],
         "female": ["Mẩy", "Slinh", "Nhất", "Mai", "Sâm", "Chài", "Kiều", "Liên", "Xuân", "Phượng", "Dung",
                    "Quyên", "Hoa", "Nhung"]},
    ),
    "Mông": (
        [("Giàng", 18), ("Sùng", 14), ("Vàng", 14), ("Lù", 10), ("Thào", 10), ("Mua", 8), ("Hầu", 6),
         ("Ly", 6), ("Sình", 4), ("Lầu", 5), ("Hạng", 5)],
        {"male": [("A", 30), ("Mí", 25), ("Seo", 25), ("Văn", 20)], "female": [("Thị", 70), ("Thị Mỷ", 10), ("", 20)]},
        {"male": ["Páo", "Chớ", "Dìn", "Chứ", "Sính", "Lử", "Phử", "Cở", "Dế", "Xà", "Tủa", "Dình", "Sủng",
                  "Vư", "Pó", "Nhà"],
         "female": ["Mỷ", "Dợ", "Chúa", "Mai", "Dính", "Sua", "Máy", "Pà", "Chở", "Súa", "Lan", "Vư", "Dung"]},
    ),
    "Sán Chay": (
        [("Lâm", 15), ("La", 15), ("Hoàng", 15), ("Trần", 10), ("Âu", 10), ("Ninh", 10), ("Lưu", 10)],
        {"male": [("Văn", 90), ("Đình", 10)], "female": [("Thị", 95), ("Kim", 5)]},
        None,
    ),
    "Mường": (
        [("Bùi", 35), ("Đinh", 25), ("Quách", 15), ("Hà", 10), ("Xa", 8), ("Cao", 7)],
        {"male": [("Văn", 90), ("Đức", 10)], "female": [("Thị", 95), ("Thu", 5)]},
        None,
    ),
    "Thái": (
        [("Lò", 25), ("Cầm", 15), ("Lường", 15), ("Quàng", 10), ("Tòng", 10), ("Điêu", 10), ("Vì", 10), ("Hà", 5)],
        {"male": [("Văn", 95), ("Đức", 5)], "female": [("Thị", 100)]},
        None,
    ),
    "Khmer": (
        [("Thạch", 35), ("Sơn", 25), ("Kim", 15), ("Danh", 15), ("Lâm", 10)],
        {"male": [("", 70), ("Văn", 30)], "female": [("Thị", 60), ("", 40)]},
        {"male": ["Sóc", "Rên", "Chanh", "Sa Rinh", "Phol", "Sương", "Hiền", "Thuận", "Ny", "Khanh"],
         "female": ["Sa Ly", "Sô Phi", "Chanh Đa", "Sà Rươl", "Thi", "Mùi", "Ngọc", "Phương"]},
    ),
    "Hoa": (
        [("Trần", 20), ("Lâm", 20), ("Lý", 15), ("Trương", 15), ("Quách", 10), ("Hứa", 10), ("Diệp", 10)],
        {"male": [("Văn", 40), ("Tắc", 20), ("Quốc", 40)], "female": [("Thị", 50), ("Mỹ", 25), ("Ngọc", 25)]},
        None,
    ),
}

# Ethnic make-up used for generated people, by region (shares in per cent).
ETHNIC_MIX = {
    "tuyen_quang": [("Kinh", 45), ("Tày", 23), ("Mông", 14), ("Dao", 11), ("Nùng", 3), ("Sán Chay", 4)],
    # Centre staff and lecturers of the demo province: mostly Kinh and Tày.
    "tuyen_quang_staff": [("Kinh", 58), ("Tày", 25), ("Dao", 7), ("Nùng", 4), ("Mông", 4), ("Sán Chay", 2)],
    "northern_uplands": [("Kinh", 45), ("Tày", 18), ("Thái", 12), ("Mông", 12), ("Dao", 8), ("Nùng", 5)],
    "north_west": [("Kinh", 30), ("Thái", 35), ("Mông", 25), ("Dao", 5), ("Mường", 5)],
    "midlands": [("Kinh", 85), ("Mường", 12), ("Tày", 3)],
    "mekong": [("Kinh", 88), ("Khmer", 9), ("Hoa", 3)],
    "lowlands": [("Kinh", 98), ("Hoa", 1), ("Mường", 1)],
}
UPLAND_CODES = {"002", "004", "006", "008", "010", "015", "019", "020"}
NORTH_WEST_CODES = {"011", "012", "014"}
MIDLAND_CODES = {"017", "025", "026", "038"}
MEKONG_CODES = {"083", "084", "089", "091", "092", "093", "094", "095", "096"}


def region_of(citizen_codes: list[str]) -> str:
    codes = set(citizen_codes)
    for region, group in (("northern_uplands", UPLAND_CODES), ("north_west", NORTH_WEST_CODES),
                          ("midlands", MIDLAND_CODES), ("mekong", MEKONG_CODES)):
        if codes & group:
            return region
    return "lowlands"


@dataclass(frozen=True)
class Name:
    family: str
    middle: str
    given: str
    ethnicity: str


class Weighted:
    """A weighted pool drawn with one `random()` call (bisect on cumulative weights)."""

    def __init__(self, pairs):
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def draw(self, rng: random.Random):
        index = bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])
        return self.values[min(index, len(self.values) - 1)]


_KINH_FAMILY = Weighted(KINH_FAMILY)
_KINH_MIDDLE = {gender: Weighted(pool) for gender, pool in KINH_MIDDLE.items()}
_MINORITY = {
    group: (Weighted(family), {g: Weighted(p) for g, p in middle.items()}, given)
    for group, (family, middle, given) in MINORITY.items()
}
_MIXES = {region: Weighted(pairs) for region, pairs in ETHNIC_MIX.items()}


def draw_ethnicity(rng: random.Random, region: str) -> str:
    return _MIXES[region].draw(rng)


def draw_name(rng: random.Random, gender: str, ethnicity: str = "Kinh") -> Name:
    if ethnicity in _MINORITY:
        family_pool, middle_pools, given_pool = _MINORITY[ethnicity]
        family = family_pool.draw(rng)
        middle = middle_pools[gender].draw(rng)
        given = rng.choice((given_pool or KINH_GIVEN)[gender])
    else:
        family = _KINH_FAMILY.draw(rng)
        middle = _KINH_MIDDLE[gender].draw(rng)
        given = rng.choice(KINH_GIVEN[gender])
    return Name(family, middle, given, ethnicity)
