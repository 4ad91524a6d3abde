from django.contrib.auth import views as auth_views
from django.urls import path

from .views import home, issues, items

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    # ---- items (contributors and the editor's inbox)
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    # ---- issues (composer, sign-off, publish, archive, PDFs)
    path("issues/<int:pk>/pdf/", issues.issue_pdf, name="issue_pdf"),
]
