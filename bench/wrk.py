"""`wrk` as the load generator: a C program with a Lua script per workload, so that the load
generator spends a small fraction of what the server spends on a request and the two cores go to
the server, not to Python building requests.

Each run is one `wrk -t1 -cN -dS` against a loopback server. The script numbers the requests
(the body is its text before the number, the number, and its text after), counts as a failure
every answer that is not a 200 or lacks the workload's `expect` text (or holds its `forbid`
text), and prints one JSON line with the counts and the latency percentiles.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.load import Workload, require_loopback

INSTALL_HINT = "wrk is not installed: `apt-get install wrk` (Debian/Ubuntu) or `brew install wrk`"
RESULT_MARK = "WRK-RESULT "
SCRIPT = """
local paths = {paths}
local befores = {befores}
local afters = {afters}
local numbered = {numbered}
local expect = {expect}
local forbid = {forbid}
counter = {first}
failures = 0
first_failure = ""
wrk.method = {method}
{headers}
request = function()
  counter = counter + 1
  local i = counter % #paths + 1
  if not numbered then
    return wrk.format(nil, paths[i], nil, befores[i])
  end
  return wrk.format(nil, paths[i], nil, befores[i] .. string.format("%08d", counter) .. afters[i])
end
response = function(status, headers, body)
  local failed = status ~= 200 or not string.find(body, expect, 1, true)
  if forbid ~= "" and string.find(body, forbid, 1, true) then
    failed = true
  end
  if failed then
    failures = failures + 1
    if first_failure == "" then
      first_failure = status .. ": " .. string.gsub(string.sub(body, 1, 300), '[%c"\\\\]', " ")
    end
  end
end
local threads = {{}}
setup = function(thread)
  table.insert(threads, thread)
end
done = function(summary, latency, requests)
  local failed, first = 0, ""
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    if first == "" then first = thread:get("first_failure") end
  end
  local errors = summary.errors
  io.write(string.format(
    '{mark}{{"requests": %d, "duration_us": %d, "failures": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p99_us": %d, "first_failure": "%s"}}\\n',
    summary.requests, summary.duration, failed,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99), first))
end
"""


class WrkUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class Script:
    """A workload as wrk sends it, with the headers of every request."""

    workload: Workload
    headers: dict[str, str]


@dataclass(frozen=True)
class Round:
    requests: int
    seconds: float
    failures: int
    p50_ms: float
    p99_ms: float
    first_failure: str
    server_cpu_seconds: float | None


@dataclass
class WrkResult:
    """The measured rounds of one server and workload, as one result: rates over the summed
    time, the median round's p50 and the worst round's p99."""

    rounds: list[Round] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(item.requests for item in self.rounds)

    @property
    def errors(self) -> int:
        return sum(item.failures for item in self.rounds)

    @property
    def elapsed_seconds(self) -> float:
        return sum(item.seconds for item in self.rounds)

    @property
    def requests_per_second(self) -> float:
        elapsed = self.elapsed_seconds
        return self.requests / elapsed if elapsed > 0 else 0.0

    def percentile_ms(self, fraction: float) -> float:
        if not self.rounds:
            return 0.0
        if fraction >= 0.99:
            return max(item.p99_ms for item in self.rounds)
        return statistics.median(item.p50_ms for item in self.rounds)

    @property
    def first_error(self) -> str | None:
        return next((item.first_failure for item in self.rounds if item.first_failure), None)

    @property
    def server_cpu_ms(self) -> float | None:
        """The server's CPU time per request over the rounds, when it could be read."""
        cpu = [item.server_cpu_seconds for item in self.rounds]
        if not self.requests or any(seconds is None for seconds in cpu):
            return None
        return sum(seconds or 0.0 for seconds in cpu) * 1000.0 / self.requests


def executable() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise WrkUnavailable(INSTALL_HINT)
    return found


def _lua(text: str) -> str:
    """A Lua string literal of `text` (JSON's escapes are Lua's for what JSON holds)."""
    return json.dumps(text)


def _lua_list(texts: Iterable[str]) -> str:
    """A Lua table literal of string literals (indexed from 1)."""
    return "{" + ", ".join(_lua(text) for text in texts) + "}"


def lua_script(script: Script, *, first: int) -> str:
    headers = "\n".join(
        f"wrk.headers[{_lua(name)}] = {_lua(value)}"
        for name, value in {"Content-Type": "application/json", **script.headers}.items()
    )
    workload = script.workload
    variants = workload.variants
    return SCRIPT.format(
        paths=_lua_list(variant.path for variant in variants),
        method=_lua(workload.method),
        befores=_lua_list(variant.before for variant in variants),
        afters=_lua_list(variant.after for variant in variants),
        numbered="true" if workload.numbered else "false",
        expect=_lua(workload.expect),
        forbid=_lua(workload.forbid),
        first=first,
        headers=headers,
        mark=RESULT_MARK,
    )


def run(
    base_url: str, script: Script, *, seconds: float, connections: int, first: int
) -> tuple[int, float, int, float, float, str]:
    """One wrk run: requests, seconds, failures (and socket errors), p50 and p99 ms, the first
    failure. Requests are numbered from `first` + 1."""
    require_loopback(base_url)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua_file:
        lua_file.write(lua_script(script, first=first))
    try:
        completed = subprocess.run(
            [
                executable(),
                "-t1",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",
                "-s",
                lua_file.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    finally:
        Path(lua_file.name).unlink(missing_ok=True)
    line = next((row for row in completed.stdout.splitlines() if row.startswith(RESULT_MARK)), None)
    if completed.returncode != 0 or line is None:
        raise WrkUnavailable(f"wrk failed: {completed.stderr.strip() or completed.stdout[-500:]}")
    found = json.loads(line.removeprefix(RESULT_MARK))
    return (
        int(found["requests"]),
        found["duration_us"] / 1e6,
        int(found["failures"]) + int(found["socket_errors"]),
        found["p50_us"] / 1000.0,
        found["p99_us"] / 1000.0,
        str(found["first_failure"]),
    )
