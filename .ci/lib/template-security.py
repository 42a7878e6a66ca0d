"""Security properties of template.yaml that must not regress, checked on the parsed template.

Run by .ci/lib/template-checks.sh with the SAM CLI's Python (its YAML loader understands !Sub, !Ref, !If...):
    .venv-ci/sam/bin/python .ci/lib/template-security.py template.yaml
Prints one line per property and exits 1 if any fails.
"""
import sys

from samcli.yamlhelper import yaml_parse

template = yaml_parse(open(sys.argv[1]).read())
resources = template["Resources"]
results = []


def check(name, ok, detail):
    results.append(bool(ok))
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")


def as_list(value):
    return value if isinstance(value, list) else [value]


fn = resources["CsvTestFunction"]["Properties"]
statements = [s for p in fn.get("Policies", []) if isinstance(p, dict) for s in p.get("Statement", [])]
named = [p for p in fn.get("Policies", []) if not isinstance(p, dict)]
only = statements[0] if len(statements) == 1 else {}
check("least privilege",
      not named and len(statements) == 1 and only.get("Effect") == "Allow"
      and as_list(only.get("Action")) == ["s3:GetObject"] and len(as_list(only.get("Resource"))) == 1
      and "*" not in str(only.get("Resource")),
      f"CsvTestFunction may s3:GetObject on one object ARN only ({only.get('Resource')})")

tracing = fn.get("Tracing") or template.get("Globals", {}).get("Function", {}).get("Tracing")
check("X-Ray tracing", tracing == "Active", f"Tracing: {tracing}")

check("JSON logs", fn.get("LoggingConfig", {}).get("LogFormat") == "JSON",
      "CsvTestFunction LoggingConfig.LogFormat: JSON (the request line and its EMF metrics pass through as they are)")

block = resources["DataBucket"]["Properties"].get("PublicAccessBlockConfiguration", {})
flags = ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]
check("bucket private", all(block.get(f) is True for f in flags), "all four Block Public Access settings on")

policy = resources["DataBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
tls = [s for s in policy if s.get("Effect") == "Deny" and s.get("Principal") == "*"
       and str(s.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport")).lower() == "false"
       and "s3:*" in as_list(s.get("Action"))]
check("bucket TLS-only", bool(tls), "bucket policy denies s3:* when aws:SecureTransport is false")
public_allow = [s for s in policy if s.get("Effect") == "Allow" and s.get("Principal") in ("*", {"AWS": "*"})]
check("no public bucket grant", not public_allow, "no Allow statement for Principal *")

api = resources["CsvTestApi"]["Properties"]
route = api.get("DefaultRouteSettings", {})
check("throttling", route.get("ThrottlingBurstLimit") is not None and route.get("ThrottlingRateLimit") is not None,
      f"DefaultRouteSettings burst {route.get('ThrottlingBurstLimit')}, rate {route.get('ThrottlingRateLimit')}")

cors = api.get("CorsConfiguration", {})
origins = str(cors.get("AllowOrigins"))
check("CORS limited", "'*'" not in origins and "Distribution.DomainName" in origins
      and cors.get("AllowCredentials") is False and as_list(cors.get("AllowMethods")) == ["GET"],
      "AllowOrigins is the demo page's CloudFront origin (plus an optional configured one), GET only, no credentials")

print(f"template security properties: {sum(results)} of {len(results)} hold")
sys.exit(0 if all(results) else 1)
