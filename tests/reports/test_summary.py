"""The annual summary of a cluster year and of a province: every section from the records, the .docx draft, and
who may make it."""

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.emulation.factories import ExemplarFactory, MovementFactory
from tests.factories import ClusterYearFactory, cluster_year_with_members
from tests.reports.records import seed_records
from thidua.core.enums import JobState
from thidua.emulation.enums import ExemplarState, MovementLevel
from thidua.emulation.models import MovementModel, MovementParticipation, MovementReport, Pledge, PledgeItem
from thidua.organizations.models import ClusterMembership
from thidua.reports import documents, jobs
from thidua.reports.summary import build_cluster_summary
from thidua.reports.summary_province import build_province_summary

pytestmark = pytest.mark.django_db


def _pledge(cluster_year, motto, items):
    pledge = Pledge.objects.create(cluster_year=cluster_year, motto=motto)
    for position, text in enumerate(items, start=1):
        PledgeItem.objects.create(pledge=pledge, position=position, text=text)
    return pledge


@pytest.fixture
def year_story(world):
    """The world's 2023 told in records: a movement with a report, a model, an exemplar, the pledges, next year."""
    units, cluster_year = world["units"], world["cluster_year"]
    seed_records(world)
    movement = MovementFactory(name="Cả nước chung sức xây dựng nông thôn mới", level=MovementLevel.NATIONAL)
    participation = MovementParticipation.objects.create(movement=movement, unit=units[0])
    MovementReport.objects.create(
        participation=participation,
        year=2023,
        period="Cả năm",
        content="Tốt",
        figures=[{"label": "Xã đạt chuẩn", "value": "3"}],
    )
    MovementModel.objects.create(
        movement=movement, unit=units[1], name="Vườn mẫu kiểu mới", year=2023, description="Hiệu quả"
    )
    ExemplarFactory(name="Hợp tác xã Tân Tiến", unit=units[2], year=2023, state=ExemplarState.RECOGNISED)
    ExemplarFactory(name="Chưa công nhận", unit=units[2], year=2023)
    _pledge(cluster_year, "Đoàn kết, về đích sớm", ["Hoàn thành chỉ tiêu kinh tế - xã hội"])
    following = ClusterYearFactory(cluster=world["cluster"], year=2024, leader=units[2], deputy=units[1])
    for unit in units:
        ClusterMembership.objects.create(cluster_year=following, unit=unit)
    _pledge(following, "Tăng tốc, bứt phá", ["Giảm nghèo bền vững", "Chuyển đổi số"])
    return world


def test_the_cluster_summary_tells_the_year_from_the_records(year_story):
    world = year_story
    units = world["units"]
    summary = build_cluster_summary(world["cluster_year"])
    text = summary.text()
    assert summary.meta.doc_type == "Báo cáo"
    assert summary.meta.summary == "Tổng kết công tác thi đua, khen thưởng năm 2023 và phương hướng, nhiệm vụ năm 2024"
    assert f"{units[0].full_name} làm Trưởng cụm, {units[1].full_name} làm Phó Trưởng cụm." in text
    assert "Phương châm thi đua: “Đoàn kết, về đích sớm”." in text
    assert "Cả nước chung sức xây dựng nông thôn mới Toàn quốc 1 " + f"{units[0].full_name}: Xã đạt chuẩn: 3" in text
    assert f"Vườn mẫu kiểu mới ({units[1].full_name}; Cả nước chung sức xây dựng nông thôn mới)" in text
    assert f"Hợp tác xã Tân Tiến – Cá nhân ({units[2].full_name})" in text
    assert "Chưa công nhận" not in text
    assert [(r.label, r.collective, r.individual, r.total) for r in summary.level_rows] == [
        ("Cấp Nhà nước", 0, 1, 1),
        ("Chính phủ, Thủ tướng Chính phủ", 0, 0, 0),
        ("Cấp tỉnh, bộ, ban, ngành", 1, 1, 2),
        ("Cấp cơ sở", 1, 1, 2),
        ("Tổng cộng", 2, 3, 5),
    ]
    assert "Trong 2 cá nhân được khen thưởng có 1 người trực tiếp lao động, sản xuất (50,0%)." in text
    assert summary.flags == [units[0].full_name]
    assert (summary.next_leader, summary.next_deputy) == (units[2], units[1])
    assert f"{units[2].full_name} làm Trưởng cụm, {units[1].full_name} làm Phó Trưởng cụm năm 2024." in text
    assert "Phương châm: “Tăng tốc, bứt phá”." in text
    assert "1. Giảm nghèo bền vững" in text
    assert "2. Chuyển đổi số" in text


