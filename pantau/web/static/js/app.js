// The dashboard's router: #/ events, #/search, #/actors, #/actor/NAME, #/stories, #/control, #/outlets,
// #/article/ID.
import { getJSON, setToken, AuthNeeded } from "./api.js";
import { clear } from "./dom.js";
import * as overview from "./overview.js";
import * as article from "./article.js";
import * as actors from "./actors.js";
import * as stories from "./stories.js";
import * as search from "./search.js";
import * as places from "./places.js";

const view = document.getElementById("view");
const errorBox = document.getElementById("error");

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query) };
}

// Each navigation is numbered; only the newest one may mark the page ready, so a slow
// earlier render finishing late never tells a waiting test (or reader) it is done.
let navigation = 0;

async function show() {
  const mine = ++navigation;
  const hash = location.hash;
  const { parts, params } = parseHash();
  const [name = "", arg] = parts;
  errorBox.hidden = true;
  document.querySelectorAll("nav a[data-view]").forEach((a) =>
    a.classList.toggle("current", a.dataset.view === (name || "overview") || (name === "actor" && a.dataset.view === "actors")));
  document.body.dataset.view = name || "overview";
  document.body.dataset.ready = "0";
  try {
    if (name === "article" && arg) await article.render(view, params, arg);
    else if (name === "actor" && arg) await actors.renderOne(view, params, arg);
    else if (name === "actors") await actors.renderList(view, params);
    else if (name === "stories") await stories.render(view, params);
    else if (name === "search") await search.render(view, params);
    else if (name === "control") await places.renderControl(view, params);
    else if (name === "outlets") await places.renderOutlets(view, params);
    else await overview.render(view, params);
    if (name !== "article") window.scrollTo(0, 0);
  } catch (err) {
    if (err instanceof AuthNeeded) {
      document.getElementById("token-box").hidden = false;
      clear(view);
    } else {
      errorBox.textContent = "Could not load this view: " + err.message;
      errorBox.hidden = false;
    }
  }
  if (mine !== navigation) return;
  document.body.dataset.rendered = hash; // which route the ready flag is for
  document.body.dataset.ready = "1"; // tests wait for this
}

async function totals() {
  try {
    const st = await getJSON("stats");
    document.getElementById("totals").textContent =
      `${st.articles} articles · ${st.events} events · ${st.quotes} quotes · ${st.entities} entity mentions`;
  } catch (err) { /* shown by the view */ }
}

document.getElementById("token-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  setToken(document.getElementById("token-input").value.trim());
  document.getElementById("token-box").hidden = true;
  totals();
  show();
});

window.addEventListener("hashchange", show);
totals();
show();
