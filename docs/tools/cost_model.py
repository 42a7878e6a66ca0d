#!/usr/bin/env python3
"""Cost and capacity model for csv-test (docs/scaling.md, docs/security.md).

Pure Python, stdlib only. `python3 docs/tools/cost_model.py` prints every table as Markdown;
the docs paste its output verbatim (`--check` / `--update`), so re-run it after changing a price or an assumption.

Prices: the one table in docs/prices.md (US East (N. Virginia), each with its AWS page and date read).
Project values (delay limit, Timeout, memory, throttle, revalidation interval): template.yaml's defaults.
"""
import argparse
import math
import os
import re
import sys

# ---------------------------------------------------------------------------------------------
# Published prices (USD): all of them come from the one table in docs/prices.md (price, unit, AWS page, the text on
# that page, date read). test_cost_model.py checks that table against its quotes.
# ---------------------------------------------------------------------------------------------
HERE = os.path.dirname(os.path.abspath(__file__))
PRICES_MD = os.path.join(HERE, "..", "prices.md")
TEMPLATE = os.path.join(HERE, "..", "..", "template.yaml")


def load_prices(path=PRICES_MD):
    """{key: row} from the table between <!-- prices --> and <!-- /prices --> in docs/prices.md."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    block = text.split("<!-- prices -->", 1)[1].split("<!-- /prices -->", 1)[0]
    rows = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    table = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        row = dict(zip(header, cells))
        row["value"] = float(row["price"])
        table[row["key"]] = row
    return table


PRICES = load_prices()
P = {k: r["value"] for k, r in PRICES.items()}
LAMBDA_REQUEST_PER_MILLION = P["lambda_request_per_million"]
LAMBDA_GBS = {"x86_64": P["lambda_gbs_x86_64"], "arm64": P["lambda_gbs_arm64"]}
# Tiers (GB-seconds per month, price per GB-s): the first tier's price, then 10% and 20% off.
LAMBDA_GBS_TIERS = {
    arch: [(first, LAMBDA_GBS[arch]), (second, LAMBDA_GBS[arch] * (1 - P["lambda_tier2_discount"])),
           (math.inf, LAMBDA_GBS[arch] * (1 - P["lambda_tier3_discount"]))]
    for arch, first, second in (("x86_64", 6e9, 9e9), ("arm64", 7.5e9, 11.25e9))
}
HTTP_API_PER_MILLION = P["http_api_per_million"]
HTTP_API_TIERS = [(300e6, P["http_api_per_million"]), (math.inf, P["http_api_per_million_over_300m"])]
# Flat at the first tier: AWS tiers data out (lower per GB above 10 TB/month), so totals using it are upper bounds.
REGION_DTO_PER_GB = P["region_data_out_per_gb"]
CLOUDFRONT_DTO_PER_GB = P["cloudfront_data_out_per_gb"]
CLOUDFRONT_HTTPS_PER_10K = P["cloudfront_https_per_10k"]
SFN_EXPRESS_PER_MILLION = P["sfn_express_per_million"]
SFN_EXPRESS_GBH_TIERS = [(1000, P["sfn_express_gbh_first_1000"]), (4000, P["sfn_express_gbh_next_4000"]),
                         (math.inf, P["sfn_express_gbh_beyond"])]  # (GB-hours, $ per GB-hour)
SFN_EXPRESS_MIN_MB = 64  # "billed in 64-MB chunks", https://aws.amazon.com/step-functions/pricing/


def template_values(path=TEMPLATE):
    """The template.yaml values the tables use, read without a YAML library (stdlib only): parameter defaults and
    CsvTestFunction's Timeout and MemorySize. .ci/lib/limits-check.py compares this with a real YAML parse."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()

    def default(name):
        m = re.search(rf"^  {name}:\n(?:    .*\n)*?    Default: (\S+)", text, re.M)
        return float(m.group(1))

    function = re.search(r"^  CsvTestFunction:\n((?:(?:    .*)?\n)*)", text, re.M).group(1)
    return {
        "max_delay": default("MaxDelaySeconds"),
        "timeout": float(re.search(r"^      Timeout: (\d+)", function, re.M).group(1)),
        "throttle_rps": default("ThrottlingRateLimit"),
        "throttle_burst": default("ThrottlingBurstLimit"),
        "memory": int(re.search(r"^      MemorySize: (\d+)", function, re.M).group(1)),
        "revalidate": default("CacheRevalidateSeconds"),
    }


