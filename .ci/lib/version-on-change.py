#!/usr/bin/env python3
"""Does a changed parameter publish a new version of CsvTestFunction and move its `live` alias?

Checked offline with SAM's own translator (samtranslator, the code CloudFormation's AWS::Serverless-2016-10-31
transform runs at deploy time) and the AWS::Lambda::Version resource schema that cfn-lint ships (AWS's registry
schema: which properties are create-only, i.e. "Update requires: Replacement"). Run with the aws-sam-cli venv:

    .venv-ci/sam/bin/python .ci/lib/version-on-change.py [template.yaml]

For the defaults and for each parameter the function's configuration uses, changed alone, it transforms the
template (CodeUri set to an S3 location, as `sam package` does) and asserts that the second deploy gets a new
version: either the version's logical id differs (CloudFormation creates a new AWS::Lambda::Version) or a
create-only property of it resolves to a different value (CloudFormation replaces it, i.e. publishes anew), and that
the alias's FunctionVersion is that version resource. Also asserted:
  - a code change (a new S3 key) gives a new version logical id;
  - without VersionDescription a parameter change gives no new version (what SAM does on its own: it hashes the
    function's properties with !Ref unresolved). If this ever fails, SAM has started to resolve parameters and
    VersionDescription can go;
  - every parameter referenced by the function's properties (and Globals.Function), except the settings that are
    not part of a version, appears in VersionDescription, and the longest Description the parameters' constraints
    allow fits in the 256 characters AWS::Lambda::Version accepts.
Prints "PASS ..." / "FAIL ..." lines and "DEPLOY: ..." figure lines; exits 1 on any failure.
"""
import copy
import logging
import json
import os
import re
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # the translator needs a Region for ARNs; no call is made

from samcli.yamlhelper import yaml_parse  # noqa: E402
from samtranslator.intrinsics.resolver import IntrinsicsResolver  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER  # noqa: E402

logging.getLogger("samtranslator").setLevel(logging.ERROR)  # its metrics reminder is not a finding

FUNCTION = "CsvTestFunction"
ALIAS = "live"
# Function settings that are not part of a published version: they apply to the function (every version) or to
# other resources, so a change there needs no new version.
NOT_VERSIONED = {"ReservedConcurrentExecutions", "Policies", "Events", "Role"}
DESCRIPTION_MAX = 256

failures = []


def report(ok, what, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}  {what}{': ' + detail if detail else ''}")
    if not ok:
        failures.append(what)


class NoManagedPolicyLookups:
    """The translator asks IAM for managed policy ARNs only for policy names; this template has none."""

    def load(self):
        return {}


