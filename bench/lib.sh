# Helpers for bench/run: servers, timed runs, medians, peak memory. Source it; do not run it.
# Every server listens on 127.0.0.1 only; nothing here touches the internet.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bench_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
bench_die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# A free TCP port on 127.0.0.1 (the kernel picks it; there is a small race until the server binds).
bench_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# bench_make_file PATH BYTES: random content, so no layer can shortcut zero pages.
bench_make_file() {
    [ -f "$1" ] && [ "$(stat -c %s "$1")" -eq "$2" ] && return 0
    head -c "$2" /dev/urandom > "$1.tmp" && mv "$1.tmp" "$1"
}

# bench_nginx_start PREFIX ROOT: starts nginx (one worker, sendfile) in the foreground of a
# background job; sets NGINX_PID (master) and NGINX_PORT. The config is generated from
# nginx.conf.in into PREFIX.
bench_nginx_start() {
    local prefix="$1" root="$2" user_line=""
    mkdir -p "$prefix/tmp" "$prefix/logs"
    NGINX_PORT="$(bench_free_port)"
    # As root the worker drops to nobody; Debian has no "nobody" group, so name nogroup.
    [ "$(id -u)" -eq 0 ] && user_line="user nobody nogroup;"
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@ROOT@|$root|g" -e "s|@PORT@|$NGINX_PORT|g" \
        -e "s|@USER_LINE@|$user_line|g" "$BENCH_DIR/nginx.conf.in" > "$prefix/nginx.conf"
    nginx -p "$prefix" -c "$prefix/nginx.conf" \
        -g "daemon off; pid $prefix/nginx.pid; error_log stderr;" 2>>"$prefix/nginx.stderr" &
    NGINX_PID=$!
    bench_wait_http "http://127.0.0.1:$NGINX_PORT/files/4k.bin" || {
        cat "$prefix/nginx.stderr" >&2; bench_die "nginx did not start"; }
}

bench_nginx_stop() {
    [ -n "${NGINX_PID:-}" ] || return 0
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
}

# The worker process of our nginx (where the bytes are sent from).
bench_nginx_worker_pid() { pgrep -P "$NGINX_PID" | head -1; }

# bench_ferry_serve_start FERRY DIR CONFIGHOME: starts `ferry serve` on a free port; sets
# FERRY_SERVE_PID and FERRY_SERVE_PORT. Its settings go to CONFIGHOME, not the user's.
bench_ferry_serve_start() {
    local ferry="$1" dir="$2" home="$3" out="$3/serve.out" i
    mkdir -p "$home"
    : > "$out"
    XDG_CONFIG_HOME="$home" XDG_DATA_HOME="$home" QT_QPA_PLATFORM=offscreen \
        "$ferry" serve --bind 127.0.0.1 --port 0 --no-auth "$dir" >"$out" 2>&1 &
    FERRY_SERVE_PID=$!
    FERRY_SERVE_PORT=""
    for i in $(seq 100); do
        FERRY_SERVE_PORT="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1 | sed 's/.*://')"
        [ -n "$FERRY_SERVE_PORT" ] && break
        kill -0 "$FERRY_SERVE_PID" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$FERRY_SERVE_PORT" ] || { cat "$out" >&2; bench_die "ferry serve did not start"; }
}

bench_ferry_serve_stop() {
    [ -n "${FERRY_SERVE_PID:-}" ] || return 0
    kill -INT "$FERRY_SERVE_PID" 2>/dev/null || true
    wait "$FERRY_SERVE_PID" 2>/dev/null || true
    FERRY_SERVE_PID=""
}

bench_wait_http() {
    local i
    for i in $(seq 100); do
        curl -sf -o /dev/null "$1" && return 0
        sleep 0.1
    done
    return 1
}

# Peak resident memory of a running process in KiB (the kernel's high-water mark).
bench_vmhwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# Percent of all CPUs busy over half a second (everything on the machine, not just us).
bench_busy_pct() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 0.5
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2]
        printf "%d", ((busy + idle) > 0 ? 100 * busy / (busy + idle) : 0) }'
}

