"""Vietnamese is the source language; English is the second, chosen with the language switch."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from tests.emulation.factories import PhaseFactory
from tests.factories import cluster_year_with_members
from tests.proposals.factories import ProposalFactory, ProposalItemFactory
from tests.scoring.factories import make_table
from tests.voting.factories import MeetingFactory

from thidua.awards.catalogue import ensure_catalogue
from thidua.awards.models import AwardForm
from thidua.emulation.enums import PhaseKind
from thidua.organizations.enums import Role
from thidua.voting.enums import MeetingKind

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _unquote(line):
    return ast.literal_eval(line)


def translated_entries(po_path):
    """(msgctxt or None, msgid, msgstr) of every translated, non-fuzzy, singular entry of a .po file."""
    entries = []
    for block in po_path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.splitlines()
        if any(line.startswith(("#, fuzzy", "#~")) for line in lines):
            continue
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"') and current:
                fields[current] += _unquote(line)
            else:
                key, _, rest = line.partition(" ")
                current = key
                fields[key] = _unquote(rest)
        if fields.get("msgid") and fields.get("msgstr") and "msgid_plural" not in fields:
            entries.append((fields.get("msgctxt"), fields["msgid"], fields["msgstr"]))
    return entries


@pytest.fixture(autouse=True)
def _vietnamese_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)  # a request in English leaves English active in this thread


@pytest.fixture
def officer(make_user, unit):
    return make_user(Role.UNIT_OFFICER, unit, full_name="Lê Thị Thủy")


def test_pages_are_vietnamese_by_default_even_for_an_english_browser(client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
    assert "Tên đăng nhập" in page


def test_language_switch_shows_the_home_page_in_english(login, officer):
    client = login(officer)
    answer = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert answer.status_code == 302
    page = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en">' in page
    assert "Hello, Lê Thị Thủy" in page
    assert "Log out" in page
    assert "Unit emulation officer" in page


def test_switching_back_to_vietnamese(login, officer):
    client = login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    page = client.get(reverse("core:home")).content.decode()
    assert "Xin chào, Lê Thị Thủy" in page
    assert "Đăng xuất" in page


def test_compiled_catalogue_matches_the_po_file():
    # django.mo is committed so that a machine without gettext shows English: it must not lag behind django.po.
    entries = translated_entries(PO_FILE)
    assert len(entries) > 200
    with translation.override("en"):
        stale = [
            msgid
            for context, msgid, msgstr in entries
            if (translation.pgettext(context, msgid) if context else translation.gettext(msgid)) != msgstr
        ]
    assert stale == [], "run `make messages` to recompile django.mo"


@pytest.fixture
def english_world(db, make_user):
    """A 2024 cluster year of three members with a registration phase, a criteria table and a conference."""
    ensure_catalogue()
    cy, units = cluster_year_with_members(3)
    PhaseFactory(cluster_year=cy, kind=PhaseKind.REGISTRATION)
    make_table(cy)
    meeting = MeetingFactory(kind=MeetingKind.CONFERENCE, cluster_year=cy, province=cy.cluster.province)
    proposal = ProposalFactory(cluster_year=cy)
    flag = AwardForm.objects.get(code="co-thi-dua-tinh")
    ProposalItemFactory(proposal=proposal, unit=units[0], award_form=flag)
    return {
        "cy": cy,
        "meeting": meeting,
        "proposal": proposal,
        "secretary": make_user(Role.CLUSTER_SECRETARIAT, cy, full_name="Mai Thị Thanh"),
        "board": make_user(Role.BOARD_OFFICER, cy.cluster.province, full_name="Nguyễn Thị Bích"),
    }


def english_page(login, user, url):
    client = login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Log out" in page
    assert "Đăng xuất" not in page
    return page


# (role in english_world, url name, argument in english_world or None, words an English reader sees)
ENGLISH_PAGES = [
    ("board", "organizations:unit_list", None, ["<h1>Units</h1>", "Find a unit"]),
    ("board", "organizations:search", None, ["Search units and people"]),
    ("secretary", "organizations:cluster_detail", "cluster", ["Members over the years", "Cluster leader"]),
    ("secretary", "emulation:year_detail", "cy", ["Emulation year 2024", "Phases", "Members' registrations"]),
    ("secretary", "emulation:registration_board", "cy", ["Emulation registrations 2024", "Not started"]),
    ("secretary", "emulation:movement_list", None, ["<h1>Emulation movements</h1>", "Find a movement"]),
    ("secretary", "honour:board", None, ["Emulation honour board", "All clusters and blocks"]),
    ("secretary", "scoring:index", None, ["<h1>Emulation scoring</h1>"]),
    ("secretary", "scoring:year", "cy", ["Emulation scoring 2024", "Criteria table", "Review assignments"]),
    ("secretary", "scoring:table", "cy", ["Total standard points", "Tie-break"]),
    (
        "secretary",
        "scoring:ranking",
        "cy",
        ["Emulation ranking results 2024", "No self-assessment has been submitted yet."],
    ),
    ("secretary", "voting:meeting_list", None, ["Conferences and meetings", "Create the year-end conference"]),
    ("secretary", "voting:meeting_detail", "meeting", ["Voting agenda", "Delegates", "Add ballot"]),
    ("board", "awards:catalogue", None, ["Catalogue of titles and forms of commendation", "Bonus factor"]),
    ("board", "awards:rule_set_list", None, ["<h1>Commendation rules</h1>"]),
    ("board", "awards:register", None, ["<h1>Commendation register</h1>", "Export to Excel"]),
    ("board", "awards:screening", None, ["Commendation eligibility check"]),
    ("board", "proposals:list", None, ["Create a new submission", "Under review by the board"]),
    (
        "secretary",
        "proposals:detail",
        "proposal",
        ["(Emulation cluster or block)", "Conditions according to the register", "Not yet reviewed"],
    ),
    ("board", "proposals:priority_statistics", None, ["Among proposals", "Among commendations"]),
    ("board", "reports:index", None, ["Province overview", "Reports, forms and data"]),
    ("board", "reports:cluster_dashboard", "cluster", ["Commendations by level in 2024", "<th>Recipient</th>"]),
    ("board", "reports:cluster_summary", "cy", ["I. RESULTS OF EMULATION AND COMMENDATION WORK IN 2024"]),
    ("board", "reports:statistics_form", None, ["Number of State-level commendations", "Indicator"]),
    ("board", "reports:import_start", None, ["Upload and check", "Template: Individuals"]),
]


@pytest.mark.parametrize(("role", "name", "arg", "words"), ENGLISH_PAGES, ids=[p[1] for p in ENGLISH_PAGES])
def test_pages_of_each_app_show_english_headings(english_world, login, role, name, arg, words):
    args = {key: english_world[key] for key in ("cy", "meeting", "proposal")}
    args["cluster"] = english_world["cy"].cluster
    url = reverse(name, args=[args[arg].pk] if arg else [])
    page = english_page(login, english_world[role], url)
    for word in words:
        assert word in page, (url, word)


def untranslated_entries(po_path, *, skip_apps=()):
    """msgids that are empty or fuzzy in a .po file, leaving out those used only by the apps in skip_apps."""
    found = []
    for block in po_path.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = block.splitlines()
        if any(line.startswith("#~") for line in lines):
            continue
        refs = " ".join(line[3:] for line in lines if line.startswith("#:")).split()
        if refs and all(ref.removeprefix("templates/").split("/")[0] in skip_apps for ref in refs):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        empty = lines[-1] in ('msgstr ""', 'msgstr[1] ""') or 'msgstr[0] ""' in lines
        if fuzzy or empty:
            found.append(next(line for line in lines if line.startswith("msgid")))
    return found


def test_every_string_is_translated():
    assert untranslated_entries(PO_FILE) == []