# ---------------------------------------------------------------------------------------------
# AWS limits (cited in docs/scaling.md)
# ---------------------------------------------------------------------------------------------
ACCOUNT_CONCURRENCY = 1000  # Lambda quotas: "Concurrent executions | 1,000"
SCALING_PER_10S = 1000  # "1,000 execution environment instances every 10 seconds"
APIGW_ACCOUNT_RPS = 10000  # API Gateway quotas: "10,000 requests per second (RPS)"
S3_GET_PER_PREFIX = 5500  # "5,500 GET/HEAD requests per second per partitioned Amazon S3 prefix"

# ---------------------------------------------------------------------------------------------
# Project facts and assumptions (each can be overridden on the command line)
# ---------------------------------------------------------------------------------------------
OBJECT_BYTES = 300_021  # wc -c src/main/resources/sample.csv
MEMORIES = [128, 256, 512, 1024, 1769]
DELAYS = [0, 1, 10]
SECONDS_PER_MONTH = 30 * 24 * 3600


def tiered(quantity, tiers):
    """Cost of `quantity` units under [(units in tier, price per unit), ...]."""
    cost, left = 0.0, quantity
    for size, price in tiers:
        used = min(left, size)
        cost += used * price
        left -= used
        if left <= 0:
            break
    return cost


def billed_seconds(delay, overhead_ms):
    """Lambda bills duration rounded up to 1 ms; our handler overlaps the fetch with the sleep."""
    return math.ceil(delay * 1000 + overhead_ms) / 1000


def lambda_cost_per_million(mem_mb, arch, delay, overhead_ms):
    gbs = mem_mb / 1024 * billed_seconds(delay, overhead_ms)
    return LAMBDA_REQUEST_PER_MILLION + 1e6 * gbs * LAMBDA_GBS[arch]


def gb(bytes_):
    return bytes_ / 1024**3


def count(x):
    return f"{x:,.2f}" if x < 10 else f"{x:,.0f}"


def ratio(x):
    return "<0.01x" if x < 0.01 else f"{x:,.2f}x"


def money(x):
    if x >= 1e6:
        return f"${x / 1e6:,.2f}M"
    if x >= 100:
        return f"${x:,.0f}"
    return f"${x:,.2f}"


def table(header, rows, numeric=None):
    """Markdown table; columns listed in `numeric` (default: all but the first) are right-aligned."""
    numeric = set(range(1, len(header))) if numeric is None else set(numeric)
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i in numeric else "---" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def section_lambda_grid(a):
    rows = []
    for arch in ("x86_64", "arm64"):
        for mem in MEMORIES:
            cells = [money(lambda_cost_per_million(mem, arch, d, a.overhead_ms)) for d in DELAYS]
            rows.append([f"{mem} MB", arch] + cells)
    head = ["memory", "arch"] + [f"delay={d} s" for d in DELAYS]
    return (f"### Lambda cost per 1M requests (requests + duration; billed duration = delay + {a.overhead_ms:g} ms)\n\n"
            + table(head, rows, numeric=range(2, len(head))))


def bill_per_million(a, mem, arch, delay):
    req = LAMBDA_REQUEST_PER_MILLION
    dur = lambda_cost_per_million(mem, arch, delay, a.overhead_ms) - req
    sleep = 1e6 * mem / 1024 * delay * LAMBDA_GBS[arch]
    api = HTTP_API_PER_MILLION
    dto = 1e6 * gb(a.object_bytes) * REGION_DTO_PER_GB
    return req, dur, sleep, api, dto


def section_breakdown(a):
    rows = []
    for d in DELAYS:
        req, dur, sleep, api, dto = bill_per_million(a, a.memory, a.arch, d)
        total = req + dur + api + dto
        rows.append([f"{d} s", money(req), money(dur), money(sleep), money(api), money(dto), money(total),
                     f"{100 * sleep / total:.0f}%"])
    head = ["delay", "Lambda requests", "Lambda duration", "of which sleep", "HTTP API", "data out",
            "total", "sleep share"]
    return (f"### Whole bill per 1M requests at {a.memory} MB {a.arch} (object {a.object_bytes:,} B)\n\n"
            + table(head, rows))


