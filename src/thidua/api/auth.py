from ninja import Router, Schema
from ninja.errors import HttpError

from thidua.accounts.services import LoginRefused, issue_api_token
from thidua.api.common import AUTH

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"  # noqa: S105 - the scheme name, not a secret
    expires_at: str


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[str]
    unit_ids: list[int]
    cluster_year_ids: list[int]
    province_ids: list[int]


@router.post("/token", response=TokenOut, auth=None, summary="Lấy token truy cập")
def obtain_token(request, payload: TokenIn):
    try:
        raw, token = issue_api_token(request, payload.username, payload.password)
    except LoginRefused as refusal:
        if str(refusal) == "demo_password":
            raise HttpError(403, "Mật khẩu demo không được dùng trên hệ thống thật.") from refusal
        raise HttpError(401, "Tên đăng nhập hoặc mật khẩu không đúng.") from refusal
    return {"token": raw, "expires_at": token.expires_at.isoformat()}


@router.get("/me", response=MeOut, auth=AUTH, summary="Người dùng hiện tại và phạm vi quyền")
def me(request):
    from thidua.organizations.scopes import scope_of

    scope = scope_of(request.user)
    return {
        "username": request.user.username,
        "full_name": request.user.full_name,
        "roles": sorted(str(r) for r in scope.roles),
        "unit_ids": sorted(scope.unit_ids),
        "cluster_year_ids": sorted(scope.secretariat_cluster_year_ids),
        "province_ids": sorted(scope.province_ids),
    }
