import django.db.models.deletion
from django.db import migrations, models


DEFAULT_KINDS = ["动态", "经验做法", "问题建议", "调研", "简讯"]


def add_default_kinds(apps, schema_editor):
    ItemKind = apps.get_model("bulletins", "ItemKind")
    for order, name in enumerate(DEFAULT_KINDS):
        ItemKind.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):

    dependencies = [
        ('bulletins', '0005_item_attribution_mode'),
    ]

    operations = [
        migrations.CreateModel(
            name='ItemKind',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=20, unique=True, verbose_name='类型名称')),
                ('order', models.PositiveIntegerField(default=0, verbose_name='排序')),
                ('active', models.BooleanField(default=True, verbose_name='启用')),
            ],
            options={
                'verbose_name': '稿件类型',
                'verbose_name_plural': '稿件类型',
                'ordering': ['order', 'id'],
            },
        ),
        migrations.AddField(
            model_name='item',
            name='kind',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='items', to='bulletins.itemkind', verbose_name='稿件类型'),
        ),
        migrations.RunPython(add_default_kinds, migrations.RunPython.noop),
    ]
