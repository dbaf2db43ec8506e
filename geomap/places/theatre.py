"""Where war reporting's places lie before a word is read: the regions of Russia's war on Ukraine, weighted
by how much of the fighting they see. A village name that nothing in the text places ("mortar fire on
Stepne") is most likely the namesake on the front line, as an ACLED coder would read it.

The tiers are the war's geography since February 2022, not a fit to any text:
- MAIN: Donetsk Oblast, where the contact line has been longest and the fighting heaviest throughout.
- FRONT: the other oblasts the contact line crosses (Luhansk, Kharkiv, Zaporizhzhia, Kherson).
- BORDER: the 2022 northern and southern fronts and regions under regular cross-border fire or strikes
  (Kyiv, Chernihiv, Sumy, Mykolaiv oblasts, Crimea and Sevastopol; Belgorod, Kursk, Bryansk in Russia).

The bonus is a tie-break: at most about 1.5 decades of population (gazetteer.matches.POPULATION_WEIGHT is
0.04 a decade), far below a region the text names (gazetteer REGION_BONUS 0.25), so a town ten times larger
elsewhere, or any place in a region the article names, still wins.
"""

from __future__ import annotations

MAIN_BONUS, FRONT_BONUS, BORDER_BONUS = 0.06, 0.04, 0.02
MAIN = ("UA-14",)
FRONT = ("UA-09", "UA-63", "UA-23", "UA-65")
BORDER = ("UA-32", "UA-74", "UA-59", "UA-48", "UA-43", "UA-40", "RU-BEL", "RU-KRS", "RU-BRY")

# gazetteer Context.region_prior: ((admin-1 code, bonus), ...)
WAR_THEATRE: tuple[tuple[str, float], ...] = (
    *((code, MAIN_BONUS) for code in MAIN),
    *((code, FRONT_BONUS) for code in FRONT),
    *((code, BORDER_BONUS) for code in BORDER),
)

# Where war reporting's places lie at all: Ukraine, Moldova and the neighbours' regions on the border or under
# regular fire (Russia's border oblasts, Krasnodar and Rostov; Belarus' Gomel and Brest; the Danube ports of
# Romania; Poland's south-east). A namesake outside it ("Seversk" in Tomsk, "Kamenskoye" in Kamchatka) is read
# only when the text gives evidence for it.
THEATRE_COUNTRIES = ("UA", "MD")
THEATRE_REGIONS = frozenset({"RU-BEL", "RU-KRS", "RU-BRY", "RU-VOR", "RU-ROS", "RU-KDA", "RU-ORL", "BY-HO",
                             "BY-BR", "RO-TL", "RO-GL", "RO-SV", "RO-BT", "PL-LU", "PL-PK"})


def in_theatre(admin1_code: str | None, country_code: str | None) -> bool:
    """Whether a place lies in the war's theatre as THEATRE_COUNTRIES and THEATRE_REGIONS draw it."""
    return country_code in THEATRE_COUNTRIES or admin1_code in THEATRE_REGIONS
