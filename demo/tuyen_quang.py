"""The demo province: Tuyên Quang, which took in Hà Giang on 1/7/2025.

Unit names follow the real places; the 5-digit commune codes, the commune mergers shown and the
decision numbers are illustrative demo values, not an official register.
"""

from __future__ import annotations

import datetime as dt

D = dt.date
BEFORE = D(2025, 6, 30)
AFTER = D(2025, 7, 1)

PROVINCE_CODE = "008"  # citizen-ID code of Tỉnh Tuyên Quang (continues after the merger)
MERGED_CODE = "002"  # Tỉnh Hà Giang, merged into Tuyên Quang

# New communes and wards from 1/7/2025: key -> (code, name, level).
NEW_UNITS = {
    "yen_son": ("02800", "Xã Yên Sơn", "commune"),
    "nhu_khe": ("02803", "Xã Nhữ Khê", "commune"),
    "thai_binh": ("02806", "Xã Thái Bình", "commune"),
    "luc_hanh": ("02809", "Xã Lực Hành", "commune"),
    "ham_yen": ("02812", "Xã Hàm Yên", "commune"),
    "bach_xa": ("02815", "Xã Bạch Xa", "commune"),
    "yen_thuan": ("02818", "Xã Yên Thuận", "commune"),
    "phu_luu": ("02821", "Xã Phù Lưu", "commune"),
    "thai_son": ("02824", "Xã Thái Sơn", "commune"),
    "minh_xuan": ("02827", "Phường Minh Xuân", "ward"),
    "an_tuong": ("02830", "Phường An Tường", "ward"),
    "nong_tien": ("02833", "Phường Nông Tiến", "ward"),
    "my_lam": ("02836", "Phường Mỹ Lâm", "ward"),
    "vi_xuyen": ("02839", "Xã Vị Xuyên", "commune"),
    "viet_lam": ("02842", "Xã Việt Lâm", "commune"),
    "tung_ba": ("02845", "Xã Tùng Bá", "commune"),
    "thuan_hoa": ("02848", "Xã Thuận Hòa", "commune"),
    "phu_linh": ("02851", "Xã Phú Linh", "commune"),
    "chiem_hoa": ("02854", "Xã Chiêm Hóa", "commune"),
    "kim_binh": ("02857", "Xã Kim Bình", "commune"),
    "trung_ha": ("02860", "Xã Trung Hà", "commune"),
    "tan_my": ("02863", "Xã Tân Mỹ", "commune"),
    "yen_lap": ("02866", "Xã Yên Lập", "commune"),
}

