"""Public holidays where the production shoots, so a shoot day never lands on Christmas or Memorial
Day unless the line producer wants it to.

Dates come from the `holidays` package (offline tables of national and regional holidays). A region
is an ISO country code with an optional subdivision: "US", "US-CA", "GB-SCT", "CA-ON", "AU-NSW".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import holidays as holiday_tables

from studio.errors import SlatebookError

# The production hubs offered first in the Setup form; any region the tables know is accepted.
PRODUCTION_REGIONS: dict[str, str] = {
    "US": "United States (federal)",
    "US-CA": "United States – California",
    "US-NY": "United States – New York",
    "US-GA": "United States – Georgia",
    "US-NM": "United States – New Mexico",
    "US-LA": "United States – Louisiana",
    "US-IL": "United States – Illinois",
    "US-TX": "United States – Texas",
    "CA-ON": "Canada – Ontario",
    "CA-BC": "Canada – British Columbia",
    "CA-QC": "Canada – Quebec",
    "GB-ENG": "United Kingdom – England",
    "GB-SCT": "United Kingdom – Scotland",
    "GB-WLS": "United Kingdom – Wales",
    "GB-NIR": "United Kingdom – Northern Ireland",
    "IE": "Ireland",
    "AU-NSW": "Australia – New South Wales",
    "AU-VIC": "Australia – Victoria",
    "AU-QLD": "Australia – Queensland",
    "NZ": "New Zealand",
    "DE": "Germany",
    "DE-BY": "Germany – Bavaria",
    "DE-BE": "Germany – Berlin",
    "FR": "France",
    "ES": "Spain",
    "IT": "Italy",
    "HU": "Hungary",
    "CZ": "Czechia",
    "MT": "Malta",
    "IS": "Iceland",
    "ZA": "South Africa",
    "MA": "Morocco",
    "MX": "Mexico",
    "IN": "India",
    "JP": "Japan",
    "KR": "South Korea",
}

_REGION = re.compile(r"^([A-Z]{2})(?:-([A-Z0-9]{1,4}))?$")
# A shoot's calendar is read this many years past its start year: prep to wrap is rarely longer.
YEARS_AHEAD = 2


def check_region(region: str) -> str:
    """`region` in its canonical spelling ("us-ca " -> "US-CA"); SlatebookError if no table has it."""
    code = region.strip().upper()
    found = _REGION.match(code)
    supported = holiday_tables.list_supported_countries()
    if not found or found.group(1) not in supported:
        raise SlatebookError(
            f"No public holiday table for {region.strip()!r}.",
            "Use a country or its code, optionally with a region: Portugal, US, US-CA, GB-SCT, CA-ON, AU-NSW.",
        )
    country, subdivision = found.groups()
    if subdivision and subdivision not in supported[country]:
        raise SlatebookError(
            f"{country} has no region {subdivision!r} in the public holiday tables.",
            f"Use one of: {', '.join(supported[country][:20])}{'…' if len(supported[country]) > 20 else ''}, "
            f"or {country} alone.",
        )
    return code


def find_region(text: str) -> str:
    """The region a person typed, as a code: a code ("us-ma"), a country ("Portugal"), a state or
    region of a country offered in the form ("Massachusetts", "Scotland"), or words of an offered
    region's label ("ontario"). SlatebookError when it names none, or more than one."""
    words = " ".join(text.replace("_", " ").split()).casefold()
    if _REGION.match(words.upper()):
        return check_region(text)
    countries = {name.replace("_", " "): codes[1] for name, codes in holiday_tables.registry.COUNTRIES.items()}
    if words in countries:
        return countries[words]
    found = {code for code, label in PRODUCTION_REGIONS.items() if words in label.casefold()}
    for country in dict.fromkeys(code.split("-")[0] for code in PRODUCTION_REGIONS):
        aliases = getattr(holiday_tables.country_holidays(country), "subdivisions_aliases", {})
        found |= {f"{country}-{sub}" for name, sub in aliases.items() if name.casefold() == words}
    if len(found) == 1:
        return found.pop()
    if found:
        raise SlatebookError(
            f"{text.strip()!r} could be any of {', '.join(sorted(found))}.", "Pick one from the list, or type its code."
        )
    return check_region(text)


def region_label(region: str) -> str:
    return PRODUCTION_REGIONS.get(region, region)


@lru_cache(maxsize=64)
def public_holidays(region: str, first_year: int, last_year: int) -> dict[dt.date, str]:
    """Each public holiday (observed days included) in `region` from `first_year` to `last_year`."""
    country, _, subdivision = check_region(region).partition("-")
    table = holiday_tables.country_holidays(
        country, subdiv=subdivision or None, years=range(first_year, last_year + 1)
    )
    return dict(sorted(table.items()))


def holidays_from(region: str | None, start: dt.date) -> dict[dt.date, str]:
    """The public holidays a shoot starting on `start` works around (none without a region)."""
    if not region:
        return {}
    return {d: name for d, name in public_holidays(region, start.year, start.year + YEARS_AHEAD).items() if d >= start}
