"""Glimpse against the reference Glance, the same fixed work on both in one run (scripts/bench-vs-glance.sh).

Creates at 1 and 8 clients (after WARMUP_SECONDS of untimed creates by 8 clients on each side, whose rate is printed
too: a JVM reaches its steady speed only after thousands of requests), plain and filtered lists (once each side's
processes are idle again) over LIST_IMAGES images (p50/p99), uploads and downloads of
each size in SIZES_MIB (the first after a fresh start and a warm one), deletes; the server CPU each side spent on
each step (every process of the side, children included), this machine's own limits, RSS growth, and the ratios
against the goals of the data path work. Every image it creates is deleted before it ends.
"""

import concurrent.futures
import hashlib
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

GLIMPSE = os.environ.get("GATEWAY_URL", "http://127.0.0.1:9292")
GLANCE = os.environ.get("GLANCE_URL", "http://127.0.0.1:19292")
KEYCLOAK_TOKEN_URL = os.environ.get(
    "TOKEN_URL", "http://127.0.0.1:8180/realms/glimpse/protocol/openid-connect/token")
GLIMPSE_HOME = os.environ["GLIMPSE_HOME"]
GLANCE_PID_FILE = os.environ.get("GLANCE_PID_FILE", "/tmp/reference-glance/glance-api.pid")
SIZES_MIB = [int(s) for s in os.environ.get("SIZES_MIB", "256 4096").split()]
LIST_IMAGES = int(os.environ.get("LIST_IMAGES", "2000"))
CREATES = int(os.environ.get("CREATES", "200"))
LIST_CALLS = int(os.environ.get("LIST_CALLS", "200"))
FRESH = os.environ.get("FRESH", "1") == "1"
WARMUP_SECONDS = float(os.environ.get("WARMUP_SECONDS", "20"))
LAUNCHER = os.environ["LAUNCHER"]
SINK = os.path.join(os.path.dirname(__file__), "sink.py")
TICK = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024


# ---------------------------------------------------------------- the two sides


class Side:
    def __init__(self, name, url):
        self.name = name
        self.url = urllib.parse.urlsplit(url)

    def connection(self):
        return http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=600)

    def headers(self, fresh_for=0):
        """The authentication headers, valid for at least fresh_for more seconds."""
        raise NotImplementedError

    def pids(self):
        raise NotImplementedError

    def call(self, conn, method, path, body=None, extra=None):
        headers = dict(self.headers())
        if body is not None:
            body = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        headers.update(extra or {})
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, data


class Glimpse(Side):
    def __init__(self):
        super().__init__("glimpse", GLIMPSE)
        self.token = None
        self.token_at = 0

    def headers(self, fresh_for=0):
        # Access tokens live 5 minutes; fetch a new one well before, and before a timed step when asked to (a token
        # fetched inside a timed call would add Keycloak's ~40 ms to it).
        if self.token is None or time.time() - self.token_at > 120 - fresh_for:
            form = urllib.parse.urlencode(
                {"grant_type": "password", "client_id": "glimpse-cli", "username": "alice", "password": "alice"})
            with urllib.request.urlopen(KEYCLOAK_TOKEN_URL, form.encode()) as r:
                self.token = json.load(r)["access_token"]
            self.token_at = time.time()
        return {"X-Auth-Token": self.token}

    def pids(self):
        """Every process of the suite but Keycloak (Glance is measured without Keystone)."""
        roots = []
        run = os.path.join(GLIMPSE_HOME, "run")
        for f in os.listdir(run) if os.path.isdir(run) else []:
            if f.endswith(".pid") and not f.startswith("keycloak"):
                roots.append(read_pid(os.path.join(run, f)))
        for dirpath, _, files in os.walk(GLIMPSE_HOME):
            if "postmaster.pid" in files:
                roots.append(read_pid(os.path.join(dirpath, "postmaster.pid")))
        return [p for p in roots if p]

    def restart(self):
        for service in ("gateway", "catalog-service"):
            subprocess.run([LAUNCHER, "stop", service], check=True, stdout=subprocess.DEVNULL)
            subprocess.run([LAUNCHER, "start", service], check=True, stdout=subprocess.DEVNULL)

    def store_header(self):
        return {"X-Image-Meta-Store": "file"}


