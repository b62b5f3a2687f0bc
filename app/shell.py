"""What every page's first response carries besides Streamlit's own page: the styles and
scripts its pieces share, sent once with the page instead of with every rerun.

- the download links' look, and the script that fetches a file, retries a restarting
  server and says when a file could not be had (``app.downloads``);
- on a phone, folding the sidebar after a menu link was followed (``app.menu``);
- the reading tables' look, on a phone as stacked rows (``geo.htmltable``);
- links to the atlas's own pages opened in the running app, in the same tab, as the
  menu's are (a new session per click would be slower and would pile up tabs);
- a print stylesheet: the view (heading, map, key, tables, sources) on A4, no sidebar.
"""

DOWNLOADS_STYLE = """<style>
.atlas-files { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.atlas-files a { border: 1px solid rgba(49,51,63,.2); border-radius: .5rem; padding: .3rem .75rem;
  color: inherit; text-decoration: none; font-size: .95rem; line-height: 1.6; }
.atlas-files a:hover { border-color: #0072B2; color: #0072B2; }
.atlas-files a:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
.atlas-files-status { flex-basis: 100%; font-size: .9rem; }
.atlas-files-status.failed { color: #B3261E; }
</style>"""
# One listener for the whole page, added once; links are redrawn on every rerun.
DOWNLOADS_SCRIPT = """<script>
if (!window.atlasDownloads) {
  window.atlasDownloads = true;
  var wait = function (ms) { return new Promise(function (r) { setTimeout(r, ms); }); };
  // A server error or no answer is tried again (a restarting replica, a failover).
  var get = function (url, box, tries) {
    var again = function () {
      return wait(700).then(function () { return get(url, box, tries - 1); });
    };
    return fetch(url).then(function (answer) {
      if (answer.ok) return answer.blob();
      if (answer.status >= 500 && tries > 1) return again();
      throw box.dataset.status.replace("{code}", answer.status);
    }, function () {
      if (tries > 1) return again();
      throw box.dataset.offline;
    });
  };
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".atlas-files a[download]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var box = link.closest(".atlas-files"), status = box.querySelector(".atlas-files-status");
    status.className = "atlas-files-status";
    status.textContent = box.dataset.busy;
    get(link.href, box, 3).then(function (blob) {
      var url = URL.createObjectURL(blob), save = document.createElement("a");
      save.href = url; save.download = link.getAttribute("download");
      document.body.appendChild(save); save.click(); save.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      status.textContent = "";
    }).catch(function (why) {
      status.className = "atlas-files-status failed";
      status.textContent = box.dataset.failed.replace("{why}", why);
    });
  });
}
</script>"""
# One listener on the document (links are redrawn on every rerun).
FOLD_ON_PHONES = """<script>
if (!window.atlasMenuFolds) {
  window.atlasMenuFolds = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]');
    var fold = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    // after the click has opened the page: folding at once would swallow it
    if (link && fold && window.innerWidth <= 768) {
      setTimeout(function () { fold.click(); }, 400);
    }
  });
}
</script>"""

