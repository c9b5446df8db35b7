"""Public lists cost the same number of queries with 3 rows as with 30."""

import pytest
from rest_framework.test import APIClient

URLS = [
    "/knowledge/instruments/",
    "/knowledge/search/?q=law",
    "/knowledge/",
    "/api/v1/instruments/",
    "/api/v1/limits/",
    "/api/v1/countries/",
    "/api/v1/search/?q=law",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_list_queries_do_not_grow_with_rows(client, make_country, make_instrument, url, django_assert_max_num_queries):
    api = APIClient()

    codes = ["KZ", "UZ", "KG", "TJ", "TM", "MN", "PK", "BD", "LK", "NP", "VN", "LA", "KH", "TH", "MY"]

    def add(n, start):
        for i in range(start, start + n):
            code = codes[i % len(codes)]
            if i < len(codes):
                make_country(code, f"Country {code}")
            make_instrument(
                key=f"law-{i}",
                jurisdiction=code,
                title=f"Environmental law number {i}",
                limits=[
                    {
                        "parameter": "SO2",
                        "medium": "ambient_air",
                        "value": 50 + i,
                        "unit": "µg/m³",
                        "averaging": "24-hour",
                    }
                ],
            )

    getter = api.get if url.startswith("/api/") else client.get
    add(3, 0)
    with django_assert_max_num_queries(60) as ctx:
        assert getter(url).status_code == 200
    few = len(ctx.captured_queries)
    add(27, 3)
    with django_assert_max_num_queries(few):
        assert getter(url).status_code == 200


@pytest.mark.django_db
def test_an_instrument_page_reads_each_thing_once(client, make_country, make_instrument, django_assert_num_queries):
    # The instrument with its country, its sectors, its topics, its limits, its relations both
    # ways and the guidance citing it: six queries, however many limits, and no column left
    # out of the first query and fetched again on its own (a deferred field read by the page).
    make_country("KZ", "Kazakhstan")
    limit = {"parameter": "SO2", "medium": "ambient_air", "unit": "µg/m³", "averaging": "24-hour"}
    make_instrument(
        key="kz-air", jurisdiction="KZ", title="Air law", limits=[{**limit, "value": 50 + i} for i in range(30)]
    )
    with django_assert_num_queries(6) as ctx:
        response = client.get("/knowledge/instruments/kz-air/")
    assert response.status_code == 200
    assert response.content.count(b'id="limit-') == 30, [q["sql"][:120] for q in ctx.captured_queries]
