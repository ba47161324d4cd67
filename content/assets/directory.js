/* Member directory: the filter hides non-matching cities (list and map) and counts them (CLDR
   plurals); its state is in the query string (see content/assets/README.md). */
(() => {
  "use strict";
  const form = document.querySelector("form.lcp-filter");
  if (!form) return;
  const lang = document.documentElement.lang;
  // "pekin" finds "Pékin", "عمان" "عمّان"
  const fold = (s) => s.normalize("NFKD").replace(/[\p{M}\u0640]/gu, "").toLowerCase().trim();
  const all = (s) => document.querySelectorAll(s);
  const status = document.querySelector(".lcp-filter-status");
  const away = document.querySelector(".lcp-map-unplaced");
  const awayCount = away.querySelector("[data-forms]");
  const rules = new Intl.PluralRules(lang);
  const num = new Intl.NumberFormat(lang + "-u-nu-latn").format;
  const plural = (el, n, total, forms = JSON.parse(el.dataset.forms)) =>
    (forms[rules.select(n)] || forms.other).replace("{count}", num(n)).replace("{total}", num(total));
  const fields = [...form.elements].filter((el) => el.name);
  let items;

  function read() {
    const markers = {};
    all(".lcp-map a[data-city], .lcp-map-unplaced li").forEach((el) => { (markers[el.dataset.city] ||= []).push(el); });
    return [...all(".lcp-region li[data-city]")].map((li) => {
      const section = li.closest(".lcp-country");
      const d = li.dataset;
      return {
        li, section, marker: markers[d.city] || [],
        region: li.closest(".lcp-region").dataset.region,
        country: section.dataset.country,
        joined: d.joined || "unknown",
        awards: (d.awards || "").split(" "),
        text: fold(`${li.querySelector("a").textContent} ${d.alt || ""} ${section.querySelector("h3").firstChild.textContent}`),
      };
    });
  }

  function apply() {
    items = items || read();
    const { find, region, country, joined, award } = form.elements;
    const query = fold(find.value);
    const shown = new Set();
    let count = 0, unplaced = 0;
    items.forEach((item) => {
      const ok = item.text.includes(query) &&
        (!region.value || item.region === region.value) &&
        (!country.value || item.country === country.value) &&
        (!joined.value || item.joined === joined.value) &&
        (!award.value || (award.value === "any" ? item.awards[0] : item.awards.includes(award.value)));
      item.li.hidden = !ok;
      item.marker.forEach((el) => { el.style.display = ok ? "" : "none"; });
      if (ok) {
        count += 1;
        if (item.marker.some((el) => el.tagName === "LI")) unplaced += 1;
        shown.add(item.section).add(item.region).add(`city:${item.li.dataset.city}`);
      }
    });
    // A numbered circle on the map (nearby cities grouped): its count of cities shown, or hidden.
    all(".lcp-map a[data-cities]").forEach((a) => {
      const n = a.dataset.cities.split(" ").filter((slug) => shown.has(`city:${slug}`)).length;
      a.style.display = a.nextElementSibling.style.display = n ? "" : "none";
      a.nextElementSibling.textContent = num(n);
    });
    all(".lcp-country").forEach((el) => { el.hidden = !shown.has(el); });
    all(".lcp-region").forEach((el) => {
      const heading = document.getElementById(el.dataset.region);
      el.hidden = !shown.has(el.dataset.region);
      if (heading) heading.hidden = el.hidden;
    });
    away.hidden = !unplaced;
    awayCount.textContent = plural(awayCount, unplaced, unplaced);
    status.textContent = plural(status, count, +form.dataset.total);
  }

  function save(push) {
    const params = new URLSearchParams();
    fields.forEach((f) => f.value && params.set(f.name, f.value));
    const qs = `${params}` && `?${params}`;
    if (qs !== location.search) history[push ? "pushState" : "replaceState"](null, "", (qs || location.pathname) + location.hash);
  }
  function load() {
    const params = new URLSearchParams(location.search);
    fields.forEach((f) => { f.value = params.get(f.name) || ""; });
  }

  ["input", "change"].forEach((type) => form.addEventListener(type, (e) => {
    const list = e.target.tagName === "SELECT";
    if ((type === "change") === list) { apply(); save(list); }
  }));
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); save(true); });
  form.addEventListener("reset", () => setTimeout(() => { apply(); save(true); }));
  addEventListener("popstate", () => { load(); apply(); });
  // Work on load only for a filter in the address or restored by the browser.
  addEventListener("pageshow", () => {
    if (location.search) load();
    if (fields.some((f) => f.value)) apply();
  });
})();
