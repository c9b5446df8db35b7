"""Guidance permits and key risks in every content language (django-modeltranslation): the
English lists move to ``*_en``; the other languages start empty (None), so a reader sees the
English until a translation is imported."""

from django.db import migrations, models


def english(apps, schema_editor):
    SectorGuidance = apps.get_model("knowledge", "SectorGuidance")
    for g in SectorGuidance.objects.only("permits", "key_risks"):
        SectorGuidance.objects.filter(pk=g.pk).update(
            permits_en=g.permits,
            key_risks_en=g.key_risks,
            **{f"{f}_{lang}": None for f in ("permits", "key_risks") for lang in ("zh_hans", "ru", "ar")},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0017_search_bigrams"),
    ]

    operations = [
        migrations.AddField(
            model_name="sectorguidance",
            name="key_risks_ar",
            field=models.JSONField(blank=True, default=list, null=True, verbose_name="key risks"),
        ),
        migrations.AddField(
            model_name="sectorguidance",
            name="key_risks_en",
            field=models.JSONField(blank=True, default=list, null=True, verbose_name="key risks"),
        ),
        migrations.AddField(
            model_name="sectorguidance",
            name="key_risks_ru",
            field=models.JSONField(blank=True, default=list, null=True, verbose_name="key risks"),
        ),
        migrations.AddField(
            model_name="sectorguidance",
            name="key_risks_zh_hans",
            field=models.JSONField(blank=True, default=list, null=True, verbose_name="key risks"),
        ),
        migrations.AddField(
            model_name="sectorguidance",
            name="permits_ar",
            field=models.JSONField(blank=True, default=list, null=True, verbose_name="permits"),
        ),
        migrations.AddField(
            model_name="sectorguidance",
            name="permits_en",
            field=models.JSONField(blank=True, default=list, null=True, verbose_name="permits"),
        ),
        migrations.AddField(
            model_name="sectorguidance",
            name="permits_ru",
            field=models.JSONField(blank=True, default=list, null=True, verbose_name="permits"),
        ),
        migrations.AddField(
            model_name="sectorguidance",
            name="permits_zh_hans",
            field=models.JSONField(blank=True, default=list, null=True, verbose_name="permits"),
        ),
        migrations.RunPython(english, migrations.RunPython.noop),
    ]
