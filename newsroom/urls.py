from django.contrib import admin
from django.urls import include, path

from bulletins.views.media import editor_image_upload

handler400 = "bulletins.views.errors.bad_request"
handler500 = "bulletins.views.errors.server_error"

admin.site.site_header = "上街区委信息编辑系统 · 管理后台"
admin.site.site_title = "信息编辑系统管理"
admin.site.index_title = "系统配置"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Our own upload view under the name the CKEditor widget reverses; the
    # package's view (any signed-in user, file kept as sent) is not mounted.
    path("ckeditor5/image_upload/", editor_image_upload, name="ck_editor_5_upload_file"),
    # Uploaded media are served by bulletins' protected_media view (MEDIA_URL
    # "/media/"), never as public static files, in development or production.
    path("search/", include("bulletins.search.urls")),
    path("notifications/", include("bulletins.notifications.urls")),
    path("presence/", include("bulletins.presence.urls")),
    path("", include("bulletins.accounts.urls")),
    path("", include("bulletins.drafts.urls")),
    path("", include("bulletins.urls")),
]