# Districts abolished on 1/7/2025: key -> (code, name, old province citizen code, old units).
# Each old unit: (code, name, level, the new unit it became part of).
DISTRICTS = {
    "yen_son": ("075", "Huyện Yên Sơn", PROVINCE_CODE, [
        ("02560", "Thị trấn Yên Sơn", "commune", "yen_son"), ("02563", "Xã Tứ Quận", "commune", "yen_son"),
        ("02566", "Xã Lang Quán", "commune", "yen_son"), ("02569", "Xã Chân Sơn", "commune", "yen_son"),
        ("02572", "Xã Nhữ Khê", "commune", "nhu_khe"), ("02575", "Xã Nhữ Hán", "commune", "nhu_khe"),
        ("02578", "Xã Đội Bình", "commune", "nhu_khe"), ("02581", "Xã Thái Bình", "commune", "thai_binh"),
        ("02584", "Xã Tiến Bộ", "commune", "thai_binh"), ("02587", "Xã Hoàng Khai", "commune", "thai_binh"),
        ("02590", "Xã Lực Hành", "commune", "luc_hanh"), ("02593", "Xã Quý Quân", "commune", "luc_hanh"),
        ("02596", "Xã Chiêu Yên", "commune", "luc_hanh"),
    ]),
    "ham_yen": ("074", "Huyện Hàm Yên", PROVINCE_CODE, [
        ("02485", "Thị trấn Tân Yên", "commune", "ham_yen"), ("02488", "Xã Tân Thành", "commune", "ham_yen"),
        ("02491", "Xã Bằng Cốc", "commune", "ham_yen"), ("02494", "Xã Bạch Xa", "commune", "bach_xa"),
        ("02497", "Xã Minh Khương", "commune", "bach_xa"), ("02500", "Xã Minh Dân", "commune", "bach_xa"),
        ("02503", "Xã Yên Thuận", "commune", "yen_thuan"), ("02506", "Xã Phù Lưu", "commune", "phu_luu"),
        ("02509", "Xã Minh Hương", "commune", "phu_luu"), ("02512", "Xã Thái Sơn", "commune", "thai_son"),
        ("02515", "Xã Thành Long", "commune", "thai_son"),
    ]),
    "tp_tuyen_quang": ("070", "Thành phố Tuyên Quang", PROVINCE_CODE, [
        ("02212", "Phường Minh Xuân", "ward", "minh_xuan"), ("02215", "Phường Phan Thiết", "ward", "minh_xuan"),
        ("02218", "Phường Tân Quang", "ward", "minh_xuan"), ("02221", "Phường An Tường", "ward", "an_tuong"),
        ("02224", "Phường Hưng Thành", "ward", "an_tuong"), ("02227", "Phường Nông Tiến", "ward", "nong_tien"),
        ("02230", "Phường Tràng Đà", "ward", "nong_tien"), ("02233", "Phường Mỹ Lâm", "ward", "my_lam"),
        ("02236", "Xã Kim Phú", "commune", "my_lam"),
    ]),
    "vi_xuyen": ("030", "Huyện Vị Xuyên", MERGED_CODE, [
        ("00793", "Thị trấn Vị Xuyên", "commune", "vi_xuyen"), ("00796", "Xã Đạo Đức", "commune", "vi_xuyen"),
        ("00799", "Xã Ngọc Linh", "commune", "vi_xuyen"), ("00802", "Thị trấn Việt Lâm", "commune", "viet_lam"),
        ("00805", "Xã Quảng Ngần", "commune", "viet_lam"), ("00808", "Xã Tùng Bá", "commune", "tung_ba"),
        ("00811", "Xã Thuận Hòa", "commune", "thuan_hoa"), ("00814", "Xã Phú Linh", "commune", "phu_linh"),
        ("00817", "Xã Kim Thạch", "commune", "phu_linh"),
    ]),
}

TQ_PROVINCE = "Tỉnh Tuyên Quang"
HG_PROVINCE = "Tỉnh Hà Giang"

# name, valid from, valid to, decision
_TU = "Ban Thường vụ Tỉnh ủy Tuyên Quang"

