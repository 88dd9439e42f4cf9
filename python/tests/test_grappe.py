"""The Python module against the dbmss oracles and against the grappe command line.

Run by CTest (Python.Module) with PYTHONPATH on the built module and GRAPPE_BINARY naming the
built `grappe`; a demo register is generated and ingested once for the register tests.
"""
import csv
import os
import shutil
import subprocess
import tempfile
import unittest

import numpy as np

import grappe

SOURCE = os.environ.get("GRAPPE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("GRAPPE_BINARY", "grappe")
ORACLES = os.path.join(SOURCE, "tests", "data", "oracles", "dbmss")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def oracle_points(name):
    rows = read_csv(os.path.join(ORACLES, name))
    return {k: np.array([float(r[k]) for r in rows]) for k in ("x", "y", "weight")}, [r["type"] for r in rows]


def oracle_curve(name, column):
    rows = read_csv(os.path.join(ORACLES, name))
    return np.array([float(r["r"]) for r in rows]), np.array([float(r[column]) for r in rows])


class EstimatorsMatchDbmss(unittest.TestCase):
    def test_kd_of_each_type_and_weighting(self):
        points, types = oracle_points("points5k.csv")
        for kind in ("A", "B"):
            chosen = np.array([t == kind for t in types])
            for weighted in (False, True):
                name = f"points5k_kd_{kind}{'_weighted' if weighted else ''}.csv"
                r, expected = oracle_curve(name, "kd")
                got = grappe.kdhat(points["x"][chosen], points["y"][chosen], r=r,
                                   weights=points["weight"][chosen], weighted=weighted)
                # dbmss evaluates through R's binned density(): 2e-3 relative, with a floor
                # where the curve is tiny (tests/data/oracles/README.md).
                tolerance = np.maximum(2e-3 * expected, 1e-3 * expected.max())
                self.assertTrue(np.all(np.abs(got["kd"] - expected) <= tolerance), name)
                self.assertGreater(got["bandwidth"], 0)

    def test_m_of_the_localised_type(self):
        points, types = oracle_points("points5k.csv")
        r, expected = oracle_curve("points5k_m_A.csv", "m")
        got = grappe.m(points["x"], points["y"], types, "A", r=r, weights=points["weight"])
        self.assertTrue(np.isnan(got["m"][0]) and np.isnan(expected[0]))  # nobody within 0 m
        np.testing.assert_allclose(got["m"][1:], expected[1:], rtol=1e-9)

    def test_m_envelope_is_seeded(self):
        points, types = oracle_points("points5k.csv")
        r = np.array([1000.0, 5000.0, 20000.0])
        one = grappe.m(points["x"], points["y"], types, "A", r=r, simulations=19, seed=7)
        two = grappe.m(points["x"], points["y"], types, "A", r=r, simulations=19, seed=7)
        np.testing.assert_array_equal(one["upper"], two["upper"])
        self.assertTrue(np.all(one["lower"] <= one["upper"]))

    def test_bad_input_names_the_place(self):
        with self.assertRaisesRegex(ValueError, r"x\[2\]"):
            grappe.kdhat([0.0, 1.0, float("nan")], [0.0, 1.0, 2.0])
        with self.assertRaisesRegex(ValueError, "y has 2 values for 3 points"):
            grappe.kdhat([0.0, 1.0, 2.0], [0.0, 1.0])
        with self.assertRaisesRegex(ValueError, "increasing"):
            grappe.kdhat([0.0, 1.0, 2.0], [0.0, 1.0, 2.0], r=[1000.0, 500.0])
        with self.assertRaisesRegex(ValueError, "reference type 'Q'"):
            grappe.m([0.0, 1.0], [0.0, 1.0], ["A", "B"], "Q")


class RegisterFromTheDemo(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="grappe-python-")
        demo = os.path.join(cls.work, "demo")
        cls.path = os.path.join(cls.work, "demo.grr")
        run = lambda *args: subprocess.run([BINARY, *args], check=True, capture_output=True)
        run("demo-register", "--out", demo, "--establishments", "20000", "--seed", "3")
        run("ingest", "--etablissements", os.path.join(demo, "StockEtablissement_utf8.csv"),
            "--unites-legales", os.path.join(demo, "StockUniteLegale_utf8.csv"),
            "--successions", os.path.join(demo, "StockEtablissementLiensSuccession_utf8.csv"),
            "--out", cls.path, "--summary", os.path.join(cls.work, "summary.json"))
        cls.run_cli = staticmethod(run)
        cls.reg = grappe.Register(cls.path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_columns_share_the_files_memory_read_only(self):
        cols = self.reg.columns()
        self.assertEqual(len(cols["siret"]), len(self.reg))
        self.assertFalse(cols["x"].flags.writeable)
        self.assertIsNotNone(cols["x"].base)  # a view, not a copy
        with self.assertRaises(ValueError):
            cols["x"][0] = 1.0

    def test_sector_rows_and_lookups_agree_with_the_columns(self):
        cols = self.reg.columns()
        codes = self.reg.sector_codes()
        first, last = self.reg.sector_rows("25.62B")
        self.assertGreater(last, first)
        self.assertTrue(all(codes[s] == "25.62B" for s in cols["sector"][first:last]))
        siret = int(cols["siret"][first])
        self.assertEqual(self.reg.find_siret(siret), first)
        self.assertIsNone(self.reg.find_siret(1))
        self.assertIsInstance(self.reg.name(first), str)
        with self.assertRaises(IndexError):
            self.reg.name(len(self.reg))
        with self.assertRaisesRegex(ValueError, "not a NAF"):
            self.reg.sector_rows("99.99Q")

    def test_successions_are_those_of_the_file(self):
        links = self.reg.successions()
        with open(os.path.join(self.work, "demo", "StockEtablissementLiensSuccession_utf8.csv")) as f:
            rows_in_file = sum(1 for _ in f) - 1
        self.assertEqual(len(links["predecessor"]), rows_in_file)

    def test_kd_of_a_trade_equals_the_command_line(self):
        out = os.path.join(self.work, "kd.csv")
        self.run_cli("kd", "--register", self.path, "--trade", "shop-fitting", "--simulations", "19",
                     "--seed", "5", "--out", out)
        cli = read_csv(out)
        got = grappe.kd(self.reg, trade="shop-fitting", simulations=19, seed=5)
        for column, key in (("kd", "kd"), ("lo_local", "lower"), ("hi_global", "global_upper")):
            np.testing.assert_allclose(got[key], [float(row[column]) for row in cli], rtol=1e-10)
        self.assertGreater(got["gamma"], 0)  # the planted shop-fitting cluster is localised
        self.assertTrue(np.all(got["lower"] <= got["upper"]))
        with self.assertRaisesRegex(ValueError, "either sector"):
            grappe.kd(self.reg, sector="25.62B", trade="shop-fitting")

    def test_measures_equal_the_command_line(self):
        out = os.path.join(self.work, "measures.csv")
        self.run_cli("measure", "--register", self.path, "--out", out)
        cli = read_csv(out)
        got = grappe.measures(self.reg)
        self.assertEqual(len(got["value"]), len(cli))
        for i in (0, len(cli) // 2, len(cli) - 1):
            self.assertEqual(got["group"][i], cli[i]["group"])
            self.assertEqual(got["measure"][i], cli[i]["measure"])
            self.assertAlmostEqual(got["value"][i], float(cli[i]["value"]), places=6)
        lq = np.array([v for v, m in zip(got["value"], got["measure"]) if m == "lq"])
        # By employment, a group whose establishments all have an unknown headcount has no
        # employment: its LQ is 0/0, NaN, in both.
        self.assertEqual(np.isnan(lq).sum(), sum(1 for row in cli if row["measure"] == "lq" and row["value"] == "NaN"))
        finite = lq[~np.isnan(lq)]
        self.assertTrue(len(finite) > 0 and finite.min() >= 0 and finite.max() > 1)

    def test_reads_what_grappe_scan_writes(self):
        # The candidates contract (tests/candidate/contract_test.cpp for the other readers).
        out = os.path.join(self.work, "candidates.json")
        self.run_cli("scan", "--register", self.path, "--trade", "shop-fitting", "--simulations", "99", "--out", out)
        candidates = grappe.read_candidates(out)
        self.assertGreater(len(candidates), 0)
        first = candidates[0]
        self.assertEqual(first["trade"], "shop-fitting")
        cols = self.reg.columns()
        codes = self.reg.sector_codes()
        for member in first["members"]:
            row = self.reg.find_siret(int(member["siret"]))
            self.assertIsNotNone(row, member["siret"])
            self.assertEqual(codes[cols["sector"][row]], member["code"])  # the member's own NAF code
            self.assertIn(member["code"], first["codes"])
        # Its trade measured from Python: the planted cluster is localised.
        self.assertGreater(grappe.kd(self.reg, trade=first["trade"], simulations=19)["gamma"], 0)
        with open(out, encoding="utf-8") as f:
            text = f.read().replace('"siret": "' + first["members"][0]["siret"] + '"', '"siret": "123"', 1)
        bad = os.path.join(self.work, "bad.json")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(text)
        with self.assertRaisesRegex(ValueError, r"bad.json.*candidates\[0\]\.members\[0\]\.siret"):
            grappe.read_candidates(bad)

    def test_a_missing_file_is_named(self):
        with self.assertRaisesRegex(FileNotFoundError, "no-such.grr"):
            grappe.Register(os.path.join(self.work, "no-such.grr"))


if __name__ == "__main__":
    unittest.main()
