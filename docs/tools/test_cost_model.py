"""Checks cost_model.py against hand-computed figures. Run: python3 -m unittest discover -s docs/tools -p 'test_*.py'"""
import argparse
import os
import re
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # keep docs/tools free of __pycache__
sys.path.insert(0, os.path.dirname(__file__))
import cost_model as cm  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def args(**kw):
    base = dict(overhead_ms=20.0, object_bytes=cm.OBJECT_BYTES, arch="arm64", reserved=100.0, section=None,
                **cm.template_values())
    base.update(kw)
    return argparse.Namespace(**base)


class CostModelTest(unittest.TestCase):
    def test_sleep_cost_per_thousand(self):
        # About $0.067 per 1,000 requests of 10 s at 512 MB arm64: 1,000 x 0.5 GB x 10 s x $0.000013336.
        per_thousand = 1000 * 0.5 * 10 * cm.LAMBDA_GBS["arm64"]
        self.assertAlmostEqual(per_thousand, 0.0667, places=4)

    def test_lambda_cost_per_million_512_arm_10s(self):
        # 0.20 + 1e6 * 0.5 GB * 10.02 s * 0.000013336 = 67.01336
        self.assertAlmostEqual(cm.lambda_cost_per_million(512, "arm64", 10, 20), 67.01336, places=3)

    def test_billing_rounds_up_to_one_ms(self):
        self.assertEqual(cm.billed_seconds(0, 0.2), 0.001)
        self.assertEqual(cm.billed_seconds(1, 20), 1.02)

    def test_littles_law_one_million_users(self):
        lam = 1e6 / 60
        self.assertAlmostEqual(lam * cm.billed_seconds(10, 20), 167_000, delta=1)

    def test_tiers(self):
        self.assertAlmostEqual(cm.tiered(1.3e9, [(3e8, 1.0), (7e8, 0.9), (float("inf"), 0.8)]), 3e8 + 6.3e8 + 2.4e8)

    def test_exposure_is_capped_by_account_concurrency(self):
        # At a throttle above the quota / duration, the concurrency held stops at the account's 1,000.
        text = cm.section_exposure(args(reserved=0, throttle_rps=100.0))
        self.assertIn("| 1,000 |", text)

    def test_tables_use_the_template_values(self):
        a = args()
        values = cm.template_values()
        self.assertEqual((a.throttle_rps, a.max_delay, a.timeout, a.memory),
                         (values["throttle_rps"], values["max_delay"], values["timeout"], values["memory"]))
        self.assertIn(f"| {values['throttle_rps']:g} |", cm.section_exposure(a))


class PricesTest(unittest.TestCase):
    """docs/prices.md is the one table of prices; the model must use exactly those, as the AWS pages state them."""

    def setUp(self):
        self.prices = cm.load_prices()

    def test_every_page_is_an_aws_page(self):
        for key, row in self.prices.items():
            host = row["AWS page"].split("/")[2]
            self.assertTrue(host in ("aws.amazon.com", "docs.aws.amazon.com"), f"{key}: {row['AWS page']}")

    def test_every_row_is_quoted_derived_or_marked_as_an_assumption(self):
        for key, row in self.prices.items():
            note = row["on that page"]
            with self.subTest(key=key):
                self.assertRegex(row["read"], r"^\d{4}-\d{2}-\d{2}$")
                if note.startswith('"'):
                    # The price as the table writes it appears in the quoted text: "$0.20", "10%", ...
                    price = row["price"]
                    shown = [f"${price}", f"{float(price) * 100:g}%"]
                    self.assertTrue(any(s in note for s in shown), f"{key}: none of {shown} in {note}")
                elif note.startswith("derived:"):
                    factor, base = re.match(r"derived: ([0-9.]+) x (\w+)", note).groups()
                    self.assertAlmostEqual(row["value"], float(factor) * self.prices[base]["value"], places=12)
                else:
                    self.assertIn("assumption", note, f"{key}: neither quoted, derived nor marked as an assumption")

    def test_model_uses_the_table(self):
        p = {k: r["value"] for k, r in self.prices.items()}
        self.assertEqual(cm.LAMBDA_REQUEST_PER_MILLION, p["lambda_request_per_million"])
        self.assertEqual(cm.LAMBDA_GBS, {"x86_64": p["lambda_gbs_x86_64"], "arm64": p["lambda_gbs_arm64"]})
        self.assertEqual(cm.HTTP_API_TIERS, [(300e6, p["http_api_per_million"]),
                                             (float("inf"), p["http_api_per_million_over_300m"])])
        self.assertEqual(cm.REGION_DTO_PER_GB, p["region_data_out_per_gb"])
        self.assertEqual(cm.CLOUDFRONT_DTO_PER_GB, p["cloudfront_data_out_per_gb"])
        self.assertEqual(cm.CLOUDFRONT_HTTPS_PER_10K, p["cloudfront_https_per_10k"])
        self.assertEqual([price for _, price in cm.SFN_EXPRESS_GBH_TIERS],
                         [p["sfn_express_gbh_first_1000"], p["sfn_express_gbh_next_4000"], p["sfn_express_gbh_beyond"]])
        self.assertAlmostEqual(cm.LAMBDA_GBS_TIERS["arm64"][2][1], p["lambda_gbs_arm64"] * 0.8)
        # No price literal left in the model's source outside the table.
        with open(cm.__file__, encoding="utf-8") as fh:
            source = fh.read()
        self.assertNotRegex(source, r"=\s*0\.0000[0-9]+", "a per-GB-second price is hard-coded in cost_model.py")

    def test_http_api_above_300m_is_the_aws_rate(self):
        # AWS: "300+ million requests (per month): $0.90 (per million)"; no lower tier for HTTP APIs.
        self.assertEqual(len(cm.HTTP_API_TIERS), 2)
        self.assertAlmostEqual(cm.tiered(1.3e9 / 1e6, [(s / 1e6, p) for s, p in cm.HTTP_API_TIERS]), 300 + 0.9 * 1000)

    def test_docs_blocks_are_current(self):
        files = [os.path.join(REPO, "docs", f) for f in ("scaling.md", "security.md")]
        files = [f for f in files if os.path.exists(f)]
        if not files:
            self.skipTest("no docs with cost_model blocks")
        run = subprocess.run([sys.executable, os.path.join(REPO, "docs", "tools", "cost_model.py"), "--check", *files],
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)


if __name__ == "__main__":
    unittest.main()
