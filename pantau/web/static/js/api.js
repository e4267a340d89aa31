// Fetches JSON from the REST API, adding the bearer token when the server asks for one.
const TOKEN_KEY = "pantau-token";

export class AuthNeeded extends Error {}

export async function getJSON(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const url = "/api/" + path + (q.toString() ? "?" + q : "");
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  const resp = await fetch(url, { headers, credentials: "same-origin" });
  if (resp.status === 401) throw new AuthNeeded("token needed");
  if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
  return resp.json();
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}
