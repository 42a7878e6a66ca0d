"""The original Flask app's server (what this project replaced), as a benchmark baseline (a fixture, not product code).

GET /csv_test?delay=N sleeps N seconds, then returns the project's sample CSV
(src/main/resources/sample.csv). Run it as bench/run.sh does:

  Flask dev server:  bench/.venv/bin/python bench/flask_app/app.py --port 5000 [--no-threads]
  gunicorn:          bench/.venv/bin/gunicorn --chdir bench/flask_app -b 127.0.0.1:5000 -w 2 app:app
                     (-w 1 --threads 2 for gthread, -k gevent for gevent)
"""
import argparse
import math
import pathlib
import time

from flask import Flask, Response, request

CSV_PATH = pathlib.Path(__file__).resolve().parents[2] / "src" / "main" / "resources" / "sample.csv"
CSV_BYTES = CSV_PATH.read_bytes()
MAX_DELAY_SECONDS = 60

app = Flask(__name__)


@app.get("/csv_test")
def csv_test():
    raw = request.args.get("delay", "0")
    try:
        delay = float(raw)
    except ValueError:
        return {"title": "delay must be a number of seconds"}, 400
    if not math.isfinite(delay) or delay < 0 or delay > MAX_DELAY_SECONDS:
        return {"title": f"delay must be in [0, {MAX_DELAY_SECONDS}]"}, 400
    time.sleep(delay)
    return Response(CSV_BYTES, mimetype="text/csv", headers={"Cache-Control": "no-store"})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--no-threads", action="store_true", help="threaded=False: one request at a time")
    args = parser.parse_args()
    app.run(host="127.0.0.1", port=args.port, threaded=not args.no_threads)


if __name__ == "__main__":
    main()
