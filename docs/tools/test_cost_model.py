"""Checks cost_model.py against hand-computed figures. Run: python3 -m unittest discover -s docs/tools -p 'test_*.py'"""
import argparse
import os
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # keep docs/tools free of __pycache__
sys.path.insert(0, os.path.dirname(__file__))
import cost_model as cm  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def args(**kw):
    base = dict(overhead_ms=20.0, memory=512, arch="arm64", object_bytes=cm.OBJECT_BYTES, revalidate=60.0,
                throttle_rps=50.0, max_delay=20.0, timeout=29.0, reserved=100.0, section=None)
    base.update(kw)
    return argparse.Namespace(**base)


class CostModelTest(unittest.TestCase):
    def test_sleep_cost_matches_design_fact(self):
        # DESIGN.md section 6: about $0.067 per 1,000 requests of 10 s at 512 MB arm64.
        per_thousand = 1000 * 0.5 * 10 * cm.LAMBDA_GBS["arm64"]
        self.assertAlmostEqual(per_thousand, 0.0667, places=4)

    def test_lambda_cost_per_million_512_arm_10s(self):
        # 0.20 + 1e6 * 0.5 GB * 10.02 s * 0.0000133334 = 67.0003
        self.assertAlmostEqual(cm.lambda_cost_per_million(512, "arm64", 10, 20), 67.0003, places=3)

    def test_billing_rounds_up_to_one_ms(self):
        self.assertEqual(cm.billed_seconds(0, 0.2), 0.001)
        self.assertEqual(cm.billed_seconds(1, 20), 1.02)

    def test_littles_law_one_million_users(self):
        lam = 1e6 / 60
        self.assertAlmostEqual(lam * cm.billed_seconds(10, 20), 167_000, delta=1)

    def test_tiers(self):
        self.assertAlmostEqual(cm.tiered(1.3e9, [(3e8, 1.0), (7e8, 0.9), (float("inf"), 0.8)]), 3e8 + 6.3e8 + 2.4e8)

    def test_exposure_is_capped_by_account_concurrency(self):
        text = cm.section_exposure(args(reserved=0))
        self.assertIn("| 1,000 |", text)

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
