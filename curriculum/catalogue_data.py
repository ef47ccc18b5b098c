"""The national catalogue loaded by `load_catalogue`: the programmes of DOMAIN.md §4.

Topic lists follow what centres publish; hours, outlines and issuing-document numbers that were not
found in a published text are plausible defaults, and every version here is marked `provisional`
so the interface shows them as editable defaults to be checked against the issuing document.
Each topic: (code, title, outline, keywords, lecture, discussion/practice, fieldwork periods).
"""

ISSUER_PROPAGANDA = "Ban Tuyên giáo Trung ương"
ISSUER_ACADEMY = "Học viện Chính trị quốc gia Hồ Chí Minh"
UNKNOWN_DOCUMENT = "Số, ngày văn bản ban hành chưa được nhập: kiểm tra và bổ sung."

DEFAULT_BANDS = [
    ("excellent", "9.0", "10.0", True),
    ("very_good", "8.0", "9.0", True),
    ("good", "7.0", "8.0", True),
    ("average", "5.0", "7.0", True),
    ("fail", "0.0", "5.0", False),
]

CENTRE_PROGRAMMES = [
    {
        "code": "NTVD", "name": "Bồi dưỡng nhận thức về Đảng", "category": "political_theory",
        "audience": "Quần chúng ưu tú là đối tượng kết nạp Đảng; học sinh trung học phổ thông",
        "party_audience": "non_members",
        "duration": "3–5 ngày", "certificate_type": "certificate",
        "components": [("essay", "Bài thu hoạch", 100, True)],
        "topics": [
            ("Bài 1", "Khái quát lịch sử Đảng Cộng sản Việt Nam",
             "Sự ra đời của Đảng Cộng sản Việt Nam năm 1930; Đảng lãnh đạo cách mạng giành độc lập dân tộc, "
             "kháng chiến và sự nghiệp đổi mới; những bài học kinh nghiệm lớn.",
             "lịch sử Đảng; thành lập Đảng; đổi mới", 4, 1, 0),
            ("Bài 2", "Cương lĩnh chính trị của Đảng Cộng sản Việt Nam",
             "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội: mục tiêu, phương hướng "
             "cơ bản, các mối quan hệ lớn và vai trò lãnh đạo của Đảng.",
             "cương lĩnh chính trị; thời kỳ quá độ; chủ nghĩa xã hội", 4, 1, 0),
            ("Bài 3", "Điều lệ Đảng Cộng sản Việt Nam",
             "Những nội dung cơ bản của Điều lệ Đảng: đảng viên, nguyên tắc tập trung dân chủ, hệ thống tổ chức "
             "của Đảng, tổ chức cơ sở đảng, kỷ luật của Đảng.",
             "Điều lệ Đảng; tập trung dân chủ; kết nạp đảng viên", 4, 1, 0),
            ("Bài 4", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
             "Giá trị tư tưởng, đạo đức, phong cách Hồ Chí Minh; nội dung và cách thức học tập và làm theo "
             "tư tưởng, đạo đức, phong cách Hồ Chí Minh ở nơi học tập, công tác.",
             "tư tưởng Hồ Chí Minh; đạo đức Hồ Chí Minh; làm theo Bác", 4, 1, 0),
            ("Bài 5", "Phấn đấu trở thành đảng viên Đảng Cộng sản Việt Nam",
             "Tiêu chuẩn, điều kiện, thủ tục kết nạp vào Đảng; động cơ phấn đấu, rèn luyện của quần chúng ưu "
             "tú để trở thành đảng viên.",
             "phấn đấu vào Đảng; tiêu chuẩn đảng viên; thủ tục kết nạp", 4, 1, 0),
        ],
    },
    {
        "code": "DVM", "name": "Lý luận chính trị dành cho đảng viên mới", "category": "political_theory",
        "audience": "Đảng viên mới trong thời gian dự bị",
        "duration": "5–7 ngày (hoặc rải trong khoảng 3 tuần)", "certificate_type": "certificate",
        "components": [("essay", "Bài thu hoạch", 100, True)],
        "admission_window": 12,
        "topics": [
            ("CĐ1", "Chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh - nền tảng tư tưởng, kim chỉ nam cho hành động "
             "của Đảng",
             "Khái niệm, giá trị của chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh; vận dụng sáng tạo trong sự "
             "nghiệp đổi mới; đấu tranh bảo vệ nền tảng tư tưởng của Đảng.",
             "chủ nghĩa Mác - Lênin; tư tưởng Hồ Chí Minh; nền tảng tư tưởng", 4, 1, 0),
            ("CĐ2", "Độc lập dân tộc và chủ nghĩa xã hội - mục tiêu, lý tưởng của Đảng và dân tộc Việt Nam",
             "Độc lập dân tộc gắn liền với chủ nghĩa xã hội; đặc trưng của xã hội xã hội chủ nghĩa mà nhân dân "
             "ta xây dựng; con đường đi lên chủ nghĩa xã hội ở Việt Nam.",
             "độc lập dân tộc; chủ nghĩa xã hội; con đường quá độ", 4, 1, 0),
            ("CĐ3", "Phát huy sức mạnh đại đoàn kết toàn dân tộc, dân chủ xã hội chủ nghĩa và xây dựng Nhà nước "
             "pháp quyền xã hội chủ nghĩa",
             "Quan điểm của Đảng về đại đoàn kết toàn dân tộc; phát huy quyền làm chủ của nhân dân; xây dựng "
             "Nhà nước pháp quyền xã hội chủ nghĩa của nhân dân, do nhân dân, vì nhân dân.",
             "đại đoàn kết toàn dân tộc; dân chủ; nhà nước pháp quyền", 4, 1, 0),
            ("CĐ4", "Đường lối phát triển kinh tế - xã hội",
             "Phát triển kinh tế thị trường định hướng xã hội chủ nghĩa; công nghiệp hóa, hiện đại hóa; "
             "phát triển bền vững gắn với tiến bộ và công bằng xã hội.",
             "kinh tế thị trường định hướng xã hội chủ nghĩa; công nghiệp hóa; phát triển bền vững", 4, 1, 0),
            ("CĐ5", "Phát triển giáo dục và đào tạo, khoa học và công nghệ, văn hóa, con người, xã hội",
             "Giáo dục và đào tạo, khoa học và công nghệ là quốc sách hàng đầu; xây dựng và phát triển văn hóa, "
             "con người Việt Nam; quản lý phát triển xã hội.",
             "giáo dục đào tạo; khoa học công nghệ; văn hóa con người", 4, 1, 0),
            ("CĐ6", "Tăng cường quốc phòng, an ninh, bảo vệ vững chắc Tổ quốc Việt Nam xã hội chủ nghĩa",
             "Quan điểm của Đảng về bảo vệ Tổ quốc; xây dựng nền quốc phòng toàn dân và nền an ninh nhân dân; "
             "xây dựng Quân đội nhân dân và Công an nhân dân.",
             "quốc phòng toàn dân; an ninh nhân dân; bảo vệ Tổ quốc", 4, 1, 0),
            ("CĐ7", "Đường lối đối ngoại và hội nhập quốc tế",
             "Đường lối đối ngoại độc lập, tự chủ, hòa bình, hợp tác và phát triển; đa phương hóa, đa dạng "
             "hóa quan hệ; chủ động, tích cực hội nhập quốc tế.",
             "đối ngoại; hội nhập quốc tế; đa phương hóa", 4, 1, 0),
            ("CĐ8", "Tổ chức và hoạt động của Đảng; xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
             "Nguyên tắc tổ chức và hoạt động của Đảng; hệ thống tổ chức của Đảng; chức năng, nhiệm vụ của tổ "
             "chức cơ sở đảng và chi bộ; nâng cao chất lượng sinh hoạt chi bộ.",
             "tổ chức cơ sở đảng; chi bộ; sinh hoạt chi bộ", 4, 1, 0),
            ("CĐ9", "Xây dựng, chỉnh đốn Đảng",
             "Yêu cầu xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi suy thoái về tư tưởng chính trị, đạo đức, "
             "lối sống, những biểu hiện tự diễn biến, tự chuyển hóa trong nội bộ.",
             "chỉnh đốn Đảng; suy thoái; tự diễn biến tự chuyển hóa", 4, 1, 0),
            ("CĐ10", "Phấn đấu, rèn luyện để xứng đáng là người đảng viên Đảng Cộng sản Việt Nam",
             "Nhiệm vụ và quyền của đảng viên; phấn đấu, rèn luyện của đảng viên dự bị để được công nhận đảng "
             "viên chính thức; tham quan thực tế di tích lịch sử.",
             "nhiệm vụ đảng viên; đảng viên dự bị; rèn luyện", 4, 1, 4),
        ],
    },
    {
        "code": "SCLLCT", "name": "Sơ cấp lý luận chính trị", "category": "political_theory",
        "audience": "Cán bộ, đảng viên ở cơ sở", "duration": "khoảng 1 tháng tập trung hoặc học không tập trung",
        "certificate_type": "graduation_certificate",
        "components": [("test", "Kiểm tra phần I", 15, True), ("test", "Kiểm tra phần II", 15, True),
                       ("test", "Kiểm tra phần III và IV", 20, True), ("exam", "Thi cuối khóa", 50, True)],
        "topics": [
            ("CĐ1", "Khái quát về chủ nghĩa Mác - Lênin",
             "Sự hình thành và phát triển của chủ nghĩa Mác - Lênin; triết học, kinh tế chính trị và chủ nghĩa "
             "xã hội khoa học; ý nghĩa đối với cách mạng Việt Nam.",
             "chủ nghĩa Mác - Lênin; triết học; chủ nghĩa xã hội khoa học", 8, 2, 0),
            ("CĐ2", "Những nội dung cơ bản của tư tưởng Hồ Chí Minh",
             "Nguồn gốc, quá trình hình thành và nội dung cơ bản của tư tưởng Hồ Chí Minh về độc lập dân tộc "
             "và chủ nghĩa xã hội, đại đoàn kết, xây dựng Đảng và Nhà nước.",
             "tư tưởng Hồ Chí Minh; độc lập dân tộc; đại đoàn kết", 8, 2, 0),
            ("CĐ3", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
             "Những chuẩn mực đạo đức cách mạng, phong cách Hồ Chí Minh; học tập và làm theo tấm gương đạo đức "
             "Hồ Chí Minh ở cơ sở.",
             "đạo đức Hồ Chí Minh; phong cách Hồ Chí Minh; làm theo Bác", 6, 2, 0),
            ("CĐ4", "Khái quát lịch sử Đảng Cộng sản Việt Nam",
             "Đảng Cộng sản Việt Nam ra đời năm 1930 và lãnh đạo cách mạng qua các thời kỳ: giành chính quyền, "
             "kháng chiến, thống nhất đất nước và đổi mới.",
             "lịch sử Đảng; thành lập Đảng; cách mạng tháng Tám", 8, 2, 0),
            ("CĐ5", "Chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở Việt Nam",
             "Đặc trưng của chủ nghĩa xã hội Việt Nam; độc lập dân tộc gắn liền với chủ nghĩa xã hội; con "
             "đường quá độ lên chủ nghĩa xã hội bỏ qua chế độ tư bản chủ nghĩa.",
             "chủ nghĩa xã hội; thời kỳ quá độ; độc lập dân tộc", 8, 2, 0),
            ("CĐ6", "Đường lối phát triển kinh tế thị trường định hướng xã hội chủ nghĩa",
             "Kinh tế thị trường định hướng xã hội chủ nghĩa; công nghiệp hóa, hiện đại hóa gắn với phát triển "
             "kinh tế tri thức; phát triển kinh tế nông nghiệp, nông thôn.",
             "kinh tế thị trường; công nghiệp hóa hiện đại hóa; nông thôn mới", 8, 2, 0),
            ("CĐ7", "Đường lối phát triển văn hóa, con người, giáo dục, khoa học và công nghệ",
             "Xây dựng nền văn hóa tiên tiến, đậm đà bản sắc dân tộc; phát triển con người Việt Nam; đổi mới "
             "giáo dục và đào tạo, phát triển khoa học và công nghệ.",
             "văn hóa; con người Việt Nam; giáo dục đào tạo", 8, 2, 0),
            ("CĐ8", "Chính sách xã hội, dân tộc, tôn giáo",
             "Quan điểm, chính sách của Đảng và Nhà nước về an sinh xã hội, giảm nghèo; chính sách dân tộc; "
             "chính sách tôn giáo, tín ngưỡng.",
             "chính sách xã hội; dân tộc; tôn giáo", 8, 2, 0),
            ("CĐ9", "Đường lối quốc phòng, an ninh và đối ngoại",
             "Xây dựng nền quốc phòng toàn dân, nền an ninh nhân dân; bảo vệ Tổ quốc; đường lối đối ngoại độc "
             "lập, tự chủ và hội nhập quốc tế.",
             "quốc phòng toàn dân; an ninh nhân dân; đối ngoại", 8, 2, 0),
            ("CĐ10", "Dân chủ xã hội chủ nghĩa và Nhà nước pháp quyền xã hội chủ nghĩa",
             "Bản chất của dân chủ xã hội chủ nghĩa; xây dựng Nhà nước pháp quyền xã hội chủ nghĩa; thực hiện "
             "dân chủ ở cơ sở.",
             "dân chủ xã hội chủ nghĩa; nhà nước pháp quyền; dân chủ cơ sở", 8, 2, 0),
            ("CĐ11", "Hệ thống chính trị ở cơ sở",
             "Cấu trúc, chức năng của hệ thống chính trị ở xã, phường; mối quan hệ giữa tổ chức đảng, chính "
             "quyền, Mặt trận và các đoàn thể ở cơ sở.",
             "hệ thống chính trị cơ sở; xã phường; quan hệ công tác", 8, 2, 0),
            ("CĐ12", "Tổ chức cơ sở đảng và đảng viên",
             "Vị trí, chức năng, nhiệm vụ của tổ chức cơ sở đảng; xây dựng chi bộ trong sạch, vững mạnh; "
             "quản lý, rèn luyện đảng viên.",
             "tổ chức cơ sở đảng; chi bộ; đảng viên", 8, 2, 0),
            ("CĐ13", "Chính quyền cấp xã và quản lý nhà nước ở cơ sở",
             "Tổ chức và hoạt động của Hội đồng nhân dân, Ủy ban nhân dân cấp xã; quản lý nhà nước về kinh tế, "
             "văn hóa, xã hội, đất đai, trật tự ở cơ sở.",
             "chính quyền cấp xã; quản lý nhà nước; Ủy ban nhân dân", 8, 2, 0),
            ("CĐ14", "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội ở cơ sở",
             "Vị trí, vai trò, nhiệm vụ của Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội; "
             "đổi mới nội dung, phương thức hoạt động ở cơ sở.",
             "Mặt trận Tổ quốc; đoàn thể chính trị - xã hội; giám sát phản biện", 8, 2, 0),
            ("CĐ15", "Kỹ năng lãnh đạo, quản lý ở cơ sở",
             "Kỹ năng ra quyết định, tổ chức thực hiện, giao tiếp, giải quyết mâu thuẫn, xử lý tình huống "
             "trong lãnh đạo, quản lý ở cơ sở.",
             "kỹ năng lãnh đạo; xử lý tình huống; ra quyết định", 6, 4, 0),
            ("CĐ16", "Nghiệp vụ công tác Đảng ở cơ sở",
             "Công tác tư tưởng, công tác tổ chức, công tác kiểm tra, giám sát và công tác dân vận của tổ chức "
             "cơ sở đảng; lập hồ sơ, văn bản của cấp ủy.",
             "công tác tư tưởng; kiểm tra giám sát; văn bản cấp ủy", 6, 4, 0),
            ("CĐ17", "Công tác dân vận và thực hiện dân chủ ở cơ sở",
             "Quan điểm của Đảng về công tác dân vận; phong trào thi đua dân vận khéo; thực hiện dân chủ ở xã, "
             "phường, thị trấn.",
             "dân vận; dân vận khéo; dân chủ ở cơ sở", 6, 2, 0),
            ("CĐ18", "Lịch sử đảng bộ và tình hình, nhiệm vụ của địa phương",
             "Truyền thống cách mạng và lịch sử đảng bộ địa phương; đặc điểm, tình hình kinh tế - xã hội; "
             "nhiệm vụ trọng tâm của địa phương; đi thực tế tại cơ sở.",
             "lịch sử đảng bộ địa phương; truyền thống; thực tế cơ sở", 6, 2, 8),
        ],
    },
]

