"""The demo database shows assessment figures as soon as `make run` has seeded it."""

from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bulletins.assessment.models import Commission, Forwarding, Instruction, RuleSet
from bulletins.assessment.periods import Period
from bulletins.assessment.scoring import build_report


def test_the_demo_has_rules_records_and_figures(db, client):
    call_command("seed_demo", "--quiet-logins")
    assert RuleSet.objects.filter(year=timezone.localdate().year).exists()
    assert Instruction.objects.count() == 2
    assert Forwarding.objects.filter(outcome=Forwarding.Outcome.ADOPTED).count() == 1
    assert Commission.objects.count() == 2
    report = build_report(Period.parse("2026"))
    assert report.totals.adopted_total > 0 and report.totals.total > Decimal(0)
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="bianji"))
    page = client.get(reverse("assessment:office"), {"period": "2026"}).content.decode()
    assert "区发改委" in page and "尚未设置" not in page
    call_command("seed_demo", "--quiet-logins")  # idempotent
    assert Instruction.objects.count() == 2
