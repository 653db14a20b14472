"""The words of the emulation demo: movements named in the seed article, models, exemplars, documents.

Movement names are the article's; what units reported, the models' owners and the exemplars are invented and
marked so (is_invented)."""

import datetime

from thidua.emulation.enums import ExemplarKind, GuidingDocumentType, MovementKind, MovementLevel

MOTTO = "Đồng thuận cao, thi đua giỏi, về đích sớm"

HCM_MOVEMENT = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về thực hiện trách nhiệm nêu gương, phát huy ý "
    "chí tự lực tự cường, đổi mới sáng tạo, khát vọng xây dựng cuộc sống ấm no, hạnh phúc, đưa tỉnh Quảng Bình "
    "phát triển nhanh, bền vững"
)

# Each movement: its key, name, level, kind, reach (national, the province, or the seed cluster) and targets.
MOVEMENTS = [
    (
        "ntm",
        "Cả nước chung sức xây dựng nông thôn mới",
        MovementLevel.NATIONAL,
        MovementKind.THEMATIC,
        "national",
        "Tăng số xã đạt chuẩn nông thôn mới, nông thôn mới nâng cao, kiểu mẫu; nâng cao thu nhập người dân nông thôn.",
    ),
    (
        "ngheo",
        "Vì người nghèo - Không để ai bị bỏ lại phía sau",
        MovementLevel.NATIONAL,
        MovementKind.THEMATIC,
        "national",
        "Giảm tỷ lệ hộ nghèo theo chuẩn đa chiều; hỗ trợ nhà ở, sinh kế cho hộ nghèo, hộ cận nghèo.",
    ),
    (
        "hcm",
        HCM_MOVEMENT,
        MovementLevel.PROVINCIAL,
        MovementKind.THEMATIC,
        "province",
        "Cán bộ, đảng viên, trước hết là người đứng đầu, nêu gương trong thực hiện nhiệm vụ.",
    ),
    (
        "chuyendich",
        "Chuyển dịch cơ cấu kinh tế nông nghiệp, cơ cấu cây trồng, vật nuôi",
        MovementLevel.LOCAL,
        MovementKind.THEMATIC,
        "cluster",
        "Chuyển đổi diện tích lúa kém hiệu quả sang cây trồng, vật nuôi có giá trị cao hơn.",
    ),
    (
        "nongdan",
        "Nông dân sản xuất kinh doanh giỏi, tiếp thu, ứng dụng các tiến bộ khoa học kỹ thuật, công nghệ tiên tiến",
        MovementLevel.LOCAL,
        MovementKind.REGULAR,
        "cluster",
        "Tăng số hộ nông dân sản xuất kinh doanh giỏi các cấp.",
    ),
    (
        "sangkien",
        "Phát huy sáng kiến, cải tiến kỹ thuật, nâng cao chất lượng, hiệu quả sản xuất",
        MovementLevel.LOCAL,
        MovementKind.REGULAR,
        "cluster",
        "Khuyến khích sáng kiến, cải tiến kỹ thuật được công nhận và áp dụng.",
    ),
    (
        "doimoi",
        "Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập",
        MovementLevel.NATIONAL,
        MovementKind.REGULAR,
        "national",
        "Ngành Giáo dục và Đào tạo: đổi mới quản lý, phương pháp dạy và học.",
    ),
    (
        "daytot",
        "Dạy tốt, học tốt",
        MovementLevel.NATIONAL,
        MovementKind.REGULAR,
        "national",
        "Ngành Giáo dục và Đào tạo: nâng cao chất lượng dạy và học.",
    ),
    (
        "thanthien",
        "Xây dựng trường học thân thiện, học sinh tích cực",
        MovementLevel.NATIONAL,
        MovementKind.REGULAR,
        "national",
        "Ngành Giáo dục và Đào tạo: môi trường học tập an toàn, thân thiện; học sinh chủ động, tích cực.",
    ),
]

# Documents: number, date, issuer, type, summary, movement keys, invented. The three national ones are cited from
# memory of public sources and not yet checked against the originals: the note says so.
DOCUMENTS = [
    (
        "1620/QĐ-TTg",
        datetime.date(2011, 9, 20),
        "Thủ tướng Chính phủ",
        GuidingDocumentType.DECISION,
        "Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”",
        ["ntm"],
        False,
    ),
    (
        "05-CT/TW",
        datetime.date(2016, 5, 15),
        "Bộ Chính trị",
        GuidingDocumentType.DIRECTIVE,
        "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        ["hcm"],
        False,
    ),
    (
        "40/2008/CT-BGDĐT",
        datetime.date(2008, 7, 22),
        "Bộ Giáo dục và Đào tạo",
        GuidingDocumentType.DIRECTIVE,
        (
            "Về việc phát động phong trào thi đua “Xây dựng trường học thân thiện, học sinh tích cực” trong các "
            "trường phổ thông"
        ),
        ["thanthien"],
        False,
    ),
    (
        "01/KH-CTĐ",
        datetime.date(2024, 1, 10),
        "Cụm thi đua các huyện, thị xã, thành phố",
        GuidingDocumentType.PLAN,
        "Kế hoạch tổ chức phong trào thi đua và ký kết giao ước thi đua năm 2024 của Cụm",
        ["chuyendich", "nongdan", "sangkien"],
        True,
    ),
]

