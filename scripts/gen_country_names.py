#!/usr/bin/env python3
"""Writes mappings/codes/country-names.csv: country names and variants real sources use -> XES country code.

Sources: Debian iso-codes 4.15.0 (/usr/share/iso-codes/json/iso_3166-1.json: name, official_name,
common_name; the French translations of /usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo), the UN short and
formal names as the UN Security Council consolidated list and UNTERM write them, and the variants listed
by hand below (each with its source). Run from the repository root; the output is committed."""
import csv, gettext, io, json, sys

iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
fr = gettext.translation("iso_3166-1", "/usr/share/locale", ["fr"])
rows = {}

def add(name, code, source):
    key = " ".join(name.split())
    if key and key.casefold() not in {k.casefold() for k in rows}:
        rows[key] = (code, source)

for c in iso:
    for field in ("name", "official_name", "common_name"):
        if field in c:
            add(c[field], c["alpha_3"], "iso3166-1 " + field.replace("_", "-"))
            translated = fr.gettext(c[field])
            if translated != c[field]:
                add(translated, c["alpha_3"], "iso3166-1 fr " + field.replace("_", "-"))

HAND = [  # name, code, source
    ("Iran (Islamic Republic of)", "IRN", "un"), ("Bolivia (Plurinational State of)", "BOL", "un"),
    ("Venezuela (Bolivarian Republic of)", "VEN", "un"), ("Micronesia (Federated States of)", "FSM", "un"),
    ("Democratic People's Republic of Korea", "PRK", "un"), ("Republic of Korea", "KOR", "un"),
    ("Democratic Republic of the Congo", "COD", "un"), ("Lao People's Democratic Republic", "LAO", "un"),
    ("Republic of Moldova", "MDA", "un"), ("United Republic of Tanzania", "TZA", "un"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR", "un"), ("United States of America", "USA", "un"),
    ("Viet Nam", "VNM", "un"), ("Türkiye", "TUR", "un"), ("Turkiye", "TUR", "un"), ("State of Palestine", "PSE", "un"),
    ("Netherlands (Kingdom of the)", "NLD", "un"), ("Côte d'Ivoire", "CIV", "un"), ("Cote d'Ivoire", "CIV", "un"),
    ("North Macedonia", "MKD", "un"), ("The former Yugoslav Republic of Macedonia", "MKD", "un (before 2019)"),
    ("Swaziland", "SWZ", "un (before 2018)"), ("Eswatini", "SWZ", "un"), ("Czechia", "CZE", "un"),
    ("Czech Republic", "CZE", "un (before 2016)"), ("Cabo Verde", "CPV", "un"), ("Brunei Darussalam", "BRN", "un"),
    ("Timor-Leste", "TLS", "un"), ("Syrian Arab Republic", "SYR", "un"), ("Russian Federation", "RUS", "un"),
    ("Libyan Arab Jamahiriya", "LBY", "un (before 2011)"), ("Myanmar", "MMR", "un"), ("Burma", "MMR", "common"),
    ("former Soviet Union", "SUN", "un list; iso3166-3 SUHH"), ("Soviet Union", "SUN", "iso3166-3 SUHH"),
    ("USSR", "SUN", "iso3166-3 SUHH"), ("Union of Soviet Socialist Republics", "SUN", "iso3166-3 SUHH"),
    ("Yugoslavia", "YUG", "iso3166-3 YUCS"), ("former Yugoslavia", "YUG", "iso3166-3 YUCS"),
    ("Czechoslovakia", "CSK", "iso3166-3 CSHH"), ("Serbia and Montenegro", "SCG", "iso3166-3 CSXX"),
    ("German Democratic Republic", "DDR", "iso3166-3 DDDE"), ("Netherlands Antilles", "ANT", "iso3166-3 ANHH"),
    ("Kosovo", "RKS", "icao9303"), ("Iran", "IRN", "common"), ("Syria", "SYR", "common"),
    ("North Korea", "PRK", "common"), ("South Korea", "KOR", "common"), ("Russia", "RUS", "common"),
    ("Laos", "LAO", "common"), ("Vietnam", "VNM", "common"), ("Bolivia", "BOL", "common"),
    ("Venezuela", "VEN", "common"), ("Tanzania", "TZA", "common"), ("Moldova", "MDA", "common"),
    ("United Kingdom", "GBR", "common"), ("UK", "GBR", "common"), ("Great Britain", "GBR", "common"),
    ("United States", "USA", "common"), ("USA", "USA", "common"), ("U.S.A.", "USA", "common"),
    ("Ivory Coast", "CIV", "common"), ("Cape Verde", "CPV", "common"), ("East Timor", "TLS", "common"),
    ("Palestine", "PSE", "common"), ("Occupied Palestinian Territory", "PSE", "un (before 2013)"),
    ("Gaza Strip", "PSE", "un list"), ("West Bank", "PSE", "un list"), ("Turkey", "TUR", "common"),
    ("Macedonia", "MKD", "common"), ("Congo, Democratic Republic of the", "COD", "eu"),
    ("Korea, Democratic People's Republic of", "PRK", "eu"), ("Korea (North)", "PRK", "common"),
    ("DPRK", "PRK", "un list"), ("Holy See", "VAT", "un"), ("Vatican", "VAT", "common"),
    ("Saint Kitts and Nevis", "KNA", "un"), ("Sao Tome and Principe", "STP", "un"),
    ("Republic of the Congo", "COG", "common"), ("Congo (Brazzaville)", "COG", "common"),
    ("Congo (Kinshasa)", "COD", "common"), ("Zaire", "COD", "common (before 1997)"),
    ("Stateless", "XXA", "icao9303"), ("Iraq", "IRQ", "iso3166-1 name"),
]
for name, code, source in HAND:
    add(name, code, source)

out = io.StringIO()
out.write("# Country names and variants -> XES country code (ISO 3166-1 alpha-3, ICAO 9303 or ISO 3166-3 for\n"
          "# former countries), for the `country` transform of profiles. Matched case-insensitively, spaces\n"
          "# collapsed; the alpha-3 and alpha-2 codes of countries.csv (and NCIC codes of ncic-countries.csv\n"
          "# on request) are matched too and are not repeated here.\n"
          "# source: Debian iso-codes 4.15.0 (iso_3166-1.json names, official and common names; French from\n"
          "#   iso_3166-1.mo); UN short and formal names (UNTERM, UN Security Council consolidated list);\n"
          "#   ISO 3166-3 for former countries; ICAO Doc 9303 Part 3; common English forms (source 'common').\n"
          "# generated-by: scripts/gen_country_names.py\n")
w = csv.writer(out, lineterminator="\n")
w.writerow(["name", "code", "source"])
for name, (code, source) in sorted(rows.items(), key=lambda kv: kv[0].casefold()):
    w.writerow([name, code, source])
sys.stdout.write(out.getvalue())
