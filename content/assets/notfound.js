/* The "page not found" page. GitHub Pages serves the site's one /404.html (in the default language)
   for every missing address; a reader who asked for an address under another language's folder
   (/fr/..., /ar/...) is sent to that language's own 404 page. Without JavaScript the page still
   links to every language's home page. */
(function () {
  var script = document.currentScript;
  var base = script.dataset.base;
  var languages = script.dataset.languages.split(" ");
  var path = location.pathname;
  if (path.indexOf(base) !== 0) return;
  var first = path.slice(base.length).split("/")[0];
  var target = base + first + "/404.html";
  if (first !== document.documentElement.lang && languages.indexOf(first) > 0 && path !== target) {
    location.replace(target);
  }
})();
