#!/usr/bin/python3
"""A quick StockEtablissement-shaped CSV (SIRENE 3.11 columns + the Dec-2025 NAF25 column) for
benchmarking when `grappe demo-register` is not available. Not realistic beyond its shape:
valid SIRETs, real NAF codes, Lambert-93 points in France's bounding box, some quoted names,
a few [ND] coordinates and closed rows.  Usage: synthetic_sirene.py ROWS OUT.csv"""
import json, os, random, re, sys



def columns():
    """INSEE's header from the register's one table of SIRENE column names."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "register", "include",
                        "grappe", "register", "sirene_columns.hpp")
    table = re.search(r"kEstablishmentColumns = \{(.*?)\};", open(path, encoding="utf-8").read(), re.S).group(1)
    names = re.findall(r'"([^"]+)"', table)
    assert len(names) == 54, "the rows below are laid out for INSEE's 54 columns"
    return ",".join(names)


def luhn_complete(payload):
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return payload + str((10 - total % 10) % 10)


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
    naf = [e["id"] for e in json.load(open(os.path.join(root, "naf_rev2.json"))) if len(e["id"]) == 6]
    communes = [l.split(",")[0] for l in open(os.path.join(root, "communes.csv"), encoding="utf-8").read().splitlines()[1:]
                if ",metro," in l]
    rng = random.Random(42)
    bands = ["NN", "NN", "NN", "00", "01", "02", "03", "11", "12", "21", "22", "31"]
    streets = ["DES FORGES", "DE LA GARE", "DU MOULIN", "JEAN JAURES", "DE LA REPUBLIQUE", "VICTOR HUGO"]
    names = ["", "", "", "BOULANGERIE DU CENTRE", "\"LE CHAT NOIR\", BAR", "GARAGE MARTIN", "AGENCEMENT DU CHER"]
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(columns() + "\n")
        buf = []
        for i in range(rows):
            siren = luhn_complete("%08d" % (10000000 + i // 2))
            siret = luhn_complete(siren + "%04d" % (1 + i % 2))
            commune = rng.choice(communes)
            if rng.random() < 0.03:
                x = y = "[ND]"
            else:
                x = "%.2f" % rng.uniform(120000, 1200000)
                y = "%.2f" % rng.uniform(6100000, 7100000)
            name = rng.choice(names)
            if '"' in name or "," in name:
                name = '"' + name.replace('"', '""') + '"'
            code = rng.choice(naf)
            state = "F" if rng.random() < 0.3 else "A"
            created = "%04d-%02d-%02d" % (rng.randint(1950, 2024), rng.randint(1, 12), rng.randint(1, 28))
            buf.append(",".join([
                siren, siret[9:], siret, "O", created, rng.choice(bands), "2022", "", "2024-03-01T10:00:00",
                "true" if i % 2 == 0 else "false", "1", "", str(rng.randint(1, 120)), "", "", "", "RUE",
                rng.choice(streets), commune[:2] + "000", "VILLE", "", "", commune, "", "", "", "", commune + "_0001",
                x, y, "", "", "", "", "", "", "", "", "", "", "", "", "", "", created, state, "", "", "", name, code,
                "NAFRev2", "N", code]))
            if len(buf) == 50000:
                f.write("\n".join(buf) + "\n")
                buf = []
        if buf:
            f.write("\n".join(buf) + "\n")


if __name__ == "__main__":
    main()
