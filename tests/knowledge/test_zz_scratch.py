import pytest

from knowledge.models import Instrument, SearchEntry
from knowledge.services import index_object


@pytest.mark.django_db
def test_scratch(client):
    i = Instrument.objects.create(
        key="cn-epl",
        jurisdiction="CN",
        type="law",
        title="Environmental Protection Law",
        title_zh_hans="中华人民共和国环境保护法",
        status="published",
        source_url="https://example.org/",
        summary="China's framework <script>alert(1)</script> law on environmental protection standards.",
    )
    index_object(i)
    e = SearchEntry.objects.get()
    print(repr(e.title_zh_hans), repr(e.text_en))
    client.cookies["django_language"] = "zh-hans"
    r = client.get("/knowledge/search/?q=环境")
    html = r.content.decode()
    import re

    print(re.findall(r'<ol class="result-list">.*?</ol>', html, re.S))
    r = client.get("/knowledge/search/?q=standard")
    html = r.content.decode()
    print(re.findall(r'<ol class="result-list">.*?</ol>', html, re.S))
