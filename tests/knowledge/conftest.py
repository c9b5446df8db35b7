"""A small knowledge base built with the ORM and published through the services.

China (the reference) with its air-quality standard and its framework law, Vietnam with its
air-quality regulation, and the WHO guidelines: enough for comparison, search and publishing
tests without loading the whole shipped data set (only ``test_import`` does that, once).
"""

from decimal import Decimal

import pytest
from django.utils import translation

from knowledge.choices import InstrumentType, LegalStatus, Medium
from knowledge.models import Country, Instrument, StandardLimit
from knowledge.services import content_publish


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: loads the whole shipped data set (several seconds)")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Nobody here logs in with a password; hashing eddie's properly costs most of a test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english():
    """Start every test in English: a request in another language must not leak into the next."""
    with translation.override("en"):
        yield


@pytest.fixture
def make_country(eddie):
    """``make_country("VN", "Vietnam", ...)``: a country profile, published unless told not."""

    def _make(iso2: str, name: str, *, publish: bool = True, **fields) -> Country:
        country = Country.objects.create(iso2=iso2, name=name, name_en=name, **fields)
        return content_publish(obj=country, published_by=eddie) if publish else country

    return _make


@pytest.fixture
def make_instrument(eddie):
    """``make_instrument(key=..., jurisdiction=..., title=..., limits=[...])``: an instrument
    with its limits, published (and so indexed) through the service unless ``publish=False``."""

    def _make(
        *,
        key: str,
        jurisdiction: str,
        title: str,
        type: str = InstrumentType.LAW,
        limits=(),
        publish: bool = True,
        **fields,
    ) -> Instrument:
        instrument = Instrument.objects.create(
            key=key,
            jurisdiction=jurisdiction,
            country=Country.objects.filter(iso2=jurisdiction).first(),
            type=type,
            title=title,
            title_en=title,
            source_url=f"https://example.org/{key}",
            legal_status=LegalStatus.IN_FORCE,
            **fields,
        )
        for limit in limits:
            StandardLimit.objects.create(instrument=instrument, **limit)
        return content_publish(obj=instrument, published_by=eddie) if publish else instrument

    return _make


def ambient(parameter: str, value, averaging: str, category: str, unit: str = "µg/m³") -> dict:
    return {
        "parameter": parameter,
        "medium": Medium.AMBIENT_AIR,
        "value": Decimal(str(value)),
        "unit": unit,
        "averaging": averaging,
        "category": category,
    }


@pytest.fixture
def china(make_country):
    return make_country(
        "CN",
        "China",
        name_zh_hans="中国",
        is_reference=True,
        region="East Asia",
        ecological_status="Severe air pollution in northern cities.",
    )


@pytest.fixture
def vietnam(make_country):
    return make_country(
        "VN",
        "Vietnam",
        name_zh_hans="越南",
        region="Southeast Asia",
        ecological_status="Mangrove loss in the Mekong delta.",
    )


@pytest.fixture
def cn_air_standard(china, make_instrument):
    return make_instrument(
        key="cn-gb-3095-2012",
        jurisdiction="CN",
        type=InstrumentType.STANDARD,
        title="Ambient Air Quality Standard",
        number="GB 3095-2012",
        adopted="2012-02-29",
        summary="Concentration limits for ambient air in two classes of area.",
        limits=[
            ambient("PM2.5", 35, "24-hour", "Grade I"),
            ambient("PM2.5", 75, "24-hour", "Grade II"),
            ambient("PM2.5", 35, "annual", "Grade II (annual)"),
            ambient("O3", 160, "8-hour (daily maximum)", "Grade II"),
        ],
    )


@pytest.fixture
def cn_environmental_protection_law(china, make_instrument):
    return make_instrument(
        key="cn-environmental-protection-law",
        jurisdiction="CN",
        title="Environmental Protection Law of the People's Republic of China",
        title_zh_hans="中华人民共和国环境保护法",
        adopted="2014-04-24",
        summary="China's framework environmental law, revised in 2014.",
    )


@pytest.fixture
def vn_air_regulation(vietnam, make_instrument):
    return make_instrument(
        key="vn-qcvn-05-2013",
        jurisdiction="VN",
        type=InstrumentType.STANDARD,
        title="National Technical Regulation on Ambient Air Quality",
        number="QCVN 05:2013/BTNMT",
        adopted="2013",
        limits=[
            ambient("PM2.5", 50, "24-hour", "Ambient air"),
            ambient("PM2.5", 25, "annual", "Ambient air (annual)"),
        ],
    )


@pytest.fixture
def who_guidelines(make_instrument):
    return make_instrument(
        key="who-aqg-2021",
        jurisdiction="WHO",
        type=InstrumentType.GUIDELINE,
        title="WHO Global Air Quality Guidelines",
        adopted="2021-09-22",
        limits=[
            ambient("PM2.5", 15, "24-hour (99th percentile)", "AQG level"),
            ambient("PM2.5", 5, "annual", "AQG level (annual)"),
        ],
    )


@pytest.fixture
def knowledge_base(cn_air_standard, cn_environmental_protection_law, vn_air_regulation, who_guidelines):
    """Everything above, published."""
    return {
        "cn_air_standard": cn_air_standard,
        "cn_environmental_protection_law": cn_environmental_protection_law,
        "vn_air_regulation": vn_air_regulation,
        "who_guidelines": who_guidelines,
    }
