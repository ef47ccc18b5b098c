"""The default framework for political centres, modelled on Quy định 11-QĐ/TW (19/5/2021) for provincial
political schools and on the tasks of Quy định 208-QĐ/TW and 360-QĐ/TW.

No official criteria list for district or commune-cluster centres was found: these indicators and targets
are editable defaults. The texts are the framework's own data (in Vietnamese, as a province would issue
them), not interface strings.
"""

from __future__ import annotations

CODE = "TTCT-CHUAN"

G = "ge"


def _i(code, text, unit, kind, computation="", targets=None, guidance="", comparator=G, parameters=None):
    return {"code": code, "text": text, "unit": unit, "comparator": comparator, "kind": kind,
            "computation": computation, "parameters": parameters or {}, "targets": targets or {},
            "guidance": guidance}


def _c(code, text, unit, computation, targets, guidance="", parameters=None):
    return _i(code, text, unit, "computed", computation, targets, guidance, parameters=parameters)


def _d(code, text, unit, targets, guidance, comparator=G):
    return _i(code, text, unit, "declared", "", targets, guidance, comparator)


YES = {"1": "1", "2": "1"}

GROUPS = [
    ("1", "Thể chế, quy chế và công tác lãnh đạo, chỉ đạo", [
        ("1.1", "Quy chế tổ chức và hoạt động", [
            _d("1.1.1", "Có quy chế tổ chức và hoạt động của trung tâm do cấp ủy ban hành, còn hiệu lực", "yes_no",
               YES, "Đính kèm quyết định ban hành quy chế tổ chức và hoạt động (bản chụp PDF có chữ ký, dấu)."),
            _d("1.1.2", "Có quy chế làm việc, quy chế chi tiêu nội bộ và quy chế dân chủ ở cơ sở", "yes_no", YES,
               "Đính kèm các quy chế đang áp dụng."),
        ]),
        ("1.2", "Kế hoạch và báo cáo", [
            _c("1.2.1", "Kế hoạch đào tạo, bồi dưỡng năm được ban thường vụ cấp ủy phê duyệt", "yes_no",
               "plan_approved", YES, "Tính từ kế hoạch năm đã phê duyệt trong TTCT."),
            _d("1.2.2", "Báo cáo định kỳ (quý, 6 tháng, năm) gửi cấp trên đúng hạn", "yes_no", YES,
               "Đính kèm danh sách báo cáo đã gửi trong năm với ngày gửi."),
        ]),
        ("1.3", "Phối hợp", [
            _c("1.3.1", "Tỷ lệ đơn vị cử học viên có quy chế phối hợp còn hiệu lực với trung tâm", "percent",
               "agreements_with_senders", {"1": "50", "2": "80"},
               "Tính từ các quy chế phối hợp đã ghi trong TTCT và các đơn vị đã cử học viên trong năm."),
        ]),
    ]),
    ("2", "Đội ngũ cán bộ lãnh đạo, giảng viên và viên chức", [
        ("2.1", "Cán bộ lãnh đạo", [
            _c("2.1.1", "Giám đốc, phó giám đốc có trình độ cao cấp hoặc cử nhân lý luận chính trị", "percent",
               "leaders_theory_level", {"1": "100", "2": "100"}, "Tính từ hồ sơ cán bộ đang giữ chức vụ."),
            _c("2.1.2", "Tỷ lệ lãnh đạo và giảng viên chuyên trách đạt tiêu chuẩn chức danh", "percent",
               "post_standards_met", {"1": "75", "2": "90"},
               "Tính từ tiêu chuẩn vị trí đang áp dụng và hồ sơ trình độ, chứng chỉ của từng người."),
        ]),
        ("2.2", "Giảng viên chuyên trách", [
            _c("2.2.1", "Số giảng viên chuyên trách", "count", "fulltime_lecturers", {"1": "2", "2": "3"},
               "Đếm mỗi người một lần, kể cả khi đã chuyển từ trung tâm cấp huyện sang."),
            _c("2.2.2", "Giảng viên chuyên trách có trình độ cao cấp hoặc cử nhân lý luận chính trị", "percent",
               "lecturers_theory_level", {"1": "75", "2": "90"}),
            _c("2.2.3", "Giảng viên chuyên trách có chứng chỉ nghiệp vụ sư phạm", "percent", "lecturers_pedagogy",
               {"1": "80", "2": "100"}),
            _c("2.2.4", "Giảng viên chuyên trách có trình độ đại học trở lên", "percent", "lecturers_degree",
               {"1": "100", "2": "100"}),
            _c("2.2.5", "Giảng viên chuyên trách có trình độ quản lý nhà nước", "percent",
               "lecturers_state_management", {"1": "50", "2": "75"}),
            _c("2.2.6", "Tỷ lệ giảng viên đạt định mức giờ chuẩn, giờ giảng trong năm", "percent",
               "hours_against_norm", {"1": "80", "2": "100"},
               "Tính từ định mức giờ chuẩn (QĐ 1853/QĐ-BTGTW, có thể sửa) và các buổi giảng đã thực hiện; "
               "giờ giảng ở trung tâm cấp huyện trước đây được cộng cho cùng một người."),
        ]),
        ("2.3", "Giảng viên kiêm nhiệm, báo cáo viên", [
            _c("2.3.1", "Số giảng viên kiêm nhiệm đã tham gia giảng dạy trong năm", "count",
               "part_time_lecturers_in_use", {"1": "3", "2": "5"}, "Đếm người có ít nhất một buổi giảng."),
        ]),
        ("2.4", "Bộ máy", [
            _c("2.4.1", "Số cán bộ, viên chức đang công tác", "count", "staff_in_post", {"1": "4", "2": "5"}),
        ]),
    ]),
    ("3", "Đào tạo, bồi dưỡng", [
        ("3.1", "Thực hiện kế hoạch", [
            _c("3.1.1", "Số lớp mở so với kế hoạch năm", "percent", "classes_against_plan", {"1": "90", "2": "100"}),
            _c("3.1.2", "Số học viên so với kế hoạch năm", "percent", "learners_against_plan", {"1": "90", "2": "100"}),
            _c("3.1.3", "Số lớp đã mở trong năm", "count", "classes_held", {"1": "10", "2": "15"}),
        ]),
        ("3.2", "Chất lượng học tập", [
            _c("3.2.1", "Tỷ lệ học viên hoàn thành chương trình", "percent", "completion_rate",
               {"1": "90", "2": "95"}),
            _c("3.2.2", "Tỷ lệ chuyên cần của học viên", "percent", "attendance_rate", {"1": "90", "2": "95"}),
            _c("3.2.3", "Điểm hài lòng trung bình của học viên (thang 10)", "score", "satisfaction_average",
               {"1": "7", "2": "8"}, "Tính từ các phiếu khảo sát đủ điều kiện công bố (TT 10/2017/TT-BNV)."),
            _c("3.2.4", "Tỷ lệ lớp được khảo sát ý kiến học viên", "percent", "survey_coverage",
               {"1": "20", "2": "30"}, "Lớp có phiếu khảo sát đủ số phiếu hợp lệ theo mẫu phiếu."),
        ]),
        ("3.3", "Quản lý lớp học", [
            _c("3.3.1", "Lớp có quyết định mở lớp", "percent", "opening_decisions", {"1": "100", "2": "100"}),
            _c("3.3.2", "Lớp có lịch học khớp số tiết của chương trình", "percent", "timetables_match_hours",
               {"1": "90", "2": "100"}),
            _c("3.3.3", "Lớp đã duyệt kết quả có quyết định công nhận hoàn thành", "percent",
               "recognition_decisions", {"1": "100", "2": "100"}),
            _c("3.3.4", "Giấy chứng nhận cấp trong 30 ngày sau khi duyệt kết quả", "percent", "certificates_on_time",
               {"1": "90", "2": "100"}, parameters={"days": 30}),
            _c("3.3.5", "Tỷ lệ lớp đã kết thúc có báo cáo tổng kết lớp", "percent", "closing_reports",
               {"1": "90", "2": "100"}, "Báo cáo tổng kết lớp đã hoàn thành trong TTCT."),
        ]),
        ("3.4", "Chương trình và phương pháp", [
            _c("3.4.1", "Chương trình đã giảng có kết luận rà soát trùng lặp", "percent",
               "programmes_overlap_reviewed", {"1": "50", "2": "100"}),
            _c("3.4.2", "Lớp có ứng dụng công nghệ thông tin (tài liệu, bài kiểm tra trực tuyến)", "percent",
               "classes_using_it", {"1": "30", "2": "50"}, "Chưa áp dụng cho đến khi TTCT có phân hệ học tập."),
            _d("3.4.3", "Giảng dạy lịch sử Đảng bộ địa phương trong các chương trình", "yes_no", YES,
               "Đính kèm tài liệu lịch sử địa phương đang dùng."),
        ]),
    ]),
    ("4", "Nghiên cứu, tổng kết thực tiễn, thông tin thời sự", [
        ("4.1", "Tổng kết thực tiễn và thông tin", [
            _d("4.1.1", "Số đề tài, chuyên đề tổng kết thực tiễn tham gia theo yêu cầu của cấp ủy", "count",
               {"1": "1", "2": "2"}, "Đính kèm văn bản giao nhiệm vụ và sản phẩm."),
            _d("4.1.2", "Số hội nghị thông tin thời sự, bồi dưỡng báo cáo viên tổ chức hoặc phối hợp", "count",
               {"1": "2", "2": "4"}, "Đính kèm kế hoạch, danh sách tham dự."),
            _d("4.1.3", "Số tài liệu địa phương, tài liệu tham khảo biên soạn", "count", {"2": "1"},
               "Đính kèm bìa và mục lục tài liệu."),
        ]),
    ]),
    ("5", "Văn hóa, kỷ cương, kỷ luật", [
        ("5.1", "Kỷ cương và thi đua", [
            _d("5.1.1", "Không có cán bộ, giảng viên bị kỷ luật trong năm", "yes_no", YES,
               "Đính kèm xác nhận của cấp ủy."),
            _d("5.1.2", "Tập thể được đánh giá hoàn thành tốt nhiệm vụ trở lên", "yes_no", YES,
               "Đính kèm quyết định đánh giá, xếp loại."),
            _d("5.1.3", "Số giảng viên đạt giải hội thi giảng viên lý luận chính trị giỏi (5 năm gần nhất)", "count",
               {"2": "1"}, "Đính kèm giấy chứng nhận đạt giải."),
        ]),
    ]),
    ("6", "Cơ sở vật chất, trang thiết bị, tài chính", [
        ("6.1", "Cơ sở vật chất và trang thiết bị", [
            _c("6.1.1", "Số chỗ ngồi của hội trường lớn nhất", "count", "lecture_hall_seats", {"1": "80", "2": "120"}),
            _c("6.1.2", "Cơ sở vật chất đạt tiêu chuẩn (hội trường, phòng học, trang thiết bị)", "yes_no",
               "facilities_standard_met", YES, "Tính từ tiêu chuẩn cơ sở vật chất đang áp dụng và danh mục phòng, "
               "thiết bị của trung tâm."),
            _c("6.1.3", "Tỷ lệ trang thiết bị đang hoạt động tốt", "percent", "equipment_working",
               {"1": "80", "2": "95"}, "Tính từ tình trạng thiết bị trong danh mục của trung tâm."),
        ]),
        ("6.2", "Tài chính", [
            _c("6.2.1", "Tỷ lệ thực hiện dự toán kinh phí năm", "percent", "budget_execution", {"1": "90", "2": "95"},
               "Tính từ dự toán và các khoản chi đã ghi theo từng dòng dự toán của năm."),
        ]),
    ]),
]


def default_framework_data() -> dict:
    return {
        "code": CODE,
        "name": "Bộ tiêu chí trung tâm chính trị đạt chuẩn",
        "issuer": "",
        "document_number": "",
        "document_date": None,
        "effective_from": "2025-01-01",
        "effective_to": None,
        "provisional": True,
        "notes": "Giá trị mặc định có thể sửa: không tìm thấy danh mục tiêu chí chính thức cho trung tâm chính trị. "
                 "Xây dựng theo sáu nhóm tiêu chí của Quy định 11-QĐ/TW (2021) về trường chính trị chuẩn và nhiệm vụ "
                 "của trung tâm theo Quy định 208-QĐ/TW, 360-QĐ/TW.",
        "levels": [{"code": "1", "name": "Mức 1"}, {"code": "2", "name": "Mức 2"}],
        "groups": [
            {"code": g, "name": name, "criteria": [
                {"code": c, "name": cname, "indicators": indicators} for c, cname, indicators in criteria
            ]}
            for g, name, criteria in GROUPS
        ],
    }