CENTRES = [
    dict(code="TQ-TRUONG", kind="provincial_school", level="province", status="active", province=PROVINCE_CODE,
         names=[("Trường Chính trị tỉnh Tuyên Quang", D(1992, 4, 13), None, "Quyết định số 214/QĐ-UB ngày 13/4/1992")],
         hosts=[("Tỉnh ủy Tuyên Quang", None, D(1992, 4, 13), None)],
         area=[("province", PROVINCE_CODE, D(1992, 4, 13), None), ("province", MERGED_CODE, AFTER, None)],
         founding=("Ủy ban nhân dân tỉnh Tuyên Quang", "Quyết định số 214/QĐ-UB", D(1992, 4, 13)),
         address="Đường Lê Duẩn, phường Minh Xuân, tỉnh Tuyên Quang", phone="0207 3 822 416",
         email="truongchinhtri@tuyenquang.gov.vn", website="https://truongchinhtri.tuyenquang.gov.vn"),
    dict(code="TQ-H-YENSON", level="district", status="closed", province=PROVINCE_CODE, district="yen_son",
         names=[("Trung tâm Bồi dưỡng chính trị huyện Yên Sơn", D(2009, 4, 1), D(2019, 12, 31),
                 "Quyết định số 1136/QĐ-UBND ngày 24/3/2009 của UBND tỉnh"),
                ("Trung tâm Chính trị huyện Yên Sơn", D(2020, 1, 1), BEFORE,
                 "Quyết định số 2310-QĐ/TU ngày 18/12/2019 của Ban Thường vụ Tỉnh ủy")],
         hosts=[("Huyện ủy Yên Sơn", "district:yen_son", D(2009, 4, 1), BEFORE)],
         area=[("old_district", "yen_son", D(2009, 4, 1), BEFORE)],
         founding=("Ủy ban nhân dân tỉnh Tuyên Quang", "Quyết định số 1136/QĐ-UBND", D(2009, 3, 24)),
         address="Tổ dân phố Tân Bình, thị trấn Yên Sơn, huyện Yên Sơn, tỉnh Tuyên Quang", phone="0207 3 892 145",
         email="ttctyenson@tuyenquang.gov.vn"),
    dict(code="TQ-X-YENSON", level="commune_cluster", status="active", province=PROVINCE_CODE,
         predecessor="TQ-H-YENSON",
         names=[("Trung tâm Chính trị xã Yên Sơn", AFTER, None, "Quyết định số 45-QĐ/TU ngày 30/6/2025 của Ban Thường vụ Tỉnh ủy")],
         hosts=[("Đảng ủy xã Yên Sơn", "new:yen_son", AFTER, None)],
         area=[("new", key, AFTER, None) for key in ("yen_son", "nhu_khe", "thai_binh", "luc_hanh")],
         founding=(_TU, "Quyết định số 45-QĐ/TU", D(2025, 6, 30)),
         address="Tổ dân phố Tân Bình, xã Yên Sơn, tỉnh Tuyên Quang", phone="0207 3 892 145",
         email="ttctxayenson@tuyenquang.gov.vn"),
    dict(code="TQ-H-HAMYEN", level="district", status="closed", province=PROVINCE_CODE, district="ham_yen",
         names=[("Trung tâm Bồi dưỡng chính trị huyện Hàm Yên", D(2009, 5, 12), D(2019, 12, 31),
                 "Quyết định số 1387/QĐ-UBND ngày 28/4/2009 của UBND tỉnh"),
                ("Trung tâm Chính trị huyện Hàm Yên", D(2020, 1, 1), BEFORE,
                 "Quyết định số 2311-QĐ/TU ngày 18/12/2019 của Ban Thường vụ Tỉnh ủy")],
         hosts=[("Huyện ủy Hàm Yên", "district:ham_yen", D(2009, 5, 12), BEFORE)],
         area=[("old_district", "ham_yen", D(2009, 5, 12), BEFORE)],
         founding=("Ủy ban nhân dân tỉnh Tuyên Quang", "Quyết định số 1387/QĐ-UBND", D(2009, 4, 28)),
         address="Tổ dân phố Tân Bắc, thị trấn Tân Yên, huyện Hàm Yên, tỉnh Tuyên Quang", phone="0207 3 880 219"),
    dict(code="TQ-X-HAMYEN", level="commune_cluster", status="active", province=PROVINCE_CODE,
         predecessor="TQ-H-HAMYEN",
         names=[("Trung tâm Chính trị xã Hàm Yên", AFTER, None, "Quyết định số 46-QĐ/TU ngày 30/6/2025 của Ban Thường vụ Tỉnh ủy")],
         hosts=[("Đảng ủy xã Hàm Yên", "new:ham_yen", AFTER, None)],
         area=[("new", key, AFTER, None) for key in ("ham_yen", "bach_xa", "yen_thuan", "phu_luu", "thai_son")],
         founding=(_TU, "Quyết định số 46-QĐ/TU", D(2025, 6, 30)),
         address="Tổ dân phố Tân Bắc, xã Hàm Yên, tỉnh Tuyên Quang", phone="0207 3 880 219",
         email="ttcthamyen@tuyenquang.gov.vn"),
    dict(code="TQ-TP-TUYENQUANG", level="district", status="closed", province=PROVINCE_CODE, district="tp_tuyen_quang",
         names=[("Trung tâm Bồi dưỡng chính trị thị xã Tuyên Quang", D(2009, 3, 2), D(2010, 7, 1),
                 "Quyết định số 612/QĐ-UBND ngày 20/2/2009 của UBND tỉnh"),
                ("Trung tâm Bồi dưỡng chính trị thành phố Tuyên Quang", D(2010, 7, 2), D(2019, 12, 31),
                 "Nghị định số 27/NĐ-CP ngày 02/7/2010 (thành lập thành phố Tuyên Quang)"),
                ("Trung tâm Chính trị thành phố Tuyên Quang", D(2020, 1, 1), BEFORE,
                 "Quyết định số 2309-QĐ/TU ngày 18/12/2019 của Ban Thường vụ Tỉnh ủy")],
         hosts=[("Thị ủy Tuyên Quang", "district:tp_tuyen_quang", D(2009, 3, 2), D(2010, 7, 1)),
                ("Thành ủy Tuyên Quang", "district:tp_tuyen_quang", D(2010, 7, 2), BEFORE)],
         area=[("old_district", "tp_tuyen_quang", D(2009, 3, 2), BEFORE)],
         founding=("Ủy ban nhân dân tỉnh Tuyên Quang", "Quyết định số 612/QĐ-UBND", D(2009, 2, 20)),
         address="Số 5 đường Tân Trào, phường Minh Xuân, thành phố Tuyên Quang", phone="0207 3 811 307"),
    dict(code="TQ-P-MINHXUAN", level="commune_cluster", status="active", province=PROVINCE_CODE,
         predecessor="TQ-TP-TUYENQUANG",
         names=[("Trung tâm Chính trị phường Minh Xuân", AFTER, None, "Quyết định số 47-QĐ/TU ngày 30/6/2025 của Ban Thường vụ Tỉnh ủy")],
         hosts=[("Đảng ủy phường Minh Xuân", "new:minh_xuan", AFTER, None)],
         area=[("new", key, AFTER, None) for key in ("minh_xuan", "an_tuong", "nong_tien", "my_lam")],
         founding=(_TU, "Quyết định số 47-QĐ/TU", D(2025, 6, 30)),
         address="Số 5 đường Tân Trào, phường Minh Xuân, tỉnh Tuyên Quang", phone="0207 3 811 307",
         email="ttctminhxuan@tuyenquang.gov.vn"),
    dict(code="HG-H-VIXUYEN", level="district", status="closed", province=MERGED_CODE, district="vi_xuyen",
         names=[("Trung tâm Bồi dưỡng chính trị huyện Vị Xuyên", D(2009, 6, 15), D(2020, 2, 29),
                 "Quyết định số 1675/QĐ-UBND ngày 05/6/2009 của UBND tỉnh Hà Giang"),
                ("Trung tâm Chính trị huyện Vị Xuyên", D(2020, 3, 1), BEFORE,
                 "Quyết định số 618-QĐ/TU ngày 20/02/2020 của Ban Thường vụ Tỉnh ủy Hà Giang")],
         hosts=[("Huyện ủy Vị Xuyên", "district:vi_xuyen", D(2009, 6, 15), BEFORE)],
         area=[("old_district", "vi_xuyen", D(2009, 6, 15), BEFORE)],
         founding=("Ủy ban nhân dân tỉnh Hà Giang", "Quyết định số 1675/QĐ-UBND", D(2009, 6, 5)),
         address="Tổ 6, thị trấn Vị Xuyên, huyện Vị Xuyên, tỉnh Hà Giang", phone="0219 3 826 152"),
    dict(code="TQ-X-VIXUYEN", level="commune_cluster", status="active", province=PROVINCE_CODE,
         predecessor="HG-H-VIXUYEN",
         names=[("Trung tâm Chính trị xã Vị Xuyên", AFTER, None, "Quyết định số 52-QĐ/TU ngày 30/6/2025 của Ban Thường vụ Tỉnh ủy")],
         hosts=[("Đảng ủy xã Vị Xuyên", "new:vi_xuyen", AFTER, None)],
         area=[("new", key, AFTER, None) for key in ("vi_xuyen", "viet_lam", "tung_ba", "thuan_hoa", "phu_linh")],
         founding=(_TU, "Quyết định số 52-QĐ/TU", D(2025, 6, 30)),
         address="Tổ 6, xã Vị Xuyên, tỉnh Tuyên Quang", phone="0219 3 826 152", email="ttctvixuyen@tuyenquang.gov.vn"),
    dict(code="TQ-X-CHIEMHOA", level="commune_cluster", status="active", province=PROVINCE_CODE,
         names=[("Trung tâm Chính trị xã Chiêm Hóa", D(2025, 9, 15), None, "Quyết định số 118-QĐ/TU ngày 10/9/2025 của Ban Thường vụ Tỉnh ủy")],
         hosts=[("Đảng ủy xã Chiêm Hóa", "new:chiem_hoa", D(2025, 9, 15), None)],
         area=[("new", key, D(2025, 9, 15), None) for key in ("chiem_hoa", "kim_binh", "trung_ha", "tan_my", "yen_lap")],
         founding=(_TU, "Quyết định số 118-QĐ/TU", D(2025, 9, 10)),
         address="Thôn Vĩnh Lim, xã Chiêm Hóa, tỉnh Tuyên Quang", phone="0207 3 852 280",
         email="ttctchiemhoa@tuyenquang.gov.vn"),
]

