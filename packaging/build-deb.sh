#!/usr/bin/env bash
# Builds target/dist/sessiondesk_<version>-1_<arch>.deb around the app image (built first when
# missing): /opt/sessiondesk, /usr/bin/sessiondesk, the menu entry, icons at every size and the
# AppStream metainfo. Its preinst runs the installed version's `pre-upgrade` for every store before
# an upgrade and stops the upgrade when one fails; its postinst runs the new `upgrade-check`
# (packaging/linux/upgrade-hooks.sh; see packaging/README.md). Needs dpkg-deb (dpkg).
# SESSIONDESK_FAST_PACKAGE=1 compresses lightly (the upgrade test builds four packages).
source "$(dirname "$0")/common.sh"
command -v dpkg-deb >/dev/null || { echo "build-deb: dpkg-deb is missing (apt-get install dpkg)" >&2; exit 2; }
ensure_app_image
arch="$(dpkg --print-architecture)"
work="$PROJECT_DIR/target/deb/$APP_VERSION"
root="$work/root"
stage_linux_tree "$root"
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: $PACKAGE_NAME
Version: $APP_VERSION-1
Section: misc
Priority: optional
Architecture: $arch
Maintainer: SessionDesk developers <sessiondesk@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libc6, libgtk-3-0 | libgtk-3-0t64, libxtst6, libxxf86vm1, libgl1, libfontconfig1, libfreetype6, libasound2 | libasound2t64
Description: $DESCRIPTION
 SessionDesk is a desktop app for conversations with AI assistants and coding
 agents. Every message is saved before it is shown as sent, each window keeps
 its own conversation across crashes, restarts and upgrades, and a verified
 backup is taken before every upgrade.
CONTROL
render_hook_script "$PROJECT_DIR/packaging/linux/preinst.in" > "$root/DEBIAN/preinst"
render_hook_script "$PROJECT_DIR/packaging/linux/postinst.in" > "$root/DEBIAN/postinst"
chmod 0755 "$root/DEBIAN/preinst" "$root/DEBIAN/postinst"
mkdir -p "$DIST_DIR"
deb="$DIST_DIR/${PACKAGE_NAME}_${APP_VERSION}-1_${arch}.deb"
if [ "${SESSIONDESK_FAST_PACKAGE:-0}" = 1 ]; then compress=(-Zgzip -z1); else compress=(-Zxz); fi
dpkg-deb --root-owner-group "${compress[@]}" --build "$root" "$deb" >/dev/null
echo "deb: $deb ($(du -h "$deb" | cut -f1))"
