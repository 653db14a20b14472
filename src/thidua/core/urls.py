from django.urls import path

from thidua.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/da-doc/", views.notifications_mark_read, name="notifications_mark_read"),
    path("thong-bao/<int:pk>/", views.notification_open, name="notification_open"),
    path("nhat-ky/", views.activity_log, name="activity_log"),
    path("tep/<uuid:uuid>/", views.serve_file, name="file"),
]