CENTRE_PROGRAMMES += [
    {
        "code": "NVCTD-BTCB", "name": "Bồi dưỡng nghiệp vụ công tác Đảng cho bí thư chi bộ", "category": "party_work",
        "audience": "Bí thư, phó bí thư chi bộ; cấp ủy viên cơ sở", "duration": "2–3 ngày",
        "certificate_type": "certificate",
        "components": [("test", "Bài kiểm tra cuối khóa", 100, True)],
        "topics": [
            ("CĐ1", "Chức năng, nhiệm vụ của chi bộ và bí thư chi bộ",
             "Vị trí, chức năng, nhiệm vụ của chi bộ; vai trò, trách nhiệm của bí thư chi bộ trong lãnh đạo "
             "thực hiện nhiệm vụ chính trị.",
             "chi bộ; bí thư chi bộ; nhiệm vụ chính trị", 3, 1, 0),
            ("CĐ2", "Nâng cao chất lượng sinh hoạt chi bộ",
             "Nội dung, quy trình sinh hoạt chi bộ thường kỳ và chuyên đề; tự phê bình và phê bình; kinh "
             "nghiệm tổ chức buổi sinh hoạt chi bộ có chất lượng.",
             "sinh hoạt chi bộ; tự phê bình và phê bình; sinh hoạt chuyên đề", 3, 1, 0),
            ("CĐ3", "Công tác phát triển đảng viên và quản lý đảng viên",
             "Tạo nguồn, bồi dưỡng quần chúng ưu tú, thủ tục kết nạp đảng viên; quản lý hồ sơ, phân công "
             "nhiệm vụ và đánh giá, xếp loại đảng viên.",
             "phát triển đảng viên; kết nạp đảng viên; quản lý đảng viên", 3, 1, 0),
            ("CĐ4", "Công tác kiểm tra, giám sát và thi hành kỷ luật đảng ở chi bộ",
             "Nhiệm vụ kiểm tra, giám sát của chi bộ; quy trình kiểm tra đảng viên khi có dấu hiệu vi phạm; "
             "thi hành kỷ luật trong Đảng.",
             "kiểm tra giám sát; kỷ luật đảng; chi bộ", 3, 1, 0),
            ("CĐ5", "Công tác tư tưởng và dân vận của chi bộ",
             "Nắm bắt tình hình tư tưởng đảng viên và nhân dân; tuyên truyền, vận động thực hiện chủ trương, "
             "chính sách ở thôn, tổ dân phố.",
             "công tác tư tưởng; dân vận; thôn tổ dân phố", 3, 1, 0),
            ("CĐ6", "Nghiệp vụ văn phòng cấp ủy và văn bản của chi bộ",
             "Thể thức văn bản của Đảng; ghi biên bản, nghị quyết chi bộ; lập và lưu trữ hồ sơ, sổ sách của "
             "chi bộ.",
             "văn bản của Đảng; biên bản; nghị quyết chi bộ", 2, 2, 0),
        ],
    },
    {
        "code": "QPAN-DT4", "name": "Bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4",
        "category": "defence_security",
        "audience": "Công chức, viên chức; trưởng thôn, tổ dân phố; chức sắc, chức việc tôn giáo; người có uy tín",
        "duration": "2–4 ngày (phối hợp với cơ quan quân sự)", "certificate_type": "certificate",
        "components": [("essay", "Bài thu hoạch", 100, True)],
        "topics": [
            ("CĐ1", "Quan điểm của Đảng về xây dựng nền quốc phòng toàn dân, nền an ninh nhân dân",
             "Mục tiêu, nhiệm vụ bảo vệ Tổ quốc; xây dựng nền quốc phòng toàn dân gắn với nền an ninh nhân "
             "dân vững mạnh; trách nhiệm của cơ sở.",
             "quốc phòng toàn dân; an ninh nhân dân; bảo vệ Tổ quốc", 4, 0, 0),
            ("CĐ2", "Xây dựng thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân ở cơ sở",
             "Xây dựng khu vực phòng thủ; thế trận lòng dân; phối hợp giữa quân sự, công an và chính quyền "
             "cơ sở.",
             "khu vực phòng thủ; thế trận lòng dân; thế trận an ninh nhân dân", 4, 0, 0),
            ("CĐ3", "Phòng, chống chiến lược diễn biến hòa bình, bạo loạn lật đổ",
             "Âm mưu, thủ đoạn diễn biến hòa bình, bạo loạn lật đổ của các thế lực thù địch; nhận diện và "
             "đấu tranh trên không gian mạng.",
             "diễn biến hòa bình; bạo loạn lật đổ; thế lực thù địch", 4, 0, 0),
            ("CĐ4", "Xây dựng lực lượng dân quân tự vệ và lực lượng dự bị động viên",
             "Tổ chức, huấn luyện, hoạt động của dân quân tự vệ; đăng ký, quản lý lực lượng dự bị động viên "
             "ở xã, phường.",
             "dân quân tự vệ; dự bị động viên; huấn luyện", 4, 0, 0),
            ("CĐ5", "Bảo vệ an ninh quốc gia, giữ gìn trật tự, an toàn xã hội ở cơ sở",
             "Phong trào toàn dân bảo vệ an ninh Tổ quốc; phòng ngừa tội phạm, tệ nạn xã hội; giải quyết "
             "điểm nóng ở cơ sở.",
             "an ninh quốc gia; trật tự an toàn xã hội; toàn dân bảo vệ an ninh", 4, 0, 0),
            ("CĐ6", "Bảo vệ chủ quyền biển, đảo, biên giới quốc gia",
             "Chủ quyền, quyền chủ quyền của Việt Nam trên biển; quản lý, bảo vệ biên giới quốc gia; trách "
             "nhiệm của công dân.",
             "chủ quyền biển đảo; biên giới quốc gia; công dân", 4, 0, 0),
        ],
    },
    {
        "code": "CNKT", "name": "Cập nhật kiến thức; học tập, quán triệt nghị quyết", "category": "knowledge_update",
        "audience": "Cán bộ, đảng viên (đối tượng 5)", "duration": "1–3 ngày, có thể học trực tuyến",
        "certificate_type": "attendance", "grading_scheme": "pass_fail", "components": [],
        "topics": [
            ("CĐ1", "Học tập, quán triệt nghị quyết mới của Trung ương",
             "Nội dung cốt lõi, điểm mới của nghị quyết hội nghị Trung ương; chương trình hành động của cấp ủy "
             "địa phương thực hiện nghị quyết.",
             "quán triệt nghị quyết; hội nghị Trung ương; chương trình hành động", 4, 0, 0),
            ("CĐ2", "Chuyển đổi số trong hệ thống chính trị ở cơ sở",
             "Chính quyền số, dịch vụ công trực tuyến; ứng dụng công nghệ thông tin trong lãnh đạo, quản lý "
             "và sinh hoạt đảng; an toàn thông tin.",
             "chuyển đổi số; dịch vụ công trực tuyến; công nghệ thông tin", 3, 1, 0),
            ("CĐ3", "Tổ chức chính quyền địa phương hai cấp",
             "Sắp xếp đơn vị hành chính, bỏ cấp huyện; chức năng, nhiệm vụ của chính quyền cấp tỉnh và cấp xã "
             "từ ngày 01/7/2025.",
             "chính quyền địa phương hai cấp; sắp xếp đơn vị hành chính; cấp xã", 3, 1, 0),
        ],
    },
    {
        "code": "NVMT-DT", "name": "Bồi dưỡng nghiệp vụ công tác Mặt trận, đoàn thể", "category": "front_mass",
        "audience": "Cán bộ Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội ở cơ sở", "duration": "2–5 ngày",
        "certificate_type": "certificate",
        "components": [("test", "Bài kiểm tra cuối khóa", 100, True)],
        "topics": [
            ("CĐ1", "Vị trí, vai trò của Mặt trận Tổ quốc Việt Nam và các đoàn thể trong hệ thống chính trị",
             "Chức năng, nhiệm vụ của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội sau sắp xếp; quan hệ "
             "với cấp ủy, chính quyền cơ sở.",
             "Mặt trận Tổ quốc; tổ chức chính trị - xã hội; hệ thống chính trị", 4, 0, 0),
            ("CĐ2", "Giám sát và phản biện xã hội của Mặt trận, đoàn thể",
             "Nội dung, hình thức, quy trình giám sát và phản biện xã hội; tham gia góp ý xây dựng Đảng, xây "
             "dựng chính quyền.",
             "giám sát; phản biện xã hội; góp ý xây dựng Đảng", 3, 1, 0),
            ("CĐ3", "Kỹ năng tập hợp, vận động đoàn viên, hội viên và nhân dân",
             "Kỹ năng tuyên truyền, vận động, tổ chức phong trào thi đua và cuộc vận động ở khu dân cư.",
             "vận động quần chúng; phong trào thi đua; khu dân cư", 2, 2, 0),
            ("CĐ4", "Nghiệp vụ tổ chức đại hội, hội nghị và công tác văn phòng của Mặt trận, đoàn thể",
             "Chuẩn bị, tổ chức đại hội, hội nghị; lập kế hoạch, báo cáo, lưu trữ hồ sơ của tổ chức ở cơ sở.",
             "đại hội; hội nghị; kế hoạch báo cáo", 2, 2, 0),
        ],
    },
]

