"""The Excel importers the import page offers: units and people (here) and award history (the awards app's own
importer, wrapped). Each has a template to download, a dry run and an all-or-nothing write."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from thidua.awards import importer as award_importer
from thidua.reports.importers import people, units


@dataclass(frozen=True)
class ImporterInfo:
    kind: str
    label: str
    template: object  # () -> bytes
    filename: str
    columns: dict  # column key -> header, to name the column of each error


IMPORTERS = {
    "units": ImporterInfo("units", _("Danh sách đơn vị"), units.template_bytes, "mau-nhap-don-vi.xlsx", units.HEADER),
    "people": ImporterInfo(
        "people", _("Danh sách cá nhân"), people.template_bytes, "mau-nhap-ca-nhan.xlsx", people.HEADER
    ),
    "awards": ImporterInfo(
        "awards",
        _("Lịch sử khen thưởng"),
        award_importer.template_bytes,
        "mau-nhap-so-khen-thuong.xlsx",
        {key: header for key, header, _required in award_importer.COLUMNS},
    ),
}
