# The upgrade safeguard shared by every Linux package (.deb preinst/postinst, .rpm %pre/%posttrans).
# build-deb.sh and build-rpm.sh paste this file into each maintainer script, because a package's
# pre-install step runs before its own files exist. POSIX sh only: dash and bash both run it.
#
# For every user's SessionDesk store it runs the INSTALLED (old) version's `pre-upgrade` as that
# user before the new version is unpacked — a verified backup, an export of the sessions open in
# windows and an upgrade manifest — and stops the upgrade when any of them fails. After the new
# version is in place it runs the new version's `upgrade-check` against that manifest.
#
# The stores are found in each user's default data folder and in the index the app keeps of every
# folder it has opened (~/.config/sessiondesk/data-folders: --data-dir and SESSIONDESK_DATA_DIR).
#
# Test seams (documented in packaging/README.md): SESSIONDESK_PASSWD names a passwd-format file to
# read the users from instead of `getent passwd`; SESSIONDESK_SKIP_PRE_UPGRADE=1 skips the step.

sd_tab="$(printf '\t')"

sd_users() {
  if [ -n "${SESSIONDESK_PASSWD:-}" ]; then
    cat "$SESSIONDESK_PASSWD"
  else
    getent passwd
  fi
}

# Prints "user<TAB>home<TAB>data folder" for every store, each once. Only folders the user owns:
# pre-upgrade never runs as one user on another user's store.
sd_stores() {
  sd_users | while IFS=: read -r user _ uid _ _ home _; do
    case "$uid" in ''|*[!0-9]*) continue ;; esac
    [ "$uid" -ge 1000 ] || [ "$uid" -eq 0 ] || continue
    [ -n "$home" ] && [ -d "$home" ] || continue
    {
      printf '%s\n' "$home/.local/share/sessiondesk"
      [ -f "$home/.config/sessiondesk/data-folders" ] && cat "$home/.config/sessiondesk/data-folders"
    } | while IFS= read -r dir; do
      [ -n "$dir" ] && [ -f "$dir/sessions.db" ] || continue
      owner="$(stat -c %u "$dir" 2>/dev/null || echo none)"
      [ "$owner" = "$uid" ] || { echo "sessiondesk: skipping $dir: it does not belong to $user" >&2; continue; }
      printf '%s\t%s\t%s\n' "$user" "$home" "$dir"
    done
  done | sort -u
}

# Runs "$launcher <command> --data-dir DIR" as the store's owner, never as root on a user's files.
sd_run_as() {
  user="$1" home="$2" launcher="$3" command="$4" dir="$5"
  if [ "$(id -un)" = "$user" ]; then
    env HOME="$home" "$launcher" "$command" --data-dir "$dir"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$user" -- env HOME="$home" "$launcher" "$command" --data-dir "$dir"
  else
    su -s /bin/sh "$user" -c "HOME='$home' '$launcher' '$command' --data-dir '$dir'"
  fi
}

# Before the new version is unpacked. Returns non-zero (stopping the upgrade) when any store fails.
sd_pre_upgrade() {
  launcher="$1"
  if [ "${SESSIONDESK_SKIP_PRE_UPGRADE:-0}" = 1 ]; then
    echo "sessiondesk: pre-upgrade skipped (SESSIONDESK_SKIP_PRE_UPGRADE=1)"
    return 0
  fi
  if [ ! -x "$launcher" ]; then
    echo "sessiondesk: the installed version has no launcher at $launcher; nothing to prepare"
    return 0
  fi
  # A version from before pre-upgrade existed cannot prepare; the new version backs up before migrating.
  if ! "$launcher" help pre-upgrade >/dev/null 2>&1; then
    echo "sessiondesk: the installed version has no pre-upgrade command; the new version will back up on its first start"
    return 0
  fi
  failed=0
  list="$(mktemp)"
  sd_stores > "$list" || true
  while IFS="$sd_tab" read -r user home dir; do
    echo "sessiondesk: preparing $dir for the upgrade (user $user)"
    if ! sd_run_as "$user" "$home" "$launcher" pre-upgrade "$dir" </dev/null; then
      echo "sessiondesk: pre-upgrade failed for $dir (user $user); the upgrade is stopped so nothing is lost." >&2
      echo "sessiondesk: fix the reason above (e.g. quit SessionDesk), then upgrade again." >&2
      failed=1
    fi
  done < "$list"
  rm -f "$list"
  return $failed
}

# After the new version is in place: check every store that pre-upgrade prepared. A failed check
# cannot undo the upgrade (the old files are gone), so it is reported loudly with the way back: the
# verified backup and the export that pre-upgrade left in the store's upgrade-<time> folder.
sd_post_upgrade() {
  launcher="$1"
  [ -x "$launcher" ] || return 0
  list="$(mktemp)"
  sd_stores > "$list" || true
  while IFS="$sd_tab" read -r user home dir; do
    ls "$dir"/upgrade-*/upgrade-manifest.json >/dev/null 2>&1 || continue
    if sd_run_as "$user" "$home" "$launcher" upgrade-check "$dir" </dev/null; then
      echo "sessiondesk: $dir checked after the upgrade: every session and window as before"
    else
      echo "sessiondesk: WARNING: $dir does not match what pre-upgrade recorded; its backup and export are in $dir/upgrade-*/ and $dir/backups/ (sessiondesk restore --backup FILE)" >&2
    fi
  done < "$list"
  rm -f "$list"
  return 0
}
