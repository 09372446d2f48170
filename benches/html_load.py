#!/usr/bin/env python3
"""How long an HTML report takes to load in headless Chromium (docs/formats.md#html).

    benches/html_load.py REPORT.html [WIDTH]

Starts chromedriver (Debian's `chromium-driver`) on a free local port, opens the
report from disk in a fresh profile, and prints one JSON line: the file's size, the
time until the page has loaded (WebDriver's navigation returns after the load
event), DOMContentLoaded and load from the Navigation Timing API, the time to
untick and tick the `error` filter again, the page's status line and the number of
rows in the DOM. For example, on the large-corpus generator's output:

    python3 ../shared/bench/make_big.py 100000 /tmp/big.tsv
    paracheck check --isolated -q -f html -o /tmp/big.html /tmp/big.tsv
    benches/html_load.py /tmp/big.html
"""
import json, os, socket, subprocess, sys, tempfile, time, urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def request(port, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                               headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=900) as resp:
        return json.loads(resp.read())["value"]


def main():
    path = os.path.abspath(sys.argv[1])
    width = int(sys.argv[2]) if len(sys.argv) > 2 else 1400
    port = free_port()
    driver = subprocess.Popen([os.environ.get("PARACHECK_CHROMEDRIVER", "chromedriver"), f"--port={port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    profile = tempfile.mkdtemp()
    try:
        for _ in range(100):
            try:
                if request(port, "GET", "/status")["ready"]:
                    break
            except OSError:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "timeouts": {"pageLoad": 900000, "script": 900000},
            "goog:chromeOptions": {"args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", f"--window-size={width},1000",
                f"--user-data-dir={profile}"]}}}}
        session = request(port, "POST", "/session", caps)["sessionId"]
        js = lambda script: request(port, "POST", f"/session/{session}/execute/sync",
                                    {"script": script, "args": []})
        t0 = time.time()
        request(port, "POST", f"/session/{session}/url", {"url": "file://" + path})
        loaded = time.time() - t0
        v = js("""const n = performance.getEntriesByType('navigation')[0];
                  return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                          status: (document.getElementById('status') || {}).textContent,
                          rows: document.querySelectorAll('tbody tr.row').length};""")
        t1 = time.time()
        js("""const b = document.querySelector('input[name=sev][value=error]');
              b.click(); b.click(); return 0;""")
        toggled = time.time() - t1
        print(json.dumps({
            "file_mb": round(os.path.getsize(path) / 1e6, 1), "load_s": round(loaded, 2),
            "dom_content_loaded_ms": round(v["dcl"]), "load_event_ms": round(v["load"]),
            "filter_toggle_s": round(toggled, 2), "status": v["status"], "rows_in_dom": v["rows"]}))
        request(port, "DELETE", f"/session/{session}")
    finally:
        driver.kill()


main()
