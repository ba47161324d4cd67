/* No request to a missing address: Material's language selector (setupAlternate) fetches a
   "sitemap.xml" next to every <link rel="alternate"> in the head once the page is parsed: seven
   404s per page here (six hreflang links and the Atom feed). Its use of them, sending a reader to
   the same page of a site per language, does not fit this site: the i18n plugin already points
   every language link at the same page in that language. So the links are taken out of Material's
   sight while it looks for them (a capture listener on window runs before its own on document),
   and put back at once. See content/assets/README.md. */
(() => {
  "use strict";
  window.addEventListener("DOMContentLoaded", () => {
    const links = [...document.querySelectorAll("link[rel=alternate]")];
    links.forEach((link) => link.removeAttribute("rel"));
    setTimeout(() => links.forEach((link) => link.setAttribute("rel", "alternate")));
  }, { capture: true, once: true });
})();
