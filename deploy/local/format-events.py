"""Formats the Kafka console consumer's records as one readable line per event, for `glimpse events`.

Input: one record a line, as the console consumer prints it with print.timestamp, print.headers and print.key,
the fields separated by \\x1e and the headers by \\x1f:  CreateTime:<ms> RS headers RS key RS value.
Arguments: the record key to keep ("" for all), a shell glob on the event type ("" for all) and, optionally,
"sorted": print every line at the end of the input in time order (the topics and their partitions arrive one
after another, not interleaved in time).
A record this cannot read (a value that is not JSON, a missing field) is still printed, never fatal.
"""
import fnmatch
import json
import sys
from datetime import datetime, timezone

FIELDS, HEADERS = "\x1e", "\x1f"


def when(timestamp, headers):
    """The event's time (ce_time), else the record's timestamp, in UTC."""
    try:
        moment = datetime.fromisoformat(headers["ce_time"].replace("Z", "+00:00"))
    except (KeyError, ValueError):
        try:
            moment = datetime.fromtimestamp(int(timestamp.rpartition(":")[2]) / 1000, timezone.utc)
        except ValueError:
            return "?" * 24
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:23] + "Z"


def size(count):
    if not isinstance(count, (int, float)):
        return "?"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(count) < 1024 or unit == "GiB":
            return f"{count:.0f}{unit}" if unit == "B" else f"{count:.1f}{unit}"
        count /= 1024


def quoted(value):
    return json.dumps(value, ensure_ascii=False)


def summary(data):
    parts = []
    image, task, member = data.get("image"), data.get("task"), data.get("member")
    verification = data.get("verification")
    if isinstance(image, dict):
        parts.append(f"name={quoted(image.get('name'))} status={image.get('status')}")
    if isinstance(task, dict):
        parts.append(f"task={task.get('id')} status={task.get('status')}")
        if task.get("message"):
            parts.append(f"message={quoted(task['message'])}")
        for step in task.get("progress") or []:
            if isinstance(step, dict):
                where = f"[{step['store']}]" if step.get("store") else ""
                total = step.get("bytes_total")
                done = size(step.get("bytes_done")) + ("/" + size(total) if total is not None else "")
                parts.append(f"{step.get('phase')}{where} {done} {step.get('state')}")
    if isinstance(member, dict):
        parts.append(f"member={member.get('member_id')} status={member.get('status')}")
        if data.get("deleted"):
            parts.append("deleted")
    if isinstance(verification, dict):
        parts.append(f"verified={verification.get('verified')} outcome={verification.get('outcome')}")
        if verification.get("reason"):
            parts.append(f"reason={quoted(verification['reason'])}")
    if "namespace" in data:  # metadef events
        parts.append(f"namespace={data.get('namespace')} name={quoted(data.get('name'))}")
    if data.get("store"):
        parts.append(f"store={data['store']}")
    if data.get("reason"):
        parts.append(f"reason={quoted(data['reason'])}")
    actor = data.get("actor")
    if isinstance(actor, dict):
        parts.append(f"by {actor.get('project_id')}/{actor.get('user_id')}")
    return "  ".join(parts)


def line(record, image, pattern):
    fields = record.rstrip("\n").split(FIELDS, 3)
    if len(fields) < 4:  # not a record (a stray line): shown unless filtering
        return None if image or pattern else record.rstrip("\n")
    timestamp, header_text, key, value = fields
    headers = {}
    if header_text != "NO_HEADERS":
        for header in header_text.split(HEADERS):
            name, _, text = header.partition(":")
            headers[name] = text
    kind = headers.get("ce_type", "?")
    if image and key != image or pattern and not fnmatch.fnmatchcase(kind, pattern):
        return None
    try:
        data = json.loads(value)
        text = summary(data) if isinstance(data, dict) else value[:160]
    except ValueError:
        text = value[:160]
    return f"{when(timestamp, headers)}  {kind:<28} {key:<36}  {text}"


def main():
    image, pattern, order = (sys.argv[1:] + ["", "", ""])[:3]
    held = []
    try:
        for record in sys.stdin:
            try:
                shown = line(record, image, pattern)
            except Exception as error:  # one odd record must not end the stream
                shown = f"(unreadable record: {error}) {record.strip()[:160]}"
            if shown is None:
                continue
            if order == "sorted":
                held.append(shown)
            else:
                print(shown, flush=True)
        for shown in sorted(held):
            print(shown)
    except (BrokenPipeError, KeyboardInterrupt):
        sys.stderr.close()


main()
