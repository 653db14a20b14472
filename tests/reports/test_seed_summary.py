"""The seed article's year, from the demo data: the 2023 summary of the district cluster of Quảng Bình names the
three units acclaimed for the provincial flag and the 2024 leader and deputy, and its figures match the award
register counted here independently."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from docx import Document

from thidua.accounts.models import User
from thidua.awards.models import AwardRecord
from thidua.organizations.demo import SEED_CLUSTER_NAME
from thidua.organizations.models import ClusterYear, Unit
from thidua.reports import documents
from thidua.reports.summary import build_cluster_summary

FLAGS = ["huyện Lệ Thủy", "huyện Quảng Ninh", "thành phố Đồng Hới"]


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def year_2023(demo_db, db):
    return ClusterYear.objects.select_related("cluster__province").get(cluster__name=SEED_CLUSTER_NAME, year=2023)


def _docx_text(content):
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(parts)


def _counted_independently(cluster_year):
    """Records of 2023 whose collective, or whose person's unit, is a member or lies under one (walking parents)."""
    members = set(cluster_year.memberships.values_list("unit_id", flat=True))
    parents = dict(Unit.objects.values_list("pk", "parent_id"))

    def under_a_member(unit_id):
        while unit_id is not None:
            if unit_id in members:
                return True
            unit_id = parents.get(unit_id)
        return False

    counts = Counter()
    for record in AwardRecord.objects.filter(year=2023).select_related("award_form"):
        if record.revoked_on is not None:
            continue
        if under_a_member(record.unit_id) or under_a_member(record.person_unit_id):
            counts[(record.award_form.get_level_display(), record.unit_id is not None)] += 1
    return counts


def test_the_summary_names_the_flag_units_and_next_years_leaders(year_2023):
    summary = build_cluster_summary(year_2023)
    assert summary.flags == FLAGS
    assert (summary.next_leader.full_name, summary.next_deputy.full_name) == ("huyện Minh Hóa", "huyện Tuyên Hóa")
    text = _docx_text(documents.summary_docx(summary))
    for name in FLAGS:
        assert f"Cờ thi đua cấp tỉnh | {name} |" in text
    assert "huyện Minh Hóa làm Trưởng cụm, huyện Tuyên Hóa làm Phó Trưởng cụm năm 2024." in text
    assert "Bầu Trưởng cụm năm sau | huyện Minh Hóa |" in text
    assert "Bầu Phó Trưởng cụm năm sau | huyện Tuyên Hóa |" in text
    assert "Phương châm thi đua: “Đồng thuận cao, thi đua giỏi, về đích sớm”." in text
    assert "Báo cáo có số liệu minh họa (dữ liệu demo), không phải số liệu thật." in text


def test_the_summary_figures_match_the_register(year_2023):
    summary = build_cluster_summary(year_2023)
    counts = _counted_independently(year_2023)
    expected = [(row.label, counts[(row.label, True)], counts[(row.label, False)]) for row in summary.level_rows[:-1]]
    assert [(r.label, r.collective, r.individual) for r in summary.level_rows[:-1]] == expected
    total = summary.level_rows[-1]
    assert (total.collective, total.individual) == (
        sum(n for (_level, collective), n in counts.items() if collective),
        sum(n for (_level, collective), n in counts.items() if not collective),
    )
    assert total.total == sum(counts.values()) > 0
    text = _docx_text(documents.summary_docx(summary))
    assert f"Tổng cộng | {total.collective} | {total.individual} | {total.total}" in text


def test_the_secretary_downloads_it_from_the_cluster_dashboard(year_2023, client):
    client.force_login(User.objects.get(username="thuky.cum"))
    dashboard = client.get(reverse("reports:cluster_dashboard", args=[year_2023.cluster_id]), {"nam": 2023})
    summary_url = reverse("reports:cluster_summary", args=[year_2023.pk])
    assert summary_url in dashboard.content.decode()
    page = client.get(summary_url).content.decode()
    for name in FLAGS:
        assert name in page
    response = client.get(reverse("reports:cluster_summary_docx", args=[year_2023.pk]))
    assert "thành phố Đồng Hới" in _docx_text(response.content)


def test_a_unit_officer_cannot_open_the_province_dashboard(year_2023, client):
    client.force_login(User.objects.get(username="canbo.lethuy"))
    province = year_2023.cluster.province
    assert client.get(reverse("reports:province_dashboard", args=[province.pk])).status_code == 403
    assert client.get(f"/api/v1/reports/provinces/{province.pk}/figures").status_code == 403
    own = Unit.objects.get(code="qb-lethuy")
    assert client.get(reverse("reports:unit_dashboard", args=[own.pk])).status_code == 200
