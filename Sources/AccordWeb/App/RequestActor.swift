import AccordCore
import AccordStore
import Vapor

extension Request {
    /// Who is acting. Until accounts exist (issue "Accounts, roles and partner isolation") the caller
    /// names itself in the `Accord-Actor` and `Accord-Role` headers; writes without them are refused.
    func actor() throws -> Actor {
        guard let name = headers.first(name: "Accord-Actor")?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw InputError("name the acting user in the Accord-Actor header", status: .unauthorized)
        }
        guard let roleText = headers.first(name: "Accord-Role"), let role = Role(rawValue: roleText) else {
            throw InputError(
                "give the acting user's role in the Accord-Role header: "
                    + Role.allCases.map(\.rawValue).joined(separator: ", "),
                status: .unauthorized)
        }
        guard name.count <= 100 else { throw InputError("Accord-Actor is longer than 100 characters", status: .badRequest) }
        return Actor(name: name, role: role)
    }

    var store: AccordStore { AccordStore(database: db) }
    var clock: AccordClock { application.clock }

    /// A UUID path parameter, or 404 when it is not one.
    func id(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw Abort(.notFound, reason: "\(name.replacingOccurrences(of: "ID", with: "")) not found")
        }
        return id
    }
}
