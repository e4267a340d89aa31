// DOM helpers. Data is only ever put into the page as text nodes or attribute values
// (never as HTML), so article text, titles and outlet names cannot inject markup.

const SVG_NS = "http://www.w3.org/2000/svg";

// el("tag.class", {attr: value, onclick: fn}, child, ...) — children: nodes or strings (as text).
export function el(spec, attrs = {}, ...children) {
  const [tag, ...classes] = spec.split(".");
  const node = document.createElement(tag || "div");
  if (classes.length) node.className = classes.join(" ");
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "href") node.setAttribute("href", safeHref(v));
    else if (/^on/i.test(k) || k === "style" || k === "srcdoc") continue; // never from data
    else node.setAttribute(k, v === true ? "" : String(v));
  }
}

export function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// Only our own hash routes and http(s) links are ever made clickable.
export function safeHref(h) {
  const s = String(h);
  if (s.startsWith("#/") || s.startsWith("/")) return s.startsWith("//") ? "#" : s;
  return /^https?:\/\//i.test(s) ? s : "#";
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function fmt(v, dash = "—") {
  return v === null || v === undefined || v === "" ? dash : String(v);
}

export const route = (path, params = {}) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const qs = q.toString();
  return "#/" + path.split("/").map(encodeURIComponent).join("/") + (qs ? "?" + qs : "");
};

export const articleLink = (id, params = {}) => route(`article/${id}`, params);
export const actorLink = (name) => route(`actor/${name}`);

// Stable colour per event type / entity type.
const PALETTE = ["#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const EVENT_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments"];
export function typeColour(t) {
  const i = EVENT_TYPES.indexOf(t);
  if (i >= 0) return PALETTE[i];
  let h = 0;
  for (const ch of String(t)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
