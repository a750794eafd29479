"""Writes events.jsonl: the gold events of the mm+gv, usdos and news sample sets
(hand-assigned; each line names its ``set``).

Each claim is keyed by article, category, span and occurrence (the n-th gold claim of
that article, category and span); optional gold claims are left out. An event
is one happening (one protest day or campaign at one place, or a country-wide wave);
a local incident inside a wave names the wave as its parent.

Types follow docs/decisions.md (events): a protest type only where the text tells of a
protest; armed attacks on civilians, disappearances and deaths in custody are
violence against civilians; attacks of armed groups on police or soldiers are
armed_clash; arrests and sentences outside a told protest are arrests; judicial
executions and tolls without a cause told are other. Three mm types were revised to
these rules (issue 21): ir-2009-wave holds "dozens were killed" (excessive force, not
intervention); ir-2009-02-23 and ir-2010-12-07 are notes that say only "70 reportedly
arrested" / "dozens arrested", no word of a protest (arrests, not intervention).
"""
import json
from pathlib import Path

E = {  # id: (type, parent, [(article, category, span, n), ...])
 "ir-2009-wave": ("protest_excessive_force", None, [("mm-002","arrested","dozens",0),("mm-002","arrested","hundreds",0),("mm-003","arrested","hundreds",0),("mm-009","killed","dozens",0),("mm-009","arrested","thousands",0)]),
 "ir-2009-02-23": ("arrests", None, [("mm-001","arrested","70",0)]),
 "ir-2009-06-15": ("protest_excessive_force", "ir-2009-wave", [("mm-002","killed","eight",0)]),
 "ir-2009-06-17": ("protest_peaceful", "ir-2009-wave", [("mm-002","participants","more than 100,000",0)]),
 "ir-2009-07-17": ("protest_peaceful", "ir-2009-wave", [("mm-003","participants","thousands",0)]),
 "ir-2009-12-07": ("protest_intervention", "ir-2009-wave", [("mm-004","participants","thousands",0),("mm-004","arrested","dozens",0),("mm-004","injured","dozens",0)]),
 "ir-2009-12-27": ("protest_excessive_force", "ir-2009-wave", [("mm-006","killed","at least 10",0),("mm-006","injured","hundreds",0),("mm-006","arrested","300",0)]),
 "ir-2010-12-07": ("arrests", None, [("mm-007","arrested","dozens",0)]),
 "ir-2011-02-14": ("protest_excessive_force", None, [("mm-008","killed","two",0)]),
 "ir-2012-10-03": ("protest_intervention", None, [("mm-010","participants","dozens",0),("mm-010","arrested","16",0)]),
 "ir-2015-mahabad": ("protest_excessive_force", None, [("mm-011",c,s,n) for c,s,n in [("participants","hundreds",0),("participants","5,000",0),("injured","dozens",0),("killed","two",0),("arrested","up to 100",0),("killed","three",0),("injured","dozens",1)]]),
 "ir-2016-01-30": ("protest_intervention", None, [("mm-012","arrested","dozens",0)]),
 "ir-2018-hijab": ("protest_intervention", None, [("mm-013","arrested","twenty nine",0),("mm-013","participants","more than two dozen",0)]),
 "ir-2017-wave": ("protest_excessive_force", None, [("mm-014","participants","thousands",0),("mm-014","arrested","dozens",0),("mm-014","participants","many thousands",0),("mm-015","arrested","more than 1,000",0),("mm-016","protest_sites","75",0),("mm-016","killed","at least 25",0),("mm-016","arrested","nearly 5,000",0),("mm-016","killed","at least 25",1),("mm-016","protest_sites","as many as 70",0)]),
 "ir-2017-12-28-mashhad": ("protest_intervention", "ir-2017-wave", [("mm-014","arrested","52",0)]),
 "ir-2018-05-16-kazerun": ("protest_excessive_force", None, [("mm-015","killed","several",0)]),
 "ir-2018-05-22-kazerun": ("protest_peaceful", None, [("mm-015","participants","hundreds",0)]),
 "ir-2018-06-25": ("protest_intervention", None, [("mm-016","participants","thousands",0),("mm-016","arrested","several",0)]),
 "ir-2018-08-02": ("protest_peaceful", None, [("mm-017","participants","in the hundreds, perhaps more",0)]),
 "ir-2018-08-02-karaj": ("protest_excessive_force", "ir-2018-08-02", [("mm-017","killed","one",0)]),
 "ir-2019-wave": ("protest_excessive_force", None, [("mm-018","killed","at least six",0),("mm-018","protest_sites","dozens",0),("mm-019","protest_sites","about two dozen",0),("mm-019","killed","at least one",0)] + [("mm-020",c,s,0) for c,s in [("killed","as many as 106"),("protest_sites","21"),("killed","12"),("injured","hundreds"),("arrested","more than a thousand"),("killed","two"),("killed","at least five")]]),
 "ir-2020-01-08-ps752": ("violence_against_civilians", None, [("mm-021","killed","176",0),("mm-022","killed","176",0)]),
 "ir-2020-01-11": ("protest_intervention", None, [("mm-021","participants","thousands",0)]),
 "ir-2020-01-13": ("protest_intervention", None, [("mm-022","protest_sites","at least two",0)]),
 "sd-2019-sitin": ("protest_peaceful", None, [("mm-023","participants","thousands",0),("mm-023","participants","hundreds of thousands",0),("mm-023","participants","tens of thousands",0),("mm-023","participants","thousands",1),("mm-023","participants","thousands",2),("mm-023","participants","thousands",3)]),
 "sd-2019-04-21": ("protest_peaceful", "sd-2019-sitin", [("mm-023","participants","tens of thousands",1)]),
 "sd-2019-06-03": ("protest_excessive_force", None, [("mm-023",c,s,0) for c,s in [("killed","an estimated 31"),("injured","hundreds"),("killed","at least 35"),("killed","four"),("injured","650")]] + [("mm-024","killed","scores",0)]),
 "sd-2019-06-30": ("protest_excessive_force", None, [("mm-024",c,s,n) for c,s,n in [("participants","tens of thousands",0),("killed","at least seven",0),("injured","181",0),("killed","at least seven",1),("injured","180",0),("participants","tens of thousands",1)]]),
 "sd-2019-06-30-atbara": ("protest_excessive_force", "sd-2019-06-30", [("mm-024","killed","one",0)]),
 "sd-2018-12-20": ("protest_intervention", None, [("mm-025","participants","hundreds",0),("mm-025","arrested","at least 20",0),("mm-025","participants","in the hundreds",0)]),
 "sd-2018-12-20-qadaref": ("protest_excessive_force", "sd-2018-12-20", [("mm-025","killed","at least two",0),("mm-025","killed","two",0)]),
 "iq-2020-01-26": ("riot", None, [("mm-026","participants","thousands",0)]),
 "iq-2020-01-25-baghdad": ("protest_excessive_force", "iq-2020-01-26", [("mm-026","killed","four",0),("mm-026","injured","dozens",0)]),
 "iq-2020-01-26-tahrir": ("protest_peaceful", "iq-2020-01-26", [("mm-026","participants","hundreds",0)]),
 "iq-2020-01-26-nasiriyah": ("protest_excessive_force", "iq-2020-01-26", [("mm-026","injured","at least 75",0),("mm-026","participants","hundreds",1)]),
 "iq-2020-01-26-basra": ("protest_peaceful", "iq-2020-01-26", [("mm-026","participants","more than 2,000",0)]),
 "iq-2020-01-24-sadr": ("protest_peaceful", None, [("mm-026","participants","tens of thousands",0)]),
 "eg-2012-05-02-abbassiya": ("protest_excessive_force", None, [("gv-003","killed","Eleven",0),("gv-003","injured","more than 160",0),("gv-003","participants","more than a few hundred",0)]),
 "mr-2012-05-03-nouakchott": ("protest_excessive_force", None, [("gv-004","injured","Scores",0),("gv-004","arrested","dozens",0),("gv-004","arrested","several",0)]),
 "ru-2012-05-06-moscow": ("riot", None, [("gv-005","injured","Dozens",0),("gv-005","injured","several",0)]),
 "es-2012-05-barcelona": ("arrests", None, [("gv-006","arrested","10",0)]),
 "gt-2012-05-01-barillas": ("violence_against_civilians", None, [("gv-007","injured","two",0)]),
 "gt-2012-05-barillas-siege": ("arrests", None, [("gv-007","arrested","more than 12",0)]),
 "in-2012-03-kudankulam": ("protest_intervention", None, [("gv-009","arrested","approximately 200",0)]),
 "in-2012-05-09-voter-ids": ("protest_peaceful", None, [("gv-009","participants","around 23,000",0)]),
 "in-2012-idinthakarai": ("protest_peaceful", None, [("gv-009","participants","some 9,000",0),("gv-009","participants","several hundred",0)]),
 "th-2012-05-19": ("protest_peaceful", None, [("gv-010","participants","tens of thousands",0)]),
 "th-2010-crackdown": ("protest_excessive_force", None, [("gv-010",c,s,0) for c,s in [("killed","more than 90"),("killed","91"),("killed","93"),("killed","bout 100"),("killed","25")]]),
 "de-2012-blockupy": ("protest_intervention", None, [("gv-011","participants","thousands",0)]),
 "de-2012-05-17": ("protest_intervention", "de-2012-blockupy", [("gv-011","participants","around 2,000",0),("gv-011","arrested","at least 400",0)]),
 "de-2012-05-19": ("protest_peaceful", "de-2012-blockupy", [("gv-011","participants","around 20,000",0),("gv-011","participants","more than 25,000",0)]),
}

