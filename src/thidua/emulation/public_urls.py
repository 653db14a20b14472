"""The public honour board, mounted at /bang-vang/ (no login)."""

from django.urls import path

from thidua.emulation.views import public

app_name = "honour"
urlpatterns = [
    path("", public.honour_board, name="board"),
    path("xuat-excel/", public.honour_board_export, name="board_export"),
    path("<int:pk>/", public.honour_entry, name="entry_short"),
    path("<int:pk>/<slug:slug>/", public.honour_entry, name="entry"),
]
