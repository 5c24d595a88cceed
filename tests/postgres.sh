# Sourced by tests/run.sh: a throw-away PostgreSQL 15 cluster for the tests that run on PostgreSQL.
# start_postgres makes one in a temporary folder on a port of its own and exports its connection
# string as PARTNERSTAGES_TEST_POSTGRES; stop_postgres (run.sh traps it on EXIT) stops it and removes
# the folder, whatever the outcome. STACK.md: Debian's server refuses to run as root, so as root it
# runs as the postgres user.

pg_bin=/usr/lib/postgresql/15/bin
pg_root=""

ensure_postgres() {
    if [[ -x "$pg_bin/initdb" ]]; then
        return 0
    fi

    if [[ "$(id -u)" -eq 0 && -f /etc/debian_version ]] && command -v apt-get >/dev/null; then
        echo "Installing Debian's PostgreSQL 15 server for the tests..."
        if apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 && [[ -x "$pg_bin/initdb" ]]; then
            return 0
        fi
    fi

    cat >&2 <<'MSG'
No PostgreSQL 15 server for the tests: /usr/lib/postgresql/15/bin/initdb is missing and apt-get
(needs root on Debian) could not install it. Install it, e.g. as root on Debian:
    apt-get install -y postgresql-15
MSG
    return 1
}

# As the postgres user when root (its cluster files then belong to it), else as whoever runs the tests.
as_pg_user() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_postgres() {
    ensure_postgres || return 1
    pg_root="$(mktemp -d "${TMPDIR:-/tmp}/partnerstages-pg.XXXXXX")"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres:postgres "$pg_root"
    fi
    chmod 700 "$pg_root"

    if ! as_pg_user "$pg_bin/initdb" -D "$pg_root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$pg_root/initdb.log" 2>&1; then
        cat "$pg_root/initdb.log" >&2
        return 1
    fi

    # A port of its own: another engineer's cluster (or a second run) may hold any fixed one. The
    # cluster is thrown away after the run, so durability settings that only cost time are off.
    local attempt port
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 20000))
        if as_pg_user "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_root -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null; then
            export PARTNERSTAGES_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
            echo "PostgreSQL 15 for the tests: 127.0.0.1:$port (in $pg_root)"
            return 0
        fi
    done

    cat "$pg_root/server.log" >&2
    return 1
}

stop_postgres() {
    if [[ -n "$pg_root" && -d "$pg_root" ]]; then
        if [[ -f "$pg_root/data/postmaster.pid" ]]; then
            as_pg_user "$pg_bin/pg_ctl" -D "$pg_root/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$pg_root"
        pg_root=""
    fi
}
