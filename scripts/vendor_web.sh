#!/bin/sh
# Copy the dashboard's third-party front-end assets into pantau/web/static/vendor/
# so that nothing is loaded from a CDN at run time. Run once at set-up (needs npm);
# the output is small and committed, so a fresh checkout works without npm.
#   Leaflet 1.9.4        (BSD-2-Clause)  map
#   swagger-ui-dist 5.x  (Apache-2.0)    OpenAPI docs at /docs
#   world-atlas 2.0.2    (ISC; data: Natural Earth 1:110m, public domain) country borders
set -eu
LEAFLET=1.9.4
SWAGGER=5.35.0
ATLAS=2.0.2
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/pantau/web/static/vendor"
python="${PYTHON:-$here/.venv/bin/python}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "leaflet@$LEAFLET" "swagger-ui-dist@$SWAGGER" "world-atlas@$ATLAS" >/dev/null
for t in *.tgz; do mkdir "${t%.tgz}" && tar -xzf "$t" -C "${t%.tgz}"; done
mkdir -p "$out/leaflet" "$out/swagger-ui"
cp "leaflet-$LEAFLET/package/dist/leaflet.js" "leaflet-$LEAFLET/package/dist/leaflet.css" \
   "leaflet-$LEAFLET/package/LICENSE" "$out/leaflet/"
cp "swagger-ui-dist-$SWAGGER/package/swagger-ui-bundle.js" "swagger-ui-dist-$SWAGGER/package/swagger-ui.css" \
   "swagger-ui-dist-$SWAGGER/package/LICENSE" "$out/swagger-ui/"
# the bundle points at a source map we do not ship
sed -i '/^\/\/# sourceMappingURL=/d' "$out/swagger-ui/swagger-ui-bundle.js" "$out/swagger-ui/swagger-ui.css" "$out/leaflet/leaflet.js"
"$python" "$here/scripts/topojson_to_geojson.py" "world-atlas-$ATLAS/package/countries-110m.json" \
   "$out/countries-110m.geojson"
cp "world-atlas-$ATLAS/package/LICENSE" "$out/world-atlas.LICENSE"
echo "vendored into $out:"; ls -la "$out" "$out/leaflet" "$out/swagger-ui"
