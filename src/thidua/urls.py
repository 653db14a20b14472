from django.contrib import admin
from django.urls import include, path

from thidua.api.api import api

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("", include("thidua.organizations.urls")),
    path("thi-dua/", include("thidua.emulation.urls")),
    path("bang-vang/", include("thidua.emulation.public_urls")),
    path("cham-diem/", include("thidua.scoring.urls")),
    path("bo-phieu/", include("thidua.voting.urls")),
    path("khen-thuong/", include("thidua.awards.urls")),
    path("so-van-ban-di/", include("thidua.registers.urls")),
    path("de-nghi/", include("thidua.proposals.urls")),
    path("bao-cao/", include("thidua.reports.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]
