import AccordContract
import Plot

/// The API reference, read from `openapi/openapi.yaml` itself so that it cannot drift from the contract.
public enum APIReferencePage {
    public static func render(_ contract: APIContract, chrome: PageChrome) -> String {
        PageLayout.render(title: "API reference", section: .none, chrome: chrome) {
            BodyNode.h1(.text(contract.title))
            BodyNode.p(
                .class("subtitle"),
                .text("Version \(contract.version) · every path below is relative to \(contract.basePath) · "),
                .a(.href(SiteURL.openAPIDocument.path), "openapi.yaml"))
            BodyNode.div(.class("card reference-intro"), .forEach(paragraphs(contract.description)) { .p(.text($0)) })
            BodyNode.nav(
                .class("reference-toc"), .attribute(named: "aria-label", value: "Sections"),
                .forEach(contract.tags) { tag in .a(.href("#" + tag.name), .text(tag.name.capitalized)) },
                .a(.href("#schemas"), "Schemas"))
            BodyNode.forEach(contract.tags) { tag in
                .section(
                    .id(tag.name),
                    .h2(.text(tag.name.capitalized)),
                    .p(.class("hint"), .text(tag.description)),
                    .forEach(contract.operations.filter { $0.tag == tag.name }) { operation($0, basePath: contract.basePath) })
            }
            BodyNode.section(
                .id("schemas"),
                .h2("Schemas"),
                .forEach(contract.schemas) { schema($0) })
        }
    }

    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").map { $0.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func operation(_ op: APIContract.Operation, basePath: String) -> BodyNode {
        .article(
            .class("card reference-op"), .id(op.id),
            .h3(
                .span(.class("method method-\(op.method.lowercased())"), .text(op.method)), .text(" "),
                .code(.text(basePath + op.path)),
                .if(op.isPublic, .span(.class("badge"), "no sign-in"))),
            .p(.text(op.summary)),
            .if(!op.description.isEmpty, .p(.class("muted"), .text(op.description))),
            .if(
                !op.parameters.isEmpty,
                .table(
                    .tr(.th("Parameter"), .th("In"), .th("Type"), .th("Notes")),
                    .forEach(op.parameters) { p in
                        .tr(
                            .td(.code(.text(p.name))), .td(.text(p.location)), .td(.text(p.type)),
                            .td(.text((p.required ? "required. " : "") + p.description)))
                    })),
            .unwrap(op.body) { body in
                .p(
                    .strong("Body: "), .text(body.mediaType + ", "), schemaLink(body.schema),
                    .text(body.required ? " (required)" : " (optional)"))
            },
            .ul(
                .class("reference-responses"),
                .forEach(op.responses) { response in
                    .li(
                        .strong(.text(response.status == "default" ? "Errors" : response.status)), .text(" — "),
                        .text(oneLine(response.description)),
                        .unwrap(response.schema) { .group(.text(" → "), schemaLink($0)) })
                }))
    }

    /// YAML block text wraps where the author wrapped it; a list item reads better on one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Links a schema name to its table; plain types stay text.
    static func schemaLink(_ type: String) -> BodyNode {
        let name = type.hasPrefix("array of ") ? String(type.dropFirst(9)) : type
        guard let first = name.first, first.isUppercase, !name.contains(" ") else { return .code(.text(type)) }
        return .group(
            .if(type.hasPrefix("array of "), .text("array of ")),
            .a(.href("#schema-" + name), .code(.text(name))))
    }

    static func schema(_ schema: APIContract.Schema) -> BodyNode {
        .article(
            .class("card reference-op"), .id("schema-" + schema.name),
            .h3(.code(.text(schema.name)), .text(" "), .span(.class("muted"), .text(schema.properties.isEmpty ? schema.type : ""))),
            .if(!schema.description.isEmpty, .p(.class("muted"), .text(schema.description))),
            .if(
                !schema.properties.isEmpty,
                .table(
                    .tr(.th("Field"), .th("Type"), .th("Notes")),
                    .forEach(schema.properties) { p in
                        .tr(
                            .td(.code(.text(p.name))), .td(schemaLink(p.type)),
                            .td(.text((p.required ? "required. " : "") + p.description)))
                    })))
    }
}
