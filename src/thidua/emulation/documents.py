"""Renderers: the consolidated registration (Excel, .docx) and the pledge (.docx, PDF), Nghị định 30/2020 layout."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.documents import (
    DocxBuilder,
    OfficialDocument,
    Signature,
    in_vietnamese,
    pdf_from_html,
)
from thidua.core.exports import workbook_bytes
from thidua.emulation import selectors
from thidua.emulation.enums import RegistrationState
from thidua.organizations.enums import UnitKind


def _issuer(cluster_year):
    return cluster_year.cluster.name


def _parent_issuer(cluster_year):
    return _("UBND tỉnh %(province)s") % {"province": cluster_year.cluster.province.name}


def _place(cluster_year):
    return cluster_year.cluster.province.name


DRAFTER = "CTĐ"  # the cluster's papers are drafted by its secretariat


def _unit_signature(unit, name):
    """A member unit signs as its people's committee (TM. UBND ..., CHỦ TỊCH) or, for an agency, as its head."""
    if unit.kind in UnitKind.territorial():
        title = _("UBND %(unit)s") % {"unit": unit.full_name}
        return Signature(prefix="TM.", title=title, deputy_title=_("Chủ tịch"), name=name)
    return Signature(title=unit.full_name, deputy_title=_("Thủ trưởng đơn vị"), name=name)


def _collective_names(registration):
    return "; ".join(f.name for f in registration.collective_forms.all())


def _target_text(registration):
    return "; ".join(f"{t.award_form.name}: {t.count}" for t in registration.targets.all())


def registration_rows(cluster_year):
    """(unit, registration or None, shown) per member; a draft shows only that it has not been sent."""
    rows = []
    for unit, registration in selectors.registration_board(cluster_year):
        shown = registration is not None and registration.state != RegistrationState.DRAFT
        rows.append((unit, registration, shown))
    return rows


def _state_label(registration):
    if registration is None:
        return _("Chưa đăng ký")
    if registration.state == RegistrationState.DRAFT:
        return _("Chưa gửi")
    return registration.get_state_display()


def registration_workbook(cluster_year):
    collective = list(selectors.registrable_collective_forms())
    individual = list(selectors.registrable_individual_forms())
    headers = [
        _("STT"),
        _("Đơn vị"),
        _("Trạng thái"),
        *[f.name for f in collective],
        *[_("%(form)s (số người)") % {"form": f.name} for f in individual],
        _("Nội dung cam kết"),
    ]
    rows = []
    for index, (unit, registration, shown) in enumerate(registration_rows(cluster_year), start=1):
        chosen = {f.pk for f in registration.collective_forms.all()} if shown else set()
        counts = {t.award_form_id: t.count for t in registration.targets.all()} if shown else {}
        rows.append(
            [
                index,
                unit.full_name,
                _state_label(registration),
                *["x" if f.pk in chosen else "" for f in collective],
                *[counts.get(f.pk) for f in individual],
                registration.commitments if shown else "",
            ]
        )
    title = _("Đăng ký thi đua %(year)s") % {"year": cluster_year.year}
    return workbook_bytes([(title, headers, rows)])