USDOS = {
 "ir-2019-11-fuel": ("protest_excessive_force", None, [("usdos-dev-01","killed","approximately 1,500",0),("usdos-dev-01","killed","at least 304",0)]),
 "ir-2019-11-mahshahr": ("protest_excessive_force", "ir-2019-11-fuel", [("usdos-dev-01","killed","up to 100",0)]),
 "ir-2020-executions": ("other", None, [("usdos-dev-02","killed","close to 200",0),("usdos-dev-02","killed","only 36",0)]),
 "ir-2022-11-13-sentences": ("arrests", None, [("usdos-dev-03","sentenced","one",0),("usdos-dev-03","sentenced","five",0)]),
 "iq-2019-protest-movement": ("protest_excessive_force", None, [("usdos-dev-04","protest_sites","several",0),("usdos-dev-04","killed","591",0)]),
 "iq-2019-missing-protesters": ("violence_against_civilians", None, [("usdos-dev-04","disappeared","54",0)]),
 "iq-2019-activists-killed": ("violence_against_civilians", None, [("usdos-dev-04","killed","35",0)]),
 "by-2020-postelection": ("protest_excessive_force", None, [("usdos-dev-05","killed","At least four",0),("usdos-dev-06","killed","four",0)]),
 "by-2021-deaths": ("violence_against_civilians", None, [("usdos-dev-06","killed","at least two",0)]),
 "by-2011-06-22": ("protest_intervention", None, [("usdos-dev-07","participants","more than 6,000",0),("usdos-dev-07","arrested","at least 460",0)]),
 "by-2011-07-03": ("protest_intervention", None, [("usdos-dev-07","arrested","nearly 400",0),("usdos-dev-07","arrested","20",0)]),
 "by-2011-07-06": ("protest_intervention", None, [("usdos-dev-07",c,s,0) for c,s in [("participants","more than 2,500"),("protest_sites","35"),("arrested","400"),("arrested","28"),("sentenced","193")]]),
 "by-2011-03-25": ("protest_intervention", None, [("usdos-dev-07","arrested","at least 50",0)]),
 "by-2011-12-19-minsk": ("protest_intervention", None, [("usdos-dev-07","arrested","more than 50",0),("usdos-dev-07","sentenced","at least 28",0),("usdos-dev-07","arrested","Eight",0)]),
 "by-2011-12-19-vitsyebsk": ("arrests", None, [("usdos-dev-07","arrested","one",0)]),
 "cl-2019-unrest": ("protest_excessive_force", None, [("usdos-dev-08","killed","Five",0),("usdos-dev-08","arrested","Three",0)]),
 "hk-2020-05-25": ("protest_intervention", None, [("usdos-dev-09","arrested","approximately 400",0),("usdos-dev-09","arrested","some 100",0)]),
 "lb-2020-04-27-tripoli": ("protest_excessive_force", None, [("usdos-dev-10","killed","One",0)]),
 "lb-2020-08-20-loubye": ("riot", None, [("usdos-dev-10","injured","10",0)]),
 "af-2017-toll": ("violence_against_civilians", None, [("usdos-dev-11","killed","2,666",0),("usdos-dev-11","killed","560",0)]),
 "af-2018-toll": ("violence_against_civilians", None, [("usdos-dev-11","killed","2,798",0),("usdos-dev-11","killed","761",0),("usdos-dev-11","killed","1,743",0)]),
 "af-2017-09-zurmat": ("violence_against_civilians", None, [("usdos-dev-11","injured","two",0)]),
 "af-2018-08-15-kabul": ("violence_against_civilians", None, [("usdos-dev-11","killed","48",0),("usdos-dev-11","injured","67",0)]),
 "af-2019-toll": ("violence_against_civilians", None, [("usdos-dev-12","killed","2,560",0),("usdos-dev-12","killed","1,149",0)]),
 "af-2018-toll-again": ("violence_against_civilians", None, [("usdos-dev-12","killed","2,870",0),("usdos-dev-12","killed","717",0)]),
 "af-2019-08-07-kabul": ("armed_clash", None, [("usdos-dev-12","killed","14",0),("usdos-dev-12","injured","145",0)]),
 "af-2019-08-17-kabul": ("violence_against_civilians", None, [("usdos-dev-12","killed","91",0),("usdos-dev-12","injured","143",0)]),
 "mm-2007-09-saffron": ("protest_excessive_force", None, [("usdos-dev-13","killed","at least 30",0)]),
 "mm-2007-activists-detained": ("arrests", None, [("usdos-dev-13","arrested","more than 3,000",0),("usdos-dev-13","arrested","at least 300",0),("usdos-dev-13","arrested","at least 15",0)]),
 "ni-2018-campesinos": ("violence_against_civilians", None, [("usdos-dev-14","killed","at least 30",0)]),
}

