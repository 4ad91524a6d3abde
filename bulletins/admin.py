"""Django admin in Chinese: configuration for administrators, inspection for the desk.

State fields are read-only here: transitions go through the workflow, never an
admin form.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .audit import acting_as
from .models import (
    AuditEntry,
    Issue,
    IssueDistribution,
    IssueEditor,
    Item,
    ItemImage,
    ItemKind,
    ItemRevision,
    IssueRevision,
    Page,
    Publication,
    PublicationDistribution,
    PublicationEditor,
    RecipientGroup,
    RenderJob,
    SignOff,
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


class ReadOnlyInline(admin.TabularInline):
    """Printed content shown, never edited, in the admin."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class IssueEditorInline(ReadOnlyInline):
    model = IssueEditor


class IssueDistributionInline(ReadOnlyInline):
    model = IssueDistribution


class PageInline(ReadOnlyInline):
    model = Page


class IssueItemInline(ReadOnlyInline):
    model = Item
    fk_name = "issue"
    fields = ("title", "unit", "page", "position", "is_lead", "state")
    readonly_fields = fields
    show_change_link = True


class IssueLogInline(ReadOnlyInline):
    model = WorkflowLog
    fk_name = "issue"
    fields = ("created_at", "action", "from_state", "to_state", "actor", "comment")
    readonly_fields = fields


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

    # Workflow state, placement and printed content change only at the desk
    # (bulletins.workflow / bulletins.actions): here an issue is read, never edited.
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Issue._meta.fields] + ["pdf_link"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Only an issue that never entered the workflow may go (it has no log, no revision).
        if obj is not None and (obj.state != "drafting" or obj.logs.exists() or obj.revisions.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        for issue in queryset:  # one by one: the model refuses published issues
            issue.delete()


class ItemImageInline(ReadOnlyInline):
    model = ItemImage
    fields = ("image", "caption", "credit", "order")
    readonly_fields = fields


class ItemRevisionInline(ReadOnlyInline):
    model = ItemRevision
    fields = ("created_at", "reason", "author", "title")
    readonly_fields = fields


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

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Item._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Published or placed items, and items with a history, are never deleted here.
        if obj is not None and (obj.state == "published" or obj.issue_id or obj.logs.exists() or obj.revisions.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        for item in queryset:
            item.delete()


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

    def has_delete_permission(self, request, obj=None):
        return False  # append-only: the audit trail is never edited or deleted


class AppendOnlyAdmin(admin.ModelAdmin):
    """Records that are only ever appended: readable, never added, changed or deleted here."""

    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssueRevision)
class IssueRevisionAdmin(AppendOnlyAdmin):
    list_select_related = ("issue__publication", "actor")
    list_display = ("issue", "version", "reason", "fingerprint", "pdf_sha256", "actor", "created_at")
    list_filter = ("reason",)
    readonly_fields = [f.name for f in IssueRevision._meta.fields]


@admin.register(SignOff)
class SignOffAdmin(AppendOnlyAdmin):
    list_select_related = ("issue__publication", "editor")
    list_display = ("issue", "editor", "version", "fingerprint", "pdf_sha256", "created_at")
    readonly_fields = [f.name for f in SignOff._meta.fields]


@admin.register(AuditEntry)
class AuditEntryAdmin(AppendOnlyAdmin):
    list_select_related = ("actor", "target_user")
    list_display = ("created_at", "action", "actor", "target_user", "subject", "detail")
    list_filter = ("action",)
    search_fields = ("subject", "detail", "target_user__username")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]


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
from django.contrib.auth.admin import GroupAdmin  # noqa: E402
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.exceptions import PermissionDenied  # noqa: E402


class UnitMembershipInline(admin.TabularInline):
    model = Unit.members.through
    extra = 0
    verbose_name = "所属单位"
    verbose_name_plural = "所属单位"


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """Roles and their permissions: only a superuser (made with createsuperuser) changes them."""

    def _superuser_only(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_module_permission = has_view_permission = has_add_permission = _superuser_only
    has_change_permission = has_delete_permission = _superuser_only


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users and their roles. Duties stay apart: no one grants a role they do not
    hold themselves, nor any role to themselves; only a superuser makes superusers
    or edits permissions; every role change is recorded (AuditEntry)."""

    inlines = [UnitMembershipInline]
    list_display = ("username", "last_name", "first_name", "roles", "is_active")
    list_per_page = 50
    list_filter = ("groups", "is_active", "units")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="角色")
    def roles(self, obj):
        return "、".join(g.name for g in obj.groups.all())

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
            if obj is not None and obj.pk == request.user.pk:
                readonly += ["groups"]  # nobody grants themselves a role
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = request.user.groups.all()  # only the roles one holds
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        with acting_as(request.user):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not request.user.is_superuser and "groups" in form.cleaned_data:
            own = set(request.user.groups.values_list("pk", flat=True))
            # Roles the requester does not hold stay as they were.
            kept = [g for g in form.instance.groups.all() if g.pk not in own] if change else []
            form.cleaned_data["groups"] = list(form.cleaned_data["groups"]) + kept
        with acting_as(request.user):
            super().save_related(request, form, formsets, change)

    def user_change_password(self, request, id, form_url=""):
        target = self.get_object(request, id)
        if target is not None and not request.user.is_superuser:
            own = set(request.user.groups.values_list("name", flat=True))
            if target.is_superuser or not set(target.groups.values_list("name", flat=True)) <= own:
                raise PermissionDenied("不能为持有您没有的角色的用户设置密码。")
        return super().user_change_password(request, id, form_url)
