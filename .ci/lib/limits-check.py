#!/usr/bin/env python3
"""Throttle, maximum delay, function Timeout and Lambda concurrency agree (the rule in docs/scaling.md,
"One rule for throttle, delay, timeout and concurrency"), for the template's defaults and for the values
samconfig.toml deploys. Run with the aws-sam-cli venv (SAM's YAML loader):

    .venv-ci/sam/bin/python .ci/lib/limits-check.py [--account-concurrency N]

  1. MaxDelaySeconds (its MaxValue, so every deployable value) + 5 s <= Timeout: the S3 fetch runs beside the delay
     and the response still has to be written after it.
  2. Timeout < 30 s, and the route's TimeoutInMillis is 30,000: HTTP API's integration timeout cannot be raised,
     so the function must end first (a Lambda timeout is in the logs; an integration timeout is an opaque 503).
  3. ThrottlingBurstLimit + ThrottlingRateLimit x Timeout <= C, where C is ReservedConcurrency when set, else the
     account's concurrency quota (default 1,000, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
     API Gateway's token bucket admits up to the burst at once plus the rate every second, and each admitted request
     holds an execution environment for up to Timeout, so at most burst + rate x Timeout run at once. Within C, a
     burst meets the route throttle's 429 before Lambda's throttle (which reaches the client as a 500).
  4. docs/tools/cost_model.py reads the same values from template.yaml (its tables are generated from them).
Prints PASS/FAIL lines and "DEPLOY: limits ..." figure lines; exits 1 on any failure.
"""
import argparse
import importlib.util
import os
import sys
import tomllib

from samcli.yamlhelper import yaml_parse

MARGIN_SECONDS = 5
HTTP_API_TIMEOUT_SECONDS = 30
DEFAULT_ACCOUNT_CONCURRENCY = 1000
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
failures = []


def report(ok, what, detail):
    print(f"{'PASS' if ok else 'FAIL'}  {what}: {detail}")
    if not ok:
        failures.append(what)


def samconfig_overrides(path):
    with open(path, "rb") as fh:
        config = tomllib.load(fh)
    raw = config.get("default", {}).get("deploy", {}).get("parameters", {}).get("parameter_overrides", [])
    items = raw.split() if isinstance(raw, str) else raw
    return dict(item.split("=", 1) for item in items)


def check(name, values, timeout, route_timeout_ms, max_delay_cap, account):
    max_delay = int(values["MaxDelaySeconds"])
    burst = int(values["ThrottlingBurstLimit"])
    rate = float(values["ThrottlingRateLimit"])
    reserved = int(values.get("ReservedConcurrency", -1))
    capacity = reserved if reserved != -1 else account
    source = f"ReservedConcurrency {reserved}" if reserved != -1 else f"account quota {account:,}"
    report(max_delay <= max_delay_cap and max_delay_cap + MARGIN_SECONDS <= timeout,
           f"{name}: delay fits the Timeout",
           f"MaxDelaySeconds {max_delay} (at most {max_delay_cap}) + {MARGIN_SECONDS} s <= Timeout {timeout} s")
    report(timeout < HTTP_API_TIMEOUT_SECONDS and route_timeout_ms == HTTP_API_TIMEOUT_SECONDS * 1000,
           f"{name}: Timeout ends before HTTP API's",
           f"Timeout {timeout} s < {HTTP_API_TIMEOUT_SECONDS} s (route TimeoutInMillis {route_timeout_ms})")
    peak = burst + rate * timeout
    report(peak <= capacity, f"{name}: the throttle binds before Lambda's concurrency",
           f"burst {burst} + rate {rate:g}/s x Timeout {timeout} s = {peak:,.0f} <= {capacity:,} ({source})")
    print(f"DEPLOY: limits ({name}): burst {burst} + {rate:g} rps x {timeout} s = {peak:,.0f} concurrent at most, "
          f"{source}; MaxDelaySeconds {max_delay} + {MARGIN_SECONDS} s <= Timeout {timeout} s < 30 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default=os.path.join(ROOT, "template.yaml"))
    parser.add_argument("--samconfig", default=os.path.join(ROOT, "samconfig.toml"))
    parser.add_argument("--account-concurrency", type=int, default=DEFAULT_ACCOUNT_CONCURRENCY,
                        help="your account's Lambda concurrency quota in the Region (default 1,000)")
    args = parser.parse_args()

    template = yaml_parse(open(args.template, encoding="utf-8").read())
    parameters = template["Parameters"]
    function = template["Resources"]["CsvTestFunction"]["Properties"]
    timeout = function.get("Timeout", template.get("Globals", {}).get("Function", {}).get("Timeout", 3))
    route_timeout_ms = function["Events"]["CsvTest"]["Properties"].get("TimeoutInMillis", 30000)
    max_delay_cap = parameters["MaxDelaySeconds"]["MaxValue"]
    defaults = {k: str(v["Default"]) for k, v in parameters.items() if "Default" in v}

    check("template defaults", defaults, timeout, route_timeout_ms, max_delay_cap, args.account_concurrency)
    overrides = samconfig_overrides(args.samconfig)
    unknown = sorted(set(overrides) - set(parameters))
    report(not unknown, "samconfig.toml names only template parameters", f"unknown: {unknown}" if unknown else "ok")
    check("samconfig.toml", {**defaults, **overrides}, timeout, route_timeout_ms, max_delay_cap,
          args.account_concurrency)

    spec = importlib.util.spec_from_file_location("cost_model", os.path.join(ROOT, "docs", "tools", "cost_model.py"))
    cost_model = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cost_model)
    seen = cost_model.template_values(args.template)
    expected = {"max_delay": float(defaults["MaxDelaySeconds"]), "timeout": float(timeout),
                "throttle_rps": float(defaults["ThrottlingRateLimit"]),
                "throttle_burst": float(defaults["ThrottlingBurstLimit"]),
                "memory": int(function["MemorySize"]), "revalidate": float(defaults["CacheRevalidateSeconds"])}
    report(seen == expected, "cost_model.py reads the template's values", f"{seen}")

    print(f"{len(failures)} failed" if failures else "limits: all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
