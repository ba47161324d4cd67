"""Learning Cities Portal: data loading, validation and page generation.

Layout:
  languages.py  the six site languages and the UI strings of generated pages (strings.yml)
  yamlfile.py   safe YAML reading with line numbers (no aliases, no object construction)
  rules.py      the validation rules for city profiles, one function each
  cities.py     loading cities/ into validated City records (uses rules.py)
  network.py    network-level reference data in data/ (award rounds, ...)
  sdg.py        SDG 4 / SDG 11 goals and targets, and case-study themes (data/)
  casestudies.py  loading and validating case-studies/ (front matter rules, one function each)
  awards.py     award rounds (data/learning_city_awards.csv + conferences.csv), checked against profiles
  images.py     pictures named in profiles: real-content checks, cached Pillow derivatives
  localize.py   country, region and number names in the reader's language (Babel/CLDR)
  worldmap.py   the maps' projection and country outlines (data/world/, Natural Earth)
  figures.py    network growth (data/network_growth.csv, with its caveats) and chart geometry
  render.py     the Jinja environment for templates in src/portal/site/templates/
  pages/        one module per family of generated pages (case_studies.py: the case studies with their added sections)
  generate.py   runs every page family and writes changed files into content/ (with each page's edit link and breadcrumbs in its front matter)
  frontmatter.py  fields the generator adds to a page's front matter
  themedata.py  what the theme's templates read (UI strings, home sections), written into overrides/generated/
  build.py      generation once per input state, and whether content/ is current (`portal generate`, the hook while serving)
  siteconfig.py the engine's settings that generation needs (site_url, repo_url, edit_uri), read from mkdocs.yml
  search.py     the Pagefind index of the built site, one per language
  coverage.py   translation coverage per language (pages, names, summaries): `portal coverage`, status page
  scaffold.py   new files from templates: `portal new city`, `portal new case-study`
  siteoutput.py build output MkDocs leaves open: a 404 page per language, the build date from git
  speedups.py   contained speed-ups of MkDocs and the i18n plugin, output byte-identical
  parallel.py   the later half of the languages built in a second (forked) process, then merged
  cli.py        the `portal` command (check, new, coverage, generate, search-index, schema, sources, import-names)
"""
