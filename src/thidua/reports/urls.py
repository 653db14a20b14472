from django.urls import path

from thidua.reports.views import dashboards, documents, imports

app_name = "reports"
urlpatterns = [
    path("", dashboards.index, name="index"),
    path("tinh/<int:pk>/", dashboards.province_dashboard, name="province_dashboard"),
    path("cum/<int:pk>/", dashboards.cluster_dashboard, name="cluster_dashboard"),
    path("don-vi/<int:pk>/", dashboards.unit_dashboard, name="unit_dashboard"),
    path("tong-ket/cum/<int:pk>/", documents.cluster_summary, name="cluster_summary"),
    path("tong-ket/cum/<int:pk>/bao-cao.docx", documents.cluster_summary_docx, name="cluster_summary_docx"),
    path("tong-ket/tinh/<int:pk>/<int:year>/", documents.province_summary, name="province_summary"),
    path(
        "tong-ket/tinh/<int:pk>/<int:year>/bao-cao.docx",
        documents.province_summary_docx,
        name="province_summary_docx",
    ),
    path(
        "tong-ket/tinh/<int:pk>/<int:year>/tat-ca-cum/",
        documents.province_summaries_batch,
        name="province_summaries_batch",
    ),
    path("bieu-0602n/", documents.statistics_form, name="statistics_form"),
    path("xet-dieu-kien-hang-loat/", documents.screening_batch, name="screening_batch"),
    path("nhap-excel/", imports.import_start, name="import_start"),
    path("nhap-excel/mau/<str:kind>.xlsx", imports.import_template, name="import_template"),
    path("nhap-excel/ghi/<int:pk>/", imports.import_write, name="import_write"),
]
