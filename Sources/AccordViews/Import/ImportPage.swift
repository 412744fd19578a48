import AccordCore
import Plot

/// Uploading a CSV of sales lines or activity records, and what became of every row.
public enum ImportPage {
    public enum Outcome: Sendable {
        case imported(kind: String, inserted: Int, alreadyPresent: Int, rejected: [RowError], rejectedCount: Int)
        case refused(kind: String, rows: [RowError], total: Int)
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        /// Vendor staff import sales; everyone can import activities (partner users for their own partner).
        public let kinds: [(String, String)]
        public let selectedKind: String
        public let skipInvalid: Bool
        public let outcome: Outcome?
        public let error: String?

        public init(
            chrome: PageChrome, kinds: [(String, String)], selectedKind: String, skipInvalid: Bool, outcome: Outcome?, error: String?
        ) {
            self.chrome = chrome
            self.kinds = kinds
            self.selectedKind = selectedKind
            self.skipInvalid = skipInvalid
            self.outcome = outcome
            self.error = error
        }
    }

    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Import facts", section: .importFacts, chrome: model.chrome) {
            BodyNode.h1("Import facts")
            BodyNode.p(
                .class("subtitle"),
                "Sales lines: transaction_id, partner_key, date, amount, currency, customer[, solution, region]. Activities: activity_id, partner_key, date, metric[, value, subject]. Importing the same file twice counts every row once."
            )
            BodyNode.unwrap(model.outcome) { outcome(model, $0) }
            BodyNode.form(
                .class("card"), .method(.post),
                // The token rides in the address: an upload is not read before it is checked.
                .action(Format.attribute(SiteURL.importFacts.path + "?_csrf=" + (model.chrome.csrf ?? ""))),
                .enctype(.multipartData),
                .unwrap(model.error) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
                Form.select("kind", label: "What the file holds", selected: model.selectedKind, options: model.kinds),
                .div(
                    .class("field checkbox"),
                    .label(
                        .input(
                            .type(.checkbox), .name("skip_invalid"), .value("1"),
                            .attribute(named: "checked", value: model.skipInvalid ? "checked" : nil)),
                        .text(" Import the valid rows and list the others (otherwise a file with a bad row imports nothing)")
                    )
                ),
                // The file comes last: the upload is read as it arrives, and the fields must be known before its rows.
                .div(
                    .class("field"),
                    .label(.for("file"), "CSV file (UTF-8, any size: rows are checked and written as the file uploads)"),
                    .input(.type(.file), .name("file"), .id("file"), .attribute(named: "accept", value: ".csv,text/csv"))
                ),
                .button(.type(.submit), .class("button"), "Import")
            )
        }
    }

    static func outcome(_ model: Model, _ outcome: Outcome) -> BodyNode {
        switch outcome {
        case .imported(let kind, let inserted, let present, let rejected, let count):
            return .div(
                .class("card"),
                .div(
                    .class("notice success"), .attribute(named: "role", value: "status"),
                    .text("Imported \(inserted) new \(kind) row\(inserted == 1 ? "" : "s"); \(present) were already there.")),
                .if(count > 0, .p(.text("\(count) row\(count == 1 ? " was" : "s were") skipped:"))),
                rowTable(rejected)
            )
        case .refused(let kind, let rows, let total):
            return .div(
                .class("card"),
                .div(
                    .class("notice error"), .attribute(named: "role", value: "alert"),
                    .text(
                        "Nothing was imported from the \(kind) file: \(total) problem\(total == 1 ? "" : "s"). Fix the lines below and upload it again."
                    )),
                rowTable(rows)
            )
        }
    }

    static func rowTable(_ rows: [RowError]) -> BodyNode {
        guard !rows.isEmpty else { return .empty }
        return .div(
            .class("table-wrap"),
            .table(
                .tr(.th(.class("num"), "Line"), .th("Problem")),
                .forEach(rows.prefix(500)) { .tr(.td(.class("num"), .text("\($0.line)")), .td(.text($0.reason))) })
        )
    }
}
