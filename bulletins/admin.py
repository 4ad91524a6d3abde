"""Django admin in Chinese: configuration for administrators, inspection for the desk.

State fields are read-only here: transitions go through the workflow, never an
admin form.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import (
    Issue,
    IssueDistribution,
    IssueEditor,
    Item,
    ItemImage,
    ItemKind,
    ItemRevision,
    Page,
    Publication,
    PublicationDistribution,
    PublicationEditor,
    RecipientGroup,
    RenderJob,
    Unit,
    WorkflowLog,
)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "category", "order", "active")
    list_per_page = 50
    list_filter = ("category", "active")
    list_editable = ("order", "active")
    search_fields = ("name", "short_name")
    filter_horizontal = ("members",)


@admin.register(ItemKind)
class ItemKindAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "active")
    list_per_page = 50
    list_editable = ("order", "active")


@admin.register(RecipientGroup)
class RecipientGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    list_per_page = 50
    list_editable = ("order",)
    search_fields = ("name",)


class PublicationEditorInline(admin.TabularInline):
    model = PublicationEditor
    extra = 0


class PublicationDistributionInline(admin.TabularInline):
    model = PublicationDistribution
    extra = 0


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "issuing_line", "page_size", "columns", "total_number_offset")
    list_per_page = 50
    list_filter = ("kind",)
    search_fields = ("name", "issuing_line")
    prepopulated_fields = {}
    inlines = [PublicationEditorInline, PublicationDistributionInline]


class IssueEditorInline(admin.TabularInline):
    model = IssueEditor
    extra = 0


class IssueDistributionInline(admin.TabularInline):
    model = IssueDistribution
    extra = 0


class PageInline(admin.TabularInline):
    model = Page
    extra = 0


class IssueItemInline(admin.TabularInline):
    model = Item
    fk_name = "issue"
    fields = ("title", "unit", "page", "position", "is_lead", "state")
    readonly_fields = ("title", "unit", "state")
    extra = 0
    can_delete = False
    show_change_link = True


class IssueLogInline(admin.TabularInline):
    model = WorkflowLog
    fk_name = "issue"
    fields = ("created_at", "action", "from_state", "to_state", "actor", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ("__str__", "total_number", "issue_date", "series_title", "state", "pdf_link")
    list_select_related = ("publication",)
    list_per_page = 50
    list_filter = ("publication", "state", "year")
    search_fields = ("series_title", "editor_note", "items__title")
    date_hierarchy = "issue_date"
    readonly_fields = ("state", "version", "pdf", "pdf_sha256", "published_at", "created_by", "created_at", "pdf_link")
    inlines = [IssueEditorInline, IssueDistributionInline, PageInline, IssueItemInline, IssueLogInline]

    @admin.display(description="PDF")
    def pdf_link(self, obj):
        if not obj.pk:
            return "-"
        return format_html('<a href="{}">下载PDF</a>', reverse("issue_pdf", args=[obj.pk]))

    def has_change_permission(self, request, obj=None):
        # A published issue is never silently edited.
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)


class ItemImageInline(admin.TabularInline):
    model = ItemImage
    extra = 0


class ItemRevisionInline(admin.TabularInline):
    model = ItemRevision
    fields = ("created_at", "reason", "author", "title")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ItemLogInline(IssueLogInline):
    fk_name = "item"


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "author", "state", "issue", "submitted_at")
    list_select_related = ("unit", "author", "issue__publication")
    list_per_page = 50
    list_filter = ("state", "unit__category", "unit", "issue__publication")
    search_fields = ("title", "body", "attribution", "unit__name")
    date_hierarchy = "created_at"
    readonly_fields = ("state", "version", "submitted_at", "created_at")
    raw_id_fields = ("issue", "page", "jump_to_page")
    inlines = [ItemImageInline, ItemRevisionInline, ItemLogInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.state == "published":
            return False
        return super().has_change_permission(request, obj)


@admin.register(WorkflowLog)
class WorkflowLogAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "item", "issue", "from_state", "to_state", "actor", "comment")
    list_select_related = ("item", "issue__publication", "actor")
    list_per_page = 50
    list_filter = ("action", "to_state")
    search_fields = ("item__title", "comment", "actor__username")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RenderJob)
class RenderJobAdmin(admin.ModelAdmin):
    list_display = ("issue", "state", "progress", "content_hash", "created_at")
    list_select_related = ("issue__publication",)
    list_per_page = 50
    list_filter = ("state",)
    readonly_fields = [f.name for f in RenderJob._meta.fields]

    def has_add_permission(self, request):
        return False


# Users: show and edit the units a user belongs to next to their roles.
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402


class UnitMembershipInline(admin.TabularInline):
    model = Unit.members.through
    extra = 0
    verbose_name = "所属单位"
    verbose_name_plural = "所属单位"


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [UnitMembershipInline]
    list_display = ("username", "last_name", "first_name", "roles", "is_active")
    list_per_page = 50
    list_filter = ("groups", "is_active", "units")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="角色")
    def roles(self, obj):
        return "、".join(g.name for g in obj.groups.all())
