from . import roles as roles_module


def roles(request):
    user = request.user
    return {
        "is_contributor": roles_module.is_contributor(user),
        "is_editor": roles_module.is_editor(user),
        "is_responsible_editor": roles_module.is_responsible_editor(user),
        "is_administrator": roles_module.is_administrator(user),
    }