MAP_HEIGHT, PHONE_MAP_HEIGHT = 580, 430  # the map's frame: the map and its key under it
TABLE_STYLE = """<style>
.atlas-table { overflow-x: auto; margin: .25rem 0 1rem; }
.atlas-table table { border-collapse: collapse; width: 100%; font-size: .9rem; line-height: 1.4; }
.atlas-table th, .atlas-table td { text-align: left; vertical-align: top; padding: .35rem .6rem;
  border-bottom: 1px solid rgba(49,51,63,.12); }
.atlas-table th { font-weight: 600; color: rgba(49,51,63,.75); border-bottom-width: 2px; }
.atlas-table td a { color: #0b5394; }
@media (max-width: 640px) {
  iframe[title="streamlit_folium.st_folium"] { height: PHONE_MAP_HEIGHTpx !important; }
  .st-key-atlas-controls { gap: .5rem .75rem !important; }
  .st-key-atlas-controls > * { width: 100% !important; max-width: none !important;
    flex: 1 1 100% !important; }
  .st-key-atlas-controls > :has(.stDateInput), .st-key-atlas-controls > .st-key-borders {
    flex: 1 1 40% !important; width: 40% !important; }
  .atlas-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  .atlas-table table, .atlas-table tbody, .atlas-table tr, .atlas-table td { display: block; }
  .atlas-table tr { padding: .45rem 0; border-bottom: 1px solid rgba(49,51,63,.15); }
  .atlas-table td { display: grid; grid-template-columns: 7.5rem 1fr; gap: .5rem;
    border: 0; padding: .1rem 0; overflow-wrap: anywhere; }
  .atlas-table td::before { content: attr(data-label); color: rgba(49,51,63,.6); }
  .atlas-table td:empty { display: none; }
}
@media print {
  @page { size: A4; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stDecoration"], .atlas-files, [data-testid="stPopover"],
  [data-testid="stBaseButton-secondary"], [data-testid="stButton"] { display: none !important; }
  [data-testid="stMain"], [data-testid="stAppViewContainer"], .stMain { margin: 0 !important;
    padding: 0 !important; overflow: visible !important; }
  [data-testid="stMainBlockContainer"] { max-width: none !important; padding: 0 !important; }
  .atlas-table { overflow: visible; }
  .atlas-table tr, iframe, [data-testid="stVegaLiteChart"] { break-inside: avoid; }
  .atlas-table td a::after { content: ""; }
}
</style>"""
# Same-origin links to a page of the atlas (not files, not the API) open in the running
# app: history.pushState and a popstate event, which Streamlit's router follows. A click
# with a modifier key, or from inside an embedded view, keeps the browser's own behaviour.
PAGE_LINKS = r"""<script>
if (!window.atlasPageLinks) {
  window.atlasPageLinks = true;
  var pages = /^\/(|summit|attendance|overlap|country|changes|data)$/;
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (!link || link.hasAttribute("download") || event.defaultPrevented) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (new URL(location.href).searchParams.get("embed") === "true") return;
    var to = new URL(link.getAttribute("href"), location.href);
    if (to.origin !== location.origin || !pages.test(to.pathname)) return;
    if (link.closest('[data-testid^="stPageLink"], [data-testid="stSidebarNav"]')) return;
    event.preventDefault();
    if (to.href !== location.href) {
      history.pushState(null, "", to.pathname + to.search);
      dispatchEvent(new PopStateEvent("popstate", {state: null}));
    }
    toTop();
  }, true);
  // The page scrolls in stMain, not in the window.
  function toTop() {
    var main = document.querySelector('[data-testid="stMain"]');
    if (main) { main.scrollTo(0, 0); }
    scrollTo(0, 0);
  }
  // A new organisation or summit chosen in a picker makes a new page: when its heading
  // changes while scrolled out of sight, bring it back (Play and other changes that the
  // reader did not make in a picker leave the scroll alone).
  var picked = 0, heading = "";
  ["pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var picker = event.target.closest && event.target.closest(
        '[data-testid="stSelectbox"], [data-testid="stMultiSelect"], [role="listbox"]');
      if (picker) { picked = Date.now(); }
    }, true);
  });
  // Enter in a date field applies the date typed. Streamlit applies it only on a press
  // outside the field (leaving it by Tab stops at its calendar button), so Enter makes one.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.closest) { return; }
    if (!event.target.closest('[data-testid="stDateInput"]')) { return; }
    event.preventDefault();
    ["pointerdown", "mousedown", "pointerup", "mouseup"].forEach(function (type) {
      var Kind = type.indexOf("pointer") === 0 ? PointerEvent : MouseEvent;
      document.body.dispatchEvent(new Kind(type, {bubbles: true}));
    });
  }, true);
  new MutationObserver(function () {
    var top = document.querySelector(
      '[data-testid="stMain"] :is(h1, h2, h3)');  // the page's heading comes first
    if (!top || top.textContent === heading) { return; }
    var before = heading;
    heading = top.textContent;
    if (before && Date.now() - picked < 5000 && top.getBoundingClientRect().top < 0) { toTop(); }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}
</script>"""

TABLE_STYLE = TABLE_STYLE.replace("PHONE_MAP_HEIGHT", str(PHONE_MAP_HEIGHT))
PAGE = TABLE_STYLE + PAGE_LINKS + DOWNLOADS_STYLE + DOWNLOADS_SCRIPT + FOLD_ON_PHONES
