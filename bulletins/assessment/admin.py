"""The assessment's configuration in the admin: rules only for the 管理员.

Records (批示, 上报, 约稿) are kept on the desk's own pages; the admin lists
them for inspection. An issued 通报 is read-only.
"""

from django.contrib import admin

from bulletins import roles

from .models import (
    AdoptionRule,
    Adjustment,
    CategoryRule,
    Commission,
    CommissionAnswer,
    Forwarding,
    HigherPublication,
    Instruction,
    InstructionRule,
    Level,
    Report,
    RuleSet,
)


class AdministratorOnly:
    """Only the 管理员 may see or change these (on top of Django's model permissions)."""

    def _administrator(self, request):
        return roles.is_administrator(request.user)

    def has_module_permission(self, request):
        return self._administrator(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._administrator(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._administrator(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._administrator(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._administrator(request) and super().has_delete_permission(request, obj)


class AdoptionRuleInline(AdministratorOnly, admin.TabularInline):
    model = AdoptionRule
    extra = 0


class InstructionRuleInline(AdministratorOnly, admin.TabularInline):
    model = InstructionRule
    extra = 0


class CategoryRuleInline(AdministratorOnly, admin.TabularInline):
    model = CategoryRule
    extra = 0


@admin.register(RuleSet)
class RuleSetAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("year", "title", "district_level", "commission_missed", "monthly_cap")
    list_select_related = ("district_level",)
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ("year", "title", "district_level", "notes")}),
        ("约稿", {"fields": ("commission_answered", "commission_late", "commission_declined", "commission_missed")}),
        ("上限", {"fields": ("monthly_cap",)}),
    ]
    inlines = [AdoptionRuleInline, InstructionRuleInline, CategoryRuleInline]


@admin.register(Level)
class LevelAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("name", "rank")
    list_per_page = 50
    list_editable = ("rank",)


@admin.register(HigherPublication)
class HigherPublicationAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("name", "organ", "level", "order", "active")
    list_select_related = ("level",)
    list_per_page = 50
    list_editable = ("order", "active")


@admin.register(Instruction)
class InstructionAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("item", "leader_title", "leader_name", "level", "date", "feedback_state")
    list_select_related = ("item", "level")
    list_per_page = 50
    list_filter = ("level", "feedback_state")
    search_fields = ("leader_name", "leader_title", "text", "feedback_text", "item__title")
    raw_id_fields = ("item",)
    date_hierarchy = "date"


@admin.register(Forwarding)
class ForwardingAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("item", "target", "forwarded_on", "outcome", "adopted_by", "adopted_on")
    list_select_related = ("item", "target", "adopted_by")
    list_per_page = 50
    list_filter = ("target", "outcome")
    search_fields = ("item__title", "note")
    raw_id_fields = ("item",)


class CommissionAnswerInline(AdministratorOnly, admin.TabularInline):
    model = CommissionAnswer
    extra = 0
    raw_id_fields = ("item",)


@admin.register(Commission)
class CommissionAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("topic", "deadline", "targets", "issued_on")
    list_per_page = 50
    search_fields = ("topic", "requirements")
    filter_horizontal = ("target_units",)
    inlines = [CommissionAnswerInline]


@admin.register(Adjustment)
class AdjustmentAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("unit", "month", "points", "reason", "corrects", "created_at")
    list_select_related = ("unit", "corrects")
    list_per_page = 50
    list_filter = ("month", "unit")
    readonly_fields = ("corrects", "created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        # A correction recorded at issue time stays as it was.
        if obj is not None and obj.corrects_id:
            return False
        return super().has_change_permission(request, obj)


@admin.register(Report)
class ReportAdmin(AdministratorOnly, admin.ModelAdmin):
    """Issued 通报 are frozen: listed, never edited."""

    list_display = ("__str__", "number", "issued_at", "issued_by", "published_to_units")
    list_select_related = ("issued_by",)
    list_per_page = 50
    readonly_fields = ("month", "number", "summary", "pdf", "pdf_sha256", "issued_by", "issued_at")
    exclude = ("figures",)

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
