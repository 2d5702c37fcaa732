#!/usr/bin/env bash
# Renders the SessionDesk icon from sessiondesk.svg into every format the app and installers use:
#   png/sessiondesk-<N>.png for N in 16…1024 (window icons, Linux hicolor theme, jpackage --icon on Linux)
#   sessiondesk.ico  (Windows: 16, 24, 32, 48, 64, 128, 256 in one file)
#   sessiondesk.icns (macOS: 16, 32, 48, 128, 256, 512, 1024)
# Needs rsvg-convert (librsvg2-bin), ImageMagick's convert and png2icns (icnsutils).
# The outputs are committed: packaging uses them without these tools.
set -euo pipefail
cd "$(dirname "$0")"

for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || { echo "build-icons: $tool is missing (see the comment at the top)" >&2; exit 2; }
done

mkdir -p png
sizes=(16 24 32 48 64 128 256 512 1024)
for n in "${sizes[@]}"; do
  rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio sessiondesk.svg -o "png/sessiondesk-$n.png"
done

convert png/sessiondesk-{16,24,32,48,64,128,256}.png sessiondesk.ico

# png2icns picks each PNG's slot from its size; 24 and 64 have no icns slot.
png2icns sessiondesk.icns png/sessiondesk-{16,32,48,128,256,512,1024}.png >/dev/null

echo "icons: $(ls png | wc -l) PNGs, sessiondesk.ico, sessiondesk.icns"
