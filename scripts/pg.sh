#!/usr/bin/env bash
# Start or stop a throw-away PostgreSQL server for the tests, on loopback, in a temporary folder.
#   scripts/pg.sh start   prints the SQLAlchemy URL on stdout (installs Debian's postgresql if missing)
#   scripts/pg.sh stop DIR
set -euo pipefail

find_bindir() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then
        echo "$d"
        return 0
    fi
    return 1
}

as_owner() {
    # PostgreSQL refuses to run as root: run it as the 'postgres' account then.
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "${1:-}" in
start)
    if ! bindir="$(find_bindir)"; then
        echo "insvigil : installation de PostgreSQL (paquets Debian)" >&2
        if [ "$(id -u)" = 0 ]; then
            apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        else
            sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        fi
        bindir="$(find_bindir)"
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    fi
    dir="$(mktemp -d /tmp/insvigil-pg.XXXXXX)"
    chmod 0755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$bindir/initdb" -D "$dir/data" -U insvigil --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
        start >&2
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U insvigil insvigil_test >&2
    echo "$dir" >"$dir/.dir"
    echo "postgresql+psycopg://insvigil@127.0.0.1:$port/insvigil_test $dir"
    ;;
stop)
    dir="${2:?usage: pg.sh stop DIR}"
    bindir="$(find_bindir)"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
