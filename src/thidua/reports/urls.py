from django.urls import path

from thidua.reports import views, views_documents, views_imports

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("tinh/<int:pk>/", views.province_dashboard, name="province_dashboard"),
    path("cum/<int:pk>/", views.cluster_dashboard, name="cluster_dashboard"),
    path("don-vi/<int:pk>/", views.unit_dashboard, name="unit_dashboard"),
    path("tong-ket/cum/<int:pk>/", views_documents.cluster_summary, name="cluster_summary"),
    path("tong-ket/cum/<int:pk>/bao-cao.docx", views_documents.cluster_summary_docx, name="cluster_summary_docx"),
    path("tong-ket/tinh/<int:pk>/<int:year>/", views_documents.province_summary, name="province_summary"),
    path(
        "tong-ket/tinh/<int:pk>/<int:year>/bao-cao.docx",
        views_documents.province_summary_docx,
        name="province_summary_docx",
    ),
    path(
        "tong-ket/tinh/<int:pk>/<int:year>/tat-ca-cum/",
        views_documents.province_summaries_batch,
        name="province_summaries_batch",
    ),
    path("bieu-0602n/", views_documents.statistics_form, name="statistics_form"),
    path("xet-dieu-kien-hang-loat/", views_documents.screening_batch, name="screening_batch"),
    path("nhap-excel/", views_imports.import_start, name="import_start"),
    path("nhap-excel/mau/<str:kind>.xlsx", views_imports.import_template, name="import_template"),
    path("nhap-excel/ghi/<int:pk>/", views_imports.import_write, name="import_write"),
]