def section_littles_law(a):
    scenarios = [("1M requests/day", 1e6 / 86400), ("1M users x 1 request/min", 1e6 / 60)]
    rows = []
    for name, lam in scenarios:
        for d in DELAYS:
            w = billed_seconds(d, a.overhead_ms)
            conc = lam * w
            ramp = max(0.0, (conc - 0) / SCALING_PER_10S * 10)
            s3_interval = min(lam, conc / a.revalidate) if a.revalidate > 0 else lam
            rows.append([name, f"{lam:,.1f}", f"{d} s", count(conc), ratio(conc / ACCOUNT_CONCURRENCY),
                         ratio(lam / APIGW_ACCOUNT_RPS), f"{ramp:,.0f} s",
                         count(s3_interval), count(lam)])
    head = ["load", "rps (λ)", "delay", "concurrency L = λW", "vs 1,000 quota", "vs 10,000 rps",
            "ramp from 0 at 1,000/10 s", f"S3 GET/s, interval {a.revalidate:g} s (worst)", "S3 GET/s, interval 0"]
    return ("### Little's law: concurrency = arrival rate x time in system\n\n" + table(head, rows)
            + f"\n\nWorst-case S3 GET rate with a revalidation interval I is min(λ, environments / I); "
              f"S3 serves {S3_GET_PER_PREFIX:,} GET/s per partitioned prefix. The smallest interval that keeps "
              f"the 1M-users, 10 s case under that rate is "
              f"{(1e6 / 60 * billed_seconds(10, a.overhead_ms)) / S3_GET_PER_PREFIX:.1f} s.")


def section_monthly(a):
    rows = []
    for name, lam in [("1M requests/day", 1e6 / 86400), ("1M users x 1 request/min", 1e6 / 60)]:
        n = lam * SECONDS_PER_MONTH
        for d in (0, 10):
            gbs = n * a.memory / 1024 * billed_seconds(d, a.overhead_ms)
            lam_cost = n / 1e6 * LAMBDA_REQUEST_PER_MILLION + tiered(gbs, LAMBDA_GBS_TIERS[a.arch])
            api = tiered(n / 1e6 * 1e6, [(s, p / 1e6) for s, p in HTTP_API_TIERS])
            dto = n * gb(a.object_bytes) * REGION_DTO_PER_GB
            rows.append([name, f"{n / 1e6:,.0f}M", f"{d} s", money(lam_cost), money(api), money(dto),
                         money(lam_cost + api + dto)])
    head = ["load", "requests/month", "delay", "Lambda (tiered)", "HTTP API (tiered)", "data out (flat, upper bound)",
            "total/month (upper bound)"]
    return (f"### Per month (30 days) at {a.memory} MB {a.arch}: upper bounds\n\n" + table(head, rows)
            + f"\n\nData out is charged at the first-tier ${REGION_DTO_PER_GB:g}/GB for every byte, but AWS lowers the "
              f"rate above 10 TB/month, so the data-out and total columns are upper bounds (the 1M-users rows move "
              f"hundreds of TB a month).")


