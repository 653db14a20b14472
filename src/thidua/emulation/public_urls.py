"""The public honour board, mounted at /bang-vang/ (no login)."""

from django.urls import path

from thidua.emulation.views import public

app_name = "honour"
urlpatterns = [
    path("", public.honour_board, name="board"),
    path("<int:pk>/", public.honour_entry, name="entry_short"),
    path("<int:pk>/<slug:slug>/", public.honour_entry, name="entry"),
]
