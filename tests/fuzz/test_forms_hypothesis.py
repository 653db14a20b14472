"""The main forms driven by hypothesis (issue 8, item 4): no server error, and refused input changes nothing.

Each example is posted through the real page by the account that may use it, inside a savepoint rolled back
afterwards, and the rows the form writes are compared before and after. Where the input is plainly valid or plainly
invalid the test also knows whether it must have been taken. Examples are derandomized: a failure repeats.
"""

import contextlib
import io
import re
from decimal import Decimal, InvalidOperation

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.authz.pages import PAGES
from tests.authz.runner import Rollback, answer, url_of
from thidua.awards.importer import COLUMNS
from thidua.awards.models import AwardRecord, ImportBatch
from thidua.emulation import selectors as emulation_selectors
from thidua.emulation.models import Registration
from thidua.scoring.enums import CriterionKind
from thidua.scoring.models import Criterion, SelfScore
from thidua.voting import services as voting
from thidua.voting.models import CastBallot, VotingCode
from thidua.voting.services.casting import hash_code

FUZZED = {"requests": 0}
EXAMPLES = 40

fuzzing = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

junk_text = st.text(max_size=40)
numbers_as_text = st.one_of(
    st.integers(-(10**25), 10**25).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.sampled_from(["", " ", "7,5", "1e9", "0x10", "١٢", "NaN", "--1", "2²", "10.000,5"]),
)


@contextlib.contextmanager
def undone():
    """The example's writes are rolled back, so every example meets the same world."""
    with contextlib.suppress(Rollback), transaction.atomic():
        yield
        raise Rollback


def post(client, url, data, **extra):
    FUZZED["requests"] += 1
    response = client.post(url, data, **extra)
    assert response.status_code < 500, response.content[:500]
    return response


# Registration ---------------------------------------------------------------------------------------------------
def _registration_state(registration):
    registration = Registration.objects.get(pk=registration.pk)
    targets = sorted(registration.targets.values_list("award_form_id", "count"))
    forms = sorted(registration.collective_forms.values_list("pk", flat=True))
    return registration.version, registration.state, registration.commitments, forms, targets


def test_registration_form(world_files, db):
    world = world_files
    registration = world.objects["reg_a_draft"]
    client = world.clients["officer_a"]
    url = reverse("emulation:registration_edit", args=[registration.pk])
    collective = [f.pk for f in emulation_selectors.registrable_collective_forms()]
    individual = [f.pk for f in emulation_selectors.registrable_individual_forms()]
    form_ids = st.one_of(st.sampled_from(collective + individual).map(str), numbers_as_text, junk_text)

    @fuzzing
    @given(
        version=st.one_of(st.just("1"), numbers_as_text, junk_text),
        forms=st.lists(form_ids, max_size=4),
        targets=st.dictionaries(st.sampled_from(individual), st.one_of(numbers_as_text, junk_text), max_size=3),
        commitments=st.text(max_size=200),
        send=st.booleans(),
    )
    def fuzz(version, forms, targets, commitments, send):
        data = {"version": version, "collective_forms": forms, "commitments": commitments}
        data |= {f"target_{pk}": value for pk, value in targets.items()}
        if send:
            data["send"] = "1"
        with undone():
            before = _registration_state(registration)
            response = post(client, url, data)
            after = _registration_state(registration)
            if response.status_code != 302:  # the form came back: refused
                assert after == before
            else:
                assert after[0] == before[0] + 1
                assert after[2] == commitments.strip()
                assert set(after[3]) <= set(collective)
                assert all(0 <= count <= 100000 for _pk, count in after[4])

    fuzz()


# Self-assessment score entry ----------------------------------------------------------------------------------
def _score_state(assessment, criterion):
    row = SelfScore.objects.filter(assessment=assessment, criterion=criterion).first()
    return None if row is None else (row.version, row.value, row.explanation)


def _plain_number(text):
    try:
        value = Decimal(text.strip().replace(",", ".", 1) if text.count(",") == 1 and "." not in text else text)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def test_self_assessment_score_entry(world_files, db):
    world = world_files
    assessment = world.objects["assessment_a_draft"]
    criterion = Criterion.objects.filter(table=world.objects["table2024"], kind=CriterionKind.POINTS).order_by(
        "position"
    )[0]
    client = world.clients["officer_a"]
    url = reverse("scoring:self_score_save", args=[assessment.pk, criterion.pk])

    @fuzzing
    @given(
        value=st.one_of(numbers_as_text, junk_text, st.integers(0, int(criterion.max_points)).map(str)),
        note=st.text(max_size=200),
        version=st.one_of(st.just("0"), numbers_as_text, junk_text),
    )
    def fuzz(value, note, version):
        with undone():
            before = _score_state(assessment, criterion)
            post(client, url, {"value": value, "note": note, "version": version})
            after = _score_state(assessment, criterion)
            number = _plain_number(value)
            if number is None or number < 0 or number > criterion.max_points:
                assert after == before  # not a number, or out of the criterion's range: refused
            if after != before:
                assert after[0] == (before[0] if before else 0) + 1
                assert Decimal(0) <= after[1] <= criterion.max_points

    fuzz()


