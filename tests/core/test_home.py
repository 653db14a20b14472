"""The home page as a to-do list: deadlines with days left or late, progress bars, and a plain "nothing waits"."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProvinceFactory, UnitFactory
from thidua.core.home import due
from thidua.organizations.enums import Role

TODAY = datetime.date(2026, 12, 1)


def test_a_deadline_counts_the_days_left_and_the_days_late():
    assert (due(datetime.date(2026, 12, 10), today=TODAY).days_left, due(TODAY, today=TODAY).overdue) == (9, False)
    late = due(datetime.date(2026, 11, 26), today=TODAY)
    assert (late.overdue, late.days_late) == (True, 5)
    finished = due(datetime.date(2026, 11, 26), done=True, today=TODAY)
    assert (finished.overdue, finished.days_late) == (False, 0)
    assert due(None) is None


def render(source, **context):
    return Template("{% load tasks %}" + source).render(Context(context))


def test_an_overdue_task_is_red_with_its_days_late(settings):
    yesterday = timezone.localdate() - datetime.timedelta(days=3)
    html = render("{% due_tag on %}", on=yesterday)
    assert f'<span class="due due-overdue">Quá hạn 3 ngày (hạn {yesterday:%d/%m/%Y})</span>' in html
    assert "due-overdue" not in render("{% due_tag on True %}", on=yesterday)
    soon = timezone.localdate() + datetime.timedelta(days=2)
    assert f"Hạn {soon:%d/%m/%Y} (còn 2 ngày)" in render("{% due_tag on %}", on=soon)


def test_progress_is_a_bar_with_its_figures():
    html = render('{% progress_bar 6 8 "Đã duyệt" %}')
    assert "Đã duyệt: <strong>6/8</strong>" in html
    assert '<progress max="8" value="6" aria-labelledby="progress-' in html
    assert "progress-complete" in render('{% progress_bar 8 8 "Đơn vị đã ký" %}')


@pytest.mark.django_db
def test_a_council_member_with_nothing_to_do_is_told_so(make_user, login):
    member = make_user(Role.COUNCIL_MEMBER, ProvinceFactory())
    page = login(member).get(reverse("core:home")).content.decode()
    assert '<h2 id="todo-title">Việc đang chờ bạn</h2>' in page
    assert '<p class="todo-empty" role="status">Không có việc nào đang chờ bạn.</p>' in page
    assert "todo-pending" not in page


@pytest.mark.django_db
def test_rows_that_load_later_leave_the_empty_note_to_the_browser(make_user, login):
    officer = make_user(Role.UNIT_OFFICER, UnitFactory())
    page = login(officer).get(reverse("core:home")).content.decode()
    # The emulation rows arrive by htmx: the note is drawn, and CSS hides it once a waiting row has arrived.
    assert '<section class="todo todo-pending"' in page
    assert 'class="task-loading"' in page
    assert "Không có việc nào đang chờ bạn." in page


@pytest.mark.django_db
def test_someone_without_a_role_gets_no_to_do_list(make_user, login):
    page = login(make_user()).get(reverse("core:home")).content.decode()
    assert "chưa được phân quyền" in page
    assert "Việc đang chờ bạn" not in page
