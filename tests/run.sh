#!/usr/bin/env bash
# The one test command: installs what the tests need, runs every test project in the solution and
# ends with one line, "N passed, N failed, N skipped". Exits non-zero if the build or any test failed.
# The service and endpoint tests (PartnerStages.Web.Tests) run twice: on SQLite, then on a
# throw-away PostgreSQL 15 cluster that this script starts and always removes (tests/postgres.sh).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# The browser tests use Debian's Chromium when it is there, else Playwright's own (BrowserFixture).
ensure_browser() {
    if [[ -x /usr/bin/chromium ]]; then
        return 0
    fi

    if [[ "$(id -u)" -eq 0 && -f /etc/debian_version ]] && command -v apt-get >/dev/null; then
        echo "Installing Debian's Chromium for the browser tests..."
        if apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; then
            return 0
        fi
        echo "apt-get could not install chromium; trying Playwright's installer." >&2
    fi

    # The Playwright package ships its driver (node and the CLI) in the build output; it has no
    # playwright.sh, and playwright.ps1 needs PowerShell, so call the bundled node directly.
    echo "Installing Playwright's Chromium for the browser tests..."
    local out="tests/PartnerStages.EndToEndTests/bin/Debug/net10.0"
    if dotnet build tests/PartnerStages.EndToEndTests; then
        local node
        for node in "$out"/.playwright/node/*/node; do
            if [[ -x "$node" ]] && "$node" "$out/.playwright/package/cli.js" install chromium; then
                return 0
            fi
        done
    fi

    cat >&2 <<'MSG'
No browser for the browser tests: /usr/bin/chromium is missing and neither apt-get (needs root on
Debian) nor Playwright's installer could provide one. Install Chromium, e.g. as root on Debian:
    apt-get install -y chromium
MSG
    return 1
}

if ! ensure_browser; then
    echo "0 passed, 0 failed, 0 skipped"
    exit 1
fi

# shellcheck source=tests/postgres.sh
source "$repo/tests/postgres.sh"
trap stop_postgres EXIT
trap "exit 130" INT TERM
if ! start_postgres; then
    echo "Could not start PostgreSQL for the tests." >&2
    echo "0 passed, 0 failed, 0 skipped"
    exit 1
fi

results="$repo/TestResults/run"
rm -rf "$results"
mkdir -p "$results"
log="$results/dotnet-test.log"

# The default trx name is made unique per test project; a fixed LogFileName would be overwritten
# by each project in turn.
# Build everything first, the benchmarks included, so code the tests do not run still compiles.
if ! dotnet build PartnerStages.sln 2>&1 | tee "$log"; then
    echo "The build failed; see $log" >&2
    echo "0 passed, 0 failed, 0 skipped"
    exit 1
fi

set +e
# One test project at a time: the browser tests and the WebApplicationFactory tests both load the
# two cores, and running them side by side made timings (and once a test host) fall over.
# Tests that hold on PostgreSQL only are left to the second run.
dotnet test PartnerStages.sln --no-build -m:1 --logger trx --results-directory "$results/sqlite" \
    --filter "Provider!=PostgreSqlOnly" \
    --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee -a "$log"
status=${PIPESTATUS[0]}

# The service and endpoint tests again, on PostgreSQL: each test gets a fresh database in the cluster.
# Left out: tests of the SQLite file itself ([SqliteOnly(reason)]) and the bUnit component tests,
# whose services the service tests cover on both.
echo "PartnerStages.Web.Tests on PostgreSQL:" | tee -a "$log"
PARTNERSTAGES_TEST_PROVIDER=PostgreSql dotnet test tests/PartnerStages.Web.Tests/PartnerStages.Web.Tests.csproj --no-build \
    --logger trx --results-directory "$results/postgresql" \
    --filter "Provider!=SqliteOnly&FullyQualifiedName!~PartnerStages.Web.Tests.Components" \
    --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee -a "$log"
postgres_status=${PIPESTATUS[0]}
if [[ $postgres_status -ne 0 ]]; then
    status=$postgres_status
fi
set -e

# Sum the <Counters .../> of every trx; a project without tests writes zeros or no trx at all.
mapfile -t trx_files < <(find "$results" -name '*.trx')
read -r passed failed skipped < <(
    awk '
        function count(counters, name) {
            if (match(counters, " " name "=\"[0-9]+\"")) {
                value = substr(counters, RSTART, RLENGTH)
                gsub(/[^0-9]/, "", value)
                return value + 0
            }
            return 0
        }
        match($0, /<Counters [^>]*>/) {
            c = substr($0, RSTART, RLENGTH)
            passed += count(c, "passed")
            failed += count(c, "failed") + count(c, "error") + count(c, "timeout") + count(c, "aborted")
            # Skipped tests show as total minus executed: the trx leaves notExecuted at 0 for them.
            skipped += count(c, "total") - count(c, "executed")
        }
        END { print passed + 0, failed + 0, skipped + 0 }
    ' "${trx_files[@]}" /dev/null
)

if [[ $status -ne 0 && $failed -eq 0 ]]; then
    echo "dotnet test exited with $status (build failure or crashed test host); see $log" >&2
fi

echo "$passed passed, $failed failed, $skipped skipped"
if [[ $status -ne 0 || $failed -ne 0 ]]; then
    exit 1
fi
