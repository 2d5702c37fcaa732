#!/usr/bin/env bash
# Builds target/dist/sessiondesk-<version>-1.<arch>.rpm around the app image (built first when
# missing), with the same files as the .deb. Its %pre runs the installed version's `pre-upgrade`
# for every store before an upgrade and fails (so rpm keeps the old version) when one fails; its
# %posttrans runs the new `upgrade-check` (packaging/linux/upgrade-hooks.sh). Needs rpmbuild (on
# Debian: apt-get install rpm). The package is relocatable (prefixes /opt and /usr) so the upgrade
# test can install it into a private folder. SESSIONDESK_FAST_PACKAGE=1 compresses lightly.
source "$(dirname "$0")/common.sh"
command -v rpmbuild >/dev/null || { echo "build-rpm: rpmbuild is missing (apt-get install rpm, or dnf install rpm-build)" >&2; exit 2; }
ensure_app_image
top="$PROJECT_DIR/target/rpm/$APP_VERSION"
rm -rf "$top"
mkdir -p "$top"/{BUILD,RPMS,SOURCES,SPECS,SRPMS,tree}
stage_linux_tree "$top/tree"
spec="$top/SPECS/$PACKAGE_NAME.spec"
{
  sed -e "s|@VERSION@|$APP_VERSION|g" -e "s|@SUMMARY@|$DESCRIPTION|g" -e "s|@TREE@|$top/tree|g" \
      -e "s|@APP_ID@|$APP_ID|g" "$PROJECT_DIR/packaging/linux/sessiondesk.spec.in" | awk '/^%pre$/ { exit } { print }'
  echo "%pre"
  cat "$PROJECT_DIR/packaging/linux/upgrade-hooks.sh"
  cat <<'PRE'
# $1 is the number of versions installed after this one: 2 or more on an upgrade.
if [ "$1" -ge 2 ]; then
  sd_pre_upgrade "${SESSIONDESK_LAUNCHER:-${RPM_INSTALL_PREFIX0:-/opt}/sessiondesk/bin/SessionDesk}" || exit 1
fi
exit 0

%posttrans
PRE
  cat "$PROJECT_DIR/packaging/linux/upgrade-hooks.sh"
  cat <<'POST'
# %posttrans cannot tell an install from an upgrade; stores without a pending manifest are skipped.
sd_post_upgrade "${SESSIONDESK_LAUNCHER:-${RPM_INSTALL_PREFIX0:-/opt}/sessiondesk/bin/SessionDesk}"
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "${RPM_INSTALL_PREFIX1:-/usr}/share/icons/hicolor" || true
exit 0
POST
} > "$spec"
payload="w9.xzdio"
[ "${SESSIONDESK_FAST_PACKAGE:-0}" = 1 ] && payload="w1.gzdio"
rpmbuild -bb --quiet --define "_topdir $top" --define "_binary_payload $payload" "$spec"
rpm_file="$(find "$top/RPMS" -name '*.rpm' | head -1)"
mkdir -p "$DIST_DIR"
cp "$rpm_file" "$DIST_DIR/"
echo "rpm: $DIST_DIR/$(basename "$rpm_file") ($(du -h "$rpm_file" | cut -f1))"
