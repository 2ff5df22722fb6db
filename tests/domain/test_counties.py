"""The county houses' contacts: only rows whose status is `current`, display-ready (M4)."""

import csv

from domain.reference import counties
from domain.reference.counties import DATA, HouseContacts, county, read_counties


def test_every_county_and_bucharest_once():
    codes = [c.code for c in counties.all_counties()]
    assert len(codes) == 42 == len(set(codes))
    assert county("B").house_name == "Casa de Pensii a Municipiului București"


def test_only_current_rows_give_contacts():
    rows = {row["code"]: row for row in csv.DictReader(DATA.open(encoding="utf-8"))}
    for code, row in rows.items():
        if row["status"] != "current":
            assert county(code).contacts == HouseContacts(), code
        else:
            assert county(code).contacts != HouseContacts(), code
    # Arad's street is `low`, Călărași's phones `old`: neither is offered.
    assert rows["AR"]["address"] and county("AR").contacts.postal_address == ""
    assert rows["CL"]["phone"] and county("CL").contacts.phones == ()


def test_contacts_are_display_ready():
    dambovita = county("DB").contacts
    assert dambovita.email == "casadepensiidambovita@cnpp.ro"
    assert dambovita.life_certificate_email == "certificateviata.dambovita@cnpp.ro"
    # The researchers' bracketed notes are dropped; weekdays are in Romanian.
    assert dambovita.phones == ("0374.491.199",)
    assert dambovita.hours == "Relații cu publicul: Luni–Joi 08:30–16:00, Vineri 08:30–12:00"
    assert dambovita.website_url == "https://www.pensiidb.ro"
    # A note holding a ';' does not split a number; "and" between numbers does.
    assert county("CS").contacts.phones == ("0255 224 780", "0255 225 887", "0255 215 655")
    assert county("SJ").contacts.phones == ("0260-622145", "0260/622.990", "0799/902.699")
    assert county("AG").contacts.postal_address == (
        "str. I.C. Brătianu nr. 38, 110005 Pitești, județul Argeș"
    )


def test_a_house_gains_its_contacts_with_one_more_line(tmp_path):
    copy = tmp_path / "county_pension_houses.csv"
    text = DATA.read_text(encoding="utf-8")
    line = (
        "ZZ,Test,Casa de Pensii Test,Testești,str. Nouă nr. 1,123456,test@cnpp.ro,,"
        "0200 000 000,,Mon–Fri 08:00–16:00,www.test.ro,current,https://example.ro,\n"
    )
    copy.write_text(text + line, encoding="utf-8")
    added = {c.code: c for c in read_counties(copy)}["ZZ"]
    assert added.contacts == HouseContacts(
        postal_address="str. Nouă nr. 1, 123456 Testești, județul Test",
        email="test@cnpp.ro",
        phones=("0200 000 000",),
        hours="Luni–Vineri 08:00–16:00",
        website="www.test.ro",
    )
    assert len(read_counties(copy)) == len(counties.all_counties()) + 1
