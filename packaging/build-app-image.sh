#!/usr/bin/env bash
# Builds a self-contained SessionDesk folder (the app with its own Java runtime) with jpackage:
#   target/dist/SessionDesk/bin/SessionDesk            opens the app
#   target/dist/SessionDesk/bin/SessionDesk verify     runs the command line
# Usage: packaging/build-app-image.sh     (builds the jar first when target/sessiondesk.jar is missing)
source "$(dirname "$0")/common.sh"
stage_input
rm -rf "$DIST_DIR/$APP_NAME"
mapfile -t opts < <(common_options)
jpackage --type app-image "${opts[@]}" --icon "$PROJECT_DIR/icons/png/sessiondesk-256.png"
echo "app image: $DIST_DIR/$APP_NAME ($(du -sh "$DIST_DIR/$APP_NAME" | cut -f1))"
