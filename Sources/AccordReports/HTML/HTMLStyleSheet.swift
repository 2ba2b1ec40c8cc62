/// The report page's style: system fonts only (with CJK fallbacks, so Hangul names render),
/// readable on screen, on a phone and on A4 paper.
enum HTMLStyleSheet {
    /// The running header of printed pages: the report's title and period at the top of
    /// every page but the first.
    static func runningHeader(_ text: String) -> String {
        "@page { @top-left { content: \"\(cssString(text))\"; font: 8pt sans-serif; color: #59636e; } }\n"
            + "@page :first { @top-left { content: none; } }"
    }

    /// `text` as the inside of a CSS string: anything but letters, digits, spaces and plain
    /// punctuation as a hexadecimal escape, so that no text can end the string or the style.
    static func cssString(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || (scalar.value < 128 && " .,:;()-–·0123456789".unicodeScalars.contains(scalar))
                || scalar == "–" || scalar == "·" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out
    }

    /// What the index pages add: a table of periods whose figures and files wrap within their cells.
    static let index = """
    table.index td { vertical-align: top; }
    table.index td:first-child, table.index .day { white-space: nowrap; }
    table.index .delta { color: var(--muted); font-size: .85em; white-space: nowrap; }
    h2 a { text-decoration: none; }
    /* On a phone each period is a card: its label, its figures, its files, one under the other. */
    @media (max-width: 40rem) {
      table.index, table.index tbody, table.index tr, table.index td { display: block; overflow: visible; }
      table.index thead { display: none; }
      table.index tr { padding: .5rem 0; border-bottom: 1px solid var(--line); }
      table.index td { border: 0; padding: .1rem 0; }
      table.index td:first-child { font-weight: 600; }
      table.index .day::before { content: "Rendered "; color: var(--muted); }
    }
    """