def test_an_empty_year_says_what_is_missing(world):
    summary = build_cluster_summary(world["cluster_year"])
    text = summary.text()
    for words in (
        "Chưa có bản đăng ký thi đua nào của năm trong hệ thống.",
        "Chưa có mô hình nào của năm được ghi trong hệ thống.",
        "Chưa có điển hình tiên tiến nào của năm được công nhận trong hệ thống.",
        "Chưa có kết quả chấm điểm, bình xét trong hệ thống.",
        "Chưa chọn Trưởng cụm, Phó Trưởng cụm năm sau.",
        "Chưa có giao ước thi đua năm sau trong hệ thống.",
    ):
        assert words in text
    assert summary.flags == []


def _docx_text(content):
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_docx_draft_has_the_official_layout_and_the_words(year_story):
    world = year_story
    text = _docx_text(documents.summary_docx(build_cluster_summary(world["cluster_year"])))
    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        world["cluster"].name.upper(),
        "BÁO CÁO",
        "Tổng kết công tác thi đua, khen thưởng năm 2023 và phương hướng, nhiệm vụ năm 2024",
        "I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2023",
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
        "TM. CỤM THI ĐUA",
        "TRƯỞNG CỤM",
        "Nơi nhận:",
        "Vườn mẫu kiểu mới",
        "Tăng tốc, bứt phá",
    ):
        assert words in text


def test_the_province_summary_puts_the_clusters_side_by_side(year_story):
    world = year_story
    units = world["units"]
    cluster_year_with_members(2, year=2023, province=world["province"])
    summary = build_province_summary(world["province"], 2023)
    text = summary.text()
    assert summary.meta.issuer == f"Hội đồng Thi đua - Khen thưởng tỉnh {world['province'].name}"
    assert (
        f"{world['cluster'].name} {units[0].full_name} {units[0].full_name} {units[2].full_name} {units[1].full_name}"
        in text
    )
    assert summary.flags == [units[0].full_name]
    assert [r.total for r in summary.level_rows] == [1, 0, 2, 2, 5]
    assert "Có 1 mô hình được ghi nhận và 1 điển hình tiên tiến được công nhận trong năm." in text
    assert "Tăng tốc, bứt phá" in text


@pytest.mark.parametrize(
    ("who", "status"),
    [("secretary", 200), ("board", 200), ("admin", 200), ("council", 403), ("officer", 403), ("outsider", 403)],
)
def test_who_may_make_the_cluster_summary(year_story, login, who, status):
    client = login(year_story[who])
    pk = year_story["cluster_year"].pk
    assert client.get(reverse("reports:cluster_summary", args=[pk])).status_code == status
    docx = client.get(reverse("reports:cluster_summary_docx", args=[pk]))
    assert docx.status_code == status
    if status == 200:
        assert docx["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_secretary_of_another_year_may_not(year_story, login, make_user):
    from thidua.organizations.enums import Role

    other, _units = cluster_year_with_members(2, year=2023, province=year_story["province"])
    client = login(make_user(Role.CLUSTER_SECRETARIAT, other))
    assert client.get(reverse("reports:cluster_summary", args=[year_story["cluster_year"].pk])).status_code == 403


@pytest.mark.parametrize(
    ("who", "status"), [("board", 200), ("admin", 200), ("council", 403), ("secretary", 403), ("outsider", 403)]
)
def test_who_may_make_the_province_summary(year_story, login, who, status):
    url = reverse("reports:province_summary", args=[year_story["province"].pk, 2023])
    assert login(year_story[who]).get(url).status_code == status


def test_the_summary_page_shows_the_draft(year_story, login):
    page = login(year_story["secretary"]).get(reverse("reports:cluster_summary", args=[year_story["cluster_year"].pk]))
    html = page.content.decode()
    for words in (
        "Tải bản Word (.docx) để chỉnh sửa",
        "5. Công tác khen thưởng",
        "Hợp tác xã Tân Tiến",
        "Dự thảo do hệ thống lập",
    ):
        assert words in html


def test_the_batch_of_summaries_is_one_word_file(year_story, login):
    world = year_story
    client = login(world["board"])
    response = client.post(reverse("reports:province_summaries_batch", args=[world["province"].pk, 2023]))
    from thidua.core.models import JobRun

    job = JobRun.objects.get(kind=jobs.SUMMARIES_JOB)
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    from thidua.core.jobs import run_job

    assert run_job(job.pk) == JobState.SUCCEEDED
    job.refresh_from_db()
    assert job.result == {"province": world["province"].name, "year": 2023, "documents": 2}
    text = _docx_text(job.result_file.file.open("rb").read())
    assert text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 2
    assert f"HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH {world['province'].name.upper()}" in text
    assert "Vườn mẫu kiểu mới" in text
    assert client.get(reverse("core:file", args=[job.result_file.uuid])).status_code == 200
    assert (
        login(world["secretary"])
        .post(reverse("reports:province_summaries_batch", args=[world["province"].pk, 2023]))
        .status_code
        == 403
    )
