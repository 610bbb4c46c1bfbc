"""The "Editors" group: everything editors do in the admin, nothing about users or groups."""

from django.db import migrations

EDITOR_PERMISSIONS = {
    "outlet": ["add", "change", "view"],
    "story": ["add", "change", "delete", "view"],
    "article": ["add", "change", "view"],
    "revision": ["view"],
    "feed": ["add", "change", "delete", "view"],
    "groupingdecision": ["change", "view"],
}


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create ours now.
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("stories")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions
    ]
    permissions = Permission.objects.filter(
        content_type__app_label="stories", codename__in=codenames
    )
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