def referenced_parameters(node, parameters):
    """Names of template parameters referenced by Ref or inside Fn::Sub anywhere in node."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str) and value in parameters:
                found.add(value)
            elif key == "Fn::Sub":
                text = value[0] if isinstance(value, list) else value
                found |= {n for n in re.findall(r"\$\{([A-Za-z0-9]+)\}", text) if n in parameters}
                if isinstance(value, list):
                    found |= referenced_parameters(value[1], parameters)
            else:
                found |= referenced_parameters(value, parameters)
    elif isinstance(node, list):
        for item in node:
            found |= referenced_parameters(item, parameters)
    return found


def max_rendered_length(name, spec):
    """Longest string a parameter can resolve to under its constraints, or None if unbounded."""
    if spec.get("Type") == "Number":
        if "MaxValue" not in spec or "MinValue" not in spec:
            return None
        return max(len(str(spec["MinValue"])), len(str(spec["MaxValue"])))
    if "AllowedValues" in spec:
        return max(len(str(v)) for v in spec["AllowedValues"])
    if "MaxLength" in spec:
        return int(spec["MaxLength"])
    m = re.search(r"\{\d*,(\d+)\}\)?\$?\"?$", spec.get("AllowedPattern", ""))
    if m:  # the pattern ends with a counted repetition: a first character plus up to N more
        prefix = spec["AllowedPattern"][: m.start()]
        return int(m.group(1)) + (1 if "]" in prefix else 0)
    return None


def another_value(name, spec):
    """A different allowed value for the parameter, as CloudFormation passes it (a string)."""
    default = str(spec.get("Default", ""))
    if spec.get("Type") == "Number":
        value = int(default)
        return str(value + 1 if value + 1 <= spec.get("MaxValue", value + 1) else value - 1)
    if "AllowedValues" in spec:
        return str(next(v for v in spec["AllowedValues"] if str(v) != default))
    candidate = "other-" + default if default else "other"
    pattern = spec.get("AllowedPattern")
    assert not pattern or re.fullmatch(pattern, candidate), f"{candidate} does not match {pattern}"
    return candidate


def translate(template, parameter_values):
    return transform(copy.deepcopy(template), parameter_values, NoManagedPolicyLookups())


def version_of(output):
    """(logical id, resource) of the function's AWS::Lambda::Version, and the alias's FunctionVersion."""
    resources = output["Resources"]
    versions = {k: r for k, r in resources.items()
                if r["Type"] == "AWS::Lambda::Version" and r["Properties"].get("FunctionName") == {"Ref": FUNCTION}}
    assert len(versions) == 1, f"expected one version of {FUNCTION}, got {sorted(versions)}"
    (logical_id, resource), = versions.items()
    alias = resources[f"{FUNCTION}Alias{ALIAS}"]["Properties"]["FunctionVersion"]
    return logical_id, resource, alias


def publishes_new_version(before, after, values_before, values_after, create_only):
    """True if deploying `after` over `before` makes CloudFormation publish a new version."""
    id_before, res_before, _ = before
    id_after, res_after, _ = after
    if id_before != id_after:
        return True, f"new logical id {id_after} (was {id_before})"
    resolved_before = IntrinsicsResolver(values_before).resolve_parameter_refs(copy.deepcopy(res_before["Properties"]))
    resolved_after = IntrinsicsResolver(values_after).resolve_parameter_refs(copy.deepcopy(res_after["Properties"]))
    changed = [p for p in create_only
               if json.dumps(resolved_before.get(p), sort_keys=True) != json.dumps(resolved_after.get(p), sort_keys=True)]
    if changed:
        return True, f"same logical id {id_after}, create-only {', '.join(changed)} changed: replaced"
    return False, f"same logical id {id_after}, no create-only property changed: $LATEST changes, '{ALIAS}' does not"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "template.yaml"
    template = yaml_parse(open(path, encoding="utf-8").read())
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://csv-test-artifacts/0123456789abcdef"  # as `sam package` writes it
    parameters = template.get("Parameters", {})
    defaults = {n: str(s["Default"]) for n, s in parameters.items() if "Default" in s}
    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", "AWS::Lambda::Version").schema
    create_only = [p.split("/")[-1] for p in schema.get("createOnlyProperties", [])]
    report("Description" in create_only, "AWS::Lambda::Version Description is create-only (a change replaces it)",
           f"create-only: {', '.join(create_only)}")

    props = template["Resources"][FUNCTION]["Properties"]
    versioned = {k: v for k, v in props.items() if k not in NOT_VERSIONED}
    versioned_globals = template.get("Globals", {}).get("Function", {})
    used = referenced_parameters([versioned, versioned_globals], parameters)
    in_description = referenced_parameters(props.get("VersionDescription"), parameters)
    report(used == in_description, "VersionDescription names every parameter the function's configuration uses",
           f"used: {sorted(used)}; in VersionDescription: {sorted(in_description)}"
           + (f"; missing: {sorted(used - in_description)}" if used - in_description else ""))

    # Longest Description: the literal text plus each parameter at its longest.
    text = props.get("VersionDescription", {}).get("Fn::Sub", "")
    text = text[0] if isinstance(text, list) else text
    lengths = {n: max_rendered_length(n, parameters[n]) for n in in_description}
    unbounded = sorted(n for n, length in lengths.items() if length is None)
    if unbounded:
        report(False, "VersionDescription fits in 256 characters", f"unbounded parameters: {unbounded}")
    else:
        longest = len(re.sub(r"\$\{[A-Za-z0-9]+\}", "", text)) + sum(lengths.values())
        report(longest <= DESCRIPTION_MAX, "VersionDescription fits in 256 characters",
               f"longest possible {longest} ({lengths})")
        print(f"DEPLOY: version description: at most {longest} of {DESCRIPTION_MAX} characters")

    base = version_of(translate(template, defaults))
    report(base[2] == {"Fn::GetAtt": [base[0], "Version"]}, f"alias '{ALIAS}' points at the function's version",
           f"{base[2]}")
    print(f"DEPLOY: defaults: {FUNCTION} version {base[0]}")

    without_fix = copy.deepcopy(template)
    without_fix["Resources"][FUNCTION]["Properties"].pop("VersionDescription", None)
    base_without = version_of(translate(without_fix, defaults))

    for name in sorted(used):
        changed = dict(defaults, **{name: another_value(name, parameters[name])})
        after = version_of(translate(template, changed))
        new, how = publishes_new_version(base, after, defaults, changed, create_only)
        report(new and after[2] == {"Fn::GetAtt": [after[0], "Version"]},
               f"{name}={defaults[name]} -> {changed[name]} publishes a new version and moves '{ALIAS}'", how)
        print(f"DEPLOY: parameter change {name}={changed[name]}: {how}")
        after_without = version_of(translate(without_fix, changed))
        new_without, how_without = publishes_new_version(base_without, after_without, defaults, changed, create_only)
        report(not new_without, f"(without VersionDescription, {name} alone would not publish one: SAM as is)",
               how_without)

    moved_code = copy.deepcopy(template)
    moved_code["Resources"][FUNCTION]["Properties"]["CodeUri"] = "s3://csv-test-artifacts/fedcba9876543210"
    after = version_of(translate(moved_code, defaults))
    new, how = publishes_new_version(base, after, defaults, defaults, create_only)
    report(new, "a code change publishes a new version", how)

    print(f"{len(failures)} failed" if failures else "version on change: all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
