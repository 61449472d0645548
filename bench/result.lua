-- The end of every wrk script of bench/ (loaded by each with dofile, from the repository's root
-- where bench/run.sh runs wrk): one RESULT line with the request count, the rate, p50 and p99 in
-- milliseconds, the socket errors and the non-2xx answers, which bench/run.sh reads.
function done(summary, latency, requests)
  local rps = summary.requests / (summary.duration / 1e6)
  io.write(string.format("RESULT requests=%d rps=%s p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, rps < 100 and string.format("%.1f", rps) or string.format("%.0f", rps),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
