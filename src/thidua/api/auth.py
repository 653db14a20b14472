from ninja import Router, Schema
from ninja.errors import HttpError

from thidua.accounts.ratelimit import TOO_MANY, attempt_allowed
from thidua.accounts.services import LoginRefused, issue_api_token, revoke_api_token
from thidua.api.common import AUTH, BearerAuth
from thidua.organizations.scopes import scope_of

router = Router(tags=["auth"])

REFUSALS = {
    "invalid": (401, "Tên đăng nhập hoặc mật khẩu không đúng."),
    "locked": (429, "Tài khoản tạm khóa vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau ít phút."),
    "demo_password": (403, "Mật khẩu demo không được dùng trên hệ thống thật."),
    "must_change_password": (
        403,
        "Tài khoản đang dùng mật khẩu tạm: hãy đăng nhập trang web và đổi mật khẩu trước khi lấy token.",
    ),
}


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


class RevokedOut(Schema):
    revoked: bool


@router.post("/token", response=TokenOut, auth=None, summary="Lấy token truy cập")
def obtain_token(request, payload: TokenIn):
    if not attempt_allowed(request):
        raise HttpError(429, str(TOO_MANY))
    try:
        raw, token = issue_api_token(request, payload.username, payload.password)
    except LoginRefused as refusal:
        status, message = REFUSALS.get(str(refusal), REFUSALS["invalid"])
        raise HttpError(status, message) from refusal
    return {"token": raw, "expires_at": token.expires_at.isoformat()}


@router.post("/revoke", response=RevokedOut, auth=BearerAuth(), summary="Thu hồi token đang dùng")
def revoke_token(request):
    revoke_api_token(request.api_token, actor=request.user)
    return {"revoked": True}


@router.get("/me", response=MeOut, auth=AUTH, summary="Người dùng hiện tại và phạm vi quyền")
def me(request):
    scope = scope_of(request.user)
    return {
        "username": request.user.username,
        "full_name": request.user.full_name,
        "roles": sorted(str(r) for r in scope.roles),
        "unit_ids": sorted(scope.unit_ids),
        "cluster_year_ids": sorted(scope.secretariat_cluster_year_ids),
        "province_ids": sorted(scope.province_ids),
    }