@in_vietnamese
def registration_docx(cluster_year, *, signer_name=""):
    meta = OfficialDocument(
        issuer=_issuer(cluster_year),
        parent_issuer=_parent_issuer(cluster_year),
        doc_type=_("Báo cáo"),
        summary=_("Tổng hợp đăng ký thi đua năm %(year)s") % {"year": cluster_year.year},
        place=_place(cluster_year),
        date=timezone.localdate(),
        recipients_line=_("Kính gửi: Ban Thi đua - Khen thưởng tỉnh %(province)s")
        % {"province": cluster_year.cluster.province.name},
        landscape=True,
        signatures=[Signature(prefix="TM.", title=_("Cụm thi đua"), deputy_title=_("Trưởng cụm"), name=signer_name)],
        distribution=[_("Như trên"), _("Các đơn vị thành viên cụm")],
        drafter=DRAFTER,
    )
    builder = DocxBuilder(meta)
    leader = cluster_year.leader.full_name if cluster_year.leader else "—"
    builder.paragraph(
        _(
            "Thực hiện nhiệm vụ năm %(year)s, %(leader)s (Trưởng cụm) tổng hợp kết quả đăng ký thi đua "
            "của các đơn vị thành viên %(cluster)s như sau:"
        )
        % {"year": cluster_year.year, "leader": leader, "cluster": cluster_year.cluster.name}
    )
    if cluster_year.motto:
        builder.paragraph(_("Phương châm thi đua: “%(motto)s”.") % {"motto": cluster_year.motto})
    rows = []
    for index, (unit, registration, shown) in enumerate(registration_rows(cluster_year), start=1):
        rows.append(
            [
                index,
                unit.full_name,
                _collective_names(registration) if shown else "",
                _target_text(registration) if shown else "",
                registration.commitments if shown else "",
                _state_label(registration),
            ]
        )
    builder.table(
        [
            _("STT"),
            _("Đơn vị"),
            _("Danh hiệu, hình thức tập thể đăng ký"),
            _("Cá nhân đăng ký"),
            _("Nội dung cam kết"),
            _("Trạng thái"),
        ],
        rows,
        widths_mm=[12, 40, 55, 55, 70, 20],
        size=11,
    )
    builder.signatures_and_distribution()
    return builder.to_bytes()


def _signature_rows(pledge):
    return selectors.pledge_board(pledge)


def _pledge_meta(pledge):
    cluster_year = pledge.cluster_year
    return OfficialDocument(
        issuer=_issuer(cluster_year),
        parent_issuer=_parent_issuer(cluster_year),
        doc_type=_("Giao ước thi đua"),
        summary=_("Năm %(year)s") % {"year": cluster_year.year},
        place=pledge.signing_place or _place(cluster_year),
        date=pledge.signing_date,
    )


def _pledge_signatures(rows):
    return [_unit_signature(unit, s.signer_name if s else "") for unit, s in rows]


@in_vietnamese
def pledge_docx(pledge):
    builder = DocxBuilder(_pledge_meta(pledge))
    if pledge.edition > 1:
        builder.paragraph(_("(Phiên bản %(edition)s)") % {"edition": pledge.edition}, italic=True, align="center")
    if pledge.preamble:
        for line in pledge.preamble.splitlines():
            if line.strip():
                builder.paragraph(line.strip())
    builder.paragraph(_("Phương châm thi đua: “%(motto)s”.") % {"motto": pledge.motto}, bold=True)
    builder.heading(_("Nội dung giao ước"))
    for item in pledge.items.all():
        builder.paragraph(f"{item.position}. {item.text}")
    rows = _signature_rows(pledge)
    builder.heading(_("Bảng ký kết của các đơn vị thành viên"))
    builder.table(
        [_("STT"), _("Đơn vị"), _("Người ký"), _("Thời điểm ký")],
        [
            [
                i,
                unit.full_name,
                s.signer_name if s else _("Chưa ký"),
                timezone.localtime(s.signed_at).strftime("%d/%m/%Y %H:%M") if s else "",
            ]
            for i, (unit, s) in enumerate(rows, start=1)
        ],
        widths_mm=[12, 60, 55, 38],
        size=12,
    )
    builder.paragraph()
    builder.signature_grid(_pledge_signatures(rows))
    return builder.to_bytes()


@in_vietnamese
def pledge_pdf(pledge):
    rows = _signature_rows(pledge)
    html = render_to_string(
        "emulation/print/pledge.html",
        {
            "pledge": pledge,
            "meta": _pledge_meta(pledge),
            "rows": rows,
            "signers": _pledge_signatures(rows),
            "items": list(pledge.items.all()),
        },
    )
    # Relative links in the print template resolve against the project's static folder on disk.
    return pdf_from_html(html, base_url=f"{settings.BASE_DIR / 'static'}/", sign=True)