SCHOOL_PROGRAMMES = [
    {
        "code": "TCLLCT-HC", "name": "Trung cấp lý luận chính trị – hành chính", "category": "political_theory",
        "audience": "Cán bộ, công chức lãnh đạo, quản lý cấp cơ sở và tương đương",
        "duration": "6–8 tháng tập trung, khoảng 1 năm không tập trung", "certificate_type": "diploma",
        "issuer": ISSUER_ACADEMY, "requires": ["SCLLCT"],
        "components": [("exam", "Thi, kiểm tra kết thúc học phần", 50, True),
                       ("exam", "Thi tốt nghiệp", 30, True), ("essay", "Tiểu luận cuối khóa", 20, True)],
        "topics": [
            ("HP1", "Những vấn đề cơ bản của chủ nghĩa Mác - Lênin",
             "Triết học Mác - Lênin, kinh tế chính trị Mác - Lênin, chủ nghĩa xã hội khoa học; vận dụng trong "
             "thời kỳ quá độ lên chủ nghĩa xã hội ở Việt Nam.",
             "chủ nghĩa Mác - Lênin; triết học; kinh tế chính trị", 40, 10, 0),
            ("HP2", "Tư tưởng Hồ Chí Minh",
             "Hệ thống quan điểm của Hồ Chí Minh về độc lập dân tộc và chủ nghĩa xã hội, đại đoàn kết, Đảng "
             "Cộng sản và Nhà nước của dân, do dân, vì dân; đạo đức và phong cách Hồ Chí Minh.",
             "tư tưởng Hồ Chí Minh; đạo đức; phong cách", 32, 8, 0),
            ("HP3", "Lịch sử Đảng Cộng sản Việt Nam",
             "Đảng ra đời và lãnh đạo cách mạng giành chính quyền, kháng chiến chống thực dân Pháp và đế quốc "
             "Mỹ, thống nhất đất nước, công cuộc đổi mới.",
             "lịch sử Đảng; cách mạng tháng Tám; đổi mới", 32, 8, 0),
            ("HP4", "Xây dựng Đảng về chính trị, tư tưởng, đạo đức và tổ chức",
             "Đảng Cộng sản Việt Nam và công tác xây dựng Đảng; nguyên tắc tổ chức và hoạt động; tổ chức cơ sở "
             "đảng và đảng viên; chỉnh đốn Đảng.",
             "xây dựng Đảng; tổ chức cơ sở đảng; đảng viên", 40, 10, 0),
            ("HP5", "Đường lối, chính sách phát triển kinh tế",
             "Kinh tế thị trường định hướng xã hội chủ nghĩa; công nghiệp hóa, hiện đại hóa; phát triển nông "
             "nghiệp, nông thôn và kinh tế địa phương.",
             "kinh tế thị trường; công nghiệp hóa; nông thôn mới", 32, 8, 0),
            ("HP6", "Đường lối, chính sách về văn hóa, xã hội, dân tộc, tôn giáo",
             "Phát triển văn hóa, con người; chính sách xã hội, an sinh xã hội; chính sách dân tộc, tôn giáo "
             "của Đảng và Nhà nước.",
             "văn hóa; chính sách xã hội; dân tộc tôn giáo", 32, 8, 0),
            ("HP7", "Đường lối quốc phòng, an ninh và đối ngoại",
             "Bảo vệ Tổ quốc trong tình hình mới; nền quốc phòng toàn dân, an ninh nhân dân; chính sách đối "
             "ngoại và hội nhập quốc tế.",
             "quốc phòng; an ninh; đối ngoại", 24, 6, 0),
            ("HP8", "Hệ thống chính trị, Nhà nước và pháp luật",
             "Hệ thống chính trị ở Việt Nam; Nhà nước pháp quyền xã hội chủ nghĩa; Hiến pháp và pháp luật; "
             "Mặt trận Tổ quốc và các đoàn thể.",
             "hệ thống chính trị; nhà nước pháp quyền; pháp luật", 40, 10, 0),
            ("HP9", "Quản lý hành chính nhà nước",
             "Tổ chức bộ máy hành chính nhà nước; quản lý nhà nước trên các lĩnh vực ở địa phương; cải cách "
             "hành chính, chính quyền số.",
             "quản lý hành chính nhà nước; cải cách hành chính; chính quyền địa phương", 40, 10, 0),
            ("HP10", "Kỹ năng lãnh đạo, quản lý",
             "Kỹ năng lãnh đạo, ra quyết định, tổ chức thực hiện, giao tiếp, xử lý tình huống và quản lý xung "
             "đột của cán bộ lãnh đạo, quản lý.",
             "kỹ năng lãnh đạo; ra quyết định; xử lý tình huống", 24, 16, 0),
            ("HP11", "Nghiệp vụ công tác Đảng, Mặt trận và đoàn thể ở cơ sở",
             "Công tác tổ chức, tư tưởng, kiểm tra, dân vận của cấp ủy cơ sở; nghiệp vụ công tác Mặt trận và "
             "các đoàn thể chính trị - xã hội.",
             "công tác Đảng; công tác dân vận; Mặt trận đoàn thể", 24, 16, 0),
            ("HP12", "Tình hình, nhiệm vụ của tỉnh và nghiên cứu thực tế",
             "Lịch sử, truyền thống, đặc điểm kinh tế - xã hội của tỉnh; chủ trương phát triển của tỉnh; đi "
             "nghiên cứu thực tế tại địa phương.",
             "tình hình địa phương; truyền thống tỉnh; nghiên cứu thực tế", 16, 4, 40),
            ("HP13", "Chuyển đổi số trong lãnh đạo, quản lý",
             "Chuyển đổi số quốc gia, chính quyền số; ứng dụng dữ liệu và công nghệ thông tin trong lãnh đạo, "
             "quản lý ở địa phương.",
             "chuyển đổi số; chính quyền số; dữ liệu", 16, 8, 0),
        ],
    },
    {
        "code": "QLNN-CV", "name": "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên",
        "category": "state_management", "audience": "Công chức, viên chức ngạch chuyên viên và tương đương",
        "duration": "khoảng 2 tháng", "certificate_type": "certificate", "issuer": "Bộ Nội vụ",
        "components": [("test", "Kiểm tra phần kiến thức chung", 30, True),
                       ("test", "Kiểm tra phần kỹ năng", 30, True), ("essay", "Tiểu luận cuối khóa", 40, True)],
        "topics": [
            ("HP1", "Nhà nước và pháp luật trong hệ thống chính trị",
             "Hệ thống chính trị; Nhà nước pháp quyền xã hội chủ nghĩa; pháp luật và thi hành pháp luật.",
             "nhà nước pháp quyền; pháp luật; hệ thống chính trị", 16, 4, 0),
            ("HP2", "Tổ chức bộ máy hành chính nhà nước và chính quyền địa phương",
             "Tổ chức bộ máy hành chính nhà nước ở trung ương và địa phương; chính quyền địa phương hai cấp.",
             "bộ máy hành chính; chính quyền địa phương; phân cấp", 16, 4, 0),
            ("HP3", "Công vụ, công chức và đạo đức công vụ",
             "Chế độ công vụ; quyền, nghĩa vụ của công chức; đạo đức, văn hóa công vụ.",
             "công vụ; công chức; đạo đức công vụ", 12, 4, 0),
            ("HP4", "Cải cách hành chính và chính phủ số",
             "Chương trình cải cách hành chính; thủ tục hành chính; dịch vụ công trực tuyến, chính phủ số.",
             "cải cách hành chính; thủ tục hành chính; chính phủ số", 12, 4, 0),
            ("HP5", "Kỹ năng soạn thảo văn bản quản lý nhà nước",
             "Thể thức, kỹ thuật trình bày và quy trình soạn thảo văn bản hành chính.",
             "soạn thảo văn bản; văn bản hành chính; thể thức", 8, 8, 0),
            ("HP6", "Kỹ năng tổ chức thực hiện công việc của chuyên viên",
             "Lập kế hoạch, tổ chức thực hiện, phối hợp, giao tiếp và quản lý thời gian trong công vụ.",
             "lập kế hoạch; phối hợp; giao tiếp công vụ", 8, 8, 0),
            ("HP7", "Nghiên cứu thực tế",
             "Tìm hiểu thực tế hoạt động quản lý nhà nước tại một cơ quan, địa phương.",
             "nghiên cứu thực tế; cơ quan hành chính", 0, 0, 16),
        ],
    },
]

# Default liên thông: centre topics counted toward provincial-school modules (editable).
MAPPINGS = [
    ("SCLLCT", "CĐ1", "TCLLCT-HC", "HP1", "partial"),
    ("SCLLCT", "CĐ2", "TCLLCT-HC", "HP2", "partial"),
    ("SCLLCT", "CĐ3", "TCLLCT-HC", "HP2", "partial"),
    ("SCLLCT", "CĐ4", "TCLLCT-HC", "HP3", "partial"),
    ("SCLLCT", "CĐ12", "TCLLCT-HC", "HP4", "partial"),
    ("SCLLCT", "CĐ15", "TCLLCT-HC", "HP10", "partial"),
    ("SCLLCT", "CĐ16", "TCLLCT-HC", "HP11", "partial"),
    ("CNKT", "CĐ2", "TCLLCT-HC", "HP13", "partial"),
]
