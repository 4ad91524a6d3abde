"""Forms for the assessment's records."""

from django import forms

from bulletins.models import Unit

from .models import Commission, Forwarding, HigherPublication, Instruction, Level

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InstructionForm(forms.ModelForm):
    class Meta:
        model = Instruction
        fields = ("leader_name", "leader_title", "level", "date", "text", "feedback_due")
        widgets = {"date": DATE, "feedback_due": DATE, "text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"feedback_due": "需要来稿单位反馈落实情况时填写"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = Level.objects.all()
        self.fields["level"].empty_label = None
        for name in ("leader_name", "leader_title", "date", "text"):
            self.fields[name].error_messages["required"] = f"请填写{self.fields[name].label}。"
        self.fields["date"].error_messages["invalid"] = "请填写正确的日期。"


class FeedbackForm(forms.Form):
    text = forms.CharField(label="落实情况", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "请填写落实情况。"})


class ForwardingForm(forms.ModelForm):
    class Meta:
        model = Forwarding
        fields = ("target", "forwarded_on", "note")
        widgets = {"forwarded_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = HigherPublication.objects.filter(active=True)
        self.fields["target"].empty_label = None
        self.fields["target"].error_messages["required"] = "请选择报送刊物（管理员可在系统配置中添加上级刊物）。"
        self.fields["forwarded_on"].error_messages.update(required="请填写上报日期。", invalid="请填写正确的日期。")


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="结果", choices=Forwarding.Outcome.choices)
    adopted_by = forms.ModelChoiceField(label="采用刊物", queryset=HigherPublication.objects.all(), required=False,
                                        empty_label="（与报送刊物相同）")
    adopted_issue = forms.CharField(label="采用期号", max_length=50, required=False)
    adopted_on = forms.DateField(label="采用日期", required=False, widget=DATE,
                                 error_messages={"invalid": "请填写正确的日期。"})


class CommissionForm(forms.ModelForm):
    class Meta:
        model = Commission
        fields = ("topic", "requirements", "deadline", "issued_on", "targets", "target_category", "target_units")
        widgets = {"deadline": DATE, "issued_on": DATE, "requirements": forms.Textarea(attrs={"rows": 4}),
                   "target_units": forms.CheckboxSelectMultiple, "targets": forms.RadioSelect}
        help_texts = {"requirements": "每段一条要求"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_units"].queryset = Unit.objects.filter(active=True)
        self.fields["topic"].error_messages["required"] = "请填写约稿主题。"
        self.fields["deadline"].error_messages.update(required="请填写截止日期。", invalid="请填写正确的日期。")
        self.fields["issued_on"].error_messages["invalid"] = "请填写正确的日期。"

    def clean(self):
        data = super().clean()
        targets = data.get("targets")
        if targets == Commission.Targets.CATEGORY and not data.get("target_category"):
            self.add_error("target_category", "请选择单位类别。")
        if targets == Commission.Targets.LIST and not data.get("target_units"):
            self.add_error("target_units", "请选择约稿单位。")
        if data.get("deadline") and data.get("issued_on") and data["deadline"] < data["issued_on"]:
            self.add_error("deadline", "截止日期不能早于发出日期。")
        return data