NEWS = {
 "ir-2011-02-14-tehran": ("protest_intervention", None, [("news-01","participants","thousands",0)]),
 "ir-2009-election-protests": ("protest_peaceful", None, [("news-01","participants","hundreds of thousands",0)]),
 "bh-2011-02-14": ("protest_intervention", None, [("news-02","protest_sites","several",0)]),
 "bh-2011-02-13-karzakan": ("protest_excessive_force", None, [("news-02","injured","One",0)]),
 "sy-2011-03-daraa-wave": ("protest_excessive_force", None, [("news-03","killed","Dozens",0)]),
 "sy-2011-03-28-daraa": ("protest_intervention", "sy-2011-03-daraa-wave", [("news-03","participants","hundreds",0)]),
 "sy-2011-03-25-latakia": ("protest_excessive_force", "sy-2011-03-daraa-wave", [("news-03","killed","at least 12",0)]),
 "ir-2017-12-wave": ("protest_excessive_force", None, [("news-04","killed","at least 21",0),("news-04","arrested","Hundreds",0),("news-05","arrested","3,700",0),("news-05","arrested","about 3,700",0)]),
 "ir-2018-custody-deaths": ("violence_against_civilians", None, [("news-05","killed","at least five",0),("news-05","killed","Two",0)]),
 "sd-2019-06-30-marches": ("protest_excessive_force", None, [("news-06",c,s,0) for c,s in [("killed","5"),("participants","Thousands"),("killed","five"),("injured","several"),("participants","Tens of thousands")]]),
 "sd-2019-06-03-sitin": ("protest_excessive_force", None, [("news-06","killed","at least 128",0),("news-06","killed","61",0)]),
 "hk-2019-07-28": ("protest_intervention", None, [("news-07","participants","thousands",0),("news-07","participants","thousands",1)]),
 "hk-2019-07-27": ("protest_intervention", None, [("news-07","arrested","11",0),("news-07","injured","at least two dozen",0)]),
 "iq-2019-10-25-wave": ("protest_excessive_force", None, [("news-08","killed","at least 72",0)]),
 "iq-2019-10-28-baghdad": ("protest_excessive_force", "iq-2019-10-25-wave", [("news-08","killed","At least three",0),("news-08","injured","more than 100",0)]),
 "iq-2019-10-early": ("protest_excessive_force", None, [("news-08","killed","nearly 150",0)]),
 "by-2020-09-01-minsk": ("protest_intervention", None, [("news-09","arrested","scores",0),("news-09","participants","Hundreds",0),("news-09","arrested","several",0)]),
 "by-2020-strike-organizers": ("arrests", None, [("news-09","arrested","several",1)]),
 "mm-2021-03-03": ("protest_excessive_force", None, [("news-10","killed","Several",0),("news-10","killed","at least eight",0),("news-10","protest_sites","several",0),("news-11","killed","At Least 9",0),("news-11","killed","Several",0),("news-11","killed","at least nine",0),("news-11","injured","Several",0)]),
 "mm-2021-02-28": ("protest_excessive_force", None, [("news-10","killed","at least 18",0),("news-11","killed","18",0)]),
 "mm-2021-coup-wave": ("protest_excessive_force", None, [("news-10","killed","at least 40",0),("news-11","killed","More than 20",0)]),
 "mm-2021-03-03-yangon": ("protest_intervention", "mm-2021-03-03", [("news-10","arrested","about 300",0)]),
 "mm-2021-03-03-mandalay": ("protest_excessive_force", "mm-2021-03-03", [("news-10","participants","around 1,000",0),("news-11","killed","at least two",0)]),
 "mm-2021-03-03-monywa": ("protest_excessive_force", "mm-2021-03-03", [("news-11","killed","five",0)]),
 "mm-2021-03-03-sagaing": ("protest_excessive_force", "mm-2021-03-03", [("news-11","killed","four",0)]),
 "mm-2021-04-09-bago": ("protest_excessive_force", None, [("news-12","killed","More Than 80",0),("news-12","killed","more than 80",1),("news-12","killed","82",0),("news-12","killed","over 80",0)]),
 "mm-2021-04-10-naungmon": ("armed_clash", None, [("news-12","killed","at least 10",0),("news-12","killed","at least 10",1),("news-12","killed","14",0)]),
 "sd-2021-11-17": ("protest_intervention", None, [("news-13","protest_sites","several",0)]),
 "sd-2021-11-17-khartoum": ("protest_excessive_force", "sd-2021-11-17", [("news-13","killed","2",0),("news-13","killed","Two",0),("news-13","injured","dozens",0)]),
 "ir-2022-11-03-karaj": ("riot", None, [("news-14","participants","thousands",0),("news-14","participants","thousands",1)]),
 "ir-2022-wave": ("protest_excessive_force", None, [("news-14","killed","several",0),("news-14","killed","dozens",0)]),
}

SETS = {"mm+gv": E, "usdos": USDOS, "news": NEWS}

if __name__ == "__main__":
    with open(Path(__file__).with_name("events.jsonl"), "w", encoding="utf-8") as out:
        for set_, events in SETS.items():
            for id_, (type_, parent, claims) in events.items():
                out.write(json.dumps({"id": id_, "set": set_, "type": type_, "parent": parent,
                                      "claims": [dict(zip(("article", "category", "span", "n"), c))
                                                 for c in claims]}, ensure_ascii=False) + "\n")
