from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "thidua.organizations"
    label = "organizations"
    verbose_name = _("Tổ chức, đơn vị")

    def ready(self):
        from thidua.core.activity import register_action_labels  # noqa: PLC0415 - ready: the app registry must be loaded first
        from thidua.organizations import nav  # noqa: F401, PLC0415 - ready: the app registry must be loaded first (registers the menu and home panels)

        register_action_labels(
            {
                "unit.created": _("Tạo đơn vị"),
                "unit.ended": _("Đơn vị kết thúc hoạt động"),
                "unit.renamed": _("Đổi tên đơn vị"),
                "lineage.recorded": _("Ghi nhận sự kiện sắp xếp đơn vị"),
                "cluster.founded": _("Thành lập cụm, khối"),
                "cluster.changed": _("Sửa thông tin cụm, khối"),
                "cluster.rotation_set": _("Cập nhật thứ tự luân phiên Trưởng cụm"),
                "cluster.closed": _("Cụm kết thúc hoạt động"),
                "cluster_year.opened_from": _("Mở năm sau từ năm trước"),
                "cluster_year.opened": _("Mở kỳ thi đua của cụm"),
                "cluster_year.members_set": _("Cập nhật thành viên cụm"),
                "cluster_year.leaders_set": _("Đặt Trưởng cụm, Phó Trưởng cụm"),
                "account.created": _("Tạo tài khoản"),
                "account.activated": _("Mở khóa tài khoản"),
                "account.deactivated": _("Khóa tài khoản"),
                "role.granted": _("Giao vai trò"),
                "role.ended": _("Kết thúc vai trò"),
                "role.moved": _("Chuyển vai trò sang đơn vị kế tục"),
            }
        )
        # Keeping people (services_people.py).
        register_action_labels(
            {
                "person.created": _("Thêm cá nhân"),
                "person.changed": _("Sửa thông tin cá nhân"),
                "person.transferred": _("Chuyển công tác"),
                "position.added": _("Thêm chức vụ"),
                "position.changed": _("Sửa chức vụ"),
            }
        )
