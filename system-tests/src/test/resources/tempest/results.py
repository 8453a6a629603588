"""Reads a subunit v2 stream (stestr last --subunit) on stdin; prints one JSON object per test:
{"id", "status" (success|skip|fail|...), "reason"} - the skip reason or the failure's traceback."""
import json
import sys

import subunit
import testtools


def main():
    results = []

    def on_test(test):
        details = test.get("details", {})
        text = ""
        for name in ("reason", "traceback"):
            if name in details:
                text = details[name].as_text()
                break
        results.append({"id": test["id"].split("[")[0], "status": test["status"], "reason": text.strip()})

    stream = subunit.ByteStreamToStreamResult(sys.stdin.buffer, non_subunit_name="stdout")
    summary = testtools.StreamToDict(on_test)
    summary.startTestRun()
    stream.run(summary)
    summary.stopTestRun()
    for result in results:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
