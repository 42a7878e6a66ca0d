#!/usr/bin/env python3
"""Cost and capacity model for csv-test (docs/scaling.md, docs/security.md).

Pure Python, stdlib only. `python3 docs/tools/cost_model.py` prints every table as Markdown;
the docs paste its output verbatim, so re-run it after changing a price or an assumption.

Prices: US East (N. Virginia), us-east-1, first pricing tier unless a tier table is given,
looked up on 2026-11-27 from stored copies of the pages cited next to each constant.
The AWS pricing pages render their rate tables client-side; where the stored AWS page lacks
the number, the constant cites the transcription it was taken from. Check the live page
before quoting a figure to anyone.
"""
import argparse
import math
import re
import sys

# ---------------------------------------------------------------------------------------------
# Published prices (USD). Each constant: value, page, and the sentence/table row it comes from.
# ---------------------------------------------------------------------------------------------
# https://aws.amazon.com/lambda/pricing/ (rate table); rates transcribed by
# https://cloudchipr.com/blog/aws-lambda-pricing : "First 6 Billion GB-seconds per month: $0.0000166667
# per GB-second" (x86) and "First 7.5 Billion GB-seconds per month: $0.0000133334 per GB-second" (Arm).
LAMBDA_REQUEST_PER_MILLION = 0.20  # "$0.20/1M", https://gist.github.com/bluejack/68dd851e8ff1c480d623fc0b09e0423b
LAMBDA_GBS = {"x86_64": 0.0000166667, "arm64": 0.0000133334}
# Tiers (GB-seconds per month, price per GB-s), same sources.
LAMBDA_GBS_TIERS = {
    "x86_64": [(6e9, 0.0000166667), (9e9, 0.000015), (math.inf, 0.0000133334)],
    "arm64": [(7.5e9, 0.0000133334), (11.25e9, 0.0000120001), (math.inf, 0.0000106667)],
}
# https://aws.amazon.com/api-gateway/pricing/ , HTTP APIs, US East: "First 300 million $1.00",
# "300+ million $0.90" (per million) as transcribed by https://www.learnaws.org/2021/01/10/api-gateway-pricing/
# and https://www.apigatewaycost.com/aws ("Next 700M $0.90/million", "Over 1B $0.80/million").
HTTP_API_PER_MILLION = 1.00
HTTP_API_TIERS = [(300e6, 1.00), (700e6, 0.90), (math.inf, 0.80)]  # (requests, $ per million)
# Data transfer out to the internet from the Region (API Gateway responses): "$0.09/GB",
# https://www.apigatewaycost.com/aws ("Data transfer (outbound) | $0.09/GB"); first 10 TB/month tier.
REGION_DTO_PER_GB = 0.09
# https://aws.amazon.com/cloudfront/pricing : "United States, Mexico, and Canada ... First 10TB $0.085" (per GB).
CLOUDFRONT_DTO_PER_GB = 0.085
# HTTPS requests, US: "HTTPS Requests | $0.0100" per 10,000, transcribed by
# https://kindatechnical.com/aws-certification-associate-developer/lesson-87-cloudfront-pricing.html
CLOUDFRONT_HTTPS_PER_10K = 0.0100
# https://aws.amazon.com/step-functions/pricing/ (Express): "The price is $1.00 per million requests";
# duration "$0.06000 per GB-hour x 1,000 GB-Hours", "$0.03000 per GB-hour x 4,000 GB-Hours",
# "$0.01642 per GB-hour" beyond; "rounded up to the nearest 100ms", memory "billed in 64-MB chunks".
SFN_EXPRESS_PER_MILLION = 1.00
SFN_EXPRESS_GBH_TIERS = [(1000, 0.06), (4000, 0.03), (math.inf, 0.01642)]  # (GB-hours, $ per GB-hour)
SFN_EXPRESS_MIN_MB = 64

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
            "total/month"]
    return (f"### Per month (30 days) at {a.memory} MB {a.arch}\n\n" + table(head, rows)
            + "\n\nData out uses the first-tier $0.09/GB for every byte, so it is an upper bound at this volume.")


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
            served_rps = conc / w  # Little's law: what the function can accept; the rest gets 429 (throttled)
            per_req = (LAMBDA_REQUEST_PER_MILLION + HTTP_API_PER_MILLION) / 1e6 \
                + a.memory / 1024 * w * LAMBDA_GBS[a.arch] + gb(a.object_bytes) * REGION_DTO_PER_GB
            rejected = (a.throttle_rps - served_rps) * HTTP_API_PER_MILLION / 1e6
            hourly = 3600 * (served_rps * per_req + rejected)
            rows.append([f"{label} = {secs:g} s", f"none (account {ACCOUNT_CONCURRENCY:,})" if cap is None else f"{cap:g}", f"{a.throttle_rps:g}",
                         count(conc), money(hourly), money(hourly * 24 * 30)])
    head = ["each request lasts", "reserved concurrency", "throttle rps", "concurrency held", "$ per hour",
            "$ per 30 days"]
    return (f"### Cost exposure at the API throttle ({a.memory} MB {a.arch}, every request at the limit)\n\n"
            + table(head, rows, numeric=[2, 3, 4, 5])
            + "\n\nConcurrency held = min(throttle rps x duration, cap), where the cap is the reserved concurrency or, "
              "without one, the whole account quota (which then starves every other function in the account). "
              "With a cap C the function accepts at most C / duration requests per second; "
              "the rest are rejected by Lambda's throttle (API Gateway returns an error) and cost at most the HTTP API "
              "request fee, counted here for every request that passed the throttle.")


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
    p.add_argument("--memory", type=int, default=512, help="MemorySize in MB used by the detail tables")
    p.add_argument("--arch", choices=sorted(LAMBDA_GBS), default="arm64")
    p.add_argument("--object-bytes", type=int, default=OBJECT_BYTES)
    p.add_argument("--revalidate", type=float, default=60.0, help="CACHE_REVALIDATE_SECONDS")
    p.add_argument("--throttle-rps", type=float, default=50.0, help="HttpApi DefaultRouteSettings ThrottlingRateLimit")
    p.add_argument("--max-delay", type=float, default=20.0, help="MAX_DELAY_SECONDS")
    p.add_argument("--timeout", type=float, default=29.0, help="function Timeout in seconds")
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
          f"--throttle-rps {a.throttle_rps:g} --max-delay {a.max_delay:g} --timeout {a.timeout:g} "
          f"--reserved {a.reserved:g} -->\n")
    for name in (a.section or SECTIONS):
        print(SECTIONS[name](a))
        print()


if __name__ == "__main__":
    main()