def section_alternatives(a):
    d = 10
    obj_gb = gb(a.object_bytes)
    cf = CLOUDFRONT_HTTPS_PER_10K * 100 + 1e6 * obj_gb * CLOUDFRONT_DTO_PER_GB  # per 1M fetches
    dto = 1e6 * obj_gb * REGION_DTO_PER_GB
    ours = lambda_cost_per_million(a.memory, a.arch, d, a.overhead_ms) + HTTP_API_PER_MILLION + dto
    small = lambda_cost_per_million(128, a.arch, d, a.overhead_ms) + HTTP_API_PER_MILLION + dto
    sfn_gbh = 1e6 * math.ceil(d * 10) / 10 * SFN_EXPRESS_MIN_MB / 1024 / 3600
    sfn_first = SFN_EXPRESS_PER_MILLION + sfn_gbh * SFN_EXPRESS_GBH_TIERS[0][1]
    sfn_bulk = SFN_EXPRESS_PER_MILLION + sfn_gbh * SFN_EXPRESS_GBH_TIERS[-1][1]
    sfn = sfn_first + HTTP_API_PER_MILLION + cf
    sfn_b = sfn_bulk + HTTP_API_PER_MILLION + cf
    token = 2 * (lambda_cost_per_million(a.memory, a.arch, 0, a.overhead_ms) + HTTP_API_PER_MILLION) + dto
    token_cf = 2 * (lambda_cost_per_million(a.memory, a.arch, 0, a.overhead_ms) + HTTP_API_PER_MILLION) + cf
    rows = [
        [f"Lambda sleeps (ours, {a.memory} MB {a.arch})", money(ours), "delay + overhead", "1 request; plain GET works in a browser tab"],
        [f"Lambda sleeps at 128 MB {a.arch}", money(small), "delay + overhead; slower cold start and fetch", "same contract"],
        ["Step Functions Express (sync) Wait, then a CloudFront URL", f"{money(sfn)} ({money(sfn_b)} at bulk tier)",
         "delay + SFN start + 1 extra round trip", "body > 256 KiB state limit: must return a URL, not the CSV"],
        ["Ready-at token: 202 + Retry-After, client returns", money(token), "delay + 1 extra round trip",
         "client must honour Retry-After; a bare tab will not"],
        ["... same, second leg 303 to CloudFront", money(token_cf), "delay + 2 extra round trips", "as above"],
        ["CloudFront serves the object, no artificial delay", money(cf), "edge round trip only", "drops the delay contract"],
    ]
    conc = 1e6 / 60 * billed_seconds(d, a.overhead_ms)
    per_hour = conc * 3600 * a.memory / 1024 * LAMBDA_GBS[a.arch]
    return (f"### Alternatives per 1M requests at delay = {d} s (incl. HTTP API and data out)\n\n"
            + table(["design", "$ per 1M", "latency", "contract"], rows, numeric=[1])
            + f"\n\nBreak-even for a server fleet (EC2 + load balancer, async server): at 1M users x 1/min and "
              f"delay {d} s, Lambda holds {conc:,.0f} sleeping environments, which costs "
              f"{money(per_hour)}/hour in duration alone. Any fleet that can hold {conc:,.0f} idle connections "
              f"for less than that per hour is cheaper for this workload.")


def section_exposure(a):
    rows = []
    caps = [None] + ([a.reserved] if a.reserved else [])
    for cap in caps:
        for label, secs in (("MAX_DELAY_SECONDS", a.max_delay), ("function Timeout", a.timeout)):
            w = billed_seconds(secs, a.overhead_ms)
            conc = min(a.throttle_rps * w, ACCOUNT_CONCURRENCY if cap is None else cap)
            served_rps = conc / w  # Little's law: what the function can accept; the rest gets throttled
            per_req = (LAMBDA_REQUEST_PER_MILLION + HTTP_API_PER_MILLION) / 1e6 \
                + a.memory / 1024 * w * LAMBDA_GBS[a.arch] + gb(a.object_bytes) * REGION_DTO_PER_GB
            rejected = (a.throttle_rps - served_rps) * HTTP_API_PER_MILLION / 1e6
            hourly = 3600 * (served_rps * per_req + rejected)
            rows.append([f"{label} = {secs:g} s", f"none (account {ACCOUNT_CONCURRENCY:,})" if cap is None else f"{cap:g}", f"{a.throttle_rps:g}",
                         count(conc), money(hourly), money(hourly * 24 * 30)])
    head = ["each request lasts", "reserved concurrency", "throttle rps", "concurrency held", "$ per hour",
            "$ per 30 days"]
    w_max = billed_seconds(a.max_delay, a.overhead_ms)
    held = a.throttle_rps * w_max
    peak = a.throttle_burst + a.throttle_rps * a.timeout
    reading = (f"Reading: at the template's throttle ({a.throttle_rps:g} rps, burst {a.throttle_burst:g}), a client sending "
               f"every request at delay = {a.max_delay:g} s holds {a.throttle_rps:g} x {w_max:g} s = {count(held)} "
               f"environments, {100 * held / ACCOUNT_CONCURRENCY:.0f}% of the default account quota; the burst on top "
               f"brings the worst moment to {a.throttle_burst:g} + {a.throttle_rps:g} x {a.timeout:g} s = {count(peak)}, "
               f"within the quota by construction ([scaling.md](scaling.md#one-rule-for-throttle-delay-timeout-and-concurrency)). "
               f"Without reserved concurrency that client still takes those environments from every other function in "
               f"the account, for the hourly cost in the first row.")
    if a.reserved:
        reading += (f" Reserved concurrency {a.reserved:g} caps it at the third row's cost and leaves the rest of the "
                    f"account alone, at the price of throttling legitimate maximum-delay traffic above "
                    f"{a.reserved:g} / {a.max_delay:g} s = {a.reserved / a.max_delay:g} rps; with a reservation, "
                    f"lower the throttle to fit it (same rule).")
    return (f"### Cost exposure at the API throttle ({a.memory} MB {a.arch}, every request at the limit)\n\n"
            + table(head, rows, numeric=[2, 3, 4, 5])
            + "\n\nConcurrency held = min(throttle rps x duration, cap), where the cap is the reserved concurrency or, "
              "without one, the whole account quota. "
              "With a cap C the function accepts at most C / duration requests per second; "
              "the rest are rejected by Lambda's throttle (API Gateway answers 500) and cost at most the HTTP API "
              "request fee, counted here for every request that passed the route throttle. Data out at the "
              "first-tier rate (an upper bound).\n\n" + reading)