class Glance(Side):
    def __init__(self):
        super().__init__("glance", GLANCE)

    def headers(self, fresh_for=0):
        return {"X-Auth-Token": "fake-alice"}

    def pids(self):
        return [read_pid(GLANCE_PID_FILE)]

    def restart(self):
        here = os.environ["REFERENCE_GLANCE"]
        subprocess.run([os.path.join(here, "stop.sh")], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([os.path.join(here, "start.sh")], check=True, stdout=subprocess.DEVNULL)

    def store_header(self):
        return {"X-Image-Meta-Store": "fast"}


def read_pid(path):
    try:
        with open(path) as f:
            return int(f.readline().strip())
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------- CPU and memory


def tree(roots):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    seen, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    return seen


def cpu_seconds(side):
    """User + system CPU of the side's processes, with what their exited children left in cutime/cstime."""
    total = 0
    for pid in tree(side.pids()):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += sum(int(fields[i]) for i in (11, 12, 13, 14))
        except (OSError, ValueError, IndexError):
            pass
    return total / TICK


def rss_mib(side):
    out = {}
    for pid in side.pids():
        try:
            with open(f"/proc/{pid}/status") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
            with open(f"/proc/{pid}/comm") as f:
                comm = f.read().strip()
            out[f"{comm}:{pid}"] = int(status["VmRSS"].split()[0]) // 1024
        except (OSError, KeyError, ValueError):
            pass
    return out


class Measured:
    """Wall time and each side's server CPU over a block."""

    def __init__(self, side):
        self.side = side

    def __enter__(self):
        self.cpu0 = cpu_seconds(self.side)
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self.cpu = cpu_seconds(self.side) - self.cpu0
        return False


# ---------------------------------------------------------------- the work


def create_body(i, run_id):
    return {"name": f"bench-{run_id}-{i:05d}", "disk_format": "raw", "container_format": "bare",
            "tags": ["bench"], "bench_run": run_id, "bench_group": str(i % 10)}


def creates(side, count, clients, run_id, offset):
    """Creates count images with clients connections in parallel; their ids, the rate and the CPU."""
    def work(worker):
        conn, ids = side.connection(), []
        for i in range(offset + worker, offset + count, clients):
            status, data = side.call(conn, "POST", "/v2/images", create_body(i, run_id))
            if status != 201:
                raise RuntimeError(f"{side.name} create: {status} {data[:200]!r}")
            ids.append(json.loads(data)["id"])
        return ids

    side.headers(fresh_for=60)
    with Measured(side) as m, concurrent.futures.ThreadPoolExecutor(clients) as pool:
        ids = [i for chunk in pool.map(work, range(clients)) for i in chunk]
    return ids, count / m.seconds, m.cpu


def warm_up(side, seconds, clients, run_id):
    """Creates images with clients connections for seconds, untimed; their ids and the rate. Right after a restart
    catalog-service created 107 images/s here, ~300/s after 9,000 creates (the JIT); Glance (CPython) has no JIT, but
    gets the same work so that neither side is measured cold."""
    deadline = time.perf_counter() + seconds

    def work(worker):
        conn, ids, i = side.connection(), [], worker
        while time.perf_counter() < deadline:
            status, data = side.call(conn, "POST", "/v2/images", create_body(i, f"{run_id}-warm"))
            if status != 201:
                raise RuntimeError(f"{side.name} warm-up create: {status} {data[:200]!r}")
            ids.append(json.loads(data)["id"])
            i += clients
        return ids

    side.headers()
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        ids = [i for chunk in pool.map(work, range(clients)) for i in chunk]
    return ids, len(ids) / (time.perf_counter() - t0)


def settle(side, limit=60.0):
    """Waits until the side's processes use less than a tenth of a core over a second (Glimpse relays and consumes
    the events of what was just done); the seconds waited."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        cpu0 = cpu_seconds(side)
        time.sleep(1)
        if cpu_seconds(side) - cpu0 < 0.1:
            break
    return time.perf_counter() - t0


def deletes(side, ids, clients):
    def work(worker):
        conn = side.connection()
        retried = 0
        for image_id in ids[worker::clients]:
            for attempt in range(40):
                status, data = side.call(conn, "DELETE", f"/v2/images/{image_id}")
                # The reference Glance keeps its database in sqlite, which refuses concurrent writers now and then
                # (500 "database is locked", seen ten times in a row for one image): such a delete is tried again,
                # and counted.
                if status < 500:
                    break
                retried += 1
                time.sleep(min(0.05 * (attempt + 1), 0.5))
            # A delete that failed half-way may have marked the image deleted: Glance then refuses the retry (400).
            if status not in (204, 404) and b"from deleted to deleted" not in data:
                raise RuntimeError(f"{side.name} delete: {status} {data[:200]!r}")
        return retried

    with Measured(side) as m, concurrent.futures.ThreadPoolExecutor(clients) as pool:
        retried = sum(pool.map(work, range(clients)))
    return len(ids) / m.seconds if ids else 0, retried


def lists(side, query, calls):
    conn = side.connection()
    side.headers(fresh_for=60)
    for _ in range(10):  # warm the connection and the path
        side.call(conn, "GET", "/v2/images?" + query)
    latencies = []
    with Measured(side) as m:
        for _ in range(calls):
            t0 = time.perf_counter()
            status, data = side.call(conn, "GET", "/v2/images?" + query)
            latencies.append((time.perf_counter() - t0) * 1000)
            if status != 200 or not json.loads(data)["images"]:
                raise RuntimeError(f"{side.name} list {query}: {status} {data[:200]!r}")
    latencies.sort()
    return latencies[len(latencies) // 2], latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], m.cpu


def curl(args):
    out = subprocess.run(["curl", "-s", "-S"] + args, check=True, capture_output=True, text=True).stdout
    return out.split()


def upload(side, path, size, run_id, label):
    conn = side.connection()
    status, data = side.call(conn, "POST", "/v2/images", create_body(0, f"{run_id}-{label}"))
    if status != 201:
        raise RuntimeError(f"{side.name} create for upload: {status} {data[:200]!r}")
    image_id = json.loads(data)["id"]
    headers = dict(side.headers())
    headers.update(side.store_header())
    headers.update({"Content-Type": "application/octet-stream", "x-openstack-image-size": str(size)})
    args = ["-o", "/dev/null", "-w", "%{http_code} %{speed_upload}", "-X", "PUT", "-T", path]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    with Measured(side) as m:
        code, speed = curl(args + [f"{side.url.geturl()}/v2/images/{image_id}/file"])
    if code != "204":
        raise RuntimeError(f"{side.name} upload: {code}")
    return image_id, float(speed), m.cpu


def download(side, image_id):
    args = ["-o", "/dev/null", "-w", "%{http_code} %{speed_download} %{size_download}"]
    for k, v in side.headers().items():
        args += ["-H", f"{k}: {v}"]
    with Measured(side) as m:
        code, speed, size = curl(args + [f"{side.url.geturl()}/v2/images/{image_id}/file"])
    if code != "200":
        raise RuntimeError(f"{side.name} download: {code}")
    return float(speed), m.cpu, int(size)


def checked(side, image_id, md5):
    """The image's checksum and the downloaded bytes' MD5 both match the file's (not timed)."""
    conn = side.connection()
    status, data = side.call(conn, "GET", f"/v2/images/{image_id}")
    checksum = json.loads(data)["checksum"]
    digest = hashlib.md5()
    conn.request("GET", f"/v2/images/{image_id}/file", headers=side.headers())
    response = conn.getresponse()
    while chunk := response.read(4 * MIB):
        digest.update(chunk)
    return checksum == md5 and digest.hexdigest() == md5


# ---------------------------------------------------------------- machine limits


def machine_limits(path):
    def openssl(algorithm):
        out = subprocess.run(["openssl", "speed", "-evp", algorithm, "-seconds", "2"],
                             capture_output=True, text=True).stdout
        line = [l for l in out.splitlines() if l.startswith(algorithm)][-1]
        return float(line.split()[-1].rstrip("k")) * 1000

    port = int(os.environ.get("SINK_PORT", "9399"))
    sink = subprocess.Popen([sys.executable, SINK, str(port), path])
    try:
        for _ in range(50):
            if subprocess.run(["curl", "-s", "-o", "/dev/null", "-r", "0-0", f"http://127.0.0.1:{port}/"]).returncode == 0:
                break
            time.sleep(0.1)
        loop_up = float(curl(["-o", "/dev/null", "-w", "%{speed_upload}", "-T", path, f"http://127.0.0.1:{port}/sink"])[0])
        loop_down = float(curl(["-o", "/dev/null", "-w", "%{speed_download}", f"http://127.0.0.1:{port}/"])[0])
    finally:
        sink.terminate()
    return {"md5": openssl("md5"), "sha512": openssl("sha512"), "loop_up": loop_up, "loop_down": loop_down}


# ---------------------------------------------------------------- report


def mib(bps):
    return f"{bps / MIB:8.1f} MiB/s"


def verdict(ok):
    return "meets" if ok else "MISSES"


def main():
    run_id = time.strftime("%H%M%S")
    sides = [Glimpse(), Glance()]
    results = {s.name: {} for s in sides}
    created = {s.name: [] for s in sides}
    work = tempfile.mkdtemp(prefix="bench-vs-glance-")
    goals = []
    try:
        print(f"== machine: {os.cpu_count()} cores; Glimpse at {GLIMPSE}, Glance at {GLANCE}")
        files = {}
        for size_mib in SIZES_MIB:
            path = os.path.join(work, f"image-{size_mib}.raw")
            with open(path, "wb") as f:
                for _ in range(size_mib):
                    f.write(os.urandom(MIB))
            digest = hashlib.md5()
            with open(path, "rb") as f:
                while chunk := f.read(4 * MIB):
                    digest.update(chunk)
            files[size_mib] = (path, digest.hexdigest())

        limits = machine_limits(files[SIZES_MIB[0]][0])
        print("== this machine's limits")
        print(f"  openssl md5             {mib(limits['md5'])}")
        print(f"  openssl sha512          {mib(limits['sha512'])}")
        print(f"  loopback upload (curl)  {mib(limits['loop_up'])}")
        print(f"  loopback download       {mib(limits['loop_down'])}")

        print("== control plane")
        for side in sides:
            r = results[side.name]
            warm, r["warmup8"] = warm_up(side, WARMUP_SECONDS, 8, run_id)
            created[side.name] += warm
            deletes(side, warm, 8)
            deleted = set(warm)
            created[side.name] = [i for i in created[side.name] if i not in deleted]
            r["settle_before"] = settle(side)
            ids, r["create1"], r["create1_cpu"] = creates(side, CREATES, 1, run_id, 0)
            created[side.name] += ids
            seeded = max(LIST_IMAGES - CREATES, 0)
            ids, r["create8"], r["create8_cpu"] = creates(side, seeded, 8, run_id, CREATES)
            created[side.name] += ids
            r["settle_lists"] = settle(side)
            r["list"] = lists(side, "limit=25", LIST_CALLS)
            r["filtered"] = lists(side, f"limit=25&status=queued&bench_group=3&sort_key=name&sort_dir=asc", LIST_CALLS)
        g, r = results["glimpse"], results["glance"]
        print(f"  {'':34} {'glimpse':>12} {'glance':>12} {'ratio':>7}")
        print(f"  {'create, 8 clients, warm-up (/s)':34} {g['warmup8']:12.1f} {r['warmup8']:12.1f}"
              f" {g['warmup8'] / r['warmup8']:7.2f}   ({WARMUP_SECONDS:.0f} s untimed, then deleted)")
        print(f"  {'idle again before lists after (s)':34} {g['settle_lists']:12.1f} {r['settle_lists']:12.1f}")
        print(f"  {'create, 1 client (images/s)':34} {g['create1']:12.1f} {r['create1']:12.1f} {g['create1'] / r['create1']:7.2f}")
        print(f"  {'create, 8 clients (images/s)':34} {g['create8']:12.1f} {r['create8']:12.1f} {g['create8'] / r['create8']:7.2f}")
        for key, label in (("list", "list limit=25"), ("filtered", "filtered list limit=25")):
            print(f"  {label + ' p50 (ms)':34} {g[key][0]:12.1f} {r[key][0]:12.1f} {g[key][0] / r[key][0]:7.2f}")
            print(f"  {label + ' p99 (ms)':34} {g[key][1]:12.1f} {r[key][1]:12.1f} {g[key][1] / r[key][1]:7.2f}")
        goals.append(("create, 8 clients >= 5x Glance", g["create8"] / r["create8"], g["create8"] >= 5 * r["create8"]))
        for key in ("list", "filtered"):
            goals.append((f"{key} p99 <= 1/5 of Glance", g[key][1] / r[key][1], g[key][1] * 5 <= r[key][1]))

        print("== data path (file store, through the public endpoint; timed transfers to /dev/null, digests checked after)")
        for size_mib in SIZES_MIB:
            path, md5 = files[size_mib]
            size = size_mib * MIB
            for side in sides:
                if FRESH:
                    side.restart()
                rss0 = rss_mib(side)
                rows = results[side.name].setdefault(size_mib, {})
                for label in ("first", "warm"):
                    image_id, up, up_cpu = upload(side, path, size, run_id, f"{size_mib}-{label}")
                    created[side.name].append(image_id)
                    if label == "first":
                        down, down_cpu, got = download(side, image_id)
                        rows["first"] = (up, up_cpu, down, down_cpu)
                    else:
                        download(side, image_id)  # a warm-up read, then the measured one
                        down, down_cpu, got = download(side, image_id)
                        rows["warm"] = (up, up_cpu, down, down_cpu)
                    if got != size or not checked(side, image_id, md5):
                        raise RuntimeError(f"{side.name}: {size_mib} MiB image does not match what was sent")
                rss1 = rss_mib(side)
                rows["rss"] = {k: rss1.get(k, 0) - v for k, v in rss0.items()}
            g, r = results["glimpse"][size_mib], results["glance"][size_mib]
            gib = size / (1024 * MIB)
            print(f"  {size_mib} MiB       {'glimpse':>15} {'CPU s/GiB':>9} {'glance':>15} {'CPU s/GiB':>9} {'ratio':>6}")
            for label in ("first", "warm"):
                for i, direction in ((0, "upload"), (2, "download")):
                    print(f"  {label:5} {direction:8} {mib(g[label][i])} {g[label][i + 1] / gib:9.2f} "
                          f"{mib(r[label][i])} {r[label][i + 1] / gib:9.2f} {g[label][i] / r[label][i]:6.2f}")
            print(f"  RSS growth (MiB): {results['glimpse'][size_mib]['rss']}")
            goals.append((f"{size_mib} MiB upload, first, >= 2x Glance", g["first"][0] / r["first"][0],
                          g["first"][0] >= 2 * r["first"][0]))
            goals.append((f"{size_mib} MiB upload, warm, >= 2x Glance", g["warm"][0] / r["warm"][0],
                          g["warm"][0] >= 2 * r["warm"][0]))
            goals.append((f"{size_mib} MiB download, first, >= 1x Glance", g["first"][2] / r["first"][2],
                          g["first"][2] >= r["first"][2]))
            goals.append((f"{size_mib} MiB download, warm, >= 1x Glance", g["warm"][2] / r["warm"][2],
                          g["warm"][2] >= r["warm"][2]))
            goals.append((f"{size_mib} MiB download, warm, >= 0.9x loopback", g["warm"][2] / limits["loop_down"],
                          g["warm"][2] >= 0.9 * limits["loop_down"]))
            for i, direction in ((1, "upload"), (3, "download")):
                goals.append((f"{size_mib} MiB {direction} CPU/GiB <= Glance's", g["warm"][i] / r["warm"][i],
                              g["warm"][i] <= r["warm"][i]))
                goals.append((f"{size_mib} MiB {direction} first within 20% of warm",
                              g["first"][i - 1] / g["warm"][i - 1], g["first"][i - 1] >= 0.8 * g["warm"][i - 1]))
            worst = max(results["glimpse"][size_mib]["rss"].values() or [0])
            goals.append((f"{size_mib} MiB: no service's RSS grows > 64 MiB", worst, worst <= 64))

        print("== deletes (8 clients)")
        retries = {}
        for side in sides:
            rate, retries[side.name] = deletes(side, created[side.name], 8)
            results[side.name]["delete"] = rate
            created[side.name] = []
        g, r = results["glimpse"]["delete"], results["glance"]["delete"]
        print(f"  delete (images/s)  glimpse {g:8.1f}  glance {r:8.1f}  ratio {g / r:5.2f}"
              f"   (answers 5xx retried: glimpse {retries['glimpse']}, glance {retries['glance']})")

        print("== goals (ratio is Glimpse / Glance unless the line says otherwise)")
        for name, value, ok in goals:
            print(f"  {verdict(ok):6} {name:48} {value:8.2f}")
    finally:
        for side in sides:
            if created[side.name]:
                try:
                    deletes(side, created[side.name], 4)
                except Exception as e:  # leave nothing behind, but say so when it could not be done
                    print(f"cleanup on {side.name} failed: {e}", file=sys.stderr)
        for f in os.listdir(work):
            os.remove(os.path.join(work, f))
        os.rmdir(work)


if __name__ == "__main__":
    main()