    static let css = """
    :root {
      --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
      --accent: #0b5cad; --up: #1a7f37; --down: #c4251f;
    }
    * { box-sizing: border-box; }
    body {
      margin: 0; background: #fff; color: var(--ink);
      font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
        "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif;
    }
    main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
    .report-header { border-bottom: 2px solid var(--ink); padding-bottom: .75rem; margin-bottom: 1.5rem; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; }
    h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.2rem 0 .8rem; }
    h3 { font-size: 1.15rem; line-height: 1.3; margin: 1.6rem 0 .6rem; }
    h4 { font-size: 1rem; margin: 1.3rem 0 .5rem; }
    p { margin: 0 0 1rem; }
    a { color: var(--accent); }
    code {
      font: .88em/1 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      background: var(--soft); border-radius: 4px; padding: .15em .35em;
    }
    .period { margin: 0; color: var(--muted); }
    nav.periods { margin: 0 0 .6rem; font-size: .85rem; color: var(--muted); }
    .workspace {
      margin: 0 0 .2rem; color: var(--muted); font-size: .8rem; font-weight: 600;
      letter-spacing: .04em; text-transform: uppercase;
    }
    .note {
      margin: 0 0 1rem; padding: .6rem .9rem; color: var(--muted); background: var(--soft);
      border-left: 4px solid var(--line); border-radius: 0 6px 6px 0;
    }
    .note p { margin: 0; }
    footer.source { margin-top: 2.5rem; padding-top: 0.75rem; border-top: 1px solid #d0d7de; color: #57606a; font-size: 0.8rem; }
    footer.source p { margin: 0 0 0.25rem; }
    .figures {
      display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
      gap: .75rem; margin: 0 0 1.5rem;
    }
    .figure { border: 1px solid var(--line); border-radius: 8px; padding: .75rem .9rem; }
    .figure-label { color: var(--muted); font-size: .88rem; }
    .figure-value {
      font-size: 1.7rem; font-weight: 650; line-height: 1.2; margin: .2rem 0 .5rem;
      font-variant-numeric: tabular-nums; overflow-wrap: break-word;
    }
    .figure-value.long { font-size: 1.2rem; line-height: 1.45; }
    .sparkline { display: block; margin: -.2rem 0 .4rem; }
    td.trend { padding-top: .2rem; padding-bottom: 0; }
    td.trend .sparkline { margin: 0; width: 4.5rem; height: 1.2rem; }
    .changes {
      display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem;
      margin: 0; font-size: .82rem; font-variant-numeric: tabular-nums;
    }
    .changes dt { color: var(--muted); }
    .changes dd { margin: 0; text-align: right; }
    .up { color: var(--up); }
    .down { color: var(--down); }
    .new { color: var(--accent); }
    .flat, .absent { color: var(--muted); }
    .traced { text-decoration: underline dotted #8c959f; text-underline-offset: .2em; cursor: help; }
    table {
      width: 100%; border-collapse: collapse; margin: 0 0 1.5rem;
      font-size: .92rem; font-variant-numeric: tabular-nums;
    }
    caption, .list-title { text-align: left; font-weight: 600; padding-bottom: .4rem; }
    caption.unseen { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    .list-title { margin: 0; }
    th, td { padding: .35rem .6rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
    thead th { font-weight: 600; border-bottom: 2px solid var(--ink); }
    tbody tr:nth-child(even) { background: #fafbfc; }
    tfoot td { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: 0; }
    .num { text-align: right; white-space: nowrap; }
    figure.chart { margin: 0 0 1.5rem; }
    figure.chart svg { display: block; width: 100%; max-width: 42rem; height: auto; }
    figure.chart svg.narrow { display: none; }
    .partnerships ol { list-style: none; margin: 0 0 1.5rem; padding: 0; }
    .partnership { padding: .65rem 0; border-bottom: 1px solid var(--line); }
    .partnership:target { background: #fff8c5; }
    .partnership-head { display: flex; gap: .75rem; align-items: baseline; }
    .date { min-width: 6rem; color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
    .partnership-title { font-weight: 600; }
    .meta, .parties, .sources { margin: .2rem 0 0 6.75rem; font-size: .85rem; }
    .meta { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
    .form, .parties, .sources { color: var(--muted); }
    .chip {
      display: inline-block; padding: 0 .5rem; border-radius: 999px; line-height: 1.6;
      font-size: .78rem; background: #ddf4ff; color: #0a3069;
    }
    @media (max-width: 40rem) {
      main { padding: 1.25rem 1rem 2rem; }
      figure.chart svg.wide { display: none; }
      figure.chart svg.narrow { display: block; max-width: 340px; }
      /* A wide table scrolls sideways in its place; the page never does. */
      table { display: block; overflow-x: auto; }
      .partnership-head { display: block; }
      .meta, .parties, .sources { margin-left: 0; }
    }
    @page {
      size: A4; margin: 18mm 16mm 20mm;
      @bottom-right { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #59636e; }
    }
    @media print {
      body { font-size: 10pt; }
      nav.periods { display: none; }
      main { max-width: none; padding: 0; }
      a { color: inherit; }
      .traced { text-decoration: none; }
      figure.chart svg.wide { display: block; max-width: 30rem; }
      figure.chart svg.narrow { display: none; }
      /* The list is for reading through on paper: compact, the details under the title. */
      .partnership { padding: .3rem 0; font-size: 9pt; }
      .partnership-head { gap: .5rem; }
      .date { min-width: 4.5rem; }
      .meta, .parties, .sources { margin: .05rem 0 0 5rem; font-size: 8pt; }
      tbody tr:nth-child(even) { background: none; }
      thead { display: table-header-group; }
      /* Key figures side by side, and tables a size smaller, as the page is narrower than a screen. */
      .figures { grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); }
      table { font-size: 9pt; }
      tr, .figure, figure.chart, .partnership, .note { break-inside: avoid; }
      /* A table's header never stays alone at the foot of a page: its first rows go with it. */
      thead { break-after: avoid; }
      tbody tr:first-child, tbody tr:nth-child(2) { break-before: avoid; }
      h2, h3, h4, caption, .list-title { break-after: avoid; }
    }
    """
}
