from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE_CITY = "thanh_pho", _("thành phố")
    TOWN = "thi_xa", _("thị xã")
    DISTRICT = "huyen", _("huyện")
    COMMUNE = "xa", _("xã")
    WARD = "phuong", _("phường")
    TOWNSHIP = "thi_tran", _("thị trấn")
    SPECIAL_ZONE = "dac_khu", _("đặc khu")
    DEPARTMENT = "so", _("sở")
    BOARD = "ban", _("ban")
    SECTOR = "nganh", _("ngành")
    AGENCY = "co_quan", _("cơ quan, đơn vị khác")

    @classmethod
    def district_level(cls):
        return (cls.PROVINCE_CITY, cls.TOWN, cls.DISTRICT)

    @classmethod
    def commune_level(cls):
        return (cls.COMMUNE, cls.WARD, cls.TOWNSHIP, cls.SPECIAL_ZONE)

    @classmethod
    def territorial(cls):
        return cls.district_level() + cls.commune_level()


class LineageKind(models.TextChoices):
    ESTABLISHED = "thanh_lap", _("thành lập")
    MERGED = "sap_nhap", _("sáp nhập")
    SPLIT = "chia_tach", _("chia tách")
    RENAMED = "doi_ten", _("đổi tên")
    DISSOLVED = "giai_the", _("giải thể")


class LineageRole(models.TextChoices):
    PREDECESSOR = "truoc", _("đơn vị trước")
    SUCCESSOR = "sau", _("đơn vị sau")


class ClusterKind(models.TextChoices):
    CLUSTER = "cum", _("cụm thi đua")
    BLOCK = "khoi", _("khối thi đua")


class LeaderSelection(models.TextChoices):
    ELECTED = "bau", _("bầu tại hội nghị tổng kết")
    ROTATION = "luan_phien", _("luân phiên theo thứ tự")


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")
    OTHER = "khac", _("Khác")


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Cán bộ thi đua, khen thưởng đơn vị")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    CLUSTER_SECRETARIAT = "cluster_secretariat", _("Thư ký cụm thi đua")
    BOARD_OFFICER = "board_officer", _("Cán bộ Ban Thi đua - Khen thưởng tỉnh")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng Thi đua - Khen thưởng")
    ADMIN = "admin", _("Quản trị hệ thống")

    @classmethod
    def unit_roles(cls):
        return (cls.UNIT_OFFICER, cls.UNIT_HEAD)

    @classmethod
    def province_roles(cls):
        return (cls.BOARD_OFFICER, cls.COUNCIL_MEMBER)
