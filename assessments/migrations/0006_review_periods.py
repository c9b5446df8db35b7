"""The published review periods, after Article 22 of the PRC Environmental Impact Assessment Law.

The portal's categories follow China's tiers: A = EIA report (报告书), B = EIA report form
(报告表), C = registration form (登记表). Staff change them in the admin.
"""

from django.db import migrations

EIA_LAW_2018 = "https://wechat.estsglobal.com/wechat/law_contents/197"
PERIODS = [
    (
        "A",
        60,
        "PRC EIA Law (2018 amendment), Art. 22: decision within 60 days of receiving an EIA report.",
        EIA_LAW_2018,
        True,
    ),
    (
        "B",
        30,
        "PRC EIA Law (2018 amendment), Art. 22: decision within 30 days of receiving an EIA report form.",
        EIA_LAW_2018,
        True,
    ),
    (
        # Since 2016 a registration form is only filed; the earlier text of Art. 22 gave 15 days.
        # Read in a secondary source only, so not marked verified.
        "C",
        15,
        "PRC EIA Law before the 2016 amendment, Art. 22: 15 days for a registration form (now filed only).",
        "https://m.jiusongjiankang.com/health/news/5151849.html",
        False,
    ),
]


def seed(apps, schema_editor):
    ReviewPeriod = apps.get_model("assessments", "ReviewPeriod")
    for category, days, basis, url, verified in PERIODS:
        ReviewPeriod.objects.get_or_create(
            category=category, defaults={"days": days, "basis": basis, "source_url": url, "verified": verified}
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_review")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
