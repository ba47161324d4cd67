/* Learning Cities Portal: instant filtering of the member directory (/members/).
   Progressive enhancement: without this script the page is the full list, grouped by region and
   country. With it, the filter form appears; typing or choosing a region, country, year joined or
   award hides the cities that do not match (in the list and on the map), and the number shown is
   announced through the form's role="status" line. Plain form controls: keyboard-operable as is. */
(function () {
  "use strict";

  function fold(text) {
    // Case- and accent-insensitive matching: "evry" finds "Évry".
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function setup() {
    var form = document.querySelector("form.lcp-filter");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var status = document.querySelector(".lcp-filter-status");
    var lang = document.documentElement.lang || "en";
    var numbers = new Intl.NumberFormat(lang + "-u-nu-latn");
    var total = Number(form.dataset.total);
    var items = Array.prototype.map.call(document.querySelectorAll(".lcp-region li[data-city]"), function (li) {
      var section = li.closest(".lcp-country");
      var heading = section.querySelector("h3");
      return {
        li: li,
        section: section,
        region: li.closest(".lcp-region").dataset.region,
        country: section.dataset.country,
        joined: li.dataset.joined || "unknown",
        awards: (li.dataset.awards || "").split(" ").filter(Boolean),
        text: fold(li.querySelector("a").textContent + " " + (li.dataset.alt || "") + " " +
                   heading.firstChild.textContent),
      };
    });
    // The same city on the map, or in the list of cities not on the map.
    var markers = {};
    document.querySelectorAll(".lcp-map a[data-city], .lcp-map-unplaced li[data-city]").forEach(function (el) {
      markers[el.dataset.city] = el;
    });

    function apply() {
      var q = fold(form.elements.q.value);
      var region = form.elements.region.value;
      var country = form.elements.country.value;
      var joined = form.elements.joined.value;
      var award = form.elements.award.value;
      var shown = 0;
      var visibleSections = new Set();
      var visibleRegions = new Set();
      items.forEach(function (item) {
        var ok = (!q || item.text.indexOf(q) !== -1) &&
          (!region || item.region === region) &&
          (!country || item.country === country) &&
          (!joined || item.joined === joined) &&
          (!award || (award === "any" ? item.awards.length > 0 : item.awards.indexOf(award) !== -1));
        item.li.hidden = !ok;
        var marker = markers[item.li.dataset.city];
        if (marker) marker.style.display = ok ? "" : "none";
        if (ok) {
          shown += 1;
          visibleSections.add(item.section);
          visibleRegions.add(item.region);
        }
      });
      document.querySelectorAll(".lcp-country").forEach(function (section) {
        section.hidden = !visibleSections.has(section);
      });
      document.querySelectorAll(".lcp-region").forEach(function (block) {
        var on = visibleRegions.has(block.dataset.region);
        block.hidden = !on;
        var heading = document.getElementById(block.dataset.region);
        if (heading) heading.hidden = !on;
      });
      status.textContent = form.dataset.status
        .replace("{shown}", numbers.format(shown))
        .replace("{count}", numbers.format(total));
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  // Material's instant navigation is off; document$ exists when Material's bundle has loaded.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
