"""The administrator sees who is locked out after failed logins and unlocks them."""

from django.contrib import admin, messages

from .models import LoginLockout


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):
    list_display = ("username_display", "ip_display", "failures_display", "attempt_time_display", "locked_display")
    search_fields = ("username", "ip_address")
    actions = ["unlock"]
    ordering = ("-attempt_time",)

    @admin.display(description="用户名", ordering="username")
    def username_display(self, obj):
        return obj.username

    @admin.display(description="IP 地址", ordering="ip_address")
    def ip_display(self, obj):
        return obj.ip_address

    @admin.display(description="连续失败次数", ordering="failures_since_start")
    def failures_display(self, obj):
        return obj.failures_since_start

    @admin.display(description="最近一次尝试", ordering="attempt_time")
    def attempt_time_display(self, obj):
        return obj.attempt_time

    @admin.display(description="已锁定", boolean=True)
    def locked_display(self, obj):
        return obj.is_locked

    @admin.action(description="解除锁定（清除所选的失败记录）")
    def unlock(self, request, queryset):
        names = sorted({obj.username or obj.ip_address for obj in queryset})
        count, _ = queryset.delete()
        messages.success(request, f"已解除 {'、'.join(names)} 的登录锁定（清除 {count} 条记录），可以立即重新登录。")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
