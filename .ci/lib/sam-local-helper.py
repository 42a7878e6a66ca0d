"""Host-side helpers for .ci/lib/sam-local-checks.sh (runs in the moto venv, which brings boto3).

  classify EVENT...                      prints "<file> http|cloudformation|other" per file
  expect EVENT MAX_DELAY                 prints the status and content type an HTTP API event must get
  check-invoke RESULT EXPECT_STATUS EXPECT_TYPE CSV_FILE
                                         checks `sam local invoke` output (payload 2.0 response) -> one line
  seed ENDPOINT BUCKET KEY FILE          creates the (versioned) bucket and puts FILE at KEY
  make-bucket ENDPOINT BUCKET            creates an empty versioned bucket
  response-server HOST PORT_FILE DIR     records every PUT body as DIR/<n>.json (CloudFormation's ResponseURL)
  point-event EVENT URL OUT              copies a custom-resource event with its ResponseURL replaced
  check-seed PHASE ENDPOINT EVENT RESPONSE CSV_FILE
                                         checks the bucket and the response document after Create/Update/Delete

Every check prints one line starting with "ok:" or "FAIL:" and exits 0 or 1.
"""
import http.server
import json
import re
import sys
import threading

CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local", "region_name": "us-east-1"}


def s3(endpoint):
    import boto3
    from botocore.config import Config
    return boto3.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}), **CREDENTIALS)


def classify(files):
    for name in files:
        try:
            with open(name) as f:
                event = json.load(f)
        except (OSError, ValueError):
            print(name, "other")
            continue
        if isinstance(event, dict) and event.get("version") == "2.0" and "routeKey" in event:
            print(name, "http")
        elif isinstance(event, dict) and "RequestType" in event and "ResponseURL" in event:
            print(name, "cloudformation")
        else:
            print(name, "other")


def expect(name, max_delay):
    """200 text/csv for exactly one whole-number delay within 0..max_delay, else 400 problem+json."""
    with open(name) as f:
        event = json.load(f)
    values = [v for k, _, v in (p.partition("=") for p in event.get("rawQueryString", "").split("&")) if k == "delay"]
    ok = len(values) == 1 and re.fullmatch(r"[0-9]{1,9}", values[0]) and int(values[0]) <= int(max_delay)
    print("200 text/csv" if ok else "400 application/problem+json")


def header(headers, name):
    for k, v in (headers or {}).items():
        if k.lower() == name.lower():
            return v
    return None


def check_invoke(result_file, want_status, want_type, csv_file):
    with open(result_file) as f:
        text = f.read().strip()
    try:
        response = json.loads(text.splitlines()[-1]) if text else None
    except ValueError:
        response = None
    if not isinstance(response, dict) or "statusCode" not in response:
        print(f"FAIL: no payload 2.0 response on stdout: {text[:200]!r}")
        return 1
    status, ctype, body = response["statusCode"], header(response.get("headers"), "Content-Type"), response.get("body") or ""
    problems = []
    if str(status) != want_status:
        problems.append(f"status {status}, want {want_status}")
    if (ctype or "").split(";")[0].strip() != want_type:
        problems.append(f"Content-Type {ctype}, want {want_type}")
    if want_status == "200":
        with open(csv_file, encoding="utf-8") as f:
            if body != f.read():
                problems.append(f"body ({len(body)} chars) is not {csv_file}")
    elif want_type == "application/problem+json":
        try:
            problem = json.loads(body)
            if problem.get("status") != int(want_status):
                problems.append(f"problem document status {problem.get('status')}")
        except ValueError:
            problems.append("body is not JSON")
    if problems:
        print("FAIL: " + "; ".join(problems))
        return 1
    print(f"ok: {status} {ctype}, {len(body)} chars")
    return 0


def make_bucket(endpoint, bucket):
    client = s3(endpoint)
    client.create_bucket(Bucket=bucket)
    client.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    return client


