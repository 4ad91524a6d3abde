from django.contrib import admin

from .models import DeadlineNotice, EmailDelivery, Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at")
    list_select_related = ("recipient",)
    list_per_page = 50
    list_filter = ("kind",)
    search_fields = ("title", "recipient__username")
    raw_id_fields = ("recipient", "actor", "item", "issue")


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    list_display = ("notification", "address", "mode", "attempts", "sent_at", "last_error")
    list_select_related = ("notification",)
    list_per_page = 50
    list_filter = ("mode",)
    raw_id_fields = ("notification",)


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "mode")
    list_select_related = ("user",)
    list_per_page = 50
    list_filter = ("kind", "mode")


@admin.register(DeadlineNotice)
class DeadlineNoticeAdmin(admin.ModelAdmin):
    list_display = ("issue", "stage", "deadline", "sent_at")
    list_select_related = ("issue__publication",)
    list_per_page = 50
