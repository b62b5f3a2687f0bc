"""What every page's first response carries besides Streamlit's own page: the styles and
scripts its pieces share, sent once with the page instead of with every rerun.

- the download links' look, and the script that fetches a file, retries a restarting
  server and says when a file could not be had (``app.downloads``);
- on a phone, folding the sidebar after a menu link was followed (``app.menu``).
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

PAGE = DOWNLOADS_STYLE + DOWNLOADS_SCRIPT + FOLD_ON_PHONES
