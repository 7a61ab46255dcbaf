#!/usr/bin/python3
"""Re-runs the example commands in docs/*.md against the demo data and
writes their real output back, so the documented examples stay true.

A example is a fenced ```console block whose first line is
`$ salesmetrics ...`; everything after that line is replaced.

    scripts/update-docs-examples.py [docs/metrics.md ...]

Needs a build (build/) and the demo database (scripts/demo.sh makes both).
"""
import atexit
import glob
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD_DIR", "build"))
LISTEN = "127.0.0.1:50071"
BLOCK = re.compile(r"(```console\n\$ (salesmetrics [^\n]*)\n)(.*?)(```)", re.S)


def start_server():
    db = os.path.join(BUILD, "demo.db")
    if not os.path.exists(db):
        sys.exit(f"no demo database at {db}: run scripts/demo.sh first")
    # The standard plugins, and the examples of docs/plugins.md with them.
    plugins = tempfile.mkdtemp()
    atexit.register(shutil.rmtree, plugins)
    for directory in ("lib", "examples"):
        for library in glob.glob(os.path.join(BUILD, "plugins", directory, "*.so")):
            shutil.copy(library, plugins)
    server = subprocess.Popen([os.path.join(BUILD, "server", "salesmetrics-server"),
                               f"--database=sqlite3://{db}", f"--listen={LISTEN}", f"--plugin_dir={plugins}",
                               f"--definitions_dir={os.path.join(ROOT, 'plugins', 'examples', 'definitions')}"],
                              stderr=subprocess.DEVNULL)
    for _ in range(100):
        if run("salesmetrics list").returncode == 0:
            return server
        time.sleep(0.1)
    server.kill()
    sys.exit("the demo server did not start")


def run(command):
    args = shlex.split(command)
    args[0] = os.path.join(BUILD, "clients", "cli", "salesmetrics")
    # The CLI prints times in the local zone and bars in UTF-8: pinned, so
    # the output is the same on every machine.
    env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8")
    return subprocess.run(args + ["--server", LISTEN], capture_output=True, text=True, env=env)


def update(path):
    text = open(path, encoding="utf-8").read()

    def replace(match):
        result = run(match.group(2))
        output = result.stdout + result.stderr
        return match.group(1) + output.rstrip("\n") + "\n" + match.group(4)

    updated = BLOCK.sub(replace, text)
    if updated != text:
        open(path, "w", encoding="utf-8").write(updated)
        print(f"updated {os.path.relpath(path, ROOT)}")


def main():
    paths = sys.argv[1:] or [os.path.join(ROOT, "docs", "metrics.md")]
    server = start_server()
    try:
        for path in paths:
            update(path)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()


if __name__ == "__main__":
    main()
