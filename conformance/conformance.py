#!/usr/bin/env python3
"""The conformance suite: one request list, sent to two targets, compared field by field. Standard library only.

  conformance.py send --name NAME --base http://127.0.0.1:PORT [--requests FILE] --out FILE.json [--csv-file FILE]
      sends every request of the list (conformance/requests.json) to one target, one connection each, with
      http.client, and records for each: status, the response headers as received, and the normalized view
      that is compared (content type, every header a client sees with volatile values masked, the body as a
      CSV hash/length, parsed JSON with volatile fields masked, or short text).

  conformance.py compare --sam SAM.json --local LOCAL.json [--adjudications FILE] [--fixes FILE]
                         [--json OUT.json] [--markdown OUT.md]
      compares the two records field by field (status, content-type, header:<name>, body); in the JSON result a
      difference names its verdict by its index in "adjudications". Every difference must
      match an entry of conformance/adjudications.yaml (same request, or "*", same field, and the same SAM and
      local values): otherwise it is un-adjudicated. Every entry of conformance/fixes.yaml (a difference fixed in
      the emulator) must still hold: the local value must be the one the fix produced. Prints CONFORMANCE: lines;
      exits 1 on an un-adjudicated difference, a stale adjudication or a regressed fix, 2 on bad input.

Normalization (what "a client sees", minus values that differ on every request):
  date, apigw-requestid, x-amzn-requestid, x-amz-apigw-id, x-amzn-trace-id, etag  -> "(present)"
  content-length   -> folded into the body field (only shown when it disagrees with the body, or for HEAD)
  text/csv bodies  -> "csv bytes=N sha256=<16 hex>" (+ " = sample" when it is the CSV file given by --csv-file)
  JSON bodies      -> canonical JSON (sorted keys), keys in MASKED_JSON_KEYS replaced by "(masked)"
  other bodies     -> the text itself up to 300 bytes, else "text bytes=N sha256=..."
  no response      -> status "no response (<error>)"
"""
import argparse
import hashlib
import http.client
import json
import pathlib
import re
import socket
import sys
import time
import urllib.parse

PRESENCE_ONLY = {"date", "apigw-requestid", "x-amzn-requestid", "x-amz-apigw-id", "x-amzn-trace-id", "etag"}
MASKED_JSON_KEYS = {"requestId", "awsRequestId", "instance", "traceId", "timestamp", "time", "timeEpoch"}
ABSENT = "(absent)"
USER_AGENT = "csv-test-conformance/1"
TIMEOUT_SECONDS = 60


# ----------------------------------------------------------------------------------------------------------------
# send

def build_target(req, headers):
    """The request target; 'pad' adds that many bytes, 'quota_total' pads the quota measure to exactly that size."""
    target = req["target"]
    if req.get("pad") or req.get("quota_total"):
        target += ("&" if "?" in target else "?") + "pad="
    if req.get("pad"):
        target += "x" * int(req["pad"])
    elif req.get("quota_total"):
        target += "x" * (int(req["quota_total"]) - quota_measure(req["method"], target, headers))
    return target


def quota_measure(method, target, headers):
    """HTTP API's quota: the request line (without CRLF) plus every header value (names not counted)."""
    return len(f"{method} {target} HTTP/1.1") + sum(len(v) for _, v in headers)


def send_one(base, req):
    url = urllib.parse.urlsplit(base)
    host, port = url.hostname, url.port or 80
    extra = [tuple(h) for h in req.get("headers", [])]
    replaced = {n.lower() for n in req.get("replace_default_headers", [])}
    headers = [("Host", f"{host}:{port}"), ("User-Agent", USER_AGENT), ("Accept", "*/*")]
    headers = [h for h in headers if h[0].lower() not in replaced] + extra
    body = req.get("body")
    body_bytes = body.encode("utf-8") if body is not None else None
    if body_bytes is not None:
        headers.append(("Content-Length", str(len(body_bytes))))
    target = build_target(req, headers)
    head_bytes = len(f"{req['method']} {target} HTTP/1.1\r\n") + sum(len(f"{n}: {v}\r\n") for n, v in headers) + 2
    started = time.monotonic()
    record = {"id": req["id"], "method": req["method"], "target": target if len(target) <= 200 else
              target[:120] + f"...({len(target)} characters)", "request_head_bytes": head_bytes,
              "quota_measure": quota_measure(req["method"], target, headers)}
    conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
    try:
        conn.putrequest(req["method"], target, skip_host=True, skip_accept_encoding=True)
        for name, value in headers:
            conn.putheader(name, value)
        conn.endheaders(body_bytes)
        resp = conn.getresponse()
        raw = resp.read()
        record.update({
            "status": resp.status,
            "reason": resp.reason,
            "headers": [[n, v] for n, v in resp.getheaders()],
            "body_bytes": len(raw),
            "body_sha256": hashlib.sha256(raw).hexdigest(),
            "body_sample": raw[:300].decode("utf-8", "replace"),
        })
        record["_raw"] = raw
    except (OSError, http.client.HTTPException) as e:
        record.update({"status": None, "error": f"{type(e).__name__}: {e}"[:200], "headers": [], "body_bytes": 0})
        record["_raw"] = b""
    finally:
        conn.close()
    record["seconds"] = round(time.monotonic() - started, 3)
    return record


