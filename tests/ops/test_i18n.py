"""Vietnamese is the source language; English is the second, chosen with the language switch."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _unquote(line):
    return ast.literal_eval(line)


def translated_entries(po_path):
    """(msgid, msgstr) of every translated, non-fuzzy, singular entry of a .po file."""
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
            entries.append((fields["msgid"], fields["msgstr"]))
    return entries


@pytest.fixture
def officer(make_user, unit):
    from thidua.organizations.enums import Role

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
        stale = [msgid for msgid, msgstr in entries if translation.gettext(msgid) != msgstr]
    assert stale == [], "run `make messages` to recompile django.mo"
