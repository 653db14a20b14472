from django.urls import path

from thidua.core import signature_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/xuat-excel/", views.notifications_export, name="notifications_export"),
    path("thong-bao/da-doc/", views.notifications_mark_read, name="notifications_mark_read"),
    path("thong-bao/<int:pk>/", views.notification_open, name="notification_open"),
    path("nhat-ky/", views.activity_log, name="activity_log"),
    path("nhat-ky/xuat-excel/", views.activity_log_export, name="activity_log_export"),
    path("tep/<uuid:uuid>/", views.serve_file, name="file"),
    path("viec-chay-nen/", views.job_list, name="job_list"),
    path("viec-chay-nen/xuat-excel/", views.job_list_export, name="job_list_export"),
    path("viec-chay-nen/<int:pk>/", views.job_detail, name="job_detail"),
    path("viec-chay-nen/<int:pk>/tien-do/", views.job_progress, name="job_progress"),
    path("viec-chay-nen/<int:pk>/chay-lai/", views.job_rerun, name="job_rerun"),
    path("viec-chay-nen/<int:pk>/ghi/", views.import_write, name="import_write"),
    path("xac-minh-chu-ky/", signature_views.verify_signature, name="verify_signature"),
]
