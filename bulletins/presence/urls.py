from django.urls import path

from . import views

urlpatterns = [
    path("ping/", views.ping, name="presence_ping"),
    path("leave/", views.leave, name="presence_leave"),
    path("lock/", views.lock, name="presence_lock"),
]
