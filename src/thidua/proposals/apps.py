from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "thidua.proposals"
    label = "proposals"
    verbose_name = _("Đề nghị khen thưởng, quyết định")

    def ready(self):
        from thidua.core.activity import register_action_labels  # noqa: PLC0415 - ready: the app registry must be loaded first
        from thidua.proposals import nav, numbered  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (menu entries, home panel, numbered paper)
        from thidua.proposals.services import reminders  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers the proposals phase's pending units)

        register_action_labels(
            {
                "proposal.created": _("Tạo tờ trình đề nghị khen thưởng"),
                "proposal.drafted_from_conference": _("Lập tờ trình từ kết quả hội nghị"),
                "proposal.updated": _("Sửa thông tin tờ trình"),
                "proposal.item_added": _("Thêm dòng đề nghị"),
                "proposal.item_updated": _("Sửa tóm tắt thành tích"),
                "proposal.item_removed": _("Bỏ dòng đề nghị"),
                "proposal.attachment_added": _("Tải tài liệu lên hồ sơ đề nghị"),
                "proposal.attachment_removed": _("Bỏ tài liệu khỏi hồ sơ đề nghị"),
                "proposal.sent": _("Gửi tờ trình lên tỉnh"),
                "proposal.checking": _("Tiếp nhận, thẩm định tờ trình"),
                "proposal.returned": _("Trả lại tờ trình"),
                "proposal.item_judged": _("Thẩm định dòng đề nghị"),
                "proposal.council_ballot_created": _("Tạo phiếu của Hội đồng cho tờ trình"),
                "proposal.council": _("Trình Hội đồng Thi đua - Khen thưởng"),
                "proposal.council_result": _("Ghi kết quả bỏ phiếu của Hội đồng"),
                "proposal.voted": _("Hội đồng đã bỏ phiếu"),
                "proposal.decision_recorded": _("Ghi quyết định khen thưởng"),
                "proposal.decided": _("Chủ tịch quyết định"),
                "proposal.awarded": _("Ghi sổ khen thưởng theo quyết định"),
            }
        )
