
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('bulletins', '0006_item_kind'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HigherPublication',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='如：郑州信息', max_length=50, unique=True, verbose_name='刊物名称')),
                ('organ', models.CharField(blank=True, help_text='如：中共郑州市委办公室', max_length=100, verbose_name='主办单位')),
                ('order', models.PositiveIntegerField(default=0, verbose_name='排序')),
                ('active', models.BooleanField(default=True, verbose_name='启用')),
            ],
            options={
                'verbose_name': '上级刊物',
                'verbose_name_plural': '上级刊物',
                'ordering': ['order', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Level',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=20, unique=True, verbose_name='级别')),
                ('rank', models.PositiveSmallIntegerField(default=0, help_text='数字越大级别越高', verbose_name='层级')),
            ],
            options={
                'verbose_name': '级别',
                'verbose_name_plural': '级别',
                'ordering': ['rank', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Commission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('topic', models.CharField(max_length=200, verbose_name='约稿主题')),
                ('requirements', models.TextField(blank=True, verbose_name='约稿要求')),
                ('deadline', models.DateField(verbose_name='截止日期')),
                ('targets', models.CharField(choices=[('all', '全部单位'), ('category', '某类单位'), ('list', '指定单位')], default='all', max_length=10, verbose_name='约稿对象')),
                ('target_category', models.CharField(blank=True, choices=[('town', '镇'), ('subdistrict', '街道'), ('department', '区直部门'), ('other', '其他')], max_length=20, verbose_name='单位类别')),
                ('issued_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='发出日期')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='创建时间')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='发出人')),
                ('target_units', models.ManyToManyField(blank=True, related_name='+', to='bulletins.unit', verbose_name='指定单位')),
            ],
            options={
                'verbose_name': '约稿通知',
                'verbose_name_plural': '约稿通知',
                'ordering': ['-deadline', '-id'],
            },
        ),
        migrations.CreateModel(
            name='CommissionAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('declined', models.BooleanField(default=False, verbose_name='无法应约')),
                ('reason', models.CharField(blank=True, max_length=200, verbose_name='说明')),
                ('answered_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='应约日期')),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='填报人')),
                ('commission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='assessment.commission', verbose_name='约稿')),
                ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='commission_answers', to='bulletins.item', verbose_name='应约稿件')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='bulletins.unit', verbose_name='单位')),
            ],
            options={
                'verbose_name': '约稿应答',
                'verbose_name_plural': '约稿应答',
                'ordering': ['answered_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Forwarding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('forwarded_on', models.DateField(verbose_name='上报日期')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='备注')),
                ('outcome', models.CharField(choices=[('pending', '待采用'), ('adopted', '已采用'), ('not_adopted', '未采用')], default='pending', max_length=12, verbose_name='结果')),
                ('adopted_issue', models.CharField(blank=True, help_text='如：2026年第12期', max_length=50, verbose_name='采用期号')),
                ('adopted_on', models.DateField(blank=True, null=True, verbose_name='采用日期')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='登记时间')),
                ('forwarded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='上报人')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='forwardings', to='bulletins.item', verbose_name='稿件')),
                ('adopted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assessment.higherpublication', verbose_name='采用刊物')),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assessment.higherpublication', verbose_name='报送刊物')),
            ],
            options={
                'verbose_name': '上报记录',
                'verbose_name_plural': '上报记录',
                'ordering': ['-forwarded_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Instruction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('leader_name', models.CharField(max_length=50, verbose_name='批示领导')),
                ('leader_title', models.CharField(max_length=100, verbose_name='领导职务')),
                ('date', models.DateField(verbose_name='批示日期')),
                ('text', models.TextField(verbose_name='批示内容')),
                ('feedback_state', models.CharField(choices=[('none', '无需反馈'), ('pending', '待反馈'), ('submitted', '已反馈')], default='none', max_length=10, verbose_name='落实反馈')),
                ('feedback_due', models.DateField(blank=True, null=True, verbose_name='反馈期限')),
                ('feedback_text', models.TextField(blank=True, verbose_name='落实情况')),
                ('feedback_at', models.DateTimeField(blank=True, null=True, verbose_name='反馈时间')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='登记时间')),
                ('feedback_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='反馈人')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='instructions', to='bulletins.item', verbose_name='稿件')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='登记人')),
                ('level', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='assessment.level', verbose_name='批示级别')),
            ],
            options={
                'verbose_name': '领导批示',
                'verbose_name_plural': '领导批示',
                'ordering': ['-date', '-id'],
            },
        ),
        migrations.AddField(
            model_name='higherpublication',
            name='level',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='assessment.level', verbose_name='级别'),
        ),
        migrations.CreateModel(
            name='Report',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField(help_text='该月第一天', unique=True, verbose_name='月份')),
                ('number', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='期号')),
                ('figures', models.JSONField(help_text='印发时的各单位数据，之后不再重算', verbose_name='数据')),
                ('summary', models.TextField(verbose_name='综述')),
                ('pdf', models.FileField(blank=True, upload_to='assessment/%Y/', verbose_name='通报PDF')),
                ('pdf_sha256', models.CharField(blank=True, max_length=64, verbose_name='PDF校验值(SHA-256)')),
                ('published_to_units', models.BooleanField(default=True, verbose_name='向各单位公布排名')),
                ('issued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='印发时间')),
                ('issued_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='印发人')),
            ],
            options={
                'verbose_name': '信息工作通报',
                'verbose_name_plural': '信息工作通报',
                'ordering': ['-month'],
            },
        ),
        migrations.CreateModel(
            name='Adjustment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField(help_text='该月第一天', verbose_name='计入月份')),
                ('points', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=7, verbose_name='分值')),
                ('reason', models.CharField(max_length=200, verbose_name='原因')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='登记时间')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='登记人')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='bulletins.unit', verbose_name='单位')),
                ('corrects', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='assessment.report', verbose_name='更正的通报')),
            ],
            options={
                'verbose_name': '分值调整',
                'verbose_name_plural': '分值调整',
                'ordering': ['month', 'id'],
            },
        ),
        migrations.CreateModel(
            name='RuleSet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='年度')),
                ('title', models.CharField(blank=True, help_text='如：2026年度信息工作考核办法', max_length=100, verbose_name='名称')),
                ('commission_answered', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=7, verbose_name='约稿按时应约（分/次）')),
                ('commission_late', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=7, verbose_name='约稿逾期应约（分/次）')),
                ('commission_declined', models.DecimalField(decimal_places=1, default=Decimal('0'), help_text='可为负数', max_digits=7, verbose_name='约稿说明无法应约（分/次）')),
                ('commission_missed', models.DecimalField(decimal_places=1, default=Decimal('0'), help_text='扣分填负数，如 -5', max_digits=7, verbose_name='约稿未应约（分/次）')),
                ('monthly_cap', models.DecimalField(decimal_places=1, default=Decimal('0'), help_text='0 为不封顶；调整分不受上限限制', max_digits=7, verbose_name='每月得分上限')),
                ('notes', models.TextField(blank=True, verbose_name='说明')),
                ('district_level', models.ForeignKey(help_text='本区刊物（上街信息、上街时讯）采用按此级别计分', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assessment.level', verbose_name='本区刊物级别')),
            ],
            options={
                'verbose_name': '考核规则',
                'verbose_name_plural': '考核规则',
                'ordering': ['-year'],
            },
        ),
        migrations.CreateModel(
            name='InstructionRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('points', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=7, verbose_name='分/次')),
                ('level', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='assessment.level', verbose_name='批示级别')),
                ('rule_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='instruction_rules', to='assessment.ruleset')),
            ],
            options={
                'verbose_name': '批示计分',
                'verbose_name_plural': '批示计分',
            },
        ),
        migrations.CreateModel(
            name='CategoryRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(choices=[('town', '镇'), ('subdistrict', '街道'), ('department', '区直部门'), ('other', '其他')], max_length=20, verbose_name='单位类别')),
                ('monthly_minimum', models.PositiveSmallIntegerField(default=0, verbose_name='每月最少报送（条）')),
                ('base_points', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=7, verbose_name='完成报送基础分')),
                ('rule_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='category_rules', to='assessment.ruleset')),
            ],
            options={
                'verbose_name': '单位类别基础分',
                'verbose_name_plural': '单位类别基础分',
            },
        ),
        migrations.CreateModel(
            name='AdoptionRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('points', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=7, verbose_name='分/条')),
                ('kind', models.ForeignKey(blank=True, help_text='留空适用于所有类型', null=True, on_delete=django.db.models.deletion.PROTECT, to='bulletins.itemkind', verbose_name='稿件类型')),
                ('level', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='assessment.level', verbose_name='刊物级别')),
                ('rule_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='adoption_rules', to='assessment.ruleset')),
            ],
            options={
                'verbose_name': '采用计分',
                'verbose_name_plural': '采用计分',
            },
        ),
        migrations.AddIndex(
            model_name='commission',
            index=models.Index(fields=['deadline'], name='assessment__deadlin_12e772_idx'),
        ),
        migrations.AddConstraint(
            model_name='commissionanswer',
            constraint=models.UniqueConstraint(fields=('commission', 'unit'), name='one_answer_per_unit'),
        ),
        migrations.AddIndex(
            model_name='forwarding',
            index=models.Index(fields=['forwarded_on'], name='assessment__forward_ae2888_idx'),
        ),
        migrations.AddIndex(
            model_name='forwarding',
            index=models.Index(fields=['adopted_on'], name='assessment__adopted_17ef37_idx'),
        ),
        migrations.AddIndex(
            model_name='instruction',
            index=models.Index(fields=['date'], name='assessment__date_37f874_idx'),
        ),
        migrations.AddIndex(
            model_name='adjustment',
            index=models.Index(fields=['month'], name='assessment__month_d108f4_idx'),
        ),
        migrations.AddConstraint(
            model_name='instructionrule',
            constraint=models.UniqueConstraint(fields=('rule_set', 'level'), name='one_instruction_rule'),
        ),
        migrations.AddConstraint(
            model_name='categoryrule',
            constraint=models.UniqueConstraint(fields=('rule_set', 'category'), name='one_category_rule'),
        ),
        migrations.AddConstraint(
            model_name='adoptionrule',
            constraint=models.UniqueConstraint(fields=('rule_set', 'level', 'kind'), name='one_adoption_rule'),
        ),
    ]