SECTIONS = {
    "grid": section_lambda_grid,
    "breakdown": section_breakdown,
    "littles-law": section_littles_law,
    "monthly": section_monthly,
    "alternatives": section_alternatives,
    "exposure": section_exposure,
}
BLOCK = re.compile(r"(<!-- cost_model:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- /cost_model:(?P=name) -->)", re.S)


def embed(text, a):
    """Replace the body of every <!-- cost_model:NAME --> ... <!-- /cost_model:NAME --> block."""
    def render(m):
        name = m.group("name")
        if name not in SECTIONS:
            raise SystemExit(f"unknown cost_model block: {name}")
        return m.group(1) + SECTIONS[name](a) + "\n" + m.group(4)
    return BLOCK.sub(render, text)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--overhead-ms", type=float, default=20.0,
                   help="billed handler time on top of the delay (ASSUMED 20 ms; replace with the measured "
                        "p50 Billed Duration at delay=0)")
    p.add_argument("--memory", type=int, default=template_values()["memory"],
                   help="MemorySize in MB used by the detail tables (template)")
    p.add_argument("--arch", choices=sorted(LAMBDA_GBS), default="arm64")
    p.add_argument("--object-bytes", type=int, default=OBJECT_BYTES)
    tv = template_values()
    p.add_argument("--revalidate", type=float, default=tv["revalidate"], help="CACHE_REVALIDATE_SECONDS (template default)")
    p.add_argument("--throttle-rps", type=float, default=tv["throttle_rps"],
                   help="HttpApi ThrottlingRateLimit (template default)")
    p.add_argument("--throttle-burst", type=float, default=tv["throttle_burst"],
                   help="HttpApi ThrottlingBurstLimit (template default)")
    p.add_argument("--max-delay", type=float, default=tv["max_delay"], help="MAX_DELAY_SECONDS (template default)")
    p.add_argument("--timeout", type=float, default=tv["timeout"], help="CsvTestFunction Timeout in seconds (template)")
    p.add_argument("--reserved", type=float, default=100.0,
                   help="ReservedConcurrentExecutions to show in the exposure table (0 = show only 'none')")
    p.add_argument("--section", choices=sorted(SECTIONS), action="append",
                   help="print only this table (repeatable); default: all")
    p.add_argument("--update", nargs="+", metavar="FILE",
                   help="rewrite the <!-- cost_model:NAME --> blocks in these Markdown files")
    p.add_argument("--check", nargs="+", metavar="FILE",
                   help="exit 1 if a <!-- cost_model:NAME --> block in these files is out of date")
    a = p.parse_args()
    if a.update or a.check:
        stale = []
        for f in (a.update or []) + (a.check or []):
            with open(f, encoding="utf-8") as fh:
                text = fh.read()
            new = embed(text, a)
            if new != text:
                if a.update and f in a.update:
                    with open(f, "w", encoding="utf-8") as fh:
                        fh.write(new)
                    print(f"updated {f}")
                else:
                    stale.append(f)
        for f in stale:
            print(f"stale cost_model blocks in {f}: run python3 docs/tools/cost_model.py --update {f}")
        sys.exit(1 if stale else 0)
    print("<!-- generated by: python3 docs/tools/cost_model.py "
          f"--overhead-ms {a.overhead_ms:g} --memory {a.memory} --arch {a.arch} --revalidate {a.revalidate:g} "
          f"--throttle-rps {a.throttle_rps:g} --throttle-burst {a.throttle_burst:g} --max-delay {a.max_delay:g} "
          f"--timeout {a.timeout:g} "
          f"--reserved {a.reserved:g} -->\n")
    for name in (a.section or SECTIONS):
        print(SECTIONS[name](a))
        print()


if __name__ == "__main__":
    main()
