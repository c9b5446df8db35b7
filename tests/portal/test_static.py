"""Vendored assets are complete: the production manifest storage collects every static file."""

import pytest
from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_manifest_storage_succeeds(tmp_path):
    # leaflet.js named a source map that was not vendored: post-processing failed and the
    # production site answered 500 on every page (issue 9.4).
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.contrib.staticfiles.storage import staticfiles_storage

        assert staticfiles_storage.url("vendor/leaflet/leaflet.js").endswith(".js")
    assert (tmp_path / "staticfiles.json").exists()


@pytest.mark.parametrize("name", ["vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"])
def test_vendored_files_reference_no_missing_source_map(name):
    from django.conf import settings

    text = (settings.BASE_DIR / "static" / name).read_text(encoding="utf-8")
    assert "sourceMappingURL" not in text
