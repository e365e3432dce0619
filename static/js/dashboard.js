// The coordinator's dashboard: charts (Chart.js) and the map (an SVG drawn from the vendored
// Natural Earth borders, and the host countries' provinces, states and regions). Everything drawn here is also in the tables on the page, so the
// page says the same without JavaScript; data comes from json_script, never inline code.
"use strict";

function readJson(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

function drawCharts(charts) {
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const name = canvas.dataset.chart;
    if (name === "indicator_progress") {
      const rows = charts.indicator_progress;
      // Progress as a share of the target, so indicators in different units line up.
      new Chart(canvas, {
        type: "bar",
        data: {
          // Indicator names alone fit beside the bars on a phone; the tooltip names the project.
          labels: rows.map((row) => row.name),
          datasets: [{
            label: "%",
            data: rows.map((row) => (row.target ? Math.round((100 * row.actual) / row.target) : 0)),
          }],
        },
        options: {
          indexAxis: "y",
          maintainAspectRatio: false,
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { title: (items) => rows[items[0].dataIndex].label } },
          },
          scales: { x: { suggestedMax: 100 } },
        },
      });
      return;
    }
    const rows = charts[name];
    const kind = canvas.dataset.kind;
    new Chart(canvas, {
      type: kind,
      data: {
        labels: rows.map((row) => row.label),
        datasets: [{ data: rows.map((row) => row.value) }],
      },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { display: kind === "doughnut" } },
      },
    });
  });
}

const SVG = "http://www.w3.org/2000/svg";

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
  return element;
}

// An equirectangular projection fitted to the places shown, with a margin: the programmes
// work in a few neighbouring countries, where the distortion is small.
function fitProjection(points, width, height) {
  const lons = points.map((p) => p.longitude);
  const lats = points.map((p) => p.latitude);
  const margin = 4;
  const west = Math.min(...lons) - margin;
  const east = Math.max(...lons) + margin;
  const south = Math.min(...lats) - margin;
  const north = Math.max(...lats) + margin;
  const scale = Math.min(width / (east - west), height / (north - south));
  const offsetX = (width - scale * (east - west)) / 2;
  const offsetY = (height - scale * (north - south)) / 2;
  return ([lon, lat]) => [offsetX + scale * (lon - west), offsetY + scale * (north - lat)];
}

function ringPath(ring, project) {
  return ring.map((position, index) => {
    const [x, y] = project(position);
    return `${index ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join("") + "Z";
}

function geometryPath(geometry, project) {
  if (!geometry) {
    return "";
  }
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map((ring) => ringPath(ring, project)).join("")).join("");
}

// Points are not links: the map is one picture for assistive technology (the tables below
// carry the links), so nothing inside it may take the keyboard focus.
function addPoint(svg, project, point, className, title) {
  const [x, y] = project([point.longitude, point.latitude]);
  const circle = svgElement("circle", { cx: x, cy: y, r: 6, class: className });
  const tooltip = svgElement("title", {});
  tooltip.textContent = title;
  circle.appendChild(tooltip);
  svg.appendChild(circle);
}

async function drawMap(container, points) {
  const places = [...points.projects, ...points.volunteers];
  if (!places.length) {
    return;
  }
  const response = await fetch(container.dataset.topology);
  const topology = await response.json();
  const countries = topojson.feature(topology, topology.objects.countries);
  const width = 800;
  const height = 500;
  const project = fitProjection(places, width, height);
  const svg = svgElement("svg", { viewBox: `0 0 ${width} ${height}`, "aria-hidden": "true" });
  const borders = svgElement("g", {});
  countries.features.forEach((feature) => {
    const path = geometryPath(feature.geometry, project);
    if (path) {
      borders.appendChild(svgElement("path", { d: path, class: "map-country" }));
    }
  });
  svg.appendChild(borders);
  const regions = svgElement("g", {});
  svg.appendChild(regions);
  points.projects.forEach((point) => {
    addPoint(svg, project, point, "map-project", point.label);
  });
  points.volunteers.forEach((point) => {
    // One marker per place for the volunteers in country there, a little off the projects' own
    // so both stay visible; it takes the most pressing last check-in among them.
    const shifted = { ...point, longitude: point.longitude + 0.15 };
    const state = point.check_in_status ? ` map-volunteer-${point.check_in_status}` : "";
    addPoint(svg, project, shifted, `map-volunteer${state}`, point.label);
  });
  container.replaceChildren(svg);
  if (container.dataset.admin1) {
    drawRegions(regions, container.dataset.admin1, project);
  }
}

// The host countries' first-level divisions (Nepal's provinces, Myanmar's states and regions),
// drawn once the map is up, under the points: thin lines, each region named by its <title> on
// hover. The svg stays hidden from assistive technology, so the names add nothing there.
// Without the file the map keeps its country borders.
async function drawRegions(group, url, project) {
  let topology;
  try {
    const response = await fetch(url);
    if (!response.ok) {
      return;
    }
    topology = await response.json();
  } catch (error) {
    return;
  }
  Object.values(topology.objects || {}).forEach((object) => {
    topojson.feature(topology, object).features.forEach((feature) => {
      const path = geometryPath(feature.geometry, project);
      if (!path) {
        return;
      }
      const region = svgElement("path", { d: path, class: "map-region" });
      const name = svgElement("title", {});
      name.textContent = feature.properties.name;
      region.appendChild(name);
      group.appendChild(region);
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const charts = readJson("dashboard-charts");
  if (charts && window.Chart) {
    drawCharts(charts);
  }
  const points = readJson("dashboard-map");
  const container = document.querySelector("[data-map]");
  if (points && container && window.topojson) {
    drawMap(container, points);
  }
});