# Share of the demo's learners registered at each centre.
PERSON_SHARES = {"TQ-TRUONG": 0.10, "TQ-X-YENSON": 0.16, "TQ-X-HAMYEN": 0.14, "TQ-P-MINHXUAN": 0.14,
                 "TQ-X-VIXUYEN": 0.13, "TQ-X-CHIEMHOA": 0.13, "TQ-H-YENSON": 0.06, "TQ-H-HAMYEN": 0.05,
                 "TQ-TP-TUYENQUANG": 0.05, "HG-H-VIXUYEN": 0.04}

VILLAGES = ["Đồng Bàng", "Làng Ngòi", "Khuôn Khoai", "Đồng Mộc", "Nà Héc", "Cầu Cao", "Tân Thành", "Đồng Chùa",
            "Nà Pồng", "Khuôn Hẻ", "Bản Khiển", "Làng Lăng", "Đồng Tâm", "Thọ Bình", "Phai Lầu", "Nà Bó",
            "Cao Đường", "Mỹ Hoa", "Tháng Tám", "Trung Tâm", "Khuổi Củng", "Nặm Ngặt", "Pắc Há", "Lũng Pù"]
ENTERPRISES = {
    "TQ-X-YENSON": "Công ty Cổ phần Chè Mỹ Lâm",
    "TQ-X-HAMYEN": "Công ty TNHH Một thành viên Lâm nghiệp Tân Thành",
    "TQ-P-MINHXUAN": "Công ty Cổ phần Xi măng Tân Quang",
    "TQ-X-VIXUYEN": "Hợp tác xã Chè Shan tuyết Cao Bồ",
    "TQ-X-CHIEMHOA": "Công ty Cổ phần Thủy điện Chiêm Hóa",
}
PROVINCE_WIDE = [
    ("Bộ Chỉ huy Quân sự tỉnh Tuyên Quang", "Bộ CHQS tỉnh", "military", "military"),
    ("Sở Nội vụ tỉnh Tuyên Quang", "Sở Nội vụ", "government_office", "department"),
    ("Sở Giáo dục và Đào tạo tỉnh Tuyên Quang", "Sở GD&ĐT", "government_office", "department"),
    ("Sở Nông nghiệp và Môi trường tỉnh Tuyên Quang", "Sở NN&MT", "government_office", "department"),
    ("Đảng ủy các cơ quan Đảng tỉnh Tuyên Quang", "ĐU các cơ quan Đảng", "party_committee", "party_office"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Tuyên Quang", "UBMTTQ tỉnh", "fatherland_front", "front"),
    ("Tỉnh đoàn Tuyên Quang", "Tỉnh đoàn", "mass_organisation", "youth"),
    ("Công an tỉnh Tuyên Quang", "Công an tỉnh", "government_office", "military"),
]
