from django.urls import path

from . import views

urlpatterns = [
    path("drafts/autosave/", views.autosave, name="draft_autosave"),
    path("drafts/discard/", views.discard, name="draft_discard"),
]
