"""Five years of assessment data, made in bulk for the benchmark (inside a rolled-back transaction)."""

import datetime
import random

from django.contrib.auth.models import User
from django.utils import timezone

from bulletins.models import Issue, Item, ItemState, Publication, Unit, WorkflowLog

from .demo import default_rule_set
from .models import Commission, CommissionAnswer, Forwarding, HigherPublication, Instruction, Level

UNIT_COUNT = 16


def make_five_years(last_year, items_per_year=2000, seed=2026):
    """Units, two publications with weekly issues, items with their submit logs, a third of
    them printed, 批示, 上报 and 约稿 for ``last_year - 4`` to ``last_year``. Returns counts."""
    rng = random.Random(seed)
    author = User.objects.create_user("bench-assessment")
    categories = [Unit.Category.TOWN] + [Unit.Category.SUBDISTRICT] * 5 + [Unit.Category.DEPARTMENT] * 9 + [Unit.Category.OTHER]
    units = Unit.objects.bulk_create([
        Unit(name=f"基准单位{n:02d}", short_name=f"基准{n:02d}", category=categories[n % len(categories)], order=900 + n)
        for n in range(UNIT_COUNT)
    ])
    publications = [
        Publication.objects.create(name="基准信息", slug="bench-xinxi", kind=Publication.Kind.BULLETIN, issuing_line="基准"),
        Publication.objects.create(name="基准时讯", slug="bench-shixun", kind=Publication.Kind.NEWSPAPER, issuing_line="基准"),
    ]
    levels = {level.name: level for level in Level.objects.all()}
    city = HigherPublication.objects.create(name="基准市级刊物", level=levels["市级"])
    province = HigherPublication.objects.create(name="基准省级刊物", level=levels["省级"])
    counts = {"items": 0, "printed": 0, "instructions": 0, "forwardings": 0, "commissions": 0}
    total_offset = 0
    for year in range(last_year - 4, last_year + 1):
        default_rule_set(year)
        issues = []
        for publication in publications:
            for week in range(50):
                date = datetime.date(year, 1, 5) + datetime.timedelta(days=7 * week)
                issues.append(Issue(publication=publication, year=year, number=week + 1, total_number=total_offset + week + 1,
                                    issue_date=date, state="published"))
        total_offset += 50
        issues = Issue.objects.bulk_create(issues)
        items, logs = [], []
        for n in range(items_per_year):
            unit = units[rng.randrange(UNIT_COUNT)]
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(360))
            printed = rng.random() < 0.35
            issue = None
            if printed:
                candidates = [i for i in issues[rng.randrange(2) * 50:][:50] if i.issue_date >= day]
                issue = candidates[0] if candidates else None
            items.append(Item(unit=unit, author=author, title=f"基准稿件{year}-{n}", body="<p>正文。</p>",
                              state=ItemState.PUBLISHED if issue else ItemState.SUBMITTED, issue=issue))
        items = Item.objects.bulk_create(items)
        for item in items:
            when = timezone.make_aware(datetime.datetime.combine(
                datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(360)), datetime.time(9)))
            logs.append(WorkflowLog(item=item, action="submit", from_state="draft", to_state="submitted", created_at=when))
            if rng.random() < 0.1:  # returned and resubmitted
                logs.append(WorkflowLog(item=item, action="submit", from_state="returned", to_state="submitted",
                                        created_at=when + datetime.timedelta(days=2)))
        WorkflowLog.objects.bulk_create(logs)
        printed_items = [i for i in items if i.issue_id]
        instructions, forwardings = [], []
        for item in rng.sample(printed_items, min(len(printed_items), 100)):
            instructions.append(Instruction(item=item, leader_name="张明", leader_title="区委书记",
                                            level=rng.choice(list(levels.values())), text="阅。",
                                            date=datetime.date(year, rng.randrange(1, 13), 15)))
        for item in rng.sample(printed_items, min(len(printed_items), 200)):
            adopted = rng.random() < 0.5
            forwarded_on = datetime.date(year, rng.randrange(1, 13), 10)
            forwardings.append(Forwarding(item=item, target=rng.choice([city, province]), forwarded_on=forwarded_on,
                                          outcome="adopted" if adopted else "pending",
                                          adopted_on=forwarded_on + datetime.timedelta(days=10) if adopted else None))
        Instruction.objects.bulk_create(instructions)
        Forwarding.objects.bulk_create(forwardings)
        for month in range(1, 13):
            commission = Commission.objects.create(topic=f"基准约稿{year}-{month}", deadline=datetime.date(year, month, 20),
                                                   issued_on=datetime.date(year, month, 1))
            CommissionAnswer.objects.bulk_create([
                CommissionAnswer(commission=commission, unit=unit, answered_on=datetime.date(year, month, rng.randrange(5, 28)),
                                 declined=rng.random() < 0.1)
                for unit in units if rng.random() < 0.7
            ])
        counts["items"] += len(items)
        counts["printed"] += len(printed_items)
        counts["instructions"] += len(instructions)
        counts["forwardings"] += len(forwardings)
        counts["commissions"] += 12
    return counts
