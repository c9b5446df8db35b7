"""The site page helps a user find their way: shipped province and place layers for the host
country, a place search over them, typed coordinates that save a point site, the next step one
click away, and a notice when the portal holds few sensitive areas for the country."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from django.test import RequestFactory
from django.urls import reverse

from assessments.loader import import_sensitive_areas
from knowledge.reference_layers import layer_paths, place_alternates

AREAS = Path(__file__).resolve().parents[2] / "assessments" / "data" / "sensitive_areas.geojson"
SEARCH_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "site-map.js"


def served_layer(path: str) -> dict:
    """The layer as the static file view serves it (the same file WhiteNoise serves)."""
    response = serve(RequestFactory().get("/static/" + path), path, insecure=True)
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def test_it_serves_kazakhstans_provinces_and_places():
    paths = layer_paths("KZ")
    provinces = served_layer(paths["admin1"])
    places = served_layer(paths["places"])
    names = {f["properties"]["name"] for f in provinces["features"]}
    assert {"Almaty", "Akmola", "Karaganda"} <= names
    almaty = next(f for f in places["features"] if f["properties"]["name"] == "Almaty")
    assert almaty["properties"]["population"] >= 1_000_000
    lon, lat = almaty["geometry"]["coordinates"]
    assert (round(lon), round(lat)) == (77, 43)
    assert all(f["properties"]["population"] >= 15_000 for f in places["features"])
    assert "GeoNames" in places["source"] and "Natural Earth" in provinces["source"]


def test_it_ships_layers_for_every_covered_country_within_budget():
    countries = json.loads((AREAS.parents[2] / "knowledge" / "data" / "countries.json").read_text())
    total = 0
    for country in countries:
        for path in layer_paths(country["iso2"]).values():
            found = finders.find(path)
            assert found, path
            total += Path(found).stat().st_size
    assert total < 15_000_000


def test_it_keeps_names_a_russian_arabic_or_chinese_search_needs():
    kept = place_alternates(["Almaty", "Алма-Ата", "Nұr-Sұltan", "ألماتي", "阿拉木图"])
    assert kept == ["Алма-Ата", "ألماتي", "阿拉木图"]


SEARCH_HARNESS = """
const fs = require('fs');
// The page's own search code, run on the shipped Pakistan places in a minimal DOM.
const els = {};
function node(id) { return els[id] || (els[id] = { id, value: '', textContent: '', dataset: {}, children: [],
  listeners: {}, addEventListener(t, f) { this.listeners[t] = f; }, appendChild(c) { this.children.push(c); },
  querySelector() { return this.children.length ? this.children[0].children[0] : null; }, focus() {} }); }
global.document = { getElementById: node, querySelector: () => null, querySelectorAll: () => [],
  createElement: () => node('x' + Math.random()), createTextNode: t => t };
const places = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
global.fetch = url => Promise.resolve({ ok: true, json: () => Promise.resolve(url === 'places' ? places : null) });
const layer = { addTo() { return this; }, clearLayers() {}, remove() {}, getLayers: () => [],
  setLatLng() { return this; },
  setContent() { return this; }, openOn() {}, getBounds: () => ({ isValid: () => false, getCenter: () => null }) };
global.L = { map: () => ({ attributionControl: { setPrefix() {}, addAttribution() {} }, on() {}, fitBounds() {},
    setView(ll) { global.jumped = ll; },
    getZoom: () => 5, getBounds: () => ({ contains: () => false }) }),
  geoJSON: () => layer, layerGroup: () => layer, circleMarker: () => layer, tooltip: () => layer,
  popup: () => layer,
  latLng: (a, b) => ({ lat: a, lng: b }), control: { scale: () => layer } };
node('site-map').dataset = { places: 'places', lang: 'en' };
node('map-data').textContent = '{}';
require(process.argv[1].replace(/harness\\.js$/, '') + process.argv[3]);
setTimeout(() => {
  const search = node('place-search');
  search.value = process.argv[4];
  search.listeners.input();
  const first = node('place-results').children[0];
  first.children[0].listeners.click();
  console.log(JSON.stringify({ first: first.children[0].textContent, jumped: global.jumped }));
}, 20);
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the page's search code")
@pytest.mark.parametrize("query", ["karachi", "كراتشي", "Карачи"])
def test_it_finds_a_city_by_name_in_the_shipped_places(tmp_path, query):
    harness = tmp_path / "harness.js"
    harness.write_text(SEARCH_HARNESS)
    (tmp_path / "site-map.js").write_text(SEARCH_JS.read_text())
    places = finders.find(layer_paths("PK")["places"])
    out = subprocess.run(
        ["node", str(harness), places, "site-map.js", query], capture_output=True, text=True, check=True, timeout=60
    )
    result = json.loads(out.stdout)
    assert result["first"].startswith("Karachi")
    assert (round(result["jumped"]["lat"]), round(result["jumped"]["lng"])) == (25, 67)


@pytest.mark.django_db
def test_it_saves_a_point_site_from_typed_coordinates(project, alice, login):
    client = login(alice)
    url = reverse("assessments:project-site", args=[project.pk])
    response = client.post(url, {"latitude": "50.5", "longitude": "71.0", "geojson": ""})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.site == {"type": "Point", "coordinates": [71.0, 50.5]}
    page = client.get(url).content.decode()
    assert 'value="50.5"' in page and 'value="71.0"' in page
    assert reverse("assessments:project-questionnaire", args=[project.pk]) in page
    assert "Next step: answer the screening questions" in page


@pytest.mark.django_db
def test_it_refuses_a_latitude_without_longitude(project, alice, login):
    response = login(alice).post(
        reverse("assessments:project-site", args=[project.pk]), {"latitude": "50.5", "geojson": ""}
    )
    assert response.status_code == 400
    assert "Give both latitude and longitude" in response.content.decode()
    project.refresh_from_db()
    assert not project.site


@pytest.mark.django_db
def test_it_says_how_few_areas_the_portal_holds_for_the_country(project, alice, login):
    import_sensitive_areas(AREAS.read_text())
    page = login(alice).get(reverse("assessments:project-site", args=[project.pk])).content.decode()
    assert "The portal holds only 10 sensitive areas for Kazakhstan" in page
    assert "absence here is not proof of absence" in page
    assert "kz-places.geojson" in page and "kz-admin1.geojson" in page
    assert "GeoNames" in page and "CC BY 4.0" in page
