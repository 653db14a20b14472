import pytest
from django.urls import reverse

from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.models import ApiToken
from thidua.core.models import ActivityLogEntry
from thidua.core.services import log_action
from thidua.organizations.enums import Role
from thidua.organizations.models import RoleAssignment

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:core_activitylogentry_changelist",
    "admin:core_notification_changelist",
    "admin:core_storedfile_changelist",
    "admin:organizations_province_changelist",
    "admin:organizations_unit_changelist",
    "admin:organizations_lineageevent_changelist",
    "admin:organizations_cluster_changelist",
    "admin:organizations_clusteryear_changelist",
    "admin:organizations_person_changelist",
    "admin:organizations_roleassignment_changelist",
    "admin:accounts_user_changelist",
    "admin:accounts_apitoken_changelist",
]


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMIN, is_staff=True)


@pytest.mark.parametrize("name", CHANGELISTS)
def test_administrator_opens_every_foundation_admin_page(login, administrator, name):
    UnitFactory()
    assert login(administrator).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["admin:index", *CHANGELISTS[:3]])
def test_admin_is_closed_to_everyone_else(make_user, login, name):
    province = ProvinceFactory()
    for user in (
        make_user(Role.BOARD_OFFICER, province, is_staff=True),  # staff flag alone is not enough
        make_user(Role.ADMIN),  # administrator role without the staff flag
        make_user(Role.UNIT_OFFICER, UnitFactory(province=province)),
    ):
        response = login(user).get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_superuser_may_use_the_admin(login, make_user):
    assert login(make_user(is_staff=True, is_superuser=True)).get(reverse("admin:index")).status_code == 200


def test_activity_log_is_read_only_in_the_admin(login, administrator):
    entry = log_action(administrator, "unit.renamed", UnitFactory())
    client = login(administrator)
    change_url = reverse("admin:core_activitylogentry_change", args=[entry.pk])
    page = client.get(change_url).content.decode()
    assert 'name="_save"' not in page
    client.post(change_url, {"action": "khac"})
    entry.refresh_from_db()
    assert entry.action == "unit.renamed"
    assert client.get(reverse("admin:core_activitylogentry_add")).status_code == 403
    assert client.get(reverse("admin:core_activitylogentry_delete", args=[entry.pk])).status_code == 403


def test_giving_a_role_in_the_admin_is_logged(login, administrator):
    province = ProvinceFactory()
    target = UserFactory(username="bantdkt.moi")
    response = login(administrator).post(
        reverse("admin:organizations_roleassignment_add"),
        {"user": target.pk, "role": Role.BOARD_OFFICER, "province": province.pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=target)
    entry = ActivityLogEntry.objects.get(action="admin.roleassignment.created")
    assert (entry.actor, entry.object_id) == (administrator, str(assignment.pk))
    assert entry.new_values == {"user": target.pk, "role": "board_officer", "province": province.pk}


def test_creating_a_user_logs_without_the_password(login, administrator):
    response = login(administrator).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "canbo.moi",
            "full_name": "Cán Bộ Mới",
            "password1": "mat-khau-rat-dai-2026",
            "password2": "mat-khau-rat-dai-2026",
        },
    )
    assert response.status_code == 302
    entry = ActivityLogEntry.objects.get(action="admin.user.created")
    assert entry.new_values == {"username": "canbo.moi", "full_name": "Cán Bộ Mới"}
    assert "mat-khau" not in str(entry.old_values) + str(entry.new_values)


def test_unit_name_is_changed_only_through_the_rename_page(login, administrator):
    unit = UnitFactory(name="Cũ")
    page = login(administrator).get(reverse("admin:organizations_unit_change", args=[unit.pk])).content.decode()
    assert 'name="name"' not in page
    assert 'name="code"' in page


def test_revoking_tokens_from_the_admin(login, administrator):
    from django.utils import timezone

    token = ApiToken.objects.create(
        user=UserFactory(), key_hash="x" * 64, expires_at=timezone.now() + timezone.timedelta(hours=1)
    )
    login(administrator).post(
        reverse("admin:accounts_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ActivityLogEntry.objects.get().action == "api_token.revoked"
