#!/usr/bin/env bash
# Upgrades the real .deb and .rpm for real: version N is installed into a private root, a store
# with an open window is made by that installed version, then N+1 is installed over it.
#   1. a window whose session no longer matches what it showed → the upgrade is refused, version N
#      stays installed and the store's bytes are unchanged;
#   2. the window mended → the upgrade succeeds, pre-upgrade left its backup, export and manifest,
#      and N+1's upgrade-check passes.
# The store lives outside the default data folder and is found through the data-folder index.
# Both versions wrap the same app image (only the package version differs): what is tested is the
# packages' hooks, which run the installed program. Nothing outside a temporary folder is touched:
# the users come from SESSIONDESK_PASSWD, dpkg uses --root with its scripts chrootless, rpm its own
# database and relocated prefixes. Needs dpkg-deb/dpkg and/or rpmbuild/rpm and sqlite3; a format
# whose tools are missing is skipped (named), unless SESSIONDESK_REQUIRE_PACKAGES=1.
# Usage: packaging/test-upgrades.sh [deb] [rpm]      (both by default)
source "$(dirname "$0")/common.sh"

formats=("$@")
[ ${#formats[@]} -eq 0 ] && formats=(deb rpm)
work="$(mktemp -d "${TMPDIR:-/tmp}/sessiondesk-upgrade.XXXXXX")"
[ "${SESSIONDESK_KEEP_WORK:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
failures=0
passed=0
N=0.9.0
N1=0.9.1

say() { printf 'test-upgrades: %s\n' "$*"; }
fail() { say "FAIL: $*"; failures=$((failures + 1)); }
check() { if "$@"; then passed=$((passed + 1)); else fail "${CHECK_WHAT:-$*}"; fi; }

command -v sqlite3 >/dev/null || { say "sqlite3 is missing (apt-get install sqlite3)"; exit 2; }
ensure_app_image
say "validating packaging/linux/$APP_ID.metainfo.xml"
if command -v appstreamcli >/dev/null; then
  CHECK_WHAT="appstreamcli validate" check appstreamcli validate --no-net "$PROJECT_DIR/packaging/linux/$APP_ID.metainfo.xml"
else
  say "appstreamcli is missing (apt-get install appstream); metainfo not validated"
  [ "${SESSIONDESK_REQUIRE_PACKAGES:-0}" = 1 ] && fail "appstreamcli missing"
fi
if command -v desktop-file-validate >/dev/null; then
  CHECK_WHAT="desktop-file-validate" check desktop-file-validate "$PROJECT_DIR/packaging/linux/$APP_ID.desktop"
fi

# A home with a store made by the installed version, outside the default folder, with one window.
make_store() {
  local launcher="$1" home="$2" data="$3"
  mkdir -p "$home"
  local id
  id="$(env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u SESSIONDESK_DATA_DIR HOME="$home" "$launcher" new --title "Upgrade me" --data-dir "$data" 2>/dev/null)"
  env HOME="$home" "$launcher" add "$id" --role user --text "What changed in the release?" --data-dir "$data" >/dev/null 2>&1
  env HOME="$home" "$launcher" add "$id" --role assistant --text "A real rpm beside the deb." --data-dir "$data" >/dev/null 2>&1
  sqlite3 "$data/sessions.db" "INSERT INTO windows(window_id, session_id, x, y, width, height, fp_count, fp_head, open, updated_at)
    SELECT 'window-1', id, 40, 40, 960, 680, message_count, head_hash, 1, 0 FROM sessions WHERE id = '$id'"
  printf '%s\n' "$id"
}

plant_problem() { sqlite3 "$1/sessions.db" "UPDATE messages SET content_json = replace(content_json, 'release', 'relapse') WHERE seq = 1"; }
mend_problem() { sqlite3 "$1/sessions.db" "UPDATE messages SET content_json = replace(content_json, 'relapse', 'release') WHERE seq = 1"; }
digest() { sha256sum "$1/sessions.db" | cut -d' ' -f1; }

# run_scenario FORMAT install_N upgrade_to_N1 installed_version launcher
run_scenario() {
  local format="$1" install="$2" upgrade="$3" installed="$4" launcher="$5"
  local home="$work/$format-home" data="$work/$format-home/projects/my store"
  say "$format: installing $N"
  CHECK_WHAT="$format: install $N" check $install
  CHECK_WHAT="$format: $N installed" check test "$($installed)" = "$N"
  # The hooks read the users from this file; the JVM takes its home from the passwd database, not
  # $HOME, so it is pointed at the test home too (exported here: make_store runs in a subshell).
  export SESSIONDESK_PASSWD="$work/passwd"
  printf 'root:x:0:0:root:%s:/bin/sh\n' "$home" > "$SESSIONDESK_PASSWD"
  export JAVA_TOOL_OPTIONS="-Duser.home=$home"
  local id
  id="$(make_store "$launcher" "$home" "$data")"
  CHECK_WHAT="$format: the index records the store" check grep -qxF "$data" "$home/.config/sessiondesk/data-folders"

  say "$format: upgrading to $N1 with a window whose session was changed behind its back"
  plant_problem "$data"
  local before; before="$(digest "$data")"
  if $upgrade > "$work/$format-refused.log" 2>&1; then
    fail "$format: the upgrade went ahead although pre-upgrade must refuse"; cat "$work/$format-refused.log"
  else
    passed=$((passed + 1))
  fi
  CHECK_WHAT="$format: the refusal names the window" check grep -q "window window-1 shows session" "$work/$format-refused.log"
  CHECK_WHAT="$format: $N still installed after the refusal" check test "$($installed)" = "$N"
  CHECK_WHAT="$format: store unchanged after the refusal" check test "$(digest "$data")" = "$before"
  CHECK_WHAT="$format: no upgrade folder after the refusal" check test -z "$(ls -d "$data"/upgrade-* 2>/dev/null)"

  say "$format: upgrading to $N1 after mending the window's session"
  mend_problem "$data"
  if $upgrade > "$work/$format-upgrade.log" 2>&1; then passed=$((passed + 1)); else fail "$format: upgrade to $N1"; cat "$work/$format-upgrade.log"; fi
  CHECK_WHAT="$format: $N1 installed" check test "$($installed)" = "$N1"
  CHECK_WHAT="$format: pre-upgrade wrote its manifest" check test -f "$(ls "$data"/upgrade-*/upgrade-manifest.json 2>/dev/null | head -1)"
  CHECK_WHAT="$format: pre-upgrade backed up" check test -n "$(ls "$data"/backups/*.db 2>/dev/null)"
  CHECK_WHAT="$format: the hook ran upgrade-check" check grep -q "checked after the upgrade" "$work/$format-upgrade.log"
  CHECK_WHAT="$format: upgrade-check with $N1" check env HOME="$home" "$launcher" upgrade-check --data-dir "$data"
  CHECK_WHAT="$format: the conversation is intact" check sh -c "env HOME='$home' '$launcher' show '$id' --data-dir '$data' | grep -q 'A real rpm beside the deb.'"
  unset SESSIONDESK_PASSWD JAVA_TOOL_OPTIONS
}

test_deb() {
  command -v dpkg-deb >/dev/null && command -v dpkg >/dev/null || return 3
  local root="$work/deb-root"
  mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
  touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
  SESSIONDESK_VERSION=$N SESSIONDESK_FAST_PACKAGE=1 "$PROJECT_DIR/packaging/build-deb.sh"
  SESSIONDESK_VERSION=$N1 SESSIONDESK_FAST_PACKAGE=1 "$PROJECT_DIR/packaging/build-deb.sh"
  local arch; arch="$(dpkg --print-architecture)"
  dpkg_in() { dpkg --root="$root" --force-script-chrootless --force-depends --force-not-root "$@"; }
  deb_installed() { dpkg-query --root="$root" -W -f='${Version}' sessiondesk 2>/dev/null | sed 's/-1$//'; }
  run_scenario deb "dpkg_in -i $DIST_DIR/${PACKAGE_NAME}_${N}-1_${arch}.deb" \
    "dpkg_in -i $DIST_DIR/${PACKAGE_NAME}_${N1}-1_${arch}.deb" deb_installed "$root/opt/sessiondesk/bin/SessionDesk"
  CHECK_WHAT="deb: icons and metainfo installed" check test -f "$root/usr/share/icons/hicolor/48x48/apps/$APP_ID.png" -a -f "$root/usr/share/metainfo/$APP_ID.metainfo.xml"
}

test_rpm() {
  command -v rpmbuild >/dev/null && command -v rpm >/dev/null || return 3
  local root="$work/rpm-root"
  mkdir -p "$root/db" "$root/opt" "$root/usr"
  rpm --dbpath "$root/db" --initdb
  SESSIONDESK_VERSION=$N SESSIONDESK_FAST_PACKAGE=1 "$PROJECT_DIR/packaging/build-rpm.sh"
  SESSIONDESK_VERSION=$N1 SESSIONDESK_FAST_PACKAGE=1 "$PROJECT_DIR/packaging/build-rpm.sh"
  local arch; arch="$(rpm --eval '%{_arch}')"
  rpm_in() { rpm --dbpath "$root/db" --nodeps --relocate "/opt=$root/opt" --relocate "/usr=$root/usr" "$@"; }
  rpm_installed() { rpm --dbpath "$root/db" -q --qf '%{VERSION}' sessiondesk 2>/dev/null; }
  run_scenario rpm "rpm_in -i $DIST_DIR/${PACKAGE_NAME}-${N}-1.${arch}.rpm" \
    "rpm_in -U $DIST_DIR/${PACKAGE_NAME}-${N1}-1.${arch}.rpm" rpm_installed "$root/opt/sessiondesk/bin/SessionDesk"
  CHECK_WHAT="rpm: icons and metainfo installed" check test -f "$root/usr/share/icons/hicolor/48x48/apps/$APP_ID.png" -a -f "$root/usr/share/metainfo/$APP_ID.metainfo.xml"
}

for format in "${formats[@]}"; do
  set +e
  "test_$format"
  rc=$?
  set -e
  if [ $rc -eq 3 ]; then
    say "$format: skipped — its tools are missing (deb: dpkg-deb; rpm: apt-get install rpm)"
    [ "${SESSIONDESK_REQUIRE_PACKAGES:-0}" = 1 ] && fail "$format tools missing"
  elif [ $rc -ne 0 ]; then
    fail "$format: the test itself stopped (exit $rc)"
  fi
done
echo "test-upgrades: $passed passed, $failures failed"
[ $failures -eq 0 ]
