"""Every list page's "Xuất Excel": the same rows as the page (its filters and its permission scope), the expected
header, a flat query count however many rows, and refusal for those who may not see the page."""

import io
import itertools

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.awards.factories import award
from tests.emulation.factories import ExemplarFactory, GuidingDocumentFactory, MovementFactory
from tests.factories import ClusterFactory, ClusterYearFactory, PersonFactory, UnitFactory
from tests.querycount import assert_flat_query_count
from tests.scoring.factories import make_table
from tests.voting.factories import MeetingFactory
from thidua.awards.enums import AwardCategory, AwardLevel, ImportState, RecipientKind, RuleSetKind
from thidua.awards.models import AwardForm, ImportBatch, RuleSet
from thidua.core.models import JobRun, Notification, StoredFile
from thidua.core.services import log_action
from thidua.emulation.enums import ExemplarState
from thidua.organizations.models import ClusterMembership
from thidua.scoring.enums import AssessmentState, ReviewerRole
from thidua.scoring.models import Assessment, FinalScore, ReviewAssignment

pytestmark = pytest.mark.django_db
SEQ = itertools.count(1)


def _file(user):
    return StoredFile.objects.create(
        original_name=f"tep-{next(SEQ)}.xlsx", kind="xlsx", size=1, sha256="x", uploaded_by=user
    )


def _member(world):
    unit = UnitFactory(province=world["province"])
    ClusterMembership.objects.create(cluster_year=world["cluster_year"], unit=unit)
    return unit


def _scoring_rows(world):
    table = make_table(world["cluster_year"])
    criterion = table.criteria.filter(code="1.1").get()

    def assessment():
        return Assessment.objects.create(
            cluster_year=world["cluster_year"], unit=_member(world), state=AssessmentState.SUBMITTED
        )

    def assignment():
        unit = _member(world)
        return ReviewAssignment.objects.create(
            cluster_year=world["cluster_year"], reviewee=unit, reviewer=world["units"][0], role=ReviewerRole.PEER
        )

    def flag():
        FinalScore.objects.create(assessment=assessment(), criterion=criterion, is_flagged=True, flag_note="lệch 3")

    return assessment, assignment, flag


def _cases(world):
    """name -> (url, user, add one row, header of the first column, who is refused and how)."""
    board, province = world["board"], world["province"]
    assessment, assignment, flag = _scoring_rows(world)
    cy = world["cluster_year"]
    unit = world["units"][0]
    return {
        "notifications": (
            reverse("core:notifications_export"),
            board,
            lambda: Notification.objects.create(recipient=board, title=f"Tin {next(SEQ)}"),
            "Thời điểm",
            None,
        ),
        "activity": (
            reverse("core:activity_log_export"),
            board,
            lambda: log_action(board, "unit.renamed", unit, province_id=province.pk),
            "Thời điểm",
            ("officer", 403),
        ),
        "jobs": (
            reverse("core:job_list_export"),
            board,
            lambda: JobRun.objects.create(kind="reports.import_check", owner=board, source_file=_file(board)),
            "Việc",
            None,
        ),
        "units": (
            reverse("organizations:unit_list_export"),
            board,
            lambda: UnitFactory(province=province),
            "Mã",
            ("nobody", 403),
        ),
        "clusters": (
            reverse("organizations:cluster_list_export"),
            board,
            lambda: ClusterYearFactory(cluster=ClusterFactory(province=province), year=2023),
            "Cụm, khối",
            ("nobody", 403),
        ),
        "people": (
            reverse("organizations:person_list_export"),
            board,
            lambda: PersonFactory(province=province),
            "Mã cá nhân",
            ("nobody", 403),
        ),
        "catalogue": (
            reverse("awards:catalogue_export"),
            board,
            lambda: AwardForm.objects.create(
                code=f"hinh-thuc-{next(SEQ)}",
                name="Thử",
                category=AwardCategory.COMMENDATION,
                recipient_kind=RecipientKind.COLLECTIVE,
                level=AwardLevel.GRASSROOTS,
            ),
            "Mã",
            ("nobody", 403),
        ),
        "rule_sets": (
            reverse("awards:rule_set_list_export"),
            board,
            lambda: RuleSet.objects.create(
                kind=RuleSetKind.QUOTA,
                code=f"quy-dinh-{next(SEQ)}",
                name="Thử",
                citation="Luật",
                valid_from="2024-01-01",
                province=province,
            ),
            "Mã",
            ("nobody", 403),
        ),
        "priority": (
            reverse("awards:priority_export") + f"?province={province.pk}",
            board,
            lambda: award(PersonFactory(province=province), "lao-dong-tien-tien", 2000 + next(SEQ) % 20),
            "Phạm vi",
            ("officer", 403),
        ),
        "imports": (
            reverse("awards:import_list_export"),
            board,
            lambda: ImportBatch.objects.create(
                stored_file=_file(board), state=ImportState.REFUSED, created_by=board, province=province
            ),
            "Tệp",
            ("officer", 403),
        ),
        "unit_awards": (
            reverse("awards:subject_awards_export", args=["don-vi", unit.pk]),
            board,
            lambda: award(unit, "giay-khen", 2000 + next(SEQ)),
            "Năm thành tích",
            ("other_officer", 403),
        ),
        "years": (
            reverse("emulation:year_list_export"),
            board,
            lambda: ClusterYearFactory(cluster=world["cluster"], year=1990 + next(SEQ)),
            "Cụm, khối",
            None,
        ),
        "movements": (
            reverse("emulation:movement_list_export"),
            board,
            MovementFactory,
            "Phong trào",
            ("nobody", 403),
        ),
        "exemplars": (
            reverse("emulation:exemplar_list_export"),
            board,
            lambda: ExemplarFactory(unit=world["units"][1], state=ExemplarState.PROPOSED),
            "Tên",
            ("nobody", 403),
        ),
        "documents": (
            reverse("emulation:document_list_export"),
            board,
            GuidingDocumentFactory,
            "Số, ký hiệu",
            ("nobody", 403),
        ),
        "honour": (
            reverse("honour:board_export"),
            None,
            lambda: (
                ExemplarFactory(unit=world["units"][1], state=ExemplarState.RECOGNISED),
                award(world["units"][2], "co-thi-dua-tinh", 1990 + next(SEQ)),
            ),
            "Tên",
            None,
        ),
        "scoring_years": (
            reverse("scoring:index_export"),
            board,
            lambda: ClusterYearFactory(cluster=world["cluster"], year=1990 + next(SEQ)),
            "Cụm, khối thi đua",
            None,
        ),
        "assessments": (
            reverse("scoring:assessments_export", args=[cy.pk]),
            world["secretary"],
            assessment,
            "Đơn vị",
            ("other_officer", 404),
        ),
        "assignments": (
            reverse("scoring:assignments_export", args=[cy.pk]),
            world["secretary"],
            assignment,
            "Năm",
            ("other_officer", 404),
        ),
        "my_reviews": (reverse("scoring:my_reviews_export"), world["officer"], assignment, "Năm", None),
        "flags": (reverse("scoring:flags_export", args=[cy.pk]), world["secretary"], flag, "Đơn vị", ("officer", 404)),
        "meetings": (
            reverse("voting:meeting_list_export"),
            board,
            lambda: MeetingFactory(province=province),
            "Hội nghị, phiên họp",
            ("nobody", 403),
        ),
    }


