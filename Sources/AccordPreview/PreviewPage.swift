import AccordReports
import Foundation

/// What the preview shows at `/`: the rendered report, with a banner when the
/// last render failed and a small script that reloads the page when a new
/// render is ready. Only these pages carry the script: the report's own files
/// are served as they were rendered.
public enum PreviewPage {
    /// Where the page's script waits for a change: answers `{"version": N}` when the
    /// preview's version is no longer `since`, or after a while with the same version.
    public static let changesPath = "/__accord/changes"

    /// The rendered report `html` with the banner for `error`, if any, and the reload script.
    public static func wrap(_ html: String, version: Int, error: String?) -> String {
        var page = html
        if let error, let body = page.range(of: "<body"), let close = page[body.upperBound...].firstIndex(of: ">") {
            page.insert(contentsOf: "\n" + banner(error, keptRender: true), at: page.index(after: close))
        } else if let error {
            page = banner(error, keptRender: true) + page
        }
        let script = reloadScript(version: version)
        if let end = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: script, at: end.lowerBound)
        } else {
            page += script
        }
        return page
    }

    /// The page when no render has succeeded yet: the error alone.
    public static func failure(_ error: String, title: String, version: Int) -> String {
        document(title: title, body: banner(error, keptRender: false), version: version)
    }

    /// The page while the first render runs.
    public static func waiting(title: String, version: Int) -> String {
        document(title: title, body: "<p>Rendering the report…</p>\n", version: version)
    }

    private static func document(title: String, body: String, version: Int) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLEscaping.escape(title)) (preview)</title></head>
        <body style="font-family: system-ui, sans-serif; margin: 2rem">
        \(body)\(reloadScript(version: version))</body></html>

        """
    }

    /// The error of the last render, set apart at the top of the page.
    static func banner(_ error: String, keptRender: Bool) -> String {
        let note = keptRender
            ? "The report could not be rendered again; below is the last render that worked."
            : "The report could not be rendered."
        return """
            <div id="accord-preview-error" role="alert" style="position: sticky; top: 0; z-index: 1000; margin: 0 0 1rem; \
            padding: 0.75rem 1rem; background: #fdecea; color: #611a15; border: 2px solid #d93025; border-radius: 4px; \
            font: 14px/1.4 system-ui, sans-serif"><strong>\(note)</strong>
            <pre style="margin: 0.5rem 0 0; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace">\(HTMLEscaping.escape(error))</pre></div>

            """
    }

    /// Waits for the next version and reloads; after a failed request (the preview
    /// stopped or restarting) it tries again a second later.
    static func reloadScript(version: Int) -> String {
        """
        <script id="accord-preview-reload">
        (function () {
          var version = \(version);
          function wait() {
            fetch("\(changesPath)?since=" + version, { cache: "no-store" })
              .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
              .then(function (change) { if (change.version !== version) { location.reload(); } else { wait(); } })
              .catch(function () { setTimeout(wait, 1000); });
          }
          wait();
        })();
        </script>

        """
    }
}
