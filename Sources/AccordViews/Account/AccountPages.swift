import Plot

/// Sign-in, setting a password from a one-time link, and changing one's password.
public enum SignInPage {
    public struct Model: Sendable {
        public let login: String
        public let next: String?
        public let error: String?
        public let csrf: String

        public init(login: String, next: String?, error: String?, csrf: String) {
            self.login = login
            self.next = next
            self.error = error
            self.csrf = csrf
        }
    }

    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Sign in", section: .none, chrome: .anonymous) {
            BodyNode.div(
                .class("narrow card"),
                .h1("Sign in"),
                .p(.class("subtitle"), "Goals set with partners, not assigned to them."),
                .unwrap(model.error) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .form(
                    .method(.post), .action(SiteURL.login().path),
                    .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.csrf))),
                    .unwrap(model.next) { .input(.type(.hidden), .name("next"), .value(Format.attribute($0))) },
                    Form.field("login", label: "Sign-in name", value: model.login, type: .text, autocomplete: "username", error: nil),
                    Form.field("password", label: "Password", value: "", type: .password, autocomplete: "current-password", error: nil),
                    .button(.type(.submit), .class("button"), "Sign in")
                )
            )
        }
    }
}

public enum PasswordPage {
    public enum Purpose: Sendable, Equatable {
        /// Setting the first (or a reset) password through a one-time link.
        case link(token: String, userName: String)
        /// A signed-in user changing their password.
        case change
    }

    public struct Model: Sendable {
        public let purpose: Purpose
        public let errors: [String: String]
        public let notice: String?
        public let csrf: String
        public let chrome: PageChrome

        public init(purpose: Purpose, errors: [String: String], notice: String?, csrf: String, chrome: PageChrome) {
            self.purpose = purpose
            self.errors = errors
            self.notice = notice
            self.csrf = csrf
            self.chrome = chrome
        }
    }

    public static func render(_ model: Model) -> String {
        let title: String
        let action: String
        switch model.purpose {
        case .link(let token, _):
            title = "Set your password"
            action = SiteURL.invitation(token).path
        case .change:
            title = "Change your password"
            action = SiteURL.password.path
        }
        return PageLayout.render(title: title, section: .none, chrome: model.chrome) {
            BodyNode.div(
                .class("narrow card"),
                .h1(.text(title)),
                .if(!welcome(model.purpose).isEmpty, .p(.class("subtitle"), .text(welcome(model.purpose)))),
                .unwrap(model.notice) { .div(.class("notice success"), .attribute(named: "role", value: "status"), .text($0)) },
                .unwrap(model.errors["form"]) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .form(
                    .method(.post), .action(Format.attribute(action)),
                    .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.csrf))),
                    .if(
                        model.purpose == .change,
                        Form.field(
                            "current", label: "Current password", value: "", type: .password, autocomplete: "current-password",
                            error: model.errors["current"])
                    ),
                    Form.field(
                        "password", label: "New password (at least 10 characters)", value: "", type: .password,
                        autocomplete: "new-password", error: model.errors["password"]),
                    Form.field(
                        "confirm", label: "New password again", value: "", type: .password, autocomplete: "new-password",
                        error: model.errors["confirm"]),
                    .button(.type(.submit), .class("button"), .text(title))
                )
            )
        }
    }

    static func welcome(_ purpose: Purpose) -> String {
        if case .link(_, let name) = purpose { return "Welcome, \(name). Choose a password to finish setting up your account." }
        return ""
    }
}

/// Form fields with their label and, when the input was refused, the reason right beside them.
public enum Form {
    public static func field(
        _ name: String, label: String, value: String, type: HTMLInputType, autocomplete: String, error: String?
    ) -> Node<HTML.FormContext> {
        .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(name), .text(label)),
            .input(
                .type(type), .name(name), .id(name), .value(Format.attribute(value)),
                .attribute(named: "autocomplete", value: autocomplete),
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                .attribute(named: "aria-describedby", value: error == nil ? nil : name + "-error")
            ),
            .unwrap(error) { .p(.class("field-error"), .id(name + "-error"), .text($0)) }
        )
    }
}

extension Form {
    /// A select that keeps the chosen option selected.
    /// `form` names the form the select belongs to when it stands outside it (HTML's `form` attribute).
    public static func select(
        _ name: String, label: String, selected: String, options: [(String, String)], error: String? = nil, form: String? = nil
    ) -> Node<HTML.FormContext> {
        .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(name), .text(label)),
            .element(
                named: "select",
                nodes: [
                    .attribute(named: "name", value: name), .attribute(named: "id", value: name),
                    .attribute(named: "form", value: form),
                    .group(
                        options.map { value, text in
                            .element(
                                named: "option",
                                nodes: [
                                    // Kept even when empty: without it a browser submits the option's text ("Any stage") instead.
                                    .attribute(named: "value", value: Format.attribute(value), ignoreIfValueIsEmpty: false),
                                    .attribute(named: "selected", value: value == selected ? "selected" : nil),
                                    .text(text),
                                ])
                        }),
                ]),
            .unwrap(error) { .p(.class("field-error"), .id(name + "-error"), .text($0)) }
        )
    }

    /// A multi-line text field that keeps what was typed.
    public static func textArea(_ name: String, label: String, value: String, error: String?, hint: String? = nil) -> Node<HTML.FormContext>
    {
        .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(name), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .text($0)) },
            .element(
                named: "textarea",
                nodes: [
                    .attribute(named: "name", value: name), .attribute(named: "id", value: name), .attribute(named: "rows", value: "3"),
                    .attribute(named: "aria-invalid", value: error == nil ? nil : "true"), .text(value),
                ]),
            .unwrap(error) { .p(.class("field-error"), .id(name + "-error"), .text($0)) }
        )
    }
}