def header_values(headers, name):
    return [v for n, v in headers if n.lower() == name]


def normalize_json(value):
    if isinstance(value, dict):
        return {k: ("(masked)" if k in MASKED_JSON_KEYS else normalize_json(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize_json(v) for v in value]
    return value


def normalize_body(record, csv_sha):
    raw = record.pop("_raw", b"")
    ctype = (header_values(record["headers"], "content-type") or [""])[0].split(";")[0].strip().lower()
    if not raw:
        text = "empty"
    elif ctype == "text/csv":
        sha = hashlib.sha256(raw).hexdigest()
        text = f"csv bytes={len(raw)} sha256={sha[:16]}" + (" = sample" if sha == csv_sha else "")
    else:
        parsed = None
        if ctype.endswith("json") or raw[:1] in (b"{", b"["):
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = None
        if parsed is not None:
            text = "json " + json.dumps(normalize_json(parsed), sort_keys=True, separators=(",", ":"))
        elif len(raw) <= 300:
            text = "text " + raw.decode("utf-8", "replace")
        else:
            text = f"text bytes={len(raw)} sha256={hashlib.sha256(raw).hexdigest()[:16]} starts {raw[:40].decode('utf-8', 'replace')!r}"
    lengths = header_values(record["headers"], "content-length")
    if record["method"] == "HEAD" or (lengths and lengths[0] != str(len(raw))):
        text += f" content-length={','.join(lengths) or ABSENT}"
    return text


def normalize(record, csv_sha):
    view = {}
    if record["status"] is None:
        view["status"] = f"no response ({record['error'].split(':')[0]})"
    else:
        view["status"] = str(record["status"])
    names = []
    for n, _ in record["headers"]:
        if n.lower() not in names:
            names.append(n.lower())
    view["content-type"] = ", ".join(header_values(record["headers"], "content-type")) or ABSENT
    for name in names:
        if name in ("content-type", "content-length"):
            continue
        values = header_values(record["headers"], name)
        view["header:" + name] = "(present)" if name in PRESENCE_ONLY else " | ".join(values)
    view["body"] = normalize_body(record, csv_sha)
    return view


def cmd_send(args):
    spec = json.loads(pathlib.Path(args.requests).read_text())
    csv_sha = hashlib.sha256(pathlib.Path(args.csv_file).read_bytes()).hexdigest() if args.csv_file else None
    results = []
    for req in spec["requests"]:
        record = send_one(args.base, req)
        record["view"] = normalize(record, csv_sha)
        results.append(record)
        print(f"conformance: {args.name:6} {req['id']:32} {record['view']['status']:>4} "
              f"{record['view']['content-type'][:40]:40} {record['seconds']:6.2f} s", flush=True)
    out = {"target": args.name, "base": args.base, "sent": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
           "results": results}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(out, indent=1) + "\n")
    return 0


# ----------------------------------------------------------------------------------------------------------------
# a small YAML subset for the checked-in tables: a list of flat mappings
#   - key: plain scalar | "JSON string" | > (folded block of more-indented lines)
#     key: ...

def parse_yaml_list(text, source):
    entries, current = [], None
    block_key, block_lines, key_indent = None, [], 0
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        if block_key is not None:
            if not line.strip() or indent > key_indent:
                block_lines.append(line.strip())
                continue
            current[block_key] = " ".join(x for x in block_lines if x)
            block_key, block_lines = None, []
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("- "):
            current = {}
            entries.append(current)
            rest, key_indent = line[2:], 2
        elif current is not None and indent > 0:
            rest, key_indent = line.strip(), indent
        else:
            raise ValueError(f"{source}:{number}: expected '- key: value' or an indented 'key: value': {line!r}")
        m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?", rest.rstrip())
        if not m:
            raise ValueError(f"{source}:{number}: not 'key: value': {line!r}")
        key, value = m.group(1), (m.group(2) or "").strip()
        if key in current:
            raise ValueError(f"{source}:{number}: '{key}' twice in one entry")
        if value in (">", ">-"):
            block_key, block_lines = key, []
            continue
        if value.startswith('"'):
            try:
                value = json.loads(value)
            except ValueError as e:
                raise ValueError(f"{source}:{number}: bad quoted string ({e}); quote as JSON") from None
        current[key] = value
    if block_key is not None:
        current[block_key] = " ".join(x for x in block_lines if x)
    return entries


ADJUDICATION_KEYS = {"request", "field", "covers", "aws", "aws_source", "sam", "local", "verdict", "because"}
FIX_KEYS = {"request", "field", "before", "after", "sam", "aws_source", "test", "what"}
VERDICTS = ("we follow AWS", "deliberate")


def load_table(path, keys, required):
    if not path or not pathlib.Path(path).exists():
        return []
    entries = parse_yaml_list(pathlib.Path(path).read_text(), path)
    for i, e in enumerate(entries, 1):
        unknown = set(e) - keys
        missing = required - set(e)
        if unknown or missing:
            raise ValueError(f"{path}: entry {i} ({e.get('request')} {e.get('field')}): "
                             f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    return entries


# ----------------------------------------------------------------------------------------------------------------
# compare

def cmd_compare(args):
    try:
        sam = json.loads(pathlib.Path(args.sam).read_text())
        local = json.loads(pathlib.Path(args.local).read_text())
        adjudications = load_table(args.adjudications, ADJUDICATION_KEYS, ADJUDICATION_KEYS - {"covers", "because"})
        fixes = load_table(args.fixes, FIX_KEYS, {"request", "field", "before", "after", "test", "what"})
    except (OSError, ValueError) as e:
        print(f"CONFORMANCE: error: {e}")
        return 2
    for a in adjudications:
        a["requests"] = [r.strip() for r in a["request"].split(",") if r.strip()]
        a["covers"] = [c.strip() for c in a.get("covers", "").split(",") if c.strip()]
        if not any(a["verdict"].startswith(v) for v in VERDICTS):
            print(f"CONFORMANCE: error: adjudication {a['request']} {a['field']}: verdict must start with "
                  f"'we follow AWS' or 'deliberate', not {a['verdict']!r}")
            return 2
        if a["verdict"].startswith("deliberate") and not a.get("because"):
            print(f"CONFORMANCE: error: adjudication {a['request']} {a['field']}: a deliberate verdict needs 'because'")
            return 2
        if not a["aws_source"].startswith("https://"):
            print(f"CONFORMANCE: error: adjudication {a['request']} {a['field']}: aws_source must be a URL")
            return 2
    by_id_sam = {r["id"]: r for r in sam["results"]}
    by_id_local = {r["id"]: r for r in local["results"]}
    ids = [r["id"] for r in sam["results"]]
    if ids != [r["id"] for r in local["results"]]:
        print("CONFORMANCE: error: the two targets were sent different request lists")
        return 2

    differences, used = [], set()
    for rid in ids:
        sv, lv = by_id_sam[rid]["view"], by_id_local[rid]["view"]
        fields = ["status", "content-type"] + sorted({k for k in list(sv) + list(lv) if k.startswith("header:")}) + ["body"]
        differing = [f for f in fields if sv.get(f, ABSENT) != lv.get(f, ABSENT)]
        # The entries whose own field differs here with exactly the recorded values; a request-specific entry
        # wins over a "*" one for the same field.
        matched, stale = {}, {}
        for i, a in enumerate(adjudications):
            if not (rid in a["requests"] or "*" in a["requests"]) or a["field"] not in differing:
                continue
            if a["sam"] == sv.get(a["field"], ABSENT) and a["local"] == lv.get(a["field"], ABSENT):
                if a["field"] not in matched or "*" in adjudications[matched[a["field"]]]["requests"]:
                    matched[a["field"]] = i
            elif rid in a["requests"]:
                stale[a["field"]] = i
        for field in differing:
            entry = matched.get(field)
            if entry is None:   # a consequence of another difference of this request, listed in that entry's covers
                entry = next((i for i in matched.values() if field in adjudications[i]["covers"]), None)
            if entry is not None:
                used.add(entry)
                state = "adjudicated"
            else:
                state = "stale adjudication" if field in stale else "un-adjudicated"
            shown = entry if entry is not None else stale.get(field)
            differences.append({"request": rid, "field": field, "sam": sv.get(field, ABSENT),
                                "local": lv.get(field, ABSENT), "state": state,
                                "adjudication": shown,
                                "consequence_of": (adjudications[entry]["field"] if entry is not None
                                                   and adjudications[entry]["field"] != field else None)})

    fix_results = []
    for f in fixes:
        r = by_id_local.get(f["request"])
        now = r["view"].get(f["field"], ABSENT) if r else "(request not in the list)"
        fix_results.append(dict(f, now=now, holds=(now == f["after"])))
    unused = [a for i, a in enumerate(adjudications) if i not in used]
    known_ids = set(ids) | {"*"}
    for a in adjudications:
        unknown = [r for r in a["requests"] if r not in known_ids]
        if unknown:
            print(f"CONFORMANCE: error: adjudication for {unknown} names requests that are not in the list")
            return 2

    n_adj = sum(d["state"] == "adjudicated" for d in differences)
    n_un = sum(d["state"] != "adjudicated" for d in differences)
    n_fixed = sum(f["holds"] for f in fix_results)
    n_regressed = sum(not f["holds"] for f in fix_results)
    keys_now = {(d["request"], d["field"]) for d in differences}
    fixed_gone = sum(f["holds"] and (f["request"], f["field"]) not in keys_now for f in fix_results)
    found = len(differences) + fixed_gone
    verdicts = {}
    for d in differences:
        if d["state"] == "adjudicated":
            v = "we follow AWS" if adjudications[d["adjudication"]]["verdict"].startswith("we follow AWS") else "deliberate"
            verdicts[v] = verdicts.get(v, 0) + 1
    summary = {"requests": len(ids), "found": found, "differences_now": len(differences), "fixed": n_fixed,
               "adjudicated": n_adj, "un_adjudicated": n_un, "regressed_fixes": n_regressed,
               "unused_adjudications": len(unused), "verdicts": verdicts, "verdict_entries_used": len(used)}
    result = {"summary": summary, "sam": {"base": sam["base"], "sent": sam["sent"]},
              "local": {"base": local["base"], "sent": local["sent"]}, "adjudications": adjudications,
              "differences": differences,
              "fixes": fix_results, "unused_adjudications": unused,
              "requests": [{"id": rid, "method": by_id_sam[rid]["method"], "target": by_id_sam[rid]["target"],
                            "sam": by_id_sam[rid]["view"], "local": by_id_local[rid]["view"],
                            "sam_seconds": by_id_sam[rid]["seconds"], "local_seconds": by_id_local[rid]["seconds"]}
                           for rid in ids]}
    if args.json:
        pathlib.Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        pathlib.Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    if args.markdown:
        pathlib.Path(args.markdown).parent.mkdir(parents=True, exist_ok=True)
        pathlib.Path(args.markdown).write_text(markdown(result, args))

    for d in differences:
        if d["state"] != "adjudicated":
            print(f"CONFORMANCE: {d['state'].upper()}: {d['request']} {d['field']}: sam {d['sam']!r} / local {d['local']!r}")
    for f in fix_results:
        if not f["holds"]:
            print(f"CONFORMANCE: REGRESSED FIX: {f['request']} {f['field']}: want {f['after']!r}, local now {f['now']!r}")
    for a in unused:
        print(f"CONFORMANCE: note: adjudication {a['request']} {a['field']} matched no difference this run")
    print(f"CONFORMANCE: requests {len(ids)}")
    print(f"CONFORMANCE: differences found {found} (between sam local and the local stack now: {len(differences)}; "
          f"fixed in the emulator and now the same: {fixed_gone})")
    print(f"CONFORMANCE: fixed in the emulator {n_fixed} (regressed: {n_regressed})")
    entries = {}
    for i in used:
        v = "we follow AWS" if adjudications[i]["verdict"].startswith("we follow AWS") else "deliberate"
        entries[v] = entries.get(v, 0) + 1
    print(f"CONFORMANCE: adjudicated {n_adj} ({', '.join(f'{k}: {v}' for k, v in sorted(verdicts.items())) or 'none'}) "
          f"under {len(used)} verdicts ({', '.join(f'{k}: {v}' for k, v in sorted(entries.items())) or 'none'})")
    print(f"CONFORMANCE: un-adjudicated {n_un}")
    return 1 if n_un or n_regressed else 0


def md_cell(text, limit=160):
    text = str(text).replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def markdown(result, args):
    s = result["summary"]
    out = ["# Conformance: sam local start-api beside the local stack", "",
           f"Generated by `conformance/conformance.py compare` from one run of `.ci/lib/conformance.sh` "
           f"(sam local sent {result['sam']['sent']}, local stack sent {result['local']['sent']}). "
           "Volatile values are masked (see the program's docstring). Verdicts: "
           "`conformance/adjudications.yaml`; fixes: `conformance/fixes.yaml`; explained in `docs/fidelity.md`.", "",
           f"**{s['requests']} requests; {s['found']} differences found; {s['fixed']} fixed in the emulator; "
           f"{s['adjudicated']} adjudicated; {s['un_adjudicated']} un-adjudicated.**", "",
           "## Every request", "",
           "| request | method and target | sam local | local stack | differing fields |",
           "|---|---|---|---|---|"]
    diffs_by_request = {}
    for d in result["differences"]:
        diffs_by_request.setdefault(d["request"], []).append(d["field"])
    for r in result["requests"]:
        sv, lv = r["sam"], r["local"]
        out.append(f"| `{r['id']}` | `{md_cell(r['method'] + ' ' + r['target'], 70)}` | "
                   f"{md_cell(sv['status'])} {md_cell(sv['content-type'], 50)} | "
                   f"{md_cell(lv['status'])} {md_cell(lv['content-type'], 50)} | "
                   f"{', '.join('`' + f + '`' for f in diffs_by_request.get(r['id'], [])) or 'none'} |")
    groups = {}
    for d in result["differences"]:
        if d["state"] == "adjudicated":
            a = result["adjudications"][d["adjudication"]]
            key = (a["request"], a["field"])
            g = groups.setdefault(key, {"a": a, "requests": [], "fields": set(), "n": 0})
            if d["request"] not in g["requests"]:
                g["requests"].append(d["request"])
            g["fields"].add(d["field"])
            g["n"] += 1
    out += ["", "## Differences and verdicts", "",
            "One row per verdict of `conformance/adjudications.yaml`; *also* lists the fields that differ as a "
            "consequence (e.g. the body of a different status).", "",
            "| requests | field (also) | sam local | local stack | API Gateway (HTTP API) | verdict | differences |",
            "|---|---|---|---|---|---|---:|"]
    for g in groups.values():
        a = g["a"]
        reqs = "every request where it differs" if "*" in a["requests"] else ", ".join(f"`{r}`" for r in g["requests"])
        also = sorted(g["fields"] - {a["field"]})
        out.append(f"| {reqs} | `{a['field']}`{' (' + ', '.join('`' + f + '`' for f in also) + ')' if also else ''} | "
                   f"{md_cell(a['sam'], 90)} | {md_cell(a['local'], 90)} | {md_cell(a['aws'], 400)} "
                   f"([source]({a['aws_source']})) | {md_cell(a['verdict'] + (': ' + a['because'] if a.get('because') else ''), 400)} | {g['n']} |")
    open_ones = [d for d in result["differences"] if d["state"] != "adjudicated"]
    if open_ones:
        out += ["", "## Without a verdict", "", "| request | field | sam local | local stack | state |", "|---|---|---|---|---|"]
        for d in open_ones:
            out.append(f"| `{d['request']}` | `{d['field']}` | {md_cell(d['sam'])} | {md_cell(d['local'])} | {d['state']} |")
    if result["fixes"]:
        out += ["", "## Fixed in the emulator", "",
                "| request | field | before | now | test |", "|---|---|---|---|---|"]
        for f in result["fixes"]:
            out.append(f"| `{f['request']}` | `{f['field']}` | {md_cell(f['before'])} | {md_cell(f['now'])}"
                       f"{'' if f['holds'] else ' (REGRESSED)'} | `{f['test']}` |")
    out.append("")
    return "\n".join(out)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("send")
    s.add_argument("--name", required=True)
    s.add_argument("--base", required=True)
    s.add_argument("--requests", default=str(pathlib.Path(__file__).with_name("requests.json")))
    s.add_argument("--out", required=True)
    s.add_argument("--csv-file")
    c = sub.add_parser("compare")
    c.add_argument("--sam", required=True)
    c.add_argument("--local", required=True)
    c.add_argument("--adjudications", default=str(pathlib.Path(__file__).with_name("adjudications.yaml")))
    c.add_argument("--fixes", default=str(pathlib.Path(__file__).with_name("fixes.yaml")))
    c.add_argument("--json")
    c.add_argument("--markdown")
    args = p.parse_args(argv)
    socket.setdefaulttimeout(TIMEOUT_SECONDS)
    return cmd_send(args) if args.cmd == "send" else cmd_compare(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
