/* 404 page: GitHub Pages serves /404.html for every missing address; send a reader who asked for
   /fr/... (another language's folder) to /fr/404.html. Without JavaScript: links to every home page. */
(() => {
  const { base, languages } = document.currentScript.dataset;
  const path = location.pathname;
  const first = path.startsWith(base) && path.slice(base.length).split("/")[0];
  const target = base + first + "/404.html";
  if (first && first !== document.documentElement.lang && languages.split(" ").indexOf(first) > 0 && path !== target) {
    location.replace(target);
  }
})();