# The machine is shared: before a timed run, wait (at most BENCH_QUIET_WAIT seconds, default 10)
# until other work leaves the CPUs mostly idle (below BENCH_QUIET_PCT, default 30 %). Prints the
# last busy figure, which goes into the CSV so a noisy run shows as one.
bench_wait_quiet() {
    local deadline=$((SECONDS + ${BENCH_QUIET_WAIT:-10})) busy
    while :; do
        busy=$(bench_busy_pct)
        [ "$busy" -lt "${BENCH_QUIET_PCT:-30}" ] || [ "$SECONDS" -ge "$deadline" ] && break
    done
    echo "$busy"
}

# CPU seconds (user + system) a process has used so far; 0 when there is none.
bench_proc_cpu() {
    [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] || { echo 0; return; }
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"
}

# bench_timed CSV LABEL ROUND FILE SIZE -- COMMAND...: waits for a quiet moment, runs COMMAND
# once; appends "label,round,seconds,peak_rss_kib,user_s,sys_s,exit,busy_before_pct,server_cpu_s"
# to CSV. server_cpu_s is what the process BENCH_SERVER_PID used meanwhile (0 when unset).
# Wall time from the shell's nanosecond clock; peak RSS and CPU time from GNU time. Unless
# FILE is "-", a FILE that is not SIZE bytes afterwards counts as a failure (exit 97): a fast
# wrong answer is no result.
bench_timed() {
    local csv="$1" label="$2" round="$3" file="$4" size="$5" tfile t0 t1 rc rss usr sys busy
    shift 6
    busy=$(bench_wait_quiet)
    tfile="$(mktemp)"
    local s0 s1
    s0=$(bench_proc_cpu "${BENCH_SERVER_PID:-}")
    t0=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$tfile" "$@" >/dev/null 2>>"$BENCH_RESULTS/commands.stderr"
    rc=$?
    t1=$(date +%s%N)
    s1=$(bench_proc_cpu "${BENCH_SERVER_PID:-}")
    read -r rss usr sys < <(tail -1 "$tfile")
    rm -f "$tfile"
    if [ "$rc" -eq 0 ] && [ "$file" != - ] && [ "$(stat -c %s "$file" 2>/dev/null || echo -1)" -ne "$size" ]; then
        rc=97
        echo "$label round $round: $file is not $size bytes" >> "$BENCH_RESULTS/commands.stderr"
    fi
    printf '%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$label" "$round" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" "$rss" "$usr" "$sys" "$rc" "$busy" \
        "$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.2f", b - a }')" >> "$csv"
    [ "$rc" -eq 0 ] || printf 'bench: %s exited with %s (see %s)\n' "$label" "$rc" "$BENCH_RESULTS/commands.stderr" >&2
    return 0
}

# bench_median CSV LABEL COLUMN: median of a numeric column (1-based) over successful rows.
bench_median() {
    awk -F, -v l="$2" -v c="$3" '$1 == l && $7 == 0 { print $c }' "$1" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_paired CSV LABEL_A LABEL_B: per-round ratios A/B of wall time (column 3), as
# "median, min–max" — drift between rounds cancels out of a ratio taken within one round.
bench_paired() {
    awk -F, -v a="$2" -v b="$3" '$7 == 0 && $1 == a { x[$2] = $3 } $7 == 0 && $1 == b { y[$2] = $3 }
        END { for (r in x) if ((r in y) && y[r] > 0) print x[r] / y[r] }' "$1" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%.3f, %.2f–%.2f\n", m, v[1], v[NR] }'
}

# bench_max CSV LABEL COLUMN
bench_max() {
    awk -F, -v l="$2" -v c="$3" '$1 == l && $7 == 0 && $c > m { m = $c } END { print m + 0 }' "$1"
}

# bench_failures CSV LABEL: how many runs of LABEL exited non-zero.
bench_failures() { awk -F, -v l="$2" '$1 == l && $7 != 0 { n++ } END { print n + 0 }' "$1"; }

# bench_calc EXPR NAME=VALUE...: float arithmetic through awk, e.g. bench_calc 'a / b' a=1 b=2.
# Prints "nan" when any value is missing or not a number, or the expression divides by zero.
bench_calc() {
    local expr="$1" kv args=()
    shift
    for kv in "$@"; do
        [[ "${kv#*=}" =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ ]] || { echo nan; return 0; }
        args+=(-v "$kv")
    done
    awk "${args[@]}" "BEGIN { printf \"%.3f\", $expr }" 2>/dev/null || echo nan
}
