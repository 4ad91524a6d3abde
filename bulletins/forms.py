"""Forms for items: writing, photos, workflow comments, the editor's inbox filters."""

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django_ckeditor_5.widgets import CKEditor5Widget

from . import roles
from .models import Item, ItemImage, ItemKind, ItemState, Unit
from .sanitize import body_problems, clean_text
from .uploads import clean_attachment, clean_image

NEWSPAPER_FIELDS = ("kicker", "subhead", "dateline", "byline", "byline_position", "column_label", "short_headline")


class ItemForm(forms.ModelForm):
    """Title, body, attribution and the original file; the unit when the writer has a choice."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Item
        fields = ("unit", "kind", "title", "attribution", "attribution_mode", "body", "original_file", *NEWSPAPER_FIELDS)
        widgets = {
            "body": CKEditor5Widget(config_name="default"),
            "title": forms.TextInput(attrs={"placeholder": "稿件标题", "autocomplete": "off"}),
            "attribution": forms.TextInput(attrs={"placeholder": "默认为单位简称"}),
            "attribution_mode": forms.Select,
        }
        labels = {"original_file": "原稿附件（.docx/.doc/.wps/.pdf/.txt）"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["body"].required = False  # an empty draft may be saved; submit needs a body
        self.fields["title"].error_messages["required"] = "请填写标题。"
        self.fields["unit"].error_messages.update(required="请选择来稿单位。", invalid_choice="请选择您所在的来稿单位。")
        units = Unit.objects.filter(active=True)
        if not roles.is_editor(user):
            units = units.filter(pk__in=roles.user_unit_ids(user))
        if self.instance.pk:
            units = units | Unit.objects.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units.distinct()
        self.fields["unit"].empty_label = None
        self.fields["unit"].widget.attrs["data-short-names"] = "|".join(
            f"{u.pk}={u.short_name}" for u in self.fields["unit"].queryset
        )
        kinds = ItemKind.objects.filter(active=True)
        if self.instance.kind_id:
            kinds = kinds | ItemKind.objects.filter(pk=self.instance.kind_id)
        self.fields["kind"].queryset = kinds.distinct()
        self.fields["kind"].empty_label = "（未分类）"
        self.fields["kind"].error_messages["invalid_choice"] = "请选择列表中的稿件类型。"
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.fields["original_file"].widget = forms.ClearableFileInput(
            attrs={"accept": ".docx,.doc,.wps,.pdf,.txt"}
        )

    def clean_title(self):
        title = clean_text(self.cleaned_data.get("title") or "")
        if not title:
            raise forms.ValidationError("请填写标题。")
        return title

    def clean_body(self):
        # Refused with the reason while the typed text stays on the form.
        body = self.cleaned_data.get("body") or ""
        problems = body_problems(body)
        if problems:
            raise forms.ValidationError(problems)
        return body

    def clean_original_file(self):
        upload = self.cleaned_data.get("original_file")
        # Only a fresh upload is checked; an existing file or "clear" (False) passes through.
        if upload and hasattr(upload, "content_type"):
            return clean_attachment(upload)
        return upload

    def content(self):
        """The cleaned fields as keyword arguments for actions.create_item / save_item."""
        data = {name: self.cleaned_data[name] for name in ("title", "body", "attribution", "attribution_mode", "kind", *NEWSPAPER_FIELDS)}
        if "original_file" in self.changed_data:
            data["original_file"] = self.cleaned_data["original_file"] or ""
        return data

    @property
    def newspaper_fields(self):
        return [self[name] for name in NEWSPAPER_FIELDS]


class ItemImageForm(forms.ModelForm):
    class Meta:
        model = ItemImage
        fields = ("image", "caption", "credit", "order")
        # A plain input: the row's thumbnail shows the current photo, and 删除这张 removes it.
        widgets = {"image": forms.FileInput(attrs={"accept": "image/jpeg,image/png"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].widget.attrs["min"] = 0

    def clean_order(self):
        return self.cleaned_data.get("order") or 0

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and hasattr(upload, "content_type"):
            return clean_image(upload)
        return upload


ItemImageFormSet = inlineformset_factory(
    Item, ItemImage, form=ItemImageForm, extra=2, can_delete=True, max_num=12, validate_max=True
)


class TransitionForm(forms.Form):
    action = forms.CharField()
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class InboxFilterForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.all(), required=False, empty_label="全部单位", label="来稿单位")
    state = forms.ChoiceField(
        choices=[("", "全部状态")] + list(ItemState.choices), required=False, label="状态", initial=ItemState.SUBMITTED
    )
    date_from = forms.DateField(required=False, label="报送日期从", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="至", widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(required=False, label="搜索", widget=forms.TextInput(attrs={"type": "search", "placeholder": "标题或正文"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "开始日期不能晚于结束日期。")
        return data

    def filter(self, items):
        data = self.cleaned_data
        if data.get("unit"):
            items = items.filter(unit=data["unit"])
        if data.get("state"):
            items = items.filter(state=data["state"])
        if data.get("date_from"):
            items = items.filter(submitted_at__date__gte=data["date_from"])
        if data.get("date_to"):
            items = items.filter(submitted_at__date__lte=data["date_to"])
        if data.get("q"):
            items = items.filter(Q(title__icontains=data["q"]) | Q(body__icontains=data["q"]))
        return items
