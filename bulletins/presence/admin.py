from django.contrib import admin, messages
from django.db import transaction

from . import sessions
from .models import LockBreak, SoftLock


@admin.register(SoftLock)
class SoftLockAdmin(admin.ModelAdmin):
    list_display = ("__str__", "holder", "taken_at", "requested_by")
    actions = ["break_locks"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a lock is broken by the action below, which logs it

    @admin.action(description="解除所选锁定（记入解除锁定记录）")
    def break_locks(self, request, queryset):
        with transaction.atomic():
            locks = list(queryset.select_for_update(of=("self",)).select_related("holder", "item", "issue"))
            for lock in locks:
                sessions.break_locked(lock, request.user)
        self.message_user(request, f"已解除 {len(locks)} 个锁定，并已记录。", messages.SUCCESS)


@admin.register(LockBreak)
class LockBreakAdmin(admin.ModelAdmin):
    list_display = ("item", "issue", "holder", "taken_at", "broken_by", "broken_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
