from django import forms

from .. import roles
from ..models import Role
from .models import KINDS_BY_ROLE, Mode, Preference, default_mode


ROLE_TESTS = {
    Role.CONTRIBUTOR: roles.is_contributor,
    Role.EDITOR: roles.is_editor,
    Role.RESPONSIBLE_EDITOR: roles.is_responsible_editor,
}


def kinds_for(user):
    kinds = []
    for role, role_kinds in KINDS_BY_ROLE.items():
        if ROLE_TESTS[role](user):
            kinds += [k for k in role_kinds if k not in kinds]
    return kinds


class PreferenceForm(forms.Form):
    """One choice per kind of notification this user can receive."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.kinds = kinds_for(user)
        chosen = dict(Preference.objects.filter(user=user).values_list("kind", "mode"))
        for kind in self.kinds:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Mode.choices, initial=chosen.get(kind.value, default_mode(kind)),
                widget=forms.RadioSelect, error_messages={"invalid_choice": "请选择一种接收方式。", "required": "请选择一种接收方式。"},
            )

    def rows(self):
        return [(kind, self[kind.value], default_mode(kind)) for kind in self.kinds]
