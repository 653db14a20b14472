"""Issue 14's deployment step: `migrate` alone brings an installation's catalogue and national rule sets up to this
edition of the legal data; no operator has to remember `ensure_award_rules`."""

from io import StringIO

from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal

from thidua.awards.models import AwardForm, RuleSet
from thidua.awards.upkeep import ensure_award_rules


def _migrate():
    out = StringIO()
    call_command("migrate", verbosity=1, interactive=False, stdout=out)
    return out.getvalue()


def test_migrate_corrects_an_installation_of_an_older_edition(db):
    ensure_award_rules()
    RuleSet.objects.filter(code="quoc-gia-2024-nd98").update(note="Bản cũ")
    output = _migrate()
    assert "ensure_award_rules: Danh mục: thêm 0 dòng; bộ quy định: thêm 0, sửa theo đối chiếu pháp lý 1." in output
    current = RuleSet.objects.get(code="quoc-gia-2024-nd98", is_current=True)
    assert (current.version, "Bản cũ" in current.note) == (2, False)
    # idempotent: a second migrate changes nothing and says nothing
    assert "ensure_award_rules" not in _migrate()
    assert RuleSet.objects.filter(code="quoc-gia-2024-nd98").count() == 2


def test_migrate_leaves_an_empty_database_to_setup_province(db):
    assert "ensure_award_rules" not in _migrate()
    assert (AwardForm.objects.count(), RuleSet.objects.count()) == (0, 0)


def test_flush_does_not_run_it(db):
    ensure_award_rules()
    RuleSet.objects.filter(code="quoc-gia-2024-nd98").update(note="Bản cũ")
    # flush sends post_migrate without a plan (the tests' teardown flushes): nothing is written then
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert RuleSet.objects.filter(code="quoc-gia-2024-nd98").count() == 1
