/// The one stylesheet, served by the app at `SiteURL.stylesheet`.
public enum Stylesheet {
    public static let css = """
        :root { --ink: #1d2733; --muted: #5b6b7c; --line: #dfe5ec; --bg: #f5f7fa; --card: #fff;
          --brand: #2f5d8a; --ok: #2e8b57; --risk: #d4880f; --bad: #c0392b; --done: #3d6fb6; --idle: #9aa7b4;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); line-height: 1.45; font-size: 15px; }
        a { color: var(--brand); text-decoration: none; } a:hover { text-decoration: underline; }
        .topbar { background: #17324d; color: #fff; }
        .topbar-inner { max-width: 1200px; margin: 0 auto; padding: 12px 20px; display: flex; gap: 20px; align-items: center; flex-wrap: wrap; }
        .brand { color: #fff; font-weight: 700; font-size: 18px; } .brand-mark { color: #7fb3e6; }
        .program-name { color: #b9c9da; font-size: 14px; }
        .topbar nav { margin-left: auto; display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; min-width: 0; }
        .topbar nav a { color: #d6e3f0; padding: 4px 0; border-bottom: 2px solid transparent; }
        .topbar nav a.active { color: #fff; border-bottom-color: #7fb3e6; }
        .page { max-width: 1200px; margin: 0 auto; padding: 24px 20px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 12px; } h3 { font-size: 16px; margin: 0 0 6px; }
        .subtitle { color: var(--muted); margin: 0 0 20px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
        .card .figure { font-size: 26px; font-weight: 700; } .card .caption { color: var(--muted); font-size: 13px; }
        a.card-link { display: block; color: inherit; text-decoration: none; } a.card-link:hover { border-color: var(--accent, #3b6fd4); }
        .month-weights { display: grid; grid-template-columns: repeat(6, minmax(70px, 1fr)); gap: 8px; margin: 8px 0; }
        .month-weights .field { margin: 0; } .month-weights input { width: 100%; }
        @media (max-width: 600px) { .month-weights { grid-template-columns: repeat(3, 1fr); } }
        .card.seasonality { margin: 14px 0; } .bar.seasonal { fill: #6a8fd8; }
        .sizing-range { font-weight: 600; }
        table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
        th, td { text-align: left; padding: 9px 12px; border-bottom: 1px solid var(--line); vertical-align: middle; }
        th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: #fafbfd; }
        th[scope=row] { font-size: inherit; text-transform: none; letter-spacing: 0; color: inherit; background: none; font-weight: 500; }
        tr:last-child td { border-bottom: none; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; background: #eef2f6; color: var(--muted); white-space: nowrap; }
        .badge.status-on-track, .badge.status-achieved { background: #e3f4ea; color: var(--ok); }
        .badge.status-at-risk { background: #fdf1dc; color: #a0640a; }
        .badge.status-behind { background: #fbe4e1; color: var(--bad); }
        .badge.carried { background: #e8eefb; color: var(--done); }
        .badge.lapsed { background: #fbe4e1; color: var(--bad); }
        .progress { display: block; width: 100%; height: 14px; margin: 6px 0; }
        .progress-track { fill: #e9edf2; } .progress-fill { fill: var(--idle); } .progress-marker { fill: var(--ink); }
        .status-on-track .progress-fill, .status-achieved .progress-fill { fill: var(--ok); }
        .status-at-risk .progress-fill { fill: var(--risk); } .status-behind .progress-fill { fill: var(--bad); }
        .goal { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin-bottom: 14px; }
        .goal-head { display: flex; justify-content: space-between; gap: 12px; flex-wrap: wrap; align-items: baseline; }
        .goal-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 8px; margin: 10px 0; font-size: 14px; }
        .goal-figures .label { color: var(--muted); font-size: 12px; display: block; }
        .behaviour { color: var(--muted); font-style: italic; margin: 4px 0 0; }
        .chart { width: 100%; height: auto; max-width: 720px; display: block; margin-top: 8px; }
        .chart .grid { stroke: #e6ebf0; stroke-width: 1; } .chart .axis-label, .chart .legend text { font-size: 11px; fill: var(--muted); }
        .chart .expected { fill: none; stroke: #9aa7b4; stroke-width: 2; stroke-dasharray: 6 4; }
        .chart .actual { fill: none; stroke: var(--brand); stroke-width: 2.5; }
        .chart .target { stroke: var(--ok); stroke-width: 1.5; stroke-dasharray: 2 3; }
        .chart .today { stroke: var(--ink); stroke-width: 1; opacity: .35; }
        .notice { background: #fff8e6; border: 1px solid #f0dca8; border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
        .empty { background: var(--card); border: 1px dashed var(--line); border-radius: 10px; padding: 28px; text-align: center; color: var(--muted); }
        .meta { display: flex; flex-wrap: wrap; gap: 8px 20px; color: var(--muted); font-size: 14px; margin-bottom: 8px; }
        .narrow { max-width: 420px; margin: 32px auto; }
        .field { margin: 14px 0; display: flex; flex-direction: column; gap: 4px; }
        .field label { font-weight: 600; font-size: 14px; }
        .field input, .field select, .field textarea { font: inherit; padding: 8px 10px; border: 1px solid #c5cfd9; border-radius: 6px; background: #fff; }
        .field input:focus { outline: 2px solid #7fb3e6; border-color: var(--brand); }
        .has-error input { border-color: var(--bad); } .field-error { color: var(--bad); font-size: 13px; margin: 0; }
        .button { font: inherit; font-weight: 600; background: var(--brand); color: #fff; border: 0; border-radius: 6px; padding: 9px 16px; cursor: pointer; }
        .button:hover { background: #244a6f; }
        .notice.error { background: #fbe4e1; border-color: #f0b8b0; } .notice.success { background: #e3f4ea; border-color: #b5dfc5; }
        form.inline { display: inline; margin: 0; }
        .inbox-link .count { display: inline-block; min-width: 20px; margin-left: 6px; padding: 0 6px; border-radius: 10px; background: #f3c24b; color: #1d2733; font-size: 12px; font-weight: 700; text-align: center; }
        .inbox-list { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 8px; }
        .inbox-list li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
        .inbox-list li.overdue { border-left: 4px solid var(--bad); } .inbox-list .what { font-weight: 600; flex: 1 1 320px; overflow-wrap: anywhere; }
        .inbox-list .kind { font-size: 13px; color: var(--muted); flex: 0 0 100%; } .inbox-list .due { font-size: 14px; color: var(--muted); }
        .inbox-list .overdue .due, .inbox-list li.overdue .due { color: var(--bad); font-weight: 600; }
        .turns { list-style: none; padding: 0; margin: 0 0 12px; display: flex; flex-direction: column; gap: 8px; }
        .turn { background: var(--card); border: 1px solid var(--line); border-left: 4px solid #9aa7b4; border-radius: 8px; padding: 8px 12px; max-width: 720px; }
        .turn.vendor { border-left-color: var(--brand); } .turn.partner { border-left-color: var(--ok); margin-left: auto; }
        .turn p { margin: 2px 0; } .turn-head { font-size: 13px; color: var(--muted); } .turn-event { font-weight: 600; }
        .turn-text { white-space: pre-wrap; overflow-wrap: anywhere; }
        .confirm { border: 2px solid var(--bad); } .confirm blockquote { margin: 8px 0; padding: 6px 12px; border-left: 3px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
        .link-button { font: inherit; background: none; border: 0; color: #d6e3f0; cursor: pointer; padding: 4px 0; }
        .link-button:hover { color: #fff; text-decoration: underline; }
        .topbar nav a.user { color: #fff; } .topbar .role { color: #b9c9da; font-size: 13px; }
        .reference-toc { display: flex; flex-wrap: wrap; gap: 8px 18px; margin: 16px 0; }
        .reference-op { margin: 12px 0; } .reference-op table { margin: 8px 0; } .reference-op h3 code { font-size: 15px; }
        .reference-responses { margin: 6px 0 0; padding-left: 18px; font-size: 14px; }
        .method { display: inline-block; min-width: 46px; text-align: center; padding: 1px 6px; border-radius: 6px; font-size: 12px; font-weight: 700; color: #fff; background: #5b6b7c; }
        .method-get { background: #2f7d57; } .method-post { background: #2d5fa8; }
        .muted { color: var(--muted); } .hint { color: var(--muted); font-size: 13px; margin: 0 0 4px; }
        .chart .bar.low { fill: #e5a29a; } .chart .bar.mid { fill: #e9c37a; } .chart .bar.high { fill: #7cc29a; }
        .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 0 12px; align-items: end; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 4px 14px 12px; margin-bottom: 14px; }
        .filter-actions { display: flex; gap: 12px; align-items: center; margin: 14px 0; }
        .pagination { display: flex; gap: 16px; justify-content: center; align-items: center; margin: 16px 0; }
        .section-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; }
        .section-head h2 { margin-bottom: 8px; }
        a.button { display: inline-block; color: #fff; text-decoration: none; }
        .button.secondary { background: #e8eef5; color: var(--brand); } .button.secondary:hover { background: #d7e2ee; }
        .button.danger { background: var(--bad); } .button.danger:hover { background: #a23224; }
        .card.step, .card.grounding, .actions, .pending { margin: 14px 0; }
        .action-row { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
        .action-row form { margin: 0; }
        .inline-form { border-top: 1px solid var(--line); padding-top: 12px; margin-top: 12px; max-width: 520px; }
        .checkbox label { font-weight: normal; }
        .bar-label { font-size: 13px; margin-top: 8px; }
        .tabs { display: flex; flex-wrap: wrap; gap: 4px 18px; border-bottom: 1px solid var(--line); margin: 0 0 18px; }
        .tabs a { padding: 8px 0; color: var(--muted); border-bottom: 2px solid transparent; }
        .tabs a.active { color: var(--ink); border-bottom-color: var(--brand); font-weight: 600; }
        .badge.seg-achiever { background: #e3f4ea; color: var(--ok); } .badge.seg-believer { background: #e8eefb; color: var(--done); }
        .badge.seg-deceiver { background: #fdf1dc; color: #a0640a; } .badge.seg-exit_candidate { background: #fbe4e1; color: var(--bad); }
        .chart.scatter { max-width: 460px; }
        .scatter .quadrant { stroke: #fff; stroke-width: 2; } .scatter .q-achiever { fill: #eef8f2; } .scatter .q-believer { fill: #eef2fb; }
        .scatter .q-deceiver { fill: #fdf6e9; } .scatter .q-exit { fill: #fcefed; }
        .scatter .quadrant-label { font-size: 12px; font-weight: 600; fill: #6b7785; }
        .scatter .dot { stroke: #fff; stroke-width: 1.5; opacity: .9; } .scatter .dot.seg-achiever { fill: var(--ok); }
        .scatter .dot.seg-believer { fill: var(--done); } .scatter .dot.seg-deceiver { fill: #d18a1b; } .scatter .dot.seg-exit_candidate { fill: var(--bad); }
        .share { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .sharebar { width: 90px; height: 8px; } .sharebar .bar.low { fill: #e5a29a; } .sharebar .bar.mid { fill: #e9c37a; } .sharebar .bar.high { fill: #7cc29a; }
        .wall { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
        .achievement .star { color: #d9a300; font-size: 22px; line-height: 1; }
        .badges { display: flex; flex-wrap: wrap; gap: 6px; } .badge.achieved-badge { background: #fff6d6; color: #7a5a00; }
        .grant { color: var(--ok); } .withdrawal { color: var(--bad); }
        .reason { font-size: 13px; color: var(--muted); max-width: 460px; }
        .badge.tier-promote { background: #e3f4ea; color: var(--ok); } .badge.tier-demote { background: #fbe4e1; color: var(--bad); }
        .badge.tier-grace { background: #fdf1dc; color: #a0640a; }
        .benefits-terms p { margin: 4px 0; }
        @media print {
          .topbar, .footer, .no-print, form { display: none !important; }
          body { background: #fff; font-size: 12px; } .page { padding: 0; max-width: none; }
          .card, table, .goal { border-color: #bbb; break-inside: avoid; }
        }
        .footer { text-align: center; color: var(--muted); font-size: 12px; padding: 24px; }
        .table-wrap { overflow-x: auto; }
        @media (max-width: 640px) {
          .page { padding: 16px 12px 32px; } h1 { font-size: 22px; }
          .hide-narrow { display: none; } th, td { padding: 8px; }
          .topbar nav { margin-left: 0; width: 100%; gap: 4px 14px; }
          .topbar .role, .program-name { display: none; }
          .chart .axis-label, .chart .legend text { font-size: 20px; }
          .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; } .card .figure { font-size: 21px; }
          .topbar-inner { gap: 8px 16px; padding: 10px 12px; }
        }
        """
}