def seed(endpoint, bucket, key, file):
    client = make_bucket(endpoint, bucket)
    with open(file, "rb") as f:
        client.put_object(Bucket=bucket, Key=key, Body=f.read(), ContentType="text/csv")
    print(f"ok: seeded s3://{bucket}/{key} from {file}")


def response_server(host, port_file, directory):
    count = [0]
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                count[0] += 1
                path = f"{directory}/{count[0]}.json"
            with open(path + ".tmp", "wb") as f:
                f.write(body)
            import os
            os.replace(path + ".tmp", path)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, fmt, *args):
            sys.stderr.write("response-server: " + (fmt % args) + "\n")

    server = http.server.ThreadingHTTPServer((host, 0), Handler)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


def point_event(name, url, out):
    with open(name) as f:
        event = json.load(f)
    event["ResponseURL"] = url
    with open(out, "w") as f:
        json.dump(event, f, indent=2)


def keys(client, bucket):
    versions = client.list_object_versions(Bucket=bucket)
    current = sorted(v["Key"] for v in versions.get("Versions", []) if v.get("IsLatest"))
    markers = {m["Key"] for m in versions.get("DeleteMarkers", []) if m.get("IsLatest")}
    return [k for k in current if k not in markers], len(versions.get("Versions", [])) + len(versions.get("DeleteMarkers", []))


def check_seed(phase, endpoint, event_file, response_file, csv_file):
    with open(event_file) as f:
        event = json.load(f)
    problems = []
    try:
        with open(response_file) as f:
            response = json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL: no CloudFormation response document recorded ({e})")
        return 1
    props = event["ResourceProperties"]
    bucket, key = props["BucketName"], props["ObjectKey"]
    if response.get("Status") != "SUCCESS":
        problems.append(f"Status {response.get('Status')} ({response.get('Reason')})")
    for field in ("StackId", "RequestId", "LogicalResourceId"):
        if response.get(field) != event[field]:
            problems.append(f"{field} {response.get(field)!r}, want {event[field]!r}")
    want_physical = event.get("PhysicalResourceId", bucket)
    if response.get("PhysicalResourceId") != want_physical:
        problems.append(f"PhysicalResourceId {response.get('PhysicalResourceId')!r}, want {want_physical!r}")
    client = s3(endpoint)
    current, versions = keys(client, bucket)
    if phase in ("create", "update"):
        data = response.get("Data") or {}
        if data.get("ObjectKey") != key or data.get("DemoPageKey") != "index.html":
            problems.append(f"Data {data}")
        if sorted(current) != sorted([key, "index.html"]):
            problems.append(f"bucket holds {current}, want {sorted([key, 'index.html'])}")
        else:
            obj = client.get_object(Bucket=bucket, Key=key)
            with open(csv_file, "rb") as f:
                if obj["Body"].read() != f.read():
                    problems.append(f"s3://{bucket}/{key} differs from {csv_file}")
            if not obj.get("ContentType", "").startswith("text/csv"):
                problems.append(f"{key} has Content-Type {obj.get('ContentType')}")
        if phase == "update":
            old = event["OldResourceProperties"]["ObjectKey"]
            if old in current:
                problems.append(f"the previous key {old} is still there")
    elif phase == "delete":
        if versions:
            problems.append(f"bucket still holds {versions} object versions/delete markers ({current})")
    if problems:
        print("FAIL: " + "; ".join(problems))
        return 1
    detail = f"objects now {current}" if current else "bucket empty (no versions, no delete markers)"
    print(f"ok: SUCCESS, PhysicalResourceId {response.get('PhysicalResourceId')}, {detail}")
    return 0


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "classify":
        classify(args)
    elif command == "expect":
        expect(*args)
    elif command == "check-invoke":
        return check_invoke(*args)
    elif command == "seed":
        seed(*args)
    elif command == "make-bucket":
        make_bucket(*args)
        print(f"ok: created s3://{args[1]}")
    elif command == "response-server":
        response_server(*args)
    elif command == "point-event":
        point_event(*args)
    elif command == "check-seed":
        return check_seed(*args)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
