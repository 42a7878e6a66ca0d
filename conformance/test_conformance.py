"""Unit tests of conformance.py: the table parser, normalization, and how compare treats verdicts and fixes.

  python3 -m unittest discover -s conformance -p 'test_*.py'
"""
import contextlib
import io
import json
import pathlib
import tempfile
import unittest

import conformance as c


def record(rid, status="200", headers=None, body=b"", method="GET"):
    r = {"id": rid, "method": method, "target": "/x", "seconds": 0.0, "status": int(status),
         "headers": headers or [], "_raw": body}
    r["view"] = c.normalize(r, None)
    return r


class ParserTest(unittest.TestCase):
    def test_entries_quoted_and_folded_values(self):
        entries = c.parse_yaml_list(
            "# comment\n- request: a, b\n  field: status\n  sam: \"x: y\"\n  because: >\n    one\n    two\n"
            "- request: *\n  field: body\n", "t")
        self.assertEqual(entries, [{"request": "a, b", "field": "status", "sam": "x: y", "because": "one two"},
                                   {"request": "*", "field": "body"}])

    def test_rejects_a_key_twice_and_stray_lines(self):
        with self.assertRaises(ValueError):
            c.parse_yaml_list("- a: 1\n  a: 2\n", "t")
        with self.assertRaises(ValueError):
            c.parse_yaml_list("a: 1\n", "t")


class NormalizeTest(unittest.TestCase):
    def test_volatile_headers_and_json_fields_are_masked(self):
        r = record("r", headers=[["Date", "Sun"], ["apigw-requestid", "abc"], ["Content-Type", "application/json"],
                                 ["Content-Length", "31"]], body=b'{"requestId":"1","title":"Bad"}')
        self.assertEqual(r["view"]["header:date"], "(present)")
        self.assertEqual(r["view"]["header:apigw-requestid"], "(present)")
        self.assertEqual(r["view"]["body"], 'json {"requestId":"(masked)","title":"Bad"}')

    def test_csv_by_hash_and_head_by_content_length(self):
        r = record("r", headers=[["Content-Type", "text/csv"]], body=b"a,b\n")
        self.assertTrue(r["view"]["body"].startswith("csv bytes=4 sha256="))
        h = record("h", headers=[["Content-Length", "23"]], method="HEAD")
        self.assertEqual(h["view"]["body"], "empty content-length=23")


class CompareTest(unittest.TestCase):
    def run_compare(self, sam, local, adjudications, fixes=""):
        with tempfile.TemporaryDirectory() as d:
            p = pathlib.Path(d)
            for name, records in (("sam", sam), ("local", local)):
                for r in records:
                    r.pop("_raw", None)
                (p / f"{name}.json").write_text(json.dumps({"base": name, "sent": "now", "results": records}))
            (p / "a.yaml").write_text(adjudications)
            (p / "f.yaml").write_text(fixes)
            args = ["compare", "--sam", str(p / "sam.json"), "--local", str(p / "local.json"),
                    "--adjudications", str(p / "a.yaml"), "--fixes", str(p / "f.yaml"), "--json", str(p / "r.json")]
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                rc = c.main(args)
            result = json.loads((p / "r.json").read_text()) if (p / "r.json").exists() else None
            return rc, out.getvalue(), result

    VERDICT = ("- request: r\n  field: status\n  sam: 403\n  local: 404\n  covers: body\n  aws: 404\n"
               "  aws_source: https://example.org/\n  verdict: we follow AWS\n")

    def test_an_adjudicated_difference_and_its_consequences_pass(self):
        rc, out, result = self.run_compare([record("r", "403", body=b"x")], [record("r", "404", body=b"y")], self.VERDICT)
        self.assertEqual(rc, 0, out)
        self.assertEqual(result["summary"]["adjudicated"], 2)

    def test_a_difference_without_verdict_fails(self):
        rc, out, _ = self.run_compare([record("r", "403")], [record("r", "500")], self.VERDICT)
        self.assertEqual(rc, 1)
        self.assertIn("STALE ADJUDICATION: r status", out)
        rc, out, _ = self.run_compare([record("q", "403")], [record("q", "500")], self.VERDICT.replace("r\n", "q\n", 1)
                                      .replace("field: status", "field: body"))
        self.assertEqual(rc, 1)
        self.assertIn("UN-ADJUDICATED: q status", out)

    def test_a_deliberate_verdict_needs_a_reason(self):
        rc, out, _ = self.run_compare([record("r", "403")], [record("r", "404")],
                                      self.VERDICT.replace("we follow AWS", "deliberate"))
        self.assertEqual(rc, 2)
        self.assertIn("needs 'because'", out)

    def test_a_regressed_fix_fails(self):
        fixes = "- request: r\n  field: status\n  before: 431\n  after: 200\n  test: T\n  what: w\n"
        rc, _, result = self.run_compare([record("r", "200")], [record("r", "200")], "", fixes)
        self.assertEqual((rc, result["summary"]["fixed"], result["summary"]["found"]), (0, 1, 1))
        rc, out, _ = self.run_compare([record("r", "200")], [record("r", "431")], "", fixes)
        self.assertEqual(rc, 1)
        self.assertIn("REGRESSED FIX", out)


if __name__ == "__main__":
    unittest.main()