CASES = [
    "notifications",
    "activity",
    "jobs",
    "units",
    "clusters",
    "people",
    "catalogue",
    "rule_sets",
    "priority",
    "imports",
    "unit_awards",
    "years",
    "movements",
    "exemplars",
    "documents",
    "honour",
    "scoring_years",
    "assessments",
    "assignments",
    "my_reviews",
    "flags",
    "meetings",
]


def _client(login, user):
    return login(user) if user is not None else Client()


@pytest.mark.parametrize("name", CASES)
def test_each_list_exports_to_excel_with_a_flat_query_count(world, login, name):
    url, user, add, first_header, _refused = _cases(world)[name]
    client = _client(login, user)
    assert_flat_query_count(client, url, add, maximum=12)
    response = client.get(url)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == first_header
    assert len(rows) > 4  # the header and at least the four rows the count test added


@pytest.mark.parametrize(
    "name", [n for n in CASES if n not in {"notifications", "jobs", "years", "honour", "scoring_years", "my_reviews"}]
)
def test_exports_are_refused_like_their_pages(world, login, name):
    url, _user, _add, _header, refused = _cases(world)[name]
    who, status = refused
    assert login(world[who]).get(url).status_code == status


def test_exports_need_a_login_except_the_public_honour_board(world):
    assert Client().get(reverse("organizations:unit_list_export")).status_code == 302
    assert Client().get(reverse("honour:board_export")).status_code == 200


def test_the_export_keeps_the_pages_filters(world, login):
    UnitFactory(province=world["province"], name="Lệ Thủy")
    response = login(world["board"]).get(reverse("organizations:unit_list_export"), {"q": "le thuy"})
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["huyện Lệ Thủy"]


def test_scoped_lists_export_only_what_the_user_sees(world, login):
    PersonFactory(province=world["other_province"], full_name="Người Tỉnh Khác")
    response = login(world["board"]).get(reverse("organizations:person_list_export"))
    names = [
        r[1] for r in list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))[1:]
    ]
    assert sorted(names) == sorted([world["farmer"].full_name, world["clerk"].full_name])


def test_list_pages_show_the_export_link(world, login):
    client = login(world["board"])
    for name in ("organizations:unit_list", "organizations:person_list", "awards:catalogue", "emulation:movement_list"):
        page = client.get(reverse(name)).content.decode()
        assert "Xuất Excel" in page, name
