/// The report's styles. `report` styles only the `report-` classes and what is inside `.report`, taking the theme's
/// colours where it has them, so a theme can serve it as a file for the dashboard (whose Content-Security-Policy
/// refuses inline styles); the self-contained document carries `page` and `report` inline. Physical properties
/// (left, right) rather than logical ones, which the Nu checker's CSS validator does not know yet; the report is in
/// English. `.report-table` is positioned so that the hidden words in its cells stay inside its scrolling.
enum ReportStylesheet {
    /// The page around the report when it is a file of its own.
    static let page = """
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5;
          color: #1b1b1b; background: #ffffff; }
        main { max-width: 48rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
        h1, h2, h3, h4, h5 { line-height: 1.25; }

        """

    static let report = """
        .report-course { margin-top: 3rem; padding-top: 0.75rem; border-top: 4px solid var(--colour-brand, #1f4e79); }
        .report-part { margin-top: 2.25rem; }
        .report-subpart { margin-top: 1.75rem; }
        .report-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
        .report-meta dt { font-weight: 700; }
        .report-meta dd { margin: 0; }
        .report-finding { font-weight: 600; border-left: 6px solid var(--colour-brand, #1f4e79); padding-left: 0.75rem; }
        .report-chart { margin: 1rem 0 0.5rem; }
        .report-chart svg { display: block; width: 100%; max-width: 40rem; height: auto; }
        .report-chart-narrow { display: none; }
        .report-summary, .report-note { color: var(--colour-muted, #505a5f); font-size: 0.95rem; }
        .report-table { overflow-x: auto; position: relative; margin: 1rem 0 0.5rem; }
        .report-table:focus-visible { outline: 3px solid var(--colour-focus, #ffbf47); outline-offset: 2px; }
        .report-table table { border-collapse: collapse; width: auto; margin: 0; }
        .report-table caption { text-align: left; font-weight: 700; padding-bottom: 0.25rem; }
        .report-table th, .report-table td { border-bottom: 1px solid var(--colour-border, #b1b4b6); padding: 0.35rem 0.6rem;
          text-align: left; vertical-align: top; }
        .report-table th[scope="row"] { min-width: 6rem; }
        .report-table .report-number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .report-suppressed, .report-undefined { font-style: italic; color: var(--colour-muted, #505a5f); }
        .report-total th, .report-total td { font-weight: 700; border-top: 2px solid var(--colour-text, #1b1b1b); }
        .report-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%);
          white-space: nowrap; }
        /* A phone: the narrow drawing of each chart, and tighter tables. After the rules it overrides. */
        @media (max-width: 32rem) {
          .report-chart-wide { display: none; }
          .report-chart-narrow { display: block; }
          .report-table table { font-size: 0.9375rem; }
          .report-table th, .report-table td { padding: 0.3rem 0.4rem; }
        }
        @media print {
          .report-table { overflow: visible; }
          .report-course { break-before: page; }
        }

        """
}
