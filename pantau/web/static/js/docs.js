// OpenAPI explorer from the vendored swagger-ui bundle (kept out of the page: CSP allows no inline script).
window.addEventListener("DOMContentLoaded", () => {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