PLEDGE_ITEMS = [
    (
        "Thi đua thực hiện thắng lợi các mục tiêu, chỉ tiêu phát triển kinh tế - xã hội năm {year} đã được Hội đồng "
        "nhân dân cùng cấp thông qua."
    ),
    (
        "Đẩy mạnh phong trào “Cả nước chung sức xây dựng nông thôn mới” và “Vì người nghèo - Không để ai bị bỏ lại "
        "phía sau”; chuyển dịch cơ cấu kinh tế nông nghiệp, cơ cấu cây trồng, vật nuôi."
    ),
    (
        "Tiếp tục học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; phát huy trách nhiệm nêu gương của "
        "cán bộ, đảng viên."
    ),
    (
        "Phát hiện, bồi dưỡng, biểu dương và nhân rộng các điển hình tiên tiến, mô hình mới; ưu tiên khen thưởng công "
        "nhân, nông dân, người trực tiếp lao động, sản xuất."
    ),
    "Bảo đảm quốc phòng - an ninh, trật tự an toàn xã hội; hoàn thành tốt công tác tuyển quân.",
    "Thực hiện đúng chế độ thông tin, báo cáo và tham gia đầy đủ các hoạt động của Cụm.",
]

# Registration per unit key: individual title counts (chiến sĩ tỉnh, chiến sĩ cơ sở, lao động tiên tiến).
REGISTRATION_COUNTS = {
    "donghoi": (2, 24, 310),
    "badon": (1, 15, 205),
    "lethuy": (2, 21, 280),
    "quangninh": (1, 17, 230),
    "botrach": (2, 22, 295),
    "quangtrach": (1, 16, 220),
    "tuyenhoa": (1, 14, 190),
    "minhhoa": (1, 12, 170),
}
COMMITMENT = (
    "Phấn đấu hoàn thành và hoàn thành vượt mức các chỉ tiêu kinh tế - xã hội năm {year}; hưởng ứng sâu rộng các "
    "phong trào thi đua; thực hiện đúng giao ước thi đua của Cụm."
)
LETHUY_RETURN_REASON = (
    "Đề nghị bổ sung số cá nhân đăng ký danh hiệu Chiến sĩ thi đua cơ sở và Lao động tiên tiến; bản gửi chưa có."
)

# Models: movement key, unit key, name, category, description.
MODELS = [
    (
        "ntm",
        "lethuy",
        "Mỗi xã một sản phẩm OCOP",
        "OCOP",
        "Phát triển các sản phẩm đặc trưng của địa phương đạt chứng nhận OCOP 3 sao, 4 sao.",
    ),
    (
        "chuyendich",
        "quangninh",
        "Chuyển đổi cơ cấu giống cây trồng, vật nuôi",
        "Chuyển đổi cơ cấu cây trồng, vật nuôi",
        "Chuyển diện tích lúa kém hiệu quả sang trồng cây màu kết hợp nuôi trồng thủy sản.",
    ),
    (
        "chuyendich",
        "botrach",
        "Nhân giống, chuyển đổi bộ giống lúa, giống ngô",
        "Giống cây trồng",
        "Đưa bộ giống lúa, giống ngô năng suất, chất lượng cao vào sản xuất đại trà.",
    ),
    (
        "nongdan",
        "quangtrach",
        "Nghề mây tre đan xuất khẩu",
        "Ngành nghề nông thôn",
        "Duy trì, mở rộng nghề mây tre đan xuất khẩu, đan lát, nón lá, chổi đót; tạo việc làm cho lao động nông thôn.",
    ),
]

# Exemplars: unit key, kind, name, title, achievements, movement key, model name or "", decided by "cluster"|"board".
EXEMPLARS = [
    (
        "lethuy",
        ExemplarKind.COLLECTIVE,
        "Hợp tác xã nông nghiệp An Lạc",
        "Hợp tác xã nông nghiệp",
        "Dẫn đầu chuyển đổi cơ cấu cây trồng; ba sản phẩm đạt chứng nhận OCOP 3 sao.",
        "ntm",
        "Mỗi xã một sản phẩm OCOP",
        "cluster",
    ),
    (
        "quangninh",
        ExemplarKind.PERSON,
        "Nguyễn Văn Thành",
        "Nông dân",
        "Nông dân sản xuất kinh doanh giỏi cấp tỉnh; tạo việc làm cho 15 lao động địa phương.",
        "nongdan",
        "",
        "cluster",
    ),
    (
        "donghoi",
        ExemplarKind.PERSON,
        "Trần Thị Ngọc Anh",
        "Giáo viên tiểu học",
        "Giáo viên dạy giỏi cấp tỉnh; có sáng kiến đổi mới phương pháp dạy học được áp dụng rộng rãi.",
        "doimoi",
        "",
        "board",
    ),
    (
        "quangtrach",
        ExemplarKind.MODEL,
        "Nghề mây tre đan xuất khẩu",
        "",
        "Mô hình ngành nghề nông thôn duy trì hiệu quả, tạo thu nhập ổn định cho nhiều hộ gia đình.",
        "nongdan",
        "Nghề mây tre đan xuất khẩu",
        "cluster",
    ),
    (
        "minhhoa",
        ExemplarKind.COLLECTIVE,
        "Chi đoàn thanh niên xã vùng cao",
        "",
        "Tiêu biểu trong phong trào “Vì người nghèo - Không để ai bị bỏ lại phía sau”: hỗ trợ xây nhà cho hộ nghèo.",
        "ngheo",
        "",
        "board",
    ),
    (
        "botrach",
        ExemplarKind.PERSON,
        "Lê Văn Hùng",
        "Kỹ sư nông nghiệp, Trạm Khuyến nông",
        "Có sáng kiến cải tiến kỹ thuật nhân giống lúa được công nhận cấp huyện.",
        "sangkien",
        "",
        "cluster",
    ),
]
