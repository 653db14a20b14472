"""The JSON API at /api/v1/. Each domain adds its router in ROUTERS; all share the same auth and rules."""

import importlib

from ninja import NinjaAPI

from thidua.api.common import install_error_handlers

api = NinjaAPI(
    title="Thidua API",
    version="1",
    description="API của Thidua: đơn vị, cụm thi đua, đăng ký, chấm điểm, bỏ phiếu, khen thưởng.",
    urls_namespace="api",
)
install_error_handlers(api)

# (path prefix, module). A module missing its router yet is simply skipped.
ROUTERS = [
    ("/auth", "thidua.api.auth"),
    ("/", "thidua.api.accounts"),
    ("/", "thidua.api.organizations"),
    ("/", "thidua.api.people"),
    ("/", "thidua.api.registers"),
    ("/", "thidua.api.emulation"),
    ("/", "thidua.api.scoring"),
    ("/", "thidua.api.voting"),
    ("/", "thidua.api.awards"),
    ("/", "thidua.api.awards_money"),
    ("/", "thidua.api.awards_initiatives"),
    ("/", "thidua.api.proposals"),
    ("/", "thidua.api.proposals_central"),
    ("/", "thidua.api.reports"),
    ("/", "thidua.api.signatures"),
]

for prefix, module_name in ROUTERS:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as missing:
        if missing.name != module_name:
            raise
        continue
    api.add_router(prefix, module.router)
