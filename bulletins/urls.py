from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views import home, issues, items, media

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    # ---- items (contributors and the editor's inbox)
    path("items/", items.item_list, name="item_list"),
    path("items/new/", items.item_create, name="item_create"),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:pk>/import/", items.item_import, name="item_import"),
    path("items/<int:pk>/action/", items.item_action, name="item_action"),
    path("items/<int:pk>/review/", items.item_review, name="item_review"),
    path("inbox/", items.inbox, name="inbox"),
    path("inbox/accept/", items.inbox_bulk_accept, name="inbox_bulk_accept"),
    path("media/<path:path>", media.protected_media, name="protected_media"),
    # ---- issues (composer, sign-off, publish, archive, PDFs)
    path("issues/", issues.issue_list, name="issue_list"),
    path("issues/new/", issues.issue_create, name="issue_create"),
    path("issues/<int:pk>/compose/", issues.issue_compose, name="issue_compose"),
    path("issues/<int:pk>/action/", issues.issue_action, name="issue_action"),
    path("issues/<int:pk>/review/", issues.issue_review, name="issue_review"),
    path("issues/<int:pk>/read/", issues.issue_read, name="issue_read"),
    path("issues/<int:pk>/pdf/", issues.issue_pdf, name="issue_pdf"),
    path("issues/<int:pk>/render/", issues.render_job_create, name="render_job_create"),
    path("render-jobs/<int:pk>/", issues.render_job_status, name="render_job_status"),
    path("render-jobs/<int:pk>/pdf/", issues.render_job_download, name="render_job_download"),
    path("signoff/", issues.signoff_queue, name="signoff_queue"),
    path("archive/", issues.archive, name="archive"),
    # ---- 信息工作考核 (its own app)
    path("assessment/", include("bulletins.assessment.urls")),
]
