#!/usr/bin/env bash
# Builds target/dist/sessiondesk_<version>_<arch>.deb with jpackage (needs fakeroot and dpkg-dev).
# It installs to /opt/sessiondesk, adds a menu entry (packaging/linux/SessionDesk.desktop) and the
# icon, and its preinst runs `SessionDesk pre-upgrade` for every user with a SessionDesk store before
# an upgrade replaces the program; a failed check aborts the upgrade (see packaging/README.md).
source "$(dirname "$0")/common.sh"
for tool in fakeroot dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "build-deb: $tool is missing (apt-get install fakeroot dpkg-dev)" >&2; exit 2; }
done
stage_input
mapfile -t opts < <(common_options)
jpackage --type deb "${opts[@]}" \
  --icon "$PROJECT_DIR/icons/png/sessiondesk-256.png" \
  --resource-dir "$PROJECT_DIR/packaging/linux" \
  --install-dir "$(dirname "$INSTALL_DIR")" \
  --linux-package-name "$PACKAGE_NAME" \
  --linux-deb-maintainer "sessiondesk@localhost" \
  --linux-menu-group "Office" \
  --linux-app-category "misc" \
  --linux-shortcut
deb="$(ls -t "$DIST_DIR"/${PACKAGE_NAME}_*.deb | head -1)"
echo "deb: $deb ($(du -h "$deb" | cut -f1))"
