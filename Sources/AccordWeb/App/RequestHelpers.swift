import AccordCore
import AccordStore
import Vapor

extension Request {
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