# Ballot casting with a slip's code ----------------------------------------------------------------------------
def test_ballot_casting_by_code(world_files, db):
    world = world_files
    ballot = world.objects["ballot_open"]
    board = world.users["board"]
    own = [str(pk) for pk in ballot.candidates.values_list("pk", flat=True)]
    foreign = [str(pk) for pk in world.objects["ballot_closed"].candidates.values_list("pk", flat=True)[:3]]
    choice = st.one_of(st.sampled_from(own), st.sampled_from(foreign), numbers_as_text, junk_text)

    @fuzzing
    @given(choices=st.lists(choice, max_size=4))
    def fuzz(choices):
        with undone():
            code = voting.issue_codes(ballot, actor=board, named=True)[0].code
            voter = VotingCode.objects.get(ballot=ballot, code_hash=hash_code(code)).voter
            before = CastBallot.objects.filter(filled=True, ballot=ballot).count()
            data = {"code": code, "step": "vote", "choices": choices}
            response = post(Client(), reverse("voting:code_entry"), data)
            stored = CastBallot.objects.filter(filled=True, ballot=ballot).count() - before
            voter.refresh_from_db()
            assert (stored, voter.has_voted) in {(0, False), (1, True)}  # one row with its mark, or nothing
            plainly_valid = set(choices) <= set(own) and len(choices) == len(set(choices)) <= ballot.max_choices
            if plainly_valid:
                assert (response.status_code, stored) == (200, 1)
            if not set(choices) <= set(own) or len(set(choices)) > ballot.max_choices:
                assert stored == 0

    fuzz()


# Award register import: one to three rows --------------------------------------------------------------------
cell = st.one_of(
    st.none(),
    junk_text,
    st.integers(-(10**12), 10**12),
    st.dates(),
    st.sampled_from(["co-thi-dua-tinh", "lao-dong-tien-tien", "qb-lethuy", "qb-donghoi", "2023", "31/12/2023"]),
)


def _workbook(rows):
    book = Workbook()
    sheet = book.active
    sheet.append([header for _key, header, _required in COLUMNS])
    for row in rows:
        sheet.append([_clean_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "so-khen-thuong.xlsx"
    return buffer


def _clean_cell(value):
    # openpyxl refuses control characters in cells; the fuzzing is about what the importer makes of the rest.
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value) if isinstance(value, str) else value


# The import's dry run and write are background jobs: here they run at once, inside the request.
@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
def test_award_import_rows(world_files, db):
    world = world_files
    client = world.clients["board"]

    @settings(fuzzing, max_examples=EXAMPLES // 2)
    @given(rows=st.lists(st.lists(cell, min_size=len(COLUMNS), max_size=len(COLUMNS)), min_size=1, max_size=3))
    def fuzz(rows):
        with undone():
            records = AwardRecord.objects.count()
            batches = set(ImportBatch.objects.values_list("pk", flat=True))
            post(client, reverse("awards:import_start"), {"file": _workbook(rows)})
            new = ImportBatch.objects.exclude(pk__in=batches)
            assert AwardRecord.objects.count() == records  # the check writes no award record
            assert len(new) <= 1
            for batch in new:
                checked = batch.state == "checked"
                post(client, reverse("awards:import_commit", args=[batch.pk]), {})
                batch.refresh_from_db()
                written = AwardRecord.objects.count() - records
                if not checked or batch.state != "committed":
                    assert written == 0
                else:
                    assert written == batch.committed_count == len(rows)

    fuzz()


# Query strings on every page ----------------------------------------------------------------------------------
QUERY_NAMES = [
    "q", "page", "year", "nam", "province", "tinh", "cluster", "cluster_year", "unit", "person", "state", "level",
    "type", "form", "as_of", "action", "actor", "condition", "pham_vi", "loai", "ma", "show", "xuat", "predecessor",
]  # fmt: skip


def test_query_strings_on_every_page(world_files, db):
    world = world_files
    """The names the views read from the query string, with odd values, on every page, as the administrator."""
    pages = [case for case in PAGES if case.name not in {"accounts:logout", "set_language"}]
    client = world.clients["admin"]

    @settings(fuzzing, max_examples=3 * len(pages))
    @given(
        case=st.sampled_from(pages),
        query=st.dictionaries(st.sampled_from(QUERY_NAMES), st.one_of(numbers_as_text, junk_text), max_size=4),
    )
    def fuzz(case, query):
        with undone():
            FUZZED["requests"] += 1
            response = client.get(url_of(world, case), query)
            assert response.status_code < 500, (case.ident, query)
            assert answer(response) is not None

    fuzz()


@pytest.fixture(scope="module", autouse=True)
def _report_requests(request):
    yield
    if FUZZED["requests"]:
        plugins = request.config.pluginmanager
        reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"hypothesis: {FUZZED['requests']} fuzzed form and query-string requests")
