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
            "Use a country code, optionally with a region: US, US-CA, GB-SCT, CA-ON, AU-NSW.",
        )
    country, subdivision = found.groups()
    if subdivision and subdivision not in supported[country]:
        raise SlatebookError(
            f"{country} has no region {subdivision!r} in the public holiday tables.",
            f"Use one of: {', '.join(supported[country][:20])}{'…' if len(supported[country]) > 20 else ''}, "
            f"or {country} alone.",
        )
    return code


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
