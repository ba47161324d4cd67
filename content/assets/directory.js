/* Member directory (/members/): the filter form hides the cities that do not match, in the list and
   on the map; the count goes to the role="status" line. Without JavaScript: the full list. */
(() => {
  "use strict";
  const form = document.querySelector("form.lcp-filter");
  if (!form) return;
  // Case- and accent-insensitive matching: "evry" finds "Évry".
  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  const all = (selector) => document.querySelectorAll(selector);
  const status = document.querySelector(".lcp-filter-status");
  const numbers = new Intl.NumberFormat((document.documentElement.lang || "en") + "-u-nu-latn");
  let items; // read from the page on first use, not while it loads

  function read() {
    const markers = {}; // the same city on the map, or in the list of cities not on the map
    all(".lcp-map a[data-city], .lcp-map-unplaced li[data-city]").forEach((el) => { (markers[el.dataset.city] ||= []).push(el); });
    return [...all(".lcp-region li[data-city]")].map((li) => {
      const section = li.closest(".lcp-country");
      const d = li.dataset;
      return {
        li, section, marker: markers[d.city] || [],
        region: li.closest(".lcp-region").dataset.region,
        country: section.dataset.country,
        joined: d.joined || "unknown",
        awards: (d.awards || "").split(" ").filter(Boolean),
        text: fold(`${li.querySelector("a").textContent} ${d.alt || ""} ${section.querySelector("h3").firstChild.textContent}`),
      };
    });
  }

  function apply() {
    items = items || read();
    const { q, region, country, joined, award } = form.elements;
    const query = fold(q.value);
    const shown = new Set();
    let count = 0;
    items.forEach((item) => {
      const ok = item.text.includes(query) &&
        (!region.value || item.region === region.value) &&
        (!country.value || item.country === country.value) &&
        (!joined.value || item.joined === joined.value) &&
        (!award.value || (award.value === "any" ? item.awards.length > 0 : item.awards.includes(award.value)));
      item.li.hidden = !ok;
      item.marker.forEach((el) => { el.style.display = ok ? "" : "none"; });
      if (ok) {
        count += 1;
        shown.add(item.section).add(item.region).add(`city:${item.li.dataset.city}`);
      }
    });
    // A numbered circle on the map (nearby cities grouped): its count of cities shown, or hidden.
    all(".lcp-map a[data-cities]").forEach((a) => {
      const n = a.dataset.cities.split(" ").filter((slug) => shown.has(`city:${slug}`)).length;
      a.style.display = a.nextElementSibling.style.display = n ? "" : "none";
      a.nextElementSibling.textContent = numbers.format(n); // the count, drawn after the link
    });
    all(".lcp-country").forEach((section) => { section.hidden = !shown.has(section); });
    all(".lcp-region").forEach((block) => {
      const heading = document.getElementById(block.dataset.region);
      block.hidden = !shown.has(block.dataset.region);
      if (heading) heading.hidden = block.hidden;
    });
    status.textContent = form.dataset.status
      .replace("{shown}", numbers.format(count))
      .replace("{count}", numbers.format(+form.dataset.total));
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
  form.addEventListener("reset", () => setTimeout(apply));
  // The page loads unfiltered, its status line already filled in; a form the browser restored
  // (back button) is applied once the page is shown.
  addEventListener("pageshow", () => [...new FormData(form).values()].some(Boolean) && apply());
})();
